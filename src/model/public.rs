//! A record as it may be published. Internal parts (timeline entries, contributing factors,
//! action items and sections marked `internal: true`, or a whole `postmortem` marked so) and
//! a postmortem not yet published (`status: draft` or `in_review`) are removed in one step,
//! before anything renders, and what renders for the public requires a [`Public`] record:
//! publishing an internal part or a draft would be a type error, not a forgotten call.

use std::borrow::Cow;
use std::ops::Deref;

use super::Record;

/// A record whose internal parts are gone, or, for the team's own review, kept on purpose.
#[derive(Clone, Debug)]
pub struct Public<'a> {
    record: Cow<'a, Record>,
    internal: bool,
    drafts: bool,
}

impl<'a> Public<'a> {
    /// The record without its internal parts and without a postmortem that is not yet
    /// published: what the site, the feeds and the JSON carry.
    pub fn of(record: &'a Record) -> Public<'a> {
        Public::stripped(record, false)
    }

    /// The record without its internal parts, its postmortem kept even when unpublished (to
    /// be marked as such): a preview (`build --drafts`), never the public site.
    pub fn with_drafts(record: &'a Record) -> Public<'a> {
        Public::stripped(record, true)
    }

    fn stripped(record: &'a Record, drafts: bool) -> Public<'a> {
        let draft = is_unpublished(record);
        if !has_internal(record) && (drafts || !draft) {
            return Public {
                record: Cow::Borrowed(record),
                internal: false,
                drafts,
            };
        }
        let mut r = record.clone();
        if r.postmortem.as_ref().is_some_and(|p| p.internal) || (draft && !drafts) {
            r.postmortem = None;
        }
        if let Some(pm) = &mut r.postmortem {
            pm.timeline.retain(|e| !e.internal);
            pm.contributing_factors.retain(|f| !f.internal);
            pm.action_items.retain(|a| !a.internal);
            pm.sections.retain(|s| !s.internal);
        }
        Public {
            record: Cow::Owned(r),
            internal: false,
            drafts,
        }
    }

    /// The whole record, internal parts and an unpublished postmortem included
    /// (`render --internal`): never published.
    pub fn with_internal(record: &'a Record) -> Public<'a> {
        Public {
            record: Cow::Borrowed(record),
            internal: true,
            drafts: true,
        }
    }

    /// [`Public::with_internal`] when `internal`, else [`Public::of`].
    pub fn new(record: &'a Record, internal: bool) -> Public<'a> {
        if internal {
            Public::with_internal(record)
        } else {
            Public::of(record)
        }
    }

    /// Whether the internal parts were kept (and are to be marked as such).
    pub fn shows_internal(&self) -> bool {
        self.internal
    }

    /// Whether an unpublished postmortem may be kept (and is to be marked as such).
    pub fn shows_drafts(&self) -> bool {
        self.drafts
    }
}

/// Whether the record's postmortem is written but not yet published (a draft, or in
/// review).
pub fn is_unpublished(record: &Record) -> bool {
    record
        .postmortem
        .as_ref()
        .is_some_and(|p| p.status != super::PostmortemStatus::Published)
}

impl Deref for Public<'_> {
    type Target = Record;

    fn deref(&self) -> &Record {
        &self.record
    }
}

/// Whether any part of the record is marked internal.
pub fn has_internal(record: &Record) -> bool {
    record.postmortem.as_ref().is_some_and(|pm| {
        pm.internal
            || pm.timeline.iter().any(|e| e.internal)
            || pm.contributing_factors.iter().any(|f| f.internal)
            || pm.action_items.iter().any(|a| a.internal)
            || pm.sections.iter().any(|s| s.internal)
    })
}
