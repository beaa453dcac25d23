//! The events of the records, and which of them are new: what the public records hold now,
//! against what was published before (its `notified.json`, else its Statuspage JSON).
//!
//! Every event id is a hash of the Statuspage ids the site already publishes (the incident's
//! and the update's) and of the instants it is about, so that the same event has the same id
//! in every run, and the events of a site published before `notify` existed can be told from
//! its `api/v2/` alone.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta, Utc};

use crate::formats::statuspage::{self as json, Phase, short_id};
use crate::model::{ComponentStatus, Kind, Public, UpdateStatus};

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    /// An incident first published (with its latest update).
    NewIncident,
    /// A later update of an incident or a maintenance.
    Update,
    /// The update that resolves an incident (or completes a maintenance).
    Resolved,
    /// A maintenance first published.
    NewMaintenance,
    /// A maintenance's window or components changed.
    MaintenanceChanged,
    /// A maintenance begins within the lead time.
    MaintenanceStarting,
    /// The postmortem was published.
    Postmortem,
    /// A component's status on the page changed (a window began or ended): Statuspage's
    /// component-update webhook, sent to `statuspage` endpoints only.
    ComponentStatus,
}

impl EventKind {
    /// The spelling in JSON and in file names.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One event of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// 12 lower-case hex characters, stable across runs.
    pub id: String,
    pub kind: EventKind,
    /// The record's id (its file name).
    pub record: String,
    /// The moment it is about: the update's time, the postmortem's publication, the start.
    pub at: DateTime<FixedOffset>,
    /// The update it announces (its index in the record's updates), if any.
    pub update: Option<usize>,
    /// The component whose status changed (`ComponentStatus` only).
    pub component: Option<ComponentChange>,
}

/// A component's status before and after an instant (`None`: operational).
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentChange {
    pub name: String,
    pub old: Option<ComponentStatus>,
    pub new: Option<ComponentStatus>,
}

/// An instant as the ids spell it: UTC, milliseconds (Statuspage's own form).
fn instant(t: &DateTime<FixedOffset>) -> String {
    t.to_utc().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The instant of a Statuspage timestamp, as the ids spell it.
fn instant_of(s: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| instant(&t))
}

fn opened_id(incident: &str) -> String {
    short_id(&["event", incident, "opened"])
}

fn update_id(incident: &str, update: &str) -> String {
    short_id(&["event", incident, "update", update])
}

fn window_id(incident: &str, start: &str, end: &str, components: &[String]) -> String {
    let mut c = components.to_vec();
    c.sort();
    short_id(&["event", incident, "window", start, end, &c.join("\n")])
}

fn starting_id(incident: &str, start: &str) -> String {
    short_id(&["event", incident, "starting", start])
}

fn component_id(component: &str, at: &str, status: &str) -> String {
    short_id(&[
        "event",
        "component",
        &short_id(&["component", component]),
        at,
        status,
    ])
}

/// The worst status of `component` at `t` over every record's windows (a resolved record's
/// windows all have ends).
fn status_then(
    records: &[Public<'_>],
    component: &str,
    t: DateTime<Utc>,
) -> Option<ComponentStatus> {
    records
        .iter()
        .flat_map(|r| r.impact.windows.iter())
        .filter(|w| {
            w.component == component
                && w.start.to_utc() <= t
                && w.end.is_none_or(|e| e.to_utc() > t)
        })
        .map(|w| w.status)
        .max()
}

/// Every change of a component's status by `now`: at each window's start and end, where the
/// worst status of all windows differs from the moment before. Each belongs to the record
/// whose window it is (for its link and the components filter).
fn component_changes(records: &[Public<'_>], now: DateTime<Utc>) -> Vec<Event> {
    let mut bounds: Vec<(DateTime<Utc>, DateTime<FixedOffset>, &str, &str)> = Vec::new();
    for r in records {
        for w in &r.impact.windows {
            for t in [Some(w.start), w.end].into_iter().flatten() {
                if t.to_utc() <= now {
                    bounds.push((t.to_utc(), t, w.component.as_str(), r.id.as_str()));
                }
            }
        }
    }
    bounds.sort_by(|a, b| (a.0, a.2, a.3).cmp(&(b.0, b.2, b.3)));
    bounds.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
    let mut out = Vec::new();
    for (t, at, component, record) in bounds {
        let old = status_then(records, component, t - TimeDelta::milliseconds(1));
        let new = status_then(records, component, t);
        if old == new {
            continue;
        }
        let status = new.map_or("operational", ComponentStatus::as_str);
        out.push(Event {
            id: component_id(component, &instant(&at), status),
            kind: EventKind::ComponentStatus,
            record: record.to_owned(),
            at,
            update: None,
            component: Some(ComponentChange {
                name: component.to_owned(),
                old,
                new,
            }),
        });
    }
    out
}

fn postmortem_id(incident: &str, published: &str) -> String {
    short_id(&["event", incident, "postmortem", published])
}

/// Every event the public records hold at `now` (reminders only within `lead` of the start),
/// each record's in the order they happened, records in id order.
pub fn all(records: &[Public<'_>], now: DateTime<Utc>, lead: TimeDelta) -> Vec<Event> {
    let mut out = Vec::new();
    for r in records {
        let incident = short_id(&[&r.id]);
        let event = |id: String, kind, at, update| Event {
            id,
            kind,
            record: r.id.clone(),
            at,
            update,
            component: None,
        };
        let Some(first) = r.updates.first() else {
            continue;
        };
        let opened = match r.kind {
            Kind::Incident => EventKind::NewIncident,
            Kind::Maintenance => EventKind::NewMaintenance,
        };
        out.push(event(opened_id(&incident), opened, first.at, Some(0)));
        if let Some(s) = &r.scheduled {
            out.push(event(
                window_id(
                    &incident,
                    &instant(&s.start),
                    &instant(&s.end),
                    &r.components,
                ),
                EventKind::MaintenanceChanged,
                first.at,
                None,
            ));
        }
        let resolution = r.updates.iter().position(|u| u.status.closes());
        for (i, u) in r.updates.iter().enumerate().skip(1) {
            // A `postmortem` update is the postmortem's own event when there is one to show.
            if u.status == UpdateStatus::Postmortem && r.postmortem.is_some() {
                continue;
            }
            let uid = short_id(&[&r.id, &instant(&u.at), u.status.as_str()]);
            let kind = if Some(i) == resolution {
                EventKind::Resolved
            } else {
                EventKind::Update
            };
            out.push(event(update_id(&incident, &uid), kind, u.at, Some(i)));
        }
        if let Some(pm) = &r.postmortem {
            let at = r
                .updates
                .iter()
                .position(|u| u.status == UpdateStatus::Postmortem);
            out.push(event(
                postmortem_id(&incident, &instant(&pm.published_at)),
                EventKind::Postmortem,
                pm.published_at,
                at,
            ));
        }
        if r.kind == Kind::Maintenance
            && let Some(s) = &r.scheduled
            && json::phase(r, now) == Phase::Upcoming
            && now >= s.start.to_utc() - lead
        {
            out.push(event(
                starting_id(&incident, &instant(&s.start)),
                EventKind::MaintenanceStarting,
                s.start,
                None,
            ));
        }
    }
    out.extend(component_changes(records, now));
    out
}

/// The ids of the component changes a published `components.json` shows were announced:
/// each component's changes up to its `updated_at` (its last change as of that build).
pub fn published_component_ids(
    records: &[Public<'_>],
    now: DateTime<Utc>,
    components: &[json::Component],
    out: &mut BTreeSet<String>,
) {
    for e in component_changes(records, now) {
        let Some(change) = &e.component else { continue };
        let last = components
            .iter()
            .find(|c| !c.group && c.name == change.name)
            .and_then(|c| DateTime::parse_from_rfc3339(&c.updated_at).ok());
        if last.is_some_and(|last| e.at <= last) {
            out.insert(e.id);
        }
    }
}

/// The ids of the events a published incident (Statuspage's JSON) shows were announced.
pub fn published_ids(incident: &json::Incident, out: &mut BTreeSet<String>) {
    let id = &incident.id;
    out.insert(opened_id(id));
    for u in &incident.incident_updates {
        out.insert(update_id(id, &u.id));
    }
    if let Some(s) = &incident.schedule
        && let (Some(start), Some(end)) = (
            s.scheduled_for.as_deref().and_then(instant_of),
            s.scheduled_until.as_deref().and_then(instant_of),
        )
    {
        let names: Vec<String> = incident.components.iter().map(|c| c.name.clone()).collect();
        out.insert(window_id(id, &start, &end, &names));
    }
    if let Some(published) = incident
        .postmortem_published_at
        .as_deref()
        .and_then(instant_of)
    {
        out.insert(postmortem_id(id, &published));
    }
}

/// The ids root `incidents.json` (a site older than `api/v2/`) shows were announced: the
/// incident, its updates and its window (it names no postmortem time: a postmortem counts as
/// announced once an update says `postmortem`).
pub fn published_ids_root(incident: &serde_json::Value, out: &mut BTreeSet<String>) {
    let s = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    let Some(id) = s(incident, "id") else { return };
    out.insert(opened_id(&id));
    let updates = incident
        .get("incident_updates")
        .and_then(|u| u.as_array())
        .cloned()
        .unwrap_or_default();
    for u in &updates {
        if let Some(uid) = s(u, "id") {
            out.insert(update_id(&id, &uid));
        }
    }
    let names: Vec<String> = incident
        .get("components")
        .and_then(|c| c.as_array())
        .into_iter()
        .flatten()
        .filter_map(|c| s(c, "name"))
        .collect();
    if let (Some(start), Some(end)) = (
        s(incident, "scheduled_for").as_deref().and_then(instant_of),
        s(incident, "scheduled_until")
            .as_deref()
            .and_then(instant_of),
    ) {
        out.insert(window_id(&id, &start, &end, &names));
    }
    if updates
        .iter()
        .any(|u| s(u, "status").as_deref() == Some("postmortem"))
    {
        out.insert(format!("postmortem-of:{id}"));
    }
}

/// The events to announce: those not `known`. A record announced for the first time gives
/// one event (its opening, with its latest update): not one per update it already has.
pub fn new_events(all: &[Event], known: &BTreeSet<String>) -> Vec<Event> {
    let fresh: BTreeSet<&str> = all
        .iter()
        .filter(|e| {
            matches!(e.kind, EventKind::NewIncident | EventKind::NewMaintenance)
                && !known.contains(&e.id)
        })
        .map(|e| e.record.as_str())
        .collect();
    all.iter()
        .filter(|e| !known.contains(&e.id))
        .filter(|e| {
            // A component's change is the page's, not the record's: never folded in.
            let own = matches!(
                e.kind,
                EventKind::NewIncident | EventKind::NewMaintenance | EventKind::ComponentStatus
            );
            own || !fresh.contains(e.record.as_str())
        })
        .filter(|e| {
            // A postmortem of a site older than api/v2/, known by its `postmortem` update.
            e.kind != EventKind::Postmortem
                || !known.contains(&format!("postmortem-of:{}", short_id(&[&e.record])))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Record;

    fn record(yaml: &str) -> Record {
        let mut r: Record = serde_json::from_value(
            serde_json::to_value(serde_json::from_str::<serde_json::Value>(yaml).unwrap()).unwrap(),
        )
        .unwrap();
        r.id = "r".into();
        r
    }

    const INCIDENT: &str = r#"{"title": "Slow", "severity": "minor", "components": ["API"],
        "updates": [
          {"at": "2026-04-01T10:00:00Z", "status": "investigating", "body": "Looking."},
          {"at": "2026-04-01T10:30:00Z", "status": "resolved", "body": "Fixed."}]}"#;

    #[test]
    fn a_new_record_is_one_event_and_its_later_updates_one_each() {
        let r = record(INCIDENT);
        let records = [Public::of(&r)];
        let now = DateTime::from_timestamp(1_775_000_000, 0).unwrap();
        let all = all(&records, now, TimeDelta::hours(24));
        let kinds: Vec<EventKind> = all.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EventKind::NewIncident, EventKind::Resolved]);
        let fresh = new_events(&all, &BTreeSet::new());
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].kind, EventKind::NewIncident);
        let known: BTreeSet<String> = [all[0].id.clone()].into();
        let fresh = new_events(&all, &known);
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].kind, EventKind::Resolved);
        assert_eq!(fresh[0].update, Some(1));
    }

    #[test]
    fn the_published_api_gives_the_same_ids() {
        let r = record(INCIDENT);
        let p = Public::of(&r);
        let config = crate::config::Config::defaults(std::path::Path::new("."));
        let now = DateTime::from_timestamp(1_775_000_000, 0).unwrap();
        let api = json::Api::new(&config, &[&r], now);
        let incident = api.incident(&p, "https://x/", None);
        let mut known = BTreeSet::new();
        published_ids(&incident, &mut known);
        let all = all(&[p], now, TimeDelta::hours(24));
        assert!(new_events(&all, &known).is_empty());
    }

    #[test]
    fn a_components_changes_are_the_pages_over_every_record() {
        let mut a = record(
            r#"{"title": "A", "severity": "major", "components": ["API"],
            "impact": {"windows": [{"component": "API", "status": "major_outage",
                "start": "2026-04-01T10:00:00Z", "end": "2026-04-01T11:00:00Z"}]},
            "updates": [{"at": "2026-04-01T10:00:00Z", "status": "resolved", "body": "x"}]}"#,
        );
        a.id = "a".into();
        let mut b = record(
            r#"{"title": "B", "severity": "minor", "components": ["API"],
            "impact": {"windows": [{"component": "API", "status": "degraded_performance",
                "start": "2026-04-01T09:00:00Z", "end": "2026-04-01T12:00:00Z"},
                {"component": "API", "status": "partial_outage",
                "start": "2026-04-02T09:00:00Z"}]},
            "updates": [{"at": "2026-04-01T09:00:00Z", "status": "investigating", "body": "x"}]}"#,
        );
        b.id = "b".into();
        let records = [Public::of(&a), Public::of(&b)];
        // Before the second window of b begins.
        let now = DateTime::parse_from_rfc3339("2026-04-01T13:00:00Z")
            .unwrap()
            .to_utc();
        let changes: Vec<(
            String,
            String,
            Option<ComponentStatus>,
            Option<ComponentStatus>,
        )> = component_changes(&records, now)
            .into_iter()
            .map(|e| {
                let c = e.component.unwrap();
                (instant(&e.at), e.record, c.old, c.new)
            })
            .collect();
        use ComponentStatus::*;
        assert_eq!(
            changes,
            [
                (
                    "2026-04-01T09:00:00.000Z".into(),
                    "b".into(),
                    None,
                    Some(DegradedPerformance)
                ),
                (
                    "2026-04-01T10:00:00.000Z".into(),
                    "a".into(),
                    Some(DegradedPerformance),
                    Some(MajorOutage)
                ),
                (
                    "2026-04-01T11:00:00.000Z".into(),
                    "a".into(),
                    Some(MajorOutage),
                    Some(DegradedPerformance)
                ),
                (
                    "2026-04-01T12:00:00.000Z".into(),
                    "b".into(),
                    Some(DegradedPerformance),
                    None
                ),
            ]
        );
    }
}
