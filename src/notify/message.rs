//! What every payload says about an event, made once from the record's view: the same
//! summary sentence, status labels, dates and update text as the record's page.

use crate::config::Config;
use crate::model::{Kind, Public, UpdateStatus};
use crate::render::i18n::{Arg, Messages};
use crate::render::view::{RecordView, When, component_word, status_word};

use super::events::{Event, EventKind};

/// The words every payload uses, in the site's language (the catalogue's `notify-*`).
#[derive(Clone, Debug)]
pub struct Words {
    pub components: String,
    pub status: String,
    pub severity: String,
    pub window: String,
    pub impact: String,
    pub when: String,
    /// The link to the record's page: `View on the status page`.
    pub view: String,
}

impl Words {
    pub fn new(m: &Messages) -> Words {
        let get = |id: &str| m.get(id).to_owned();
        Words {
            components: get("notify-fact-components"),
            status: get("notify-fact-status"),
            severity: get("notify-fact-severity"),
            window: get("notify-fact-window"),
            impact: get("notify-fact-impact"),
            when: get("notify-fact-when"),
            view: get("notify-view"),
        }
    }
}

/// An event, in words.
#[derive(Clone, Debug)]
pub struct Message {
    pub event: Event,
    /// `Resolved`, `Scheduled maintenance`, …
    pub label: String,
    /// `Resolved: Checkout is slow`
    pub headline: String,
    /// The record's title.
    pub title: String,
    /// The page's summary sentence.
    pub summary: String,
    /// The announced update's (or the postmortem summary's) text: Markdown and safe HTML.
    pub body_markdown: Option<String>,
    pub body_html: Option<String>,
    /// The status the record is in after this event (`resolved`, `in_progress`, …).
    pub status: Option<&'static str>,
    pub status_label: Option<String>,
    /// When the event happened, in the site's zone.
    pub at: When,
    /// The record's page.
    pub link: String,
    pub kind: Kind,
    pub severity: Option<&'static str>,
    /// The severity in words (`major`, `größere`…).
    pub severity_label: Option<String>,
    pub components: Vec<String>,
    /// The components as a list in words (`Checkout und Login`).
    pub components_text: String,
    /// The maintenance's window, in the site's zone.
    pub scheduled: Option<(When, When)>,
    /// Each component's worst status in the record (`Major outage`), for the facts.
    pub impacts: Vec<(String, String)>,
    /// The names of the facts and of the link.
    pub words: Words,
}

/// The message of `event`, of `record` (public), seen through `view` (its page's view,
/// in the language of `m`), in the language of `m`.
pub fn message(
    event: &Event,
    record: &Public<'_>,
    view: &RecordView,
    config: &Config,
    m: &Messages,
) -> Message {
    let tz = config.timezone;
    let update = event.update.and_then(|i| record.updates.get(i));
    let word = |id: &str| m.get(id).to_owned();
    let label = match event.kind {
        EventKind::NewIncident => {
            status_word(m, update.map_or(UpdateStatus::Investigating, |u| u.status))
        }
        EventKind::Update | EventKind::Resolved => {
            update.map_or_else(|| word("notify-update"), |u| status_word(m, u.status))
        }
        EventKind::NewMaintenance => word("notify-new-maintenance"),
        EventKind::MaintenanceChanged => word("notify-maintenance-changed"),
        EventKind::MaintenanceStarting => word("notify-maintenance-starting"),
        EventKind::Postmortem => word("notify-postmortem"),
        EventKind::ComponentStatus => word("notify-component-status"),
    };
    // A record first announced speaks with its latest update.
    let shown = match event.kind {
        EventKind::NewIncident | EventKind::NewMaintenance => record.updates.last(),
        _ => update,
    };
    let (body_markdown, body_html) = match event.kind {
        EventKind::Postmortem => match &view.postmortem {
            Some(pm) => (
                Some(pm.summary.markdown.clone()),
                Some(pm.summary.html.clone()),
            ),
            None => (None, None),
        },
        EventKind::MaintenanceChanged
        | EventKind::MaintenanceStarting
        | EventKind::ComponentStatus => (None, None),
        _ => {
            let i = shown.and_then(|s| record.updates.iter().position(|u| std::ptr::eq(u, s)));
            match i
                .and_then(|i| view.updates.get(i))
                .and_then(|u| u.body.as_ref())
            {
                Some(b) => (Some(safe_links(&b.markdown)), Some(b.html.clone())),
                None => (None, None),
            }
        }
    };
    let status = shown.map(|u| u.status);
    let label = match (event.kind, status) {
        (EventKind::NewIncident, Some(s)) => status_word(m, s),
        _ => label,
    };
    // A title is one line in every headline, subject and card title.
    let title: String = record
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut impacts: Vec<(String, String)> = Vec::new();
    for c in &record.components {
        let worst = record
            .impact
            .windows
            .iter()
            .filter(|w| &w.component == c)
            .map(|w| w.status)
            .max();
        if let Some(w) = worst {
            impacts.push((c.clone(), component_word(m, Some(w))));
        }
    }
    let headline_of = |a: &str, b: &str| {
        let mut o = String::with_capacity(a.len() + b.len() + 2);
        let template = m.template("notify-headline", &["label", "title"]);
        m.fill(&mut o, &template, &[Arg::Text(a), Arg::Text(b)]);
        o
    };
    let headline = match &event.component {
        // `Checkout: Degraded performance`, `Checkout: Operational`.
        Some(c) => headline_of(&c.name, &component_word(m, c.new)),
        None => headline_of(&label, &title),
    };
    Message {
        event: event.clone(),
        headline,
        label,
        title,
        summary: view.summary_sentence.clone(),
        body_markdown,
        body_html,
        status: status.map(UpdateStatus::as_str),
        status_label: status.map(|s| status_word(m, s)),
        at: When::localised(event.at, tz, m),
        link: view.link.clone(),
        kind: record.kind,
        severity: record.severity.map(|s| s.as_str()),
        severity_label: record.severity.map(|s| {
            m.format(
                "notify-severity",
                &[("severity", fluent_bundle::FluentValue::from(s.as_str()))],
            )
        }),
        components: record.components.clone(),
        components_text: m.join(&record.components),
        scheduled: record.scheduled.as_ref().map(|s| {
            (
                When::localised(s.start, tz, m),
                When::localised(s.end, tz, m),
            )
        }),
        impacts,
        words: Words::new(m),
    }
}

/// The facts every chat card lists, as (label, value), in the message's language.
pub fn facts(m: &Message) -> Vec<(&str, String)> {
    let w = &m.words;
    let mut out = vec![(w.components.as_str(), m.components_text.clone())];
    if let Some(s) = &m.status_label {
        out.push((&w.status, s.clone()));
    }
    if let Some(s) = &m.severity_label {
        out.push((&w.severity, s.clone()));
    }
    if let Some((start, end)) = &m.scheduled {
        out.push((&w.window, format!("{} – {}", start.display, end.display)));
    }
    for (c, label) in &m.impacts {
        out.push((&w.impact, format!("{c}: {label}")));
    }
    out.push((&w.when, m.at.display.clone()));
    out
}

/// Markdown whose inline links lead only to http(s), `mailto:` or relative targets: any
/// other target (`javascript:`, `data:`) becomes `#`, as the page's sanitiser drops it. Chat
/// platforms render Markdown links in cards and embeds.
pub fn safe_links(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        // The target ends at the `)` that closes it (targets may hold balanced parentheses).
        let mut depth = 0usize;
        let end = rest
            .char_indices()
            .find(|&(_, c)| match c {
                '(' => {
                    depth += 1;
                    false
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    false
                }
                ')' | ' ' | '\n' => true,
                _ => false,
            })
            .map_or(rest.len(), |(i, _)| i);
        let target = &rest[..end];
        let lower = target.trim().to_ascii_lowercase();
        let scheme = lower.split_once(':').map(|(s, _)| s);
        let fine = match scheme {
            None => true,
            Some(s) => matches!(s, "http" | "https" | "mailto") || s.contains(['/', '?', '#']),
        };
        out.push_str(if fine { target } else { "#" });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `text` cut to at most `max` characters, with `…` when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A message with every text far over every platform's limits, for the payloads' tests.
#[cfg(test)]
pub fn oversized() -> Message {
    use super::events::{Event, EventKind};
    let at = chrono::DateTime::parse_from_rfc3339("2026-04-01T10:00:00Z").unwrap();
    let long = |c: &str, n: usize| c.repeat(n);
    Message {
        event: Event {
            id: "0123456789ab".into(),
            kind: EventKind::Update,
            record: "r".into(),
            at,
            update: Some(1),
            component: None,
        },
        label: "Identified".into(),
        headline: format!("Identified: {}", long("é", 600)),
        title: long("é", 600),
        summary: long("s", 5000),
        body_markdown: Some(long("b", 9000)),
        body_html: Some(format!("<p>{}</p>", long("b", 9000))),
        status: Some("identified"),
        status_label: Some("Identified".into()),
        at: When::new(at, chrono_tz::UTC),
        link: "https://status.example.com/incidents/r/".into(),
        kind: Kind::Incident,
        severity: Some("critical"),
        severity_label: Some("critical".into()),
        components: (0..40)
            .map(|i| format!("Component {i} {}", long("c", 60)))
            .collect(),
        components_text: (0..40)
            .map(|i| format!("Component {i} {}", long("c", 60)))
            .collect::<Vec<_>>()
            .join(", "),
        scheduled: None,
        impacts: (0..40)
            .map(|i| (format!("Component {i}"), "Major outage".into()))
            .collect(),
        words: Words::new(&Messages::english()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_survive() {
        assert_eq!(
            safe_links("[a](javascript:alert(1)) [b](https://x.test/) [c](/p) [d](DATA:x)"),
            "[a](#) [b](https://x.test/) [c](/p) [d](#)"
        );
    }

    #[test]
    fn clipping_counts_characters_and_marks_the_cut() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab…");
        assert_eq!(clip("ééé", 2), "é…");
    }
}
