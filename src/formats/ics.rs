//! `maintenance.ics`: every maintenance as an iCalendar event (RFC 5545), so that a team can
//! subscribe to planned windows.

use chrono::{DateTime, FixedOffset};

use crate::model::{Kind, Public, Record};

fn stamp(t: &DateTime<FixedOffset>) -> String {
    t.to_utc().format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a character) and ends it with CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The calendar `name` (the site's language's `calendar-name`: `Acme Cloud maintenance`)
/// of every maintenance in `records` (public parts only), ordered by start.
pub fn calendar(name: &str, site_url: &str, records: &[&Public<'_>]) -> String {
    let host = site_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .filter(|h| !h.is_empty())
        .unwrap_or("postmortem");
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//postmortem//status page//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    let mut maintenances: Vec<&&Public<'_>> = records
        .iter()
        .filter(|r| r.kind == Kind::Maintenance)
        .collect();
    maintenances.sort_by(|a, b| {
        let key = |r: &Record| r.scheduled.as_ref().map(|s| s.start.to_utc());
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    for r in maintenances {
        let Some(s) = &r.scheduled else { continue };
        let updated = r.updates.iter().map(|u| u.at).max().unwrap_or(s.start);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@{host}", r.id));
        line(&mut out, &format!("DTSTAMP:{}", stamp(&updated)));
        // Each update may change the window: calendars take the higher SEQUENCE as the newer.
        line(
            &mut out,
            &format!("SEQUENCE:{}", r.updates.len().saturating_sub(1)),
        );
        line(&mut out, &format!("LAST-MODIFIED:{}", stamp(&updated)));
        line(&mut out, &format!("DTSTART:{}", stamp(&s.start)));
        line(&mut out, &format!("DTEND:{}", stamp(&s.end)));
        line(&mut out, &format!("SUMMARY:{}", escape(&r.title)));
        if let Some(first) = r.updates.first().filter(|u| !u.body.trim().is_empty()) {
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(first.body.trim())),
            );
        }
        if !r.components.is_empty() {
            line(
                &mut out,
                &format!(
                    "CATEGORIES:{}",
                    r.components
                        .iter()
                        .map(|c| escape(c))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            );
        }
        line(
            &mut out,
            &format!("URL:{site_url}{}", crate::config::page_path(&r.id)),
        );
        line(&mut out, "STATUS:CONFIRMED");
        line(&mut out, "TRANSP:OPAQUE");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1].starts_with(' '));
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }
}
