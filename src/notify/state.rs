//! `notified.json`: what a site has announced. `notify --site DIR` writes it into the site
//! about to be published; the next run reads it back from the published site (`--since`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// The file's name, at the site's root.
pub const FILE: &str = "notified.json";

/// What was announced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// `postmortem`.
    pub generator: String,
    /// Every event id the site has dealt with: announced, or already known when the site
    /// was first notified from.
    pub events: BTreeSet<String>,
    /// Per endpoint, the events whose delivery failed: tried again by the next run.
    #[serde(default)]
    pub pending: BTreeMap<String, BTreeSet<String>>,
}

impl State {
    /// The file's bytes: pretty JSON, sorted, a final newline.
    pub fn to_file(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
