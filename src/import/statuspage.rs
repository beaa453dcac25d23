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

/// Parses the document into drafts, one per incident.
pub fn parse(text: &str) -> Result<Vec<Draft>, ImportError> {
    let doc: Value = serde_json::from_str(text).map_err(|source| ImportError::Json { source })?;
    let incidents = doc
        .get("incidents")
        .and_then(Value::as_array)
        .ok_or(ImportError::NoIncidentList)?;
    if incidents.is_empty() {
        return Err(ImportError::NoIncidents);
    }
    let mut drafts = Vec::new();
    for (n, inc) in incidents.iter().enumerate() {
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
                        let body =
                            body_markdown(u.get("body").and_then(Value::as_str).unwrap_or(""));
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
