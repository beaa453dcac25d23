//! Downtime figures (docs/guide.md, "Figures"), computed on absolute instants at full precision.
//!
//! Nothing here rounds: durations are [`TimeDelta`]s (nanoseconds) until [`display`] floors
//! them to whole minutes for people.

pub mod report;
pub mod slo;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::{ComponentStatus, Kind, Record, UpdateStatus};

/// A half-open stretch of time `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Interval {
    /// The length, or zero for an empty or reversed interval.
    pub fn len(&self) -> TimeDelta {
        (self.end - self.start).max(TimeDelta::zero())
    }

    /// Whether the interval has no length.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The part of `self` inside `period`, if any.
    pub fn clip(&self, period: &Interval) -> Option<Interval> {
        let clipped = Interval {
            start: self.start.max(period.start),
            end: self.end.min(period.end),
        };
        (!clipped.is_empty()).then_some(clipped)
    }
}

/// Length of the union of `intervals` (overlaps counted once).
pub fn union_len(intervals: &mut [Interval]) -> TimeDelta {
    intervals.sort_unstable();
    let mut total = TimeDelta::zero();
    let mut current: Option<Interval> = None;
    for iv in intervals.iter().filter(|iv| !iv.is_empty()) {
        match &mut current {
            Some(c) if iv.start <= c.end => c.end = c.end.max(iv.end),
            _ => {
                if let Some(c) = current {
                    total += c.len();
                }
                current = Some(*iv);
            }
        }
    }
    if let Some(c) = current {
        total += c.len();
    }
    total
}

/// The figures of one record. `None` where the end point does not exist yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Earliest window start.
    pub started_at: Option<DateTime<Utc>>,
    /// `resolved_at`, else the resolving update's time (`resolved`/`postmortem`, or
    /// `completed`).
    pub resolved_at: Option<DateTime<Utc>>,
    /// First update (maintenance: first `in_progress`) → resolution: "lasting"; from the
    /// earliest window start when the resolution comes before the first update.
    pub duration: Option<TimeDelta>,
    /// Length of the union of all windows.
    pub impact: TimeDelta,
    pub time_to_detect: Option<TimeDelta>,
    pub time_to_acknowledge: Option<TimeDelta>,
    pub time_to_mitigate: Option<TimeDelta>,
    pub time_to_resolve: Option<TimeDelta>,
}

/// A record's windows as intervals; an open window runs to `horizon`.
fn windows(
    record: &Record,
    horizon: DateTime<Utc>,
) -> impl Iterator<Item = (&str, ComponentStatus, Interval)> {
    record.impact.windows.iter().map(move |w| {
        let start = w.start.to_utc();
        let end = w.end.map_or(horizon.max(start), |e| e.to_utc());
        (w.component.as_str(), w.status, Interval { start, end })
    })
}

/// Computes every figure of `record`. Open windows count up to `horizon` (the end of the
/// period asked about, or the moment of the run).
pub fn figures(record: &Record, horizon: DateTime<Utc>) -> Figures {
    let resolution = record.resolved_time().map(|t| t.to_utc());
    let started_at = record.started_at().map(|t| t.to_utc());
    let mut intervals: Vec<Interval> = windows(record, horizon).map(|(_, _, iv)| iv).collect();
    let impact = union_len(&mut intervals);
    let first_update = record.updates.first().map(|u| u.at.to_utc());
    let all_closed = record.impact.windows.iter().all(|w| w.end.is_some());
    let last_end = record
        .impact
        .windows
        .iter()
        .filter_map(|w| w.end.map(|e| e.to_utc()))
        .max();

    let duration_from = match record.kind {
        Kind::Incident => first_update,
        Kind::Maintenance => record
            .updates
            .iter()
            .find(|u| u.status == UpdateStatus::InProgress)
            .map(|u| u.at.to_utc())
            .or(first_update),
    };
    // A history published after the fact (`resolved_at` before the first update) lasted
    // from when users were first affected: its first update cannot be its start.
    let duration_from = match (duration_from, resolution) {
        (Some(from), Some(to)) if to < from => started_at.filter(|s| *s <= to),
        (from, _) => from,
    };
    let duration = match (duration_from, resolution) {
        (Some(from), Some(to)) => Some(to - from),
        _ => None,
    };
    if record.kind == Kind::Maintenance {
        return Figures {
            started_at,
            resolved_at: resolution,
            duration,
            impact,
            time_to_detect: None,
            time_to_acknowledge: None,
            time_to_mitigate: None,
            time_to_resolve: None,
        };
    }
    let detected = record.detected_at.map(|t| t.to_utc()).or(first_update);
    let since_start = |t: Option<DateTime<Utc>>| match (started_at, t) {
        (Some(s), Some(t)) => Some(t - s),
        _ => None,
    };
    Figures {
        started_at,
        resolved_at: resolution,
        duration,
        impact,
        time_to_detect: since_start(detected),
        time_to_acknowledge: match (record.acknowledged_at, detected) {
            (Some(a), Some(d)) => Some(a.to_utc() - d),
            _ => None,
        },
        time_to_mitigate: if all_closed {
            since_start(last_end)
        } else {
            None
        },
        time_to_resolve: since_start(resolution),
    }
}

/// Downtime of one component over a period, per status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Downtime {
    pub major_outage: TimeDelta,
    pub partial_outage: TimeDelta,
    pub degraded_performance: TimeDelta,
    pub under_maintenance: TimeDelta,
}

impl Downtime {
    /// The downtime at one status.
    pub fn get(&self, status: ComponentStatus) -> TimeDelta {
        match status {
            ComponentStatus::MajorOutage => self.major_outage,
            ComponentStatus::PartialOutage => self.partial_outage,
            ComponentStatus::DegradedPerformance => self.degraded_performance,
            ComponentStatus::UnderMaintenance => self.under_maintenance,
        }
    }

    pub(crate) fn set(&mut self, status: ComponentStatus, value: TimeDelta) {
        match status {
            ComponentStatus::MajorOutage => self.major_outage = value,
            ComponentStatus::PartialOutage => self.partial_outage = value,
            ComponentStatus::DegradedPerformance => self.degraded_performance = value,
            ComponentStatus::UnderMaintenance => self.under_maintenance = value,
        }
    }

    /// The downtime availability counts, in seconds: each status at its [`weight`].
    pub fn weighted_loss(&self) -> f64 {
        ComponentStatus::WORST_FIRST
            .iter()
            .map(|s| weight(*s) * seconds(self.get(*s)))
            .sum()
    }

    /// Statuspage's availability over a period of `period` length: `1 − weighted loss /
    /// period`, between 0 and 1 (1 for a period of no length).
    pub fn availability(&self, period: TimeDelta) -> f64 {
        let period = seconds(period);
        if period <= 0.0 {
            return 1.0;
        }
        (1.0 - self.weighted_loss() / period).clamp(0.0, 1.0)
    }
}

/// How much a second at `status` costs availability (Statuspage's weighting): a major outage
/// fully, a partial outage 0.3, degraded performance and maintenance nothing. The one place
/// the weighting lives: availability and error budgets both use it.
pub fn weight(status: ComponentStatus) -> f64 {
    match status {
        ComponentStatus::MajorOutage => 1.0,
        ComponentStatus::PartialOutage => 0.3,
        ComponentStatus::DegradedPerformance | ComponentStatus::UnderMaintenance => 0.0,
    }
}

/// Downtime of a component from its windows `(status, interval)`, clipped to `period`.
/// Where windows of different statuses overlap, each instant counts once, at the worst.
pub fn downtime(windows: &[(ComponentStatus, Interval)], period: &Interval) -> Downtime {
    let mut out = Downtime::default();
    for (status, iv) in segments(windows, period) {
        out.set(status, out.get(status) + iv.len());
    }
    out
}

/// The stretches of time `windows` cover within `period`, in time order, each instant once
/// at the worst status a window gives it (adjacent stretches of one status joined).
pub fn segments(
    windows: &[(ComponentStatus, Interval)],
    period: &Interval,
) -> Vec<(ComponentStatus, Interval)> {
    // A sweep over the window ends: how many windows of each status are open between two
    // consecutive instants.
    let rank = |s: ComponentStatus| {
        ComponentStatus::WORST_FIRST
            .iter()
            .position(|w| *w == s)
            .unwrap_or(0)
    };
    let mut events: Vec<(DateTime<Utc>, i32, usize)> = Vec::with_capacity(2 * windows.len());
    for (status, iv) in windows {
        if let Some(c) = iv.clip(period) {
            events.push((c.start, 1, rank(*status)));
            events.push((c.end, -1, rank(*status)));
        }
    }
    events.sort_unstable();
    let mut open = [0i32; 4];
    let mut out: Vec<(ComponentStatus, Interval)> = Vec::new();
    let mut prev: Option<DateTime<Utc>> = None;
    for (at, delta, r) in events {
        if let Some(from) = prev
            && from < at
            && let Some(worst) = open.iter().position(|n| *n > 0)
        {
            let status = ComponentStatus::WORST_FIRST[worst];
            match out.last_mut() {
                Some((s, iv)) if *s == status && iv.end == from => iv.end = at,
                _ => out.push((
                    status,
                    Interval {
                        start: from,
                        end: at,
                    },
                )),
            }
        }
        open[r] += delta;
        prev = Some(at);
    }
    out
}

/// Every component's windows across `records`, open windows running to `horizon`.
pub fn component_windows<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    horizon: DateTime<Utc>,
) -> BTreeMap<String, Vec<(ComponentStatus, Interval)>> {
    let mut map: BTreeMap<String, Vec<(ComponentStatus, Interval)>> = BTreeMap::new();
    for record in records {
        for (component, status, iv) in windows(record, horizon) {
            map.entry(component.to_owned())
                .or_default()
                .push((status, iv));
        }
    }
    map
}

/// Whether a record belongs to `period`: a window overlaps it for a positive length or,
/// without windows, an update falls in it.
pub fn touches(record: &Record, period: &Interval) -> bool {
    if record.impact.windows.is_empty() {
        record.updates.iter().any(|u| {
            let t = u.at.to_utc();
            t >= period.start && t < period.end
        })
    } else {
        windows(record, period.end).any(|(_, _, iv)| iv.clip(period).is_some())
    }
}

/// A duration in seconds at full precision.
pub fn seconds(d: TimeDelta) -> f64 {
    d.num_seconds() as f64 + f64::from(d.subsec_nanos()) / 1e9
}

/// How many, mean, median, 90th percentile (linear interpolation between ranks, as numpy's
/// default) and maximum.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub count: usize,
    pub mean: f64,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
}

/// The spread of `values`, or `None` for no values.
pub fn spread(values: &[f64]) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
    Some(Spread {
        count: sorted.len(),
        max: sorted[sorted.len() - 1],
        mean,
        median: percentile(&sorted, 0.5),
        p90: percentile(&sorted, 0.9),
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = p * (sorted.len() - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64)
}

/// A duration for people, floored to whole minutes: `1h 14m`, `3d 4h 10m`, `<1m`, `0m`.
pub fn display(d: TimeDelta) -> String {
    if d <= TimeDelta::zero() {
        return if d.is_zero() {
            "0m".into()
        } else {
            format!("-{}", display(-d))
        };
    }
    let minutes = d.num_minutes();
    if minutes == 0 {
        return "<1m".into();
    }
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (mins, "m")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    parts.join(" ")
}

/// A duration for people to the second, floored: `43m 12s`, `2h 11m 2s`, `0s`; a `-` in
/// front of a negative one (an overspent budget).
pub fn display_seconds(d: TimeDelta) -> String {
    if d < TimeDelta::zero() {
        return format!("-{}", display_seconds(-d));
    }
    let s = d.num_seconds();
    if s == 0 {
        return if d.is_zero() {
            "0s".into()
        } else {
            "<1s".into()
        };
    }
    let (days, hours, mins, secs) = (s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (mins, "m"), (secs, "s")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    parts.join(" ")
}

/// Every component's worst status at `now` (the status page's "now"), from one pass over the
/// records: a window of an unresolved record (or of a maintenance) that has begun and not
/// ended. A component with no such window is not in the map (it is operational).
pub fn statuses_at<'a>(
    records: &[&'a Record],
    now: DateTime<Utc>,
) -> HashMap<&'a str, ComponentStatus> {
    let mut worst: HashMap<&'a str, ComponentStatus> = HashMap::new();
    let open = records
        .iter()
        .filter(|r| r.kind == Kind::Maintenance || r.resolution().is_none());
    for w in open.flat_map(|r| r.impact.windows.iter()) {
        if w.start.to_utc() <= now && w.end.is_none_or(|e| e.to_utc() > now) {
            let status = worst.entry(w.component.as_str()).or_insert(w.status);
            *status = (*status).max(w.status);
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Impact, Update, Window};
    use chrono::{FixedOffset, NaiveDateTime, TimeZone};
    use chrono_tz::Tz;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn u(s: &str) -> DateTime<Utc> {
        t(s).to_utc()
    }

    fn iv(a: &str, b: &str) -> Interval {
        Interval {
            start: u(a),
            end: u(b),
        }
    }

    fn window(component: &str, status: ComponentStatus, start: &str, end: Option<&str>) -> Window {
        Window {
            component: component.into(),
            status,
            start: t(start),
            end: end.map(t),
        }
    }

    fn update(at: &str, status: UpdateStatus) -> Update {
        Update {
            at: t(at),
            status,
            body: String::new(),
        }
    }

    fn record(windows: Vec<Window>, updates: Vec<Update>) -> Record {
        Record {
            id: "r".into(),
            title: "r".into(),
            kind: Kind::Incident,
            severity: None,
            components: vec!["Web app".into()],
            detected_at: None,
            acknowledged_at: None,
            resolved_at: None,
            scheduled: None,
            impact: Impact {
                description: None,
                windows,
            },
            updates,
            postmortem: None,
        }
    }

    fn far() -> DateTime<Utc> {
        u("2100-01-01T00:00:00Z")
    }

    #[test]
    fn the_status_now_is_the_worst_begun_and_unended_window_of_an_open_record_or_a_maintenance() {
        use ComponentStatus::*;
        let now = u("2025-06-01T12:00:00Z");
        let open = record(
            vec![
                window("API", DegradedPerformance, "2025-06-01T10:00:00Z", None),
                window(
                    "API",
                    MajorOutage,
                    "2025-06-01T11:00:00Z",
                    Some("2025-06-01T13:00:00Z"),
                ),
                // Ended before now, not begun yet: neither counts.
                window(
                    "Web app",
                    MajorOutage,
                    "2025-06-01T09:00:00Z",
                    Some("2025-06-01T12:00:00Z"),
                ),
                window("CDN", PartialOutage, "2025-06-01T12:00:01Z", None),
            ],
            vec![update("2025-06-01T10:05:00Z", UpdateStatus::Investigating)],
        );
        let resolved = record(
            vec![window("Search", MajorOutage, "2025-06-01T10:00:00Z", None)],
            vec![update("2025-06-01T11:00:00Z", UpdateStatus::Resolved)],
        );
        let maintenance = Record {
            kind: Kind::Maintenance,
            ..record(
                vec![window(
                    "Email",
                    UnderMaintenance,
                    "2025-06-01T12:00:00Z",
                    Some("2025-06-01T14:00:00Z"),
                )],
                vec![update("2025-06-01T12:00:00Z", UpdateStatus::Completed)],
            )
        };
        let records = [&open, &resolved, &maintenance];
        let mut found: Vec<(&str, ComponentStatus)> =
            statuses_at(&records, now).into_iter().collect();
        found.sort();
        assert_eq!(
            found,
            vec![("API", MajorOutage), ("Email", UnderMaintenance)]
        );
        // Later the outage and the maintenance have ended; the CDN's window has begun.
        let mut later: Vec<(&str, ComponentStatus)> =
            statuses_at(&records, u("2025-06-01T15:00:00Z"))
                .into_iter()
                .collect();
        later.sort();
        assert_eq!(
            later,
            vec![("API", DegradedPerformance), ("CDN", PartialOutage)]
        );
    }

    #[test]
    fn flatfile_lasts_74_minutes_30_seconds() {
        let r = record(
            vec![],
            vec![
                update("2025-04-02T17:53:40Z", UpdateStatus::Investigating),
                update("2025-04-02T18:07:00Z", UpdateStatus::Monitoring),
                update("2025-04-02T19:08:10Z", UpdateStatus::Resolved),
                update("2025-04-24T19:11:00Z", UpdateStatus::Postmortem),
            ],
        );
        let f = figures(&r, far());
        assert_eq!(f.duration, Some(TimeDelta::seconds(74 * 60 + 30)));
        assert_eq!(display(f.duration.unwrap()), "1h 14m");
        assert_eq!(f.impact, TimeDelta::zero());
        assert_eq!(f.started_at, None);
        assert_eq!(f.time_to_detect, None);
    }

    #[test]
    fn latitude_ecr_impact_from_cest_times() {
        let r = record(
            vec![window(
                "Web app",
                ComponentStatus::MajorOutage,
                "2026-04-07T19:51:00+02:00",
                Some("2026-04-07T21:47:00+02:00"),
            )],
            vec![update("2026-04-07T19:58:00Z", UpdateStatus::Postmortem)],
        );
        let f = figures(&r, far());
        assert_eq!(display(f.impact), "1h 56m");
        assert_eq!(f.impact, TimeDelta::seconds(6960));
        assert_eq!(f.time_to_detect, Some(TimeDelta::seconds(7620)));
        assert_eq!(f.time_to_resolve, Some(TimeDelta::seconds(7620)));
        assert_eq!(f.time_to_mitigate, Some(TimeDelta::seconds(6960)));
        assert_eq!(f.time_to_acknowledge, None);
        assert_eq!(f.duration, Some(TimeDelta::zero()));
    }

    #[test]
    fn gateway_outage_lasts_2h_22m() {
        let r = record(
            vec![window(
                "Gateway",
                ComponentStatus::MajorOutage,
                "2025-05-30T18:22:00+02:00",
                Some("2025-05-30T20:44:00+02:00"),
            )],
            vec![update("2025-05-31T18:06:00Z", UpdateStatus::Postmortem)],
        );
        assert_eq!(display(figures(&r, far()).impact), "2h 22m");
    }

    #[test]
    fn resolved_at_resolves_a_history_published_as_a_postmortem() {
        let mut r = record(
            vec![window(
                "Gateway",
                ComponentStatus::MajorOutage,
                "2025-05-30T18:22:00+02:00",
                Some("2025-05-30T20:44:00+02:00"),
            )],
            vec![update("2025-05-31T18:06:00Z", UpdateStatus::Postmortem)],
        );
        let before = figures(&r, far());
        assert_eq!(before.time_to_resolve, Some(TimeDelta::seconds(92640)));
        assert_eq!(before.duration, Some(TimeDelta::zero()));
        r.resolved_at = Some(t("2025-05-30T20:44:00+02:00"));
        let f = figures(&r, far());
        assert_eq!(f.resolved_at, Some(u("2025-05-30T18:44:00Z")));
        assert_eq!(f.time_to_resolve, Some(TimeDelta::seconds(8520)));
        assert_eq!(display(f.time_to_resolve.unwrap()), "2h 22m");
        // The first update (the postmortem) comes after the resolution: the duration runs
        // from the earliest window start.
        assert_eq!(f.duration, Some(TimeDelta::seconds(8520)));
        assert_eq!(f.time_to_detect, Some(TimeDelta::seconds(92640)));
    }

    #[test]
    fn resolved_at_wins_over_a_later_resolved_update() {
        let mut r = record(
            vec![window(
                "Web app",
                ComponentStatus::MajorOutage,
                "2025-06-01T10:00:00Z",
                Some("2025-06-01T11:00:00Z"),
            )],
            vec![
                update("2025-06-01T10:10:00.5Z", UpdateStatus::Investigating),
                update("2025-06-01T12:00:00Z", UpdateStatus::Resolved),
            ],
        );
        r.resolved_at = Some(t("2025-06-01T13:30:00+02:00"));
        let f = figures(&r, far());
        assert_eq!(f.time_to_resolve, Some(TimeDelta::minutes(90)));
        assert_eq!(seconds(f.duration.unwrap()), 4799.5);
    }

    #[test]
    fn resolved_at_without_a_resolving_update_resolves_nothing() {
        let mut r = record(
            vec![],
            vec![update("2025-06-01T10:10:00Z", UpdateStatus::Investigating)],
        );
        r.resolved_at = Some(t("2025-06-01T11:00:00Z"));
        let f = figures(&r, far());
        assert_eq!((f.resolved_at, f.duration), (None, None));
    }

    #[test]
    fn monitor_event_inside_a_window_adds_no_downtime() {
        let windows = [
            (
                ComponentStatus::MajorOutage,
                iv("2026-04-07T17:51:00Z", "2026-04-07T19:47:00Z"),
            ),
            (
                ComponentStatus::MajorOutage,
                iv("2026-04-07T19:41:20Z", "2026-04-07T19:46:55Z"),
            ),
        ];
        let period = iv("2026-03-31T22:00:00Z", "2026-04-08T22:00:00Z");
        let d = downtime(&windows, &period);
        assert_eq!(d.major_outage, TimeDelta::seconds(6960));
        let a = d.availability(period.len());
        assert!((a - (1.0 - 6960.0 / 691200.0)).abs() < 1e-15);
        assert_eq!(format!("{a:.5}"), "0.98993");
    }

    #[test]
    fn overlapping_statuses_count_once_at_the_worst() {
        let windows = [
            (
                ComponentStatus::PartialOutage,
                iv("2025-01-01T00:00:00Z", "2025-01-01T02:00:00Z"),
            ),
            (
                ComponentStatus::MajorOutage,
                iv("2025-01-01T01:00:00Z", "2025-01-01T01:30:00Z"),
            ),
            (
                ComponentStatus::DegradedPerformance,
                iv("2025-01-01T01:45:00Z", "2025-01-01T03:00:00Z"),
            ),
        ];
        let d = downtime(
            &windows,
            &iv("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"),
        );
        assert_eq!(d.major_outage, TimeDelta::minutes(30));
        assert_eq!(d.partial_outage, TimeDelta::minutes(90));
        assert_eq!(d.degraded_performance, TimeDelta::minutes(60));
        assert_eq!(d.under_maintenance, TimeDelta::zero());
    }

    #[test]
    fn clipping_at_both_ends() {
        let windows = [(
            ComponentStatus::MajorOutage,
            iv("2025-01-31T23:00:00Z", "2025-03-01T01:00:00Z"),
        )];
        let feb = iv("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z");
        let d = downtime(&windows, &feb);
        assert_eq!(d.major_outage, TimeDelta::days(28));
        assert_eq!(d.availability(feb.len()), 0.0);
    }

    #[test]
    fn dst_change_in_madrid_makes_a_two_hour_wall_clock_window_one_hour() {
        let tz: Tz = "Europe/Madrid".parse().unwrap();
        let local = |s: &str| {
            let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
            tz.from_local_datetime(&naive)
                .single()
                .unwrap()
                .fixed_offset()
        };
        // 01:30 CET (+01:00) to 03:30 CEST (+02:00): clocks jumped from 02:00 to 03:00.
        let start = local("2025-03-30 01:30");
        let end = local("2025-03-30 03:30");
        assert_eq!(start.offset().local_minus_utc(), 3600);
        assert_eq!(end.offset().local_minus_utc(), 7200);
        let r = record(
            vec![Window {
                component: "Web app".into(),
                status: ComponentStatus::MajorOutage,
                start,
                end: Some(end),
            }],
            vec![update("2025-03-30T00:35:00Z", UpdateStatus::Investigating)],
        );
        assert_eq!(figures(&r, far()).impact, TimeDelta::hours(1));
    }

    #[test]
    fn dst_change_in_new_york_in_autumn_makes_a_window_longer() {
        // 2025-11-02 01:30 EDT (-04:00) to 01:30 EST (-05:00): the hour repeats.
        let r = record(
            vec![window(
                "Web app",
                ComponentStatus::MajorOutage,
                "2025-11-02T01:30:00-04:00",
                Some("2025-11-02T01:30:00-05:00"),
            )],
            vec![update("2025-11-02T05:40:00Z", UpdateStatus::Investigating)],
        );
        assert_eq!(figures(&r, far()).impact, TimeDelta::hours(1));
    }

    #[test]
    fn odd_offsets_and_fractional_seconds() {
        let r = record(
            vec![window(
                "Web app",
                ComponentStatus::MajorOutage,
                "2025-06-01T10:00:00.250+05:30",
                Some("2025-06-01T15:00:00.750+10:30"),
            )],
            vec![
                update("2025-06-01T04:30:00.25Z", UpdateStatus::Investigating),
                update("2025-06-01T04:31:00Z", UpdateStatus::Resolved),
            ],
        );
        let f = figures(&r, far());
        // 04:30:00.250Z to 04:30:00.750Z
        assert_eq!(f.impact, TimeDelta::milliseconds(500));
        assert_eq!(seconds(f.impact), 0.5);
        assert_eq!(f.time_to_detect, Some(TimeDelta::zero()));
        assert_eq!(display(f.impact), "<1m");
        assert_eq!(seconds(f.duration.unwrap()), 59.75);
    }

    #[test]
    fn zero_length_window_has_no_impact() {
        let r = record(
            vec![window(
                "Web app",
                ComponentStatus::MajorOutage,
                "2025-06-01T10:00:00Z",
                Some("2025-06-01T10:00:00Z"),
            )],
            vec![update("2025-06-01T10:00:00Z", UpdateStatus::Resolved)],
        );
        let f = figures(&r, far());
        assert_eq!(f.impact, TimeDelta::zero());
        assert_eq!(f.time_to_mitigate, Some(TimeDelta::zero()));
        assert!(!touches(
            &r,
            &iv("2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z")
        ));
    }

    #[test]
    fn unresolved_incident_has_no_end_figures_and_an_open_window_runs_to_the_horizon() {
        let r = record(
            vec![window(
                "Web app",
                ComponentStatus::PartialOutage,
                "2025-06-01T10:00:00Z",
                None,
            )],
            vec![update("2025-06-01T10:05:00Z", UpdateStatus::Investigating)],
        );
        let f = figures(&r, u("2025-06-01T12:00:00Z"));
        assert_eq!(f.duration, None);
        assert_eq!(f.time_to_resolve, None);
        assert_eq!(f.time_to_mitigate, None);
        assert_eq!(f.resolved_at, None);
        assert_eq!(f.impact, TimeDelta::hours(2));
        assert_eq!(f.time_to_detect, Some(TimeDelta::minutes(5)));
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let s = spread(&[0.0, 7620.0]).unwrap();
        assert_eq!((s.mean, s.median, s.p90), (3810.0, 3810.0, 6858.0));
        let s = spread(&[335.0, 7620.0]).unwrap();
        assert_eq!((s.mean, s.median, s.p90), (3977.5, 3977.5, 6891.5));
        let s = spread(&[5.0, 1.0, 3.0]).unwrap();
        assert_eq!((s.count, s.median, s.p90, s.max), (3, 3.0, 4.6, 5.0));
        assert_eq!(spread(&[]), None);
    }

    #[test]
    fn display_forms() {
        assert_eq!(display(TimeDelta::seconds(74 * 60 + 30)), "1h 14m");
        assert_eq!(display(TimeDelta::minutes(142)), "2h 22m");
        assert_eq!(display(TimeDelta::minutes(45)), "45m");
        assert_eq!(
            display(TimeDelta::minutes(3 * 1440 + 4 * 60 + 10)),
            "3d 4h 10m"
        );
        assert_eq!(display(TimeDelta::seconds(59)), "<1m");
        assert_eq!(display(TimeDelta::hours(2)), "2h");
        assert_eq!(display(TimeDelta::zero()), "0m");
    }
}
