//! A second import of the same source: the record of the same source id gets the updates it
//! does not have yet, inserted in time order; nothing else in its file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::write::{SOURCE_ID, update_yaml};
use super::{Draft, DraftUpdate};
use crate::model::Record;

/// The records of `dir` that came from an import, by the source id their header names
/// (`# Source id: …`, in the comments before the first key).
pub fn source_ids(dir: &Path) -> HashMap<String, PathBuf> {
    let mut found = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(bytes) = crate::load::files::read_regular(
            &path,
            crate::load::yaml::MAX_FILE_BYTES as u64,
            crate::load::yaml::LIMITED,
        ) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        if let Some(id) = header_id(&text) {
            found.entry(id).or_insert(path);
        }
    }
    found
}

/// The source id in a record's header comments.
fn header_id(text: &str) -> Option<String> {
    let marker = format!("# {SOURCE_ID}");
    text.lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .find_map(|l| l.strip_prefix(&marker))
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
}

/// Whether `new` is an update `existing` already has: the same status in the same minute
/// (feeds give minutes, the JSON seconds).
fn same(existing: &crate::model::Update, new: &DraftUpdate) -> bool {
    existing.status == new.status && existing.at.timestamp() / 60 == new.at.timestamp() / 60
}

/// The updates of `draft` that `record` does not have.
pub fn new_updates<'a>(record: &Record, draft: &'a Draft) -> Vec<&'a DraftUpdate> {
    let mut used = vec![false; record.updates.len()];
    draft
        .updates
        .iter()
        .filter(|u| {
            match record
                .updates
                .iter()
                .enumerate()
                .find(|(i, e)| !used[*i] && same(e, u))
            {
                Some((i, _)) => {
                    used[i] = true;
                    false
                }
                None => true,
            }
        })
        .collect()
}

/// `text` (the record's file) with `added` inserted among its updates in time order, and the
/// placeholders they hold; `None` when the file's `updates:` list is not laid out as `import`
/// writes it (`updates:` at the start of a line, an item per `  - `), so that it cannot be
/// edited without rewriting what a person wrote.
pub fn insert(
    text: &str,
    record: &Record,
    added: &[&DraftUpdate],
) -> Option<(String, Vec<String>)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| l.trim_end() == "updates:")?;
    // The items of the list, and where the list ends.
    let mut items = Vec::new();
    let mut end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        if l.starts_with("  - ") {
            items.push(i);
        } else if !(l.starts_with("    ") || l.trim().is_empty() || l.starts_with("  #")) {
            end = i;
            break;
        }
    }
    if items.len() != record.updates.len() {
        return None;
    }
    let mut todo = Vec::new();
    // Before which line each new update goes: the first item later than it, else the end.
    let mut inserts: Vec<(usize, String)> = added
        .iter()
        .map(|u| {
            let at = record
                .updates
                .iter()
                .position(|e| e.at > u.at)
                .map_or(end, |k| items[k]);
            (at, update_yaml(u, &mut todo))
        })
        .collect();
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(text.len() + 256);
    let mut next = inserts.iter().peekable();
    for (i, l) in lines.iter().enumerate() {
        while let Some((_, y)) = next.next_if(|(at, _)| *at == i) {
            out.push_str(y);
        }
        out.push_str(l);
    }
    if !text.is_empty() && !text.ends_with('\n') && next.peek().is_some() {
        out.push('\n');
    }
    for (_, y) in next {
        out.push_str(y);
    }
    Some((out, todo))
}
