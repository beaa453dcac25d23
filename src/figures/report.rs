//! `stats`: figures over a period for a whole repository (docs/guide.md, "Figures"), as
//! JSON, CSV or a table.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value as Json, json};

use crate::config::Config;
use crate::figures::slo::{self, Budget};
use crate::figures::{
    self, Downtime, Figures, Interval, Spread, component_windows, display, display_seconds,
    seconds, spread, touches,
};
use crate::model::{ComponentStatus, Kind, Record, Severity};

/// A `--since`/`--until` bound that is not a moment.
#[derive(Debug, thiserror::Error)]
#[error("`{text}` is neither a day (2025-04-01) nor an RFC 3339 timestamp (2025-04-01T00:00:00Z)")]
pub struct BoundError {
    pub text: String,
}

/// Parses a `--since`/`--until` bound: a day in the site zone (an `--until` day counts whole,
/// so it ends at the next midnight) or an RFC 3339 timestamp.
pub fn parse_bound(text: &str, tz: Tz, until: bool) -> Result<DateTime<Utc>, BoundError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.to_utc());
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| BoundError {
        text: text.to_owned(),
    })?;
    let day = if until {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    };
    Ok(start_of_day(day, tz))
}

/// A `--period` that is none of the forms.
#[derive(Debug, thiserror::Error)]
pub enum PeriodError {
    #[error(
        "`{0}` is not a period: write a month (2026-04), a quarter (2026-Q2), a year (2026) or the last days (last-30d)"
    )]
    Form(String),
    #[error("`{0}` starts after now: it has no figures yet")]
    Future(String),
}

/// A period asked for by name (`--period`), and whether now cut it short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamedPeriod {
    pub period: Interval,
    pub partial: bool,
}

/// The last `days` days of the site's zone ending now: today (so far) and the `days - 1`
/// days before it, as the status page's uptime bars count them.
pub fn last_days(days: u32, tz: Tz, now: DateTime<Utc>) -> Interval {
    let today = now.with_timezone(&tz).date_naive();
    let first = today - TimeDelta::days(i64::from(days.max(1)) - 1);
    Interval {
        start: start_of_day(first, tz).min(now),
        end: now,
    }
}

/// Parses `--period`: `2026-04`, `2026-Q2`, `2026` (whole calendar units of the site's zone,
/// cut at `now`), `last-30d` (see [`last_days`]).
pub fn parse_period(text: &str, tz: Tz, now: DateTime<Utc>) -> Result<NamedPeriod, PeriodError> {
    let form = || PeriodError::Form(text.to_owned());
    if let Some(days) = text.strip_prefix("last-").and_then(|t| t.strip_suffix('d')) {
        let days: u32 = days
            .parse()
            .ok()
            .filter(|d| (1..=36_500).contains(d) && !days.starts_with('+'))
            .ok_or_else(form)?;
        return Ok(NamedPeriod {
            period: last_days(days, tz, now),
            partial: false,
        });
    }
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let (first, unit) = match text.split_once('-') {
        None if digits(text, 4) => (text.parse().ok().map(|y| (y, 1)), Unit::Year),
        Some((y, q)) if digits(y, 4) && q.len() == 2 && q.starts_with('Q') => {
            let q: u32 = q[1..].parse().map_err(|_| form())?;
            let month = (1..=4).contains(&q).then(|| 3 * (q - 1) + 1);
            (y.parse().ok().zip(month), Unit::Quarter)
        }
        Some((y, m)) if digits(y, 4) && digits(m, 2) => {
            (y.parse().ok().zip(m.parse().ok()), Unit::Month)
        }
        _ => (None, Unit::Month),
    };
    let first = first
        .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
        .ok_or_else(form)?;
    let whole = Interval {
        start: start_of_day(first, tz),
        end: start_of_day(unit.next(first), tz),
    };
    if whole.start >= now {
        return Err(PeriodError::Future(text.to_owned()));
    }
    Ok(NamedPeriod {
        period: Interval {
            start: whole.start,
            end: whole.end.min(now),
        },
        partial: whole.end > now,
    })
}

/// A calendar unit of `--by`, in the site's zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// An ISO week, from Monday; labelled `2026-W15`.
    Week,
    /// `2026-04`.
    Month,
    /// `2026-Q2`.
    Quarter,
    /// `2026`.
    Year,
}

impl Unit {
    /// The unit's name: the JSON key and CSV column of a bucket's label.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        }
    }

    /// The JSON key of the list of buckets.
    pub fn plural(self) -> &'static str {
        match self {
            Unit::Week => "weeks",
            Unit::Month => "months",
            Unit::Quarter => "quarters",
            Unit::Year => "years",
        }
    }

    /// The first day of the unit that holds `day`.
    pub(crate) fn first_day(self, day: NaiveDate) -> NaiveDate {
        let first_of = |month: u32| NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day);
        match self {
            Unit::Week => day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday())),
            Unit::Month => first_of(day.month()),
            Unit::Quarter => first_of((day.month() - 1) / 3 * 3 + 1),
            Unit::Year => first_of(1),
        }
    }

    /// The first day of the next unit, from the first day of one.
    pub(crate) fn next(self, first: NaiveDate) -> NaiveDate {
        let months = |n| first.checked_add_months(chrono::Months::new(n));
        match self {
            Unit::Week => first.checked_add_days(chrono::Days::new(7)),
            Unit::Month => months(1),
            Unit::Quarter => months(3),
            Unit::Year => months(12),
        }
        .unwrap_or(first)
    }

    fn label(self, first: NaiveDate) -> String {
        match self {
            Unit::Week => {
                let w = first.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Unit::Month => first.format("%Y-%m").to_string(),
            Unit::Quarter => format!("{}-Q{}", first.year(), (first.month() - 1) / 3 + 1),
            Unit::Year => first.year().to_string(),
        }
    }
}

/// Local midnight of `day` in `tz` (the first instant of the day where midnight is skipped).
pub fn start_of_day(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=24 * 4)
        .find_map(|quarter| {
            tz.from_local_datetime(&(midnight + TimeDelta::minutes(15 * quarter)))
                .earliest()
        })
        .map_or_else(|| Utc.from_utc_datetime(&midnight), |t| t.to_utc())
}

/// One record's line in the report.
pub struct IncidentRow<'a> {
    pub record: &'a Record,
    pub figures: Figures,
}

/// One component's downtime over the period.
pub struct ComponentRow {
    pub name: String,
    pub incidents: usize,
    pub downtime: Downtime,
    pub availability: f64,
}

/// The components over one calendar unit (a week, a month, …).
pub struct Bucket {
    pub label: String,
    /// The unit, clipped to the bounds of the buckets.
    pub period: Interval,
    /// Whether the clipping cut the unit short.
    pub partial: bool,
    pub components: Vec<ComponentRow>,
    /// With `--slo`: the error budgets over the SLO windows ending at the bucket's end.
    pub slos: Option<Vec<Budget>>,
}

/// What the incidents are grouped by (`--by severity|component`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Severity,
    Component,
}

impl GroupBy {
    /// The JSON key, CSV column and table heading of a group's label.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Severity => "severity",
            GroupBy::Component => "component",
        }
    }

    /// The JSON key of the list of groups.
    pub fn key(self) -> &'static str {
        match self {
            GroupBy::Severity => "by_severity",
            GroupBy::Component => "by_component",
        }
    }
}

/// The incidents of the period that share a severity, or that name a component.
pub struct Group {
    pub label: String,
    pub incidents: usize,
    /// The sum of their impacts (each whole, as in `incidents`).
    pub impact: TimeDelta,
    pub time_to_detect: Option<Spread>,
    pub time_to_resolve: Option<Spread>,
}

/// A breakdown asked for with `--by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    Time(Unit),
    Group(GroupBy),
}

/// Everything `stats` prints.
pub struct Report<'a> {
    pub period: Interval,
    /// Whether now cut the period asked for short.
    pub partial: bool,
    pub incidents: Vec<IncidentRow<'a>>,
    pub components: Vec<ComponentRow>,
    pub incident_count: usize,
    pub maintenance_count: usize,
    pub time_to_detect: Option<Spread>,
    pub time_to_resolve: Option<Spread>,
    pub buckets: Option<(Unit, Vec<Bucket>)>,
    pub groups: Option<(GroupBy, Vec<Group>)>,
    /// With `--slo`: each component's error budget over its SLO window ending at the end of
    /// the period.
    pub slos: Option<Vec<Budget>>,
}

/// What to report on.
pub struct Query {
    pub period: Interval,
    /// Only records and rows of these components (all when empty).
    pub components: Vec<String>,
    /// Whether now cut the period asked for short.
    pub partial: bool,
    /// Break the components down by a unit, or the incidents by severity or component.
    pub by: Option<Breakdown>,
    /// Report the error budgets.
    pub slo: bool,
    /// What the buckets are clipped to: an explicit `--since`/`--until`, and now. The buckets
    /// are the whole units that overlap the period, within these bounds.
    pub bucket_bounds: Interval,
}

/// The earliest instant any record mentions, for a period without `--since`.
pub fn earliest(records: &[Record]) -> Option<DateTime<Utc>> {
    records
        .iter()
        .flat_map(|r| {
            r.impact
                .windows
                .iter()
                .map(|w| w.start.to_utc())
                .chain(r.updates.iter().map(|u| u.at.to_utc()))
        })
        .min()
}

/// Builds the report for `query` over `records`.
pub fn report<'a>(records: &'a [Record], config: &Config, query: &Query) -> Report<'a> {
    let period = query.period;
    let wanted = |r: &Record| {
        query.components.is_empty() || r.components.iter().any(|c| query.components.contains(c))
    };
    let mut in_period: Vec<&Record> = records
        .iter()
        .filter(|r| touches(r, &period) && wanted(r))
        .collect();
    in_period.sort_by(|a, b| (start_of(a), &a.id).cmp(&(start_of(b), &b.id)));
    let incidents: Vec<IncidentRow<'a>> = in_period
        .iter()
        .map(|r| IncidentRow {
            record: r,
            figures: figures::figures(r, period.end),
        })
        .collect();
    let is_incident = |row: &&IncidentRow<'_>| row.record.kind == Kind::Incident;
    let collect = |f: fn(&Figures) -> Option<TimeDelta>| -> Vec<f64> {
        incidents
            .iter()
            .filter(is_incident)
            .filter_map(|row| f(&row.figures))
            .map(seconds)
            .collect()
    };
    let names = component_names(&in_period, config, &query.components);
    let unit = match query.by {
        Some(Breakdown::Time(unit)) => Some(unit),
        _ => None,
    };
    let groups = match query.by {
        Some(Breakdown::Group(g)) => Some((g, groups(g, &incidents, &names))),
        _ => None,
    };
    let buckets = unit.map(|unit| {
        let list = buckets(unit, period, query.bucket_bounds, config.timezone)
            .into_iter()
            .map(|(label, bucket, partial)| Bucket {
                label,
                period: bucket,
                partial,
                components: component_rows(records, &names, &bucket, &query.components),
                slos: query
                    .slo
                    .then(|| slo::budgets(records, config, &query.components, bucket.end)),
            })
            .collect();
        (unit, list)
    });
    Report {
        period,
        partial: query.partial,
        components: component_rows(records, &names, &period, &query.components),
        incident_count: incidents.iter().filter(is_incident).count(),
        maintenance_count: incidents
            .iter()
            .filter(|r| r.record.kind == Kind::Maintenance)
            .count(),
        time_to_detect: spread(&collect(|f| f.time_to_detect)),
        time_to_resolve: spread(&collect(|f| f.time_to_resolve)),
        slos: query
            .slo
            .then(|| slo::budgets(records, config, &query.components, period.end)),
        incidents,
        buckets,
        groups,
    }
}

/// The incidents (not maintenances) grouped: by severity, worst first, every severity listed;
/// or by each of the reported components they name.
fn groups(by: GroupBy, incidents: &[IncidentRow<'_>], names: &[String]) -> Vec<Group> {
    let incidents: Vec<&IncidentRow<'_>> = incidents
        .iter()
        .filter(|r| r.record.kind == Kind::Incident)
        .collect();
    let group = |label: String, rows: Vec<&&IncidentRow<'_>>| {
        let values = |f: fn(&Figures) -> Option<TimeDelta>| -> Vec<f64> {
            rows.iter()
                .filter_map(|r| f(&r.figures))
                .map(seconds)
                .collect()
        };
        Group {
            label,
            incidents: rows.len(),
            impact: rows.iter().map(|r| r.figures.impact).sum(),
            time_to_detect: spread(&values(|f| f.time_to_detect)),
            time_to_resolve: spread(&values(|f| f.time_to_resolve)),
        }
    };
    match by {
        GroupBy::Severity => [
            Severity::Critical,
            Severity::Major,
            Severity::Minor,
            Severity::None,
        ]
        .into_iter()
        .map(|sev| {
            let rows = incidents
                .iter()
                .filter(|r| r.record.severity == Some(sev))
                .collect();
            group(sev.as_str().to_owned(), rows)
        })
        .collect(),
        GroupBy::Component => names
            .iter()
            .map(|name| {
                let rows = incidents
                    .iter()
                    .filter(|r| r.record.components.contains(name))
                    .collect();
                group(name.clone(), rows)
            })
            .collect(),
    }
}

fn start_of(r: &Record) -> Option<DateTime<Utc>> {
    r.start().map(|t| t.to_utc())
}

/// The components reported: [`Config::components_of`] the period's records, or only those
/// asked for.
fn component_names(in_period: &[&Record], config: &Config, only: &[String]) -> Vec<String> {
    config
        .components_of(in_period.iter().copied())
        .into_iter()
        .map(|c| c.name)
        .filter(|n| only.is_empty() || only.contains(n))
        .collect()
}

fn component_rows(
    records: &[Record],
    names: &[String],
    period: &Interval,
    only: &[String],
) -> Vec<ComponentRow> {
    let touching: Vec<&Record> = records
        .iter()
        .filter(|r| touches(r, period))
        .filter(|r| only.is_empty() || r.components.iter().any(|c| only.contains(c)))
        .collect();
    let windows = component_windows(touching.iter().copied(), period.end);
    names
        .iter()
        .map(|name| {
            let downtime = windows
                .get(name)
                .map(|w| figures::downtime(w, period))
                .unwrap_or_default();
            ComponentRow {
                name: name.clone(),
                incidents: touching
                    .iter()
                    .filter(|r| r.kind == Kind::Incident && r.components.contains(name))
                    .count(),
                availability: downtime.availability(period.len()),
                downtime,
            }
        })
        .collect()
}

/// The whole calendar units (site zone) that overlap `period`, each clipped to `bounds`
/// (and left out when nothing of it is left), with whether the clipping cut it short.
pub fn buckets(
    unit: Unit,
    period: Interval,
    bounds: Interval,
    tz: Tz,
) -> Vec<(String, Interval, bool)> {
    let mut out = Vec::new();
    let mut first = unit.first_day(period.start.with_timezone(&tz).date_naive());
    while start_of_day(first, tz) < period.end {
        let next = unit.next(first);
        let whole = Interval {
            start: start_of_day(first, tz),
            end: start_of_day(next, tz),
        };
        let clipped = Interval {
            start: whole.start.max(bounds.start),
            end: whole.end.min(bounds.end),
        };
        if !clipped.is_empty() && !whole.is_empty() {
            out.push((unit.label(first), clipped, clipped != whole));
        }
        if next == first {
            break;
        }
        first = next;
    }
    out
}

/// A duration as JSON: seconds at full precision, whole numbers without a fraction.
pub(crate) fn secs(d: TimeDelta) -> Json {
    if d.subsec_nanos() == 0 {
        json!(d.num_seconds())
    } else {
        json!(seconds(d))
    }
}

fn opt_secs(d: Option<TimeDelta>) -> Json {
    d.map_or(Json::Null, secs)
}

pub(crate) fn num(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn components_json(rows: &[ComponentRow]) -> Json {
    rows.iter()
        .map(|c| {
            let d = &c.downtime;
            json!({
                "name": c.name,
                "incidents": c.incidents,
                "downtime_seconds": {
                    "major_outage": secs(d.major_outage),
                    "partial_outage": secs(d.partial_outage),
                    "degraded_performance": secs(d.degraded_performance),
                    "under_maintenance": secs(d.under_maintenance),
                },
                "availability": num(c.availability),
            })
        })
        .collect()
}

fn spread_json(s: &Option<Spread>) -> Json {
    match s {
        Some(s) => {
            json!({"count": s.count, "mean": num(s.mean), "median": num(s.median), "p90": num(s.p90), "max": num(s.max)})
        }
        None => json!({"count": 0, "mean": null, "median": null, "p90": null, "max": null}),
    }
}

/// One incident's line of the JSON report.
fn incident_json(row: &IncidentRow<'_>) -> Json {
    let (r, f) = (row.record, &row.figures);
    json!({
        "id": r.id,
        "kind": r.kind.as_str(),
        "severity": r.severity.map(|s| s.as_str()),
        "components": r.components,
        "started_at": f.started_at.map(utc),
        "resolved_at": f.resolved_at.map(utc),
        "duration_seconds": opt_secs(f.duration),
        "impact_seconds": secs(f.impact),
        "time_to_detect_seconds": opt_secs(f.time_to_detect),
        "time_to_acknowledge_seconds": opt_secs(f.time_to_acknowledge),
        "time_to_mitigate_seconds": opt_secs(f.time_to_mitigate),
        "time_to_resolve_seconds": opt_secs(f.time_to_resolve),
    })
}

/// The incidents, each made into JSON only as it is written: the list grows with the
/// records, and a tree of all of it would double `stats`' memory.
struct IncidentsJson<'r, 'a>(&'r [IncidentRow<'a>]);

impl serde::Serialize for IncidentsJson<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(incident_json))
    }
}

/// The JSON object of `stats --format json` (docs/guide.md), in its order.
#[derive(serde::Serialize)]
struct ReportJson<'r, 'a> {
    period: Json,
    incidents: IncidentsJson<'r, 'a>,
    components: Json,
    summary: Json,
    #[serde(flatten)]
    buckets: Option<serde_json::Map<String, Json>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slos: Option<Json>,
}

fn group_json(by: GroupBy, g: &Group) -> Json {
    let mut o = serde_json::Map::new();
    o.insert(by.name().into(), json!(g.label));
    o.insert("incidents".into(), json!(g.incidents));
    o.insert("impact_seconds".into(), secs(g.impact));
    o.insert(
        "time_to_detect_seconds".into(),
        spread_json(&g.time_to_detect),
    );
    o.insert(
        "time_to_resolve_seconds".into(),
        spread_json(&g.time_to_resolve),
    );
    Json::Object(o)
}

/// One component's error budget, as JSON (and, flattened, as a CSV row).
fn budget_json(b: &Budget, records: &[&Record], tz: Tz) -> Json {
    json!({
        "component": b.component,
        "target": num(b.slo.target),
        "window": b.slo.window.to_string(),
        "count_maintenance": b.slo.count_maintenance,
        "since": local(b.window.start, tz),
        "until": local(b.elapsed.end, tz),
        "window_seconds": secs(b.window.len()),
        "partial": b.partial(),
        "allowed_seconds": secs(b.allowed),
        "consumed_seconds": secs(b.consumed),
        "remaining_seconds": secs(b.remaining()),
        "burn_rate": b.burn_rate().map(num),
        "exhausted_at": b.exhausted_at.map(utc),
        "exhausted_by": b.exhausted_by.and_then(|c| records.get(c.record)).map(|r| r.id.as_str()),
    })
}

/// The report as `stats --format json`'s object, pretty-printed, with a final newline.
/// `records` are those the report was made from (the budgets name records by index).
pub fn to_json(report: &Report<'_>, records: &[Record], tz: Tz) -> serde_json::Result<String> {
    let p = report.period;
    let all: Vec<&Record> = records.iter().collect();
    let doc = ReportJson {
        period: json!({"since": local(p.start, tz), "until": local(p.end, tz), "seconds": secs(p.len()), "partial": report.partial}),
        incidents: IncidentsJson(&report.incidents),
        components: components_json(&report.components),
        summary: json!({
            "incidents": report.incident_count,
            "maintenances": report.maintenance_count,
            "time_to_detect_seconds": spread_json(&report.time_to_detect),
            "time_to_resolve_seconds": spread_json(&report.time_to_resolve),
        }),
        buckets: report
            .buckets
            .as_ref()
            .map(|(unit, list)| {
                let list: Json = list
                    .iter()
                    .map(|b| {
                        let mut o = serde_json::Map::new();
                        o.insert(unit.name().into(), json!(b.label));
                        o.insert("since".into(), json!(local(b.period.start, tz)));
                        o.insert("until".into(), json!(local(b.period.end, tz)));
                        o.insert("seconds".into(), secs(b.period.len()));
                        o.insert("partial".into(), json!(b.partial));
                        o.insert("components".into(), components_json(&b.components));
                        if let Some(list) = &b.slos {
                            o.insert(
                                "slos".into(),
                                list.iter().map(|x| budget_json(x, &all, tz)).collect(),
                            );
                        }
                        Json::Object(o)
                    })
                    .collect();
                serde_json::Map::from_iter([(unit.plural().to_owned(), list)])
            })
            .or_else(|| {
                report.groups.as_ref().map(|(by, list)| {
                    let list: Json = list.iter().map(|g| group_json(*by, g)).collect();
                    serde_json::Map::from_iter([(by.key().to_owned(), list)])
                })
            }),
        slos: report
            .slos
            .as_ref()
            .map(|list| list.iter().map(|b| budget_json(b, &all, tz)).collect()),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The component rows as CSV with a header (and, with `--by`, a column of the unit and a
/// `partial` column first).
pub fn to_csv(report: &Report<'_>, records: &[Record], tz: Tz) -> String {
    if let Some(list) = &report.slos {
        let all: Vec<&Record> = records.iter().collect();
        return csv_of_objects(list.iter().map(|b| budget_json(b, &all, tz)));
    }
    if let Some((by, list)) = &report.groups {
        return csv_of_objects(list.iter().map(|g| group_json(*by, g)));
    }
    let mut out = String::new();
    if let Some((unit, _)) = &report.buckets {
        out.push_str(unit.name());
        out.push_str(",partial,");
    }
    out.push_str("component,incidents,major_outage_seconds,partial_outage_seconds,degraded_performance_seconds,under_maintenance_seconds,availability\n");
    let mut row = |bucket: Option<&Bucket>, c: &ComponentRow| {
        if let Some(b) = bucket {
            out.push_str(&csv_field(&b.label));
            out.push_str(if b.partial { ",true," } else { ",false," });
        }
        let d = &c.downtime;
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(&c.name),
            c.incidents,
            secs(d.major_outage),
            secs(d.partial_outage),
            secs(d.degraded_performance),
            secs(d.under_maintenance),
            num(c.availability)
        ));
    };
    match &report.buckets {
        Some((_, list)) => {
            for b in list {
                for c in &b.components {
                    row(Some(b), c);
                }
            }
        }
        None => {
            for c in &report.components {
                row(None, c);
            }
        }
    }
    out
}

/// JSON objects as CSV: a header of their keys (a nested object's keys joined with `_`:
/// `time_to_detect_seconds_p90`), a row each; `null` is an empty cell.
fn csv_of_objects(rows: impl Iterator<Item = Json>) -> String {
    fn flat(prefix: &str, v: &Json, out: &mut Vec<(String, String)>) {
        match v {
            Json::Object(o) => {
                for (k, v) in o {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}_{k}")
                    };
                    flat(&key, v, out);
                }
            }
            Json::Null => out.push((prefix.to_owned(), String::new())),
            Json::String(s) => out.push((prefix.to_owned(), csv_field(s))),
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let mut out = String::new();
    let mut header = None;
    for row in rows {
        let mut cells = Vec::new();
        flat("", &row, &mut cells);
        if header.is_none() {
            let h: Vec<&str> = cells.iter().map(|(k, _)| k.as_str()).collect();
            out.push_str(&h.join(","));
            out.push('\n');
            header = Some(());
        }
        let values: Vec<&str> = cells.iter().map(|(_, v)| v.as_str()).collect();
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out
}

/// Lays out rows as aligned columns; numbers (columns in `right`) are right-aligned.
fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - cell.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if right.contains(&i) {
                s.push_str(&pad);
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.iter().map(|h| (*h).to_owned()).collect());
    for row in rows {
        out.push_str(&line(row.clone()));
    }
    out
}

pub(crate) fn percent(a: f64) -> String {
    format!("{:.3}%", a * 100.0)
}

fn component_table(rows: &[ComponentRow]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            let d = &c.downtime;
            vec![
                c.name.clone(),
                c.incidents.to_string(),
                display(d.get(ComponentStatus::MajorOutage)),
                display(d.get(ComponentStatus::PartialOutage)),
                display(d.get(ComponentStatus::DegradedPerformance)),
                display(d.get(ComponentStatus::UnderMaintenance)),
                percent(c.availability),
            ]
        })
        .collect();
    table(
        &[
            "COMPONENT",
            "INCIDENTS",
            "MAJOR",
            "PARTIAL",
            "DEGRADED",
            "MAINTENANCE",
            "AVAILABILITY",
        ],
        &body,
        &[1, 2, 3, 4, 5, 6],
    )
}

fn when(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// The report for people: the period, the components, the records, the summary.
pub fn to_table(report: &Report<'_>, tz: Tz) -> String {
    let p = report.period;
    let mut out = format!(
        "Period: {} to {} ({}{})\n\n",
        when(p.start, tz),
        when(p.end, tz),
        display(p.len()),
        if report.partial {
            ", partial: up to now"
        } else {
            ""
        }
    );
    out.push_str(&component_table(&report.components));
    if let Some((_, list)) = &report.buckets {
        for b in list {
            let note = if b.partial {
                format!(
                    " (partial: {} to {})",
                    when(b.period.start, tz),
                    when(b.period.end, tz)
                )
            } else {
                String::new()
            };
            out.push_str(&format!("\n{}{note}\n", b.label));
            out.push_str(&component_table(&b.components));
            if let Some(list) = &b.slos {
                out.push('\n');
                out.push_str(&slo_table(list, tz));
            }
        }
    }
    if let Some((by, list)) = &report.groups {
        let pick = |s: &Option<Spread>, f: fn(&Spread) -> f64| {
            s.as_ref()
                .map_or_else(|| "-".to_owned(), |s| display(secs_delta(f(s))))
        };
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|g| {
                vec![
                    g.label.clone(),
                    g.incidents.to_string(),
                    display(g.impact),
                    pick(&g.time_to_detect, |s| s.median),
                    pick(&g.time_to_detect, |s| s.p90),
                    pick(&g.time_to_resolve, |s| s.mean),
                    pick(&g.time_to_resolve, |s| s.median),
                    pick(&g.time_to_resolve, |s| s.p90),
                    pick(&g.time_to_resolve, |s| s.max),
                ]
            })
            .collect();
        out.push('\n');
        out.push_str(&table(
            &[
                &by.name().to_uppercase(),
                "INCIDENTS",
                "IMPACT",
                "DETECT MEDIAN",
                "DETECT P90",
                "RESOLVE MEAN",
                "RESOLVE MEDIAN",
                "RESOLVE P90",
                "RESOLVE MAX",
            ],
            &rows,
            &[1, 2, 3, 4, 5, 6, 7, 8],
        ));
    }
    if let Some(list) = &report.slos {
        out.push('\n');
        out.push_str(&slo_table(list, tz));
    }
    let dash = |d: Option<TimeDelta>| d.map_or_else(|| "-".to_owned(), display);
    let rows: Vec<Vec<String>> = report
        .incidents
        .iter()
        .map(|row| {
            let (r, f) = (row.record, &row.figures);
            vec![
                r.id.clone(),
                r.severity.map_or("maintenance", |s| s.as_str()).to_owned(),
                f.started_at
                    .or_else(|| r.updates.first().map(|u| u.at.to_utc()))
                    .map_or_else(|| "-".into(), |t| when(t, tz)),
                dash(f.duration),
                display(f.impact),
                dash(f.time_to_detect),
                dash(f.time_to_resolve),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &[
            "RECORD", "SEVERITY", "STARTED", "DURATION", "IMPACT", "DETECT", "RESOLVE",
        ],
        &rows,
        &[3, 4, 5, 6],
    ));
    let s = |x: &Option<Spread>| match x {
        Some(s) => format!(
            "count {}, mean {}, median {}, p90 {}, max {}",
            s.count,
            display(secs_delta(s.mean)),
            display(secs_delta(s.median)),
            display(secs_delta(s.p90)),
            display(secs_delta(s.max))
        ),
        None => "-".into(),
    };
    out.push_str(&format!(
        "\n{} incident{}, {} maintenance{}\ntime to detect:  {}\ntime to resolve: {}\n",
        report.incident_count,
        if report.incident_count == 1 { "" } else { "s" },
        report.maintenance_count,
        if report.maintenance_count == 1 {
            ""
        } else {
            "s"
        },
        s(&report.time_to_detect),
        s(&report.time_to_resolve)
    ));
    out
}

/// The error budgets for people: one line per component.
fn slo_table(list: &[Budget], tz: Tz) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| {
            let remaining = b.remaining();
            vec![
                b.component.clone(),
                format!("{}%", b.slo.target),
                format!(
                    "{}{}",
                    b.slo.window,
                    if b.slo.count_maintenance {
                        " (with maintenance)"
                    } else {
                        ""
                    }
                ),
                when(b.window.start, tz),
                display_seconds(b.allowed),
                display_seconds(b.consumed),
                display_seconds(remaining),
                b.burn_rate()
                    .map_or_else(|| "-".into(), |r| format!("{r:.2}")),
                b.exhausted_at.map_or_else(
                    || "-".into(),
                    |t| {
                        t.with_timezone(&tz)
                            .format("%Y-%m-%d %H:%M:%S %Z")
                            .to_string()
                    },
                ),
            ]
        })
        .collect();
    table(
        &[
            "SLO",
            "TARGET",
            "WINDOW",
            "SINCE",
            "ALLOWED",
            "CONSUMED",
            "REMAINING",
            "BURN",
            "EXHAUSTED",
        ],
        &rows,
        &[1, 4, 5, 6, 7],
    )
}

fn secs_delta(x: f64) -> TimeDelta {
    TimeDelta::nanoseconds((x * 1e9) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_day_is_inclusive_and_local() {
        let tz: Tz = "Europe/Madrid".parse().unwrap();
        assert_eq!(
            utc(parse_bound("2026-04-01", tz, false).unwrap()),
            "2026-03-31T22:00:00Z"
        );
        assert_eq!(
            utc(parse_bound("2026-04-08", tz, true).unwrap()),
            "2026-04-08T22:00:00Z"
        );
        assert_eq!(
            utc(parse_bound("2026-04-08T10:00:00+02:00", tz, true).unwrap()),
            "2026-04-08T08:00:00Z"
        );
        assert_eq!(
            parse_bound("April", tz, false).unwrap_err().to_string(),
            "`April` is neither a day (2025-04-01) nor an RFC 3339 timestamp (2025-04-01T00:00:00Z)"
        );
    }

    #[test]
    fn midnight_that_does_not_exist_starts_the_day_at_the_first_instant() {
        // Chile skipped midnight on 2024-09-08 (clocks went from 00:00 to 01:00).
        let tz: Tz = "America/Santiago".parse().unwrap();
        assert_eq!(
            utc(parse_bound("2024-09-08", tz, false).unwrap()),
            "2024-09-08T04:00:00Z"
        );
    }

    #[test]
    fn months_are_calendar_months_in_the_zone() {
        let tz: Tz = "Europe/Madrid".parse().unwrap();
        let period = Interval {
            start: parse_bound("2026-03-15", tz, false).unwrap(),
            end: parse_bound("2026-05-02", tz, true).unwrap(),
        };
        let m = buckets(Unit::Month, period, period, tz);
        let labels: Vec<(&str, bool)> = m.iter().map(|(l, _, p)| (l.as_str(), *p)).collect();
        assert_eq!(
            labels,
            [("2026-03", true), ("2026-04", false), ("2026-05", true)]
        );
        assert_eq!(utc(m[0].1.start), "2026-03-14T23:00:00Z");
        assert_eq!(utc(m[1].1.start), "2026-03-31T22:00:00Z");
        assert_eq!(utc(m[1].1.end), "2026-04-30T22:00:00Z");
        assert_eq!(utc(m[2].1.end), "2026-05-02T22:00:00Z");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("Web app"), "Web app");
        assert_eq!(csv_field("Cache, DB"), "\"Cache, DB\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
