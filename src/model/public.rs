//! A record as it may be published. Internal parts (timeline entries, contributing factors,
//! action items and sections marked `internal: true`, or a whole `postmortem` marked so) are
//! removed in one step, before anything renders, and what renders for the public requires a
//! [`Public`] record: publishing an internal part would be a type error, not a forgotten
//! call.

use std::borrow::Cow;
use std::ops::Deref;

use super::Record;

/// A record whose internal parts are gone, or, for the team's own review, kept on purpose.
#[derive(Clone, Debug)]
pub struct Public<'a> {
    record: Cow<'a, Record>,
    internal: bool,
}

impl<'a> Public<'a> {
    /// The record without its internal parts: what the site, the feeds and the JSON carry.
    pub fn of(record: &'a Record) -> Public<'a> {
        if !has_internal(record) {
            return Public {
                record: Cow::Borrowed(record),
                internal: false,
            };
        }
        let mut r = record.clone();
        if r.postmortem.as_ref().is_some_and(|p| p.internal) {
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
        }
    }

    /// The whole record, internal parts included (`render --internal`): never published.
    pub fn with_internal(record: &'a Record) -> Public<'a> {
        Public {
            record: Cow::Borrowed(record),
            internal: true,
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
