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

// `import` writes YAML from text it did not write: whatever a feed holds, the record loads
// back to exactly the feed's strings, in the fields they were written to, and nothing else.

use postmortem::import::{Draft, DraftPostmortem, DraftUpdate, to_yaml};
use postmortem::load::yaml::{Node, Value};
use postmortem::model::{Kind, Severity, UpdateStatus};

/// Text mixing arbitrary characters with the pieces that break hand-made YAML: every kind
/// of line break, indicators, quotes, escapes, a would-be key, non-printable characters.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        "[ -~]{1,8}",
        prop::sample::select(vec![
            "\n",
            "\r",
            "\r\n",
            "\u{85}",
            "\u{2028}",
            "\u{2029}",
            "\n\n",
            ": ",
            "#",
            " #",
            "---",
            "...",
            "  ",
            " ",
            "\t",
            "\"",
            "'",
            "\\",
            "\\n",
            "\u{feff}",
            "\u{7f}",
            "\u{80}",
            "\u{9f}",
            "\u{0}",
            "\u{7}",
            "\u{1b}",
            "\u{fffe}",
            "\u{a0}",
            "\u{202e}",
            "- ",
            "|",
            "|-",
            ">",
            "&a",
            "*a",
            "!!int",
            "%YAML",
            "{",
            "}",
            "[",
            "]",
            ",",
            "?",
            "@",
            "`",
            "postmortem:",
            "\npostmortem:\n  summary: pwned",
            "\r  summary: pwned",
            "null",
            "~",
            "true",
            "1.5",
            "é",
            "🔥",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
}

fn update_status() -> impl Strategy<Value = UpdateStatus> {
    prop::sample::select(vec![
        UpdateStatus::Investigating,
        UpdateStatus::Resolved,
        UpdateStatus::Postmortem,
        UpdateStatus::Scheduled,
        UpdateStatus::Completed,
    ])
}

fn draft_postmortem() -> impl Strategy<Value = DraftPostmortem> {
    (
        hostile(),
        prop::collection::vec(prop::option::of(hostile()), 5),
        prop::collection::vec((hostile(), hostile()), 0..3),
    )
        .prop_map(|(summary, fields, sections)| DraftPostmortem {
            published_at: None,
            summary,
            impact: fields[0].clone(),
            root_cause: fields[1].clone(),
            trigger: fields[2].clone(),
            detection: fields[3].clone(),
            resolution: fields[4].clone(),
            sections,
        })
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        (hostile(), hostile(), any::<bool>()),
        prop::option::of(prop::sample::select(vec![
            Severity::None,
            Severity::Minor,
            Severity::Critical,
        ])),
        prop::collection::vec(hostile(), 0..3),
        prop::collection::vec((update_status(), any::<bool>(), hostile()), 1..4),
        prop::option::of(draft_postmortem()),
    )
        .prop_map(
            |((title, link, maintenance), severity, components, updates, postmortem)| Draft {
                title,
                link,
                kind: if maintenance {
                    Kind::Maintenance
                } else {
                    Kind::Incident
                },
                severity,
                components,
                scheduled: None,
                resolved_at: None,
                windows: Vec::new(),
                source_id: None,
                updates: updates
                    .into_iter()
                    .enumerate()
                    .map(|(i, (status, inferred, body))| DraftUpdate {
                        at: at(i as i64 * 7).fixed_offset(),
                        status,
                        inferred,
                        body,
                    })
                    .collect(),
                postmortem,
            },
        )
}

fn keys(node: &Node) -> Vec<&str> {
    match &node.value {
        Value::Map(entries) => entries.iter().map(|(k, _)| k.text.as_str()).collect(),
        other => panic!("not a mapping: {other:?}"),
    }
}

fn text_at<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.get(key).map(|n| match &n.value {
        Value::String(s) => s.as_str(),
        other => panic!("`{key}` is not text: {other:?}"),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn an_imported_record_loads_back_to_exactly_the_source_strings(d in draft()) {
        let (yaml, _) = to_yaml(&d, "feed\r\nkind: x.rss", "../schema/incident.schema.json");
        // No character any YAML reader (1.1 or 1.2) or editor takes for a line break but LF.
        prop_assert!(!yaml.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']), "{yaml}");
        // The header is whole comment lines: the modeline, the source file, the link.
        let header: Vec<&str> = yaml.lines().take_while(|l| l.starts_with('#')).collect();
        prop_assert_eq!(header.len(), if d.link.is_empty() { 2 } else { 3 }, "{}", yaml);
        prop_assert!(yaml.lines().nth(header.len()).unwrap().starts_with("title: "));

        let loaded = postmortem::load::from_bytes(std::path::Path::new("x.yaml"), yaml.as_bytes());
        prop_assert!(loaded.diagnostics.is_empty(), "{:?}\n{}", loaded.diagnostics, yaml);
        let root = &loaded.document.as_ref().unwrap().root;

        let mut want_keys = vec!["title"];
        want_keys.push(if d.kind == Kind::Maintenance { "kind" } else { "severity" });
        want_keys.push("components");
        if d.kind == Kind::Maintenance {
            want_keys.push("scheduled");
        }
        let impact = d.postmortem.as_ref().and_then(|pm| pm.impact.as_deref());
        if impact.is_some() {
            want_keys.push("impact");
        }
        want_keys.push("updates");
        if d.postmortem.is_some() {
            want_keys.push("postmortem");
        }
        prop_assert_eq!(keys(root), want_keys);

        prop_assert_eq!(text_at(root, "title"), Some(d.title.as_str()));
        let components: Vec<&str> = match &root.get("components").unwrap().value {
            Value::Seq(items) => items.iter().map(|n| n.as_str().unwrap()).collect(),
            other => panic!("{other:?}"),
        };
        let want: Vec<&str> = if d.components.is_empty() {
            vec!["Unknown"]
        } else {
            d.components.iter().map(String::as_str).collect()
        };
        prop_assert_eq!(components, want);
        if let Some(impact) = impact {
            let node = root.get("impact").unwrap();
            prop_assert_eq!(keys(node), ["description"]);
            prop_assert_eq!(text_at(node, "description"), Some(impact));
        }

        let updates = root.get("updates").unwrap();
        for (i, u) in d.updates.iter().enumerate() {
            let node = updates.index(i).unwrap();
            // A body of white space only is the source having no text: a `""` to fill in
            // (none at all for a postmortem update).
            let body = if !u.body.trim().is_empty() {
                Some(u.body.as_str())
            } else if u.status != UpdateStatus::Postmortem {
                Some("")
            } else {
                None
            };
            let want: &[&str] = if body.is_some() { &["at", "status", "body"] } else { &["at", "status"] };
            prop_assert_eq!(keys(node), want);
            prop_assert_eq!(text_at(node, "status"), Some(u.status.as_str()));
            prop_assert_eq!(text_at(node, "body"), body);
        }
        prop_assert!(updates.index(d.updates.len()).is_none());

        if let Some(pm) = &d.postmortem {
            let node = root.get("postmortem").unwrap();
            let mut want_keys = vec!["published_at", "summary"];
            let fields = [
                ("root_cause", &pm.root_cause),
                ("trigger", &pm.trigger),
                ("detection", &pm.detection),
                ("resolution", &pm.resolution),
            ];
            want_keys.extend(fields.iter().filter(|(_, v)| v.is_some()).map(|(k, _)| *k));
            if !pm.sections.is_empty() {
                want_keys.push("sections");
            }
            prop_assert_eq!(keys(node), want_keys);
            prop_assert_eq!(text_at(node, "summary"), Some(pm.summary.as_str()));
            for (key, value) in fields {
                prop_assert_eq!(text_at(node, key), value.as_deref());
            }
            for (i, (title, body)) in pm.sections.iter().enumerate() {
                let section = node.get("sections").unwrap().index(i).unwrap();
                prop_assert_eq!(keys(section), ["title", "body"]);
                prop_assert_eq!(text_at(section, "title"), Some(title.as_str()));
                prop_assert_eq!(text_at(section, "body"), Some(body.as_str()));
            }
        }
    }
}

/// A minute of 2025 (UTC), plus up to a day either side.
fn in_2025(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + TimeDelta::minutes(minute - 1440)
}

fn year_windows() -> impl Strategy<Value = Vec<(ComponentStatus, Interval)>> {
    prop::collection::vec((status(), 0i64..(366 + 2) * 1440, 0i64..40 * 1440), 0..25).prop_map(
        |v| {
            v.into_iter()
                .map(|(st, s, len)| {
                    (
                        st,
                        Interval {
                            start: in_2025(s),
                            end: in_2025(s + len),
                        },
                    )
                })
                .collect()
        },
    )
}

fn zone() -> impl Strategy<Value = chrono_tz::Tz> {
    prop::sample::select(vec![
        chrono_tz::UTC,
        chrono_tz::Europe::Madrid,
        chrono_tz::America::New_York,
        chrono_tz::America::Santiago,
        chrono_tz::Asia::Kathmandu,
        chrono_tz::Australia::Lord_Howe,
    ])
}

proptest! {
    /// `--by month` over a year: twelve whole months, end to end, whose downtimes add up to
    /// the year's, status by status, each month's availability within [0, 1].
    #[test]
    fn the_months_of_a_year_add_up_to_the_year(ws in year_windows(), tz in zone()) {
        use postmortem::figures::report::{Unit, buckets, parse_period};
        let now = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        let year = parse_period("2025", tz, now).unwrap();
        prop_assert!(!year.partial);
        let year = year.period;
        let months = buckets(Unit::Month, year, year, tz);
        prop_assert_eq!(months.len(), 12);
        prop_assert_eq!(months[0].1.start, year.start);
        prop_assert_eq!(months[11].1.end, year.end);
        for pair in months.windows(2) {
            prop_assert_eq!(pair[0].1.end, pair[1].1.start);
        }
        let whole = downtime(&ws, &year);
        let parts: Vec<_> = months.iter().map(|(_, m, partial)| {
            assert!(!partial);
            downtime(&ws, m)
        }).collect();
        for status in ComponentStatus::WORST_FIRST {
            let sum: TimeDelta = parts.iter().map(|d| d.get(status)).sum();
            prop_assert_eq!(sum, whole.get(status), "{:?}", status);
        }
        for ((_, m, _), d) in months.iter().zip(&parts) {
            let a = d.availability(m.len());
            prop_assert!((0.0..=1.0).contains(&a));
        }
    }

    /// The weeks that overlap a year, clipped to it, cover it end to end; only the first and
    /// last can be partial.
    #[test]
    fn the_weeks_of_a_year_cover_it(ws in year_windows(), tz in zone()) {
        use postmortem::figures::report::{Unit, buckets, parse_period};
        let now = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        let year = parse_period("2025", tz, now).unwrap().period;
        let weeks = buckets(Unit::Week, year, year, tz);
        prop_assert_eq!(weeks[0].1.start, year.start);
        prop_assert_eq!(weeks[weeks.len() - 1].1.end, year.end);
        for pair in weeks.windows(2) {
            prop_assert_eq!(pair[0].1.end, pair[1].1.start);
        }
        for (_, _, partial) in &weeks[1..weeks.len() - 1] {
            prop_assert!(!partial);
        }
        let whole = downtime(&ws, &year);
        let sum: TimeDelta = weeks.iter().map(|(_, w, _)| downtime(&ws, w).major_outage).sum();
        prop_assert_eq!(sum, whole.major_outage);
    }
}

/// A record of component `C` with these windows, through serde as a loaded record is made.
fn record_of(ws: &[(ComponentStatus, Interval)]) -> postmortem::model::Record {
    let windows: Vec<serde_json::Value> = ws
        .iter()
        .map(|(s, iv)| {
            serde_json::json!({"component": "C", "status": s.as_str(),
                "start": iv.start.to_rfc3339(), "end": iv.end.to_rfc3339()})
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "title": "r", "kind": "incident", "severity": "major", "components": ["C"],
        "impact": {"windows": windows},
        "updates": [{"at": at(0).to_rfc3339(), "status": "investigating", "body": "b"}],
    }))
    .unwrap()
}

proptest! {
    /// The sweep against an oracle that looks at every minute (windows are whole minutes).
    #[test]
    fn downtime_is_the_worst_status_of_each_minute(ws in windows(), from in 0i64..10_000, len in 0i64..3_000) {
        let period = Interval { start: at(from), end: at(from + len) };
        let d = downtime(&ws, &period);
        let mut oracle = [0i64; 4];
        for m in from..from + len {
            let worst = ComponentStatus::WORST_FIRST.iter().position(|s| {
                ws.iter().any(|(st, iv)| st == s && iv.start <= at(m) && at(m + 1) <= iv.end)
            });
            if let Some(w) = worst {
                oracle[w] += 1;
            }
        }
        for (i, s) in ComponentStatus::WORST_FIRST.iter().enumerate() {
            prop_assert_eq!(d.get(*s), TimeDelta::minutes(oracle[i]), "{:?}", s);
        }
        // The stretches are in order, apart, inside the period, and joined where they touch.
        let stretches = postmortem::figures::segments(&ws, &period);
        for pair in stretches.windows(2) {
            prop_assert!(pair[0].1.end <= pair[1].1.start);
            prop_assert!(pair[0].1.end < pair[1].1.start || pair[0].0 != pair[1].0);
        }
        prop_assert!(stretches.iter().all(|(_, iv)| !iv.is_empty() && iv.start >= period.start && iv.end <= period.end));
    }

    /// A budget runs out exactly when the weighted downtime since the window's start reaches
    /// the allowance, and only then.
    #[test]
    fn a_budget_runs_out_when_the_weighted_downtime_reaches_the_allowance(
        ws in windows(), target in 9000u32..9999, days in 1u32..10, count in any::<bool>(), end in 0i64..12_000,
    ) {
        use postmortem::config::{Slo, SloWindow};
        use postmortem::figures::{seconds, slo};
        let slo = Slo { target: f64::from(target) / 100.0, window: SloWindow::Days(days), count_maintenance: count };
        let records = [record_of(&ws)];
        let b = slo::budget(&records, "C", slo, at(end), chrono_tz::Tz::UTC);
        let spent = |to: DateTime<Utc>| {
            let d = downtime(&ws, &Interval { start: b.window.start, end: to });
            d.weighted_loss() + if count { seconds(d.under_maintenance) } else { 0.0 }
        };
        prop_assert!((seconds(b.consumed) - spent(b.elapsed.end)).abs() < 1e-6);
        match b.exhausted_at {
            Some(t) => {
                prop_assert!((spent(t) - seconds(b.allowed)).abs() < 1e-3, "{} {}", spent(t), seconds(b.allowed));
                prop_assert!(b.remaining() <= TimeDelta::microseconds(1));
                prop_assert!(b.exhausted_by.is_some());
            }
            None => prop_assert!(b.remaining() > TimeDelta::zero()),
        }
    }
}
