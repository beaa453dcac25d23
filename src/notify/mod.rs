//! `notify`: tell subscribers what changed since the site was last published.
//!
//! 1. [`events`]: every event the public records hold (a new incident, an update, a
//!    resolution, a new or changed maintenance, one starting soon, a postmortem), each with a
//!    stable id, and which of them the previous site ([`since`]) has not announced;
//! 2. [`message`]: each event in words, from the record's page view;
//! 3. one file per payload format: [`webhook`] (generic JSON), [`statuspage`], [`slack`],
//!    [`teams`], [`discord`], [`email`];
//! 4. [`deliver`] posts them ([`http`]), and [`state`] is the `notified.json` that keeps
//!    what was announced.

pub mod deliver;
pub mod discord;
pub mod email;
pub mod events;
pub mod http;
pub mod message;
pub mod since;
pub mod slack;
pub mod state;
pub mod statuspage;
pub mod teams;
pub mod webhook;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, TimeDelta, Utc};
use strum::VariantArray;

use crate::config::{Config, EndpointKind};
use crate::formats::statuspage::Api;
use crate::model::{Public, Record};
use crate::render::i18n::Messages;
use crate::render::view::{Options, record_view};

pub use events::{Event, EventKind};
pub use since::{Baseline, Since};
pub use state::State;

/// Why `notify` could not work out what to send.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The previous site could not be read.
    #[error("--since {since}: {what}")]
    Since { since: String, what: String },
}

/// Where payloads go: an entry of `notify:`, or (with none configured) one per format.
#[derive(Clone, Debug)]
pub struct Channel {
    pub name: String,
    pub kind: EndpointKind,
    /// As written in `postmortem.yaml` (`${VARIABLE}`); none for e-mail.
    pub url: Option<String>,
    pub components: Vec<String>,
    pub from: String,
    pub to: Vec<String>,
}

impl Channel {
    /// Whether `event` of `record` goes to this channel: a component's change only to
    /// Statuspage's webhook (the others tell it in the incident's own messages), and with a
    /// components filter, only events of those components.
    pub fn wants(&self, record: &Record, event: &Event) -> bool {
        if let Some(change) = &event.component {
            return self.kind == EndpointKind::Statuspage
                && (self.components.is_empty() || self.components.contains(&change.name));
        }
        self.components.is_empty()
            || record
                .components
                .iter()
                .any(|c| self.components.contains(c))
    }
}

/// The site's host, for `Message-ID`s and the default sender.
fn host(config: &Config) -> String {
    url::Url::parse(&config.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "status.example.com".into())
}

/// The configured channels, else one of each format (for `--out` and `--dry-run`).
pub fn channels(config: &Config) -> Vec<Channel> {
    let default_from = format!(
        "{} <status@{}>",
        email::display_name(&config.name),
        host(config)
    );
    if config.notify.is_empty() {
        return EndpointKind::VARIANTS
            .iter()
            .map(|k| Channel {
                name: k.as_str().to_owned(),
                kind: *k,
                url: None,
                components: Vec::new(),
                from: default_from.clone(),
                to: Vec::new(),
            })
            .collect();
    }
    config
        .notify
        .iter()
        .map(|e| Channel {
            name: e.name().to_owned(),
            kind: e.kind,
            url: e.url.clone(),
            components: e.components.clone(),
            from: e.from.clone().unwrap_or_else(|| default_from.clone()),
            to: e.to.clone(),
        })
        .collect()
}

/// One payload for one channel.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// Index into the channels.
    pub channel: usize,
    pub event: Event,
    pub headline: String,
    /// `<event id>.<channel>.json` (or `.eml`).
    pub file: String,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// What a run would send.
#[derive(Debug)]
pub struct Plan {
    /// Every current event's id.
    pub all: BTreeSet<String>,
    /// The events not announced before, in order.
    pub fresh: Vec<Event>,
    pub baseline: Baseline,
    pub outgoing: Vec<Outgoing>,
}

/// The events new since `baseline`, and their payloads for each channel (with the events
/// whose delivery to a channel failed before). Only public records are read: internal parts
/// are gone before any text is made.
pub fn plan(
    config: &Config,
    records: &[Record],
    baseline: Baseline,
    channels: &[Channel],
    now: DateTime<Utc>,
    messages: &Messages,
) -> Plan {
    let records: Vec<Public<'_>> = records.iter().map(Public::of).collect();
    let lead = TimeDelta::hours(i64::from(config.notify_lead_hours));
    let all = events::all(&records, now, lead);
    let fresh = events::new_events(&all, &baseline.known);
    let by_id: HashMap<&str, &Public<'_>> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let plain: Vec<&Record> = records.iter().map(|r| &**r).collect();
    let api = Api::new(config, &plain, now);
    let opts = Options { now, messages };
    let mut views = HashMap::new();
    let mut outgoing = Vec::new();
    let fresh_ids: BTreeSet<&str> = fresh.iter().map(|e| e.id.as_str()).collect();
    for (ci, channel) in channels.iter().enumerate() {
        let pending = baseline.pending.get(&channel.name);
        for e in &all {
            let due =
                fresh_ids.contains(e.id.as_str()) || pending.is_some_and(|p| p.contains(&e.id));
            let Some(record) = by_id.get(e.record.as_str()) else {
                continue;
            };
            if !due || !channel.wants(record, e) {
                continue;
            }
            let view = views
                .entry(e.record.clone())
                .or_insert_with(|| record_view(record, config, opts));
            let m = message::message(e, record, view, config, messages);
            let (ext, content_type, body) = payload(config, &api, record, &m, channel, now);
            outgoing.push(Outgoing {
                channel: ci,
                event: e.clone(),
                headline: m.headline.clone(),
                file: format!("{}.{}.{ext}", e.id, channel.name),
                content_type,
                body,
            });
        }
    }
    Plan {
        all: all.iter().map(|e| e.id.clone()).collect(),
        fresh,
        baseline,
        outgoing,
    }
}

/// One payload's bytes: (file extension, content type, body).
fn payload(
    config: &Config,
    api: &Api,
    record: &Public<'_>,
    m: &message::Message,
    channel: &Channel,
    now: DateTime<Utc>,
) -> (&'static str, &'static str, Vec<u8>) {
    let json = |v: serde_json::Value| {
        let mut out = serde_json::to_vec_pretty(&v).unwrap_or_default();
        out.push(b'\n');
        ("json", "application/json", out)
    };
    match channel.kind {
        EndpointKind::Webhook => json(webhook::payload(m, &config.name, &config.url)),
        EndpointKind::Statuspage => match &m.event.component {
            Some(c) => json(statuspage::component_payload(
                api,
                c,
                &m.event.at,
                config.timezone,
            )),
            None => json(statuspage::payload(api, record, &m.link)),
        },
        EndpointKind::Slack => json(slack::payload(m, &config.name)),
        EndpointKind::Teams => json(teams::payload(m)),
        EndpointKind::Discord => json(discord::payload(m, &config.name)),
        EndpointKind::Email => {
            let host = host(config);
            let envelope = email::Envelope {
                from: &channel.from,
                to: &channel.to,
                channel: &channel.name,
                host: &host,
            };
            (
                "eml",
                "message/rfc822",
                email::message(m, &config.name, &envelope, now).into_bytes(),
            )
        }
    }
}

/// What the site records after a run: every current event, and per channel the ones that
/// failed (to be tried again).
pub fn next_state(plan: &Plan, failed: &BTreeMap<String, BTreeSet<String>>) -> State {
    State {
        generator: crate::formats::statuspage::GENERATOR.to_owned(),
        events: plan.all.clone(),
        pending: failed
            .iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}
