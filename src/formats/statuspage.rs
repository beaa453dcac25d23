//! `incidents.json` in the shape of Statuspage's public API v2, so that clients written for
//! Statuspage can read it.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::model::{ComponentStatus, Kind, Public, Record, UpdateStatus};

use crate::render::view::SiteView;

/// A short stable id (Statuspage ids are 12 lower-case characters).
pub fn short_id(parts: &[&str]) -> String {
    let digest = Sha256::digest(parts.join("\n").as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn ts(t: &DateTime<FixedOffset>) -> String {
    t.to_utc().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The order of incidents in Statuspage's documents: the newest first (by when they were
/// created: the first update), ties by id.
pub fn newest_first(a: &Record, b: &Record) -> std::cmp::Ordering {
    let created = |r: &Record| r.updates.first().map(|u| u.at.to_utc());
    created(b).cmp(&created(a)).then_with(|| a.id.cmp(&b.id))
}

/// One record as a Statuspage incident.
pub fn incident(record: &Public<'_>, link: &str) -> Value {
    let first = record.updates.first().map(|u| u.at);
    let last = record.updates.iter().map(|u| u.at).max();
    let at = |s: UpdateStatus| {
        record
            .updates
            .iter()
            .find(|u| u.status == s)
            .map(|u| ts(&u.at))
    };
    let impact = match (record.kind, record.severity) {
        (Kind::Maintenance, _) => "maintenance",
        (Kind::Incident, Some(s)) => s.as_str(),
        (Kind::Incident, None) => "none",
    };
    let components: Vec<Value> = record
        .components
        .iter()
        .map(|c| {
            let worst = record
                .impact
                .windows
                .iter()
                .filter(|w| &w.component == c)
                .map(|w| w.status)
                .max();
            json!({
                "id": short_id(&["component", c]),
                "name": c,
                "status": worst.map_or("operational", ComponentStatus::as_str),
            })
        })
        .collect();
    let affected: Vec<Value> = record
        .components
        .iter()
        .map(|c| json!({"code": short_id(&["component", c]), "name": c}))
        .collect();
    let updates: Vec<Value> = record
        .updates
        .iter()
        .rev()
        .map(|u| {
            json!({
                "id": short_id(&[&record.id, &ts(&u.at), u.status.as_str()]),
                "incident_id": short_id(&[&record.id]),
                "status": u.status.as_str(),
                "body": u.body.trim_end(),
                "created_at": ts(&u.at),
                "updated_at": ts(&u.at),
                "display_at": ts(&u.at),
                "affected_components": affected,
            })
        })
        .collect();
    let started = record.start();
    json!({
        "id": short_id(&[&record.id]),
        "name": record.title,
        "status": record.updates.last().map_or("investigating", |u| u.status.as_str()),
        "impact": impact,
        "created_at": first.map(|t| ts(&t)),
        "updated_at": last.map(|t| ts(&t)),
        "monitoring_at": at(UpdateStatus::Monitoring),
        "resolved_at": record.resolution().map(|u| ts(&u.at)),
        "started_at": started.map(|t| ts(&t)),
        "scheduled_for": record.scheduled.as_ref().map(|s| ts(&s.start)),
        "scheduled_until": record.scheduled.as_ref().map(|s| ts(&s.end)),
        "shortlink": link,
        "incident_updates": updates,
        "components": components,
    })
}

/// The `generator` of this tool's `incidents.json`.
pub const GENERATOR: &str = "postmortem";

/// The whole document: the page and its incidents, newest first.
pub fn document(site: &SiteView, incidents: &[(Public<'_>, String)]) -> Value {
    let updated = incidents
        .iter()
        .flat_map(|(r, _)| r.updates.iter().map(|u| u.at))
        .max()
        .map(|t| ts(&t));
    let mut sorted: Vec<&(Public<'_>, String)> = incidents.iter().collect();
    sorted.sort_by(|(a, _), (b, _)| newest_first(a, b));
    json!({
        "page": {
            "id": short_id(&[&site.url]),
            "name": site.name,
            "url": site.url,
            "time_zone": site.timezone,
            "updated_at": updated,
        },
        // Bodies here are the records' Markdown, not Statuspage's text with HTML: `import`
        // reads them as they are.
        "generator": GENERATOR,
        "incidents": sorted.iter().map(|(r, link)| incident(r, link)).collect::<Vec<_>>(),
    })
}
