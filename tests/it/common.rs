//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The crate's folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Every tag in the page body, as lower-case text.
pub fn body_tags(html: &str) -> Vec<String> {
    let start = html.find("<body>").expect("a body") + "<body>".len();
    let end = html.rfind("</body>").expect("a body end");
    let body = &html[start..end];
    let mut tags = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        tags.push(rest[start..end].to_lowercase());
        rest = &rest[end..];
    }
    tags
}

/// Asserts that a page's body holds nothing that runs, loads from another host, or styles
/// itself: no script-capable element, no event handler, no `javascript:`/`data:` URL.
pub fn assert_no_active_content(html: &str) {
    let tags = body_tags(html);
    assert!(tags.len() > 20);
    for tag in &tags {
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        // The uptime bar is our own inline SVG (rects with titles, nothing active).
        let ours = name == "svg" && (tag.starts_with("<svg class=\"uptime\"") || tag == "</svg>");
        assert!(
            ours || ![
                "script", "svg", "math", "iframe", "object", "embed", "style", "form", "base",
                "meta", "link", "input", "video", "audio", "template", "noscript", "marquee",
                "isindex", "body", "x"
            ]
            .contains(&name.as_str()),
            "{tag}"
        );
        for (attr, value) in attributes(tag) {
            assert!(!attr.starts_with("on"), "event handler in {tag}");
            assert!(attr != "style", "style in {tag}");
            if ["href", "src", "action", "data", "xlink:href", "formaction"]
                .contains(&attr.as_str())
            {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || !value.contains(':'),
                    "{tag}"
                );
                // Links may lead elsewhere; nothing may load from elsewhere.
                if attr != "href" {
                    assert!(!value.contains("evil.example"), "{tag}");
                }
            }
        }
    }
}

/// The attributes of a tag as written by our templates (values in double quotes).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..end].to_owned();
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            out.push((name, after[..close].to_owned()));
            rest = after.get(close + 1..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix('=') {
            let close = after.find(char::is_whitespace).unwrap_or(after.len());
            out.push((name, after[..close].to_owned()));
            rest = &after[close..];
        } else {
            out.push((name, String::new()));
        }
    }
    out
}

/// Asserts that an XML document is well-formed, with a real parser.
pub fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
}

/// A repository in `dir/name` holding the Flatfile example: its `postmortem.yaml` and its
/// record. Returns the repository's folder.
pub fn flatfile_repo(dir: &Path, name: &str) -> PathBuf {
    let repo = dir.join(name);
    std::fs::create_dir_all(repo.join("incidents")).unwrap();
    std::fs::copy(
        root().join("examples/flatfile/postmortem.yaml"),
        repo.join("postmortem.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("examples/flatfile/incidents/2025-04-02-spaces-503s.yaml"),
        repo.join("incidents/2025-04-02-spaces-503s.yaml"),
    )
    .unwrap();
    repo
}
