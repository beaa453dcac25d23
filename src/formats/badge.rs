//! `badge.svg`: a shields-style badge of a status, in words, for READMEs and dashboards.
//! Plain SVG, no script, no external font: the width is estimated from the text.

use crate::model::ComponentStatus;

/// The colour of a status on a badge: the stylesheet's light-mode status colours, on which
/// the badge's white 11 px text keeps WCAG's 4.5:1 (shields' own green and blue do not).
pub fn colour(status: Option<ComponentStatus>) -> &'static str {
    match status {
        None => "#1a7f37",
        Some(ComponentStatus::UnderMaintenance) => "#0969da",
        Some(ComponentStatus::DegradedPerformance) => "#9a6700",
        Some(ComponentStatus::PartialOutage) => "#bc4c00",
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

    /// WCAG's contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let luminance = |hex: &str| {
            let c = |i: usize| {
                let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn white_text_keeps_wcag_aa_contrast_on_every_status_colour() {
        let ratios: Vec<(&str, String)> = [None]
            .into_iter()
            .chain(ComponentStatus::WORST_FIRST.map(Some))
            .map(|s| {
                let c = colour(s);
                (c, format!("{:.2}", contrast("#ffffff", c)))
            })
            .collect();
        assert_eq!(
            ratios,
            [
                ("#1a7f37", "5.08".to_owned()),
                ("#c0392b", "5.44".to_owned()),
                ("#bc4c00", "5.03".to_owned()),
                ("#9a6700", "4.87".to_owned()),
                ("#0969da", "5.19".to_owned()),
            ]
        );
        // The label's grey, too.
        assert_eq!(format!("{:.2}", contrast("#ffffff", "#555555")), "7.46");
    }
}
