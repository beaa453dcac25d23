//! Statuspage's webhook: what its webhook subscribers receive for an incident (or
//! maintenance) created or updated — `meta`, `page` and the `incident` in the API's own shape —
//! and for a component's change of status (`component_update` and `component`)
//! (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/).

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::events::ComponentChange;
use crate::model::ComponentStatus;

use crate::formats::statuspage::{Api, api_ts, postmortem_body, short_id};
use crate::model::Public;

/// Where Statuspage's webhook subscribers read about the payload.
pub const DOCUMENTATION: &str =
    "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/";

/// The `page` every payload starts with.
fn page(api: &Api) -> Value {
    json!({
        "id": api.page.id,
        "status_indicator": api.status.indicator,
        "status_description": api.status.description,
    })
}

/// A component's change of status: `component_update` and the `component` as it is now.
pub fn component_payload(
    api: &Api,
    change: &ComponentChange,
    at: &DateTime<FixedOffset>,
    tz: chrono_tz::Tz,
) -> Value {
    let id = short_id(&["component", &change.name]);
    let status = |s: Option<ComponentStatus>| s.map_or("operational", ComponentStatus::as_str);
    let component = api
        .components
        .iter()
        .find(|c| !c.group && c.name == change.name);
    let created = api_ts(&at.to_utc(), tz);
    json!({
        "meta": {"unsubscribe": null, "documentation": DOCUMENTATION},
        "page": page(api),
        "component_update": {
            "created_at": created,
            "new_status": status(change.new),
            "old_status": status(change.old),
            "id": short_id(&["component_update", &id, &created, status(change.new)]),
            "component_id": id,
        },
        "component": {
            "created_at": component.map_or(created.clone(), |c| c.created_at.clone()),
            "id": id,
            "name": change.name,
            "status": component.map_or("operational".to_owned(), |c| c.status.clone()),
        },
    })
}

pub fn payload(api: &Api, record: &Public<'_>, link: &str) -> Value {
    let incident = api.incident(record, link, postmortem_body(record, ""));
    json!({
        "meta": {"unsubscribe": null, "documentation": DOCUMENTATION},
        "page": page(api),
        "incident": incident,
    })
}
