//! Markdown to safe HTML: never a panic, never a script element, an event handler, or a
//! link or source whose scheme can run code (text may say anything: it is escaped).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = postmortem::render::markdown::to_html(text).to_ascii_lowercase();
    // Text content never holds a raw `<`, so every `<…>` is a tag.
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("")) {
        assert!(!tag.starts_with("script"), "{html}");
        assert!(!tag.split_whitespace().skip(1).any(|a| a.starts_with("on")), "{tag}");
        for attr in ["href=\"", "src=\""] {
            for value in tag.split(attr).skip(1).map(|v| v.split('"').next().unwrap_or("")) {
                let scheme = value.trim_start();
                assert!(
                    !["javascript:", "vbscript:", "data:"].iter().any(|s| scheme.starts_with(s)),
                    "{tag}"
                );
            }
        }
    }
    let _ = postmortem::render::markdown::escape_inline(text);
    let _ = postmortem::render::markdown::table_cell(text);
});
