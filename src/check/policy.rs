//! The team's policy (`policy:` of `postmortem.yaml`, docs/guide.md "Policy"): which
//! incidents need a postmortem and by when, what a published one must hold, what every
//! action item must say, and the blame-wording lint. No rule runs without its key.

use std::path::Path;

use chrono::TimeDelta;

use crate::config::{Policy, Wording};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::yaml::{Node, Pos, Span, Step, locate};
use crate::model::{ActionStatus, Kind, PostmortemStatus, Record};

use super::Context;

use Step::{Index as I, Key as K};

/// Every rule of the policy, on a record that passed the schema.
pub fn check(
    r: &Record,
    root: &Node,
    source: &str,
    path: &Path,
    cx: &Context<'_>,
) -> Vec<Diagnostic> {
    let policy = &cx.config.policy;
    if *policy == Policy::default() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let at = |steps: &[Step<'_>]| {
        let found = locate(root, steps);
        found.key.map_or(found.node.span, |k| k.span)
    };
    due(r, policy, cx, &at, path, &mut out);
    if let Some(pm) = &r.postmortem {
        if pm.status == PostmortemStatus::Published {
            for section in &policy.postmortem.sections {
                if missing(r, section) {
                    out.push(
                        Diagnostic::error(
                            path,
                            at(&[K("postmortem")]),
                            Code::MissingSection,
                            format!("a published postmortem needs `{section}` (policy `sections`)"),
                        )
                        .with_help("write it, or set `status: in_review` until it is written"),
                    );
                }
            }
        }
        if pm.status != PostmortemStatus::Draft {
            let rules = &policy.action_items;
            for (i, item) in pm.action_items.iter().enumerate() {
                if item.status == ActionStatus::Wontfix {
                    continue;
                }
                let span = locate(root, &[K("postmortem"), K("action_items"), I(i)])
                    .node
                    .span;
                if rules.require_owner && item.owner.as_deref().is_none_or(str::is_empty) {
                    out.push(
                        Diagnostic::error(
                            path,
                            span,
                            Code::ActionItemOwner,
                            format!(
                                "action item `{}` has no `owner` (policy `require_owner`)",
                                item.title
                            ),
                        )
                        .with_help("add `owner:` with the team or person who answers for it"),
                    );
                }
                if rules.require_due && item.due.is_none() {
                    out.push(
                        Diagnostic::error(
                            path,
                            span,
                            Code::ActionItemDue,
                            format!(
                                "action item `{}` has no `due` date (policy `require_due`)",
                                item.title
                            ),
                        )
                        .with_help("add `due:` with a date, like 2026-05-01"),
                    );
                }
            }
        }
    }
    if policy.wording == Some(Wording::Blame) {
        wording(r, root, source, path, policy, &mut out);
    }
    out
}

/// A postmortem the policy requires and that is not published: due (a warning, naming the
/// date) or overdue (an error).
fn due(
    r: &Record,
    policy: &Policy,
    cx: &Context<'_>,
    at: &dyn Fn(&[Step<'_>]) -> Span,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let Some(severity) = r.severity else { return };
    if r.kind != Kind::Incident || !policy.postmortem.required_for.contains(&severity) {
        return;
    }
    let Some(resolved) = r.resolved_time() else {
        return;
    };
    if r.postmortem
        .as_ref()
        .is_some_and(|p| p.status == PostmortemStatus::Published)
    {
        return;
    }
    let span = if r.postmortem.is_some() {
        at(&[K("postmortem"), K("status")])
    } else {
        at(&[K("severity")])
    };
    let resolved_day = resolved.with_timezone(&cx.config.timezone).date_naive();
    let help = if r.postmortem.is_some() {
        "publish it: `status: published` with `published_at`".to_owned()
    } else {
        format!("write it: `postmortem draft {}` adds a skeleton", r.id)
    };
    let Some(days) = policy.postmortem.due_days else {
        out.push(
            Diagnostic::warning(
                path,
                span,
                Code::PostmortemDue,
                format!(
                    "a `{}` incident needs a published postmortem (policy `required_for`)",
                    severity.as_str()
                ),
            )
            .with_help(help.clone()),
        );
        return;
    };
    let due = resolved_day + TimeDelta::days(i64::from(days));
    if cx.today > due {
        out.push(
            Diagnostic::error(
                path,
                span,
                Code::PostmortemOverdue,
                format!(
                    "the postmortem was due {due} ({days} days after the resolution on {resolved_day}) and is not published"
                ),
            )
            .with_help(help.clone()),
        );
    } else {
        out.push(
            Diagnostic::warning(
                path,
                span,
                Code::PostmortemDue,
                format!("a postmortem is due by {due} ({days} days after the resolution on {resolved_day})"),
            )
            .with_help(help),
        );
    }
}

/// Whether the postmortem lacks `section` (an empty text or list counts as missing).
fn missing(r: &Record, section: &str) -> bool {
    let Some(pm) = &r.postmortem else { return true };
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    match section {
        "summary" => pm.summary.trim().is_empty(),
        "impact" => blank(&r.impact.description),
        "timeline" => pm.timeline.is_empty(),
        "root_cause" => blank(&pm.root_cause),
        "trigger" => blank(&pm.trigger),
        "detection" => blank(&pm.detection),
        "resolution" => blank(&pm.resolution),
        "contributing_factors" => pm.contributing_factors.is_empty(),
        "lessons" => {
            pm.lessons.went_well.is_empty()
                && pm.lessons.went_wrong.is_empty()
                && pm.lessons.lucky.is_empty()
        }
        "action_items" => pm.action_items.is_empty(),
        _ => false,
    }
}

/// The phrases the lint looks for when `postmortem.yaml` gives no list of its own.
pub const BLAME_PHRASES: &[&str] = &[
    "human error",
    "operator error",
    "user error",
    "should have",
    "should've",
    "failed to",
    "careless",
    "carelessness",
    "negligent",
    "negligence",
    "sloppy",
    "'s fault",
    "fault of",
    "to blame",
    "forgot to",
    "neglected to",
];

/// What to write instead of `phrase`.
fn suggestion(phrase: &str) -> &'static str {
    match phrase {
        "human error" | "operator error" | "user error" => {
            "name what made the mistake possible (a missing check, a confusing tool)"
        }
        "should have" | "should've" => "say what was missing instead: \"no check stopped …\"",
        "failed to" => "say what did not happen, not who failed: \"the alert did not fire\"",
        "careless" | "carelessness" | "negligent" | "negligence" | "sloppy" => {
            "describe the conditions, not a person's character"
        }
        "'s fault" | "fault of" | "to blame" => "name the system or process, not a person",
        "forgot to" | "neglected to" => "say which safeguard or reminder was missing",
        _ => "describe what the system allowed, not who is to blame",
    }
}

/// The prose of the postmortem: each text with the path to its node.
fn prose(r: &Record) -> Vec<(Vec<Step<'static>>, &str)> {
    let mut out: Vec<(Vec<Step<'static>>, &str)> = Vec::new();
    let Some(pm) = &r.postmortem else { return out };
    let pmk = K("postmortem");
    out.push((vec![pmk.clone(), K("summary")], &pm.summary));
    for (key, value) in [
        ("root_cause", &pm.root_cause),
        ("trigger", &pm.trigger),
        ("detection", &pm.detection),
        ("resolution", &pm.resolution),
    ] {
        if let Some(v) = value {
            out.push((vec![pmk.clone(), K(key)], v));
        }
    }
    for (i, e) in pm.timeline.iter().enumerate() {
        out.push((vec![pmk.clone(), K("timeline"), I(i), K("event")], &e.event));
    }
    for (i, f) in pm.contributing_factors.iter().enumerate() {
        let base = [pmk.clone(), K("contributing_factors"), I(i)];
        out.push(([&base[..], &[K("title")]].concat(), &f.title));
        if let Some(d) = &f.description {
            out.push(([&base[..], &[K("description")]].concat(), d));
        }
    }
    for (key, list) in [
        ("went_well", &pm.lessons.went_well),
        ("went_wrong", &pm.lessons.went_wrong),
        ("lucky", &pm.lessons.lucky),
    ] {
        for (i, l) in list.iter().enumerate() {
            out.push((vec![pmk.clone(), K("lessons"), K(key), I(i)], l));
        }
    }
    for (i, a) in pm.action_items.iter().enumerate() {
        out.push((
            vec![pmk.clone(), K("action_items"), I(i), K("title")],
            &a.title,
        ));
    }
    for (i, s) in pm.sections.iter().enumerate() {
        out.push((vec![pmk.clone(), K("sections"), I(i), K("body")], &s.body));
    }
    out
}

/// Where each occurrence of `phrase` (lower case) is in `text`, as byte ranges: whole
/// words only; `'s fault` takes the name before it along (`Bob's fault`, `Bob’s fault`).
fn occurrences(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lower-casing may change byte lengths: search only where it did not.
    if lower.len() != text.len() {
        return Vec::new();
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut found = Vec::new();
    let curly = phrase.replace('\'', "\u{2019}");
    let variants: &[&str] = if curly != phrase {
        &[phrase, &curly]
    } else {
        &[phrase]
    };
    for variant in variants {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|s| s.find(variant)) {
            let at = from + i;
            let mut start = at;
            let end = at + variant.len();
            from = end;
            if variant.starts_with(['\'', '\u{2019}']) {
                while let Some(c) = lower[..start]
                    .chars()
                    .next_back()
                    .filter(|c| word(Some(*c)))
                {
                    start -= c.len_utf8();
                }
                if start == at {
                    continue;
                }
            } else if word(lower[..start].chars().next_back()) {
                continue;
            }
            if word(lower[end..].chars().next()) {
                continue;
            }
            found.push((start, end));
        }
    }
    found.sort_unstable();
    found
}

fn wording(
    r: &Record,
    root: &Node,
    source: &str,
    path: &Path,
    policy: &Policy,
    out: &mut Vec<Diagnostic>,
) {
    let mut phrases: Vec<String> = match &policy.blame_phrases {
        Some(list) => list.clone(),
        None => BLAME_PHRASES.iter().map(|s| (*s).to_owned()).collect(),
    };
    phrases.extend(policy.extra_blame_phrases.iter().cloned());
    let phrases: Vec<String> = phrases
        .iter()
        .map(|p| p.trim().to_lowercase().replace('\u{2019}', "'"))
        .filter(|p| !p.is_empty())
        .collect();
    let lines = LineIndex::new(source);
    for (steps, text) in prose(r) {
        let node = locate(root, &steps).node;
        let mut hits: Vec<(usize, usize, &str)> = Vec::new();
        for phrase in &phrases {
            for (s, e) in occurrences(text, phrase) {
                // A phrase found in a longer one (`carelessness` holds `careless`) once.
                if !hits.iter().any(|(hs, he, _)| *hs <= s && e <= *he) {
                    hits.retain(|(hs, he, _)| !(s <= *hs && *he <= e));
                    hits.push((s, e, phrase));
                }
            }
        }
        hits.sort();
        for (s, e, phrase) in hits {
            let words = &text[s..e];
            let span = lines.find(node.span, words).unwrap_or(node.span);
            out.push(
                Diagnostic::warning(
                    path,
                    span,
                    Code::BlameWording,
                    format!("`{words}` blames a person, not the system"),
                )
                .with_help(suggestion(phrase)),
            );
        }
    }
}

/// The lines of a source, to turn a byte offset into a position.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    fn offset(&self, p: Pos) -> usize {
        let Some(&start) = self.starts.get(p.line.wrapping_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        start
            + rest
                .char_indices()
                .nth(p.col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }

    fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)];
        Pos {
            line,
            col: self.text[start..offset].chars().count() + 1,
        }
    }

    /// Where `words` is written within the node at `span` (as it is, on one line), if it is.
    fn find(&self, span: Span, words: &str) -> Option<Span> {
        let from = self.offset(span.start);
        let to = self.offset(span.end).max(from);
        let at = from + self.text.get(from..to)?.find(words)?;
        let start = self.pos(at);
        Some(Span {
            start,
            end: Pos {
                line: start.line,
                col: start.col + words.chars().count(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_as_whole_words() {
        assert_eq!(
            occurrences("A human error. Human errors", "human error"),
            [(2, 13)]
        );
        assert_eq!(
            occurrences("Bob's fault, not 's fault", "'s fault"),
            [(0, 11)]
        );
        assert_eq!(occurrences("Bob\u{2019}s fault", "'s fault"), [(0, 13)]);
        assert_eq!(
            occurrences("carelessly", "careless"),
            Vec::<(usize, usize)>::new()
        );
        assert_eq!(occurrences("it failed to start", "failed to"), [(3, 12)]);
    }
}
