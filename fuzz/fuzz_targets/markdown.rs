//! Markdown to safe HTML: never a panic, never a script or an event handler.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = postmortem::render::markdown::to_html(text).to_ascii_lowercase();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:") || !html.contains("href=\"javascript:"), "{html}");
    let _ = postmortem::render::markdown::escape_inline(text);
    let _ = postmortem::render::markdown::table_cell(text);
});
