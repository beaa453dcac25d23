//! What templates see: a record made ready for display. Internal parts are removed here,
//! before any template runs, so that no template (built-in or a user's) can leak them.

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::{Config, Logo, is_http};
use crate::figures::{Figures, figures};
use crate::model::{ComponentStatus, Kind, Public, Record, UpdateStatus};

use super::i18n::Messages;
use super::markdown::to_html;
use fluent_bundle::FluentValue;

/// How a record is rendered.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// The moment open windows run to.
    pub now: DateTime<Utc>,
    /// The words and dates of the site's language.
    pub messages: &'a Messages,
}

/// The site, as templates see it.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub name: String,
    pub url: String,
    pub language: String,
    /// `ltr`, or `rtl` for a language written right to left.
    pub dir: &'static str,
    pub timezone: String,
    /// The logo's address on the page: a URL the user configured, or the copied file.
    pub logo: Option<String>,
    /// A preview that shows unpublished postmortems (`build --drafts`): every page says so.
    pub drafts: bool,
    /// The words and dates of the site's language.
    #[serde(skip)]
    pub messages: std::sync::Arc<Messages>,
}

impl SiteView {
    /// The site of `config` (in English); a local logo file is shown as `logo_path` (when it
    /// is published).
    pub fn new(config: &Config, logo_path: Option<String>) -> SiteView {
        SiteView::localised(config, logo_path, Messages::english())
    }

    /// The site of `config` in the language of `messages`.
    pub fn localised(
        config: &Config,
        logo_path: Option<String>,
        messages: std::sync::Arc<Messages>,
    ) -> SiteView {
        let logo = match &config.logo {
            Some(Logo::Url(url)) => Some(url.clone()),
            Some(Logo::File(_)) => logo_path,
            None => None,
        };
        SiteView {
            name: config.name.clone(),
            url: config.url.clone(),
            language: config.language.clone(),
            dir: messages.direction(),
            timezone: config.timezone.name().to_owned(),
            logo,
            drafts: false,
            messages,
        }
    }
}

/// A Markdown field, as written and as safe HTML.
#[derive(Clone, Debug, Serialize)]
pub struct Text {
    pub markdown: String,
    pub html: String,
}

impl Text {
    fn new(markdown: &str) -> Text {
        Text {
            markdown: markdown.trim_end().to_owned(),
            html: to_html(markdown).trim_end().to_owned(),
        }
    }

    fn opt(markdown: Option<&String>) -> Option<Text> {
        markdown
            .filter(|m| !m.trim().is_empty())
            .map(|m| Text::new(m))
    }
}

/// A moment, in the forms templates need.
#[derive(Clone, Debug, Serialize)]
pub struct When {
    /// `Apr 2, 2025, 5:53 PM UTC`, in the site's zone.
    pub display: String,
    /// `April 2, 2025`, in the site's zone.
    pub date: String,
    /// RFC 3339 in UTC, for `<time datetime>`.
    pub iso: String,
}

/// Local times written by hand: what `format("%H:%M")` and the like print, without parsing
/// a format string and formatting the zone's name for every label (chrono's `format` on a
/// `DateTime<Tz>` does both, each time).
pub(super) mod clock {
    use std::fmt::Write as _;

    use chrono::{DateTime, Datelike, Timelike};
    use chrono_tz::{OffsetName, Tz};

    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const FULL_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    fn two(o: &mut String, n: u32) {
        o.push(char::from(b'0' + (n / 10 % 10) as u8));
        o.push(char::from(b'0' + (n % 10) as u8));
    }

    /// `%H:%M`.
    pub fn hm(o: &mut String, t: &DateTime<Tz>) {
        two(o, t.hour());
        o.push(':');
        two(o, t.minute());
    }

    /// `%H:%M:%S`.
    pub fn hms(o: &mut String, t: &DateTime<Tz>) {
        hm(o, t);
        o.push(':');
        two(o, t.second());
    }

    /// `%b`.
    pub fn month(o: &mut String, t: &DateTime<Tz>) {
        o.push_str(MONTHS[t.month0() as usize % 12]);
    }

    /// `%b %-d`.
    pub fn month_day(o: &mut String, t: &DateTime<Tz>) {
        month(o, t);
        let _ = write!(o, " {}", t.day());
    }

    /// `%Y`.
    pub fn year(o: &mut String, t: &DateTime<Tz>) {
        let y = t.year();
        if (0..=9999).contains(&y) {
            let _ = write!(o, "{y:04}");
        } else {
            let _ = write!(o, "{}", t.format("%Y"));
        }
    }

    /// `%Z`: the zone's abbreviation, else its offset as chrono-tz prints it.
    pub fn zone(o: &mut String, t: &DateTime<Tz>) {
        match t.offset().abbreviation() {
            Some(name) => o.push_str(name),
            None => {
                let _ = write!(o, "{}", t.offset());
            }
        }
    }

    /// `%b %-d, %Y, %-I:%M %p %Z`: `Apr 2, 2025, 5:53 PM UTC` ([`super::display_time`]).
    pub fn display(o: &mut String, t: &DateTime<Tz>) {
        month(o, t);
        let _ = write!(o, " {}, ", t.day());
        year(o, t);
        let (pm, hour) = t.hour12();
        let _ = write!(o, ", {hour}:");
        two(o, t.minute());
        o.push_str(if pm { " PM " } else { " AM " });
        zone(o, t);
    }

    /// `%B %-d, %Y`: `April 2, 2025`.
    pub fn date(o: &mut String, t: &DateTime<Tz>) {
        o.push_str(FULL_MONTHS[t.month0() as usize % 12]);
        let _ = write!(o, " {}, ", t.day());
        year(o, t);
    }
}

/// `Apr 2, 2025, 5:53 PM UTC`: a moment as pages show it, in the site's zone (a when's
/// `display`).
pub fn display_time(t: DateTime<FixedOffset>, tz: Tz) -> String {
    let mut o = String::with_capacity(28);
    clock::display(&mut o, &t.with_timezone(&tz));
    o
}

impl When {
    /// `t` in English.
    pub fn new(t: DateTime<FixedOffset>, tz: Tz) -> When {
        When::localised(t, tz, &Messages::english())
    }

    /// `t` in the language of `m` (month names, order, clock), in the zone `tz`.
    pub fn localised(t: DateTime<FixedOffset>, tz: Tz, m: &Messages) -> When {
        let local = t.with_timezone(&tz);
        When {
            display: m.date_time(&local),
            date: m.date_long(&local),
            iso: t
                .to_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        }
    }

    /// `t` in English, with chrono's own names (what [`When::new`] was made from; a test
    /// holds the two equal).
    #[cfg(test)]
    fn unlocalised(t: DateTime<FixedOffset>, tz: Tz) -> When {
        let local = t.with_timezone(&tz);
        let mut display = String::with_capacity(28);
        clock::display(&mut display, &local);
        let mut date = String::with_capacity(18);
        clock::date(&mut date, &local);
        When {
            display,
            date,
            iso: t
                .to_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct UpdateView {
    pub status: &'static str,
    pub label: String,
    pub at: When,
    pub body: Option<Text>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WindowView {
    pub component: String,
    pub status: &'static str,
    pub label: String,
    pub start: When,
    pub end: Option<When>,
    pub length: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FigureRow {
    pub label: String,
    /// The figure for people (`1h 14m`), or `—` when it does not exist (yet).
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineView {
    pub at: When,
    pub event: Text,
    pub internal: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct FactorView {
    pub title: String,
    pub description: Option<Text>,
    pub internal: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct LessonsView {
    pub went_well: Vec<Text>,
    pub went_wrong: Vec<Text>,
    pub lucky: Vec<Text>,
    pub any: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActionView {
    pub title: String,
    pub kind: Option<&'static str>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
    pub label: String,
    pub link: Option<String>,
    pub internal: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub title: String,
    pub body: Text,
    pub internal: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PostmortemView {
    pub internal: bool,
    /// `draft`, `in_review` or `published`; an unpublished one shows only in a preview.
    pub status: &'static str,
    /// "Draft" or "In review" on an unpublished postmortem, for its mark; else none.
    pub draft: Option<String>,
    pub owner: Option<String>,
    pub reviewers: Vec<String>,
    pub published_at: Option<When>,
    pub authors: Vec<String>,
    pub summary: Text,
    pub timeline: Vec<TimelineView>,
    pub root_cause: Option<Text>,
    pub trigger: Option<Text>,
    pub detection: Option<Text>,
    pub resolution: Option<Text>,
    pub contributing_factors: Vec<FactorView>,
    pub lessons: LessonsView,
    pub action_items: Vec<ActionView>,
    pub sections: Vec<SectionView>,
}

/// One record, ready for a template.
#[derive(Clone, Debug, Serialize)]
pub struct RecordView {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub severity: Option<&'static str>,
    pub components: Vec<String>,
    /// `{url}incidents/{id}/`
    pub link: String,
    /// `Flatfile experienced a major incident on April 2, 2025 affecting Spaces, lasting 1h 14m.`
    pub summary_sentence: String,
    /// The record's state: `resolved`/`completed` once closed, else the latest update's status.
    pub status: &'static str,
    pub status_label: String,
    pub resolved: bool,
    pub started_at: Option<When>,
    pub scheduled_start: Option<When>,
    pub scheduled_end: Option<When>,
    pub updates: Vec<UpdateView>,
    pub impact_description: Option<Text>,
    pub windows: Vec<WindowView>,
    pub figures: Vec<FigureRow>,
    /// The timeline chart, an inline `<svg>` whose every text is escaped (`timeline.rs`);
    /// null when the record has nothing to draw.
    pub timeline: Option<String>,
    pub postmortem: Option<PostmortemView>,
    /// Whether internal parts are shown (`render --internal`).
    pub internal: bool,
}

/// The word for an update status, as a status page shows it.
pub fn status_label(s: UpdateStatus) -> &'static str {
    match s {
        UpdateStatus::Investigating => "Investigating",
        UpdateStatus::Identified => "Identified",
        UpdateStatus::Monitoring => "Monitoring",
        UpdateStatus::Resolved => "Resolved",
        UpdateStatus::Postmortem => "Postmortem",
        UpdateStatus::Scheduled => "Scheduled",
        UpdateStatus::InProgress => "In progress",
        UpdateStatus::Verifying => "Verifying",
        UpdateStatus::Completed => "Completed",
    }
}

/// The words for a component status.
pub fn component_label(s: ComponentStatus) -> &'static str {
    match s {
        ComponentStatus::MajorOutage => "Major outage",
        ComponentStatus::PartialOutage => "Partial outage",
        ComponentStatus::DegradedPerformance => "Degraded performance",
        ComponentStatus::UnderMaintenance => "Under maintenance",
    }
}

/// The word for an update status in the language of `m`.
pub fn status_word(m: &Messages, s: UpdateStatus) -> String {
    m.get(&format!("status-{}", s.as_str())).to_owned()
}

/// The words for a component status (or `operational`, for none) in the language of `m`.
pub fn component_word(m: &Messages, s: Option<ComponentStatus>) -> String {
    m.get(&format!(
        "component-{}",
        s.map_or("operational", ComponentStatus::as_str)
    ))
    .to_owned()
}

/// `A`, `A and B`, `A, B and C`.
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How long the record "lasted", for the summary sentence: the duration (first update to
/// resolution); for a record published after the fact (its first update is its resolution)
/// the length of its impact, which is then the only measure of it.
fn lasting(f: &Figures, record: &Record) -> Option<chrono::TimeDelta> {
    let d = f.duration?;
    if d.is_zero() && record.updates.len() == 1 && !f.impact.is_zero() {
        return Some(f.impact);
    }
    Some(d)
}

/// The sentence that opens every rendering of a record, in English.
pub fn summary_sentence(record: &Record, f: &Figures, site: &str, tz: Tz) -> String {
    summary_sentence_in(&Messages::english(), record, f, site, tz)
}

/// The sentence that opens every rendering of a record, in the language of `m`.
pub fn summary_sentence_in(
    m: &Messages,
    record: &Record,
    f: &Figures,
    site: &str,
    tz: Tz,
) -> String {
    let day = record
        .start()
        .map(|t| m.date_long(&t.with_timezone(&tz)))
        .unwrap_or_default();
    let components = m.join(&record.components);
    let lasting = lasting(f, record).map(|d| m.duration(d));
    let started = record
        .updates
        .iter()
        .any(|u| u.status != UpdateStatus::Scheduled);
    let id = match (record.kind, &lasting) {
        (Kind::Maintenance, Some(_)) if f.duration.is_some() => "summary-maintenance",
        (Kind::Maintenance, _) if started => "summary-maintenance-underway",
        (Kind::Maintenance, _) => "summary-maintenance-scheduled",
        (Kind::Incident, Some(_)) => "summary-incident",
        (Kind::Incident, None) => "summary-incident-ongoing",
    };
    let severity = record.severity.map_or("none", |s| s.as_str());
    let mut args = vec![
        ("site", FluentValue::from(site)),
        ("day", FluentValue::from(day)),
        ("components", FluentValue::from(components)),
        // The sentence leaves out what is affected while no component is known yet.
        ("count", FluentValue::from(record.components.len())),
        ("severity", FluentValue::from(severity)),
    ];
    if let Some(l) = lasting {
        args.push(("duration", FluentValue::from(l)));
    }
    m.format(id, &args)
}

fn figure_rows(m: &Messages, f: &Figures, kind: Kind) -> Vec<FigureRow> {
    let show = |d: Option<chrono::TimeDelta>| d.map_or_else(|| "—".to_owned(), |d| m.duration(d));
    let row = |id: &str, value: String| FigureRow {
        label: m.get(id).to_owned(),
        value,
    };
    let mut rows = vec![
        row("figure-duration", show(f.duration)),
        row("figure-impact", m.duration(f.impact)),
    ];
    if kind == Kind::Incident {
        rows.extend([
            row("figure-time-to-detect", show(f.time_to_detect)),
            row("figure-time-to-acknowledge", show(f.time_to_acknowledge)),
            row("figure-time-to-mitigate", show(f.time_to_mitigate)),
            row("figure-time-to-resolve", show(f.time_to_resolve)),
        ]);
    }
    rows
}

/// Builds the view of `record` (already stripped of what must not show).
pub fn record_view(record: &Public<'_>, config: &Config, opts: Options<'_>) -> RecordView {
    view_of(record, config, opts, true)
}

/// The view of `record` for its feed entries, which carry no timeline (docs/guide.md, "The
/// timeline"): the same view without the chart, which would be drawn for nothing.
pub fn feed_view(record: &Public<'_>, config: &Config, opts: Options<'_>) -> RecordView {
    view_of(record, config, opts, false)
}

fn view_of(record: &Public<'_>, config: &Config, opts: Options<'_>, chart: bool) -> RecordView {
    let tz = config.timezone;
    let m = opts.messages;
    let when = |t: DateTime<FixedOffset>| When::localised(t, tz, m);
    let f = figures(record, opts.now);
    // The page shows a closed record as resolved (or completed), also when its latest update
    // is the postmortem; incidents.json keeps Statuspage's own `postmortem` status.
    let last = match (record.resolution(), record.kind) {
        (Some(_), Kind::Incident) => Some(UpdateStatus::Resolved),
        (Some(_), Kind::Maintenance) => Some(UpdateStatus::Completed),
        (None, _) => record.updates.last().map(|u| u.status),
    };
    RecordView {
        id: record.id.clone(),
        title: record.title.clone(),
        kind: record.kind.as_str(),
        severity: record.severity.map(|s| s.as_str()),
        components: record.components.clone(),
        link: config.link(&record.id),
        summary_sentence: summary_sentence_in(m, record, &f, &config.name, tz),
        status: last.map_or("investigating", |s| s.as_str()),
        status_label: status_word(m, last.unwrap_or(UpdateStatus::Investigating)),
        resolved: record.resolution().is_some(),
        started_at: record.started_at().map(when),
        scheduled_start: record.scheduled.as_ref().map(|s| when(s.start)),
        scheduled_end: record.scheduled.as_ref().map(|s| when(s.end)),
        updates: record
            .updates
            .iter()
            .map(|u| UpdateView {
                status: u.status.as_str(),
                label: status_word(m, u.status),
                at: when(u.at),
                body: Text::opt(Some(&u.body)),
            })
            .collect(),
        impact_description: Text::opt(record.impact.description.as_ref()),
        windows: record
            .impact
            .windows
            .iter()
            .map(|w| WindowView {
                component: w.component.clone(),
                status: w.status.as_str(),
                label: component_word(m, Some(w.status)),
                start: when(w.start),
                end: w.end.map(when),
                length: m.duration(w.end.map_or(opts.now, |e| e.to_utc()) - w.start.to_utc()),
            })
            .collect(),
        figures: figure_rows(m, &f, record.kind),
        timeline: chart
            .then(|| super::timeline::svg(record, &f, tz, opts.now))
            .flatten(),
        postmortem: record.postmortem.as_ref().map(|pm| PostmortemView {
            internal: pm.internal,
            status: pm.status.as_str(),
            draft: match pm.status {
                crate::model::PostmortemStatus::Published => None,
                crate::model::PostmortemStatus::Draft => Some(m.get("postmortem-draft").to_owned()),
                crate::model::PostmortemStatus::InReview => {
                    Some(m.get("postmortem-in-review").to_owned())
                }
            },
            owner: pm.owner.clone(),
            reviewers: pm.reviewers.clone(),
            published_at: pm.published_at.map(when),
            authors: pm.authors.clone(),
            summary: Text::new(&pm.summary),
            timeline: pm
                .timeline
                .iter()
                .map(|e| TimelineView {
                    at: when(e.at),
                    event: Text::new(&e.event),
                    internal: e.internal,
                })
                .collect(),
            root_cause: Text::opt(pm.root_cause.as_ref()),
            trigger: Text::opt(pm.trigger.as_ref()),
            detection: Text::opt(pm.detection.as_ref()),
            resolution: Text::opt(pm.resolution.as_ref()),
            contributing_factors: pm
                .contributing_factors
                .iter()
                .map(|c| FactorView {
                    title: c.title.clone(),
                    description: Text::opt(c.description.as_ref()),
                    internal: c.internal,
                })
                .collect(),
            lessons: LessonsView {
                went_well: pm.lessons.went_well.iter().map(|l| Text::new(l)).collect(),
                went_wrong: pm.lessons.went_wrong.iter().map(|l| Text::new(l)).collect(),
                lucky: pm.lessons.lucky.iter().map(|l| Text::new(l)).collect(),
                any: !(pm.lessons.went_well.is_empty()
                    && pm.lessons.went_wrong.is_empty()
                    && pm.lessons.lucky.is_empty()),
            },
            action_items: pm
                .action_items
                .iter()
                .map(|a| ActionView {
                    title: a.title.clone(),
                    kind: a.kind.map(|k| k.as_str()),
                    owner: a.owner.clone(),
                    due: a.due.map(|d| d.format("%Y-%m-%d").to_string()),
                    status: a.status.as_str(),
                    label: m.get(&format!("action-{}", a.status.as_str())).to_owned(),
                    // The schema allows only http(s) links; never trust a template with more.
                    link: a.link.clone().filter(|l| is_http(l)),
                    internal: a.internal,
                })
                .collect(),
            sections: pm
                .sections
                .iter()
                .map(|s| SectionView {
                    title: s.title.clone(),
                    body: Text::new(&s.body),
                    internal: s.internal,
                })
                .collect(),
        }),
        internal: record.shows_internal(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_like_a_sentence() {
        let n = |v: &[&str]| join_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&["Spaces"]), "Spaces");
        assert_eq!(n(&["Cache", "Database"]), "Cache and Database");
        assert_eq!(n(&["A", "B", "C"]), "A, B and C");
    }

    /// The hand-written formats print what chrono's format strings print, in zones with
    /// and without abbreviations, across changes of the clocks, in years of every width.
    #[test]
    fn hand_written_times_match_chrono() {
        use chrono::{Datelike, TimeZone};
        let zones = [
            chrono_tz::UTC,
            chrono_tz::Europe::Madrid,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::Asia::Kathmandu,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::America::St_Johns,
        ];
        let mut t = Utc.with_ymd_and_hms(1899, 12, 31, 23, 59, 59).unwrap();
        let mut checked = 0;
        while t.year() < 2040 {
            for tz in zones {
                let local = t.with_timezone(&tz);
                let mut o = String::new();
                clock::display(&mut o, &local);
                assert_eq!(o, local.format("%b %-d, %Y, %-I:%M %p %Z").to_string());
                o.clear();
                clock::date(&mut o, &local);
                assert_eq!(o, local.format("%B %-d, %Y").to_string());
                o.clear();
                clock::month_day(&mut o, &local);
                o.push(' ');
                clock::hms(&mut o, &local);
                assert_eq!(o, local.format("%b %-d %H:%M:%S").to_string());
                o.clear();
                clock::zone(&mut o, &local);
                assert_eq!(o, local.format("%Z").to_string());
                checked += 1;
            }
            // An odd step, so that every hour, minute and month comes up.
            t += chrono::TimeDelta::seconds(3_600 * 67 + 60 * 7 + 13);
        }
        assert!(checked > 20_000, "{checked}");
        for (year, text) in [
            (33, "0033"),
            (999, "0999"),
            (12_000, "+12000"),
            (-44, "-0044"),
        ] {
            let local = Utc
                .with_ymd_and_hms(year, 3, 15, 9, 5, 0)
                .unwrap()
                .with_timezone(&chrono_tz::UTC);
            let mut o = String::new();
            clock::year(&mut o, &local);
            assert_eq!(o, local.format("%Y").to_string());
            assert_eq!(o, text);
        }
    }

    #[test]
    fn english_dates_are_what_they_were_before_catalogues() {
        let mut t = DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap();
        for _ in 0..400 {
            for tz in [
                chrono_tz::UTC,
                chrono_tz::Europe::Madrid,
                chrono_tz::America::New_York,
            ] {
                let (a, b) = (When::new(t, tz), When::unlocalised(t, tz));
                assert_eq!((a.display, a.date), (b.display, b.date), "{t}");
            }
            t += chrono::TimeDelta::minutes(1337);
        }
    }

    #[test]
    fn statuspage_time_format() {
        let t = DateTime::parse_from_rfc3339("2025-04-02T17:53:40Z").unwrap();
        let w = When::new(t, chrono_tz::UTC);
        assert_eq!(w.display, "Apr 2, 2025, 5:53 PM UTC");
        assert_eq!(w.date, "April 2, 2025");
        let w = When::new(t, chrono_tz::Europe::Madrid);
        assert_eq!(w.display, "Apr 2, 2025, 7:53 PM CEST");
        // Two-digit days and hours, and noon and midnight on the 12-hour clock.
        let t = DateTime::parse_from_rfc3339("2026-12-15T00:07:00Z").unwrap();
        assert_eq!(
            When::new(t, chrono_tz::UTC).display,
            "Dec 15, 2026, 12:07 AM UTC"
        );
        let t = DateTime::parse_from_rfc3339("2026-12-05T22:00:00Z").unwrap();
        assert_eq!(
            When::new(t, chrono_tz::Europe::Berlin).display,
            "Dec 5, 2026, 11:00 PM CET"
        );
    }
}
