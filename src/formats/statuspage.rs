//! `incidents.json` in the shape of Statuspage's public API v2, so that clients written for
//! Statuspage can read it.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use strum::VariantArray;

use crate::model::{ComponentStatus, Kind, Public, Record, UpdateStatus};

use crate::render::view::SiteView;

/// A short stable id (Statuspage ids are 12 lower-case characters).
pub fn short_id(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update(b"\n");
        }
        hasher.update(part.as_bytes());
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(12);
    for b in hasher.finalize().iter().take(6) {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    id
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
        "resolved_at": record.resolved_time().map(|t| ts(&t)),
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

// ---------------------------------------------------------------------------------------------
// The public API v2 under `api/v2/`: the documents Statuspage serves, field for field.
// ---------------------------------------------------------------------------------------------

/// Where the API's files live in the site.
pub const API_DIR: &str = "api/v2";

/// How many incidents `incidents.json` and maintenances `scheduled-maintenances.json` hold, as
/// Statuspage's do.
pub const API_LIST_LIMIT: usize = 50;

/// The files of `api/v2/` besides one `incidents/<id>.json` per record.
pub const API_FILES: [&str; 8] = [
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
];

// Every type reads as leniently as the documents real pages serve, so that `import` reads
// through the same types the API is written with: a key that is missing or `null` is its
// default (an empty text, `false`, `0`, an empty list). What is written is unchanged.

/// A value, or its default when the document has `null`.
fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `page`: the page every document starts with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Page {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub url: String,
    #[serde(deserialize_with = "or_default")]
    pub time_zone: String,
    pub updated_at: Option<String>,
}

/// `status`: the page's overall indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Status {
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    #[serde(deserialize_with = "or_default")]
    pub indicator: String,
    #[serde(deserialize_with = "or_default")]
    pub description: String,
}

/// A component, or a group of components (`group: true`, with the ids of its `components`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Component {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    /// `operational`, `degraded_performance`, `partial_outage`, `major_outage` or
    /// `under_maintenance`.
    #[serde(deserialize_with = "or_default")]
    pub status: String,
    #[serde(deserialize_with = "or_default")]
    pub created_at: String,
    #[serde(deserialize_with = "or_default")]
    pub updated_at: String,
    #[serde(deserialize_with = "or_default")]
    pub position: u32,
    pub description: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub showcase: bool,
    pub start_date: Option<String>,
    pub group_id: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub page_id: String,
    #[serde(deserialize_with = "or_default")]
    pub group: bool,
    #[serde(deserialize_with = "or_default")]
    pub only_show_if_degraded: bool,
    /// A group's members; only groups have the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

/// A component an update names, with its status before and after the update.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AffectedComponent {
    #[serde(deserialize_with = "or_default")]
    pub code: String,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub old_status: String,
    #[serde(deserialize_with = "or_default")]
    pub new_status: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentUpdate {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub status: String,
    #[serde(deserialize_with = "or_default")]
    pub body: String,
    #[serde(deserialize_with = "or_default")]
    pub incident_id: String,
    #[serde(deserialize_with = "or_default")]
    pub created_at: String,
    #[serde(deserialize_with = "or_default")]
    pub updated_at: String,
    #[serde(deserialize_with = "or_default")]
    pub display_at: String,
    pub affected_components: Option<Vec<AffectedComponent>>,
    #[serde(deserialize_with = "or_default")]
    pub deliver_notifications: bool,
    pub custom_tweet: Option<String>,
    pub tweet_id: Option<String>,
}

/// The scheduled window: only maintenances carry these keys.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
}

/// An incident or a scheduled maintenance.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Incident {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub status: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub monitoring_at: Option<String>,
    pub resolved_at: Option<String>,
    /// `none`, `minor`, `major`, `critical`, or `maintenance`.
    #[serde(deserialize_with = "or_default")]
    pub impact: String,
    #[serde(deserialize_with = "or_default")]
    pub shortlink: String,
    pub started_at: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub page_id: String,
    #[serde(deserialize_with = "or_default")]
    pub incident_updates: Vec<IncidentUpdate>,
    #[serde(deserialize_with = "or_default")]
    pub components: Vec<Component>,
    pub postmortem_body: Option<String>,
    pub postmortem_published_at: Option<String>,
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
}

/// `summary.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryDoc {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    #[serde(deserialize_with = "or_default")]
    pub components: Vec<Component>,
    #[serde(deserialize_with = "or_default")]
    pub incidents: Vec<Incident>,
    #[serde(deserialize_with = "or_default")]
    pub scheduled_maintenances: Vec<Incident>,
    #[serde(deserialize_with = "or_default")]
    pub status: Status,
}

/// `status.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusDoc {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    #[serde(deserialize_with = "or_default")]
    pub status: Status,
}

/// `components.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComponentsDoc {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    #[serde(deserialize_with = "or_default")]
    pub components: Vec<Component>,
}

/// `incidents.json`, `incidents/unresolved.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentsDoc {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    #[serde(deserialize_with = "or_default")]
    pub incidents: Vec<Incident>,
}

/// `incidents/<id>.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentDoc {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    #[serde(deserialize_with = "or_default")]
    pub incident: Incident,
}

/// `scheduled-maintenances.json` and its `upcoming.json`, `active.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MaintenancesDoc {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    #[serde(deserialize_with = "or_default")]
    pub scheduled_maintenances: Vec<Incident>,
}

/// A document as written: compact JSON, as Statuspage serves it (one line per record's file
/// instead of a hundred keeps a large history's API small), and a final newline.
pub fn to_file<T: Serialize>(doc: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec(doc)?;
    out.push(b'\n');
    Ok(out)
}

/// Where a maintenance stands at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Not begun: `now` is before its start, and it is still `scheduled`.
    Upcoming,
    /// Under way: begun and not completed.
    Active,
    /// Completed, or past its end without a word since it was scheduled.
    Over,
}

/// The phase of a maintenance record at `now`.
pub fn phase(record: &Record, now: DateTime<Utc>) -> Phase {
    if record.resolution().is_some() {
        return Phase::Over;
    }
    let latest = record.updates.last().map(|u| u.status);
    let started = matches!(
        latest,
        Some(UpdateStatus::InProgress | UpdateStatus::Verifying)
    );
    match &record.scheduled {
        _ if started => Phase::Active,
        Some(s) if now < s.start.to_utc() => Phase::Upcoming,
        Some(s) if now < s.end.to_utc() => Phase::Active,
        Some(_) => Phase::Over,
        None => Phase::Upcoming,
    }
}

/// Whether `record` is an incident that is not resolved.
pub fn is_unresolved_incident(record: &Record) -> bool {
    record.kind == Kind::Incident && record.resolution().is_none()
}

/// The order of maintenances: the latest scheduled start first, ties by id.
pub fn latest_scheduled_first(a: &Record, b: &Record) -> std::cmp::Ordering {
    let start = |r: &Record| r.scheduled.as_ref().map(|s| s.start.to_utc());
    start(b).cmp(&start(a)).then_with(|| newest_first(a, b))
}

/// The overall indicator, as Statuspage blends it: the worst of what the components' statuses
/// now say and what the open incidents' impacts say; maintenance only when nothing else is
/// wrong.
pub fn overall(
    worst_component: Option<ComponentStatus>,
    worst_open_impact: Option<crate::model::Severity>,
) -> Status {
    use crate::model::Severity;
    // (rank, indicator, description)
    let from_component = worst_component.map(|s| match s {
        ComponentStatus::UnderMaintenance => (1, "maintenance", "Service Under Maintenance"),
        ComponentStatus::DegradedPerformance => (2, "minor", "Partially Degraded Service"),
        ComponentStatus::PartialOutage => (3, "major", "Partial System Outage"),
        ComponentStatus::MajorOutage => (4, "critical", "Major System Outage"),
    });
    let from_incident = worst_open_impact.and_then(|s| match s {
        Severity::None => None,
        Severity::Minor => Some((2, "minor", "Minor Service Outage")),
        Severity::Major => Some((3, "major", "Partial System Outage")),
        Severity::Critical => Some((4, "critical", "Major System Outage")),
    });
    let chosen = match (from_component, from_incident) {
        (Some(c), Some(i)) if i.0 > c.0 => Some(i),
        (Some(c), _) => Some(c),
        (None, i) => i,
    };
    let (_, indicator, description) = chosen.unwrap_or((0, "none", "All Systems Operational"));
    Status {
        indicator: indicator.to_owned(),
        description: description.to_owned(),
    }
}

/// The worst status of `component` in `record`'s own windows at `t`.
fn record_status_at(record: &Record, component: &str, t: DateTime<Utc>) -> Option<ComponentStatus> {
    record
        .impact
        .windows
        .iter()
        .filter(|w| {
            w.component == component
                && w.start.to_utc() <= t
                && w.end.is_none_or(|e| e.to_utc() > t)
        })
        .map(|w| w.status)
        .max()
}

fn component_status_str(s: Option<ComponentStatus>) -> &'static str {
    s.map_or("operational", ComponentStatus::as_str)
}

/// Everything the API's documents share, made once per build: the page, the components with
/// their status now, and the site's zone for timestamps.
pub struct Api {
    pub page: Page,
    /// Components and groups, in the catalogue's order (a group where its first member is).
    pub components: Vec<Component>,
    pub status: Status,
    tz: chrono_tz::Tz,
}

impl Api {
    /// The page and its components as of `now`, from the public records.
    pub fn new(config: &crate::config::Config, records: &[&Record], now: DateTime<Utc>) -> Api {
        let tz = config.timezone;
        let stamp = |t: DateTime<Utc>| api_ts(&t, tz);
        let page_id = short_id(&[&config.url]);
        let latest = records
            .iter()
            .flat_map(|r| r.updates.iter().map(|u| u.at.to_utc()))
            .max();
        let earliest = records
            .iter()
            .flat_map(|r| r.updates.iter().map(|u| u.at.to_utc()))
            .min();
        let page = Page {
            id: page_id.clone(),
            name: config.name.clone(),
            url: config.url.trim_end_matches('/').to_owned(),
            time_zone: tz.name().to_owned(),
            updated_at: latest.map(stamp),
        };
        // When a component first appears in a record, and when its status last changed by now.
        let mut first_seen: std::collections::HashMap<&str, DateTime<Utc>> = Default::default();
        let mut last_change: std::collections::HashMap<&str, DateTime<Utc>> = Default::default();
        for r in records {
            if let Some(first) = r.updates.first().map(|u| u.at.to_utc()) {
                for c in &r.components {
                    let e = first_seen.entry(c.as_str()).or_insert(first);
                    *e = (*e).min(first);
                }
            }
            for w in &r.impact.windows {
                let start = w.start.to_utc();
                let e = first_seen.entry(w.component.as_str()).or_insert(start);
                *e = (*e).min(start);
                for t in [Some(w.start.to_utc()), w.end.map(|e| e.to_utc())]
                    .into_iter()
                    .flatten()
                    .filter(|t| *t <= now)
                {
                    let e = last_change.entry(w.component.as_str()).or_insert(t);
                    *e = (*e).max(t);
                }
            }
        }
        let fallback = earliest.unwrap_or(now);
        let catalogue = config.components_of(records.iter().copied());
        let mut components: Vec<Component> = Vec::new();
        let mut top_position = 0;
        let mut group_index: std::collections::HashMap<String, usize> = Default::default();
        // Each group's (created, updated): the earliest and latest of its members'.
        let mut group_times: std::collections::HashMap<usize, (DateTime<Utc>, DateTime<Utc>)> =
            Default::default();
        let mut worst: Option<ComponentStatus> = None;
        let now_statuses = crate::figures::statuses_at(records, now);
        for c in &catalogue {
            let status = now_statuses.get(c.name.as_str()).copied();
            worst = worst.max(status);
            let created = first_seen.get(c.name.as_str()).copied().unwrap_or(fallback);
            let updated = last_change
                .get(c.name.as_str())
                .copied()
                .unwrap_or(created)
                .max(created);
            let id = short_id(&["component", &c.name]);
            let (group_id, position) = match &c.group {
                Some(g) => {
                    let gi = match group_index.get(g) {
                        Some(i) => *i,
                        None => {
                            top_position += 1;
                            components.push(Component {
                                id: short_id(&["group", g]),
                                name: g.clone(),
                                status: "operational".into(),
                                created_at: stamp(created),
                                updated_at: stamp(updated),
                                position: top_position,
                                description: None,
                                showcase: false,
                                start_date: None,
                                group_id: None,
                                page_id: page_id.clone(),
                                group: true,
                                only_show_if_degraded: false,
                                components: Some(Vec::new()),
                            });
                            group_index.insert(g.clone(), components.len() - 1);
                            components.len() - 1
                        }
                    };
                    let group = &mut components[gi];
                    let members = group.components.get_or_insert_with(Vec::new);
                    members.push(id.clone());
                    let position = members.len() as u32;
                    // A group's status is the worst of its members'; its times span theirs.
                    group.status = worst_of(&group.status, status).to_owned();
                    let times = group_times.entry(gi).or_insert((created, updated));
                    *times = (times.0.min(created), times.1.max(updated));
                    group.created_at = stamp(times.0);
                    group.updated_at = stamp(times.1);
                    (Some(group.id.clone()), position)
                }
                None => {
                    top_position += 1;
                    (None, top_position)
                }
            };
            components.push(Component {
                id,
                name: c.name.clone(),
                status: component_status_str(status).to_owned(),
                created_at: stamp(created),
                updated_at: stamp(updated),
                position,
                description: c.description.clone(),
                showcase: true,
                start_date: None,
                group_id,
                page_id: page_id.clone(),
                group: false,
                only_show_if_degraded: false,
                components: None,
            });
        }
        // A group comes first, then its members, as the page lists them.
        let mut ordered: Vec<Component> = Vec::with_capacity(components.len());
        let mut placed = vec![false; components.len()];
        for i in 0..components.len() {
            if placed[i] {
                continue;
            }
            placed[i] = true;
            ordered.push(components[i].clone());
            if let Some(members) = &components[i].components {
                for (j, m) in components.iter().enumerate() {
                    if !placed[j] && members.contains(&m.id) && !m.group {
                        placed[j] = true;
                        ordered.push(m.clone());
                    }
                }
            }
        }
        let worst_impact = records
            .iter()
            .filter(|r| is_unresolved_incident(r))
            .map(|r| r.severity.unwrap_or(crate::model::Severity::Minor))
            .max();
        Api {
            page,
            components: ordered,
            status: overall(worst, worst_impact),
            tz,
        }
    }

    fn ts(&self, t: &DateTime<FixedOffset>) -> String {
        api_ts(&t.to_utc(), self.tz)
    }

    /// A component as an update's `affected_components` names it: `Group - Component` for a
    /// grouped one, as Statuspage does (Huobi's `"Deposit And Withdraw - Deposit"`,
    /// `tests/fixtures/statuspage-v2-real/huobi-summary.json`); `components[].name` stays the
    /// plain name.
    fn affected_name(&self, component: &str) -> String {
        let group = self
            .components
            .iter()
            .find(|k| !k.group && k.name == component)
            .and_then(|k| k.group_id.as_deref())
            .and_then(|g| self.components.iter().find(|k| k.group && k.id == g));
        match group {
            Some(g) => format!("{} - {component}", g.name),
            None => component.to_owned(),
        }
    }

    /// A component's id, as the components' list has it (made once per build).
    fn component_id(&self, name: &str) -> String {
        self.components
            .iter()
            .find(|k| !k.group && k.name == name)
            .map_or_else(|| short_id(&["component", name]), |k| k.id.clone())
    }

    /// One record as Statuspage's incident (or scheduled maintenance). `postmortem_body` is
    /// the published postmortem as Markdown, if the record has one.
    pub fn incident(
        &self,
        record: &Public<'_>,
        link: &str,
        postmortem_body: Option<String>,
    ) -> Incident {
        let id = short_id(&[&record.id]);
        let components: Vec<Component> = record
            .components
            .iter()
            .filter_map(|c| self.components.iter().find(|k| !k.group && &k.name == c))
            .cloned()
            .collect();
        let mut previous: Option<DateTime<Utc>> = None;
        let mut updates: Vec<IncidentUpdate> = record
            .updates
            .iter()
            .map(|u| {
                let at = u.at.to_utc();
                let affected: Vec<AffectedComponent> = record
                    .components
                    .iter()
                    .map(|c| AffectedComponent {
                        code: self.component_id(c),
                        name: self.affected_name(c),
                        old_status: component_status_str(
                            previous.and_then(|p| record_status_at(record, c, p)),
                        )
                        .to_owned(),
                        new_status: component_status_str(record_status_at(record, c, at))
                            .to_owned(),
                    })
                    .collect();
                previous = Some(at);
                let stamp = self.ts(&u.at);
                IncidentUpdate {
                    id: short_id(&[&record.id, &ts(&u.at), u.status.as_str()]),
                    status: u.status.as_str().to_owned(),
                    body: u.body.trim_end().to_owned(),
                    incident_id: id.clone(),
                    created_at: stamp.clone(),
                    updated_at: stamp.clone(),
                    display_at: stamp,
                    // No component: `null`, as Statuspage writes it for such updates
                    // (`tests/fixtures/statuspage-v2-real/discord-incidents.json`).
                    affected_components: (!affected.is_empty()).then_some(affected),
                    deliver_notifications: true,
                    custom_tweet: None,
                    tweet_id: None,
                }
            })
            .collect();
        updates.reverse();
        let impact = match (record.kind, record.severity) {
            (Kind::Maintenance, _) => "maintenance",
            (Kind::Incident, Some(s)) => s.as_str(),
            (Kind::Incident, None) => "none",
        };
        Incident {
            id,
            name: record.title.clone(),
            status: record
                .updates
                .last()
                .map_or("investigating", |u| u.status.as_str())
                .to_owned(),
            created_at: record.updates.first().map(|u| self.ts(&u.at)),
            updated_at: record
                .updates
                .iter()
                .map(|u| u.at)
                .max()
                .map(|t| self.ts(&t)),
            monitoring_at: record
                .updates
                .iter()
                .find(|u| u.status == UpdateStatus::Monitoring)
                .map(|u| self.ts(&u.at)),
            resolved_at: record.resolved_time().map(|t| self.ts(&t)),
            impact: impact.to_owned(),
            shortlink: link.to_owned(),
            started_at: api_started_at(record).map(|t| self.ts(&t)),
            page_id: self.page.id.clone(),
            incident_updates: updates,
            components,
            postmortem_body,
            postmortem_published_at: record
                .postmortem
                .as_ref()
                .and_then(|p| p.published_at.as_ref())
                .map(|t| self.ts(t)),
            schedule: (record.kind == Kind::Maintenance).then(|| Schedule {
                scheduled_for: record.scheduled.as_ref().map(|s| self.ts(&s.start)),
                scheduled_until: record.scheduled.as_ref().map(|s| self.ts(&s.end)),
            }),
        }
    }
}

/// An incident's `started_at` in the API: the earliest window start, else the first update;
/// a maintenance's is when it was announced, its first update, as Statuspage gives it
/// (`started_at` ≈ `created_at` for every scheduled maintenance in real captures: Huobi's
/// `2020-02-11T03:16:31.474Z` for a window on 2020-02-15, Discord's `16:57:00` for one
/// created at `16:57:33` and scheduled three days later).
fn api_started_at(record: &Record) -> Option<DateTime<FixedOffset>> {
    let first = record.updates.first().map(|u| u.at);
    match record.kind {
        Kind::Maintenance => first,
        Kind::Incident => record.started_at().or(first),
    }
}

fn worst_of(current: &str, other: Option<ComponentStatus>) -> &'static str {
    let current = ComponentStatus::VARIANTS
        .iter()
        .copied()
        .find(|s| s.as_str() == current);
    component_status_str(current.max(other))
}

/// A timestamp as Statuspage writes it: in the page's zone, with milliseconds and the offset
/// (`2026-04-07T21:41:20.000+02:00`; `Z` in UTC).
pub fn api_ts(t: &DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The postmortem part of a record's Markdown (from its `## Postmortem` heading on), as
/// `postmortem_body`; else, with templates that have no such heading, the summary as written.
pub fn postmortem_body(record: &Record, markdown: &str) -> Option<String> {
    let pm = record.postmortem.as_ref()?;
    const HEADING: &str = "\n## Postmortem\n";
    Some(match markdown.find(HEADING) {
        Some(at) => markdown[at + HEADING.len()..].trim().to_owned(),
        None => pm.summary.trim_end().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    /// The descriptions are Statuspage's own, per indicator, as real pages serve them:
    /// `critical` is "Major System Outage" (Snowflake's `status.json` of 2021-06-30, page
    /// `94s7z8vpy1n8`, `{"indicator":"critical","description":"Major System Outage"}`, and
    /// the `page` of Statuspage's webhook example with `status_indicator: critical`); `major`
    /// "Partial System Outage" (the same webhook example); `minor` "Partially Degraded
    /// Service" for a degraded component (Huobi's `summary.json`, 2020-02-11), and "Minor
    /// Service Outage" (among the descriptions clients list for Statuspage) for a minor
    /// incident; `none` "All Systems Operational" (GitHub's `summary.json`).
    /// Statuspage's API reference names "Major Service Outage" only as an example in prose;
    /// no served response has it.
    #[test]
    fn a_short_id_is_the_first_six_bytes_of_the_sha256_of_the_parts_joined_by_newlines() {
        // sha256("component\nWeb app"), sha256("2025-04-02-spaces-503s"), sha256("").
        assert_eq!(short_id(&["component", "Web app"]), "936d0e3eee24");
        assert_eq!(short_id(&["2025-04-02-spaces-503s"]), "0d3818ce28e9");
        assert_eq!(short_id(&[]), "e3b0c44298fc");
    }

    #[test]
    fn the_overall_indicator_is_the_worst_of_components_and_open_incidents() {
        let cases = [
            (None, None, "none", "All Systems Operational"),
            (
                None,
                Some(Severity::None),
                "none",
                "All Systems Operational",
            ),
            (
                Some(ComponentStatus::UnderMaintenance),
                None,
                "maintenance",
                "Service Under Maintenance",
            ),
            (
                Some(ComponentStatus::UnderMaintenance),
                Some(Severity::Minor),
                "minor",
                "Minor Service Outage",
            ),
            (
                Some(ComponentStatus::DegradedPerformance),
                Some(Severity::Minor),
                "minor",
                "Partially Degraded Service",
            ),
            (
                Some(ComponentStatus::DegradedPerformance),
                Some(Severity::Critical),
                "critical",
                "Major System Outage",
            ),
            (
                Some(ComponentStatus::PartialOutage),
                None,
                "major",
                "Partial System Outage",
            ),
            (
                Some(ComponentStatus::MajorOutage),
                Some(Severity::Major),
                "critical",
                "Major System Outage",
            ),
        ];
        for (component, incident, indicator, description) in cases {
            assert_eq!(
                overall(component, incident),
                Status {
                    indicator: indicator.into(),
                    description: description.into()
                },
                "{component:?} {incident:?}"
            );
        }
    }

    #[test]
    fn timestamps_are_in_the_pages_zone_with_milliseconds() {
        let t = DateTime::from_timestamp(1_775_600_480, 0).unwrap();
        assert_eq!(api_ts(&t, chrono_tz::UTC), "2026-04-07T22:21:20.000Z");
        assert_eq!(
            api_ts(&t, chrono_tz::Europe::Madrid),
            "2026-04-08T00:21:20.000+02:00"
        );
        assert_eq!(
            api_ts(&t, chrono_tz::America::New_York),
            "2026-04-07T18:21:20.000-04:00"
        );
    }
}
