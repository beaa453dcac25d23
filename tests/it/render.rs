//! `render`: every format of every example record (snapshots), feeds read back with a real
//! XML parser, hostile text, and internal parts.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use quick_xml::Reader;
use quick_xml::events::Event;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render(site: &str, record: &str, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(root())
        .args(["-C", site, "render", &format!("incidents/{record}.yaml")])
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

const EXAMPLES: &[(&str, &str)] = &[
    ("examples/flatfile", "2025-04-02-spaces-503s"),
    ("examples/latitude", "2026-04-07-ecr-image-expiry"),
    ("examples/latitude", "2026-04-07-api-health-down"),
    ("examples/latitude", "2025-05-30-gateway-outage"),
    ("examples/latitude", "2025-05-31-cache-database-upgrade"),
    ("tests/fixtures/kitchen-sink", "2025-06-01-everything"),
];

/// What stands in a snapshot for the stylesheet a standalone page inlines: one change to
/// the CSS rewrites no snapshot (`the_inlined_stylesheet_is_templates_style_css` holds it).
const STYLE_MARKER: &str = "<style>/* templates/style.css */</style>";

/// What stands in a page's snapshot for its timeline (`*.timeline.svg.snap`).
const TIMELINE_MARKER: &str = "<svg class=\"tl\"><!-- *.timeline.svg.snap --></svg>";

/// The page's one `<style>` element, whole.
fn style_element(html: &str) -> &str {
    assert_eq!(html.matches("<style>").count(), 1, "one <style> element");
    let start = html.find("<style>").unwrap();
    let end = start + html[start..].find("</style>").expect("</style>") + "</style>".len();
    &html[start..end]
}

#[test]
fn snapshots_of_every_format_of_every_example() {
    for (site, id) in EXAMPLES {
        for format in ["markdown", "html", "rss", "atom", "json"] {
            let mut out = render(site, id, &["--format", format]);
            if format == "html" {
                out = out.replacen(style_element(&out), STYLE_MARKER, 1);
                // The timeline has snapshots of its own (`snapshots_of_every_timeline`).
                out = out.replacen(timeline_svg(&out), TIMELINE_MARKER, 1);
            }
            insta::assert_snapshot!(format!("{id}.{format}"), out);
        }
    }
    let out = render(
        "tests/fixtures/kitchen-sink",
        "2025-06-01-everything",
        &["--internal"],
    );
    insta::assert_snapshot!("2025-06-01-everything.internal.markdown", out);
}

/// The page's timeline, `<svg class="tl" …>…</svg>`, whole.
fn timeline_svg(html: &str) -> &str {
    assert_eq!(html.matches("<svg class=\"tl\"").count(), 1, "one timeline");
    let start = html.find("<svg class=\"tl\"").unwrap();
    let end = start + html[start..].find("</svg>").expect("</svg>") + "</svg>".len();
    &html[start..end]
}

#[test]
fn snapshots_of_every_timeline() {
    // The examples (among them Latitude's five-minute health-check blip and a maintenance),
    // three days across the clocks going back (tests/fixtures/timeline) and an incident
    // still open at a pinned now (tests/fixtures/open).
    let extra = [
        ("tests/fixtures/timeline", "2025-10-24-three-days"),
        ("tests/fixtures/open", "2025-11-01-checkout-slow"),
    ];
    for (site, id) in EXAMPLES.iter().chain(&extra) {
        let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1762052400")
            .args(["-C", site, "render", &format!("incidents/{id}.yaml")])
            .args(["--format", "html"])
            .output()
            .expect("the binary runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let html = String::from_utf8(o.stdout).expect("UTF-8 output");
        insta::assert_snapshot!(format!("{id}.timeline.svg"), timeline_svg(&html));
    }
}

#[test]
fn the_inlined_stylesheet_is_templates_style_css() {
    let css = std::fs::read_to_string(root().join("templates/style.css")).unwrap();
    for (site, id) in EXAMPLES {
        let html = render(site, id, &["--format", "html"]);
        assert_eq!(
            style_element(&html),
            format!("<style>\n{css}</style>"),
            "{id}"
        );
    }
}

/// The text of each `<item>`/`<entry>` child, element by element, via a real XML parser.
fn entries(xml: &str, entry: &str) -> Vec<Vec<(String, String)>> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Vec<(String, String)>> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                if name == entry {
                    out.push(Vec::new());
                }
                stack.push(name);
            }
            Event::Empty(e) if stack.last().is_some_and(|s| s == entry) => {
                let name = e.name().as_ref().to_owned();
                let attrs: Vec<String> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        format!(
                            "{}={}",
                            a.key.as_ref(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("value")
                        )
                    })
                    .collect();
                if let Some(last) = out.last_mut() {
                    last.push((name, attrs.join(" ")));
                }
            }
            Event::Text(t) if stack.len() >= 2 && stack[stack.len() - 2] == entry => {
                let text: &str = t.as_ref();
                if let (Some(last), Some(name)) = (out.last_mut(), stack.last()) {
                    match last.last_mut() {
                        Some((n, v)) if n == name => v.push_str(text),
                        _ => last.push((name.clone(), text.to_owned())),
                    }
                }
            }
            Event::GeneralRef(r) if stack.len() >= 2 && stack[stack.len() - 2] == entry => {
                let name: &str = r.as_ref();
                let ch = match name {
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "amp" => "&".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    _ => r
                        .resolve_char_ref()
                        .expect("char ref")
                        .expect("a character")
                        .to_string(),
                };
                let current = stack.last().cloned().unwrap_or_default();
                if let Some(last) = out.last_mut() {
                    match last.last_mut() {
                        Some((n, v)) if *n == current => v.push_str(&ch),
                        _ => last.push((current, ch)),
                    }
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn field<'a>(entry: &'a [(String, String)], name: &str) -> String {
    entry
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect::<Vec<&'a str>>()
        .concat()
}

/// An entry's status: its first category, followed by its component (`Spaces`), which the
/// reader of [`entries`] joins to it.
fn status(entry: &[(String, String)]) -> String {
    field(entry, "category")
        .strip_suffix("Spaces")
        .expect("the component follows the status")
        .to_owned()
}

#[test]
fn rss_has_one_item_per_update_newest_first_with_stable_guids() {
    let rss = render(
        "examples/flatfile",
        "2025-04-02-spaces-503s",
        &["--format", "rss"],
    );
    let items = entries(&rss, "item");
    let dates: Vec<String> = items.iter().map(|i| field(i, "pubDate")).collect();
    assert_eq!(
        dates,
        [
            "Thu, 24 Apr 2025 19:11:00 +0000",
            "Wed, 02 Apr 2025 19:08:10 +0000",
            "Wed, 02 Apr 2025 18:07:00 +0000",
            "Wed, 02 Apr 2025 17:53:40 +0000",
        ]
    );
    for d in &dates {
        chrono::DateTime::parse_from_rfc2822(d).expect("RFC 2822");
    }
    let statuses: Vec<String> = items.iter().map(|i| status(i)).collect();
    assert_eq!(
        statuses,
        ["postmortem", "resolved", "monitoring", "investigating"]
    );
    assert_eq!(
        field(&items[3], "title"),
        "Intermittent 503 errors loading Spaces"
    );
    assert_eq!(
        field(&items[3], "link"),
        "https://status.flatfile.com/incidents/2025-04-02-spaces-503s/"
    );
    // The record's summary sentence opens every item's description.
    assert_eq!(
        field(&items[3], "description"),
        "<p class=\"record-summary\">Flatfile experienced a major incident on April 2, 2025 \
         affecting Spaces, lasting 1h 14m.</p>\n\
         <p>We are investigating an issue where some users are seeing intermittent 503 errors</p>"
    );
    // The postmortem update carries the published postmortem.
    assert!(field(&items[0], "description").contains("<h3>Root cause</h3>"));
    let guids: Vec<String> = items.iter().map(|i| field(i, "guid")).collect();
    assert!(
        guids.iter().all(
            |g| g.starts_with("https://status.flatfile.com/incidents/2025-04-02-spaces-503s/#")
        )
    );
    let again = entries(
        &render(
            "examples/flatfile",
            "2025-04-02-spaces-503s",
            &["--format", "rss"],
        ),
        "item",
    );
    assert_eq!(
        guids,
        again.iter().map(|i| field(i, "guid")).collect::<Vec<_>>()
    );
    let mut unique = guids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4);
}

#[test]
fn atom_has_the_same_entries() {
    let atom = render(
        "examples/flatfile",
        "2025-04-02-spaces-503s",
        &["--format", "atom"],
    );
    let rss = render(
        "examples/flatfile",
        "2025-04-02-spaces-503s",
        &["--format", "rss"],
    );
    let a = entries(&atom, "entry");
    let r = entries(&rss, "item");
    assert_eq!(a.len(), 4);
    for (a, r) in a.iter().zip(&r) {
        assert_eq!(field(a, "id"), field(r, "guid"));
        // The summary sentence is Atom's `<summary>`; RSS opens its description with it.
        let sentence = "Flatfile experienced a major incident on April 2, 2025 affecting \
                        Spaces, lasting 1h 14m.";
        assert_eq!(field(a, "summary"), sentence);
        assert_eq!(
            format!(
                "<p class=\"record-summary\">{sentence}</p>\n{}",
                field(a, "content")
            ),
            field(r, "description")
        );
        let published = chrono::DateTime::parse_from_rfc3339(&field(a, "published")).unwrap();
        assert_eq!(
            published,
            chrono::DateTime::parse_from_rfc2822(&field(r, "pubDate")).unwrap()
        );
        assert_eq!(
            field(a, "category"),
            format!(
                "term={} label={}{}",
                status(r),
                {
                    let s = status(r);
                    let mut c = s.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                },
                "term=Spaces scheme=https://status.flatfile.com/components/ label=Spaces"
            )
        );
    }
}

#[test]
fn hostile_text_never_reaches_a_page_as_markup() {
    let html = render(
        "tests/fixtures/xss",
        "2025-01-01-hostile",
        &["--format", "html"],
    );
    common::assert_no_active_content(&html);
    // The text is still there for people to read, escaped.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("<title>Title ]]&gt;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    // The timeline is one SVG whose names and title are text, not markup.
    assert_eq!(html.matches("<svg").count(), 1);
    assert!(html.contains(
        "<title id=\"tl-title\">Timeline of Title ]]&gt;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</title>"
    ));
    assert!(html.contains(
        "<text class=\"tl-name\" x=\"124\" y=\"69\" text-anchor=\"end\">&lt;svg onload=aler…<title>&lt;svg onload=alert(1)&gt;</title></text>"
    ));
}

#[test]
fn hostile_text_keeps_feeds_well_formed() {
    for (format, entry) in [("rss", "item"), ("atom", "entry")] {
        let xml = render(
            "tests/fixtures/xss",
            "2025-01-01-hostile",
            &["--format", format],
        );
        let items = entries(&xml, entry);
        // 52 entries (50 updates, a resolution, a postmortem), cut to `feed_items` (50).
        assert_eq!(items.len(), 50, "{format}");
        assert!(!xml.contains('\u{1}') && !xml.contains('\u{1b}') && !xml.contains('\u{fffe}'));
        assert!(xml.contains("🔥"));
        assert_eq!(
            field(&items[0], "title"),
            "Title ]]></title><script>alert(1)</script> <img src=x onerror=alert(1)> & \"quotes\""
        );
    }
    let json = render(
        "tests/fixtures/xss",
        "2025-01-01-hostile",
        &["--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        v["incidents"][0]["incident_updates"]
            .as_array()
            .map(Vec::len),
        Some(52)
    );
}

const INTERNAL_TEXT: &[&str] = &[
    "Pager fired",
    "Vendor contract",
    "Internal commercial terms",
    "Ask the vendor",
    "ACME, Initech",
    "Customer list",
];

#[test]
fn internal_parts_never_show_without_internal() {
    for format in ["markdown", "html", "rss", "atom", "json"] {
        let out = render(
            "tests/fixtures/kitchen-sink",
            "2025-06-01-everything",
            &["--format", format],
        );
        for secret in INTERNAL_TEXT {
            assert!(!out.contains(secret), "{format} shows `{secret}`");
        }
        if format != "json" {
            assert!(out.contains("No canary"), "{format} lost a public part");
        }
    }
    let out = render(
        "tests/fixtures/kitchen-sink",
        "2025-06-01-everything",
        &["--internal"],
    );
    for secret in INTERNAL_TEXT {
        assert!(out.contains(secret), "--internal lost `{secret}`");
    }
}

#[test]
fn an_internal_postmortem_is_left_out_whole() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        root().join("tests/fixtures/kitchen-sink/incidents/2025-06-01-everything.yaml"),
    )
    .unwrap()
    .replace(
        "postmortem:\n  published_at",
        "postmortem:\n  internal: true\n  published_at",
    );
    std::fs::create_dir(dir.path().join("incidents")).unwrap();
    std::fs::write(
        dir.path().join("incidents/2025-06-01-everything.yaml"),
        text,
    )
    .unwrap();
    let site = dir.path().to_str().unwrap();
    for format in ["markdown", "html", "rss", "atom", "json"] {
        let out = render(site, "2025-06-01-everything", &["--format", format]);
        assert!(
            !out.contains("A config change took the app down"),
            "{format}"
        );
        assert!(!out.contains("No canary"), "{format}");
    }
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.html");
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(root())
        .args([
            "-C",
            "examples/flatfile",
            "render",
            "incidents/2025-04-02-spaces-503s.yaml",
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(o.stdout, b"");
    let page = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        page,
        render(
            "examples/flatfile",
            "2025-04-02-spaces-503s",
            &["--format", "html"]
        )
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn an_invalid_record_renders_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.md");
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(root())
        .args(["render", "tests/fixtures/rules/enum-typo.yaml", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .ends_with("error: the record has errors: nothing rendered\n")
    );
    assert!(!out.exists());
}

#[test]
fn a_site_template_overrides_the_built_in_one_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = common::flatfile_repo(tmp.path(), "repo");
    std::fs::create_dir_all(repo.join("templates")).unwrap();
    std::fs::write(
        repo.join("templates/postmortem.md"),
        "{{ record.title }} ({{ record.updates | length }} updates){% include \"footer.md\" %}\n",
    )
    .unwrap();
    std::fs::write(repo.join("templates/footer.md"), " - {{ site.name }}").unwrap();
    let site = repo.to_str().unwrap();
    assert_eq!(
        render(site, "2025-04-02-spaces-503s", &[]),
        "Intermittent 503 errors loading Spaces (4 updates) - Flatfile\n"
    );
    // The other templates are still the built-in ones.
    assert!(
        render(site, "2025-04-02-spaces-503s", &["--format", "html"])
            .contains("<h2 id=\"updates\">Update timeline</h2>")
    );

    std::fs::write(
        repo.join("templates/postmortem.md"),
        "{% if record.title %}unclosed\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .args([
            "-C",
            site,
            "render",
            &format!("{site}/incidents/2025-04-02-spaces-503s.yaml"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: templates: "), "{err}");
    assert!(err.contains("postmortem.md"), "{err}");
}

#[test]
fn an_oversized_template_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = common::flatfile_repo(tmp.path(), "repo");
    std::fs::create_dir_all(repo.join("templates")).unwrap();
    std::fs::write(
        repo.join("templates/postmortem.md"),
        "x".repeat(2 * 1024 * 1024),
    )
    .unwrap();
    let site = repo.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .args([
            "-C",
            site,
            "render",
            &format!("{site}/incidents/2025-04-02-spaces-503s.yaml"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.ends_with(
            "postmortem.md: file is 2097152 bytes, over the limit of 1048576 bytes (1 MiB) for a template\n"
        ),
        "{err}"
    );
}
