//! Markdown to safe HTML: never a panic, never a script element, an event handler, or a
//! link or source whose scheme can run code (text may say anything: it is escaped).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = postmortem::render::markdown::to_html(text).to_ascii_lowercase();
    // Text content never holds a raw `<`, so every `<…>` is a tag.
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("")) {
        assert!(!tag.starts_with("script"), "{html}");
        for (name, value) in attributes(tag) {
            assert!(!name.starts_with("on"), "{tag}");
            if name == "href" || name == "src" {
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

/// The attributes of a tag as the sanitiser writes them: `name="value"` (quotes inside a value
/// are escaped), or a bare name.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest == "/" {
            return out;
        }
        let end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        match rest.strip_prefix("=\"") {
            Some(after) => {
                let close = after.find('"').unwrap_or(after.len());
                out.push((name, &after[..close]));
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => out.push((name, "")),
        }
    }
}
