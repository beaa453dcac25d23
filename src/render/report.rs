//! What the reliability report's template (`report.html`) sees: the `stats` report of the
//! period by month ([`crate::figures::report`]) and its error budgets
//! ([`crate::figures::slo`]) laid out for people and charts, plus the postmortems'
//! contributing factors and the open action items. No figure is computed here: every
//! number is one of the report's, and each is also given as `stats --format json` writes it
//! (`value`), so that the page can be checked against the JSON.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::Config;
use crate::figures::report::{Report, num, percent, secs};
use crate::figures::slo::Budget;
use crate::figures::{Spread, display, display_seconds, seconds};
use crate::model::{ActionStatus, Kind, Public, Record, Severity};

use super::SiteView;

/// The severities, worst first, as the chart stacks them from the bottom.
const SEVERITIES: [Severity; 4] = [
    Severity::Critical,
    Severity::Major,
    Severity::Minor,
    Severity::None,
];

/// How many contributing factors the report lists.
pub const TOP_FACTORS: usize = 10;

/// A number as `stats --format json` writes it.
fn value(json: serde_json::Value) -> String {
    json.to_string()
}

#[derive(Debug, Serialize)]
pub struct ReportView {
    pub site: SiteView,
    /// `2025-01-01 00:00 CET`.
    pub since: String,
    pub until: String,
    /// Whether now cut the period short.
    pub partial: bool,
    /// The moment of the run, in the site's zone.
    pub generated: String,
    /// Whether internal parts (factors, action items) are included.
    pub internal: bool,
    pub incidents: usize,
    pub maintenances: usize,
    pub months: Vec<MonthView>,
    /// Whether a month is cut short (by the period or by now).
    pub any_partial_month: bool,
    pub availability: Vec<HeatRow>,
    pub severities: Vec<&'static str>,
    pub by_month: Vec<MonthCount>,
    pub severity_totals: Vec<usize>,
    pub chart: BarChart,
    pub distributions: Vec<Distribution>,
    pub slos: Vec<SloView>,
    /// The budgets at the end of each month: per month, one cell per budget of `slos`.
    pub burn: Vec<BurnRow>,
    /// Whether any component has an SLO.
    pub has_slos: bool,
    pub factors: Vec<FactorView>,
    pub actions: Vec<ActionView>,
}

#[derive(Debug, Serialize)]
pub struct MonthView {
    /// `2025-05`.
    pub label: String,
    /// `May 2025`.
    pub name: String,
    pub partial: bool,
}

#[derive(Debug, Serialize)]
pub struct HeatRow {
    pub component: String,
    pub cells: Vec<HeatCell>,
    /// The whole period's.
    pub period: HeatCell,
}

#[derive(Debug, Serialize)]
pub struct HeatCell {
    /// As `stats --format json` writes it.
    pub value: String,
    /// `99.682%`.
    pub text: String,
    /// `good` (≥ 99.9 %), `fair` (≥ 99 %), `poor` (≥ 95 %) or `bad`.
    pub level: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MonthCount {
    pub label: String,
    pub name: String,
    /// Per severity, in [`ReportView::severities`]' order.
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct BarChart {
    pub width: u32,
    pub height: u32,
    /// The plot area's left, top, right and bottom edges.
    pub left: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    pub labels: Vec<MonthLabel>,
    pub desc: String,
}

/// A month under the bar chart: `May`, and the year under the first month and each January.
#[derive(Debug, Serialize)]
pub struct MonthLabel {
    pub at: f64,
    pub label: String,
    pub year: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub severity: &'static str,
    pub title: String,
}

/// A labelled place on an axis (`at` is x or y, by the axis).
#[derive(Debug, Serialize)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Distribution {
    /// `ttd` or `ttr`.
    pub id: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Mean, median, p90 and max: text and JSON value (empty without values).
    pub stats: Vec<Stat>,
    pub width: u32,
    pub height: u32,
    pub left: u32,
    pub right: u32,
    pub dots: Vec<Dot>,
    pub median_x: Option<f64>,
    pub p90_x: Option<f64>,
    pub ticks: Vec<Tick>,
    pub desc: String,
}

#[derive(Debug, Serialize)]
pub struct Stat {
    pub name: &'static str,
    pub text: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Dot {
    pub cx: f64,
    pub cy: f64,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct SloView {
    pub component: String,
    pub target: String,
    pub window: String,
    pub count_maintenance: bool,
    pub since: String,
    pub partial: bool,
    pub allowed: Stat,
    pub consumed: Stat,
    pub remaining: Stat,
    pub burn_rate: Stat,
    pub exhausted_at: Option<String>,
    pub exhausted_by: Option<String>,
    /// The spent share of the budget as a bar of `BUDGET_BAR` pixels, at most full.
    pub spent_width: f64,
    /// The share of the window gone, where a budget on track would be.
    pub elapsed_x: f64,
    pub spent_percent: String,
    pub exhausted: bool,
}

#[derive(Debug, Serialize)]
pub struct BurnRow {
    pub name: String,
    pub partial: bool,
    pub cells: Vec<BurnCell>,
}

#[derive(Debug, Serialize)]
pub struct BurnCell {
    /// The consumed seconds, as `stats --format json` writes them.
    pub value: String,
    /// `14%` of the budget spent.
    pub text: String,
    /// `good` (under half), `fair` (under all), `bad` (spent).
    pub level: &'static str,
    pub exhausted: bool,
}

/// The width of a budget bar.
const BUDGET_BAR: f64 = 160.0;

#[derive(Debug, Serialize)]
pub struct FactorView {
    pub title: String,
    /// How many postmortems of the period name it.
    pub count: usize,
    pub records: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ActionView {
    pub title: String,
    pub record: String,
    pub kind: Option<&'static str>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
    pub overdue: bool,
    pub link: Option<String>,
}

fn when(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

fn month_name(label: &str) -> String {
    NaiveDate::parse_from_str(&format!("{label}-01"), "%Y-%m-%d")
        .map_or_else(|_| label.to_owned(), |d| d.format("%b %Y").to_string())
}

fn cell(a: f64) -> HeatCell {
    HeatCell {
        value: value(num(a)),
        text: percent(a),
        level: if a >= 0.999 {
            "good"
        } else if a >= 0.99 {
            "fair"
        } else if a >= 0.95 {
            "poor"
        } else {
            "bad"
        },
    }
}

fn delta(x: f64) -> TimeDelta {
    TimeDelta::nanoseconds((x * 1e9).round() as i64)
}

/// A step of 1, 2 or 5 × 10ⁿ, so that `max` takes about `n` steps.
fn nice_step(max: f64, n: f64) -> f64 {
    let raw = (max / n).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// A step for durations: whole minutes, hours or days that take `max` in about 4 steps.
fn duration_step(max: f64) -> f64 {
    [
        60.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0, 21600.0, 43200.0, 86400.0,
        172_800.0, 604_800.0,
    ]
    .into_iter()
    .find(|s| max / s <= 4.0)
    .unwrap_or_else(|| nice_step(max, 4.0))
}

fn distribution(
    id: &'static str,
    name: &'static str,
    spread: &Option<Spread>,
    values: &[(String, f64)],
) -> Distribution {
    let (width, height, left, right) = (640u32, 96u32, 24u32, 600u32);
    let max = values.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    let step = duration_step(max.max(60.0));
    let top = (max / step).ceil().max(1.0) * step;
    let x = |v: f64| f64::from(left) + (v.max(0.0) / top) * f64::from(right - left);
    let dots = values
        .iter()
        .enumerate()
        .map(|(i, (id, v))| Dot {
            cx: round1(x(*v)),
            cy: 24.0 + 12.0 * (i % 3) as f64,
            title: format!("{id}: {}", display(delta(*v))),
        })
        .collect();
    let ticks = (0..=((top / step).round() as i64))
        .map(|k| {
            let v = k as f64 * step;
            Tick {
                at: round1(x(v)),
                label: display(delta(v)),
            }
        })
        .collect();
    let stat = |n: &'static str, f: fn(&Spread) -> f64| Stat {
        name: n,
        text: spread
            .as_ref()
            .map_or_else(|| "—".into(), |s| display(delta(f(s)))),
        value: spread
            .as_ref()
            .map_or_else(|| "null".into(), |s| value(num(f(s)))),
    };
    let desc = match spread {
        Some(s) => format!(
            "{} incidents: median {}, 90th percentile {}, maximum {}; one dot per incident.",
            s.count,
            display(delta(s.median)),
            display(delta(s.p90)),
            display(delta(s.max))
        ),
        None => "No incident of the period has this figure.".into(),
    };
    Distribution {
        id,
        name,
        count: values.len(),
        stats: vec![
            stat("mean", |s| s.mean),
            stat("median", |s| s.median),
            stat("p90", |s| s.p90),
            stat("max", |s| s.max),
        ],
        width,
        height,
        left,
        right,
        dots,
        median_x: spread.as_ref().map(|s| round1(x(s.median))),
        p90_x: spread.as_ref().map(|s| round1(x(s.p90))),
        ticks,
        desc,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn duration_stat(name: &'static str, d: TimeDelta) -> Stat {
    Stat {
        name,
        text: display_seconds(d),
        value: value(secs(d)),
    }
}

fn slo_view(b: &Budget, records: &[Record], tz: Tz) -> SloView {
    let share = if b.allowed > TimeDelta::zero() {
        seconds(b.consumed) / seconds(b.allowed)
    } else {
        0.0
    };
    let gone = seconds(b.elapsed.len()) / seconds(b.window.len()).max(1e-9);
    SloView {
        component: b.component.clone(),
        target: format!("{}%", b.slo.target),
        window: b.slo.window.to_string(),
        count_maintenance: b.slo.count_maintenance,
        since: b
            .window
            .start
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        partial: b.partial(),
        allowed: duration_stat("allowed", b.allowed),
        consumed: duration_stat("consumed", b.consumed),
        remaining: duration_stat("remaining", b.remaining()),
        burn_rate: Stat {
            name: "burn rate",
            text: b
                .burn_rate()
                .map_or_else(|| "—".into(), |r| format!("{r:.2}")),
            value: b
                .burn_rate()
                .map_or_else(|| "null".into(), |r| value(num(r))),
        },
        exhausted_at: b.exhausted_at.map(|t| {
            t.with_timezone(&tz)
                .format("%Y-%m-%d %H:%M:%S %Z")
                .to_string()
        }),
        exhausted_by: b
            .exhausted_by
            .and_then(|c| records.get(c.record))
            .map(|r| r.id.clone()),
        spent_width: round1(share.min(1.0) * BUDGET_BAR),
        elapsed_x: round1(gone.min(1.0) * BUDGET_BAR),
        spent_percent: format!("{:.0}%", share * 100.0),
        exhausted: b.exhausted(),
    }
}

/// The report's view. `records` are those `report` was made from; `today` dates overdue
/// action items.
pub fn report_view(
    report: &Report<'_>,
    records: &[Record],
    config: &Config,
    internal: bool,
    now: DateTime<Utc>,
) -> ReportView {
    let tz = config.timezone;
    let buckets: &[crate::figures::report::Bucket] = report
        .buckets
        .as_ref()
        .map_or(&[], |(_, list)| list.as_slice());
    let months: Vec<MonthView> = buckets
        .iter()
        .map(|b| MonthView {
            name: month_name(&b.label),
            label: b.label.clone(),
            partial: b.partial,
        })
        .collect();
    let availability = report
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| HeatRow {
            component: c.name.clone(),
            cells: buckets
                .iter()
                .map(|b| cell(b.components[i].availability))
                .collect(),
            period: cell(c.availability),
        })
        .collect();
    // Incidents per month, by the month of their start (an incident that began before the
    // first month is counted in it).
    let mut by_month: Vec<MonthCount> = buckets
        .iter()
        .map(|b| MonthCount {
            label: b.label.clone(),
            name: month_name(&b.label),
            counts: vec![0; SEVERITIES.len()],
            total: 0,
        })
        .collect();
    for row in report
        .incidents
        .iter()
        .filter(|r| r.record.kind == Kind::Incident)
    {
        let start = row
            .figures
            .started_at
            .or_else(|| row.record.updates.first().map(|u| u.at.to_utc()));
        let Some(start) = start else { continue };
        let index = buckets
            .iter()
            .rposition(|b| b.period.start <= start)
            .unwrap_or(0);
        let sev = SEVERITIES
            .iter()
            .position(|s| Some(*s) == row.record.severity)
            .unwrap_or(SEVERITIES.len() - 1);
        if let Some(m) = by_month.get_mut(index) {
            m.counts[sev] += 1;
            m.total += 1;
        }
    }
    let severity_totals = (0..SEVERITIES.len())
        .map(|s| by_month.iter().map(|m| m.counts[s]).sum())
        .collect();
    let chart = bar_chart(&by_month);
    let values = |f: fn(&crate::figures::Figures) -> Option<TimeDelta>| -> Vec<(String, f64)> {
        report
            .incidents
            .iter()
            .filter(|r| r.record.kind == Kind::Incident)
            .filter_map(|r| f(&r.figures).map(|d| (r.record.id.clone(), seconds(d))))
            .collect()
    };
    let distributions = vec![
        distribution(
            "ttd",
            "Time to detect",
            &report.time_to_detect,
            &values(|f| f.time_to_detect),
        ),
        distribution(
            "ttr",
            "Time to resolve",
            &report.time_to_resolve,
            &values(|f| f.time_to_resolve),
        ),
    ];
    let slos = report
        .slos
        .iter()
        .flatten()
        .map(|b| slo_view(b, records, tz))
        .collect();
    let burn = buckets
        .iter()
        .filter_map(|b| {
            let list = b.slos.as_ref()?;
            Some(BurnRow {
                name: month_name(&b.label),
                partial: b.partial,
                cells: list
                    .iter()
                    .map(|x| {
                        let share = if x.allowed > TimeDelta::zero() {
                            seconds(x.consumed) / seconds(x.allowed)
                        } else {
                            0.0
                        };
                        BurnCell {
                            value: value(secs(x.consumed)),
                            text: format!("{:.0}%", share * 100.0),
                            level: if x.exhausted() {
                                "bad"
                            } else if share >= 0.5 {
                                "fair"
                            } else {
                                "good"
                            },
                            exhausted: x.exhausted(),
                        }
                    })
                    .collect(),
            })
        })
        .collect();
    let factors = factors(report, internal);
    let today = now.with_timezone(&tz).date_naive();
    let actions = actions(records, internal, today);
    ReportView {
        site: SiteView::new(config, None),
        since: when(report.period.start, tz),
        until: when(report.period.end, tz),
        partial: report.partial,
        generated: when(now, tz),
        internal,
        any_partial_month: months.iter().any(|m| m.partial),
        incidents: report.incident_count,
        maintenances: report.maintenance_count,
        months,
        availability,
        severities: SEVERITIES.iter().map(|s| s.as_str()).collect(),
        by_month,
        severity_totals,
        chart,
        distributions,
        has_slos: report.slos.as_ref().is_some_and(|s| !s.is_empty()),
        slos,
        burn,
        factors,
        actions,
    }
}

fn bar_chart(months: &[MonthCount]) -> BarChart {
    let (width, height) = (640u32, 240u32);
    let (left, top, right, bottom) = (40u32, 12u32, 630u32, 196u32);
    let max = months.iter().map(|m| m.total).max().unwrap_or(0).max(1);
    let step = nice_step(max as f64, 4.0).max(1.0).ceil();
    let top_value = (max as f64 / step).ceil() * step;
    let plot_h = f64::from(bottom - top);
    let y = |v: f64| f64::from(bottom) - v / top_value * plot_h;
    let band = f64::from(right - left) / months.len().max(1) as f64;
    let bar_w = (band * 0.6).min(48.0);
    let mut bars = Vec::new();
    for (i, m) in months.iter().enumerate() {
        let x = f64::from(left) + band * i as f64 + (band - bar_w) / 2.0;
        let mut base = 0.0;
        for (s, count) in m.counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let c = *count as f64;
            bars.push(Bar {
                x: round1(x),
                y: round1(y(base + c)),
                width: round1(bar_w),
                height: round1(y(base) - y(base + c)),
                severity: SEVERITIES[s].as_str(),
                title: format!(
                    "{}: {count} {} incident{}",
                    m.name,
                    SEVERITIES[s].as_str(),
                    if *count == 1 { "" } else { "s" }
                ),
            });
            base += c;
        }
    }
    let ticks = (0..=((top_value / step) as i64))
        .map(|k| {
            let v = k as f64 * step;
            Tick {
                at: round1(y(v)),
                label: format!("{v}"),
            }
        })
        .collect();
    // At most about 12 month labels: every k-th.
    let every = months.len().div_ceil(12).max(1);
    let labels = months
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, m)| {
            let (year, month) = m.label.split_once('-').unwrap_or((&m.label, ""));
            let short = m.name.split(' ').next().unwrap_or(&m.name).to_owned();
            MonthLabel {
                at: round1(f64::from(left) + band * (i as f64 + 0.5)),
                label: short,
                year: (i == 0 || month == "01").then(|| year.to_owned()),
            }
        })
        .collect();
    let total: usize = months.iter().map(|m| m.total).sum();
    let busiest = months.iter().max_by_key(|m| m.total);
    let desc = match busiest {
        Some(b) if total > 0 => format!(
            "{total} incident{} over {} month{}; the most in {} ({}). The table below gives every number.",
            if total == 1 { "" } else { "s" },
            months.len(),
            if months.len() == 1 { "" } else { "s" },
            b.name,
            b.total
        ),
        _ => "No incident in the period.".into(),
    };
    BarChart {
        width,
        height,
        left,
        top,
        right,
        bottom,
        bars,
        ticks,
        labels,
        desc,
    }
}

/// The contributing factors of the period's postmortems, by title (trimmed, compared without
/// case), the most often named first, then by title; the first spelling met is shown.
fn factors(report: &Report<'_>, internal: bool) -> Vec<FactorView> {
    let mut by_title: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for row in &report.incidents {
        let public = Public::new(row.record, internal);
        let Some(pm) = &public.postmortem else {
            continue;
        };
        for f in &pm.contributing_factors {
            let title = f.title.trim();
            let entry = by_title
                .entry(title.to_lowercase())
                .or_insert_with(|| (title.to_owned(), Vec::new()));
            if !entry.1.contains(&row.record.id) {
                entry.1.push(row.record.id.clone());
            }
        }
    }
    let mut list: Vec<FactorView> = by_title
        .into_values()
        .map(|(title, records)| FactorView {
            title,
            count: records.len(),
            records,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.title.cmp(&b.title)));
    list.truncate(TOP_FACTORS);
    list
}

/// The action items still `open` or `in_progress`, of every record (an item stays open
/// whatever the period), by due date (none last), then record and title.
fn actions(records: &[Record], internal: bool, today: NaiveDate) -> Vec<ActionView> {
    let mut out: Vec<(Option<NaiveDate>, ActionView)> = Vec::new();
    for r in records {
        let public = Public::new(r, internal);
        let Some(pm) = &public.postmortem else {
            continue;
        };
        for a in &pm.action_items {
            if !matches!(a.status, ActionStatus::Open | ActionStatus::InProgress) {
                continue;
            }
            out.push((
                a.due,
                ActionView {
                    title: a.title.clone(),
                    record: r.id.clone(),
                    kind: a.kind.map(|k| k.as_str()),
                    owner: a.owner.clone(),
                    due: a.due.map(|d| d.to_string()),
                    status: a.status.as_str(),
                    overdue: a.status == ActionStatus::Open && a.due.is_some_and(|d| d < today),
                    link: a.link.clone().filter(|l| crate::config::is_http(l)),
                },
            ));
        }
    }
    out.sort_by(|(da, a), (db, b)| {
        (da.is_none(), da, &a.record, &a.title).cmp(&(db.is_none(), db, &b.record, &b.title))
    });
    out.into_iter().map(|(_, a)| a).collect()
}
