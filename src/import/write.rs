//! Drafts as YAML records: readable (block scalars for Markdown), with every guess marked.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta};

use super::{Draft, DraftPostmortem, DraftUpdate};
use crate::diagnostic::Diagnostic;
use crate::formats::yaml::{comment, quoted, text};
use crate::model::{Kind, UpdateStatus};

/// A record `import` wrote (or would write), with what is left to complete.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub title: String,
    pub kind: Kind,
    /// The statuses of its updates, oldest first.
    pub statuses: Vec<UpdateStatus>,
    /// How many of them were guessed from the words.
    pub inferred: usize,
    /// What the source could not tell and was filled with a placeholder.
    pub todo: Vec<String>,
    /// What `check` finds in it: errors and warnings.
    pub problems: Vec<Diagnostic>,
    /// The YAML written.
    pub yaml: String,
    /// `Some`: the record existed (the same source id) and this is what the import added.
    pub merged: Option<Merged>,
}

/// What a second import of the same source did to a record it had written before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merged {
    /// These many new updates were added.
    Added(usize),
    /// Nothing new: the file is untouched.
    Unchanged,
    /// New updates, but the file's `updates:` is not laid out as `import` writes it: the
    /// file is untouched and the user adds them.
    NotPlaced(usize),
}

impl Written {
    /// Whether `check` finds an error in it.
    pub fn fails(&self) -> bool {
        self.problems
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// The comment that names the source's id of the incident: a second import of the same
/// source finds the record by it.
pub const SOURCE_ID: &str = "Source id: ";

pub(super) fn ts(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The record's YAML and the list of placeholders it holds.
pub fn to_yaml(draft: &Draft, source: &str, modeline: &str) -> (String, Vec<String>) {
    let mut todo = Vec::new();
    let mut y = format!(
        "{}\n{}\n",
        comment(&format!("yaml-language-server: $schema={modeline}")),
        comment(&format!("Imported from {source} by `postmortem import`."))
    );
    if !draft.link.is_empty() {
        y.push_str(&comment(&format!("Source: {}", draft.link)));
        y.push('\n');
    }
    if let Some(id) = &draft.source_id {
        y.push_str(&comment(&format!("{SOURCE_ID}{id}")));
        y.push('\n');
    }
    y.push_str(&format!("title: {}\n", quoted(&draft.title)));
    if draft.kind == Kind::Maintenance {
        y.push_str("kind: maintenance\n");
    } else {
        match draft.severity {
            Some(s) => y.push_str(&format!("severity: {}\n", s.as_str())),
            None => {
                y.push_str("severity: minor  # TODO(import): the source does not say; none | minor | major | critical\n");
                todo.push("severity (placeholder `minor`)".to_owned());
            }
        }
    }
    if draft.components.is_empty() {
        y.push_str("components: [\"Unknown\"]  # TODO(import): name the affected components\n");
        todo.push("components (placeholder `Unknown`)".to_owned());
    } else {
        let names: Vec<String> = draft.components.iter().map(|c| quoted(c)).collect();
        y.push_str(&format!("components: [{}]\n", names.join(", ")));
    }
    if let Some(at) = &draft.resolved_at {
        y.push_str(&format!("resolved_at: {}\n", ts(at)));
    }
    if draft.kind == Kind::Maintenance {
        match draft.scheduled {
            Some((start, end)) => y.push_str(&format!(
                "scheduled:\n  start: {}\n  end: {}\n",
                ts(&start),
                ts(&end)
            )),
            None => {
                // The work started when it went `in_progress`, else at the first update.
                let start = draft
                    .updates
                    .iter()
                    .find(|u| u.status == UpdateStatus::InProgress)
                    .or(draft.updates.first())
                    .map(|u| u.at);
                let end = draft
                    .updates
                    .iter()
                    .find(|u| u.status == UpdateStatus::Completed)
                    .map(|u| u.at);
                if let Some(start) = start {
                    let end = end
                        .filter(|e| *e >= start)
                        .unwrap_or(start + TimeDelta::hours(1));
                    y.push_str(&format!(
                        "scheduled:  # TODO(import): the source does not give the announced window\n  start: {}\n  end: {}\n",
                        ts(&start),
                        ts(&end)
                    ));
                    todo.push(
                        "the scheduled window (placeholder: start of the work to completion)"
                            .to_owned(),
                    );
                }
            }
        }
    }
    let description = draft.postmortem.as_ref().and_then(|pm| pm.impact.as_ref());
    if description.is_some() || !draft.windows.is_empty() {
        y.push_str("impact:\n");
    }
    if let Some(impact) = description {
        y.push_str(&format!("  description: {}\n", text(impact, 4)));
    }
    if !draft.windows.is_empty() {
        y.push_str("  windows:\n");
        for w in &draft.windows {
            y.push_str(&format!(
                "    - component: {}\n      status: {}\n      start: {}\n",
                quoted(&w.component),
                w.status.as_str(),
                ts(&w.start)
            ));
            if let Some(end) = &w.end {
                y.push_str(&format!("      end: {}\n", ts(end)));
            }
        }
    }
    y.push_str("updates:\n");
    for u in &draft.updates {
        y.push_str(&update_yaml(u, &mut todo));
    }
    if let Some(pm) = &draft.postmortem {
        y.push_str(&postmortem(pm, draft));
    }
    (y, todo)
}

/// One update as an item of `updates:`, and the placeholder it holds.
pub fn update_yaml(u: &DraftUpdate, todo: &mut Vec<String>) -> String {
    let mut y = format!("  - at: {}\n", ts(&u.at));
    y.push_str(&format!("    status: {}", u.status.as_str()));
    if u.inferred {
        y.push_str("  # inferred from the text");
    }
    y.push('\n');
    if !u.body.trim().is_empty() {
        y.push_str(&format!("    body: {}\n", text(&u.body, 6)));
    } else if u.status != UpdateStatus::Postmortem {
        y.push_str("    body: \"\"  # TODO(import): the source has no text for this update\n");
        todo.push(format!("the text of the update at {}", ts(&u.at)));
    }
    y
}

pub(super) fn postmortem(pm: &DraftPostmortem, draft: &Draft) -> String {
    let published = pm
        .published_at
        .or_else(|| {
            draft
                .updates
                .iter()
                .find(|u| u.status == UpdateStatus::Postmortem)
                .map(|u| u.at)
        })
        .or_else(|| draft.updates.last().map(|u| u.at));
    let mut y = String::from("postmortem:\n");
    if let Some(p) = published {
        y.push_str(&format!("  published_at: {}\n", ts(&p)));
    }
    y.push_str(&format!("  summary: {}\n", text(&pm.summary, 4)));
    for (key, value) in [
        ("root_cause", &pm.root_cause),
        ("trigger", &pm.trigger),
        ("detection", &pm.detection),
        ("resolution", &pm.resolution),
    ] {
        if let Some(v) = value {
            y.push_str(&format!("  {key}: {}\n", text(v, 4)));
        }
    }
    if !pm.sections.is_empty() {
        y.push_str("  sections:\n");
        for (title, body) in &pm.sections {
            y.push_str(&format!(
                "    - title: {}\n      body: {}\n",
                quoted(title),
                text(body, 8)
            ));
        }
    }
    y
}
