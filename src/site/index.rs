//! The front page: overall status, components with their uptime bars, open incidents,
//! upcoming maintenance, and the history by month.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::Config;
use crate::figures::report::start_of_day;
use crate::figures::{Interval, component_windows, display, downtime};
use crate::model::{ComponentStatus, Kind, Public, Record};
use crate::render::view::{RecordView, SiteView, When, component_label};

/// One day of a component's uptime bar.
#[derive(Clone, Debug, Serialize)]
pub struct Day {
    pub x: usize,
    /// `operational`, or the day's worst status.
    pub class: &'static str,
    /// `Apr 7, 2026: Major outage 1h 56m`.
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ComponentView {
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
    /// `operational`, or the worst status of an open window.
    pub status: &'static str,
    pub label: &'static str,
    /// Availability over the bar's days, as a percentage with three decimals.
    pub availability: String,
    pub days: Vec<Day>,
}

/// A record as a line on the front page.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub title: String,
    /// Relative to the site's root.
    pub href: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub summary_sentence: String,
    pub when: Option<When>,
    /// The latest update's text, as safe HTML.
    pub latest_html: Option<String>,
    pub scheduled: Option<Window>,
}

/// A scheduled maintenance window.
#[derive(Clone, Debug, Serialize)]
pub struct Window {
    pub start: When,
    pub end: When,
}

#[derive(Clone, Debug, Serialize)]
pub struct Month {
    /// `April 2026`
    pub label: String,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Overall {
    /// `ok`, or the worst status now.
    pub class: &'static str,
    pub label: String,
}

/// Everything `index.html` receives.
#[derive(Clone, Debug, Serialize)]
pub struct IndexView<'a> {
    pub site: &'a SiteView,
    pub root: &'static str,
    pub inline_css: Option<&'a str>,
    pub overall: Overall,
    pub uptime_days: u32,
    /// The bar's width in SVG units (4 per day).
    pub bar_width: usize,
    pub components: Vec<ComponentView>,
    pub open: Vec<Entry>,
    pub upcoming: Vec<Entry>,
    pub months: Vec<Month>,
}

/// A record's line on the front page, from its public view.
pub fn entry(record: &Public<'_>, view: &RecordView, tz: Tz) -> Entry {
    let when_at = record.start();
    Entry {
        title: view.title.clone(),
        href: crate::config::page_path(&view.id),
        kind: view.kind,
        status: view.status,
        status_label: view.status_label,
        summary_sentence: view.summary_sentence.clone(),
        when: when_at.map(|t| When::new(t, tz)),
        latest_html: view
            .updates
            .last()
            .and_then(|u| u.body.as_ref())
            .map(|b| b.html.clone()),
        scheduled: match (&view.scheduled_start, &view.scheduled_end) {
            (Some(s), Some(e)) => Some(Window {
                start: s.clone(),
                end: e.clone(),
            }),
            _ => None,
        },
    }
}

/// Builds the front page's view from the public records and their views, as of `now`.
/// `records` and `entries` go together, one entry per record.
pub fn index_view<'a>(
    site: &'a SiteView,
    config: &Config,
    records: &[Public<'_>],
    entries: &[Entry],
    now: DateTime<Utc>,
) -> IndexView<'a> {
    let records: Vec<(&Record, &Entry)> = records.iter().map(|r| &**r).zip(entries).collect();
    let tz = config.timezone;
    let open_records: Vec<&(&Record, &Entry)> = records
        .iter()
        .filter(|(r, _)| r.kind == Kind::Incident && r.resolution().is_none())
        .collect();
    // Component status now: the worst window that is open, or still running at `now`, of an
    // open record (the same rule as Statuspage's API).
    let plain: Vec<&Record> = records.iter().map(|(r, _)| *r).collect();
    let current = |name: &str| -> Option<ComponentStatus> {
        crate::formats::statuspage::status_now(&plain, name, now)
    };
    let names: Vec<(String, Option<String>, Option<String>)> = config
        .components_of(records.iter().map(|(r, _)| *r))
        .into_iter()
        .map(|c| (c.name, c.description, c.group))
        .collect();
    let days = config.uptime_days.max(1);
    let today = now.with_timezone(&tz).date_naive();
    let first_day = today - TimeDelta::days(i64::from(days) - 1);
    let period = Interval {
        start: start_of_day(first_day, tz),
        end: start_of_day(today.succ_opt().unwrap_or(today), tz),
    };
    let windows = component_windows(records.iter().map(|(r, _)| *r), now);
    let components = names
        .iter()
        .map(|(name, description, group)| {
            let ws = windows.get(name).map(Vec::as_slice).unwrap_or_default();
            let status = current(name);
            let bar: Vec<Day> = (0..days)
                .map(|i| {
                    let day = first_day + TimeDelta::days(i64::from(i));
                    let interval = Interval {
                        start: start_of_day(day, tz),
                        end: start_of_day(day.succ_opt().unwrap_or(day), tz),
                    };
                    let d = downtime(ws, &interval);
                    let worst = ComponentStatus::WORST_FIRST
                        .into_iter()
                        .find(|s| !d.get(*s).is_zero());
                    let label = format!("{} {}, {}", month_abbr(day), day.day(), day.year());
                    Day {
                        x: i as usize * 4,
                        class: worst.map_or("operational", ComponentStatus::as_str),
                        title: match worst {
                            None => format!("{label}: no downtime"),
                            Some(_) => format!(
                                "{label}: {}",
                                ComponentStatus::WORST_FIRST
                                    .iter()
                                    .filter(|s| !d.get(**s).is_zero())
                                    .map(|s| format!(
                                        "{} {}",
                                        component_label(*s),
                                        display(d.get(*s))
                                    ))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        },
                    }
                })
                .collect();
            let availability = downtime(ws, &period).availability(period.len());
            ComponentView {
                name: name.clone(),
                description: description.clone(),
                group: group.clone(),
                status: status.map_or("operational", ComponentStatus::as_str),
                label: status.map_or("Operational", component_label),
                availability: format!("{:.3}%", availability * 100.0),
                days: bar,
            }
        })
        .collect();
    let worst_now = names.iter().filter_map(|(n, _, _)| current(n)).max();
    let overall = match (worst_now, open_records.is_empty()) {
        (Some(s), _) => Overall {
            class: s.as_str(),
            label: component_label(s).to_owned(),
        },
        (None, false) => Overall {
            class: "partial_outage",
            label: "Incident in progress".to_owned(),
        },
        (None, true) => Overall {
            class: "ok",
            label: "All systems operational".to_owned(),
        },
    };
    let upcoming: Vec<Entry> = {
        let mut v: Vec<&(&Record, &Entry)> = records
            .iter()
            .filter(|(r, _)| {
                r.kind == Kind::Maintenance
                    && r.resolution().is_none()
                    && r.scheduled.as_ref().is_some_and(|s| s.end.to_utc() > now)
            })
            .collect();
        v.sort_by_key(|(r, _)| r.scheduled.as_ref().map(|s| s.start.to_utc()));
        v.into_iter().map(|(_, e)| (*e).clone()).collect()
    };
    let mut history: Vec<(Option<DateTime<Utc>>, &str, Entry)> = records
        .iter()
        .map(|(r, e)| {
            let start = r.start().map(|t| t.to_utc());
            (start, r.id.as_str(), (*e).clone())
        })
        .collect();
    history.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut months: Vec<Month> = Vec::new();
    for (start, _, e) in history {
        let label = start.map_or_else(String::new, |t| {
            t.with_timezone(&tz).format("%B %Y").to_string()
        });
        match months.last_mut() {
            Some(m) if m.label == label => m.entries.push(e),
            _ => months.push(Month {
                label,
                entries: vec![e],
            }),
        }
    }
    IndexView {
        site,
        root: "",
        inline_css: None,
        overall,
        uptime_days: days,
        bar_width: days as usize * 4,
        components,
        open: open_records.iter().map(|(_, e)| (*e).clone()).collect(),
        upcoming,
        months,
    }
}

fn month_abbr(day: NaiveDate) -> String {
    day.format("%b").to_string()
}
