//! Markdown to safe HTML: never a panic, never a script element, an event handler or a
//! `javascript:` URL inside a tag (text may say anything: it is escaped).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = postmortem::render::markdown::to_html(text).to_ascii_lowercase();
    // Text content never holds a raw `<`, so every `<…>` is a tag.
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("")) {
        assert!(!tag.starts_with("script"), "{html}");
        assert!(!tag.contains("javascript:") && !tag.contains("vbscript:") && !tag.contains("data:"), "{tag}");
        assert!(!tag.split_whitespace().skip(1).any(|a| a.starts_with("on")), "{tag}");
    }
    let _ = postmortem::render::markdown::escape_inline(text);
    let _ = postmortem::render::markdown::table_cell(text);
});
