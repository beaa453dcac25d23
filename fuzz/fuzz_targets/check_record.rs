//! Load and check arbitrary bytes as a record: never a panic, always located diagnostics.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use postmortem::check::{Context, check_bytes};
use postmortem::config::Config;

fuzz_target!(|data: &[u8]| {
    let config = Config::defaults(Path::new("."));
    let cx = Context { config: &config, today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() };
    let checked = check_bytes(Path::new("fuzz.yaml"), data, &cx);
    for d in &checked.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        let _ = postmortem::diagnostic::render_human(d, Some(&checked.source), Default::default());
    }
    if let Some(record) = &checked.record {
        let _ = postmortem::figures::figures(record, chrono::Utc::now());
    }
});
