//! Statuspage's public API v2 `incidents.json` (and this tool's own, which has its shape).

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use super::{Draft, DraftUpdate, ImportError, split_postmortem, status_word};
use crate::model::{Kind, Severity, UpdateStatus};

fn time(v: &Value) -> Option<DateTime<FixedOffset>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
}

/// An update's body as Markdown. Statuspage's bodies are text that may hold HTML (`<br />`,
/// links): with HTML in it, its blank lines are paragraphs and its line breaks `<br>`, and
/// the whole becomes Markdown; without, it is kept as it is (this tool's own bodies are
/// Markdown).
pub fn body_markdown(body: &str) -> String {
    if !super::feed::looks_like_html(body) {
        return body.trim().to_owned();
    }
    // `<br />`s in a row end a paragraph.
    let mut text = body.replace("\r\n", "\n");
    for form in ["<br />", "<br/>", "<BR>", "<BR />"] {
        text = text.replace(form, "<br>");
    }
    while text.contains("<br><br>") {
        text = text.replace("<br><br>", "\n\n");
    }
    let html: String = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", p.trim().replace('\n', "<br>")))
        .collect();
    super::html_to_markdown(&html)
}

/// Whether `v` is a Statuspage incident or maintenance object.
fn is_incident(v: &Value) -> bool {
    v.get("name").is_some() && v.get("incident_updates").is_some()
}

/// The incidents and maintenances of every public v2 document that carries them:
/// `incidents.json`, `incidents/unresolved.json`, `summary.json` (`incidents` and
/// `scheduled_maintenances`), `scheduled-maintenances.json` (and `upcoming`, `active`),
/// `incidents/<id>.json` (`{page, incident}`), a bare incident object.
fn incidents_of(doc: &Value) -> Result<Vec<&Value>, ImportError> {
    let mut found: Vec<&Value> = Vec::new();
    let mut lists = false;
    for key in ["incidents", "scheduled_maintenances"] {
        if let Some(list) = doc.get(key).and_then(Value::as_array) {
            lists = true;
            found.extend(list);
        }
    }
    if lists {
        return Ok(found);
    }
    for key in ["incident", "scheduled_maintenance"] {
        if let Some(one) = doc.get(key).filter(|v| v.is_object()) {
            return Ok(vec![one]);
        }
    }
    if is_incident(doc) {
        return Ok(vec![doc]);
    }
    Err(ImportError::NoIncidentList {
        looks_like: looks_like(doc),
    })
}

/// What an unreadable JSON document looks like, for the message.
fn looks_like(doc: &Value) -> String {
    let key = |k: &str| doc.get(k).is_some();
    if doc
        .get("version")
        .and_then(Value::as_str)
        .is_some_and(|v| v.contains("jsonfeed.org"))
    {
        return "a JSON Feed".to_owned();
    }
    if let Some(first) = doc.as_array().and_then(|a| a.first()) {
        if first.get("most_recent_update").is_some() || first.get("service_name").is_some() {
            return "Google Cloud's incident list (incidents.json of status.cloud.google.com)"
                .to_owned();
        }
        return "a JSON list".to_owned();
    }
    if key("components") && key("page") {
        return "Statuspage's components.json (no incidents)".to_owned();
    }
    if key("status") && key("page") {
        return "Statuspage's status.json (no incidents)".to_owned();
    }
    match doc.as_object() {
        Some(map) if map.is_empty() => "an empty JSON object".to_owned(),
        Some(map) => {
            let keys: Vec<&str> = map.keys().take(5).map(String::as_str).collect();
            format!("a JSON object with keys {}", keys.join(", "))
        }
        None => "a JSON value that is not an object".to_owned(),
    }
}

/// Parses the document into drafts, one per incident.
pub fn parse(text: &str) -> Result<Vec<Draft>, ImportError> {
    let doc: Value = serde_json::from_str(text).map_err(|source| ImportError::Json { source })?;
    let incidents = incidents_of(&doc)?;
    if incidents.is_empty() {
        return Err(ImportError::NoIncidents);
    }
    // This tool's own document holds the records' Markdown: taken as it is.
    let own =
        doc.get("generator").and_then(Value::as_str) == Some(crate::formats::statuspage::GENERATOR);
    let mut drafts = Vec::new();
    for (n, inc) in incidents.into_iter().enumerate() {
        let title = inc
            .get("name")
            .and_then(Value::as_str)
            .ok_or(ImportError::NoName { n })?;
        let impact = inc.get("impact").and_then(Value::as_str).unwrap_or("");
        let mut updates: Vec<DraftUpdate> = inc
            .get("incident_updates")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|u| {
                        let at = time(u.get("display_at")?)
                            .or_else(|| u.get("created_at").and_then(time))?;
                        let status = u
                            .get("status")
                            .and_then(Value::as_str)
                            .and_then(status_word)?;
                        let body = u.get("body").and_then(Value::as_str).unwrap_or("");
                        let body = if own {
                            body.to_owned()
                        } else {
                            body_markdown(body)
                        };
                        Some(DraftUpdate {
                            at,
                            status,
                            inferred: false,
                            body,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        if updates.is_empty() {
            return Err(ImportError::NoUpdates {
                n,
                title: title.to_owned(),
            });
        }
        updates.sort_by_key(|u| u.at);
        let scheduled = match (
            inc.get("scheduled_for").and_then(time),
            inc.get("scheduled_until").and_then(time),
        ) {
            (Some(s), Some(e)) => Some((s, e)),
            _ => None,
        };
        let kind = if impact == "maintenance"
            || scheduled.is_some()
            || updates.iter().any(|u| u.status.kind() == Kind::Maintenance)
        {
            Kind::Maintenance
        } else {
            Kind::Incident
        };
        // An incident the source says is over is never left open: its resolution, at
        // `resolved_at` (else `updated_at`), when no update says so.
        let over = matches!(
            inc.get("status").and_then(Value::as_str),
            Some("resolved" | "postmortem" | "completed")
        );
        let closing = if kind == Kind::Maintenance {
            UpdateStatus::Completed
        } else {
            UpdateStatus::Resolved
        };
        if over
            && !updates.iter().any(|u| {
                matches!(
                    u.status,
                    UpdateStatus::Resolved | UpdateStatus::Postmortem | UpdateStatus::Completed
                )
            })
            && let Some(at) = inc
                .get("resolved_at")
                .and_then(time)
                .or_else(|| inc.get("updated_at").and_then(time))
        {
            let at = updates.last().map_or(at, |last| at.max(last.at));
            updates.push(DraftUpdate {
                at,
                status: closing,
                inferred: false,
                body: String::new(),
            });
        }
        let postmortem = inc
            .get("postmortem_body")
            .and_then(Value::as_str)
            .filter(|b| !b.trim().is_empty())
            .map(|body| {
                let mut pm = split_postmortem(body);
                pm.published_at = inc.get("postmortem_published_at").and_then(time);
                pm
            });
        if let Some(pm) = &postmortem
            && let Some(at) = pm.published_at
            && !updates.iter().any(|u| u.status == UpdateStatus::Postmortem)
        {
            updates.push(DraftUpdate {
                at,
                status: UpdateStatus::Postmortem,
                inferred: false,
                body: String::new(),
            });
        }
        drafts.push(Draft {
            title: title.to_owned(),
            link: inc
                .get("shortlink")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            kind,
            severity: match impact {
                "none" => Some(Severity::None),
                "minor" => Some(Severity::Minor),
                "major" => Some(Severity::Major),
                "critical" => Some(Severity::Critical),
                _ => None,
            },
            components: inc
                .get("components")
                .and_then(Value::as_array)
                .map(|c| {
                    c.iter()
                        .filter_map(|c| c.get("name").and_then(Value::as_str))
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            scheduled,
            updates,
            postmortem,
        });
    }
    Ok(drafts)
}
