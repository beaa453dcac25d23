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

/// The advance of each printable ASCII character (from the space, U+0020, to `~`) at
/// 11 px, in tenths of a pixel (rounded up): DejaVu Sans, the badge's fallback font where
/// Verdana is not installed (measured in Chromium). Verdana's are within half a pixel of
/// these for most letters (its `I` and `J` are wider); `textLength` absorbs the rest.
const ASCII_TENTHS: [u16; 95] = [
    35, 45, 51, 93, 70, 105, 86, 31, 43, 43, 55, 93, 35, 40, 35, 38, // space to /
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 38, 38, 93, 93, 93, 59, // 0 to ?
    110, 76, 76, 77, 85, 70, 64, 86, 83, 33, 33, 73, 62, 95, 83, 87, // @ to O
    67, 87, 77, 70, 68, 81, 76, 109, 76, 68, 76, 43, 38, 43, 93, 55, // P to _
    55, 68, 70, 61, 70, 68, 39, 70, 70, 31, 31, 64, 31, 108, 70, 68, // ` to o
    70, 70, 46, 58, 44, 70, 66, 90, 66, 66, 58, 70, 38, 70, 93, // p to ~
];

/// Whether `c` is written a full em wide: the East Asian wide and fullwidth blocks (CJK
/// ideographs and punctuation, kana, Hangul, fullwidth forms; Unicode's East Asian Width
/// `W` and `F`), and emoji.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x231A..=0x231B
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD)
}

/// The width of `text` at 11 px (the badge's Verdana, or DejaVu Sans in its place), in
/// whole pixels, rounded up: ASCII by each character's own advance; a wide character
/// (CJK, kana, Hangul, fullwidth forms) 1 em, 11 px; a combining mark nothing; any other
/// letter as a wide Latin one (8.7 px for a capital, 7 for the rest: `Ä`, `ß`, `é`, Cyrillic
/// and Greek run about that), so that the estimate errs wide rather than letting text out
/// of its box.
pub fn text_width(text: &str) -> usize {
    let tenths: usize = text
        .chars()
        .map(|c| {
            let n = u32::from(c);
            match n {
                0x20..=0x7E => usize::from(ASCII_TENTHS[(n - 0x20) as usize]),
                0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
                _ if is_wide(c) => 110,
                _ if c.is_uppercase() => 87,
                _ => 70,
            }
        })
        .sum();
    tenths.div_ceil(10)
}

/// A badge reading `label | message`, the message on `colour`; `words` (the site's
/// language's `badge-words`: `API: partial outage`) is what a screen reader says of it.
/// Accessible: `role="img"`, its words as `aria-label` and `<title>`. Each text is given
/// its estimated `textLength`, so that a font wider than the estimate is squeezed into the
/// box rather than spilling out of it, as shields' badges do.
pub fn svg(label: &str, message: &str, words: &str, colour: &str) -> String {
    let (ltw, mtw) = (text_width(label), text_width(message));
    let (lw, mw) = (ltw + 12, mtw + 12);
    let width = lw + mw;
    let words = escape(words);
    let (label, message) = (escape(label), escape(message));
    let (lx, mx) = (lw * 5, lw * 10 + mw * 5);
    let (ll, ml) = (ltw * 10, mtw * 10);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{words}"><title>{words}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{mw}" height="20" fill="{colour}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110"><text x="{lx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="{ll}">{label}</text><text x="{lx}" y="140" transform="scale(.1)" textLength="{ll}">{label}</text><text x="{mx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="{ml}">{message}</text><text x="{mx}" y="140" transform="scale(.1)" textLength="{ml}">{message}</text></g></svg>
"##
    )
}

/// The badge of `name` in `status` (`operational`, a component status, or `incident`),
/// in the words of `m`: `badge-status` is the status as the middle of a sentence (`partial
/// outage`, German `teilweiser Ausfall`: no word's case is changed by code), `badge-words`
/// the whole (`API: partial outage`).
pub fn of(m: &crate::render::i18n::Messages, name: &str, status: &str, colour: &str) -> String {
    let status = m.format("badge-status", &[("status", status.into())]);
    let words = m.format(
        "badge-words",
        &[("name", name.into()), ("status", status.as_str().into())],
    );
    svg(name, &status, &words, colour)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_says_its_status_in_words_and_escapes_its_text() {
        let b = svg(
            "A&B <x>",
            "major outage",
            "A&B <x>: major outage",
            colour(Some(ComponentStatus::MajorOutage)),
        );
        assert!(b.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="152" height="20" role="img" aria-label="A&amp;B &lt;x&gt;: major outage"><title>A&amp;B &lt;x&gt;: major outage</title>"#), "{b}");
        assert!(
            b.contains(r##"<rect x="65" width="87" height="20" fill="#c0392b"/>"##),
            "{b}"
        );
        assert!(!b.contains("<x>"));
    }

    /// The estimate against the widths Chromium measures for the badge's font (DejaVu Sans
    /// at 11 px, in place of Verdana): never narrower, and at most 4 px wider, in every
    /// built-in language's status words; a wide script at 1 em a character.
    #[test]
    fn the_width_estimate_holds_each_languages_words() {
        let measured = [
            ("partial outage", 77.41),
            ("Teilweiser Ausfall", 94.02),
            ("teilweiser Ausfall", 93.48),
            ("Eingeschränkte Leistung", 135.39),
            ("betriebsbereit", 77.29),
            ("Wartungsarbeiten", 98.53),
            ("performances dégradées", 137.92),
            ("interrupção parcial", 103.83),
            ("Flatfile", 37.19),
            ("API", 17.40),
            ("部分的な障害", 66.00),
        ];
        let estimated: Vec<(&str, usize)> =
            measured.iter().map(|(t, _)| (*t, text_width(t))).collect();
        assert_eq!(
            estimated,
            [
                ("partial outage", 79),
                ("Teilweiser Ausfall", 97),
                ("teilweiser Ausfall", 95),
                ("Eingeschränkte Leistung", 137),
                ("betriebsbereit", 79),
                ("Wartungsarbeiten", 100),
                ("performances dégradées", 140),
                ("interrupção parcial", 107),
                ("Flatfile", 38),
                ("API", 18),
                ("部分的な障害", 66),
            ]
        );
        for ((text, m), (_, e)) in measured.iter().zip(&estimated) {
            let e = *e as f64;
            assert!(e >= *m && e - m <= 4.0, "{text}: {e} for {m}");
        }
        // Fullwidth forms, Hangul, kana: 11 px each; a combining accent adds nothing.
        assert_eq!(text_width("ＡＢ한글カナ"), 66);
        assert_eq!(text_width("e\u{301}"), 7);
    }

    #[test]
    fn a_japanese_badge_sizes_its_status_box_for_wide_characters() {
        let m = crate::render::i18n::Messages::load("ja", None, None).unwrap();
        let b = of(
            &m,
            "API",
            "partial_outage",
            colour(Some(ComponentStatus::PartialOutage)),
        );
        // 66 px of text and 6 px on each side, where 6 × 7 + 12 = 54 was estimated before.
        assert!(
            b.contains(r##"<rect x="30" width="78" height="20" fill="#bc4c00"/>"##),
            "{b}"
        );
        assert!(b.contains(r#"aria-label="API: 部分的な障害""#), "{b}");
        assert!(b.contains(r#"textLength="660">部分的な障害</text>"#), "{b}");
        let de = crate::render::i18n::Messages::load("de", None, None).unwrap();
        let b = of(&de, "API", "major_outage", colour(None));
        assert!(b.contains(r#"aria-label="API: schwerer Ausfall""#), "{b}");
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
