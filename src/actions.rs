//! Follow-ups across records (`postmortem actions`): every action item of every record, its
//! filters, its order (by due date), the summary line, and its formats: a table, JSON, CSV,
//! and GitHub annotations of the overdue ones on their lines.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, escape_controls, render_github};
use crate::figures::report::csv_field;
use crate::load::yaml::{Span, Step};
use crate::model::{ActionStatus, Record};

/// One action item, with the record it belongs to.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub incident: String,
    pub title: String,
    pub kind: Option<&'static str>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: &'static str,
    pub overdue: bool,
    pub done_on: Option<NaiveDate>,
    pub link: Option<String>,
    pub internal: bool,
    /// The record's file, and the item's line in it.
    #[serde(skip)]
    pub file: PathBuf,
    #[serde(skip)]
    pub index: usize,
}

/// Which rows to keep.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub owner: Option<String>,
    pub status: Option<ActionStatus>,
    pub overdue: bool,
}

/// Whether an item is overdue on `today`: due before it, and not done or dropped.
pub fn is_overdue(due: Option<NaiveDate>, status: ActionStatus, today: NaiveDate) -> bool {
    due.is_some_and(|d| d < today)
        && matches!(status, ActionStatus::Open | ActionStatus::InProgress)
}

/// Every action item of `records` (with their files) that `filter` keeps, by due date (items
/// without one last), then by record and position.
pub fn rows(records: &[(PathBuf, Record)], filter: &Filter, today: NaiveDate) -> Vec<Row> {
    let mut rows = Vec::new();
    for (file, r) in records {
        let Some(pm) = &r.postmortem else { continue };
        for (index, a) in pm.action_items.iter().enumerate() {
            let overdue = is_overdue(a.due, a.status, today);
            if filter
                .owner
                .as_ref()
                .is_some_and(|o| a.owner.as_ref() != Some(o))
                || filter.status.is_some_and(|s| s != a.status)
                || (filter.overdue && !overdue)
            {
                continue;
            }
            rows.push(Row {
                incident: r.id.clone(),
                title: a.title.clone(),
                kind: a.kind.map(|k| k.as_str()),
                owner: a.owner.clone(),
                due: a.due,
                status: a.status.as_str(),
                overdue,
                done_on: a.done_on,
                link: a.link.clone(),
                internal: a.internal,
                file: file.clone(),
                index,
            });
        }
    }
    rows.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.incident, a.index).cmp(&(
            b.due.is_none(),
            b.due,
            &b.incident,
            b.index,
        ))
    });
    rows
}

/// The counts of the summary line.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Summary {
    pub total: usize,
    pub open: usize,
    pub in_progress: usize,
    pub overdue: usize,
    pub done: usize,
    /// Done within the period (by `done_on`).
    pub done_in_period: usize,
    pub wontfix: usize,
    /// Items still to do (open or in progress) per owner; `""` for those without one.
    pub by_owner: BTreeMap<String, usize>,
}

/// The summary of `rows`; `period` is the first and last day of "this period".
pub fn summary(rows: &[Row], period: (NaiveDate, NaiveDate)) -> Summary {
    let mut s = Summary {
        total: rows.len(),
        ..Summary::default()
    };
    for r in rows {
        match r.status {
            "open" => s.open += 1,
            "in_progress" => s.in_progress += 1,
            "done" => s.done += 1,
            _ => s.wontfix += 1,
        }
        if r.overdue {
            s.overdue += 1;
        }
        if r.status == "done" && r.done_on.is_some_and(|d| period.0 <= d && d <= period.1) {
            s.done_in_period += 1;
        }
        if matches!(r.status, "open" | "in_progress") {
            *s.by_owner
                .entry(r.owner.clone().unwrap_or_default())
                .or_default() += 1;
        }
    }
    s
}

/// `7 action items: 3 open, 1 in progress, 2 overdue, 2 done (1 in the last 30 days), 1 won't fix; to do by owner: (no owner) 1, platform 3`
pub fn summary_line(s: &Summary, period: &str) -> String {
    let mut line = format!(
        "{} action item{}: {} open, {} in progress, {} overdue, {} done ({} {period}), {} won't fix",
        s.total,
        if s.total == 1 { "" } else { "s" },
        s.open,
        s.in_progress,
        s.overdue,
        s.done,
        s.done_in_period,
        s.wontfix
    );
    if !s.by_owner.is_empty() {
        let owners: Vec<String> = s
            .by_owner
            .iter()
            .map(|(o, n)| {
                let o = if o.is_empty() { "(no owner)" } else { o };
                format!("{} {n}", escape_controls(o))
            })
            .collect();
        line.push_str(&format!("; to do by owner: {}", owners.join(", ")));
    }
    line
}

/// The rows as a table with a header, columns padded.
pub fn to_table(rows: &[Row]) -> String {
    let mut table: Vec<[String; 6]> = vec![[
        "DUE".into(),
        "STATUS".into(),
        "OWNER".into(),
        "KIND".into(),
        "INCIDENT".into(),
        "ACTION ITEM".into(),
    ]];
    for r in rows {
        table.push([
            r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            if r.overdue {
                format!("{} (overdue)", r.status)
            } else {
                r.status.to_owned()
            },
            escape_controls(r.owner.as_deref().unwrap_or("-")).into_owned(),
            r.kind.unwrap_or("-").to_owned(),
            r.incident.clone(),
            escape_controls(&r.title).into_owned(),
        ]);
    }
    let mut widths = [0; 6];
    for row in &table {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &table {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The rows as CSV with a header.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from("incident,title,kind,owner,due,status,overdue,done_on,link\n");
    for r in rows {
        let cells = [
            csv_field(&r.incident),
            csv_field(&r.title),
            r.kind.unwrap_or_default().to_owned(),
            csv_field(r.owner.as_deref().unwrap_or_default()),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            r.status.to_owned(),
            r.overdue.to_string(),
            r.done_on.map(|d| d.to_string()).unwrap_or_default(),
            csv_field(r.link.as_deref().unwrap_or_default()),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// The rows and the summary as JSON.
pub fn to_json(rows: &[Row], summary: &Summary) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(&serde_json::json!({
        "action_items": rows,
        "summary": summary,
    }))?;
    text.push('\n');
    Ok(text)
}

/// A GitHub Actions warning on the line of each overdue item; `span_of` finds an item's
/// place in its file.
pub fn to_github(rows: &[Row], span_of: impl Fn(&Row) -> Span) -> String {
    let mut out = String::new();
    for r in rows.iter().filter(|r| r.overdue) {
        let owner = r
            .owner
            .as_deref()
            .map(|o| format!(", owner {o}"))
            .unwrap_or_default();
        let due = r.due.map(|d| d.to_string()).unwrap_or_default();
        let d = Diagnostic::warning(
            r.file.clone(),
            span_of(r),
            Code::Overdue,
            format!(
                "action item `{}` of {} was due {due} and is {}{owner}",
                r.title,
                r.incident,
                r.status.replace('_', " ")
            ),
        );
        out.push_str(&render_github(&d));
        out.push('\n');
    }
    out
}

/// The path to item `index`'s `due` in a record.
pub fn due_path(index: usize) -> [Step<'static>; 4] {
    [
        Step::Key("postmortem"),
        Step::Key("action_items"),
        Step::Index(index),
        Step::Key("due"),
    ]
}
