//! `import`: an existing status page's history into records. Reads RSS 2.0 and Atom feeds
//! (this tool's own, Better Stack style, Statuspage's `history.rss`/`history.atom`, AWS
//! Health) and Statuspage's public API v2 JSON; the format is told by the content, not the
//! file name.
//!
//! One job per module: `sniff` tells the format, `feed` reads XML into items, `group` finds
//! which items are one incident, `entries` makes a group's draft, `history` reads the
//! updates Statuspage packs into one entry, `status` decides statuses, `when` reads the
//! dates real feeds write, `postmortem` splits a postmortem at its headings, `html` turns
//! HTML into Markdown, `statuspage` reads the API's JSON, `catalogue` the components it
//! lists, and `write` makes a draft a record.

pub mod catalogue;
mod entries;
mod error;
pub mod feed;
pub mod fetch;
mod group;
mod history;
mod html;
pub mod merge;
mod postmortem;
mod sniff;
mod status;
mod statuspage;
pub mod when;
mod write;

use chrono::{DateTime, FixedOffset};

use crate::model::{Kind, Severity, UpdateStatus, Window};

pub use error::ImportError;
pub use html::html_to_markdown;
pub use postmortem::split_postmortem;
pub use sniff::parse;
pub use status::status_word;
pub use write::{Merged, Written, to_yaml};

/// Reads an import source from standard input: size-limited, UTF-8.
pub fn read_stdin(input: impl std::io::Read) -> Result<String, ImportError> {
    let mut bytes = Vec::new();
    use std::io::Read;
    input
        .take(MAX_IMPORT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Stdin {
            reason: e.to_string(),
        })?;
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::Stdin {
            reason: format!(
                "it is {}",
                crate::load::files::over_limit(MAX_IMPORT_BYTES as u64, fetch::WHAT)
            ),
        });
    }
    String::from_utf8(bytes).map_err(|e| ImportError::Stdin {
        reason: format!("not UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
    })
}

/// Largest file `import` reads.
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// One update of a record being imported.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftUpdate {
    pub at: DateTime<FixedOffset>,
    pub status: UpdateStatus,
    /// The status was guessed from the words, not given by the source.
    pub inferred: bool,
    /// Markdown.
    pub body: String,
}

/// A postmortem found in a long body, split at its headings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftPostmortem {
    pub published_at: Option<DateTime<FixedOffset>>,
    pub summary: String,
    pub impact: Option<String>,
    pub root_cause: Option<String>,
    pub trigger: Option<String>,
    pub detection: Option<String>,
    pub resolution: Option<String>,
    pub sections: Vec<(String, String)>,
}

/// A record being imported, before it is written as YAML.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub title: String,
    pub link: String,
    pub kind: Kind,
    /// `None`: the source does not say (a placeholder is written and reported).
    pub severity: Option<Severity>,
    /// Empty: the source does not say.
    pub components: Vec<String>,
    pub scheduled: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// When it was resolved, when the source says so and its timeline cannot (no resolving
    /// update, or one posted later than the resolution).
    pub resolved_at: Option<DateTime<FixedOffset>>,
    /// The stretches during which each component was affected, as the source tells them.
    pub windows: Vec<Window>,
    /// The source's own id of the incident (Statuspage's incident id, from its JSON or the
    /// link of its feed entry), by which a second import finds the same record.
    pub source_id: Option<String>,
    pub updates: Vec<DraftUpdate>,
    pub postmortem: Option<DraftPostmortem>,
}

/// What the source holds that could not be used as it is, with its place (`line:column`)
/// when it has one: reported, never dropped silently.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub at: Option<String>,
    pub message: String,
}

/// The drafts of a source, and what was skipped or guessed on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub drafts: Vec<Draft>,
    pub warnings: Vec<Warning>,
    /// The components the source lists (Statuspage's `summary.json`, `components.json`).
    pub catalogue: Option<Vec<crate::config::Component>>,
    /// The source is Statuspage's `incidents.json`, which keeps only its newest 50.
    pub capped: bool,
}

/// Reads an import source: size-limited, UTF-8.
pub fn read(path: &std::path::Path) -> Result<String, ImportError> {
    let bytes = crate::load::files::read_regular(
        path,
        MAX_IMPORT_BYTES as u64,
        "an import: split the feed",
    )?;
    String::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_owned(),
        at: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_that_is_not_utf8_says_at_which_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.rss");
        std::fs::write(&path, b"<rss>\xff</rss>").unwrap();
        let e = read(&path).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: not UTF-8 (at byte 5)", path.display())
        );
        let missing = dir.path().join("missing.rss");
        let e = read(&missing).unwrap_err();
        assert!(
            matches!(&e, ImportError::File(f) if f.path() == missing),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!("{}: no such file", missing.display())
        );
    }
}
