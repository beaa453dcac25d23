//! The timeline of a record's page: an inline SVG (no script) with one lane per affected
//! component showing its windows by status, the milestones of the figures (started,
//! detected, acknowledged, mitigated, resolved) and every public update, over an axis in the
//! site's zone (docs/guide.md, "The page of a record").
//!
//! [`layout`] places everything in whole tenths of a unit (integers: the output is the same
//! on every machine); [`Layout::svg`] writes it, escaping every text from the record. Colours
//! come from the stylesheet's status classes, so the chart follows the light and dark
//! schemes; each status also has its own pattern and a legend, and bars wide enough carry
//! their status in words.

use std::fmt::{self, Write as _};

use chrono::{
    DateTime, Datelike, Days, MappedLocalTime, Months, NaiveDate, NaiveTime, Offset, TimeDelta,
    TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use crate::figures::Figures;
use crate::model::{ComponentStatus, Kind, Public, UpdateStatus};

use super::i18n::{Arg, Form, Messages, Template};

/// The chart's words in one language, resolved once per run ([`Messages::timeline`]): the
/// names and statuses as ready text, the sentences as templates filled in per chart.
#[derive(Debug)]
pub struct Words {
    title: Template,
    milestones: String,
    updates: String,
    started: String,
    detected: String,
    acknowledged: String,
    mitigated: String,
    resolved: String,
    completed: String,
    now: String,
    /// Each update status's word, in the order of [`UPDATE_STATUSES`].
    statuses: Vec<String>,
    /// Each component status's words, in the order of [`ComponentStatus::WORST_FIRST`].
    components: Vec<String>,
    scheduled_window: String,
    no_impact: String,
    tooltip: Template,
    window: Template,
    window_open: Template,
    bar: Template,
    bar_open: Template,
    desc_day: Template,
    desc_days: Template,
    desc_scheduled: Template,
    desc_lane: Template,
    desc_milestones: Template,
    desc_updates: Template,
    desc_separator: String,
    list_separator: String,
}

const UPDATE_STATUSES: [UpdateStatus; 9] = [
    UpdateStatus::Investigating,
    UpdateStatus::Identified,
    UpdateStatus::Monitoring,
    UpdateStatus::Resolved,
    UpdateStatus::Postmortem,
    UpdateStatus::Scheduled,
    UpdateStatus::InProgress,
    UpdateStatus::Verifying,
    UpdateStatus::Completed,
];

impl Words {
    /// The words of `m`'s catalogue (`timeline-*`, the statuses, `list-separator`).
    pub fn new(m: &Messages) -> Words {
        let get = |id: &str| m.get(id).to_owned();
        Words {
            title: m.template("timeline-title", &["title"]),
            milestones: get("timeline-milestones"),
            updates: get("timeline-updates"),
            started: get("timeline-started"),
            detected: get("timeline-detected"),
            acknowledged: get("timeline-acknowledged"),
            mitigated: get("timeline-mitigated"),
            resolved: get("timeline-resolved"),
            completed: get("timeline-completed"),
            now: get("timeline-now"),
            statuses: UPDATE_STATUSES
                .iter()
                .map(|s| get(&format!("status-{}", s.as_str())))
                .collect(),
            components: ComponentStatus::WORST_FIRST
                .iter()
                .map(|s| get(&format!("component-{}", s.as_str())))
                .collect(),
            scheduled_window: get("timeline-scheduled-window"),
            no_impact: get("timeline-no-impact"),
            tooltip: m.template("timeline-tooltip", &["what", "time"]),
            window: m.template("timeline-window", &["status", "from", "to", "duration"]),
            window_open: m.template("timeline-window-open", &["status", "from"]),
            bar: m.template("timeline-bar", &["status", "duration"]),
            bar_open: m.template("timeline-bar-open", &["status"]),
            desc_day: m.template("timeline-desc-day", &["day", "zone"]),
            desc_days: m.template("timeline-desc-days", &["from", "to", "zone"]),
            desc_scheduled: m.template("timeline-desc-scheduled", &["from", "to", "duration"]),
            desc_lane: m.template("timeline-desc-lane", &["component", "windows"]),
            desc_milestones: m.template("timeline-desc-milestones", &["milestones"]),
            desc_updates: m.template("timeline-desc-updates", &["updates"]),
            desc_separator: get("timeline-desc-separator"),
            list_separator: get("list-separator"),
        }
    }

    /// The word for an update status.
    fn status(&self, s: UpdateStatus) -> &str {
        let i = UPDATE_STATUSES.iter().position(|x| *x == s).unwrap_or(0);
        self.statuses.get(i).map_or("", String::as_str)
    }

    /// The words for a component status.
    fn component(&self, s: ComponentStatus) -> &str {
        let i = ComponentStatus::WORST_FIRST
            .iter()
            .position(|x| *x == s)
            .unwrap_or(0);
        self.components.get(i).map_or("", String::as_str)
    }
}

/// The drawing's width, in SVG units (CSS pixels at the page's full width).
pub const WIDTH: i64 = 720;
/// Where the lane names end and the plot begins.
const GUTTER: i64 = 132;
const X0: i64 = 140;
const X1: i64 = 700;
/// The height of a component's lane, and the space between lanes.
const LANE: i64 = 22;
const LANE_GAP: i64 = 6;
/// One row of marker labels.
const ROW: i64 = 16;
/// At most this many rows of labels above the lanes and below them; a label that finds no
/// room is left out (its marker stays, with a tooltip, and the tables give every time).
const MAX_ROWS: usize = 4;
/// The narrowest a window is drawn, so that a one-minute blip of a three-day incident shows.
pub const MIN_BAR: i64 = 3;
/// The shortest span the axis covers (a single instant gets this much room).
const MIN_SPAN_SECS: i64 = 4 * 60;
/// The most intervals between ticks.
const MAX_TICKS: i64 = 8;
/// Estimated advance of a character of the 12px labels, in tenths of a unit: most
/// letters ([`char_width`] has the narrow and wide ones), and a full-width one.
const CHAR: i64 = 74;
const WIDE_CHAR: i64 = 120;

/// A length in tenths of a unit, printed with at most one decimal (`12`, `12.5`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tenths(pub i64);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Digits into a buffer and one write: the SVG prints hundreds of these, and the
        // formatting machinery per digit group would cost more than the rest of the chart.
        let mut buf = [0u8; 24];
        let mut i = buf.len();
        let a = self.0.unsigned_abs();
        if !a.is_multiple_of(10) {
            i -= 1;
            buf[i] = b'0' + (a % 10) as u8;
            i -= 1;
            buf[i] = b'.';
        }
        let mut whole = a / 10;
        loop {
            i -= 1;
            buf[i] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if self.0 < 0 {
            i -= 1;
            buf[i] = b'-';
        }
        // Only ASCII digits, '.' and '-' were written.
        f.write_str(std::str::from_utf8(&buf[i..]).unwrap_or_default())
    }
}

fn u(units: i64) -> Tenths {
    Tenths(units * 10)
}

/// The distance between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Minutes(u32),
    Days(u32),
    Months(u32),
}

const STEPS: &[Step] = &[
    Step::Minutes(1),
    Step::Minutes(2),
    Step::Minutes(5),
    Step::Minutes(10),
    Step::Minutes(15),
    Step::Minutes(30),
    Step::Minutes(60),
    Step::Minutes(120),
    Step::Minutes(180),
    Step::Minutes(360),
    Step::Minutes(720),
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Months(12),
    Step::Months(24),
    Step::Months(60),
    Step::Months(120),
    Step::Months(240),
    Step::Months(600),
    Step::Months(1200),
    Step::Months(2400),
    Step::Months(6000),
    Step::Months(12000),
];

impl Step {
    /// Its usual length in seconds (a month as 1/12 of a Gregorian year).
    fn nominal_secs(self) -> i64 {
        match self {
            Step::Minutes(m) => i64::from(m) * 60,
            Step::Days(d) => i64::from(d) * 86_400,
            Step::Months(m) => i64::from(m) * 2_629_746,
        }
    }
}

/// The smallest step that cuts `span` into at most [`MAX_TICKS`] intervals.
pub fn choose_step(span: TimeDelta) -> Step {
    let secs = span.num_seconds().max(1);
    STEPS
        .iter()
        .copied()
        .find(|s| secs <= s.nominal_secs() * MAX_TICKS)
        .unwrap_or(Step::Months(12000))
}

/// The first instant of `date` in `tz`: midnight, or the first minute after a gap that
/// swallowed midnight (as in zones that change their clocks at 00:00).
fn day_start(date: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    let midnight = date.and_time(NaiveTime::MIN);
    (0..=24 * 4).find_map(|quarter| {
        tz.from_local_datetime(&(midnight + TimeDelta::minutes(15 * quarter)))
            .earliest()
            .map(|t| t.to_utc())
    })
}

/// The instants of the ticks of `step` in `[start, end]`: whole multiples of the step in
/// the local time of `tz` (so `02:00` twice when the clocks go back, never a `02:00` the
/// clocks skip), local midnights, or the first day of local months.
pub fn tick_instants(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    step: Step,
    tz: Tz,
) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    match step {
        Step::Minutes(m) => {
            // Whole multiples of the step in local time, each mapped to its instants: none
            // for a time the clocks skip, two for a time they repeat.
            let step = i64::from(m) * 60;
            let local = start.with_timezone(&tz).naive_local();
            let mut tod = i64::from(local.num_seconds_from_midnight());
            if local.nanosecond() > 0 {
                tod += 1;
            }
            let mut n = local.date().and_time(NaiveTime::MIN)
                + TimeDelta::seconds((tod + step - 1).div_euclid(step) * step);
            for _ in 0..10_000 {
                let found: [Option<DateTime<Utc>>; 2] = match tz.from_local_datetime(&n) {
                    MappedLocalTime::Single(t) => [Some(t.to_utc()), None],
                    MappedLocalTime::Ambiguous(a, b) => [Some(a.to_utc()), Some(b.to_utc())],
                    MappedLocalTime::None => [None, None],
                };
                if found[0].is_some_and(|t| t > end) {
                    break;
                }
                out.extend(
                    found
                        .into_iter()
                        .flatten()
                        .filter(|t| *t >= start && *t <= end),
                );
                n += TimeDelta::seconds(step);
            }
            out.sort_unstable();
            out.dedup();
        }
        Step::Days(d) => {
            let mut date = start.with_timezone(&tz).date_naive();
            for _ in 0..10_000 {
                let Some(at) = day_start(date, tz) else { break };
                if at > end {
                    break;
                }
                let keep = match d {
                    7 => date.weekday() == chrono::Weekday::Mon,
                    _ => i64::from(date.num_days_from_ce()).rem_euclid(i64::from(d)) == 0,
                };
                if keep && at >= start {
                    out.push(at);
                }
                let Some(next) = date.checked_add_days(Days::new(1)) else {
                    break;
                };
                date = next;
            }
        }
        Step::Months(m) => {
            let local = start.with_timezone(&tz).date_naive();
            let Some(mut date) = local.with_day(1) else {
                return out;
            };
            for _ in 0..10_000 {
                let Some(at) = day_start(date, tz) else { break };
                if at > end {
                    break;
                }
                let index = i64::from(date.year()) * 12 + i64::from(date.month0());
                if index.rem_euclid(i64::from(m)) == 0 && at >= start {
                    out.push(at);
                }
                let Some(next) = date.checked_add_months(Months::new(1)) else {
                    break;
                };
                date = next;
            }
        }
    }
    out
}

/// One tick of the axis: its place, its label and the line below it (the date where it
/// changes, the zone's abbreviation at the first tick and where the offset changes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub at: DateTime<Utc>,
    pub x: Tenths,
    pub label: String,
    pub sub: Option<String>,
}

/// The ticks of `step` over `[start, end]`, labelled in `tz` in the language of `m`.
pub fn ticks(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    step: Step,
    tz: Tz,
    m: &Messages,
) -> Vec<Tick> {
    let scale = Scale { start, end };
    let mut out: Vec<Tick> = Vec::new();
    let mut previous: Option<DateTime<Tz>> = None;
    for at in tick_instants(start, end, step, tz) {
        let local = at.with_timezone(&tz);
        let mut label = String::with_capacity(8);
        let mut sub = String::new();
        let new_year = previous.is_none_or(|p| p.year() != local.year());
        match step {
            Step::Minutes(_) => {
                m.write(Form::Time, &mut label, &local);
                if previous.is_none_or(|p| p.date_naive() != local.date_naive()) {
                    m.write(Form::DayMonth, &mut sub, &local);
                }
            }
            Step::Days(_) => {
                m.write(Form::DayMonth, &mut label, &local);
                if new_year {
                    m.write(Form::Year, &mut sub, &local);
                }
            }
            Step::Months(n) if n < 12 => {
                m.write(Form::MonthShort, &mut label, &local);
                if new_year {
                    m.write(Form::Year, &mut sub, &local);
                }
            }
            Step::Months(_) => {
                m.write(Form::Year, &mut label, &local);
            }
        }
        let zone_changed = match step {
            Step::Months(_) => false,
            _ => previous.is_none_or(|p| p.offset().fix() != local.offset().fix()),
        };
        if zone_changed {
            // `context (zone)`, or `(zone)` alone.
            if !sub.is_empty() {
                sub.push(' ');
            }
            let _ = write!(sub, "({})", local.offset());
        }
        out.push(Tick {
            at,
            x: scale.x(at),
            label,
            sub: (!sub.is_empty()).then_some(sub),
        });
        previous = Some(local);
    }
    out
}

/// Time to position on the plot.
#[derive(Clone, Copy, Debug)]
struct Scale {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Scale {
    fn x(&self, t: DateTime<Utc>) -> Tenths {
        let span = (self.end - self.start).num_milliseconds().max(1) as i128;
        let at = (t - self.start).num_milliseconds() as i128;
        let width = i128::from((X1 - X0) * 10);
        // Rounded to the nearest tenth, in integers.
        let offset = (at * width * 2 + span).div_euclid(span * 2);
        Tenths(X0 * 10 + offset.clamp(-width, 2 * width) as i64)
    }

    fn contains(&self, t: DateTime<Utc>) -> bool {
        t >= self.start && t <= self.end
    }
}

/// A window drawn in a lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub status: ComponentStatus,
    pub x: Tenths,
    pub width: Tenths,
    /// Still open: drawn to now.
    pub open: bool,
    /// The words inside the bar, when they fit.
    pub label: Option<String>,
    /// The tooltip and the description: `Partial outage 17:45–19:04 (1h 19m)`.
    pub text: String,
}

/// One component's lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub name: String,
    /// The name as it fits the gutter (`…` when cut).
    pub shown: String,
    pub bars: Vec<Bar>,
    /// A maintenance's scheduled window: `(x, width)`.
    pub scheduled: Option<(Tenths, Tenths)>,
}

/// What a marker stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A figure's instant: started, detected, acknowledged, mitigated, resolved.
    Milestone,
    /// The moment open windows run to, for a record still open.
    Now,
    /// A public update, by its status.
    Update(UpdateStatus),
}

/// Where a marker lies relative to the plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Inside,
    /// Before the axis begins: drawn at the left edge, pointing left.
    Before,
    /// After the axis ends (a postmortem published weeks later): at the right edge.
    After,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    pub at: DateTime<Utc>,
    pub x: Tenths,
    pub side: Side,
    /// `Investigating 05:53 PM`.
    pub label: String,
    /// `Investigating, Apr 02, 2025, 05:53 PM UTC`.
    pub tooltip: String,
    /// Its label's row (0 nearest the lanes) and whether the label ends at the marker
    /// (else it begins there); `None` when no row had room.
    pub place: Option<(usize, bool)>,
    /// Whether a pole joins the label to its marker (a label in a row away from it whose
    /// pole would cross no other label).
    pub pole: bool,
}

/// Everything the SVG shows, placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub step: Step,
    pub ticks: Vec<Tick>,
    pub lanes: Vec<Lane>,
    pub milestones: Vec<Marker>,
    pub updates: Vec<Marker>,
    pub title: String,
    pub desc: String,
    kind: Kind,
}

/// Estimated advance of `c` in 12px labels, in tenths, from DejaVu Sans (the widest of
/// the usual sans-serif faces, Linux's default; Arial and Segoe UI are narrower): a full
/// width for CJK, kana, hangul and full-width forms; narrow and wide Latin letters; and
/// an average for the rest (letters with accents, Greek, Cyrillic…).
fn char_width(c: char) -> i64 {
    match c {
        'f' | 'i' | 'j' | 'l' | 'r' | 't' | 'I' | 'J' | ' ' | '.' | ',' | ':' | ';' | '\''
        | '·' | '|' | '!' | '/' => 42,
        '(' | ')' | '[' | ']' | '-' => 47,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 118,
        'A'..='Z' => 88,
        '0'..='9' => 77,
        '…' => WIDE_CHAR,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' => WIDE_CHAR,
        _ => CHAR,
    }
}

/// Estimated width of `text` in 12px labels, in tenths.
fn text_width(text: &str) -> i64 {
    text.chars().map(char_width).sum()
}

/// Estimated width of `text` in the bold labels inside bars, in tenths (a tenth more).
fn bold_width(text: &str) -> i64 {
    text_width(text) * 11 / 10
}

/// `text` cut to fit `room` tenths, with `…`.
fn fit(text: &str, room: i64) -> String {
    if text_width(text) <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = char_width('…');
    for c in text.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// How times are written in labels, from the span of the axis.
#[derive(Clone, Copy, Debug)]
struct TimeStyle<'m> {
    tz: Tz,
    m: &'m Messages,
    /// The axis crosses a local midnight: labels carry the day.
    dated: bool,
    /// The axis is short: labels carry seconds when they are not zero.
    seconds: bool,
    year: i32,
}

impl TimeStyle<'_> {
    /// Appends the time of `local` as a label on the axis shows it.
    fn push_short(&self, o: &mut String, local: &DateTime<Tz>) {
        if self.dated {
            self.m.write(Form::DayMonth, o, local);
            o.push(' ');
        }
        if self.seconds && local.second() != 0 {
            self.m.write(Form::TimeSeconds, o, local);
        } else {
            self.m.write(Form::Time, o, local);
        }
    }

    fn short(&self, t: DateTime<Utc>) -> String {
        let mut o = String::with_capacity(16);
        self.push_short(&mut o, &t.with_timezone(&self.tz));
        o
    }

    /// For an instant outside the axis: always dated.
    fn push_far(&self, o: &mut String, local: &DateTime<Tz>) {
        if local.year() == self.year {
            self.m.write(Form::DayMonth, o, local);
        } else {
            self.m.write(Form::DateShort, o, local);
        }
        o.push(' ');
        self.m.write(Form::Time, o, local);
    }

    /// `word` and the time of `local` as the marker's label shows it.
    fn label(&self, word: &str, local: &DateTime<Tz>, side: Side) -> String {
        let mut o = String::with_capacity(word.len() + 20);
        o.push_str(word);
        o.push(' ');
        match side {
            Side::Inside => self.push_short(&mut o, local),
            _ => self.push_far(&mut o, local),
        }
        o
    }

    /// `word, Apr 02, 2025, 05:53 PM UTC`: a marker's tooltip, the time as the page's
    /// tables give it (`date-time`).
    fn tooltip(&self, words: &Words, word: &str, local: &DateTime<Tz>) -> String {
        let time = self.m.date_time(local);
        let mut o = String::with_capacity(word.len() + time.len() + 4);
        self.m
            .fill(&mut o, &words.tooltip, &[Arg::Text(word), Arg::Text(&time)]);
        o
    }
}

/// Gives each label the nearest row to the lanes where it overlaps no other, in the order
/// of the markers' places. A label begins at its marker, or ends there when it would run
/// past the drawing's right edge (and always for a marker past the right end).
fn stack(markers: &mut [Marker]) {
    // What each row holds: the text of labels, and the poles of labels further out.
    #[derive(Clone, Copy)]
    enum Taken {
        Text(i64, i64),
        Pole(i64),
    }
    let mut rows: Vec<Vec<Taken>> = vec![Vec::new(); MAX_ROWS];
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by_key(|&i| (markers[i].x, i));
    for i in order {
        let m = &markers[i];
        let w = text_width(&m.label);
        let x = m.x.0;
        let ends_here = m.side == Side::After || x + 30 + w > WIDTH * 10;
        let (left, right) = if ends_here {
            (x - 30 - w, x - 30)
        } else {
            (x + 30, x + 30 + w)
        };
        // Texts keep 4 units apart, and a unit from any pole.
        let text_fits = |row: &[Taken]| {
            row.iter().all(|t| match *t {
                Taken::Text(l, r) => right + 40 <= l || left >= r + 40,
                Taken::Pole(p) => p + 10 <= left || p >= right + 10,
            })
        };
        let pole_fits = |row: &[Taken]| {
            row.iter().all(|t| match *t {
                Taken::Text(l, r) => x + 10 <= l || x >= r + 10,
                Taken::Pole(_) => true,
            })
        };
        // The nearest row whose pole crosses no text; else the nearest with room, without
        // a pole (the label then sits just beyond its neighbour's, near its marker).
        let with_pole = (0..MAX_ROWS)
            .find(|&row| text_fits(&rows[row]) && rows[..row].iter().all(|q| pole_fits(q)));
        let free = with_pole.or_else(|| (0..MAX_ROWS).find(|&row| text_fits(&rows[row])));
        markers[i].pole = with_pole.is_some_and(|row| row > 0);
        markers[i].place = free.map(|row| {
            rows[row].push(Taken::Text(left, right));
            if with_pole.is_some() {
                for q in &mut rows[..row] {
                    q.push(Taken::Pole(x));
                }
            }
            (row, ends_here)
        });
    }
}

/// The layout of `record`'s timeline, or `None` when it has nothing to place (no window,
/// no schedule, no update). `f` are its figures at `now`, the moment open windows run to;
/// its words and times are in the language of `m`.
pub fn layout(
    record: &Public<'_>,
    f: &Figures,
    tz: Tz,
    now: DateTime<Utc>,
    m: &Messages,
) -> Option<Layout> {
    let words = m.timeline();
    let kind = record.kind;
    // (component, status, start, end, still open)
    type Drawn<'r> = (&'r str, ComponentStatus, DateTime<Utc>, DateTime<Utc>, bool);
    let windows: Vec<Drawn<'_>> = record
        .impact
        .windows
        .iter()
        .map(|w| {
            let start = w.start.to_utc();
            let end = w.end.map_or(now.max(start), |e| e.to_utc());
            (w.component.as_str(), w.status, start, end, w.end.is_none())
        })
        .collect();
    let scheduled = record
        .scheduled
        .as_ref()
        .map(|s| (s.start.to_utc(), s.end.to_utc()));
    // A maintenance without windows: in progress from its first `in_progress` update to
    // its completion, when it has both.
    let in_progress = record
        .updates
        .iter()
        .find(|u| u.status == UpdateStatus::InProgress)
        .map(|u| u.at.to_utc());
    let actual = match (kind, windows.is_empty(), in_progress, f.resolved_at) {
        (Kind::Maintenance, true, Some(from), Some(to)) if from <= to => Some((from, to)),
        _ => None,
    };

    // The milestones of the figures.
    let mut milestones: Vec<(&str, DateTime<Utc>, MarkerKind)> = Vec::new();
    let milestone = MarkerKind::Milestone;
    if let Some(t) = f.started_at {
        milestones.push((&words.started, t, milestone));
    }
    if let Some(t) = record.detected_at {
        milestones.push((&words.detected, t.to_utc(), milestone));
    }
    if let Some(t) = record.acknowledged_at {
        milestones.push((&words.acknowledged, t.to_utc(), milestone));
    }
    if let (Some(s), Some(d)) = (f.started_at, f.time_to_mitigate) {
        milestones.push((&words.mitigated, s + d, milestone));
    }
    if let Some(t) = f.resolved_at {
        let word = match kind {
            Kind::Incident => &words.resolved,
            Kind::Maintenance => &words.completed,
        };
        milestones.push((word, t, milestone));
    }
    let open = windows.iter().any(|w| w.4);
    if open {
        milestones.push((&words.now, now, MarkerKind::Now));
    }

    // The axis covers the windows, the schedule and the milestones; an update joins it
    // unless it lies further from them than their own span (a postmortem weeks later, an
    // announcement days before): then it is drawn at the edge, dated.
    let mut core: Vec<DateTime<Utc>> = Vec::new();
    for w in &windows {
        core.extend([w.2, w.3]);
    }
    if let Some((s, e)) = scheduled {
        core.extend([s, e]);
    }
    if let Some((s, e)) = actual {
        core.extend([s, e]);
    }
    core.extend(milestones.iter().map(|m| m.1));
    let updates: Vec<(UpdateStatus, DateTime<Utc>)> = record
        .updates
        .iter()
        .map(|u| (u.status, u.at.to_utc()))
        .collect();
    if core.is_empty() {
        core.extend(updates.iter().map(|u| u.1));
    }
    let (mut lo, mut hi) = (*core.iter().min()?, *core.iter().max()?);
    let reach = (hi - lo).max(TimeDelta::seconds(MIN_SPAN_SECS));
    let (core_lo, core_hi) = (lo, hi);
    for &(_, t) in &updates {
        if t >= core_lo - reach && t <= core_hi + reach {
            lo = lo.min(t);
            hi = hi.max(t);
        }
    }
    // Room at both ends; a short span is widened around its middle.
    let span = hi - lo;
    if span < TimeDelta::seconds(MIN_SPAN_SECS) {
        let grow = (TimeDelta::seconds(MIN_SPAN_SECS) - span) / 2;
        lo -= grow;
        hi += grow;
    }
    let pad = ((hi - lo) / 20).max(TimeDelta::seconds(30));
    let scale = Scale {
        start: lo - pad,
        end: hi + pad,
    };
    let step = choose_step(scale.end - scale.start);
    let ticks = ticks(scale.start, scale.end, step, tz, m);
    let style = TimeStyle {
        tz,
        m,
        dated: scale.start.with_timezone(&tz).date_naive()
            != scale.end.with_timezone(&tz).date_naive(),
        seconds: matches!(step, Step::Minutes(m) if m < 5),
        year: lo.with_timezone(&tz).year(),
    };
    // `status 05:45 PM–07:04 PM (1h 19m)`, by `template` (a window, the schedule).
    let span_text = |o: &mut String, template: &Template, status: Option<&str>, a, b| {
        let (from, to) = (style.short(a), style.short(b));
        let length = m.duration(b - a);
        let (from, to, length) = (Arg::Text(&from), Arg::Text(&to), Arg::Text(&length));
        match status {
            Some(s) => m.fill(o, template, &[Arg::Text(s), from, to, length]),
            None => m.fill(o, template, &[from, to, length]),
        }
    };

    let lanes: Vec<Lane> = record
        .components
        .iter()
        .map(|name| {
            let mut mine: Vec<_> = windows.iter().filter(|w| w.0 == name).collect();
            // The worst on top.
            mine.sort_by_key(|w| (w.1, w.2));
            // Each bar with the length its label shows (none while open).
            let mut lengths: Vec<Option<TimeDelta>> = Vec::with_capacity(mine.len() + 1);
            let mut bars: Vec<Bar> = mine
                .iter()
                .map(|w| {
                    let x = scale.x(w.2);
                    let width = Tenths((scale.x(w.3).0 - x.0).max(MIN_BAR * 10));
                    let status = words.component(w.1);
                    let mut text = String::with_capacity(48);
                    if w.4 {
                        let from = style.short(w.2);
                        m.fill(
                            &mut text,
                            &words.window_open,
                            &[Arg::Text(status), Arg::Text(&from)],
                        );
                        lengths.push(None);
                    } else {
                        span_text(&mut text, &words.window, Some(status), w.2, w.3);
                        lengths.push(Some(w.3 - w.2));
                    }
                    Bar {
                        status: w.1,
                        x,
                        width,
                        open: w.4,
                        label: None,
                        text,
                    }
                })
                .collect();
            if let Some((from, to)) = actual {
                let x = scale.x(from);
                let mut text = String::with_capacity(48);
                let status = words.status(UpdateStatus::InProgress);
                span_text(&mut text, &words.window, Some(status), from, to);
                lengths.push(Some(to - from));
                bars.push(Bar {
                    status: ComponentStatus::UnderMaintenance,
                    x,
                    width: Tenths((scale.x(to).0 - x.0).max(MIN_BAR * 10)),
                    open: false,
                    label: None,
                    text,
                });
            }
            // Words inside a bar that no other bar of the lane overlaps and that is wide
            // enough for them.
            let spans: Vec<(i64, i64)> = bars.iter().map(|b| (b.x.0, b.x.0 + b.width.0)).collect();
            for (i, bar) in bars.iter_mut().enumerate() {
                let (l, r) = spans[i];
                let alone = spans
                    .iter()
                    .enumerate()
                    .all(|(j, &(l2, r2))| j == i || r2 <= l || l2 >= r);
                if !alone {
                    continue;
                }
                let word = words.component(bar.status);
                let mut full = String::with_capacity(32);
                match lengths[i] {
                    Some(d) => {
                        let d = m.duration(d);
                        m.fill(&mut full, &words.bar, &[Arg::Text(word), Arg::Text(&d)]);
                    }
                    None => m.fill(&mut full, &words.bar_open, &[Arg::Text(word)]),
                }
                bar.label = [full, word.to_owned()]
                    .into_iter()
                    .find(|t| bold_width(t) + 100 <= r - l);
            }
            Lane {
                name: name.clone(),
                shown: fit(name, (GUTTER - 12) * 10),
                bars,
                scheduled: scheduled.map(|(s, e)| {
                    let x = scale.x(s);
                    (x, Tenths((scale.x(e).0 - x.0).max(MIN_BAR * 10)))
                }),
            }
        })
        .collect();

    let side = |t: DateTime<Utc>| {
        if scale.contains(t) {
            Side::Inside
        } else if t < scale.start {
            Side::Before
        } else {
            Side::After
        }
    };
    let edge = |t: DateTime<Utc>, s: Side| match s {
        Side::Inside => scale.x(t),
        Side::Before => u(X0 - 6),
        Side::After => u(X1 + 6),
    };
    let mut milestone_markers: Vec<Marker> = milestones
        .iter()
        .map(|&(word, t, kind)| {
            let s = side(t);
            let local = t.with_timezone(&tz);
            Marker {
                kind,
                at: t,
                x: edge(t, s),
                side: s,
                label: style.label(word, &local, s),
                tooltip: style.tooltip(words, word, &local),
                place: None,
                pole: false,
            }
        })
        .collect();
    let mut update_markers: Vec<Marker> = updates
        .iter()
        .map(|&(status, t)| {
            let s = side(t);
            let word = words.status(status);
            let local = t.with_timezone(&tz);
            Marker {
                kind: MarkerKind::Update(status),
                at: t,
                x: edge(t, s),
                side: s,
                label: style.label(word, &local, s),
                tooltip: style.tooltip(words, word, &local),
                place: None,
                pole: false,
            }
        })
        .collect();
    stack(&mut milestone_markers);
    stack(&mut update_markers);

    // The description: sentences of the catalogue, one after the other.
    let mut desc = String::with_capacity(256);
    let sentence = |desc: &mut String| {
        if !desc.is_empty() {
            desc.push_str(&words.desc_separator);
        }
    };
    let first_day = m.date_long(&lo.with_timezone(&tz));
    let last_day = m.date_long(&hi.with_timezone(&tz));
    if first_day == last_day {
        m.fill(
            &mut desc,
            &words.desc_day,
            &[Arg::Text(&first_day), Arg::Text(tz.name())],
        );
    } else {
        m.fill(
            &mut desc,
            &words.desc_days,
            &[
                Arg::Text(&first_day),
                Arg::Text(&last_day),
                Arg::Text(tz.name()),
            ],
        );
    }
    if let Some((s, e)) = scheduled {
        sentence(&mut desc);
        span_text(&mut desc, &words.desc_scheduled, None, s, e);
    }
    let mut list = String::with_capacity(128);
    for lane in &lanes {
        list.clear();
        for (i, b) in lane.bars.iter().enumerate() {
            if i > 0 {
                list.push_str(&words.list_separator);
            }
            // In a sentence: the status's first letter in lower case.
            let mut chars = b.text.chars();
            if let Some(c) = chars.next() {
                list.extend(c.to_lowercase());
                list.push_str(chars.as_str());
            }
        }
        if lane.bars.is_empty() {
            list.push_str(&words.no_impact);
        }
        sentence(&mut desc);
        m.fill(
            &mut desc,
            &words.desc_lane,
            &[Arg::Text(&lane.name), Arg::Text(&list)],
        );
    }
    let labels = |list: &mut String, markers: &[Marker]| {
        list.clear();
        for (i, marker) in markers.iter().enumerate() {
            if i > 0 {
                list.push_str(&words.list_separator);
            }
            list.push_str(&marker.label);
        }
    };
    if !milestone_markers.is_empty() {
        labels(&mut list, &milestone_markers);
        sentence(&mut desc);
        m.fill(&mut desc, &words.desc_milestones, &[Arg::Text(&list)]);
    }
    if !update_markers.is_empty() {
        labels(&mut list, &update_markers);
        sentence(&mut desc);
        m.fill(&mut desc, &words.desc_updates, &[Arg::Text(&list)]);
    }
    let mut title = String::with_capacity(record.title.len() + 16);
    m.fill(&mut title, &words.title, &[Arg::Text(&record.title)]);

    Some(Layout {
        start: scale.start,
        end: scale.end,
        step,
        ticks,
        lanes,
        milestones: milestone_markers,
        updates: update_markers,
        title,
        desc,
        kind,
    })
}

/// The timeline of `record` as an `<svg>` element in the language of `m`, or `None` when
/// there is nothing to draw.
pub fn svg(
    record: &Public<'_>,
    f: &Figures,
    tz: Tz,
    now: DateTime<Utc>,
    m: &Messages,
) -> Option<String> {
    layout(record, f, tz, now, m).map(|l| l.svg(m.timeline()))
}

/// Text made safe for XML content and for attribute values in double quotes, without the
/// characters no document may carry.
pub fn escape(text: &str, out: &mut String) {
    let _ = write!(out, "{}", Esc(text));
}

/// [`escape`] as a value to format: writes runs of plain text at once, and nothing is
/// allocated.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        // Every byte that needs work: markup, a C0 control, or a lead byte of U+FDD0 and
        // above (where the noncharacters are); most texts have none.
        let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0..0x20 | 0xEF..);
        if !text.bytes().any(special) {
            return f.write_str(text);
        }
        let mut plain = 0;
        for (i, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                c if super::forbidden(c) => "",
                _ => continue,
            };
            f.write_str(&text[plain..i])?;
            f.write_str(replacement)?;
            plain = i + c.len_utf8();
        }
        f.write_str(&text[plain..])
    }
}

fn esc(text: &str) -> Esc<'_> {
    Esc(text)
}

/// The `<pattern>` that fills a window of `status`: its colour, and marks of its own so
/// that statuses differ without colour too (major outage solid, partial outage stripes,
/// degraded performance dots, maintenance a grid).
fn pattern(status: ComponentStatus) -> String {
    let s = status.as_str();
    let marks = match status {
        ComponentStatus::MajorOutage => "",
        ComponentStatus::PartialOutage => "<path class=\"tl-x\" d=\"M-2 2l4-4M0 8l8-8M6 10l4-4\"/>",
        ComponentStatus::DegradedPerformance => {
            "<circle class=\"tl-d\" cx=\"2\" cy=\"2\" r=\"1.2\"/><circle class=\"tl-d\" cx=\"6\" cy=\"6\" r=\"1.2\"/>"
        }
        ComponentStatus::UnderMaintenance => "<path class=\"tl-x\" d=\"M0 4h8M4 0v8\"/>",
    };
    format!(
        "<pattern id=\"tl-{s}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect class=\"{s}\" width=\"8\" height=\"8\"/>{marks}</pattern>"
    )
}

impl Layout {
    /// The rows of labels each band needs.
    fn rows(markers: &[Marker]) -> i64 {
        markers
            .iter()
            .filter_map(|m| m.place.map(|p| p.0 as i64 + 1))
            .max()
            .unwrap_or(0)
    }

    /// The SVG element, with the names and legend of `words`. Every text is escaped;
    /// numbers are tenths.
    pub fn svg(&self, words: &Words) -> String {
        let mut o = String::with_capacity(4096);
        let top_rows = Self::rows(&self.milestones);
        let bottom_rows = Self::rows(&self.updates);
        // Top to bottom: milestone labels, milestone markers, lanes, update markers,
        // update labels, the axis, the legend.
        let ms_y = 6 + top_rows * ROW + 6;
        let lanes_y = ms_y + 10;
        let lanes_h = self.lanes.len() as i64 * (LANE + LANE_GAP);
        let up_y = lanes_y + lanes_h + 8;
        let axis_y = up_y + 10 + bottom_rows * ROW + 4;
        let legend_y = axis_y + 52;
        let height = legend_y + 14;

        let statuses: Vec<ComponentStatus> = ComponentStatus::WORST_FIRST
            .iter()
            .rev()
            .copied()
            .filter(|s| {
                self.lanes
                    .iter()
                    .any(|l| l.bars.iter().any(|b| b.status == *s))
            })
            .collect();

        // The drawing runs left to right in every language (its axis is time): `direction`
        // keeps its texts' anchors so on a right-to-left page, and each text's letters still
        // run their own way.
        let _ = write!(
            o,
            "<svg class=\"tl\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" direction=\"ltr\" role=\"img\" aria-labelledby=\"tl-title\" aria-describedby=\"tl-desc\">\n<title id=\"tl-title\">{}</title>\n<desc id=\"tl-desc\">{}</desc>\n",
            esc(&self.title),
            esc(&self.desc)
        );
        if !statuses.is_empty() {
            o.push_str("<defs>");
            for s in &statuses {
                o.push_str(&pattern(*s));
            }
            o.push_str("</defs>\n");
        }

        // Gridlines at the ticks, through the lanes and the updates: one path (the lines
        // never meet, so it draws what a path each would).
        if !self.ticks.is_empty() {
            o.push_str("<path class=\"tl-grid\" d=\"");
            for t in &self.ticks {
                let _ = write!(o, "M{} {}V{}", t.x, u(lanes_y - 4), u(axis_y));
            }
            o.push_str("\"/>\n");
        }

        // The band names.
        let name = |o: &mut String, y: i64, text: &str, full: Option<&str>| {
            let _ = write!(
                o,
                "<text class=\"tl-name\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}",
                u(GUTTER - 8),
                u(y),
                esc(text)
            );
            if let Some(full) = full.filter(|f| *f != text) {
                let _ = write!(o, "<title>{}</title>", esc(full));
            }
            o.push_str("</text>\n");
        };
        if !self.milestones.is_empty() {
            name(&mut o, ms_y + 4, &words.milestones, None);
        }

        // Lanes.
        for (i, lane) in self.lanes.iter().enumerate() {
            let y = lanes_y + i as i64 * (LANE + LANE_GAP);
            name(&mut o, y + 15, &lane.shown, Some(&lane.name));
            let _ = writeln!(
                o,
                "<rect class=\"tl-lane\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                u(X0),
                u(y),
                u(X1 - X0),
                u(LANE)
            );
            if let Some((x, w)) = lane.scheduled {
                let scheduled = esc(&words.scheduled_window);
                let _ = writeln!(
                    o,
                    "<rect class=\"tl-sched\" x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\"><title>{scheduled}</title></rect>",
                    Tenths(y * 10 + 10),
                    u(LANE - 2)
                );
                if lane.bars.is_empty() && text_width(&words.scheduled_window) + 120 <= w.0 {
                    let _ = writeln!(
                        o,
                        "<text class=\"tl-m\" x=\"{}\" y=\"{}\">{scheduled}</text>",
                        Tenths(x.0 + 60),
                        u(y + 15)
                    );
                }
            }
            if lane.bars.is_empty() && self.kind == Kind::Incident {
                let _ = writeln!(
                    o,
                    "<text class=\"tl-m\" x=\"{}\" y=\"{}\">{}</text>",
                    u(X0 + 6),
                    u(y + 15),
                    esc(&words.no_impact)
                );
            }
            for bar in &lane.bars {
                let s = bar.status.as_str();
                let (by, bh) = if self.kind == Kind::Maintenance {
                    (y + 4, LANE - 8)
                } else {
                    (y + 2, LANE - 4)
                };
                let _ = writeln!(
                    o,
                    "<rect class=\"tl-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#tl-{s})\"><title>{}: {}</title></rect>",
                    bar.x,
                    u(by),
                    bar.width,
                    u(bh),
                    esc(&lane.name),
                    esc(&bar.text)
                );
                if bar.open {
                    // An arrow at the end: still going.
                    let end = bar.x.0 + bar.width.0;
                    let _ = writeln!(
                        o,
                        "<path class=\"{s}\" d=\"M{} {}l6 {}l-6 {}z\"/>",
                        Tenths(end),
                        u(by),
                        Tenths(bh * 5),
                        Tenths(bh * 5)
                    );
                }
                if let Some(label) = &bar.label {
                    // On a patch of the plain colour, so that the pattern never crosses it.
                    let _ = writeln!(
                        o,
                        "<rect class=\"{s}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\"/>",
                        Tenths(bar.x.0 + 20),
                        u(y + 4),
                        Tenths(bold_width(label) + 40)
                    );
                    let _ = writeln!(
                        o,
                        "<text class=\"tl-in\" x=\"{}\" y=\"{}\">{}</text>",
                        Tenths(bar.x.0 + 40),
                        u(y + 15),
                        esc(label)
                    );
                }
            }
        }

        // Milestones: a diamond above the lanes, a dashed guide through them.
        for m in &self.milestones {
            let x = m.x;
            if m.side == Side::Inside {
                let _ = writeln!(
                    o,
                    "<path class=\"tl-guide\" d=\"M{x} {}V{}\"/>",
                    u(ms_y),
                    u(up_y)
                );
            }
            marker_shape(&mut o, m, ms_y);
            if let Some((row, ends)) = m.place {
                let ly = ms_y - 10 - row as i64 * ROW;
                label(&mut o, m, ly, ends, (ms_y - 5, ly + 3));
            }
        }

        // Updates: a dot on their line below the lanes, labels below it.
        if !self.updates.is_empty() {
            name(&mut o, up_y + 4, &words.updates, None);
            let _ = writeln!(
                o,
                "<path class=\"tl-grid\" d=\"M{} {}H{}\"/>",
                u(X0),
                u(up_y),
                u(X1)
            );
        }
        for m in &self.updates {
            marker_shape(&mut o, m, up_y);
            if let Some((row, ends)) = m.place {
                let ly = up_y + 18 + row as i64 * ROW;
                label(&mut o, m, ly, ends, (up_y + 5, ly - 10));
            }
        }

        // The axis.
        let _ = writeln!(
            o,
            "<path class=\"tl-axis\" d=\"M{} {}H{}\"/>",
            u(X0),
            u(axis_y),
            u(X1)
        );
        // The tick marks, one path; their labels below them.
        if !self.ticks.is_empty() {
            o.push_str("<path class=\"tl-axis\" d=\"");
            for t in &self.ticks {
                let _ = write!(o, "M{} {}v4", t.x, u(axis_y));
            }
            o.push_str("\"/>\n");
        }
        let mut last_end = i64::MIN;
        let mut last_sub_end = i64::MIN;
        // Each label centred on its tick, if it keeps 4 units from the one before and ends
        // inside the drawing.
        let fits = |x: i64, w: i64, last: i64| x - w / 2 >= last + 40 && x + w / 2 <= WIDTH * 10;
        for t in &self.ticks {
            let w = text_width(&t.label);
            if fits(t.x.0, w, last_end) {
                last_end = t.x.0 + w / 2;
                let _ = writeln!(
                    o,
                    "<text class=\"tl-m\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    t.x,
                    u(axis_y + 16),
                    esc(&t.label)
                );
            }
            if let Some(sub) = &t.sub {
                let w = text_width(sub);
                if fits(t.x.0, w, last_sub_end) {
                    last_sub_end = t.x.0 + w / 2;
                    let _ = writeln!(
                        o,
                        "<text class=\"tl-m\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                        t.x,
                        u(axis_y + 30),
                        esc(sub)
                    );
                }
            }
        }

        // The legend: the statuses drawn, and the schedule of a maintenance.
        let mut lx = X0 * 10;
        let mut item = |o: &mut String, swatch: &str, text: &str| {
            let _ = writeln!(
                o,
                "<rect {swatch} x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/><text class=\"tl-m\" x=\"{}\" y=\"{}\">{}</text>",
                Tenths(lx),
                u(legend_y - 10),
                Tenths(lx + 170),
                u(legend_y),
                esc(text)
            );
            lx += 170 + text_width(text) + 160;
        };
        for s in &statuses {
            item(
                &mut o,
                &format!("class=\"tl-bar\" fill=\"url(#tl-{})\"", s.as_str()),
                words.component(*s),
            );
        }
        if self.lanes.iter().any(|l| l.scheduled.is_some()) {
            item(&mut o, "class=\"tl-sched\"", &words.scheduled_window);
        }
        o.push_str("</svg>");
        o
    }
}

/// A marker: a diamond for a milestone (a line for now), a dot for an update, a triangle
/// at the edge for one outside the axis. Its tooltip gives the exact time.
fn marker_shape(o: &mut String, m: &Marker, y: i64) {
    let x = m.x;
    let class = match m.kind {
        MarkerKind::Now => ("tl-ms tl-now", ""),
        MarkerKind::Milestone => ("tl-ms", ""),
        MarkerKind::Update(s) => ("tl-up status-", s.as_str()),
    };
    let class = format_args!("{}{}", class.0, class.1);
    let tip = esc(&m.tooltip);
    match (m.side, m.kind) {
        (Side::After, _) => {
            let _ = writeln!(
                o,
                "<path class=\"{class}\" d=\"M{} {}l8 5l-8 5z\"><title>{tip}</title></path>",
                Tenths(x.0 - 40),
                u(y - 5)
            );
        }
        (Side::Before, _) => {
            let _ = writeln!(
                o,
                "<path class=\"{class}\" d=\"M{} {}l-8 5l8 5z\"><title>{tip}</title></path>",
                Tenths(x.0 + 40),
                u(y - 5)
            );
        }
        (Side::Inside, MarkerKind::Milestone | MarkerKind::Now) => {
            let _ = writeln!(
                o,
                "<path class=\"{class}\" d=\"M{x} {}l5 5l-5 5l-5-5z\"><title>{tip}</title></path>",
                u(y - 5)
            );
        }
        (Side::Inside, MarkerKind::Update(_)) => {
            let _ = writeln!(
                o,
                "<circle class=\"{class}\" cx=\"{x}\" cy=\"{}\" r=\"4.5\"><title>{tip}</title></circle>",
                u(y)
            );
        }
    }
}

/// A marker's label at baseline `y`, with a thin pole from the marker to it (`pole`: from,
/// to) when it sits in a row away from the marker.
fn label(o: &mut String, m: &Marker, y: i64, ends: bool, pole: (i64, i64)) {
    let x = m.x.0;
    let (tx, anchor) = if ends {
        (x - 30, " text-anchor=\"end\"")
    } else {
        (x + 30, "")
    };
    if m.pole {
        let _ = writeln!(
            o,
            "<path class=\"tl-pole\" d=\"M{} {}V{}\"/>",
            m.x,
            u(pole.0),
            u(pole.1)
        );
    }
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\"{anchor}>{}</text>",
        Tenths(tx),
        u(y),
        esc(&m.label)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::figures;
    use crate::model::Record;

    fn en() -> std::sync::Arc<Messages> {
        Messages::english()
    }

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn labels(ticks: &[Tick]) -> Vec<(String, Option<String>)> {
        ticks
            .iter()
            .map(|t| (t.label.clone(), t.sub.clone()))
            .collect()
    }

    #[test]
    fn steps_fit_the_span() {
        let cases = [
            (TimeDelta::seconds(30), Step::Minutes(1)),
            (TimeDelta::minutes(5), Step::Minutes(1)),
            (TimeDelta::minutes(8), Step::Minutes(1)),
            (TimeDelta::minutes(9), Step::Minutes(2)),
            (TimeDelta::minutes(2 * 60 + 12), Step::Minutes(30)),
            (TimeDelta::hours(2), Step::Minutes(15)),
            (TimeDelta::hours(79), Step::Minutes(720)),
            (TimeDelta::days(3), Step::Minutes(720)),
            (TimeDelta::days(5), Step::Days(1)),
            (TimeDelta::days(40), Step::Days(7)),
            (TimeDelta::days(400), Step::Months(3)),
            (TimeDelta::days(365 * 9000), Step::Months(12000)),
        ];
        for (span, want) in cases {
            assert_eq!(choose_step(span), want, "{span}");
        }
    }

    #[test]
    fn ticks_of_a_five_minute_blip() {
        let ticks = ticks(
            t("2026-04-07T19:40:50Z"),
            t("2026-04-07T19:47:25Z"),
            Step::Minutes(1),
            chrono_tz::Europe::Madrid,
            &en(),
        );
        assert_eq!(
            labels(&ticks),
            [
                ("9:41 PM".into(), Some("Apr 7 (CEST)".into())),
                ("9:42 PM".into(), None),
                ("9:43 PM".into(), None),
                ("9:44 PM".into(), None),
                ("9:45 PM".into(), None),
                ("9:46 PM".into(), None),
                ("9:47 PM".into(), None),
            ]
        );
        // 395 s over 560 units from x = 140: a minute is 85.1 units.
        let xs: Vec<String> = ticks.iter().map(|t| t.x.to_string()).collect();
        assert_eq!(
            xs,
            [
                "154.2", "239.2", "324.3", "409.4", "494.4", "579.5", "664.6"
            ]
        );
    }

    #[test]
    fn ticks_of_two_hours_and_of_three_days() {
        let two_hours = ticks(
            t("2025-04-02T17:39:00Z"),
            t("2025-04-02T19:51:00Z"),
            Step::Minutes(30),
            chrono_tz::UTC,
            &en(),
        );
        assert_eq!(
            labels(&two_hours),
            [
                ("6:00 PM".into(), Some("Apr 2 (UTC)".into())),
                ("6:30 PM".into(), None),
                ("7:00 PM".into(), None),
                ("7:30 PM".into(), None),
            ]
        );
        // Three days in New York: noon and midnight, each new day dated.
        let days = ticks(
            t("2025-06-01T10:00:00Z"),
            t("2025-06-04T12:00:00Z"),
            Step::Minutes(720),
            chrono_tz::America::New_York,
            &en(),
        );
        assert_eq!(
            labels(&days),
            [
                ("12:00 PM".into(), Some("Jun 1 (EDT)".into())),
                ("12:00 AM".into(), Some("Jun 2".into())),
                ("12:00 PM".into(), None),
                ("12:00 AM".into(), Some("Jun 3".into())),
                ("12:00 PM".into(), None),
                ("12:00 AM".into(), Some("Jun 4".into())),
            ]
        );
        assert_eq!(days[0].at, t("2025-06-01T16:00:00Z"));
    }

    #[test]
    fn ticks_across_a_change_of_the_clocks() {
        let madrid = chrono_tz::Europe::Madrid;
        // Back: 03:00 CEST is 02:00 CET; 02:00 comes twice, an hour apart.
        let back = ticks(
            t("2025-10-25T22:30:00Z"),
            t("2025-10-26T02:30:00Z"),
            Step::Minutes(60),
            madrid,
            &en(),
        );
        assert_eq!(
            labels(&back),
            [
                ("1:00 AM".into(), Some("Oct 26 (CEST)".into())),
                ("2:00 AM".into(), None),
                ("2:00 AM".into(), Some("(CET)".into())),
                ("3:00 AM".into(), None),
            ]
        );
        let at: Vec<_> = back.iter().map(|t| t.at).collect();
        assert_eq!(
            at,
            [
                t("2025-10-25T23:00:00Z"),
                t("2025-10-26T00:00:00Z"),
                t("2025-10-26T01:00:00Z"),
                t("2025-10-26T02:00:00Z"),
            ]
        );
        // Forward: 02:00 CET never happens; three-hourly ticks keep to 00, 03, 06.
        let forward = ticks(
            t("2025-03-29T22:00:00Z"),
            t("2025-03-30T06:00:00Z"),
            Step::Minutes(60),
            madrid,
            &en(),
        );
        assert_eq!(
            labels(&forward)
                .iter()
                .map(|l| l.0.as_str())
                .collect::<Vec<_>>(),
            [
                "11:00 PM", "12:00 AM", "1:00 AM", "3:00 AM", "4:00 AM", "5:00 AM", "6:00 AM",
                "7:00 AM", "8:00 AM"
            ]
        );
        assert_eq!(forward[0].sub.as_deref(), Some("Mar 29 (CET)"));
        assert_eq!(forward[1].sub.as_deref(), Some("Mar 30"));
        assert_eq!(forward[3].sub.as_deref(), Some("(CEST)"));
        assert_eq!(forward[3].at - forward[2].at, TimeDelta::hours(1));
        let three = tick_instants(
            t("2025-03-29T22:00:00Z"),
            t("2025-03-30T06:00:00Z"),
            Step::Minutes(180),
            madrid,
        );
        assert_eq!(
            three,
            [
                t("2025-03-29T23:00:00Z"),
                t("2025-03-30T01:00:00Z"),
                t("2025-03-30T04:00:00Z"),
            ]
        );
        // Days: midnights, 23 hours apart on the day the clocks go forward.
        let days = tick_instants(
            t("2025-03-28T12:00:00Z"),
            t("2025-04-01T12:00:00Z"),
            Step::Days(1),
            madrid,
        );
        assert_eq!(days[1] - days[0], TimeDelta::hours(24));
        assert_eq!(days[2] - days[1], TimeDelta::hours(23));
        assert_eq!(days[1], t("2025-03-29T23:00:00Z"));
    }

    #[test]
    fn ticks_in_a_zone_off_the_hour() {
        // Kathmandu is UTC+05:45: ticks are on its own quarter hours and hours.
        let ticks = tick_instants(
            t("2025-01-01T00:00:00Z"),
            t("2025-01-01T03:00:00Z"),
            Step::Minutes(60),
            chrono_tz::Asia::Kathmandu,
        );
        assert_eq!(
            ticks,
            [
                t("2025-01-01T00:15:00Z"),
                t("2025-01-01T01:15:00Z"),
                t("2025-01-01T02:15:00Z"),
            ]
        );
    }

    fn record(yaml: &str) -> Record {
        let value: serde_json::Value = serde_json::from_str(yaml).unwrap();
        serde_json::from_value(value).unwrap()
    }

    fn lay(r: &Record, tz: Tz, now: &str) -> Layout {
        lay_in(&en(), r, tz, now)
    }

    fn lay_in(m: &Messages, r: &Record, tz: Tz, now: &str) -> Layout {
        let now = t(now);
        let public = Public::of(r);
        layout(&public, &figures(r, now), tz, now, m).unwrap()
    }

    #[test]
    fn a_five_minute_blip_reads_in_seconds() {
        let r = record(
            r#"{"title": "Health check", "severity": "major", "components": ["Web app"],
            "impact": {"windows": [{"component": "Web app", "status": "major_outage",
              "start": "2026-04-07T19:41:20Z", "end": "2026-04-07T19:46:55Z"}]},
            "updates": [
              {"at": "2026-04-07T19:41:20Z", "status": "investigating"},
              {"at": "2026-04-07T19:46:55Z", "status": "resolved"}]}"#,
        );
        let l = lay(&r, chrono_tz::Europe::Madrid, "2026-04-10T00:00:00Z");
        assert_eq!(l.step, Step::Minutes(1));
        assert_eq!(
            (l.start, l.end),
            (t("2026-04-07T19:40:50Z"), t("2026-04-07T19:47:25Z"))
        );
        let bar = &l.lanes[0].bars[0];
        assert_eq!((bar.x, bar.width), (Tenths(1825), Tenths(4750)));
        assert_eq!(bar.label.as_deref(), Some("Major outage · 5m"));
        let m: Vec<(&str, Option<(usize, bool)>)> = l
            .milestones
            .iter()
            .map(|m| (m.label.as_str(), m.place))
            .collect();
        assert_eq!(
            m,
            [
                ("Started 9:41:20 PM", Some((0, false))),
                ("Mitigated 9:46:55 PM", Some((0, true))),
                ("Resolved 9:46:55 PM", Some((1, true))),
            ]
        );
        assert_eq!(
            l.desc,
            "April 7, 2026, times in Europe/Madrid. Web app: major outage 9:41:20 PM–9:46:55 PM (5m). \
             Started 9:41:20 PM, Mitigated 9:46:55 PM, Resolved 9:46:55 PM. \
             Updates: Investigating 9:41:20 PM, Resolved 9:46:55 PM."
        );
    }

    /// The blip above in German and in Japanese: every word from the catalogue, times
    /// as the language writes them.
    #[test]
    fn the_chart_speaks_the_sites_language() {
        let r = record(
            r#"{"title": "Health check", "severity": "major", "components": ["Web app"],
            "impact": {"windows": [{"component": "Web app", "status": "major_outage",
              "start": "2026-04-07T19:41:20Z", "end": "2026-04-07T19:46:55Z"}]},
            "updates": [
              {"at": "2026-04-07T19:41:20Z", "status": "investigating"},
              {"at": "2026-04-07T19:46:55Z", "status": "resolved"},
              {"at": "2026-04-20T08:00:00Z", "status": "postmortem"}]}"#,
        );
        let madrid = chrono_tz::Europe::Madrid;
        let de = Messages::load("de", None, None).unwrap();
        let l = lay_in(&de, &r, madrid, "2026-05-01T00:00:00Z");
        assert_eq!(l.title, "Zeitleiste: Health check");
        assert_eq!(
            l.lanes[0].bars[0].label.as_deref(),
            Some("Schwerer Ausfall · 5 Min.")
        );
        assert_eq!(
            l.lanes[0].bars[0].text,
            "Schwerer Ausfall 21:41:20–21:46:55 (5 Min.)"
        );
        assert_eq!(
            l.desc,
            "7. April 2026, Zeiten in Europe/Madrid. Web app: schwerer Ausfall \
             21:41:20–21:46:55 (5 Min.). Beginn 21:41:20, Eingedämmt 21:46:55, Behoben 21:46:55. \
             Meldungen: Wird untersucht 21:41:20, Behoben 21:46:55, Postmortem 20. Apr. 10:00."
        );
        assert_eq!(
            l.updates[0].tooltip,
            "Wird untersucht, 07.04.2026, 21:41 CEST"
        );
        assert_eq!(
            labels(&l.ticks)[0],
            ("21:41".to_owned(), Some("7. Apr. (CEST)".to_owned()))
        );
        let svg = l.svg(de.timeline());
        for text in [
            ">Meilensteine</text>",
            ">Meldungen</text>",
            ">Schwerer Ausfall</text>",
        ] {
            assert!(svg.contains(text), "{text}: {svg}");
        }
        assert!(
            !svg.contains("Milestones") && !svg.contains("Updates"),
            "{svg}"
        );

        let ja = Messages::load("ja", None, None).unwrap();
        let l = lay_in(&ja, &r, madrid, "2026-05-01T00:00:00Z");
        assert_eq!(l.title, "Health check のタイムライン");
        assert_eq!(
            l.desc,
            "2026年4月7日、時刻は Europe/Madrid。Web app：重大な障害 21:41:20–21:46:55（5分）。\
             開始 21:41:20、緩和 21:46:55、解決 21:46:55。\
             更新：調査中 21:41:20、解決済み 21:46:55、ポストモーテム 4月20日 10:00。"
        );
        assert_eq!(
            l.lanes[0].bars[0].label.as_deref(),
            Some("重大な障害 · 5分")
        );
        assert_eq!(l.updates[2].tooltip, "ポストモーテム 2026/04/20 10:00 CEST");
        // Full-width letters are estimated as such: the labels that end at their
        // marker, and the rows they take.
        let m: Vec<(&str, Option<(usize, bool)>)> = l
            .milestones
            .iter()
            .map(|m| (m.label.as_str(), m.place))
            .collect();
        assert_eq!(
            m,
            [
                ("開始 21:41:20", Some((0, false))),
                ("緩和 21:46:55", Some((0, true))),
                ("解決 21:46:55", Some((1, true))),
            ]
        );
        assert_eq!(text_width("緩和 21:46:55"), 2 * 120 + 42 + 6 * 77 + 2 * 42);
        let svg = l.svg(ja.timeline());
        assert!(svg.contains(">マイルストーン</text>"), "{svg}");
        assert!(svg.contains(">更新</text>"), "{svg}");
    }

    #[test]
    fn an_open_window_runs_to_now_in_every_language() {
        let r = record(
            r#"{"title": "Slow", "severity": "minor", "components": ["API"],
            "impact": {"windows": [{"component": "API", "status": "degraded_performance",
              "start": "2025-11-01T09:00:00Z"}]},
            "updates": [{"at": "2025-11-01T09:05:00Z", "status": "investigating"}]}"#,
        );
        let fr = Messages::load("fr", None, None).unwrap();
        let l = lay_in(&fr, &r, chrono_tz::UTC, "2025-11-01T10:00:00Z");
        let now = l.milestones.last().unwrap();
        assert_eq!(
            (now.kind, now.label.as_str()),
            (MarkerKind::Now, "Maintenant 10:00")
        );
        assert_eq!(
            l.lanes[0].bars[0].text,
            "Performances dégradées depuis 09:00 (en cours)"
        );
        assert_eq!(
            l.lanes[0].bars[0].label.as_deref(),
            Some("Performances dégradées · en cours")
        );
        let svg = l.svg(fr.timeline());
        assert_eq!(svg.matches("class=\"tl-ms tl-now\"").count(), 1, "{svg}");
    }

    #[test]
    fn a_three_day_incident_keeps_a_short_window_visible() {
        let r = record(
            r#"{"title": "Slow", "severity": "minor", "components": ["API", "Search"],
            "detected_at": "2025-06-01T11:00:00Z",
            "impact": {"windows": [
              {"component": "API", "status": "degraded_performance",
               "start": "2025-06-01T10:00:00Z", "end": "2025-06-04T10:00:00Z"},
              {"component": "Search", "status": "major_outage",
               "start": "2025-06-02T08:00:00Z", "end": "2025-06-02T08:01:00Z"}]},
            "updates": [
              {"at": "2025-06-01T11:00:00Z", "status": "investigating"},
              {"at": "2025-06-04T10:30:00Z", "status": "resolved"}]}"#,
        );
        let l = lay(&r, chrono_tz::UTC, "2025-07-01T00:00:00Z");
        assert_eq!(l.step, Step::Minutes(720));
        let blip = &l.lanes[1].bars[0];
        assert_eq!(blip.width, Tenths(MIN_BAR * 10));
        assert_eq!(blip.label, None);
        assert_eq!(blip.text, "Major outage Jun 2 8:00 AM–Jun 2 8:01 AM (1m)");
        let long = &l.lanes[0].bars[0];
        assert_eq!(long.label.as_deref(), Some("Degraded performance · 3d"));
        // Dated labels, each in its own place.
        let m: Vec<&str> = l.milestones.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(
            m,
            [
                "Started Jun 1 10:00 AM",
                "Detected Jun 1 11:00 AM",
                "Mitigated Jun 4 10:00 AM",
                "Resolved Jun 4 10:30 AM"
            ]
        );
        let places: Vec<_> = l.milestones.iter().map(|m| m.place).collect();
        assert_eq!(
            places,
            [
                Some((0, false)),
                Some((1, false)),
                Some((0, true)),
                Some((1, true))
            ]
        );
        assert_eq!(
            labels(&l.ticks)
                .iter()
                .map(|l| l.0.as_str())
                .collect::<Vec<_>>(),
            [
                "12:00 PM", "12:00 AM", "12:00 PM", "12:00 AM", "12:00 PM", "12:00 AM", "12:00 PM"
            ]
        );
    }

    #[test]
    fn a_late_postmortem_is_drawn_at_the_edge_with_its_date() {
        let r = record(
            r#"{"title": "503s", "severity": "major", "components": ["Spaces"],
            "impact": {"windows": [{"component": "Spaces", "status": "partial_outage",
              "start": "2025-04-02T17:45:00Z", "end": "2025-04-02T19:04:00Z"}]},
            "updates": [
              {"at": "2025-04-02T17:53:40Z", "status": "investigating"},
              {"at": "2025-04-02T19:08:10Z", "status": "resolved"},
              {"at": "2025-04-24T19:11:00Z", "status": "postmortem"}]}"#,
        );
        let l = lay(&r, chrono_tz::UTC, "2026-01-01T00:00:00Z");
        let pm = &l.updates[2];
        assert_eq!(pm.side, Side::After);
        assert_eq!(pm.x, u(X1 + 6));
        assert_eq!(pm.label, "Postmortem Apr 24 7:11 PM");
        assert_eq!(pm.place, Some((1, true)));
        assert!(l.end < t("2025-04-02T20:00:00Z"));
    }

    #[test]
    fn a_maintenance_shows_its_schedule_and_what_happened() {
        let r = record(
            r#"{"title": "Upgrade", "kind": "maintenance", "components": ["Database"],
            "scheduled": {"start": "2025-05-31T08:00:00Z", "end": "2025-05-31T09:00:00Z"},
            "updates": [
              {"at": "2025-05-24T10:00:00Z", "status": "scheduled"},
              {"at": "2025-05-31T08:05:00Z", "status": "in_progress"},
              {"at": "2025-05-31T09:20:00Z", "status": "completed"}]}"#,
        );
        let l = lay(&r, chrono_tz::UTC, "2025-06-01T00:00:00Z");
        let lane = &l.lanes[0];
        let (x, w) = lane.scheduled.unwrap();
        let bar = &lane.bars[0];
        assert_eq!(bar.status, ComponentStatus::UnderMaintenance);
        assert_eq!(bar.text, "In progress 8:05 AM–9:20 AM (1h 15m)");
        // The work began after the window opened and ended after it closed.
        assert!(bar.x > x && bar.x.0 + bar.width.0 > x.0 + w.0);
        // The announcement a week before is at the left edge, dated.
        let announced = &l.updates[0];
        assert_eq!(announced.side, Side::Before);
        assert_eq!(announced.label, "Scheduled May 24 10:00 AM");
        let m: Vec<&str> = l.milestones.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(m, ["Completed 9:20 AM"]);
        assert!(
            l.desc.contains(
                "Scheduled 8:00 AM–9:00 AM (1h). Database: in progress 8:05 AM–9:20 AM (1h 15m)."
            ),
            "{}",
            l.desc
        );
    }

    #[test]
    fn hostile_names_are_escaped() {
        let r = record(
            r#"{"title": "<script>alert(1)</script> & \"q\" 'a'", "severity": "major",
            "components": ["<svg onload=alert(1)>"],
            "impact": {"windows": [{"component": "<svg onload=alert(1)>", "status": "major_outage",
              "start": "2025-01-01T10:00:00Z", "end": "2025-01-01T11:00:00Z"}]},
            "updates": [{"at": "2025-01-01T11:30:00Z", "status": "resolved"}]}"#,
        );
        let svg = lay(&r, chrono_tz::UTC, "2025-02-01T00:00:00Z").svg(en().timeline());
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<svg onload"), "{svg}");
        assert!(svg.contains(
            "<title id=\"tl-title\">Timeline of &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;</title>"
        ));
        assert!(svg.contains(">&lt;svg onload=alert(1)&gt;<"), "{svg}");
        assert_eq!(svg.matches("<svg").count(), 1);
        let mut out = String::new();
        escape("a\u{1}b\u{fffe}<", &mut out);
        assert_eq!(out, "ab&lt;");
    }

    #[test]
    fn long_names_are_cut_to_the_gutter() {
        assert_eq!(fit("Web app", 1200), "Web app");
        assert_eq!(
            fit("Background jobs and the billing pipeline", 1200),
            "Background jobs…"
        );
        assert_eq!(Tenths(-15).to_string(), "-1.5");
        assert_eq!(Tenths(1200).to_string(), "120");
        assert_eq!(Tenths(7).to_string(), "0.7");
    }
}
