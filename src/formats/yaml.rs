//! Writing YAML values from text this tool did not write (a feed's titles and links, a title
//! given to `new`): the one place that decides how such text becomes a scalar or a comment,
//! so that no text can end its value early, start a key, or change meaning on the way.
//!
//! YAML 1.2 breaks lines at LF, CR and CRLF only; YAML 1.1 readers (and many editors) also
//! break at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). Every
//! one of them is escaped in a scalar and replaced in a comment.

/// Whether YAML allows `c` as it is in a file (`c-printable` of YAML 1.2).
fn printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Whether `c` changes the direction of the text around it: written as is, it can make a
/// file read differently in an editor than it loads (the "Trojan Source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is written as it is: printable to YAML, no byte order mark, no direction
/// control.
fn plain(c: char) -> bool {
    printable(c) && c != '\u{feff}' && !is_bidi_control(c)
}

/// Whether some YAML reader ends a line at `c`.
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s` as a YAML double-quoted scalar, on one line: `"`, `\`, every line break, tab, byte
/// order mark, direction control and character YAML does not allow in a file is escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if plain(c) => out.push(c),
            // Every character that is not plain is below U+10000.
            c => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// `# text` as one comment line (without its line break): each line break, byte order mark,
/// direction control and character YAML does not allow in a file becomes a space.
pub fn comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push_str("# ");
    out.extend(
        text.chars()
            .map(|c| if is_break(c) || !plain(c) { ' ' } else { c }),
    );
    out
}

/// Whether `s` reads back exactly from a `|-` literal block: more than one line, no line
/// break but LF, no final line break (`-` strips them), a first line that does not start
/// with white space (it would set the indentation), no line of white space only (readers
/// differ on those), and only plain characters.
fn literal_safe(s: &str) -> bool {
    s.contains('\n')
        && !s.ends_with('\n')
        && s.chars().all(|c| c == '\n' || (plain(c) && !is_break(c)))
        && !s
            .lines()
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.starts_with([' ', '\t']))
        && s.split('\n')
            .all(|l| l.is_empty() || !l.chars().all(|c| c == ' ' || c == '\t'))
}

/// A Markdown value whose lines start at column `indent` + 1: a `|-` literal block when
/// that gives back exactly `s`, else a double-quoted scalar. Nothing is trimmed.
pub fn text(s: &str, indent: usize) -> String {
    if !literal_safe(s) {
        return quoted(s);
    }
    let pad = " ".repeat(indent.max(1));
    let mut out = String::from("|-\n");
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_breaks_quotes_and_what_yaml_does_not_allow() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
        assert_eq!(quoted("a\r\nb\tc"), "\"a\\r\\nb\\tc\"");
        assert_eq!(
            quoted("nel\u{85} ls\u{2028} ps\u{2029}"),
            "\"nel\\N ls\\L ps\\P\""
        );
        assert_eq!(
            quoted("\u{0}\u{7}\u{1b}\u{7f}\u{80}\u{9f}\u{feff}\u{fffe}"),
            "\"\\u0000\\u0007\\u001b\\u007f\\u0080\\u009f\\ufeff\\ufffe\""
        );
        assert_eq!(quoted("é 🔥 \u{a0}"), "\"é 🔥 \u{a0}\"");
        assert_eq!(quoted("abc\u{202e}fed\u{2066}"), "\"abc\\u202efed\\u2066\"");
    }

    #[test]
    fn a_comment_stays_on_one_line() {
        assert_eq!(
            comment("Source: x\r\npostmortem:\r  summary: pwned"),
            "# Source: x  postmortem:   summary: pwned"
        );
        assert_eq!(
            comment("a\u{85}b\u{2028}c\u{2029}d\u{feff}e\u{7f}f\u{0}g\u{202e}h"),
            "# a b c d e f g h"
        );
    }

    #[test]
    fn markdown_becomes_a_literal_block_or_a_quoted_string() {
        assert_eq!(text("short", 4), "\"short\"");
        assert_eq!(
            text("line one\n\nline two", 4),
            "|-\n    line one\n\n    line two"
        );
        assert_eq!(
            text("hard  \nbreak\n\tcode", 2),
            "|-\n  hard  \n  break\n  \tcode"
        );
        assert_eq!(text("  indented first", 4), "\"  indented first\"");
        assert_eq!(text("  indented\nfirst", 4), "\"  indented\\nfirst\"");
        assert_eq!(text("\n  indented\nfirst", 4), "\"\\n  indented\\nfirst\"");
        assert_eq!(
            text("ends\nwith a break\n", 4),
            "\"ends\\nwith a break\\n\""
        );
        assert_eq!(text("a\n  \nb", 4), "\"a\\n  \\nb\"");
        assert_eq!(text("a\r\nb", 4), "\"a\\r\\nb\"");
        assert_eq!(text("a\nb\u{2028}c", 4), "\"a\\nb\\Lc\"");
        assert_eq!(text("a\n\u{feff}b", 4), "\"a\\n\\ufeffb\"");
        assert_eq!(text("bell\u{7}", 4), "\"bell\\u0007\"");
        assert_eq!(text("a\nb\u{202e}", 4), "\"a\\nb\\u202e\"");
        assert_eq!(text("bell\n\u{7}", 4), "\"bell\\n\\u0007\"");
        assert_eq!(
            text("key: value # not a comment", 4),
            "\"key: value # not a comment\""
        );
        assert_eq!(
            text("key: value\n# not a comment\n---", 4),
            "|-\n    key: value\n    # not a comment\n    ---"
        );
    }
}
