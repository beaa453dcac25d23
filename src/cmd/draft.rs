//! `postmortem draft`: a postmortem skeleton added to a resolved record, in place.

use chrono::SecondsFormat;

use crate::check::Context;
use crate::cli::DraftArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::edit::{Editor, Item};
use crate::model::{Record, Timestamp, UpdateStatus};
use crate::render::view::{component_label, status_label};

use super::update::{commit, find_record, read_valid};
use super::{Failure, shown, write_stdout};

pub fn run(config: &Config, args: DraftArgs, now: Now) -> Result<(), Failure> {
    let path = find_record(config, &args.id)?;
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    let (text, record) = read_valid(&path, &cx)?;
    if record.postmortem.is_some() {
        return Err(Failure::Failed(format!(
            "{} has a postmortem already; nothing written",
            shown(&path)
        )));
    }
    if record.resolution().is_none() {
        return Err(Failure::Failed(format!(
            "{} is not resolved yet: a postmortem follows the resolution (postmortem update {} --status {}); nothing written",
            shown(&path),
            args.id,
            match record.kind {
                crate::model::Kind::Incident => "resolved",
                crate::model::Kind::Maintenance => "completed",
            }
        )));
    }
    let mut editor = Editor::new(&text).map_err(|e| Failure::Failed(e.message))?;
    let mut want = editor.root().to_json();
    let pm = skeleton(&record, args.owner.as_deref());
    want["postmortem"] = pm.to_json();
    editor.add_key(&[], "postmortem", pm).map_err(|e| {
        Failure::Failed(format!(
            "{}: cannot be edited in place: {}; nothing written",
            shown(&path),
            e.0
        ))
    })?;
    commit(&path, editor, &want, &cx)?;
    write_stdout(&format!("{}\n", shown(&path)))
}

fn stamp(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Every section of Google's SRE postmortem template that the schema has, each after a
/// comment saying what belongs there.
fn skeleton(record: &Record, owner: Option<&str>) -> Item {
    let c = |text: &str| (String::new(), Item::Comment(text.to_owned()));
    let empty = |key: &str| (key.to_owned(), Item::Quoted(String::new()));
    let list = |key: &str| (key.to_owned(), Item::Seq(Vec::new()));
    let mut entries = vec![
        c("draft → in_review (open the pull request) → published (with published_at)"),
        ("status".into(), Item::Plain("draft".into())),
    ];
    match owner {
        Some(o) => entries.push(("owner".into(), Item::Quoted(o.to_owned()))),
        None => entries.push(c(
            "owner: who drives it to publication (a name or a handle)",
        )),
    }
    entries.extend([
        c("who reviews it: names or handles"),
        list("reviewers"),
        c("Summary: what happened, to whom, for how long, and what ended it"),
        empty("summary"),
        c("Impact: what users experienced belongs in impact.description; it is shown here"),
        c("Timeline: what happened when, oldest first (from the updates and windows)"),
        ("timeline".into(), Item::Seq(timeline(record))),
        c("Root cause: why it happened: the conditions in the system, not a person"),
        empty("root_cause"),
        c("Trigger: what set it off (a deploy, a change, a spike)"),
        empty("trigger"),
        c("Detection: how it was noticed, and why not sooner"),
        empty("detection"),
        c("Resolution: how service was restored"),
        empty("resolution"),
        c("Contributing factors: what made it possible or worse ({title, description})"),
        list("contributing_factors"),
        c("Lessons: what went well, what went wrong, where we got lucky"),
        (
            "lessons".into(),
            Item::Map(vec![list("went_well"), list("went_wrong"), list("lucky")]),
        ),
        c("Action items: {title, kind: prevent|mitigate|detect|process, owner, due, status: open}"),
        list("action_items"),
    ]);
    Item::Map(entries)
}

/// The record's updates and window starts and ends, in time order.
fn timeline(record: &Record) -> Vec<Item> {
    let mut events: Vec<(Timestamp, String)> = Vec::new();
    for w in &record.impact.windows {
        let label = component_label(w.status).to_lowercase();
        events.push((w.start, format!("{}: {label} began", w.component)));
        if let Some(end) = w.end {
            events.push((end, format!("{}: {label} ended", w.component)));
        }
    }
    for u in &record.updates {
        if u.status == UpdateStatus::Postmortem {
            continue;
        }
        let body = u.body.trim();
        events.push((
            u.at,
            if body.is_empty() {
                format!("Update posted: {}", status_label(u.status))
            } else {
                format!("Update posted: {}: {body}", status_label(u.status))
            },
        ));
    }
    events.sort_by_key(|(at, _)| *at);
    events
        .into_iter()
        .map(|(at, event)| {
            Item::Map(vec![
                ("at".into(), Item::Plain(stamp(&at))),
                ("event".into(), Item::Text(event)),
            ])
        })
        .collect()
}
