//! The times status pages print for people: `Apr 2, 19:08 UTC`, `Jan  8, 10:33 PM PST`,
//! `Apr 2, 2025 - 19:08 CEST`, `Aug 10, 00:17 - 01:30 UTC` (a window). A zone is an
//! abbreviation, `UTC`/`GMT`, or an offset (`UTC+2`, `+05:30`); a date without a year takes
//! the year of the entry it belongs to.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone};

/// Why a printed time cannot be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WhenError {
    #[error("not a date and time this tool reads (like `Apr 2, 19:08 UTC`)")]
    Unreadable,
    #[error("unknown time zone `{0}`")]
    UnknownZone(String),
    #[error(
        "the time zone `{zone}` is ambiguous ({choices}) and the entry's own offset is none of them"
    )]
    AmbiguousZone { zone: String, choices: String },
    #[error("no such date: {0}")]
    NoSuchDate(String),
    #[error("{weekday} does not match the date: {date} is a {actual}")]
    Weekday {
        weekday: String,
        date: String,
        actual: String,
    },
}

/// Offsets in minutes east of UTC. Several names mean more than one zone: those list every
/// meaning, and the entry's own offset picks one.
fn zone(name: &str) -> Option<&'static [(&'static str, i32)]> {
    Some(match name {
        "UTC" | "GMT" | "Z" | "UT" | "WET" => &[("", 0)],
        "BST" | "WEST" | "CET" | "MET" => &[("", 60)],
        "CEST" | "MEST" | "EET" | "SAST" => &[("", 120)],
        "EEST" | "MSK" | "EAT" => &[("", 180)],
        "GST" => &[("", 240)],
        "PKT" => &[("", 300)],
        "IST" => &[("India", 330), ("Ireland", 60), ("Israel", 120)],
        "NPT" => &[("", 345)],
        "ICT" | "WIB" => &[("", 420)],
        "SGT" | "HKT" | "AWST" | "PHT" | "WITA" => &[("", 480)],
        "JST" | "KST" | "WIT" => &[("", 540)],
        "ACST" => &[("", 570)],
        "AEST" | "ACDT" => &[("", 600)],
        "AEDT" => &[("", 660)],
        "NZST" => &[("", 720)],
        "NZDT" => &[("", 780)],
        "AST" => &[("Atlantic", -240), ("Arabia", 180)],
        "ADT" => &[("", -180)],
        "BRT" | "ART" => &[("", -180)],
        "EDT" => &[("", -240)],
        "EST" | "CDT" => &[("", -300)],
        "CST" | "MDT" => &[("", -360)],
        "MST" | "PDT" => &[("", -420)],
        "PST" | "AKDT" => &[("", -480)],
        "AKST" => &[("", -540)],
        "HST" => &[("", -600)],
        _ => return None,
    })
}

/// `+2`, `+05:30`, `-0800` as minutes east.
fn offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => {
            let (h, m) = digits.split_at(digits.len() - 2);
            (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)
        }
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn zone_offset(token: &str, entry: FixedOffset) -> Result<i32, WhenError> {
    let upper = token.to_ascii_uppercase();
    if let Some(minutes) = offset(&upper) {
        return Ok(minutes);
    }
    for prefix in ["UTC", "GMT"] {
        if let Some(rest) = upper.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return offset(rest).ok_or_else(|| WhenError::UnknownZone(token.to_owned()));
        }
    }
    let choices = zone(&upper).ok_or_else(|| WhenError::UnknownZone(token.to_owned()))?;
    if let [(_, minutes)] = choices {
        return Ok(*minutes);
    }
    let own = entry.local_minus_utc() / 60;
    choices
        .iter()
        .find(|(_, m)| *m == own)
        .map(|(_, m)| *m)
        .ok_or_else(|| WhenError::AmbiguousZone {
            zone: token.to_owned(),
            choices: choices
                .iter()
                .map(|(place, m)| format!("{place} {}", hours(*m)))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn hours(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

const NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn month(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.').to_ascii_lowercase();
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS
        .iter()
        .position(|m| *m == t || (t == "sept" && *m == "sep"))
        .or_else(|| full.iter().position(|m| *m == t))?;
    Some(i as u32 + 1)
}

fn weekday(token: &str) -> Option<usize> {
    let t = token.trim_end_matches('.').to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .position(|d| t.len() >= 3 && (t == *d || t.starts_with(d) && t.ends_with("day")))
}

/// `19:08`, `7:08`, `10:33:05`, with `AM`/`PM` (attached or not) read as a 12-hour clock.
fn clock(token: &str, meridiem: Option<&str>) -> Option<NaiveTime> {
    let lower = token.to_ascii_lowercase();
    let (digits, attached) = if let Some(d) = lower.strip_suffix("am") {
        (d, Some("am"))
    } else if let Some(d) = lower.strip_suffix("pm") {
        (d, Some("pm"))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = digits.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let h = match attached.or(meridiem) {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some("am") => h % 12,
        Some(_) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(h, m, s)
}

fn meridiem(token: &str) -> Option<&'static str> {
    match token.to_ascii_lowercase().replace('.', "").as_str() {
        "am" => Some("am"),
        "pm" => Some("pm"),
        _ => None,
    }
}

/// A printed time; `entry` is the date of the entry it belongs to (its year, for a date
/// without one, and its offset, to tell an ambiguous zone).
pub fn parse(text: &str, entry: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>, WhenError> {
    parse_window(text, entry).map(|(start, _)| start)
}

/// A printed time, or a window (`Aug 10, 00:17 - 01:30 UTC`, `Aug 10, 22:00 - Aug 11, 02:00
/// UTC`): its start and, for a window, its end.
pub fn parse_window(
    text: &str,
    entry: DateTime<FixedOffset>,
) -> Result<(DateTime<FixedOffset>, Option<DateTime<FixedOffset>>), WhenError> {
    let cleaned = text.replace([',', '\u{a0}'], " ");
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let mut i = 0;
    let next = |i: &mut usize| -> Option<&str> {
        let t = tokens.get(*i).copied();
        *i += 1;
        t
    };
    let mut named_day = None;
    let mut t = next(&mut i).ok_or(WhenError::Unreadable)?;
    if let Some(d) = weekday(t) {
        named_day = Some((d, t.to_owned()));
        t = next(&mut i).ok_or(WhenError::Unreadable)?;
    }
    let m = month(t).ok_or(WhenError::Unreadable)?;
    let day: u32 = next(&mut i)
        .and_then(|d| d.parse().ok())
        .ok_or(WhenError::Unreadable)?;
    let mut year = None;
    let mut t = next(&mut i).ok_or(WhenError::Unreadable)?;
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        year = t.parse::<i32>().ok();
        t = next(&mut i).ok_or(WhenError::Unreadable)?;
    }
    if matches!(t, "-" | "at" | "@") {
        t = next(&mut i).ok_or(WhenError::Unreadable)?;
    }
    let ampm = tokens.get(i).and_then(|t| meridiem(t));
    if ampm.is_some() {
        i += 1;
    }
    let start_time = clock(t, ampm).ok_or(WhenError::Unreadable)?;
    // The rest: a zone, or `- end [zone]`, or nothing (the entry's own offset).
    let mut end: Option<(Option<(u32, u32)>, NaiveTime)> = None;
    let mut zone_token = None;
    while let Some(t) = next(&mut i) {
        if matches!(t, "-" | "–" | "to") && end.is_none() && zone_token.is_none() {
            let mut t = next(&mut i).ok_or(WhenError::Unreadable)?;
            let mut end_day = None;
            if let Some(m) = month(t) {
                let d: u32 = next(&mut i)
                    .and_then(|d| d.parse().ok())
                    .ok_or(WhenError::Unreadable)?;
                end_day = Some((m, d));
                t = next(&mut i).ok_or(WhenError::Unreadable)?;
            }
            let ampm = tokens.get(i).and_then(|t| meridiem(t));
            if ampm.is_some() {
                i += 1;
            }
            end = Some((end_day, clock(t, ampm).ok_or(WhenError::Unreadable)?));
        } else if zone_token.is_none() {
            zone_token = Some(t);
        } else {
            return Err(WhenError::Unreadable);
        }
    }
    let minutes = match zone_token {
        Some(z) => zone_offset(z, *entry.offset())?,
        None => entry.offset().local_minus_utc() / 60,
    };
    let tz = FixedOffset::east_opt(minutes * 60).ok_or(WhenError::Unreadable)?;
    let at =
        |y: i32, m: u32, d: u32, time: NaiveTime| -> Result<DateTime<FixedOffset>, WhenError> {
            let date = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                WhenError::NoSuchDate(format!("{} {d}, {y}", NAMES[m as usize - 1]))
            })?;
            tz.from_local_datetime(&date.and_time(time))
                .single()
                .ok_or(WhenError::Unreadable)
        };
    let start = match year {
        Some(y) => at(y, m, day, start_time)?,
        None => {
            // The latest of the years around the entry's that is not after it (a day's
            // grace for zones ahead of the entry's): Dec 31 in an entry of Jan 1 is the
            // year before.
            let candidates: Vec<DateTime<FixedOffset>> = (-1..=1)
                .filter_map(|k| at(entry.year() + k, m, day, start_time).ok())
                .collect();
            let limit = entry + TimeDelta::days(1);
            candidates
                .iter()
                .filter(|c| **c <= limit)
                .max()
                .or_else(|| candidates.iter().min())
                .copied()
                .ok_or_else(|| WhenError::NoSuchDate(format!("{} {day}", NAMES[m as usize - 1])))?
        }
    };
    if let Some((d, name)) = named_day {
        let actual = start.weekday().num_days_from_monday() as usize;
        if actual != d {
            return Err(WhenError::Weekday {
                weekday: name,
                date: start.format("%Y-%m-%d").to_string(),
                actual: start.format("%A").to_string(),
            });
        }
    }
    let end = match end {
        None => None,
        Some((end_day, time)) => {
            let (m, d) = end_day.unwrap_or((m, day));
            let mut e = at(start.year(), m, d, time)?;
            if e < start && end_day.is_some() {
                e = at(start.year() + 1, m, d, time)?;
            } else if e < start {
                // `23:00 - 01:00`: the end is on the next day.
                e += TimeDelta::days(1);
            }
            Some(e)
        }
    };
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc2822(s).unwrap()
    }

    fn at(text: &str, e: &str) -> Result<String, String> {
        parse(text, entry(e))
            .map(|t| t.to_rfc3339())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_forms_real_pages_print() {
        let utc = "Thu, 24 Apr 2025 19:11:00 +0000";
        let cases = [
            ("Apr 2, 19:08 UTC", "2025-04-02T19:08:00+00:00"),
            ("Apr  2, 19:08 UTC", "2025-04-02T19:08:00+00:00"),
            ("Apr 2, 10:33 PM PDT", "2025-04-02T22:33:00-07:00"),
            ("Apr 2, 12:05 AM PST", "2025-04-02T00:05:00-08:00"),
            ("Apr 2, 12:05PM EST", "2025-04-02T12:05:00-05:00"),
            ("Apr 2, 09:00 CET", "2025-04-02T09:00:00+01:00"),
            ("April 2, 09:00 CEST", "2025-04-02T09:00:00+02:00"),
            ("Apr 2, 2024 - 09:00 JST", "2024-04-02T09:00:00+09:00"),
            ("Apr 2, 09:00 AEST", "2025-04-02T09:00:00+10:00"),
            ("Apr 2, 09:00 GMT+2", "2025-04-02T09:00:00+02:00"),
            ("Apr 2, 09:00 +05:30", "2025-04-02T09:00:00+05:30"),
            ("Apr 2, 09:00 BST", "2025-04-02T09:00:00+01:00"),
            ("Apr 2, 09:00 CDT", "2025-04-02T09:00:00-05:00"),
            ("Apr 2, 09:00 MST", "2025-04-02T09:00:00-07:00"),
            ("Apr 2, 09:00 MDT", "2025-04-02T09:00:00-06:00"),
            ("Apr 2, 09:00 EDT", "2025-04-02T09:00:00-04:00"),
            ("Apr 2, 09:00 CST", "2025-04-02T09:00:00-06:00"),
            ("Wed, Apr 2, 09:00 UTC", "2025-04-02T09:00:00+00:00"),
        ];
        for (text, want) in cases {
            assert_eq!(at(text, utc), Ok(want.to_owned()), "{text}");
        }
    }

    #[test]
    fn the_year_comes_from_the_entry_across_new_year() {
        assert_eq!(
            at("Dec 31, 23:00 UTC", "Wed, 01 Jan 2025 10:00:00 +0000"),
            Ok("2024-12-31T23:00:00+00:00".to_owned())
        );
        assert_eq!(
            at("Jan 1, 01:00 JST", "Tue, 31 Dec 2024 17:00:00 +0000"),
            Ok("2025-01-01T01:00:00+09:00".to_owned())
        );
        assert_eq!(
            at("Dec 31, 11:30 PM PST", "Wed, 01 Jan 2025 08:00:00 +0000"),
            Ok("2024-12-31T23:30:00-08:00".to_owned())
        );
    }

    #[test]
    fn an_ambiguous_or_unknown_zone_or_a_wrong_weekday_is_an_error() {
        assert_eq!(
            at("Apr 2, 09:00 IST", "Thu, 24 Apr 2025 19:11:00 +0000"),
            Err("the time zone `IST` is ambiguous (India +05:30, Ireland +01:00, Israel +02:00) and the entry's own offset is none of them".to_owned())
        );
        assert_eq!(
            at("Apr 2, 09:00 IST", "Thu, 24 Apr 2025 19:11:00 +0530"),
            Ok("2025-04-02T09:00:00+05:30".to_owned())
        );
        assert_eq!(
            at("Apr 2, 09:00 XYZT", "Thu, 24 Apr 2025 19:11:00 +0000"),
            Err("unknown time zone `XYZT`".to_owned())
        );
        assert_eq!(
            at("Mon, Apr 2, 09:00 UTC", "Thu, 24 Apr 2025 19:11:00 +0000"),
            Err("Mon does not match the date: 2025-04-02 is a Wednesday".to_owned())
        );
        assert_eq!(
            at("Feb 30, 09:00 UTC", "Thu, 24 Apr 2025 19:11:00 +0000"),
            Err("no such date: Feb 30".to_owned())
        );
        assert_eq!(
            at("13:00 PM UTC", "Thu, 24 Apr 2025 19:11:00 +0000"),
            Err("not a date and time this tool reads (like `Apr 2, 19:08 UTC`)".to_owned())
        );
    }

    #[test]
    fn a_window_has_an_end() {
        let e = entry("Thu, 24 Apr 2025 19:11:00 +0000");
        let w = |s: &str| {
            let (a, b) = parse_window(s, e).unwrap();
            (a.to_rfc3339(), b.map(|b| b.to_rfc3339()))
        };
        assert_eq!(
            w("Aug 10, 00:17 - 01:30 UTC"),
            (
                "2024-08-10T00:17:00+00:00".to_owned(),
                Some("2024-08-10T01:30:00+00:00".to_owned())
            )
        );
        assert_eq!(
            w("Apr 20, 22:00 - Apr 21, 02:00 PDT"),
            (
                "2025-04-20T22:00:00-07:00".to_owned(),
                Some("2025-04-21T02:00:00-07:00".to_owned())
            )
        );
    }
}
