//! Properties of the downtime arithmetic that must hold for any windows.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use postmortem::figures::{Interval, downtime, union_len};
use postmortem::model::ComponentStatus;
use proptest::prelude::*;

fn at(minute: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + minute * 60, 0).unwrap()
}

fn intervals() -> impl Strategy<Value = Vec<Interval>> {
    prop::collection::vec((0i64..10_000, 0i64..600), 1..30).prop_map(|v| {
        v.into_iter()
            .map(|(s, len)| Interval {
                start: at(s),
                end: at(s + len),
            })
            .collect()
    })
}

fn status() -> impl Strategy<Value = ComponentStatus> {
    prop::sample::select(ComponentStatus::WORST_FIRST.to_vec())
}

fn windows() -> impl Strategy<Value = Vec<(ComponentStatus, Interval)>> {
    prop::collection::vec((status(), 0i64..10_000, 0i64..600), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(st, s, len)| {
                (
                    st,
                    Interval {
                        start: at(s),
                        end: at(s + len),
                    },
                )
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn union_is_between_the_longest_and_the_sum(mut ivs in intervals()) {
        let sum: TimeDelta = ivs.iter().map(Interval::len).sum();
        let longest = ivs.iter().map(Interval::len).max().unwrap_or_default();
        let union = union_len(&mut ivs);
        prop_assert!(union <= sum);
        prop_assert!(union >= longest);
    }

    #[test]
    fn availability_stays_within_zero_and_one(ws in windows(), from in 0i64..10_000, len in 1i64..10_000) {
        let period = Interval { start: at(from), end: at(from + len) };
        let d = downtime(&ws, &period);
        let a = d.availability(period.len());
        prop_assert!((0.0..=1.0).contains(&a));
        let total = d.major_outage + d.partial_outage + d.degraded_performance + d.under_maintenance;
        prop_assert!(total <= period.len());
    }

    #[test]
    fn splitting_a_period_in_two_keeps_the_downtime(ws in windows(), from in 0i64..5_000, cut in 0i64..5_000, len in 0i64..5_000) {
        let whole = Interval { start: at(from), end: at(from + cut + len) };
        let first = Interval { start: at(from), end: at(from + cut) };
        let second = Interval { start: at(from + cut), end: at(from + cut + len) };
        let (w, a, b) = (downtime(&ws, &whole), downtime(&ws, &first), downtime(&ws, &second));
        for s in ComponentStatus::WORST_FIRST {
            prop_assert_eq!(w.get(s), a.get(s) + b.get(s));
        }
    }
}
