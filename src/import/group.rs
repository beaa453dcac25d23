//! Which entries of a feed are one incident: the source's own identity of it (a link of
//! its own, a guid base), else what the entry is about, split where a title is reused.

use super::entries::draft_from_items;
use super::status::item_status;
use super::{ImportError, Parsed, feed};
use crate::model::UpdateStatus;

/// The state prefixes AWS Health puts before an event's title, one per entry.
const STATE_PREFIXES: &[&str] = &[
    "informational message:",
    "service degradation:",
    "service disruption:",
    "performance issues:",
    "service impact:",
    "service is operating normally:",
];

/// What a title is about: `app.latitude.so/api/health` of `… went down`, `Increased API
/// Errors` of AWS Health's `Service is operating normally: [RESOLVED] Increased API Errors`.
pub(super) fn subject(title: &str) -> &str {
    let mut t = title.trim();
    for prefix in STATE_PREFIXES {
        if t.len() >= prefix.len()
            && t.is_char_boundary(prefix.len())
            && t[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            t = t[prefix.len()..].trim_start();
            break;
        }
    }
    if let Some(rest) = t.strip_prefix("[RESOLVED]") {
        t = rest.trim_start();
    }
    for suffix in [
        " went down",
        " recovered",
        " is down",
        " is up",
        " is back up",
        " is degraded",
        " is now operational",
    ] {
        if let Some(s) = t.strip_suffix(suffix) {
            return s;
        }
    }
    t
}

/// The service part of an AWS Health guid (`…/#ec2-us-east-1_1566533912` → `ec2-us-east-1`):
/// entries of one event share it, each with its own instant.
/// The incident id in a link to an incident's page (`https://status.example.com/incidents/
/// 2gztsrksff0v` → `2gztsrksff0v`): Statuspage's id, the same its JSON gives, so that a feed
/// and the JSON of one page meet in one record.
pub(super) fn incident_id(link: &str) -> Option<String> {
    let path = link.split(['?', '#']).next()?;
    let (_, rest) = path.split_once("/incidents/")?;
    let id = rest.split('/').next()?;
    (!id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| id.to_owned())
}

fn guid_base(id: &str) -> Option<&str> {
    let (_, fragment) = id.rsplit_once('#')?;
    let (base, stamp) = fragment.rsplit_once('_')?;
    (!stamp.is_empty() && stamp.bytes().all(|b| b.is_ascii_digit())).then_some(base)
}

/// Groups a feed's items into drafts: items that share a link are one incident (items that
/// point at the page itself, like monitor events, are grouped by what they are about).
pub(super) fn from_feed(feed: feed::Feed) -> Result<Parsed, ImportError> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: std::collections::HashMap<String, Vec<feed::Item>> =
        std::collections::HashMap::new();
    for item in feed.items {
        // The source's own identity of an incident: a link of its own; else what the entry
        // is about, within the service its guid names (AWS Health).
        let key = if item.link.is_empty() || item.link == feed.link {
            format!(
                "subject:{}:{}",
                guid_base(&item.id).unwrap_or(""),
                subject(&item.title)
            )
        } else {
            format!("link:{}", item.link)
        };
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(item);
    }
    // One title reused later is another incident: a group by subject is split after an
    // entry that resolves it, and where more than a day passes between two entries.
    let mut split_order = Vec::new();
    for key in order {
        if !key.starts_with("subject:") {
            split_order.push(key);
            continue;
        }
        let Some(mut items) = groups.remove(&key) else {
            continue;
        };
        items.sort_by_key(|i| i.date);
        let mut parts: Vec<Vec<feed::Item>> = Vec::new();
        for item in items {
            let new = match parts.last().and_then(|p| p.last()) {
                None => true,
                Some(prev) => {
                    item_status(prev) == UpdateStatus::Resolved
                        || matches!((prev.date, item.date), (Some(a), Some(b)) if b - a > chrono::TimeDelta::days(1))
                }
            };
            if new {
                parts.push(vec![item]);
            } else if let Some(last) = parts.last_mut() {
                last.push(item);
            }
        }
        // Newest first, as the feed lists them.
        for (n, part) in parts.into_iter().enumerate().rev() {
            let k = format!("{key}#{n}");
            groups.insert(k.clone(), part);
            split_order.push(k);
        }
    }
    let order = split_order;
    let mut parsed = Parsed::default();
    let items = groups.values().map(Vec::len).sum::<usize>();
    for key in order {
        if let Some(items) = groups.remove(&key)
            && let Some(draft) = draft_from_items(items, &mut parsed.warnings)
        {
            parsed.drafts.push(draft);
        }
    }
    if parsed.drafts.is_empty() {
        return Err(ImportError::NothingUsable {
            items,
            first: parsed.warnings.first().map_or_else(String::new, |w| {
                format!(
                    ": {}{}",
                    w.at.as_ref()
                        .map_or_else(String::new, |at| format!("{at}: ")),
                    w.message
                )
            }),
        });
    }
    Ok(parsed)
}
