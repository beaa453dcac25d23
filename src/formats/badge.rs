//! `badge.svg`: a shields-style badge of a status, in words, for READMEs and dashboards.
//! Plain SVG, no script, no external font: the width is estimated from the text.

use crate::model::ComponentStatus;

/// The colour of a status on a badge (shields' palette).
pub fn colour(status: Option<ComponentStatus>) -> &'static str {
    match status {
        None => "#3fa34d",
        Some(ComponentStatus::UnderMaintenance) => "#007ec6",
        Some(ComponentStatus::DegradedPerformance) => "#b8860b",
        Some(ComponentStatus::PartialOutage) => "#c2570c",
        Some(ComponentStatus::MajorOutage) => "#c0392b",
    }
}

/// Escapes text for XML content and attributes.
fn escape(s: &str) -> String {
    let s = crate::render::printable(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The width of `text` at 11 px Verdana, estimated: narrow letters 5 px, wide ones 9, the
/// rest 7, rounded up to whole pixels.
fn text_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' | 'f' | 't'
            | 'r' => 4,
            'm' | 'w' | 'M' | 'W' => 10,
            c if c.is_ascii_uppercase() => 8,
            _ => 7,
        })
        .sum()
}

/// A badge reading `label | message`, the message on `colour`. Accessible: `role="img"`,
/// its words as `aria-label` and `<title>`.
pub fn svg(label: &str, message: &str, colour: &str) -> String {
    let (lw, mw) = (text_width(label) + 12, text_width(message) + 12);
    let width = lw + mw;
    let words = escape(&format!("{label}: {message}"));
    let (label, message) = (escape(label), escape(message));
    let (lx, mx) = (lw * 5, lw * 10 + mw * 5);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{words}"><title>{words}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{mw}" height="20" fill="{colour}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110"><text x="{lx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)">{label}</text><text x="{lx}" y="140" transform="scale(.1)">{label}</text><text x="{mx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)">{message}</text><text x="{mx}" y="140" transform="scale(.1)">{message}</text></g></svg>
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_says_its_status_in_words_and_escapes_its_text() {
        let b = svg(
            "A&B <x>",
            "major outage",
            colour(Some(ComponentStatus::MajorOutage)),
        );
        assert!(b.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="147" height="20" role="img" aria-label="A&amp;B &lt;x&gt;: major outage"><title>A&amp;B &lt;x&gt;: major outage</title>"#), "{b}");
        assert!(
            b.contains(r##"<rect x="60" width="87" height="20" fill="#c0392b"/>"##),
            "{b}"
        );
        assert!(!b.contains("<x>"));
    }
}
