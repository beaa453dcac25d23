//! The updates Statuspage's `history.rss`/`history.atom` pack into one entry, a paragraph each.

use chrono::{DateTime, FixedOffset};

use super::status::{Label, statuspage_label};
use super::{DraftUpdate, when};
use crate::model::{Kind, UpdateStatus};

/// Statuspage's `history.rss` packs an incident's updates into one item:
/// `Apr 2, 19:08 UTC  \n**Resolved** - This incident has been resolved.` per paragraph.
///
/// Statuspage lists the updates newest first, at minute precision: the blocks are returned
/// oldest first by reversing the source's order, so that updates posted in the same minute
/// keep the order in which they were posted.
pub(super) fn statuspage_blocks(
    markdown: &str,
    year_of: DateTime<FixedOffset>,
    warnings: &mut Vec<String>,
) -> Blocks {
    let mut out: Vec<(DraftUpdate, Label)> = Vec::new();
    let mut shaped = false;
    for para in markdown.split("\n\n") {
        match statuspage_block(para, year_of) {
            Block::Update(update, label) => {
                shaped = true;
                out.push((*update, label));
            }
            Block::BadTime { label, when, error } => {
                shaped = true;
                warnings.push(format!(
                    "the `{label}` update of `{when}`: {error}: the update is skipped"
                ));
            }
            // A paragraph that starts no update continues the one before (a long postmortem).
            Block::None => {
                if let Some((last, _)) = out.last_mut() {
                    last.body.push_str("\n\n");
                    last.body.push_str(para.trim_end());
                }
            }
        }
    }
    out.reverse();
    // `Update` keeps the status of the update before it; the first update of an incident
    // that is an `Update` opens it (`investigating`, or `scheduled` in a maintenance).
    let maintenance = out
        .iter()
        .any(|(_, l)| matches!(l, Label::Is(s) if s.kind() == Kind::Maintenance));
    let mut previous: Option<UpdateStatus> = None;
    let mut updates = Vec::with_capacity(out.len());
    for (mut update, label) in out {
        match label {
            Label::Is(status) => update.status = status,
            Label::Keep => match previous {
                Some(status) => update.status = status,
                None => {
                    update.status = if maintenance {
                        UpdateStatus::Scheduled
                    } else {
                        UpdateStatus::Investigating
                    };
                    update.inferred = true;
                }
            },
        }
        previous = Some(update.status);
        updates.push(update);
    }
    Blocks { updates, shaped }
}

/// The updates of a Statuspage item; `shaped` when it has the shape at all (some paragraph
/// is a time and a `**Label** -` line), even if no time could be read.
pub(super) struct Blocks {
    pub(super) updates: Vec<DraftUpdate>,
    pub(super) shaped: bool,
}

enum Block {
    Update(Box<DraftUpdate>, Label),
    /// A known label under a time that cannot be read.
    BadTime {
        label: String,
        when: String,
        error: when::WhenError,
    },
    None,
}

fn statuspage_block(para: &str, year_of: DateTime<FixedOffset>) -> Block {
    let mut lines = para.lines();
    let (Some(when), Some(rest)) = (lines.next(), lines.next()) else {
        return Block::None;
    };
    let Some((status, text)) = rest
        .trim()
        .strip_prefix("**")
        .and_then(|rest| rest.split_once("**"))
    else {
        return Block::None;
    };
    let Some(text) = text.strip_prefix(" -").or_else(|| text.strip_prefix(" –")) else {
        return Block::None;
    };
    let known = statuspage_label(status);
    let at = match when::parse(when.trim(), year_of) {
        Ok(at) => at,
        Err(error) if known.is_some() => {
            return Block::BadTime {
                label: status.to_owned(),
                when: when.trim().to_owned(),
                error,
            };
        }
        Err(_) => return Block::None,
    };
    let mut body = text.trim().to_owned();
    for more in lines {
        body.push('\n');
        body.push_str(more);
    }
    // A label Statuspage does not have (a page's own wording) keeps the status before it,
    // marked as a guess.
    let (label, inferred) = match known {
        Some(label) => (label, false),
        None => (Label::Keep, true),
    };
    Block::Update(
        Box::new(DraftUpdate {
            at,
            status: UpdateStatus::Investigating,
            inferred,
            body: body.trim().to_owned(),
        }),
        label,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_keeps_the_status_before_it_and_opens_an_incident() {
        let item = DateTime::parse_from_rfc2822("Thu, 24 Apr 2025 19:11:00 +0000").unwrap();
        let statuses = |md: &str| -> Vec<(UpdateStatus, bool)> {
            statuspage_blocks(md, item, &mut Vec::new())
                .updates
                .iter()
                .map(|u| (u.status, u.inferred))
                .collect()
        };
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Update** - It is resolved for some.\n\nApr 2, 17:53 UTC  \n**Identified** - Found."
            ),
            [
                (UpdateStatus::Identified, false),
                (UpdateStatus::Identified, false)
            ]
        );
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Resolved** - Done.\n\nApr 2, 17:53 UTC  \n**Update** - We will be performing a rollback."
            ),
            [
                (UpdateStatus::Investigating, true),
                (UpdateStatus::Resolved, false)
            ]
        );
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Completed** - Done.\n\nApr 2, 17:53 UTC  \n**Update** - Soon."
            ),
            [
                (UpdateStatus::Scheduled, true),
                (UpdateStatus::Completed, false)
            ]
        );
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Behoben** - Fertig.\n\nApr 2, 17:53 UTC  \n**Monitoring** - Watching."
            ),
            [
                (UpdateStatus::Monitoring, false),
                (UpdateStatus::Monitoring, true)
            ]
        );
    }
    #[test]
    fn statuspage_blocks_take_the_year_from_the_item() {
        let item = DateTime::parse_from_rfc2822("Thu, 24 Apr 2025 19:11:00 +0000").unwrap();
        let md = "Apr 24, 19:11 UTC  \n**Postmortem** - # Introduction\n\nApr 2, 19:08 UTC  \n**Resolved** - This incident has been resolved.\n\nApr 2, 17:53 UTC  \n**Investigating** - We are investigating";
        let updates = statuspage_blocks(md, item, &mut Vec::new()).updates;
        let got: Vec<(String, UpdateStatus)> = updates
            .iter()
            .map(|u| (u.at.to_rfc3339(), u.status))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "2025-04-02T17:53:00+00:00".to_owned(),
                    UpdateStatus::Investigating
                ),
                (
                    "2025-04-02T19:08:00+00:00".to_owned(),
                    UpdateStatus::Resolved
                ),
                (
                    "2025-04-24T19:11:00+00:00".to_owned(),
                    UpdateStatus::Postmortem
                ),
            ]
        );
    }
}
