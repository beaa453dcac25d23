//! Import arbitrary bytes as a feed or Statuspage JSON: an error or drafts, never a panic;
//! every draft renders to YAML that loads back to exactly the draft's strings, in their
//! fields, with no key the writer did not write.
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

fuzz_target!(|text: &str| {
    if let Ok(parsed) = postmortem::import::parse(text) {
        for d in &parsed.drafts {
            round_trip(d);
        }
    }
});
