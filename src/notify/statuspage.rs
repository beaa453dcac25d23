//! Statuspage's webhook: what its webhook subscribers receive for an incident (or
//! maintenance) created or updated — `meta`, `page` and the `incident` in the API's own shape
//! (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/).

use serde_json::{Value, json};

use crate::formats::statuspage::{Api, postmortem_body};
use crate::model::Public;

/// Where Statuspage's webhook subscribers read about the payload.
pub const DOCUMENTATION: &str =
    "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/";

pub fn payload(api: &Api, record: &Public<'_>, link: &str) -> Value {
    let incident = api.incident(record, link, postmortem_body(record, ""));
    json!({
        "meta": {"unsubscribe": null, "documentation": DOCUMENTATION},
        "page": {
            "id": api.page.id,
            "status_indicator": api.status.indicator,
            "status_description": api.status.description,
        },
        "incident": incident,
    })
}
