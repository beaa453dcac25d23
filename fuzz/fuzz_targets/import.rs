//! Import arbitrary bytes as a feed or Statuspage JSON: an error or drafts, never a panic;
//! every draft renders to YAML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(drafts) = postmortem::import::parse(text) {
        for d in &drafts {
            let _ = postmortem::import::to_yaml(d, "fuzz.xml", "../schema/incident.schema.json");
        }
    }
});
