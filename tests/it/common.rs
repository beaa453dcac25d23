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

/// The names in `dir`, sorted (hidden ones too).
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
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
        // The uptime bar and a record's timeline are our own inline SVG (shapes and texts
        // with titles, nothing active).
        let ours = name == "svg"
            && (tag.starts_with("<svg class=\"uptime\"")
                || tag.starts_with("<svg class=\"tl\"")
                || tag == "</svg>");
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

/// A repository to test on, written from readable YAML (`indoc!`): its `postmortem.yaml`,
/// records in `incidents/`, and any other file.
///
/// ```ignore
/// let dir = Repo::new()
///     .config(indoc! {"
///         name: Shop
///     "})
///     .record("2026-04-09-checkout-slow", indoc! {"
///         title: Checkout is slow
///     "})
///     .build();
/// ```
#[derive(Default)]
pub struct Repo {
    files: Vec<(String, Vec<u8>)>,
}

impl Repo {
    pub fn new() -> Self {
        Self::default()
    }

    /// `postmortem.yaml`.
    pub fn config(self, yaml: &str) -> Self {
        self.file("postmortem.yaml", yaml)
    }

    /// The record `incidents/<id>.yaml`.
    pub fn record(self, id: &str, yaml: &str) -> Self {
        self.file(&format!("incidents/{id}.yaml"), yaml)
    }

    /// Any file, by its path in the repository.
    pub fn file(mut self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        self.files
            .push((path.to_owned(), contents.as_ref().to_vec()));
        self
    }

    /// Writes the repository, with its `incidents/` folder even if it holds no record, into
    /// a new temporary folder.
    pub fn build(self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        self.build_in(dir.path());
        dir
    }

    /// Writes the repository into `dir`, made if need be; returns `dir`.
    pub fn build_in(self, dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir.join("incidents")).unwrap();
        for (path, contents) in self.files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
        dir.to_owned()
    }
}

/// A repository in `dir/name` holding the Flatfile example: its `postmortem.yaml` and its
/// record. Returns the repository's folder.
pub fn flatfile_repo(dir: &Path, name: &str) -> PathBuf {
    let example = |path: &str| std::fs::read(root().join("examples/flatfile").join(path)).unwrap();
    Repo::new()
        .file("postmortem.yaml", example("postmortem.yaml"))
        .file(
            "incidents/2025-04-02-spaces-503s.yaml",
            example("incidents/2025-04-02-spaces-503s.yaml"),
        )
        .build_in(&dir.join(name))
}
