//! Record ids: the file stem is the id, it must make a URL path and a file name, and it is
//! unique within one records folder. Also the stem a new record gets (`new`, `import`).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use super::Checked;
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::files;
use crate::load::yaml::Span;

/// Longest id: it is a folder name and part of every URL of the record.
pub const MAX_ID: usize = 100;

/// The id rule (docs/guide.md, "Records and ids"): the file stem becomes a URL path and a
/// file name, so lower-case letters, digits and `-`, starting with a letter or digit.
pub fn valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// A suggested id for a file stem that breaks the rule.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    out.truncate(MAX_ID);
    out.trim_end_matches('-').to_owned()
}

/// The stem of a new record: its day and its title as a slug (`2025-04-02-spaces-503s`), or
/// `fallback` for a title with no letter or digit. Short enough that `write_new`'s `-999`
/// still makes a valid id.
pub fn new_stem(day: &str, title: &str, fallback: &str) -> String {
    let mut slug = slug(title);
    slug.truncate(MAX_ID - day.len() - "-".len() - "-999".len());
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{day}-{fallback}")
    } else {
        format!("{day}-{slug}")
    }
}

/// The id of the record in `path`, and the error when the stem breaks the rule.
pub(super) fn check_stem(path: &Path) -> (String, Option<Diagnostic>) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if valid_id(&stem) {
        return (stem, None);
    }
    let suggestion = slug(&stem);
    let d = Diagnostic::error(
        path,
        Span::point(1, 1),
        Code::BadId,
        format!(
            "file name `{stem}` is not a valid record id: use lower-case letters, digits and `-`"
        ),
    );
    let d = if suggestion.is_empty() {
        d
    } else {
        d.with_help(format!("rename the file to `{suggestion}.yaml`"))
    };
    (stem, Some(d))
}

/// Ids are unique within one site: every file below the configured records folder is one
/// site's, so an id may not repeat anywhere below it (subfolders included). Files elsewhere
/// (named on the command line) are grouped by their folder. The later file of a pair gets
/// the error, naming the earlier one, and loses its record.
pub(super) fn check_unique(checked: &mut [Checked], config: &Config) {
    let site = files::lexical(&config.incidents);
    // A file's group: `None` for the site's records folder, else the file's own folder.
    let mut seen: HashMap<(Option<PathBuf>, String), PathBuf> = HashMap::new();
    for c in checked {
        let Some(stem) = c.path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let named = files::lexical(&c.path);
        let group = if named.starts_with(&site) {
            None
        } else {
            Some(named.parent().map(Path::to_path_buf).unwrap_or_default())
        };
        match seen.entry((group, stem)) {
            Entry::Occupied(first) => {
                let (stem, first) = (&first.key().1, first.get());
                c.diagnostics.push(
                    Diagnostic::error(
                        &c.path,
                        Span::point(1, 1),
                        Code::DuplicateId,
                        format!(
                            "record id `{stem}` is used twice: by {} and by this file",
                            first.strip_prefix(&config.root).unwrap_or(first).display()
                        ),
                    )
                    .with_help("ids come from file names and must be unique in the records folder: rename one of the files"),
                );
                c.record = None;
            }
            Entry::Vacant(slot) => {
                slot.insert(c.path.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(valid_id("2025-04-02-spaces-503s"));
        assert!(!valid_id("Spaces"));
        assert!(!valid_id("a.b"));
        assert!(!valid_id("-a"));
        assert!(!valid_id(""));
        assert!(!valid_id(&"a".repeat(101)));
        assert_eq!(slug("2025-04-02 Spaces.503s"), "2025-04-02-spaces-503s");
        assert_eq!(slug("Café ☕ down!"), "caf-down");
    }

    #[test]
    fn a_new_stem_leaves_room_for_a_number_and_stays_an_id() {
        let long = "a".repeat(200);
        let stem = new_stem("2026-04-07", &long, "incident");
        assert_eq!(stem.len(), MAX_ID - "-999".len());
        assert!(valid_id(&format!("{stem}-999")));
        let words = new_stem("2026-04-07", &"word ".repeat(40), "incident");
        assert!(
            words.len() <= MAX_ID - "-999".len() && !words.ends_with('-'),
            "{words}"
        );
        assert_eq!(
            new_stem("2026-04-07", "☕!", "maintenance"),
            "2026-04-07-maintenance"
        );
        assert_eq!(
            new_stem(
                "2025-04-02",
                "Intermittent 503 errors loading Spaces",
                "incident"
            ),
            "2025-04-02-intermittent-503-errors-loading-spaces"
        );
    }
}
