//! A second import of the same source: the record of the same source id gets the updates it
//! does not have yet, inserted in time order; nothing else in its file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::write::{SOURCE_ID, postmortem, ts, update_yaml};
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
fn new_updates<'a>(record: &Record, draft: &'a Draft) -> Vec<&'a DraftUpdate> {
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

/// What a second import adds to a record: updates it lacks, the end of a window the source
/// has since closed, the resolution time, the postmortem.
pub struct Changes<'a> {
    pub updates: Vec<&'a DraftUpdate>,
    /// (index of the record's window, its end).
    pub ends: Vec<(usize, DateTime<FixedOffset>)>,
    pub resolved_at: Option<DateTime<FixedOffset>>,
    pub postmortem: bool,
}

impl Changes<'_> {
    pub fn is_empty(&self) -> bool {
        self.updates.is_empty()
            && self.ends.is_empty()
            && self.resolved_at.is_none()
            && !self.postmortem
    }
}

/// What `draft` adds to `record`.
pub fn changes<'a>(record: &Record, draft: &'a Draft) -> Changes<'a> {
    let updates = new_updates(record, draft);
    // The resolution once merged: the record's, else the draft's.
    let resolution = record
        .resolved_at
        .or(draft.resolved_at)
        .or_else(|| {
            record
                .updates
                .iter()
                .find(|u| u.status.closes())
                .map(|u| u.at)
        })
        .or_else(|| {
            updates
                .iter()
                .filter(|u| u.status.closes())
                .map(|u| u.at)
                .min()
        });
    let ends = match resolution {
        Some(resolved) => record
            .impact
            .windows
            .iter()
            .enumerate()
            .filter(|(_, w)| w.end.is_none())
            .map(|(i, w)| {
                let end = draft
                    .windows
                    .iter()
                    .find(|d| {
                        d.component == w.component && d.status == w.status && d.start == w.start
                    })
                    .and_then(|d| d.end)
                    .unwrap_or(resolved);
                (i, end.max(w.start))
            })
            .collect(),
        None => Vec::new(),
    };
    Changes {
        updates,
        ends,
        resolved_at: draft.resolved_at.filter(|_| record.resolved_at.is_none()),
        postmortem: record.postmortem.is_none() && draft.postmortem.is_some(),
    }
}

/// `text` (the record's file) with `changes` made, and the placeholders they hold: the new
/// updates inserted in time order, an `end:` after the `start:` of each window that gets
/// one, `resolved_at:` before `updates:`, the postmortem at the end. `None` when the file is
/// not laid out as `import` writes it (`updates:` at the start of a line, an item per
/// `  - `; windows as `    - ` items with `      start:`), so that it cannot be edited
/// without rewriting what a person wrote.
pub fn apply(
    text: &str,
    record: &Record,
    draft: &Draft,
    changes: &Changes<'_>,
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
    // (before which line, text).
    let mut inserts: Vec<(usize, String)> = Vec::new();
    if let Some(at) = changes.resolved_at {
        inserts.push((start, format!("resolved_at: {}\n", ts(&at))));
    }
    if !changes.ends.is_empty() {
        let windows = lines.iter().position(|l| l.trim_end() == "  windows:")?;
        let mut starts = Vec::new();
        let mut in_item = false;
        for (i, l) in lines.iter().enumerate().skip(windows + 1) {
            if l.starts_with("    - ") {
                in_item = true;
                if l.starts_with("    - start:") {
                    starts.push(i);
                    in_item = false;
                }
            } else if in_item && l.starts_with("      start:") {
                starts.push(i);
                in_item = false;
            } else if !l.starts_with("      ") && !l.trim().is_empty() {
                break;
            }
        }
        if starts.len() != record.impact.windows.len() {
            return None;
        }
        for (w, at) in &changes.ends {
            inserts.push((starts[*w] + 1, format!("      end: {}\n", ts(at))));
        }
    }
    for u in &changes.updates {
        let at = record
            .updates
            .iter()
            .position(|e| e.at > u.at)
            .map_or(end, |k| items[k]);
        inserts.push((at, update_yaml(u, &mut todo)));
    }
    if changes.postmortem
        && let Some(pm) = &draft.postmortem
    {
        inserts.push((lines.len(), postmortem(pm, draft)));
    }
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(text.len() + 256);
    let mut next = inserts.iter().peekable();
    for (i, l) in lines.iter().enumerate() {
        while let Some((_, y)) = next.next_if(|(at, _)| *at == i) {
            out.push_str(y);
        }
        out.push_str(l);
        if !l.ends_with('\n') && next.peek().is_some() {
            out.push('\n');
        }
    }
    for (_, y) in next {
        out.push_str(y);
    }
    Some((out, todo))
}
