//! The entries of one incident into its draft: updates in the order of events, the kind
//! told by the source's own statuses, a postmortem found in them.

use super::group::{incident_base, incident_id, subject};
use super::history::statuspage_blocks;
use super::html::{body_markdown, html_to_markdown};
use super::postmortem::{is_postmortem_text, split_postmortem};
use super::status::{body_markers, infer, status_from_title, status_word};
use super::{Draft, DraftPostmortem, DraftUpdate, Warning, feed};
use crate::formats::yaml::quoted;
use crate::model::{Kind, UpdateStatus};

/// A group's updates in the order of events: feeds list their items newest first (an item
/// per update), so a group whose first item is not older than its last is reversed; then a
/// stable sort by time, which keeps that order among updates of the same time.
fn in_order_of_events(mut per_item: Vec<Vec<DraftUpdate>>) -> Vec<DraftUpdate> {
    let first = per_item.iter().find_map(|u| u.first().map(|u| u.at));
    let last = per_item.iter().rev().find_map(|u| u.last().map(|u| u.at));
    if let (Some(first), Some(last)) = (first, last)
        && first >= last
    {
        per_item.reverse();
    }
    let mut updates: Vec<DraftUpdate> = per_item.into_iter().flatten().collect();
    updates.sort_by_key(|u| u.at);
    updates
}

pub(super) fn draft_from_items(
    items: Vec<feed::Item>,
    warnings: &mut Vec<Warning>,
) -> Option<Draft> {
    let first = items.first()?;
    let title = subject(&first.title).to_owned();
    let guid_incident = incident_base(&first.id).map(str::to_owned);
    // The incident's page: its link, else the incident its guid names (Better Stack's items
    // that link to the page itself).
    let link = match &guid_incident {
        Some(base) if incident_id(&first.link).is_none() => base.clone(),
        _ => first.link.clone(),
    };
    let mut per_item: Vec<Vec<DraftUpdate>> = Vec::new();
    let mut postmortem: Option<DraftPostmortem> = None;
    let mut components: Vec<String> = Vec::new();
    for item in &items {
        let mut updates = Vec::new();
        if let Some(note) = &item.date_note {
            warnings.push(Warning {
                at: Some(item.at.clone()),
                message: format!("{}: {note}", quoted(&item.title)),
            });
        }
        let Some(at) = item.date else {
            warnings.push(Warning {
                at: Some(item.at.clone()),
                message: if item.date_text.is_empty() {
                    format!(
                        "{}: the item has no date: it is skipped",
                        quoted(&item.title)
                    )
                } else {
                    format!(
                        "{}: the date `{}` cannot be read: the item is skipped",
                        quoted(&item.title),
                        item.date_text
                    )
                },
            });
            continue;
        };
        let body = if item.html && !item.body.contains("<p") {
            // Text with HTML in it, without paragraphs (AWS Health's): `<br>`s in a row
            // end a paragraph, as in Statuspage's JSON.
            body_markdown(&item.body)
        } else if item.html {
            html_to_markdown(&item.body)
        } else {
            item.body.trim().to_owned()
        };
        // This tool's own feeds carry each update's Markdown: it is the body, exactly.
        if let Some(markdown) = &item.markdown
            && let Some(status) = item.status.as_deref().and_then(status_word)
        {
            if status == UpdateStatus::Postmortem {
                let mut pm = split_postmortem(&body);
                pm.published_at = Some(at);
                if !pm.summary.is_empty() {
                    postmortem = Some(pm);
                }
            }
            per_item.push(vec![DraftUpdate {
                at,
                status,
                inferred: false,
                body: markdown.clone(),
            }]);
            continue;
        }
        // Statuspage's blocks carry no year: it comes from the newest date of the item.
        let mut problems = Vec::new();
        let blocks =
            statuspage_blocks(&body, item.updated.map_or(at, |u| u.max(at)), &mut problems);
        if blocks.shaped && item.status.is_none() {
            for message in problems {
                warnings.push(Warning {
                    at: Some(item.at.clone()),
                    message: format!("{}: {message}", quoted(&item.title)),
                });
            }
            for mut block in blocks.updates {
                if block.status == UpdateStatus::Postmortem {
                    let mut pm = split_postmortem(&block.body);
                    pm.published_at = Some(block.at);
                    if !pm.summary.is_empty() {
                        postmortem = Some(pm);
                        block.body.clear();
                    }
                }
                updates.push(block);
            }
            per_item.push(updates);
            continue;
        }
        let given = item.status.as_deref().and_then(status_word);
        let titled = status_from_title(&item.title);
        // incident.io's `**Status: …**` and `**Affected components**` around the text.
        let (marked, named, stripped) = body_markers(&body);
        let body = if marked.is_some() || !named.is_empty() {
            stripped
        } else {
            body
        };
        for name in named {
            if !components.contains(&name) {
                components.push(name);
            }
        }
        let titled = titled.or(marked);
        let is_pm = given == Some(UpdateStatus::Postmortem)
            || (given.is_none() && is_postmortem_text(&body));
        if is_pm {
            let mut pm = split_postmortem(&body);
            pm.published_at = Some(at);
            if !pm.summary.is_empty() {
                postmortem = Some(pm);
            }
            updates.push(DraftUpdate {
                at,
                status: UpdateStatus::Postmortem,
                inferred: given.is_none(),
                body: String::new(),
            });
            per_item.push(updates);
            continue;
        }
        let (status, inferred) = match given.or(titled) {
            Some(s) => (s, false),
            None => (infer(&body), true),
        };
        updates.push(DraftUpdate {
            at,
            status,
            inferred,
            body,
        });
        per_item.push(updates);
    }
    let mut updates = in_order_of_events(per_item);
    if updates.is_empty() {
        return None;
    }
    // The kind is the source's: a status it gives. Only a feed that gives no status at all
    // (Better Stack's) is told by the words of its updates.
    let maintenance = |u: &DraftUpdate| u.status.kind() == Kind::Maintenance;
    let kind = if updates.iter().any(|u| !u.inferred && maintenance(u))
        || (updates.iter().all(|u| u.inferred) && updates.iter().any(maintenance))
    {
        Kind::Maintenance
    } else {
        Kind::Incident
    };
    if kind == Kind::Incident {
        // Maintenance words guessed in an incident: the incident status they stand for.
        for u in updates.iter_mut().filter(|u| u.inferred) {
            u.status = match u.status {
                UpdateStatus::Scheduled => UpdateStatus::Investigating,
                UpdateStatus::InProgress => UpdateStatus::Identified,
                UpdateStatus::Verifying => UpdateStatus::Monitoring,
                UpdateStatus::Completed => UpdateStatus::Resolved,
                s => s,
            };
        }
    } else {
        // Guessed incident words in a maintenance: the first is its announcement.
        for (i, u) in updates.iter_mut().enumerate() {
            if u.status.kind() == Kind::Incident && u.inferred {
                u.status = match (i, u.status) {
                    (_, UpdateStatus::Resolved) => UpdateStatus::Completed,
                    (0, _) => UpdateStatus::Scheduled,
                    _ => UpdateStatus::InProgress,
                };
            }
        }
    }
    let source_id = incident_id(&link).or_else(|| guid_incident.and_then(|g| incident_id(&g)));
    Some(Draft {
        title,
        link,
        kind,
        severity: None,
        components,
        scheduled: None,
        resolved_at: None,
        windows: Vec::new(),
        source_id,
        updates,
        postmortem,
    })
}
