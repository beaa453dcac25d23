//! The front page: overall status, components with their uptime bars, open incidents,
//! upcoming maintenance, and the history by month.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::Config;
use crate::figures::report::start_of_day;
use crate::figures::{Interval, component_windows, downtime};
use crate::model::{ComponentStatus, Kind, Public, Record};
use crate::render::Messages;
use crate::render::view::{RecordView, SiteView, When, component_word};
use fluent_bundle::FluentValue;
use rayon::prelude::*;

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
    /// The component's folder in the site: `web-app` for `Web app`.
    pub slug: String,
    /// Its page, relative to the site's root: `components/web-app/`.
    pub href: String,
    pub description: Option<String>,
    pub group: Option<String>,
    /// `operational`, or the worst status of an open window.
    pub status: &'static str,
    pub label: String,
    /// The status now, for the worst of a group.
    #[serde(skip)]
    pub now: Option<ComponentStatus>,
    /// Availability over the bar's days, as a percentage with three decimals.
    pub availability: String,
    pub days: Vec<Day>,
    /// Availability over the last 7 and 30 days and over the bar's days, shortest first.
    pub periods: Vec<Period>,
}

/// Availability over the last `days` days (today included).
#[derive(Clone, Debug, Serialize)]
pub struct Period {
    pub days: u32,
    /// `99.910%`
    pub availability: String,
}

/// Folder names for components, in their order: the name as an id would be made of it
/// ([`crate::check::slug`]); `component` for a name with no letter or digit; `-2`, `-3`, …
/// when taken.
pub fn slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let mut slug = crate::check::slug(name);
            if slug.is_empty() {
                slug.push_str("component");
            }
            let mut candidate = slug.clone();
            let mut n = 1;
            while !taken.insert(candidate.clone()) {
                n += 1;
                candidate = format!("{slug}-{n}");
            }
            candidate
        })
        .collect()
}

/// A line of the front page's component list: one component, or a group of the catalogue
/// with its members (in catalogue order) and the worst status among them.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The group's name, or null for a component outside any group.
    pub group: Option<String>,
    /// `operational`, or the worst status now of a member.
    pub status: &'static str,
    pub label: String,
    pub members: Vec<ComponentView>,
}

/// The components as rows: a group stands where its first member is in the catalogue.
pub fn rows(components: &[ComponentView], m: &Messages) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for c in components {
        let at = c
            .group
            .as_ref()
            .and_then(|g| rows.iter().position(|r| r.group.as_ref() == Some(g)));
        match at {
            Some(i) => rows[i].members.push(c.clone()),
            None => rows.push(Row {
                group: c.group.clone(),
                status: "operational",
                label: component_word(m, None),
                members: vec![c.clone()],
            }),
        }
    }
    for row in rows.iter_mut().filter(|r| r.group.is_some()) {
        let worst = row.members.iter().filter_map(|m| m.now).max();
        row.status = worst.map_or("operational", ComponentStatus::as_str);
        row.label = component_word(m, worst);
    }
    rows
}

/// A record as a line on the front page.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub title: String,
    /// Relative to the site's root.
    pub href: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub status_label: String,
    pub summary_sentence: String,
    pub when: Option<When>,
    /// The latest update's text, as safe HTML, its relative links and images resolved against
    /// the record's page and written relative to the site's root (where the front page is).
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
    /// `April`
    #[serde(skip)]
    pub name: String,
    /// `2026-04`, the month's folder under `history/` (empty for records without a date).
    pub key: String,
    pub entries: Vec<Entry>,
}

/// A month of the archive, as a link.
#[derive(Clone, Debug, Serialize)]
pub struct MonthLink {
    /// `April 2026`
    pub label: String,
    /// `April`
    pub name: String,
    /// Relative to the site's root: `history/2026-04/`.
    pub href: String,
    /// How many records it lists.
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Year {
    pub year: String,
    /// Newest first.
    pub months: Vec<MonthLink>,
}

/// The component whose archive a history page is: its name and page.
#[derive(Clone, Debug, Serialize)]
pub struct ArchiveOf {
    pub name: String,
    /// Its page, relative to the site's root: `components/web-app/`.
    pub href: String,
}

/// Everything `history.html` receives: the archive's index, `history/index.html`, or a
/// component's, `components/<slug>/history/index.html`.
#[derive(Clone, Debug, Serialize)]
pub struct ArchiveView<'a> {
    pub site: &'a SiteView,
    pub root: &'static str,
    pub inline_css: Option<&'a str>,
    /// The component whose archive this is; null for the site's.
    pub component: Option<ArchiveOf>,
    /// Newest first.
    pub years: Vec<Year>,
}

/// Everything `month.html` receives: a month of the archive, `history/YYYY-MM/index.html`,
/// or of a component's, `components/<slug>/history/YYYY-MM/index.html`.
#[derive(Clone, Debug, Serialize)]
pub struct MonthView<'a> {
    pub site: &'a SiteView,
    pub root: &'static str,
    pub inline_css: Option<&'a str>,
    /// The component whose archive this is; null for the site's.
    pub component: Option<ArchiveOf>,
    /// The archive's index, relative to the root: `history/`, `components/web-app/history/`.
    pub archive: String,
    pub month: Month,
    /// The next month with records, and the previous one, or null.
    pub newer: Option<MonthLink>,
    pub older: Option<MonthLink>,
}

/// A badge and the ways to embed it.
#[derive(Clone, Debug, Serialize)]
pub struct BadgeView {
    /// The badge's address: `{url}components/web-app/badge.svg`.
    pub url: String,
    /// `[![Web app status](…/badge.svg)](…/components/web-app/)`
    pub markdown: String,
    /// `<a href="…/components/web-app/"><img src="…/badge.svg" alt="Web app status"></a>`
    pub html: String,
}

impl BadgeView {
    /// The badge at `{url}{folder}badge.svg`, linking to `{url}{folder}`, described by
    /// `alt` (the site's language's `badge-alt`: `Web app status`).
    pub fn new(url: &str, folder: &str, alt: &str) -> BadgeView {
        let page = format!("{url}{folder}");
        let src = format!("{page}badge.svg");
        let md_alt = crate::render::markdown::escape_inline(alt);
        let attr = |s: &str| {
            s.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        BadgeView {
            markdown: format!("[![{md_alt}]({src})]({page})"),
            html: format!(
                "<a href=\"{}\"><img src=\"{}\" alt=\"{}\"></a>",
                attr(&page),
                attr(&src),
                attr(alt)
            ),
            url: src,
        }
    }
}

/// Everything `component.html` (`components/<slug>/index.html`) receives.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentPage<'a> {
    pub site: &'a SiteView,
    pub root: &'static str,
    pub inline_css: Option<&'a str>,
    pub component: &'a ComponentView,
    pub uptime_days: u32,
    pub bar_width: usize,
    /// The records naming the component in the bar's days, by month, newest first; older
    /// ones are in its archive.
    pub months: Vec<Month>,
    /// Its archive's index, relative to the root: `components/web-app/history/`.
    pub archive: String,
    pub badge: BadgeView,
}

/// The records of `history` that name `component`, in the same order.
pub fn of_component<'h, 'r>(
    history: &'h [(Option<DateTime<Utc>>, &'r Record, &'h Entry)],
    component: &str,
) -> Vec<(Option<DateTime<Utc>>, &'r Record, &'h Entry)> {
    history
        .iter()
        .filter(|(_, r, _)| r.components.iter().any(|c| c == component))
        .copied()
        .collect()
}

/// The page of `component`: the records of `history` (those naming it, from
/// [`of_component`]) that start at or after `since` (the uptime bar's first day), or have no
/// date.
pub fn component_page<'a>(
    site: &'a SiteView,
    component: &'a ComponentView,
    uptime_days: u32,
    history: &[(Option<DateTime<Utc>>, &Record, &Entry)],
    since: DateTime<Utc>,
    tz: Tz,
) -> ComponentPage<'a> {
    let months = by_month(
        history
            .iter()
            .filter(|(start, _, _)| start.is_none_or(|t| t >= since))
            .map(|(start, _, e)| (*start, *e)),
        tz,
        &site.messages,
    );
    ComponentPage {
        site,
        root: "../../",
        inline_css: None,
        component,
        uptime_days,
        bar_width: uptime_days as usize * 4,
        months,
        archive: format!("{}history/", component.href),
        badge: BadgeView::new(
            &site.url,
            &component.href,
            &site.messages.format(
                "badge-alt",
                &[("component", component.name.as_str().into())],
            ),
        ),
    }
}

/// Every record with its entry, newest first by start, ties by id.
pub fn newest_first<'r>(
    records: &'r [Public<'_>],
    entries: &'r [Entry],
) -> Vec<(Option<DateTime<Utc>>, &'r Record, &'r Entry)> {
    let mut history: Vec<(Option<DateTime<Utc>>, &Record, &Entry)> = records
        .iter()
        .zip(entries)
        .map(|(r, e)| (r.start().map(|t| t.to_utc()), &**r, e))
        .collect();
    history.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    history
}

/// Entries grouped by the month of their start in `tz`, in the order given.
pub fn by_month<'e>(
    history: impl IntoIterator<Item = (Option<DateTime<Utc>>, &'e Entry)>,
    tz: Tz,
    m: &Messages,
) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for (start, e) in history {
        let local = start.map(|t| t.with_timezone(&tz));
        let key = local.map_or_else(String::new, |t| t.format("%Y-%m").to_string());
        match months.last_mut() {
            Some(m) if m.key == key => m.entries.push(e.clone()),
            _ => months.push(Month {
                label: local.map_or_else(String::new, |t| m.month_year(&t)),
                name: local.map_or_else(String::new, |t| m.month_name(&t)),
                key,
                entries: vec![e.clone()],
            }),
        }
    }
    months
}

/// The archive: its index and a page per month, newest first. `of` is the component whose
/// archive it is (its records only are in `history`), or `None` for the site's `history/`.
pub fn archive<'a>(
    site: &'a SiteView,
    history: &[(Option<DateTime<Utc>>, &Record, &Entry)],
    tz: Tz,
    of: Option<ArchiveOf>,
) -> (ArchiveView<'a>, Vec<MonthView<'a>>) {
    let (prefix, index_root, month_root) = match &of {
        None => ("history/".to_owned(), "../", "../../"),
        Some(c) => (format!("{}history/", c.href), "../../../", "../../../../"),
    };
    let months: Vec<Month> = by_month(
        history
            .iter()
            .filter(|(start, _, _)| start.is_some())
            .map(|(start, _, e)| (*start, *e)),
        tz,
        &site.messages,
    );
    let link = |m: &Month| MonthLink {
        label: m.label.clone(),
        name: m.name.clone(),
        href: format!("{prefix}{}/", m.key),
        count: m.entries.len(),
    };
    let mut years: Vec<Year> = Vec::new();
    for m in &months {
        let year = m.key.split('-').next().unwrap_or_default().to_owned();
        match years.last_mut() {
            Some(y) if y.year == year => y.months.push(link(m)),
            _ => years.push(Year {
                year,
                months: vec![link(m)],
            }),
        }
    }
    let links: Vec<MonthLink> = months.iter().map(link).collect();
    let pages = months
        .into_iter()
        .enumerate()
        .map(|(i, month)| MonthView {
            site,
            root: month_root,
            inline_css: None,
            component: of.clone(),
            archive: prefix.clone(),
            month,
            newer: i.checked_sub(1).map(|j| links[j].clone()),
            older: links.get(i + 1).cloned(),
        })
        .collect();
    (
        ArchiveView {
            site,
            root: index_root,
            inline_css: None,
            component: of,
            years,
        },
        pages,
    )
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
    /// The components as shown: groups of the catalogue and components outside any.
    pub rows: Vec<Row>,
    pub open: Vec<Entry>,
    /// Maintenances under way now (as `api/v2/scheduled-maintenances/active.json` has them).
    pub in_progress: Vec<Entry>,
    /// Maintenances not begun (as `api/v2/scheduled-maintenances/upcoming.json`).
    pub upcoming: Vec<Entry>,
    /// The bar's days of history, by month; older records are in the archive.
    pub months: Vec<Month>,
    /// The archive's index, relative to the root.
    pub archive: &'static str,
    /// The start of the bar's first day: what is older is in the archive only.
    #[serde(skip)]
    pub since: DateTime<Utc>,
}

/// A record's line on the front page, from its public view.
pub fn entry(record: &Public<'_>, view: &RecordView, tz: Tz, m: &Messages) -> Entry {
    let when_at = record.start();
    Entry {
        title: view.title.clone(),
        href: crate::config::page_path(&view.id),
        kind: view.kind,
        status: view.status,
        status_label: view.status_label.clone(),
        summary_sentence: view.summary_sentence.clone(),
        when: when_at.map(|t| When::localised(t, tz, m)),
        latest_html: view
            .updates
            .last()
            .and_then(|u| u.body.as_ref())
            .map(|b| off_its_page(&b.html, &view.link, &view.id)),
        scheduled: match (&view.scheduled_start, &view.scheduled_end) {
            (Some(s), Some(e)) => Some(Window {
                start: s.clone(),
                end: e.clone(),
            }),
            _ => None,
        },
    }
}

/// A record's HTML for a page at the site's root: relative `href`s and `src`s resolved against
/// the record's page `link` as the feeds resolve them (`formats::feed::absolute_links`), then
/// written relative to the site's root when they fall inside the site, so that the page works
/// wherever the site is served (`serve`, a copy) and `[notes](notes.html)` or
/// `![graph](../../img/g.png)` in a record's text point where they do on its own page.
fn off_its_page(html: &str, link: &str, id: &str) -> String {
    let resolved = crate::formats::feed::absolute_links(html, link);
    let Some(site) = link
        .strip_suffix(&crate::config::page_path(id))
        .filter(|s| s.ends_with('/'))
    else {
        return resolved.into_owned();
    };
    let site = site.replace('&', "&amp;").replace('"', "&quot;");
    resolved
        .replace(&format!(" href=\"{site}"), " href=\"")
        .replace(&format!(" src=\"{site}"), " src=\"")
}

/// Builds the front page's view from the public records and their views, as of `now`.
/// `records` and `entries` go together, one entry per record.
pub fn index_view<'a>(
    site: &'a SiteView,
    config: &Config,
    records: &[Public<'_>],
    entries: &[Entry],
    history: &[(Option<DateTime<Utc>>, &Record, &Entry)],
    now: DateTime<Utc>,
) -> IndexView<'a> {
    let records: Vec<(&Record, &Entry)> = records.iter().map(|r| &**r).zip(entries).collect();
    let tz = config.timezone;
    let m = &*site.messages;
    let open_records: Vec<&(&Record, &Entry)> = records
        .iter()
        .filter(|(r, _)| r.kind == Kind::Incident && r.resolution().is_none())
        .collect();
    // Component status now: the worst window that is open, or still running at `now`, of an
    // open record (the same rule as Statuspage's API).
    let plain: Vec<&Record> = records.iter().map(|(r, _)| *r).collect();
    let now_statuses = crate::figures::statuses_at(&plain, now);
    let current = |name: &str| -> Option<ComponentStatus> { now_statuses.get(name).copied() };
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
    let slugs = slugs(names.iter().map(|(n, _, _)| n.as_str()));
    let lengths: Vec<u32> = {
        let mut v = vec![7, 30, days];
        v.sort_unstable();
        v.dedup();
        v
    };
    // The bars and the availability figures look back at most the longest period: only the
    // windows that reach into it count (a sweep per day over all history would not).
    let longest_days = lengths.last().copied().unwrap_or(days);
    let longest = Interval {
        start: start_of_day(today - TimeDelta::days(i64::from(longest_days) - 1), tz),
        end: period.end,
    };
    let components: Vec<ComponentView> = names
        .par_iter()
        .zip(slugs)
        .map(|((name, description, group), slug)| {
            let ws: Vec<(ComponentStatus, Interval)> = windows
                .get(name)
                .into_iter()
                .flatten()
                .filter(|(_, iv)| iv.clip(&longest).is_some())
                .copied()
                .collect();
            let ws = ws.as_slice();
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
                    let label = m.day_short(day);
                    Day {
                        x: i as usize * 4,
                        class: worst.map_or("operational", ComponentStatus::as_str),
                        title: match worst {
                            None => {
                                m.format("day-no-downtime", &[("day", FluentValue::from(label))])
                            }
                            Some(_) => m.format(
                                "day-downtime",
                                &[
                                    ("day", FluentValue::from(label)),
                                    (
                                        "downtime",
                                        FluentValue::from(
                                            ComponentStatus::WORST_FIRST
                                                .iter()
                                                .filter(|s| !d.get(**s).is_zero())
                                                .map(|s| {
                                                    m.format(
                                                        "downtime-part",
                                                        &[
                                                            (
                                                                "status",
                                                                FluentValue::from(component_word(
                                                                    m,
                                                                    Some(*s),
                                                                )),
                                                            ),
                                                            (
                                                                "duration",
                                                                FluentValue::from(
                                                                    m.duration(d.get(*s)),
                                                                ),
                                                            ),
                                                        ],
                                                    )
                                                })
                                                .collect::<Vec<_>>()
                                                .join(m.get("list-separator")),
                                        ),
                                    ),
                                ],
                            ),
                        },
                    }
                })
                .collect();
            let availability = downtime(ws, &period).availability(period.len());
            let periods = lengths
                .iter()
                .map(|&n| {
                    let p = Interval {
                        start: start_of_day(today - TimeDelta::days(i64::from(n) - 1), tz),
                        end: period.end,
                    };
                    Period {
                        days: n,
                        availability: m.percent(downtime(ws, &p).availability(p.len())),
                    }
                })
                .collect();
            ComponentView {
                name: name.clone(),
                href: format!("components/{slug}/"),
                slug,
                periods,
                description: description.clone(),
                group: group.clone(),
                status: status.map_or("operational", ComponentStatus::as_str),
                label: component_word(m, status),
                now: status,
                availability: m.percent(availability),
                days: bar,
            }
        })
        .collect();
    let worst_now = names.iter().filter_map(|(n, _, _)| current(n)).max();
    let overall = match (worst_now, open_records.is_empty()) {
        (Some(s), _) => Overall {
            class: s.as_str(),
            label: component_word(m, Some(s)),
        },
        (None, false) => Overall {
            class: "partial_outage",
            label: m.get("overall-incident").to_owned(),
        },
        (None, true) => Overall {
            class: "ok",
            label: m.get("overall-operational").to_owned(),
        },
    };
    // A maintenance's phase is the API's (`formats::statuspage::phase`): under way, or not
    // begun; each by scheduled start.
    let maintenances = |phase: crate::formats::statuspage::Phase| -> Vec<Entry> {
        let mut v: Vec<&(&Record, &Entry)> = records
            .iter()
            .filter(|(r, _)| {
                r.kind == Kind::Maintenance
                    && r.scheduled.is_some()
                    && crate::formats::statuspage::phase(r, now) == phase
            })
            .collect();
        v.sort_by_key(|(r, _)| r.scheduled.as_ref().map(|s| s.start.to_utc()));
        v.into_iter().map(|(_, e)| (*e).clone()).collect()
    };
    let in_progress = maintenances(crate::formats::statuspage::Phase::Active);
    let upcoming = maintenances(crate::formats::statuspage::Phase::Upcoming);
    // Only the bar's days of history: older records are in the archive.
    let months = by_month(
        history
            .iter()
            .filter(|(start, _, _)| start.is_none_or(|t| t >= period.start))
            .map(|(start, _, e)| (*start, *e)),
        tz,
        m,
    );
    IndexView {
        site,
        root: "",
        inline_css: None,
        overall,
        uptime_days: days,
        bar_width: days as usize * 4,
        rows: rows(&components, m),
        components,
        open: open_records.iter().map(|(_, e)| (*e).clone()).collect(),
        in_progress,
        upcoming,
        months,
        archive: "history/",
        since: period.start,
    }
}

#[cfg(test)]
mod tests {
    use super::off_its_page;

    #[test]
    fn a_records_links_are_made_relative_to_the_sites_root_when_inside_it() {
        let html = "<p><a href=\"notes.html\">n</a> <a href=\"/elsewhere\">e</a> \
                    <a href=\"https://other.example/x\">o</a> <img src=\"../../img/g.png\" alt=\"g\"></p>";
        // A site under a path: a link to the host's root is outside it and stays absolute.
        assert_eq!(
            off_its_page(html, "https://acme.example/status/incidents/a/", "a"),
            "<p><a href=\"incidents/a/notes.html\">n</a> <a href=\"https://acme.example/elsewhere\">e</a> \
             <a href=\"https://other.example/x\">o</a> <img src=\"img/g.png\" alt=\"g\"></p>"
        );
        // Above the site's root is the root, as a browser resolves it on the record's page.
        assert_eq!(
            off_its_page(
                "<img src=\"../../../../g.png\" alt=\"\">",
                "https://acme.example/incidents/a/",
                "a"
            ),
            "<img src=\"g.png\" alt=\"\">"
        );
    }
}
