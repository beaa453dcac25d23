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

impl Tenths {
    /// Writes its digits into the end of `buf` (at most 22 bytes: `i64::MIN`), and returns
    /// where they begin.
    fn digits(self, buf: &mut [u8; 24]) -> usize {
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
        i
    }

    /// Appends its text to `out`, as `Display` writes it, without the formatting machinery
    /// (the SVG prints hundreds of numbers): ASCII bytes pushed one by one into a `String`
    /// that has room for them.
    fn push_to(self, out: &mut String) {
        let mut buf = [0; 24];
        let i = self.digits(&mut buf);
        for &b in &buf[i..] {
            // Only ASCII was written: a byte each.
            out.push(if b.is_ascii() { char::from(b) } else { '?' });
        }
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0; 24];
        let i = self.digits(&mut buf);
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
    let scale = Scale::new(start, end);
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
    /// The span in milliseconds (at least 1), computed once for every position.
    span: i64,
}

impl Scale {
    fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Scale {
        Scale {
            start,
            end,
            span: (end - start).num_milliseconds().max(1),
        }
    }

    fn x(&self, t: DateTime<Utc>) -> Tenths {
        const WIDTH: i64 = (X1 - X0) * 10;
        let at = (t - self.start).num_milliseconds();
        // Rounded to the nearest tenth (halves up), in integers: in 64 bits while the
        // products fit (every real record), else in 128.
        let offset = match at
            .checked_mul(WIDTH * 2)
            .and_then(|a| a.checked_add(self.span))
            .zip(self.span.checked_mul(2))
        {
            Some((a, span2)) => a.div_euclid(span2),
            None => {
                let (at, span) = (i128::from(at), i128::from(self.span));
                let offset = (at * i128::from(WIDTH) * 2 + span).div_euclid(span * 2);
                offset.clamp(-i128::from(WIDTH), 2 * i128::from(WIDTH)) as i64
            }
        };
        Tenths(X0 * 10 + offset.clamp(-WIDTH, 2 * WIDTH))
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
const fn char_width(c: char) -> i64 {
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
    text.chars()
        .map(|c| match ASCII_WIDTHS.get(c as usize) {
            Some(&w) => i64::from(w),
            None => char_width(c),
        })
        .sum()
}

/// [`char_width`] of each ASCII character, looked up rather than matched (labels are
/// mostly ASCII).
const ASCII_WIDTHS: [u8; 128] = {
    let mut widths = [0; 128];
    let mut c = 0;
    while c < 128 {
        widths[c] = char_width(c as u8 as char) as u8;
        c += 1;
    }
    widths
};

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
    /// `time` is a buffer for the time, reused from marker to marker.
    fn tooltip(
        &self,
        words: &Words,
        word: &str,
        local: &DateTime<Tz>,
        time: &mut String,
    ) -> String {
        time.clear();
        self.m.write(Form::DateTime, time, local);
        let mut o = String::with_capacity(word.len() + time.len() + 4);
        self.m
            .fill(&mut o, &words.tooltip, &[Arg::Text(word), Arg::Text(time)]);
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
    let scale = Scale::new(lo - pad, hi + pad);
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

    // Each marker placed, its label and tooltip written (the tooltip's time through one
    // buffer for all of them).
    let mut time = String::with_capacity(40);
    let mut marker = |kind: MarkerKind, word: &str, at: DateTime<Utc>| {
        let (side, x) = if scale.contains(at) {
            (Side::Inside, scale.x(at))
        } else if at < scale.start {
            (Side::Before, u(X0 - 6))
        } else {
            (Side::After, u(X1 + 6))
        };
        let local = at.with_timezone(&tz);
        Marker {
            kind,
            at,
            x,
            side,
            label: style.label(word, &local, side),
            tooltip: style.tooltip(words, word, &local, &mut time),
            place: None,
            pole: false,
        }
    };
    let mut milestone_markers: Vec<Marker> = milestones
        .iter()
        .map(|&(word, at, kind)| marker(kind, word, at))
        .collect();
    let mut update_markers: Vec<Marker> = updates
        .iter()
        .map(|&(status, at)| marker(MarkerKind::Update(status), words.status(status), at))
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
/// characters no document may carry. Runs of plain text are copied at once, and nothing is
/// allocated.
pub fn escape(text: &str, out: &mut String) {
    // Every byte that needs work: markup, a C0 control, or a lead byte of U+F000 and above
    // (where the noncharacters are). Tabs and line breaks are kept, on the slow path.
    // Without short-circuits, so that a block's test is a few vector instructions.
    fn special(b: u8) -> bool {
        !(0x20..0xEF).contains(&b)
            | (b == b'&')
            | (b == b'<')
            | (b == b'>')
            | (b == b'"')
            | (b == b'\'')
    }
    const BLOCK: usize = 16;
    let bytes = text.as_bytes();
    // Where the text not yet copied begins, and the byte looked at.
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // A block of plain bytes is passed at once: its test has no early exit, so that
        // the compiler can vectorise it.
        let block = bytes
            .get(i..i + BLOCK)
            .and_then(|b| <&[u8; BLOCK]>::try_from(b).ok());
        if block.is_some_and(|b| !b.iter().fold(false, |seen, &b| seen | special(b))) {
            i += BLOCK;
            continue;
        }
        // Else the block (or the tail) byte by byte.
        let end = (i + BLOCK).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let (replacement, len) = match b {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' => ("&quot;", 1),
                b'\'' => ("&#39;", 1),
                b'\t' | b'\n' | b'\r' => {
                    i += 1;
                    continue;
                }
                0..0x20 => ("", 1),
                0xEF.. => {
                    // A lead byte: `i` is where a character begins.
                    let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                    if !super::forbidden(c) {
                        i += c.len_utf8();
                        continue;
                    }
                    ("", c.len_utf8())
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.push_str(&text[plain..i]);
            out.push_str(replacement);
            i += len;
            plain = i;
        }
    }
    out.push_str(&text[plain..]);
}

/// The SVG's text as it is written: one `String`, markup copied in as it is, numbers
/// written by hand ([`Tenths::push_to`]), texts escaped ([`escape`]) — no formatting
/// machinery and no `String` per element.
struct Svg(String);

impl Svg {
    /// Markup, as it is.
    #[inline(always)]
    fn raw(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// A number, in tenths (`12`, `12.5`).
    #[inline(always)]
    fn num(&mut self, n: Tenths) -> &mut Self {
        n.push_to(&mut self.0);
        self
    }

    /// A text from the record or the catalogue, escaped.
    #[inline(always)]
    fn text(&mut self, text: &str) -> &mut Self {
        escape(text, &mut self.0);
        self
    }

    /// An attribute with a number: ` name="12.5"`.
    #[inline(always)]
    fn attr(&mut self, name: &str, n: Tenths) -> &mut Self {
        self.raw(" ").raw(name).raw("=\"").num(n).raw("\"")
    }

    /// The point `M12.5 30` of a path.
    #[inline(always)]
    fn move_to(&mut self, x: Tenths, y: Tenths) -> &mut Self {
        self.raw("M").num(x).raw(" ").num(y)
    }

    /// `<title>text</title>`: a tooltip.
    #[inline(always)]
    fn title(&mut self, text: &str) -> &mut Self {
        self.raw("<title>").text(text).raw("</title>")
    }
}

/// The `<pattern>` that fills a window of `status`: its colour, and marks of its own so
/// that statuses differ without colour too (major outage solid, partial outage stripes,
/// degraded performance dots, maintenance a grid).
fn pattern(o: &mut Svg, status: ComponentStatus) {
    let s = status.as_str();
    let marks = match status {
        ComponentStatus::MajorOutage => "",
        ComponentStatus::PartialOutage => "<path class=\"tl-x\" d=\"M-2 2l4-4M0 8l8-8M6 10l4-4\"/>",
        ComponentStatus::DegradedPerformance => {
            "<circle class=\"tl-d\" cx=\"2\" cy=\"2\" r=\"1.2\"/><circle class=\"tl-d\" cx=\"6\" cy=\"6\" r=\"1.2\"/>"
        }
        ComponentStatus::UnderMaintenance => "<path class=\"tl-x\" d=\"M0 4h8M4 0v8\"/>",
    };
    o.raw("<pattern id=\"tl-")
        .raw(s)
        .raw("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect class=\"")
        .raw(s)
        .raw("\" width=\"8\" height=\"8\"/>")
        .raw(marks)
        .raw("</pattern>");
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

    /// About the length of the SVG, so that its `String` is allocated once: the fixed
    /// parts, and a generous share per lane, marker and tick.
    fn size_hint(&self) -> usize {
        let markers = self.milestones.iter().chain(&self.updates);
        let marker_texts: usize = markers.map(|m| m.label.len() + m.tooltip.len()).sum();
        let lane_texts: usize = self
            .lanes
            .iter()
            .map(|l| 2 * l.name.len() + l.bars.iter().map(|b| b.text.len()).sum::<usize>())
            .sum();
        1600 + self.title.len()
            + self.desc.len()
            + 600 * self.lanes.len()
            + 200 * (self.milestones.len() + self.updates.len())
            + 140 * self.ticks.len()
            + marker_texts
            + lane_texts
    }

    /// The SVG element, with the names and legend of `words`. Every text is escaped;
    /// numbers are tenths.
    pub fn svg(&self, words: &Words) -> String {
        let mut o = Svg(String::with_capacity(self.size_hint()));
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
        o.raw("<svg class=\"tl\" viewBox=\"0 0 ")
            .num(u(WIDTH))
            .raw(" ")
            .num(u(height))
            .raw("\"")
            .attr("width", u(WIDTH))
            .attr("height", u(height))
            .raw(" direction=\"ltr\" role=\"img\" aria-labelledby=\"tl-title\" aria-describedby=\"tl-desc\">\n<title id=\"tl-title\">")
            .text(&self.title)
            .raw("</title>\n<desc id=\"tl-desc\">")
            .text(&self.desc)
            .raw("</desc>\n");
        if !statuses.is_empty() {
            o.raw("<defs>");
            for s in &statuses {
                pattern(&mut o, *s);
            }
            o.raw("</defs>\n");
        }

        // Gridlines at the ticks, through the lanes and the updates: one path (the lines
        // never meet, so it draws what a path each would).
        if !self.ticks.is_empty() {
            o.raw("<path class=\"tl-grid\" d=\"");
            for t in &self.ticks {
                o.move_to(t.x, u(lanes_y - 4)).raw("V").num(u(axis_y));
            }
            o.raw("\"/>\n");
        }

        // The band names.
        let name = |o: &mut Svg, y: i64, text: &str, full: Option<&str>| {
            o.raw("<text class=\"tl-name\"")
                .attr("x", u(GUTTER - 8))
                .attr("y", u(y))
                .raw(" text-anchor=\"end\">")
                .text(text);
            if let Some(full) = full.filter(|f| *f != text) {
                o.title(full);
            }
            o.raw("</text>\n");
        };
        if !self.milestones.is_empty() {
            name(&mut o, ms_y + 4, &words.milestones, None);
        }

        // Lanes.
        for (i, lane) in self.lanes.iter().enumerate() {
            let y = lanes_y + i as i64 * (LANE + LANE_GAP);
            name(&mut o, y + 15, &lane.shown, Some(&lane.name));
            o.raw("<rect class=\"tl-lane\"")
                .attr("x", u(X0))
                .attr("y", u(y))
                .attr("width", u(X1 - X0))
                .attr("height", u(LANE))
                .raw("/>\n");
            if let Some((x, w)) = lane.scheduled {
                let scheduled = &words.scheduled_window;
                o.raw("<rect class=\"tl-sched\"")
                    .attr("x", x)
                    .attr("y", Tenths(y * 10 + 10))
                    .attr("width", w)
                    .attr("height", u(LANE - 2))
                    .raw(">")
                    .title(scheduled)
                    .raw("</rect>\n");
                if lane.bars.is_empty() && text_width(scheduled) + 120 <= w.0 {
                    o.raw("<text class=\"tl-m\"")
                        .attr("x", Tenths(x.0 + 60))
                        .attr("y", u(y + 15))
                        .raw(">")
                        .text(scheduled)
                        .raw("</text>\n");
                }
            }
            if lane.bars.is_empty() && self.kind == Kind::Incident {
                o.raw("<text class=\"tl-m\"")
                    .attr("x", u(X0 + 6))
                    .attr("y", u(y + 15))
                    .raw(">")
                    .text(&words.no_impact)
                    .raw("</text>\n");
            }
            for bar in &lane.bars {
                let s = bar.status.as_str();
                let (by, bh) = if self.kind == Kind::Maintenance {
                    (y + 4, LANE - 8)
                } else {
                    (y + 2, LANE - 4)
                };
                o.raw("<rect class=\"tl-bar\"")
                    .attr("x", bar.x)
                    .attr("y", u(by))
                    .attr("width", bar.width)
                    .attr("height", u(bh))
                    .raw(" fill=\"url(#tl-")
                    .raw(s)
                    .raw(")\"><title>")
                    .text(&lane.name)
                    .raw(": ")
                    .text(&bar.text)
                    .raw("</title></rect>\n");
                if bar.open {
                    // An arrow at the end: still going.
                    let end = bar.x.0 + bar.width.0;
                    o.raw("<path class=\"")
                        .raw(s)
                        .raw("\" d=\"")
                        .move_to(Tenths(end), u(by))
                        .raw("l6 ")
                        .num(Tenths(bh * 5))
                        .raw("l-6 ")
                        .num(Tenths(bh * 5))
                        .raw("z\"/>\n");
                }
                if let Some(label) = &bar.label {
                    // On a patch of the plain colour, so that the pattern never crosses it.
                    o.raw("<rect class=\"")
                        .raw(s)
                        .raw("\"")
                        .attr("x", Tenths(bar.x.0 + 20))
                        .attr("y", u(y + 4))
                        .attr("width", Tenths(bold_width(label) + 40))
                        .raw(" height=\"14\"/>\n<text class=\"tl-in\"")
                        .attr("x", Tenths(bar.x.0 + 40))
                        .attr("y", u(y + 15))
                        .raw(">")
                        .text(label)
                        .raw("</text>\n");
                }
            }
        }

        // Milestones: a diamond above the lanes, a dashed guide through them.
        for m in &self.milestones {
            if m.side == Side::Inside {
                o.raw("<path class=\"tl-guide\" d=\"")
                    .move_to(m.x, u(ms_y))
                    .raw("V")
                    .num(u(up_y))
                    .raw("\"/>\n");
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
            o.raw("<path class=\"tl-grid\" d=\"")
                .move_to(u(X0), u(up_y))
                .raw("H")
                .num(u(X1))
                .raw("\"/>\n");
        }
        for m in &self.updates {
            marker_shape(&mut o, m, up_y);
            if let Some((row, ends)) = m.place {
                let ly = up_y + 18 + row as i64 * ROW;
                label(&mut o, m, ly, ends, (up_y + 5, ly - 10));
            }
        }

        // The axis.
        o.raw("<path class=\"tl-axis\" d=\"")
            .move_to(u(X0), u(axis_y))
            .raw("H")
            .num(u(X1))
            .raw("\"/>\n");
        // The tick marks, one path; their labels below them.
        if !self.ticks.is_empty() {
            o.raw("<path class=\"tl-axis\" d=\"");
            for t in &self.ticks {
                o.move_to(t.x, u(axis_y)).raw("v4");
            }
            o.raw("\"/>\n");
        }
        let mut last_end = i64::MIN;
        let mut last_sub_end = i64::MIN;
        // Each label centred on its tick, if it keeps 4 units from the one before and ends
        // inside the drawing.
        let fits = |x: i64, w: i64, last: i64| x - w / 2 >= last + 40 && x + w / 2 <= WIDTH * 10;
        let tick_label = |o: &mut Svg, x: Tenths, y: i64, text: &str| {
            o.raw("<text class=\"tl-m\"")
                .attr("x", x)
                .attr("y", u(y))
                .raw(" text-anchor=\"middle\">")
                .text(text)
                .raw("</text>\n");
        };
        for t in &self.ticks {
            let w = text_width(&t.label);
            if fits(t.x.0, w, last_end) {
                last_end = t.x.0 + w / 2;
                tick_label(&mut o, t.x, axis_y + 16, &t.label);
            }
            if let Some(sub) = &t.sub {
                let w = text_width(sub);
                if fits(t.x.0, w, last_sub_end) {
                    last_sub_end = t.x.0 + w / 2;
                    tick_label(&mut o, t.x, axis_y + 30, sub);
                }
            }
        }

        // The legend: the statuses drawn (each a swatch of its pattern), and the schedule
        // of a maintenance.
        let mut lx = X0 * 10;
        let mut item = |o: &mut Svg, status: Option<ComponentStatus>, text: &str| {
            match status {
                Some(s) => o
                    .raw("<rect class=\"tl-bar\" fill=\"url(#tl-")
                    .raw(s.as_str())
                    .raw(")\""),
                None => o.raw("<rect class=\"tl-sched\""),
            };
            o.attr("x", Tenths(lx))
                .attr("y", u(legend_y - 10))
                .raw(" width=\"12\" height=\"12\"/><text class=\"tl-m\"")
                .attr("x", Tenths(lx + 170))
                .attr("y", u(legend_y))
                .raw(">")
                .text(text)
                .raw("</text>\n");
            lx += 170 + text_width(text) + 160;
        };
        for s in &statuses {
            item(&mut o, Some(*s), words.component(*s));
        }
        if self.lanes.iter().any(|l| l.scheduled.is_some()) {
            item(&mut o, None, &words.scheduled_window);
        }
        o.raw("</svg>");
        o.0
    }
}

/// A marker: a diamond for a milestone (a line for now), a dot for an update, a triangle
/// at the edge for one outside the axis. Its tooltip gives the exact time.
fn marker_shape(o: &mut Svg, m: &Marker, y: i64) {
    let x = m.x;
    let (class, status) = match m.kind {
        MarkerKind::Now => ("tl-ms tl-now", ""),
        MarkerKind::Milestone => ("tl-ms", ""),
        MarkerKind::Update(s) => ("tl-up status-", s.as_str()),
    };
    let dot = m.side == Side::Inside && matches!(m.kind, MarkerKind::Update(_));
    o.raw(if dot {
        "<circle class=\""
    } else {
        "<path class=\""
    })
    .raw(class)
    .raw(status)
    .raw("\"");
    match (m.side, m.kind) {
        (Side::After, _) => o
            .raw(" d=\"")
            .move_to(Tenths(x.0 - 40), u(y - 5))
            .raw("l8 5l-8 5z\""),
        (Side::Before, _) => o
            .raw(" d=\"")
            .move_to(Tenths(x.0 + 40), u(y - 5))
            .raw("l-8 5l8 5z\""),
        (Side::Inside, MarkerKind::Update(_)) => o.attr("cx", x).attr("cy", u(y)).raw(" r=\"4.5\""),
        (Side::Inside, MarkerKind::Milestone | MarkerKind::Now) => {
            o.raw(" d=\"").move_to(x, u(y - 5)).raw("l5 5l-5 5l-5-5z\"")
        }
    };
    o.raw(">")
        .title(&m.tooltip)
        .raw(if dot { "</circle>\n" } else { "</path>\n" });
}

/// A marker's label at baseline `y`, with a thin pole from the marker to it (`pole`: from,
/// to) when it sits in a row away from the marker.
fn label(o: &mut Svg, m: &Marker, y: i64, ends: bool, pole: (i64, i64)) {
    let x = m.x.0;
    let (tx, anchor) = if ends {
        (x - 30, " text-anchor=\"end\"")
    } else {
        (x + 30, "")
    };
    if m.pole {
        o.raw("<path class=\"tl-pole\" d=\"")
            .move_to(m.x, u(pole.0))
            .raw("V")
            .num(u(pole.1))
            .raw("\"/>\n");
    }
    o.raw("<text")
        .attr("x", Tenths(tx))
        .attr("y", u(y))
        .raw(anchor)
        .raw(">")
        .text(&m.label)
        .raw("</text>\n");
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
        // Written into the one allocation its size hint asked for.
        assert!(
            svg.len() <= l.size_hint(),
            "{} > {}",
            svg.len(),
            l.size_hint()
        );
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
        // Written into the one allocation its size hint asked for.
        assert!(
            svg.len() <= l.size_hint(),
            "{} > {}",
            svg.len(),
            l.size_hint()
        );
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
        // Written into the one allocation its size hint asked for.
        assert!(
            svg.len() <= l.size_hint(),
            "{} > {}",
            svg.len(),
            l.size_hint()
        );
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

    /// The SVG's numbers, written by hand, read as `{:.1}` of the number of units with a
    /// trailing `.0` dropped (what the chart has always printed).
    #[test]
    fn tenths_are_written_as_before() {
        let expected = |n: i64| {
            let (sign, a) = (if n < 0 { "-" } else { "" }, n.unsigned_abs());
            match a % 10 {
                0 => format!("{sign}{}", a / 10),
                d => format!("{sign}{}.{d}", a / 10),
            }
        };
        let written = |n: i64| {
            let mut o = String::from("x=");
            Tenths(n).push_to(&mut o);
            o
        };
        let edges = [
            0,
            1,
            -1,
            5,
            -5,
            9,
            10,
            -10,
            11,
            99,
            100,
            105,
            -105,
            7200,
            i64::from(i32::MAX),
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ];
        for n in edges.into_iter().chain(-2_000..=2_000) {
            assert_eq!(written(n), format!("x={}", expected(n)), "{n}");
            assert_eq!(Tenths(n).to_string(), expected(n), "{n}");
        }
        assert_eq!(written(0), "x=0");
        assert_eq!(written(-5), "x=-0.5");
        assert_eq!(written(105), "x=10.5");
        assert_eq!(written(i64::MAX), "x=922337203685477580.7");
        assert_eq!(written(i64::MIN), "x=-922337203685477580.8");
    }

    /// Positions are rounded to the nearest tenth, halves up (`x.05` units to `x.1`), in
    /// 64-bit integers while they fit and in 128 bits beyond.
    #[test]
    fn positions_round_half_up() {
        // 11.2 s over 560 units: a tenth of a unit is 2 ms.
        let start = t("2025-01-01T00:00:00Z");
        let scale = Scale::new(start, start + TimeDelta::milliseconds(11_200));
        let at = |ms: i64| scale.x(start + TimeDelta::milliseconds(ms)).0;
        assert_eq!(at(0), X0 * 10);
        assert_eq!(at(1), X0 * 10 + 1);
        assert_eq!(at(2), X0 * 10 + 1);
        assert_eq!(at(3), X0 * 10 + 2);
        assert_eq!(at(-1), X0 * 10);
        assert_eq!(at(-3), X0 * 10 - 1);
        assert_eq!(at(11_200), X1 * 10);
        // Far outside: clamped to a plot's width beyond either end.
        assert_eq!(at(-1_000_000), X0 * 10 - (X1 - X0) * 10);
        assert_eq!(at(1_000_000), X0 * 10 + 2 * (X1 - X0) * 10);
        // Under a millisecond is dropped, towards the start.
        assert_eq!(
            scale.x(start + TimeDelta::microseconds(2_999)).0,
            X0 * 10 + 1
        );
        // A span of 400,000 years: the products pass 64 bits.
        let from = NaiveDate::from_ymd_opt(-200_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        let to = NaiveDate::from_ymd_opt(200_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        let wide = Scale::new(from, to);
        let middle = from + (to - from) / 2;
        assert_eq!(wide.x(middle), Tenths((X0 + X1) * 5));
        assert_eq!(wide.x(from), Tenths(X0 * 10));
        assert_eq!(wide.x(to), Tenths(X1 * 10));
    }

    /// Escaping by runs writes what escaping each character did: markup replaced, the
    /// characters no document may carry dropped, everything else (full-width punctuation,
    /// emoji, tabs and newlines) kept.
    #[test]
    fn escaping_by_runs_is_escaping_each_character() {
        let one_by_one = |text: &str| {
            let mut o = String::new();
            for c in text.chars() {
                match c {
                    '&' => o.push_str("&amp;"),
                    '<' => o.push_str("&lt;"),
                    '>' => o.push_str("&gt;"),
                    '"' => o.push_str("&quot;"),
                    '\'' => o.push_str("&#39;"),
                    c if super::super::forbidden(c) => {}
                    c => o.push(c),
                }
            }
            o
        };
        let texts = [
            "",
            "plain",
            "&",
            "a&b<c>d\"e'f",
            "\t\n\r",
            "\u{0}\u{1}\u{1f}x",
            "\u{7f}",
            "Web app：重大な障害（5分）",
            "\u{f000}\u{fdcf}\u{fdd0}\u{fdef}\u{fdf0}\u{fffd}\u{fffe}\u{ffff}",
            "\u{1f600} \u{1fffe}\u{1ffff}\u{10fffd}\u{10ffff}",
            "Schwerer Ausfall · 5 Min. <&>",
            "tail\u{fffe}",
            "\u{fffe}head",
        ];
        for text in texts {
            let mut o = String::from("[");
            escape(text, &mut o);
            assert_eq!(o, format!("[{}", one_by_one(text)), "{text:?}");
        }
        // Each kind of byte at every place of a text longer than two blocks.
        for odd in [
            "&",
            "\"",
            "\u{1}",
            "\n",
            "：",
            "\u{fdd0}",
            "\u{ffff}",
            "\u{1fffe}",
            "é",
            "障",
        ] {
            for at in 0..40 {
                let text = format!("{}{odd}{}", "a".repeat(at), "b".repeat(40 - at));
                let mut o = String::new();
                escape(&text, &mut o);
                assert_eq!(o, one_by_one(&text), "{text:?}");
            }
        }
        let mut o = String::new();
        escape("重大な障害：<b>\u{fdd0}", &mut o);
        assert_eq!(o, "重大な障害：&lt;b&gt;");
    }
}
