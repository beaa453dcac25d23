//! The typed record. Built only from documents that passed the schema, so every field here
//! is already known to have the right shape; the semantic rules then run on these types.

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::ValueEnum;
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

mod public;
pub use public::{Public, has_internal, is_unpublished};

/// An offset-aware instant, exactly as written (the offset is kept for display).
pub type Timestamp = DateTime<FixedOffset>;

/// One incident or maintenance record.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The file stem; not part of the YAML.
    #[serde(skip)]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: Kind,
    pub severity: Option<Severity>,
    pub components: Vec<String>,
    pub detected_at: Option<Timestamp>,
    pub acknowledged_at: Option<Timestamp>,
    /// When the record was resolved, when its timeline does not say it (docs/guide.md,
    /// "Figures"); it wins over the resolving update's time.
    pub resolved_at: Option<Timestamp>,
    pub scheduled: Option<Scheduled>,
    #[serde(default)]
    pub impact: Impact,
    pub updates: Vec<Update>,
    pub postmortem: Option<Postmortem>,
}

#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    IntoStaticStr,
    VariantArray,
    ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    #[default]
    Incident,
    Maintenance,
}

#[derive(
    Clone,
    Copy,
    Debug,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    IntoStaticStr,
    VariantArray,
    ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Severity {
    None,
    Minor,
    Major,
    Critical,
}

impl Severity {
    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scheduled {
    pub start: Timestamp,
    pub end: Timestamp,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub description: Option<String>,
    #[serde(default)]
    pub windows: Vec<Window>,
}

/// A stretch of time during which one component was affected.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub component: String,
    pub status: ComponentStatus,
    pub start: Timestamp,
    pub end: Option<Timestamp>,
}

/// How badly a component was affected, from least to worst.
#[derive(
    Clone,
    Copy,
    Debug,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ComponentStatus {
    UnderMaintenance,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
}

impl ComponentStatus {
    /// All statuses, worst first.
    pub const WORST_FIRST: [ComponentStatus; 4] = [
        ComponentStatus::MajorOutage,
        ComponentStatus::PartialOutage,
        ComponentStatus::DegradedPerformance,
        ComponentStatus::UnderMaintenance,
    ];

    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One entry of the public status-page timeline.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub at: Timestamp,
    pub status: UpdateStatus,
    #[serde(default)]
    pub body: String,
}

#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum UpdateStatus {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Postmortem,
    Scheduled,
    InProgress,
    Verifying,
    Completed,
}

impl UpdateStatus {
    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind of record this status belongs to.
    pub fn kind(self) -> Kind {
        match self {
            UpdateStatus::Scheduled
            | UpdateStatus::InProgress
            | UpdateStatus::Verifying
            | UpdateStatus::Completed => Kind::Maintenance,
            _ => Kind::Incident,
        }
    }

    /// Whether this update ends the incident or maintenance.
    ///
    /// A `postmortem` update counts too: an incident first reported through its postmortem
    /// (as Latitude's ECR outage was) is over by then.
    pub fn closes(self) -> bool {
        matches!(
            self,
            UpdateStatus::Resolved | UpdateStatus::Completed | UpdateStatus::Postmortem
        )
    }
}

impl Kind {
    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The update statuses a record of this kind may use, in their usual order.
    pub fn statuses(self) -> impl Iterator<Item = UpdateStatus> {
        UpdateStatus::VARIANTS
            .iter()
            .copied()
            .filter(move |s| s.kind() == self)
    }
}

/// The written postmortem.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Postmortem {
    #[serde(default)]
    pub internal: bool,
    /// Where it is in its review: only a published postmortem reaches the public.
    #[serde(default)]
    pub status: PostmortemStatus,
    /// Who drives it to publication.
    pub owner: Option<String>,
    /// Who reviews it (names or handles).
    #[serde(default)]
    pub reviewers: Vec<String>,
    /// Required once published (the schema says so).
    pub published_at: Option<Timestamp>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    pub root_cause: Option<String>,
    pub trigger: Option<String>,
    pub detection: Option<String>,
    pub resolution: Option<String>,
    #[serde(default)]
    pub contributing_factors: Vec<Factor>,
    #[serde(default)]
    pub lessons: Lessons,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A postmortem's review status (Google's template: draft, in review, complete).
#[derive(
    Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PostmortemStatus {
    Draft,
    InReview,
    /// The default: a postmortem without `status` is published, as before the key existed.
    #[default]
    Published,
}

impl PostmortemStatus {
    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The words a preview shows on an unpublished postmortem.
    pub fn label(self) -> &'static str {
        match self {
            PostmortemStatus::Draft => "Draft",
            PostmortemStatus::InReview => "In review",
            PostmortemStatus::Published => "Published",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub event: String,
    #[serde(default)]
    pub internal: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub internal: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lessons {
    #[serde(default)]
    pub went_well: Vec<String>,
    #[serde(default)]
    pub went_wrong: Vec<String>,
    #[serde(default)]
    pub lucky: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub title: String,
    pub kind: Option<ActionKind>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// When it was done (for "done this period" in `actions`).
    pub done_on: Option<NaiveDate>,
    pub link: Option<String>,
    #[serde(default)]
    pub internal: bool,
}

#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActionKind {
    Prevent,
    Mitigate,
    Detect,
    Process,
}

#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Wontfix,
}

impl ActionKind {
    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl ActionStatus {
    /// The YAML spelling (serde's and the schema's; derived once, by strum).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The words shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Wontfix => "Won't fix",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub internal: bool,
}

impl Record {
    /// The update that ends the record: the first `resolved`, `postmortem` or `completed`.
    pub fn resolution(&self) -> Option<&Update> {
        self.updates.iter().find(|u| u.status.closes())
    }

    /// When the record was resolved, for figures: `resolved_at` when given, else the time of
    /// the resolving update. `None` while no update resolves the record.
    pub fn resolved_time(&self) -> Option<Timestamp> {
        let update = self.resolution()?;
        Some(self.resolved_at.unwrap_or(update.at))
    }

    /// When users were first affected: the earliest window start (`started_at`).
    pub fn started_at(&self) -> Option<Timestamp> {
        self.impact.windows.iter().map(|w| w.start).min()
    }

    /// When the record begins, for dating and ordering it: when users were first affected,
    /// else (a maintenance) its announced start, else its first update.
    pub fn start(&self) -> Option<Timestamp> {
        self.started_at()
            .or_else(|| self.scheduled.as_ref().map(|s| s.start))
            .or_else(|| self.updates.first().map(|u| u.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The enum at `pointer` of the record schema, as a set of spellings.
    fn schema_enum(pointer: &str) -> BTreeSet<String> {
        let schema: serde_json::Value =
            serde_json::from_str(crate::load::schema::INCIDENT_SCHEMA).unwrap();
        schema
            .pointer(pointer)
            .and_then(|e| e.as_array())
            .unwrap_or_else(|| panic!("no enum at {pointer}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    }

    fn spellings<T: Copy + Into<&'static str>>(variants: &[T]) -> BTreeSet<String> {
        variants.iter().map(|v| (*v).into().to_owned()).collect()
    }

    #[test]
    fn every_enum_is_spelled_as_the_schema_spells_it() {
        let cases = [
            ("/properties/kind/enum", spellings(Kind::VARIANTS)),
            ("/properties/severity/enum", spellings(Severity::VARIANTS)),
            (
                "/$defs/window/properties/status/enum",
                spellings(ComponentStatus::VARIANTS),
            ),
            (
                "/$defs/update/properties/status/enum",
                spellings(UpdateStatus::VARIANTS),
            ),
            (
                "/$defs/postmortem/properties/action_items/items/properties/kind/enum",
                spellings(ActionKind::VARIANTS),
            ),
            (
                "/$defs/postmortem/properties/action_items/items/properties/status/enum",
                spellings(ActionStatus::VARIANTS),
            ),
            (
                "/$defs/postmortem/properties/status/enum",
                spellings(PostmortemStatus::VARIANTS),
            ),
        ];
        for (pointer, ours) in cases {
            assert_eq!(schema_enum(pointer), ours, "{pointer}");
        }
        // serde reads the same spellings strum writes.
        for s in UpdateStatus::VARIANTS {
            let json = serde_json::to_value(s).unwrap();
            assert_eq!(json.as_str(), Some(s.as_str()));
        }
        let incident: Vec<&str> = Kind::Incident
            .statuses()
            .map(UpdateStatus::as_str)
            .collect();
        assert_eq!(
            incident,
            [
                "investigating",
                "identified",
                "monitoring",
                "resolved",
                "postmortem"
            ]
        );
    }
}
