//! The generic JSON event: every field of the message, for a team's own receiver.

use serde_json::{Value, json};

use super::message::Message;

/// The event as one JSON object.
pub fn payload(m: &Message, site_name: &str, site_url: &str) -> Value {
    json!({
        "id": m.event.id,
        "type": m.event.kind.as_str(),
        "at": m.at.iso,
        "headline": m.headline,
        "summary": m.summary,
        "status": m.status,
        "body": m.body_markdown,
        "record": {
            "id": m.event.record,
            "title": m.title,
            "kind": m.kind.as_str(),
            "severity": m.severity,
            "components": m.components,
            "url": m.link,
            "scheduled_for": m.scheduled.as_ref().map(|s| &s.0.iso),
            "scheduled_until": m.scheduled.as_ref().map(|s| &s.1.iso),
        },
        "site": {"name": site_name, "url": site_url},
    })
}
