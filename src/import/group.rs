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
    if let Some((_, rest)) = super::status::title_marker(t) {
        t = rest;
    }
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
    let lower = t.to_ascii_lowercase();
    if let Some(i) = lower.find(" changed from ") {
        return t[..i].trim_end();
    }
    for suffix in [
        " went down",
        " recovered",
        " is down",
        " is up",
        " is back up",
        " is degraded",
        " is now operational",
        " is operational",
        " is operating normally",
        " is back to normal",
    ] {
        if lower.ends_with(suffix) {
            return t[..t.len() - suffix.len()].trim_end();
        }
    }
    t
}

/// The incident id in a link to an incident's page (`https://status.example.com/incidents/
/// 2gztsrksff0v` → `2gztsrksff0v`): Statuspage's id, the same its JSON gives, so that a feed
/// and the JSON of one page meet in one record.
pub(super) fn incident_id(link: &str) -> Option<String> {
    let path = link.split(['?', '#']).next()?;
    let (_, rest) = path
        .split_once("/incidents/")
        .or_else(|| path.split_once("/incident/"))?;
    let id = rest.split('/').next()?;
    (!id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| id.to_owned())
}

/// The incident part of a guid that names one update of an incident (Better Stack's
/// `https://status.example.com/incidents/98765#update-11111` → `…/incidents/98765`).
pub(super) fn incident_base(id: &str) -> Option<&str> {
    let (base, _) = id.split_once('#')?;
    incident_id(base).map(|_| base)
}

/// A link as the key of its incident: without a trailing slash, and without the doubled
/// slash incident.io writes (`https://status.openai.com//incidents/01K…`).
fn normal_link(link: &str) -> String {
    let (scheme, rest) = link.split_once("://").unwrap_or(("", link));
    let mut path = rest.to_owned();
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    format!("{scheme}://{}", path.trim_end_matches('/'))
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
        let key = if !item.link.is_empty() && item.link != feed.link {
            format!("link:{}", normal_link(&item.link))
        } else if let Some(base) = incident_base(&item.id) {
            format!("link:{}", normal_link(base))
        } else {
            format!(
                "subject:{}:{}",
                guid_base(&item.id).unwrap_or(""),
                subject(&item.title)
            )
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
