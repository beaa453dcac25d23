//! `stats`: figures over a period for a whole repository (docs/guide.md, "Figures"), as
//! JSON, CSV or a table.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value as Json, json};

use crate::config::Config;
use crate::figures::{
    self, Downtime, Figures, Interval, Spread, component_windows, display, seconds, spread, touches,
};
use crate::model::{ComponentStatus, Kind, Record};

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

/// The components over one calendar month.
pub struct Month {
    pub label: String,
    pub period: Interval,
    pub components: Vec<ComponentRow>,
}

/// Everything `stats` prints.
pub struct Report<'a> {
    pub period: Interval,
    pub incidents: Vec<IncidentRow<'a>>,
    pub components: Vec<ComponentRow>,
    pub incident_count: usize,
    pub maintenance_count: usize,
    pub time_to_detect: Option<Spread>,
    pub time_to_resolve: Option<Spread>,
    pub months: Option<Vec<Month>>,
}

/// What to report on.
pub struct Query {
    pub period: Interval,
    /// Only records and rows of these components (all when empty).
    pub components: Vec<String>,
    pub by_month: bool,
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
    let months = query.by_month.then(|| {
        months(period, config.timezone)
            .into_iter()
            .map(|(label, month)| Month {
                label,
                period: month,
                components: component_rows(records, &names, &month, &query.components),
            })
            .collect()
    });
    Report {
        period,
        components: component_rows(records, &names, &period, &query.components),
        incident_count: incidents.iter().filter(is_incident).count(),
        maintenance_count: incidents
            .iter()
            .filter(|r| r.record.kind == Kind::Maintenance)
            .count(),
        time_to_detect: spread(&collect(|f| f.time_to_detect)),
        time_to_resolve: spread(&collect(|f| f.time_to_resolve)),
        incidents,
        months,
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

/// The calendar months (site zone) that `period` covers, each clipped to it.
fn months(period: Interval, tz: Tz) -> Vec<(String, Interval)> {
    let mut out = Vec::new();
    let local = period.start.with_timezone(&tz);
    let mut first = NaiveDate::from_ymd_opt(local.year(), local.month(), 1).unwrap_or_default();
    while start_of_day(first, tz) < period.end {
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(first);
        let month = Interval {
            start: start_of_day(first, tz).max(period.start),
            end: start_of_day(next, tz).min(period.end),
        };
        if !month.is_empty() {
            out.push((first.format("%Y-%m").to_string(), month));
        }
        if next == first {
            break;
        }
        first = next;
    }
    out
}

/// A duration as JSON: seconds at full precision, whole numbers without a fraction.
fn secs(d: TimeDelta) -> Json {
    if d.subsec_nanos() == 0 {
        json!(d.num_seconds())
    } else {
        json!(seconds(d))
    }
}

fn opt_secs(d: Option<TimeDelta>) -> Json {
    d.map_or(Json::Null, secs)
}

fn num(x: f64) -> Json {
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
        Some(s) => json!({"mean": num(s.mean), "median": num(s.median), "p90": num(s.p90)}),
        None => json!({"mean": null, "median": null, "p90": null}),
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
    #[serde(skip_serializing_if = "Option::is_none")]
    months: Option<Json>,
}

/// The report as `stats --format json`'s object, pretty-printed, with a final newline.
pub fn to_json(report: &Report<'_>, tz: Tz) -> serde_json::Result<String> {
    let p = report.period;
    let doc = ReportJson {
        period: json!({"since": local(p.start, tz), "until": local(p.end, tz), "seconds": secs(p.len())}),
        incidents: IncidentsJson(&report.incidents),
        components: components_json(&report.components),
        summary: json!({
            "incidents": report.incident_count,
            "maintenances": report.maintenance_count,
            "time_to_detect_seconds": spread_json(&report.time_to_detect),
            "time_to_resolve_seconds": spread_json(&report.time_to_resolve),
        }),
        months: report.months.as_ref().map(|months| {
            months
                .iter()
                .map(|m| {
                    json!({
                        "month": m.label,
                        "since": local(m.period.start, tz),
                        "until": local(m.period.end, tz),
                        "components": components_json(&m.components),
                    })
                })
                .collect()
        }),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The component rows as CSV with a header (and a month column with `--by month`).
pub fn to_csv(report: &Report<'_>) -> String {
    let by_month = report.months.is_some();
    let mut out = String::new();
    if by_month {
        out.push_str("month,");
    }
    out.push_str("component,incidents,major_outage_seconds,partial_outage_seconds,degraded_performance_seconds,under_maintenance_seconds,availability\n");
    let mut row = |month: Option<&str>, c: &ComponentRow| {
        if let Some(m) = month {
            out.push_str(m);
            out.push(',');
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
    match &report.months {
        Some(months) => {
            for m in months {
                for c in &m.components {
                    row(Some(&m.label), c);
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

fn percent(a: f64) -> String {
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
        "Period: {} to {} ({})\n\n",
        when(p.start, tz),
        when(p.end, tz),
        display(p.len())
    );
    out.push_str(&component_table(&report.components));
    if let Some(months) = &report.months {
        for m in months {
            out.push_str(&format!("\n{}\n", m.label));
            out.push_str(&component_table(&m.components));
        }
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
            "mean {}, median {}, p90 {}",
            display(secs_delta(s.mean)),
            display(secs_delta(s.median)),
            display(secs_delta(s.p90))
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
        let m = months(period, tz);
        let labels: Vec<&str> = m.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["2026-03", "2026-04", "2026-05"]);
        assert_eq!(utc(m[1].1.start), "2026-03-31T22:00:00Z");
        assert_eq!(utc(m[1].1.end), "2026-04-30T22:00:00Z");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("Web app"), "Web app");
        assert_eq!(csv_field("Cache, DB"), "\"Cache, DB\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
