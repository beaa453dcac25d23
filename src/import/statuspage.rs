//! Statuspage's public API v2 JSON (and this tool's own `incidents.json`, which has its
//! shape), read through the same serde types `api/v2/` is written with
//! (`formats::statuspage`).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::html::body_markdown;
use super::postmortem::split_postmortem;
use super::status::status_word;
use super::{Draft, DraftUpdate, ImportError, Parsed, Warning};
use crate::formats::statuspage::{
    API_LIST_LIMIT, AffectedComponent, GENERATOR, Incident, IncidentDoc, SummaryDoc,
};
use crate::model::{ComponentStatus, Kind, Severity, UpdateStatus, Window};

fn time(s: Option<&str>) -> Option<DateTime<FixedOffset>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
}

/// Whether `v` is a Statuspage incident or maintenance object.
fn is_incident(v: &Value) -> bool {
    v.get("name").is_some() && v.get("incident_updates").is_some()
}

/// A document as one of the API's types, with the place of what does not fit.
fn typed<T: DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        ImportError::Shape {
            at: format!("{}:{}", e.line(), e.column()),
            message: message.strip_suffix(&place).unwrap_or(&message).to_owned(),
        }
    })
}

/// What a public v2 document holds: its incidents and maintenances, its components.
struct Doc {
    incidents: Vec<Incident>,
    /// `summary.json`, `components.json`: the page's components and groups.
    components: Vec<crate::formats::statuspage::Component>,
    /// Statuspage's `incidents.json` (not this tool's, which holds every record).
    incident_list: bool,
    own: bool,
}

/// The incidents and maintenances of every public v2 document that carries them:
/// `incidents.json`, `incidents/unresolved.json`, `summary.json` (`incidents` and
/// `scheduled_maintenances`), `scheduled-maintenances.json` (and `upcoming`, `active`),
/// `incidents/<id>.json` (`{page, incident}`), a bare incident object; and the components of
/// `summary.json` and `components.json`.
fn document(text: &str, doc: &Value) -> Result<Doc, ImportError> {
    let own = doc.get("generator").and_then(Value::as_str) == Some(GENERATOR);
    let list = |k: &str| doc.get(k).is_some_and(Value::is_array);
    if list("incidents") || list("scheduled_maintenances") {
        let d: SummaryDoc = typed(text)?;
        let mut incidents = d.incidents;
        incidents.extend(d.scheduled_maintenances);
        return Ok(Doc {
            incidents,
            components: d.components,
            incident_list: list("incidents") && !list("scheduled_maintenances") && !own,
            own,
        });
    }
    if doc.get("incident").is_some_and(Value::is_object) {
        let d: IncidentDoc = typed(text)?;
        return Ok(Doc {
            incidents: vec![d.incident],
            components: Vec::new(),
            incident_list: false,
            own,
        });
    }
    if is_incident(doc) {
        return Ok(Doc {
            incidents: vec![typed(text)?],
            components: Vec::new(),
            incident_list: false,
            own,
        });
    }
    if list("components") && doc.get("status").is_none() {
        let d: SummaryDoc = typed(text)?;
        return Ok(Doc {
            incidents: Vec::new(),
            components: d.components,
            incident_list: false,
            own,
        });
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
    if key("activeIncidents") || key("activeMaintenances") {
        return "Instatus's summary.json, which holds only what is open now: import the page's history feed instead".to_owned();
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

/// Parses the document into drafts, one per incident, and the catalogue it lists.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|source| ImportError::Json { source })?;
    let doc = document(text, &value)?;
    let mut notes = Vec::new();
    let mut parsed = Parsed {
        catalogue: super::catalogue::from_components(&doc.components, &mut notes),
        capped: doc.incident_list && doc.incidents.len() >= API_LIST_LIMIT,
        ..Parsed::default()
    };
    parsed.warnings.extend(
        notes
            .into_iter()
            .map(|message| Warning { at: None, message }),
    );
    if let Some(c) = &parsed.catalogue
        && c.is_empty()
    {
        parsed.catalogue = None;
    }
    if doc.incidents.is_empty() {
        if parsed.catalogue.is_some() {
            return Ok(parsed);
        }
        return Err(ImportError::NoIncidents);
    }
    let groups: Vec<&str> = doc
        .components
        .iter()
        .filter(|c| c.group && !c.name.trim().is_empty())
        .map(|c| c.name.as_str())
        .collect();
    for (n, inc) in doc.incidents.iter().enumerate() {
        let draft = draft(n, inc, doc.own, &groups, &mut parsed.warnings)?;
        parsed.drafts.push(draft);
    }
    Ok(parsed)
}

/// The component an update's `affected_components[].name` stands for when its code is not in
/// the incident's list: `Group - Component` without the group, when the prefix is one of the
/// page's groups or the rest one of the incident's components; else the name as written.
fn plain_name<'a>(name: &'a str, groups: &[&str], known: &HashMap<&str, &'a str>) -> &'a str {
    if known.values().any(|k| *k == name) {
        return name;
    }
    let by_group = groups.iter().find_map(|g| {
        name.strip_prefix(g)
            .and_then(|rest| rest.strip_prefix(" - "))
            .filter(|rest| !rest.trim().is_empty())
    });
    let by_component = || {
        known
            .values()
            .copied()
            .filter(|k| name.len() > k.len() && name.ends_with(&format!(" - {k}")))
            .max_by_key(|k| k.len())
    };
    by_group.or_else(by_component).unwrap_or(name)
}

/// A component's status as Statuspage writes it; `operational` is none.
fn component_status(s: &str) -> Result<Option<ComponentStatus>, ()> {
    Ok(Some(match s {
        "operational" | "" => return Ok(None),
        "degraded_performance" => ComponentStatus::DegradedPerformance,
        "partial_outage" => ComponentStatus::PartialOutage,
        "major_outage" => ComponentStatus::MajorOutage,
        "under_maintenance" => ComponentStatus::UnderMaintenance,
        _ => return Err(()),
    }))
}

/// One incident or maintenance as a draft.
fn draft(
    n: usize,
    inc: &Incident,
    own: bool,
    groups: &[&str],
    warnings: &mut Vec<Warning>,
) -> Result<Draft, ImportError> {
    let title = inc.name.as_str();
    if title.trim().is_empty() {
        return Err(ImportError::NoName { n });
    }
    let named = |m: String| Warning {
        at: None,
        message: format!("incident {n} ({title}): {m}"),
    };
    // (update, the components it names), as the source lists them.
    let mut listed: Vec<(DraftUpdate, Option<&Vec<AffectedComponent>>)> = Vec::new();
    for u in &inc.incident_updates {
        let Some(at) = time(Some(&u.display_at)).or_else(|| time(Some(&u.created_at))) else {
            warnings.push(named(format!(
                "an update without a time it can read (`{}`): it is skipped",
                u.display_at
            )));
            continue;
        };
        let Some(status) = status_word(&u.status) else {
            warnings.push(named(format!(
                "the update at {} has the status `{}`, which Statuspage does not have: it is skipped",
                u.display_at, u.status
            )));
            continue;
        };
        let body = if own {
            u.body.clone()
        } else {
            body_markdown(&u.body)
        };
        listed.push((
            DraftUpdate {
                at,
                status,
                inferred: false,
                body,
            },
            u.affected_components.as_ref(),
        ));
    }
    if listed.is_empty() {
        return Err(ImportError::NoUpdates {
            n,
            title: title.to_owned(),
        });
    }
    // Statuspage lists updates newest first: reversed, then a stable sort by time keeps the
    // order they were posted in among updates of the same instant.
    if listed.first().map(|u| u.0.at) >= listed.last().map(|u| u.0.at) {
        listed.reverse();
    }
    listed.sort_by_key(|u| u.0.at);

    let schedule = inc.schedule.as_ref();
    let scheduled = match (
        time(schedule.and_then(|s| s.scheduled_for.as_deref())),
        time(schedule.and_then(|s| s.scheduled_until.as_deref())),
    ) {
        (Some(s), Some(e)) => Some((s, e)),
        _ => None,
    };
    let impact = inc.impact.as_str();
    let kind = if impact == "maintenance"
        || scheduled.is_some()
        || listed
            .iter()
            .any(|u| u.0.status.kind() == Kind::Maintenance)
    {
        Kind::Maintenance
    } else {
        Kind::Incident
    };
    let mut updates: Vec<DraftUpdate> = listed.iter().map(|u| u.0.clone()).collect();

    // `monitoring_at` without a `monitoring` update (one deleted since): the update, with no
    // text, when it falls before the resolution.
    let resolves = |u: &DraftUpdate| u.status.closes();
    if kind == Kind::Incident
        && let Some(at) = time(inc.monitoring_at.as_deref())
        && !updates.iter().any(|u| u.status == UpdateStatus::Monitoring)
        && updates.first().is_some_and(|f| f.at <= at)
        && updates
            .iter()
            .find(|u| resolves(u))
            .is_none_or(|r| at < r.at)
    {
        updates.push(DraftUpdate {
            at,
            status: UpdateStatus::Monitoring,
            inferred: false,
            body: String::new(),
        });
        updates.sort_by_key(|u| u.at);
    }

    // An incident the source says is over is never left open: its resolution, at
    // `resolved_at` (else `updated_at`), when no update says so.
    let over = matches!(inc.status.as_str(), "resolved" | "postmortem" | "completed");
    let closing = if kind == Kind::Maintenance {
        UpdateStatus::Completed
    } else {
        UpdateStatus::Resolved
    };
    let resolved_at = time(inc.resolved_at.as_deref());
    if over
        && !updates.iter().any(|u| {
            matches!(
                u.status,
                UpdateStatus::Resolved | UpdateStatus::Postmortem | UpdateStatus::Completed
            )
        })
        && let Some(at) = resolved_at.or_else(|| time(inc.updated_at.as_deref()))
    {
        let at = updates.last().map_or(at, |last| at.max(last.at));
        updates.push(DraftUpdate {
            at,
            status: closing,
            inferred: false,
            body: String::new(),
        });
    }

    // `resolved_at` is the record's when the timeline cannot say it: earlier than the update
    // that announced it, or the record closed only by its postmortem.
    let resolving = updates.iter().find(|u| resolves(u)).cloned();
    let record_resolved_at = match (&resolving, resolved_at) {
        (Some(r), Some(at)) if at < r.at && updates.first().is_some_and(|f| f.at <= at) => Some(at),
        _ => None,
    };
    let resolution = record_resolved_at.or(resolving.as_ref().map(|r| r.at));

    // Each update's `affected_components`: a window per component and status, from the
    // update that set it to the one that changed it, else to the resolution.
    let code_names: HashMap<&str, &str> = inc
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let mut components: Vec<String> = inc
        .components
        .iter()
        .filter(|c| !c.group && !c.name.trim().is_empty())
        .map(|c| c.name.clone())
        .collect();
    let mut open: Vec<(String, ComponentStatus, DateTime<FixedOffset>)> = Vec::new();
    let mut windows: Vec<Window> = Vec::new();
    let close = |open: (String, ComponentStatus, DateTime<FixedOffset>),
                 end: Option<DateTime<FixedOffset>>,
                 windows: &mut Vec<Window>| {
        let (component, status, start) = open;
        if end.is_none_or(|e| e > start) {
            windows.push(Window {
                component,
                status,
                start,
                end,
            });
        }
    };
    for (u, affected) in &listed {
        // `null`, `[]`, and the placeholder older pages wrote (Discord's and Quay.io's
        // `[{"name": "No components were affected by this update."}]`: no code, no status)
        // all name no component.
        for a in affected
            .iter()
            .copied()
            .flatten()
            .filter(|a| !(a.code.trim().is_empty() && a.new_status.trim().is_empty()))
        {
            // The incident's own list names the component as the catalogue does; the
            // update's `name` of a grouped one is `Group - Component`.
            let name = code_names
                .get(a.code.as_str())
                .copied()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| plain_name(&a.name, groups, &code_names));
            if name.trim().is_empty() {
                continue;
            }
            let Ok(status) = component_status(&a.new_status) else {
                warnings.push(named(format!(
                    "the update at {} sets `{name}` to `{}`, which is not a component status: it is left out",
                    u.at.to_rfc3339(),
                    a.new_status
                )));
                continue;
            };
            if kind == Kind::Maintenance
                && status.is_some_and(|s| s != ComponentStatus::UnderMaintenance)
            {
                warnings.push(named(format!(
                    "the maintenance's update at {} sets `{name}` to `{}`: a maintenance window is `under_maintenance`, so it is left out (unplanned downtime belongs in an incident record)",
                    u.at.to_rfc3339(),
                    a.new_status
                )));
                continue;
            }
            if !components.iter().any(|c| c == name) {
                components.push(name.to_owned());
            }
            let current = open.iter().position(|(c, _, _)| c == name);
            if current.is_some_and(|i| Some(open[i].1) == status) {
                continue;
            }
            // After the resolution, a component set back to operational ends nothing new.
            let at = match resolution {
                Some(r) if u.at > r => r,
                _ => u.at,
            };
            if let Some(i) = current {
                close(open.remove(i), Some(at), &mut windows);
            }
            if let Some(s) = status
                && resolution.is_none_or(|r| u.at < r)
            {
                open.push((name.to_owned(), s, u.at));
            }
        }
    }
    for o in open {
        close(o, resolution, &mut windows);
    }
    windows.sort_by(|a, b| a.start.cmp(&b.start).then(a.component.cmp(&b.component)));

    let postmortem = inc
        .postmortem_body
        .as_deref()
        .filter(|b| !b.trim().is_empty())
        .map(|body| {
            let body = if own {
                body.to_owned()
            } else {
                body_markdown(body)
            };
            let mut pm = split_postmortem(&body);
            pm.published_at = time(inc.postmortem_published_at.as_deref());
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
        updates.sort_by_key(|u| u.at);
    }
    Ok(Draft {
        title: title.to_owned(),
        link: inc.shortlink.clone(),
        kind,
        severity: match impact {
            "none" => Some(Severity::None),
            "minor" => Some(Severity::Minor),
            "major" => Some(Severity::Major),
            "critical" => Some(Severity::Critical),
            _ => None,
        },
        components,
        scheduled,
        resolved_at: record_resolved_at,
        windows,
        source_id: (!inc.id.trim().is_empty()).then(|| inc.id.clone()),
        updates,
        postmortem,
    })
}
