//! What every payload says about an event, made once from the record's view: the same
//! summary sentence, status labels, dates and update text as the record's page.

use crate::config::Config;
use crate::model::{Kind, Public, UpdateStatus};
use crate::render::view::{RecordView, When, component_label, status_label};

use super::events::{Event, EventKind};

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
    pub status_label: Option<&'static str>,
    /// When the event happened, in the site's zone.
    pub at: When,
    /// The record's page.
    pub link: String,
    pub kind: Kind,
    pub severity: Option<&'static str>,
    pub components: Vec<String>,
    /// The maintenance's window, in the site's zone.
    pub scheduled: Option<(When, When)>,
    /// Each component's worst status in the record (`Major outage`), for the facts.
    pub impacts: Vec<(String, &'static str)>,
}

/// The message of `event`, of `record` (public), seen through `view` (its page's view).
pub fn message(event: &Event, record: &Public<'_>, view: &RecordView, config: &Config) -> Message {
    let tz = config.timezone;
    let update = event.update.and_then(|i| record.updates.get(i));
    let label = match event.kind {
        EventKind::NewIncident => update.map_or("Investigating", |u| status_label(u.status)),
        EventKind::Update | EventKind::Resolved => {
            update.map_or("Update", |u| status_label(u.status))
        }
        EventKind::NewMaintenance => "Scheduled maintenance",
        EventKind::MaintenanceChanged => "Maintenance rescheduled",
        EventKind::MaintenanceStarting => "Maintenance starting soon",
        EventKind::Postmortem => "Postmortem published",
        EventKind::ComponentStatus => "Component status",
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
        (EventKind::NewIncident, Some(s)) => status_label(s),
        _ => label,
    };
    // A title is one line in every headline, subject and card title.
    let title: String = record
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut impacts: Vec<(String, &'static str)> = Vec::new();
    for c in &record.components {
        let worst = record
            .impact
            .windows
            .iter()
            .filter(|w| &w.component == c)
            .map(|w| w.status)
            .max();
        if let Some(w) = worst {
            impacts.push((c.clone(), component_label(w)));
        }
    }
    let headline = match &event.component {
        // `Checkout: Degraded performance`, `Checkout: Operational`.
        Some(c) => format!(
            "{}: {}",
            c.name,
            c.new.map_or("Operational", component_label)
        ),
        None => format!("{label}: {title}"),
    };
    Message {
        event: event.clone(),
        headline,
        label: label.to_owned(),
        title,
        summary: view.summary_sentence.clone(),
        body_markdown,
        body_html,
        status: status.map(UpdateStatus::as_str),
        status_label: status.map(status_label),
        at: When::new(event.at, tz),
        link: view.link.clone(),
        kind: record.kind,
        severity: record.severity.map(|s| s.as_str()),
        components: record.components.clone(),
        scheduled: record
            .scheduled
            .as_ref()
            .map(|s| (When::new(s.start, tz), When::new(s.end, tz))),
        impacts,
    }
}

/// The facts every chat card lists, as (label, value).
pub fn facts(m: &Message) -> Vec<(&'static str, String)> {
    let mut out = vec![("Components", crate::render::view::join_names(&m.components))];
    if let Some(s) = m.status_label {
        out.push(("Status", s.to_owned()));
    }
    if let Some(s) = m.severity {
        out.push(("Severity", s.to_owned()));
    }
    if let Some((start, end)) = &m.scheduled {
        out.push(("Window", format!("{} – {}", start.display, end.display)));
    }
    for (c, label) in &m.impacts {
        out.push(("Impact", format!("{c}: {label}")));
    }
    out.push(("When", m.at.display.clone()));
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
        status_label: Some("Identified"),
        at: When::new(at, chrono_tz::UTC),
        link: "https://status.example.com/incidents/r/".into(),
        kind: Kind::Incident,
        severity: Some("critical"),
        components: (0..40)
            .map(|i| format!("Component {i} {}", long("c", 60)))
            .collect(),
        scheduled: None,
        impacts: (0..40)
            .map(|i| (format!("Component {i}"), "Major outage"))
            .collect(),
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
