//! Any text in a record's title and bodies still gives well-formed RSS and Atom.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use postmortem::check::{Context, check_bytes};
use postmortem::config::Config;
use postmortem::formats::feed;
use postmortem::render::{Options, Renderer, SiteView, record_view};
use quick_xml::Reader;
use quick_xml::events::Event;

fn well_formed(xml: &str) {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{xml}"),
        }
    }
}

/// Templates parsed once, as in a real run.
static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(None, None).expect("built-in templates"));

fuzz_target!(|text: &str| {
    let quoted = serde_json_string(text);
    let yaml = format!(
        "title: {quoted}\nseverity: major\ncomponents: [{quoted}]\nupdates:\n  - at: 2025-04-02T17:53:40Z\n    status: investigating\n    body: {quoted}\n"
    );
    let config = Config::defaults(Path::new("."));
    let cx = Context { config: &config, today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() };
    let checked = check_bytes(Path::new("fuzz.yaml"), yaml.as_bytes(), &cx);
    let Some(mut record) = checked.record else { return };
    record.id = "fuzz".into();
    let renderer = &*RENDERER;
    let site = SiteView::new(&config, None);
    let record = postmortem::model::Public::of(&record);
    let view = record_view(&record, &config, Options { now: chrono::Utc::now() });
    let entries = feed::entries(renderer, &site, &record, &view).expect("renders");
    well_formed(&feed::rss(&site, None, &entries));
    well_formed(&feed::atom(&site, None, &entries));
    let _ = renderer.incident_page(&site, &view, "/", true).expect("renders");
});

fn serde_json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
