//! Import arbitrary bytes as a feed or Statuspage JSON: an error or drafts, never a panic;
//! every draft renders to YAML that loads back to exactly the draft's strings, in their
//! fields, with no key the writer did not write. The same text is also tried where real
//! documents put text this tool reads closely: as the body of a Statuspage JSON update
//! (HTML to Markdown, `affected_components`), as the date line of a Statuspage history block
//! (zones, 12-hour clocks, dates without a year), and as a date by itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postmortem::import::{Draft, to_yaml};
use postmortem::model::UpdateStatus;
use postmortem::load::yaml::{Node, Value};

fn keys(node: &Node) -> Vec<&str> {
    match &node.value {
        Value::Map(entries) => entries.iter().map(|(k, _)| k.text.as_str()).collect(),
        other => panic!("not a mapping: {other:?}"),
    }
}

fn text<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.get(key).map(|n| match &n.value {
        Value::String(s) => s.as_str(),
        other => panic!("`{key}` is not text: {other:?}"),
    })
}

fn round_trip(d: &Draft) {
    let (yaml, _) = to_yaml(d, "fuzz.xml", "../schema/incident.schema.json");
    assert!(
        !yaml.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']),
        "a line break but LF in {yaml:?}"
    );
    let loaded = postmortem::load::from_bytes(std::path::Path::new("fuzz.yaml"), yaml.as_bytes());
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}\n{yaml}",
        loaded.diagnostics
    );
    let root = &loaded.document.as_ref().expect("a document").root;
    let allowed = [
        "title",
        "kind",
        "severity",
        "components",
        "resolved_at",
        "scheduled",
        "impact",
        "updates",
        "postmortem",
    ];
    for k in keys(root) {
        assert!(allowed.contains(&k), "unexpected key `{k}` in\n{yaml}");
    }
    assert_eq!(text(root, "title"), Some(d.title.as_str()), "{yaml}");
    if !d.components.is_empty() {
        let got: Vec<&str> = match &root.get("components").expect("components").value {
            Value::Seq(items) => items.iter().map(|n| n.as_str().expect("text")).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(got, d.components, "{yaml}");
    }
    let updates = root.get("updates").expect("updates");
    for (i, u) in d.updates.iter().enumerate() {
        let node = updates.index(i).expect("every update");
        let body = if !u.body.trim().is_empty() {
            Some(u.body.as_str())
        } else if u.status != UpdateStatus::Postmortem {
            Some("")
        } else {
            None
        };
        assert_eq!(text(node, "body"), body, "{yaml}");
        assert_eq!(text(node, "status"), Some(u.status.as_str()));
    }
    assert!(updates.index(d.updates.len()).is_none());
    match &d.postmortem {
        None => assert!(root.get("postmortem").is_none()),
        Some(pm) => {
            let impact = root.get("impact").and_then(|n| text(n, "description"));
            assert_eq!(impact, pm.impact.as_deref(), "{yaml}");
            let node = root.get("postmortem").expect("postmortem");
            assert_eq!(text(node, "summary"), Some(pm.summary.as_str()), "{yaml}");
            for (key, value) in [
                ("root_cause", &pm.root_cause),
                ("trigger", &pm.trigger),
                ("detection", &pm.detection),
                ("resolution", &pm.resolution),
            ] {
                assert_eq!(text(node, key), value.as_deref(), "{yaml}");
            }
            for (i, (title, body)) in pm.sections.iter().enumerate() {
                let s = node
                    .get("sections")
                    .and_then(|s| s.index(i))
                    .expect("every section");
                assert_eq!(text(s, "title"), Some(title.as_str()), "{yaml}");
                assert_eq!(text(s, "body"), Some(body.as_str()), "{yaml}");
            }
        }
    }
}

/// Parses `doc` and round-trips every draft.
fn import(doc: &str) {
    if let Ok(parsed) = postmortem::import::parse(doc) {
        for d in &parsed.drafts {
            round_trip(d);
        }
    }
}

/// `text` escaped for an XML text node.
fn xml_text(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

fuzz_target!(|text: &str| {
    import(text);
    let json = |v: &str| serde_json::to_string(v).expect("a string");
    // The text as a Statuspage update's body and as a component's status.
    import(&format!(
        r#"{{"incidents":[{{"id":"a1","name":"Fuzz","status":"resolved","impact":"minor","resolved_at":"2025-01-01T01:00:00Z","incident_updates":[{{"status":"resolved","body":{body},"display_at":"2025-01-01T01:00:00Z","affected_components":[{{"code":"c","name":"API","old_status":{body},"new_status":"operational"}}]}},{{"status":"investigating","body":{body},"display_at":"2025-01-01T00:00:00Z","affected_components":[{{"code":"c","name":"API","old_status":"operational","new_status":{body}}}]}}],"components":[{{"id":"c","name":"API"}}]}}]}}"#,
        body = json(text)
    ));
    // The first line as the date of a Statuspage history block, the rest as its text.
    let (when, rest) = text.split_once('\n').unwrap_or((text, ""));
    let block = format!("<p><small>{when}</small><br><strong>Resolved</strong> - {rest}</p><p><small>Jan 1, 00:00 UTC</small><br><strong>Investigating</strong> - Looking.</p>");
    import(&format!(
        "<rss><channel><link>https://status.example.com</link><item><title>Fuzz</title><link>https://status.example.com/incidents/abc</link><pubDate>Wed, 01 Jan 2025 12:00:00 +0000</pubDate><description>{}</description></item></channel></rss>",
        xml_text(&block)
    ));
    // A date by itself: an instant or an error, never a panic.
    let entry = chrono::DateTime::parse_from_rfc3339("2025-01-01T12:00:00Z").expect("a date");
    let _ = postmortem::import::when::parse(when, entry);
});
