//! Error budgets of service level objectives (docs/guide.md, "SLOs and error budgets"):
//! how much downtime an SLO allows over its window, how much was spent, and when it ran out.
//!
//! Downtime is weighted exactly as availability weighs it ([`super::weight`]), from the same
//! [`super::segments`]; a counted maintenance costs as a major outage.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::report::{Unit, start_of_day};
use super::{Downtime, Interval, seconds, segments, weight};
use crate::config::{Slo, SloWindow};
use crate::model::{ComponentStatus, Record};

/// Where a budget ran out: the record and its window (indexes into `impact.windows`) that
/// was spending it at that instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Culprit {
    pub record: usize,
    pub window: usize,
}

/// One component's error budget over the SLO window that ends at a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub component: String,
    pub slo: Slo,
    /// The whole window: the last N days, or the calendar month or quarter.
    pub window: Interval,
    /// The part of the window up to the moment asked about (all of it for `Nd`).
    pub elapsed: Interval,
    /// `(100 − target) %` of the whole window, exactly.
    pub allowed: TimeDelta,
    /// The weighted downtime of the elapsed part (to the nanosecond).
    pub consumed: TimeDelta,
    /// The component's downtime over the elapsed part, per status.
    pub downtime: Downtime,
    /// When the spending reached `allowed`, if it did.
    pub exhausted_at: Option<DateTime<Utc>>,
    pub exhausted_by: Option<Culprit>,
}

impl Budget {
    /// Allowed minus consumed (negative once overspent).
    pub fn remaining(&self) -> TimeDelta {
        self.allowed - self.consumed
    }

    /// The share of the budget spent divided by the share of the window gone: 1 spends the
    /// budget exactly by the end of the window. `None` when no time of it is gone.
    pub fn burn_rate(&self) -> Option<f64> {
        let gone = seconds(self.elapsed.len()) / seconds(self.window.len());
        (gone > 0.0 && self.allowed > TimeDelta::zero())
            .then(|| seconds(self.consumed) / seconds(self.allowed) / gone)
    }

    /// Whether the budget is spent (the remaining is zero or less).
    pub fn exhausted(&self) -> bool {
        self.exhausted_at.is_some()
    }

    /// Whether the elapsed part is less than the whole window (a month not over yet).
    pub fn partial(&self) -> bool {
        self.elapsed != self.window
    }
}

/// The window of `window` that holds the instant just before `end`, in `tz`'s calendar: the
/// N × 24 h before `end`, or the month or quarter.
pub fn window_at(window: SloWindow, end: DateTime<Utc>, tz: Tz) -> Interval {
    let unit = match window {
        SloWindow::Days(n) => {
            return Interval {
                start: end - TimeDelta::days(i64::from(n)),
                end,
            };
        }
        SloWindow::Month => Unit::Month,
        SloWindow::Quarter => Unit::Quarter,
    };
    let just_before = end - TimeDelta::nanoseconds(1);
    let first = unit.first_day(just_before.with_timezone(&tz).date_naive());
    Interval {
        start: start_of_day(first, tz),
        end: start_of_day(unit.next(first), tz),
    }
}

/// The allowed downtime of `slo` over a window of length `len`: exact to the nanosecond.
pub fn allowed(slo: &Slo, len: TimeDelta) -> TimeDelta {
    let ns = i128::from(len.num_seconds()) * 1_000_000_000 + i128::from(len.subsec_nanos());
    let allowed = ns * i128::from(slo.budget_millionths()) / 100_000_000;
    TimeDelta::nanoseconds(i64::try_from(allowed).unwrap_or(i64::MAX))
}

/// What a second at `status` costs the budget of `slo`.
fn cost(slo: &Slo, status: ComponentStatus) -> f64 {
    if status == ComponentStatus::UnderMaintenance && slo.count_maintenance {
        1.0
    } else {
        weight(status)
    }
}

/// The budget of `component` under `slo`, over the window that ends at `end` (open windows
/// of records run to `end`).
pub fn budget(records: &[Record], component: &str, slo: Slo, end: DateTime<Utc>, tz: Tz) -> Budget {
    let window = window_at(slo.window, end, tz);
    let elapsed = Interval {
        start: window.start,
        end: end.min(window.end).max(window.start),
    };
    let allowed = allowed(&slo, window.len());
    // The component's windows, with where each comes from.
    let mut located: Vec<(ComponentStatus, Interval, Culprit)> = Vec::new();
    for (ri, r) in records.iter().enumerate() {
        for (wi, w) in r.impact.windows.iter().enumerate() {
            if w.component != component {
                continue;
            }
            let start = w.start.to_utc();
            let stop = w.end.map_or(end.max(start), |e| e.to_utc());
            located.push((
                w.status,
                Interval { start, end: stop },
                Culprit {
                    record: ri,
                    window: wi,
                },
            ));
        }
    }
    let plain: Vec<(ComponentStatus, Interval)> =
        located.iter().map(|(s, iv, _)| (*s, *iv)).collect();
    let stretches = segments(&plain, &elapsed);
    let mut downtime = Downtime::default();
    for (status, iv) in &stretches {
        downtime.set(*status, downtime.get(*status) + iv.len());
    }
    let weighted = downtime.weighted_loss()
        + if slo.count_maintenance {
            seconds(downtime.under_maintenance)
        } else {
            0.0
        };
    let consumed = TimeDelta::nanoseconds((weighted * 1e9).round() as i64);
    // Walk the stretches in time order until the spending reaches the allowance.
    let budget = seconds(allowed);
    let mut spent = 0.0;
    let mut exhausted_at = None;
    for (status, iv) in &stretches {
        let c = cost(&slo, *status);
        if c == 0.0 {
            continue;
        }
        let here = c * seconds(iv.len());
        if spent + here >= budget {
            let into = ((budget - spent) / c * 1e9).round() as i64;
            exhausted_at = Some((iv.start + TimeDelta::nanoseconds(into)).min(iv.end));
            break;
        }
        spent += here;
    }
    // The window that gave its status to the instant the budget ran out.
    let exhausted_by = exhausted_at.and_then(|t| {
        let status = stretches
            .iter()
            .find(|(_, iv)| iv.start < t && t <= iv.end)?
            .0;
        located
            .iter()
            .filter(|(s, iv, _)| *s == status && iv.start < t && t <= iv.end)
            .min_by_key(|(_, iv, c)| (iv.start, c.record, c.window))
            .map(|(_, _, c)| *c)
    });
    Budget {
        component: component.to_owned(),
        slo,
        window,
        elapsed,
        allowed,
        consumed,
        downtime,
        exhausted_at,
        exhausted_by,
    }
}

/// The budget of every catalogue component that has an SLO (its own or its group's), in
/// catalogue order, at `end`; with `only`, only those components.
pub fn budgets(
    records: &[Record],
    config: &crate::config::Config,
    only: &[String],
    end: DateTime<Utc>,
) -> Vec<Budget> {
    config
        .components
        .iter()
        .flatten()
        .filter(|c| only.is_empty() || only.contains(&c.name))
        .filter_map(|c| {
            let slo = config.slo_of(&c.name)?;
            Some(budget(records, &c.name, slo, end, config.timezone))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::display_seconds;
    use crate::model::{Impact, Kind, Update, UpdateStatus, Window};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn record(id: &str, kind: Kind, windows: &[(ComponentStatus, &str, &str)]) -> Record {
        Record {
            id: id.into(),
            title: id.into(),
            kind,
            severity: None,
            components: vec!["Gateway".into()],
            detected_at: None,
            acknowledged_at: None,
            resolved_at: None,
            scheduled: None,
            impact: Impact {
                description: None,
                windows: windows
                    .iter()
                    .map(|(status, a, b)| Window {
                        component: "Gateway".into(),
                        status: *status,
                        start: DateTime::parse_from_rfc3339(a).unwrap(),
                        end: Some(DateTime::parse_from_rfc3339(b).unwrap()),
                    })
                    .collect(),
            },
            updates: vec![Update {
                at: DateTime::parse_from_rfc3339(windows[0].2).unwrap(),
                status: UpdateStatus::Resolved,
                body: String::new(),
            }],
            postmortem: None,
        }
    }

    fn slo(target: f64, window: SloWindow) -> Slo {
        Slo {
            target,
            window,
            count_maintenance: false,
        }
    }

    fn madrid() -> Tz {
        "Europe/Madrid".parse().unwrap()
    }

    #[test]
    fn three_nines_over_30_days_allow_43_minutes_12_seconds() {
        let a = allowed(&slo(99.9, SloWindow::Days(30)), TimeDelta::days(30));
        assert_eq!(a, TimeDelta::seconds(2592));
        assert_eq!(display_seconds(a), "43m 12s");
        // Targets are read to six decimals, exactly: no 2591.9999… from floating point.
        let a = allowed(&slo(99.95, SloWindow::Days(7)), TimeDelta::days(7));
        assert_eq!(a, TimeDelta::seconds(302) + TimeDelta::milliseconds(400));
        let a = allowed(&slo(99.9999, SloWindow::Days(30)), TimeDelta::days(30));
        assert_eq!(a, TimeDelta::milliseconds(2592));
    }

    #[test]
    fn a_month_and_a_quarter_are_calendar_units_of_the_zone() {
        let tz = madrid();
        // May 2025 in Madrid: 31 days from 2025-04-30T22:00Z.
        let w = window_at(SloWindow::Month, t("2025-05-20T12:00:00Z"), tz);
        assert_eq!(
            (w.start, w.end),
            (t("2025-04-30T22:00:00Z"), t("2025-05-31T22:00:00Z"))
        );
        let a = allowed(&slo(99.9, SloWindow::Month), w.len());
        assert_eq!(a, TimeDelta::milliseconds(2_678_400));
        assert_eq!(display_seconds(a), "44m 38s");
        // The end of a month belongs to it: the window ending at June 1 00:00 is May.
        assert_eq!(
            window_at(SloWindow::Month, t("2025-05-31T22:00:00Z"), tz),
            w
        );
        // 2025-Q1 in Madrid: 90 days, less the hour lost on March 30.
        let q = window_at(SloWindow::Quarter, t("2025-02-01T00:00:00Z"), tz);
        assert_eq!(
            (q.start, q.end),
            (t("2024-12-31T23:00:00Z"), t("2025-03-31T22:00:00Z"))
        );
        assert_eq!(q.len(), TimeDelta::days(90) - TimeDelta::hours(1));
        let a = allowed(&slo(99.9, SloWindow::Quarter), q.len());
        assert_eq!(a, TimeDelta::milliseconds(7_772_400));
        assert_eq!(display_seconds(a), "2h 9m 32s");
    }

    #[test]
    fn the_gateway_outage_spends_a_30_day_budget_at_an_exact_instant() {
        let records = [record(
            "gw",
            Kind::Incident,
            &[(
                ComponentStatus::MajorOutage,
                "2025-05-30T18:22:00+02:00",
                "2025-05-30T20:44:00+02:00",
            )],
        )];
        let b = budget(
            &records,
            "Gateway",
            slo(99.9, SloWindow::Days(30)),
            t("2025-06-01T00:00:00Z"),
            madrid(),
        );
        assert_eq!(b.window.start, t("2025-05-02T00:00:00Z"));
        assert_eq!(b.allowed, TimeDelta::seconds(2592));
        assert_eq!(b.consumed, TimeDelta::seconds(8520));
        assert_eq!(b.remaining(), TimeDelta::seconds(-5928));
        assert_eq!(b.burn_rate(), Some(8520.0 / 2592.0));
        // 16:22:00Z + 2592 s.
        assert_eq!(b.exhausted_at, Some(t("2025-05-30T17:05:12Z")));
        assert_eq!(
            b.exhausted_by,
            Some(Culprit {
                record: 0,
                window: 0
            })
        );
        assert!(!b.partial());
        // A month later the window no longer holds it.
        let later = budget(
            &records,
            "Gateway",
            slo(99.9, SloWindow::Days(30)),
            t("2025-07-01T00:00:00Z"),
            madrid(),
        );
        assert_eq!(
            (later.consumed, later.exhausted_at),
            (TimeDelta::zero(), None)
        );
    }

    #[test]
    fn a_partial_outage_spends_at_the_availability_weight() {
        // 3 h partial = 3240 weighted seconds; 2592 are spent after 2592 / 0.3 = 8640 s.
        let records = [record(
            "p",
            Kind::Incident,
            &[(
                ComponentStatus::PartialOutage,
                "2025-05-10T00:00:00Z",
                "2025-05-10T03:00:00Z",
            )],
        )];
        let b = budget(
            &records,
            "Gateway",
            slo(99.9, SloWindow::Days(30)),
            t("2025-05-20T00:00:00Z"),
            Tz::UTC,
        );
        assert_eq!(b.consumed, TimeDelta::seconds(3240));
        assert_eq!(seconds(b.consumed), b.downtime.weighted_loss());
        assert_eq!(b.exhausted_at, Some(t("2025-05-10T02:24:00Z")));
    }

    #[test]
    fn a_month_not_over_burns_against_the_part_gone() {
        // 10 days into a 30-day month (UTC), 20 minutes of major outage.
        let records = [record(
            "m",
            Kind::Incident,
            &[(
                ComponentStatus::MajorOutage,
                "2025-06-05T10:00:00Z",
                "2025-06-05T10:20:00Z",
            )],
        )];
        let b = budget(
            &records,
            "Gateway",
            slo(99.9, SloWindow::Month),
            t("2025-06-11T00:00:00Z"),
            Tz::UTC,
        );
        assert_eq!(b.allowed, TimeDelta::seconds(2592));
        assert_eq!(b.elapsed.len(), TimeDelta::days(10));
        assert!(b.partial());
        assert_eq!(b.remaining(), TimeDelta::seconds(1392));
        // 1200 / 2592 of the budget in a third of the month.
        assert_eq!(b.burn_rate(), Some(1200.0 / 2592.0 / (1.0 / 3.0)));
        assert_eq!(b.exhausted_at, None);
    }

    #[test]
    fn maintenance_is_free_unless_counted() {
        let records = [
            record(
                "work",
                Kind::Maintenance,
                &[(
                    ComponentStatus::UnderMaintenance,
                    "2025-05-10T00:00:00Z",
                    "2025-05-10T01:00:00Z",
                )],
            ),
            record(
                "down",
                Kind::Incident,
                &[(
                    ComponentStatus::MajorOutage,
                    "2025-05-12T00:00:00Z",
                    "2025-05-12T00:30:00Z",
                )],
            ),
        ];
        let end = t("2025-05-20T00:00:00Z");
        let free = budget(
            &records,
            "Gateway",
            slo(99.9, SloWindow::Days(30)),
            end,
            Tz::UTC,
        );
        assert_eq!(
            (free.consumed, free.exhausted_at),
            (TimeDelta::seconds(1800), None)
        );
        let counted = Slo {
            count_maintenance: true,
            ..slo(99.9, SloWindow::Days(30))
        };
        let b = budget(&records, "Gateway", counted, end, Tz::UTC);
        assert_eq!(b.consumed, TimeDelta::seconds(5400));
        // 3600 s of maintenance, then 2592 − 3600 < 0: spent inside the maintenance, at
        // 00:43:12, by the maintenance record.
        assert_eq!(b.exhausted_at, Some(t("2025-05-10T00:43:12Z")));
        assert_eq!(b.exhausted_by.map(|c| c.record), Some(0));
    }

    #[test]
    fn overlapping_windows_spend_once_at_the_worst() {
        // A partial outage 00:00–02:00 and a major one 00:30–01:00: 1800 + 0.3 × 5400.
        let records = [record(
            "o",
            Kind::Incident,
            &[
                (
                    ComponentStatus::PartialOutage,
                    "2025-05-10T00:00:00Z",
                    "2025-05-10T02:00:00Z",
                ),
                (
                    ComponentStatus::MajorOutage,
                    "2025-05-10T00:30:00Z",
                    "2025-05-10T01:00:00Z",
                ),
            ],
        )];
        let s = Slo {
            target: 99.95,
            ..slo(99.9, SloWindow::Days(30))
        };
        let b = budget(&records, "Gateway", s, t("2025-05-20T00:00:00Z"), Tz::UTC);
        assert_eq!(b.allowed, TimeDelta::seconds(1296));
        assert_eq!(b.consumed, TimeDelta::seconds(3420));
        // 0.3 × 1800 = 540 by 00:30, then 756 more of major: 00:42:36, in the major window.
        assert_eq!(b.exhausted_at, Some(t("2025-05-10T00:42:36Z")));
        assert_eq!(b.exhausted_by.map(|c| c.window), Some(1));
    }
}
