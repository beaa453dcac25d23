//! Problems found in files, and the three ways to print them: for people (a located message,
//! the source line and a caret), as JSON lines, and as GitHub Actions annotations.
//!
//! Keys and values echoed from a record may hold control characters (a double-quoted YAML
//! string can write any of them): every format shows them escaped (see [`escape_controls`]),
//! so that a report is always one header line per problem and no record can drive the
//! terminal or write a workflow command into a CI log.

pub mod suggest;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::load::yaml::Span;

/// How bad a problem is. Warnings become errors under `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The word printed before the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The short stable name of every problem the tool reports: printed in brackets after a
/// message (`[unknown-key]`), in JSON and in GitHub annotations, and listed with what each
/// means in docs/guide.md ("Rule codes"; a test keeps that table and this enum equal).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Code {
    Io,
    NotAFile,
    TooLarge,
    OutsideRepository,
    Binary,
    NotUtf8,
    ControlCharacter,
    Empty,
    Syntax,
    MultipleDocuments,
    TooDeep,
    TooManyNodes,
    Alias,
    ComplexKey,
    DuplicateKey,
    BadId,
    DuplicateId,
    UnknownKey,
    MissingKey,
    NotAllowed,
    InvalidValue,
    WrongType,
    Timestamp,
    Date,
    Url,
    TooFew,
    EmptyText,
    RepeatedItem,
    Format,
    Schema,
    OutOfRange,
    Internal,
    Order,
    UnknownComponent,
    StatusKind,
    AfterResolution,
    OpenWindow,
    SeverityMismatch,
    MissingPostmortem,
    Overdue,
    EarlyPostmortem,
    MissingResolvedAt,
    NoComponents,
    PostmortemDue,
    PostmortemOverdue,
    MissingSection,
    ActionItemOwner,
    ActionItemDue,
    BlameWording,
    Timezone,
    Language,
    Logo,
    Incidents,
    Templates,
    NotifySecret,
    NotifyEndpoint,
    UnknownGroup,
    DuplicateComponent,
    DuplicateGroup,
    Catalogue,
    BudgetExhausted,
}

impl Code {
    /// The code as printed.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// How bad a problem of this code is (before `--strict`).
    pub fn severity(self) -> Severity {
        match self {
            Code::EarlyPostmortem
            | Code::MissingPostmortem
            | Code::MissingResolvedAt
            | Code::NoComponents
            | Code::PostmortemDue
            | Code::BlameWording
            | Code::Overdue
            | Code::SeverityMismatch => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem at one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub end: (usize, usize),
    pub severity: Severity,
    /// A short stable name for the rule, e.g. `unknown-key`.
    pub code: Code,
    pub message: String,
    /// How to fix it, shown under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `span` of `path`.
    pub fn error(
        path: impl Into<PathBuf>,
        span: Span,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        debug_assert_eq!(code.severity(), Severity::Error, "{code} is a warning");
        Diagnostic {
            path: path.into(),
            line: span.start.line,
            column: span.start.col,
            end: (span.end.line, span.end.col),
            severity: Severity::Error,
            code,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `span` of `path`.
    pub fn warning(
        path: impl Into<PathBuf>,
        span: Span,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        debug_assert_eq!(code.severity(), Severity::Warning, "{code} is an error");
        let span_start = span.start;
        Diagnostic {
            path: path.into(),
            line: span_start.line,
            column: span_start.col,
            end: (span.end.line, span.end.col),
            severity: Severity::Warning,
            code,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a note on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// ANSI styles, or none.
#[derive(Clone, Copy, Debug, Default)]
pub struct Colors {
    pub enabled: bool,
}

impl Colors {
    /// `error:` in bold red, for messages that are not about a place in a file.
    pub fn error_label(self) -> String {
        format!("{}:", self.paint("1;31", "error"))
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Whether a diagnostic shows `c` escaped: every control character but TAB (the C0 controls,
/// DEL, and the C1 controls, U+0085 NEL among them) and the line and paragraph separators
/// U+2028 and U+2029. Any of them could move the cursor, erase a line of a terminal, or
/// start a new line that a CI log reads as a command (`::add-mask::` in GitHub Actions).
fn must_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || c == '\u{2028}' || c == '\u{2029}'
}

/// The one escaping of text that diagnostics echo from files (keys, values, paths).
///
/// Each character that [`must_escape`] is shown in Rust's notation, `\u{` lower-case hex
/// digits `}`: ESC is `\u{1b}`, LF `\u{a}`, CR `\u{d}`, NEL `\u{85}`, U+2028 `\u{2028}`.
/// Everything else is kept as it is (a backslash too), so that ordinary text reads the same.
/// The human format applies it to the path, message, help and source line; the GitHub format
/// to everything but CR and LF, which it escapes as the Actions toolkit does.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(must_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    if must_escape(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// A file's text with the start of each line found once, so that showing the lines of many
/// diagnostics of one file takes one pass over it. Lines end as YAML ends them (and as the
/// parser counts them): at LF, CR LF, or a lone CR.
pub struct Source<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Source<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Source { text, starts }
    }

    /// Line `n` (1-based) without its line break, if the text has it.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        Some(rest.split(['\n', '\r']).next().unwrap_or(rest))
    }
}

/// Longest part of a source line shown in a snippet; longer lines are cut around the column.
const SNIPPET_WIDTH: usize = 120;

/// Renders a diagnostic for a person: `path:line:col: error: message`, then the source line
/// with a caret under the spot and the help, rustc-style. Indexes `source` for this one
/// diagnostic: to render many of one file, index it once and use [`render_human_in`].
pub fn render_human(d: &Diagnostic, source: Option<&str>, colors: Colors) -> String {
    render_human_in(d, source.map(Source::new).as_ref(), colors)
}

/// [`render_human`] with the file's lines already indexed. Whatever came from the file is
/// shown through [`escape_controls`], so the report is always one header line, then the
/// snippet.
pub fn render_human_in(d: &Diagnostic, source: Option<&Source<'_>>, colors: Colors) -> String {
    let mut out = String::new();
    let sev = match d.severity {
        Severity::Error => colors.paint("1;31", "error"),
        Severity::Warning => colors.paint("1;33", "warning"),
    };
    let _ = writeln!(
        out,
        "{}:{}:{}: {}: {} [{}]",
        escape_controls(&d.path.to_string_lossy()),
        d.line,
        d.column,
        sev,
        escape_controls(&d.message),
        d.code
    );
    let line_text = source.and_then(|s| s.line(d.line));
    let gutter = d.line.to_string().len();
    let bar = colors.paint("1;34", "|");
    if let Some(text) = line_text {
        let (shown, caret_col) = clip_line(text, d.column);
        let width = if d.end.0 == d.line && d.end.1 > d.column {
            (d.end.1 - d.column)
                .min(SNIPPET_WIDTH.saturating_sub(caret_col))
                .max(1)
        } else {
            1
        };
        // Escapes are longer than the characters they show: move the caret with them.
        let (shown, columns) = escape_with_columns(&shown);
        let at = |i: usize| columns.get(i).or(columns.last()).copied().unwrap_or(0);
        let from = at(caret_col - 1);
        let width = (at(caret_col - 1 + width) - from).max(1);
        let caret_col = from + 1;
        let _ = writeln!(out, "{:gutter$} {bar}", "");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            colors.paint("1;34", &d.line.to_string()),
            shown
        );
        let carets = colors.paint(
            if d.severity == Severity::Error {
                "1;31"
            } else {
                "1;33"
            },
            &"^".repeat(width),
        );
        let help = d
            .help
            .as_deref()
            .map(|h| format!(" {}", escape_controls(h)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:gutter$} {bar} {:pad$}{carets}{help}",
            "",
            "",
            pad = caret_col - 1
        );
    } else if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {}", escape_controls(help));
    }
    out
}

/// `text` escaped, and the column (0-based, in characters of the escaped text) at which each
/// character of `text` starts, with one more entry for its end.
fn escape_with_columns(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut columns = Vec::with_capacity(text.len() + 1);
    let mut col = 0;
    for c in text.chars() {
        columns.push(col);
        let before = out.len();
        push_escaped(&mut out, c);
        col += out[before..].chars().count();
    }
    columns.push(col);
    (out, columns)
}

/// Cuts a long line to a window around `col`; returns the text shown and the caret's column
/// within it. Tabs are shown as one space so that the caret lines up.
fn clip_line(text: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let col = col.clamp(1, chars.len() + 1);
    if chars.len() <= SNIPPET_WIDTH {
        return (chars.into_iter().collect(), col);
    }
    let start = col
        .saturating_sub(SNIPPET_WIDTH / 2)
        .min(chars.len().saturating_sub(SNIPPET_WIDTH));
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut caret = col - start;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// One JSON object per line: path, line, column, severity, code, message (and help).
///
/// The values are exact (a JSON reader gets back the very key or value of the record), and
/// written so that the line is safe to print: besides the C0 controls that JSON always
/// escapes, DEL, the C1 controls and U+2028/U+2029 are written as `\u007f`-style escapes.
pub fn render_json(d: &Diagnostic) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeJson);
    match d.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// serde_json's compact output, with every character that [`must_escape`] (and that JSON
/// does not already escape) written as a `\uXXXX` escape.
struct SafeJson;

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| must_escape(c)) {
            writer.write_all(&rest.as_bytes()[..i])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// A GitHub Actions workflow command that shows the problem as an annotation on the file.
pub fn render_github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(" (");
        message.push_str(help);
        message.push(')');
    }
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        escape_property(&d.path.to_string_lossy()),
        d.line,
        d.column,
        escape_property(d.code.as_str()),
        escape_data(&message)
    )
}

/// Escapes a workflow command's message, as GitHub's toolkit does (`%`, CR and LF), and every
/// other character that [`must_escape`] as [`escape_controls`] does: no line of the output
/// can then start anything, such as a `::add-mask::` command.
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => push_escaped(&mut out, c),
        }
    }
    out
}

/// Escapes a workflow command's property value, as GitHub's toolkit does.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::{Pos, Span};

    fn diag() -> Diagnostic {
        let span = Span {
            start: Pos { line: 2, col: 3 },
            end: Pos { line: 2, col: 13 },
        };
        Diagnostic::error(
            "incidents/a.yaml",
            span,
            Code::UnknownKey,
            "unknown key `root_casue`",
        )
        .with_help("did you mean `root_cause`?")
    }

    #[test]
    fn human_has_location_line_and_caret() {
        let src = "postmortem:\n  root_casue: x\n";
        assert_eq!(
            render_human(&diag(), Some(src), Colors::default()),
            "incidents/a.yaml:2:3: error: unknown key `root_casue` [unknown-key]\n  |\n2 |   root_casue: x\n  |   ^^^^^^^^^^ did you mean `root_cause`?\n"
        );
    }

    #[test]
    fn github_escapes_per_the_toolkit() {
        let mut d = diag();
        d.path = "a,b:c.yaml".into();
        d.message = "50% done\nnext: line".into();
        d.help = None;
        assert_eq!(
            render_github(&d),
            "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=unknown-key::50%25 done%0Anext: line"
        );
    }

    #[test]
    fn human_escapes_what_came_from_the_file() {
        let mut d = diag();
        d.path = "a\u{1b}[2J.yaml".into();
        d.message = "unknown key `x\r\n::add-mask::y`".into();
        d.help = Some("did you mean `\u{9b}31m\u{2028}`?".into());
        assert_eq!(
            render_human(&d, None, Colors::default()),
            "a\\u{1b}[2J.yaml:2:3: error: unknown key `x\\u{d}\\u{a}::add-mask::y` [unknown-key]\n  = help: did you mean `\\u{9b}31m\\u{2028}`?\n"
        );
        assert_eq!(escape_controls("tab\tstays, \\ too"), "tab\tstays, \\ too");
    }

    #[test]
    fn github_output_is_one_line_whatever_the_path() {
        let mut d = diag();
        d.path = "x\n::add-mask::secret\u{85}.yaml".into();
        d.message = "a\u{2028}::stop-commands::b".into();
        d.help = None;
        let out = render_github(&d);
        assert_eq!(
            out,
            "::error file=x%0A%3A%3Aadd-mask%3A%3Asecret\\u{85}.yaml,line=2,col=3,title=unknown-key::a\\u{2028}::stop-commands::b"
        );
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn lines_end_as_yaml_ends_them() {
        let s = Source::new("a\r\nb\rc\nd");
        let lines: Vec<_> = (0..=5).map(|n| s.line(n)).collect();
        assert_eq!(
            lines,
            [None, Some("a"), Some("b"), Some("c"), Some("d"), None]
        );
        assert_eq!(Source::new("a\n").line(2), None);
    }

    #[test]
    fn long_lines_are_clipped_around_the_column() {
        let line = format!("{}Y{}", "x".repeat(499), "x".repeat(500));
        let (shown, caret) = clip_line(&line, 500);
        assert_eq!(shown.chars().count(), SNIPPET_WIDTH + 2);
        assert_eq!(shown.chars().nth(caret - 1), Some('Y'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
    }
}

/// The guide (docs/guide.md) lists every code and every key; these tests keep it in step
/// with the code and the schemas.
#[cfg(test)]
mod guide {
    use super::*;
    use std::collections::BTreeSet;
    use strum::VariantArray;

    const GUIDE: &str = include_str!("../../docs/guide.md");

    /// The lines of the guide's section headed `heading`, up to the next heading of that level.
    fn section(heading: &str) -> Vec<&'static str> {
        let level = heading.split(' ').next().unwrap_or_default();
        let mut lines = GUIDE.lines().skip_while(|l| *l != heading);
        assert!(lines.next().is_some(), "no section {heading}");
        lines
            .take_while(|l| {
                !(l.starts_with('#') && l.split(' ').next().is_some_and(|h| h.len() <= level.len()))
            })
            .collect()
    }

    /// The first two cells of each table row whose first cell is `code`-quoted.
    fn rows(lines: &[&str]) -> Vec<(String, String)> {
        lines
            .iter()
            .filter_map(|l| {
                let mut cells = l.strip_prefix("| `")?.split(" | ");
                let first = cells.next()?.strip_suffix('`')?.to_owned();
                Some((first, cells.next().unwrap_or_default().to_owned()))
            })
            .collect()
    }

    #[test]
    fn the_guide_lists_every_code_with_its_severity() {
        let listed = rows(&section("### Rule codes"));
        let ours: Vec<(String, String)> = Code::VARIANTS
            .iter()
            .map(|c| {
                let severity = match c.severity() {
                    Severity::Error => "error",
                    Severity::Warning => "**warning**",
                };
                (c.as_str().to_owned(), severity.to_owned())
            })
            .collect();
        let listed_set: BTreeSet<_> = listed.iter().collect();
        let ours_set: BTreeSet<_> = ours.iter().collect();
        assert_eq!(listed_set, ours_set);
        assert_eq!(listed.len(), ours.len(), "a code is listed twice");
    }

    /// Every key path of a schema: `a`, `a.b`, `a[].b`, following `$ref`s and `allOf`s.
    fn schema_keys(schema: &serde_json::Value) -> BTreeSet<String> {
        fn walk(
            root: &serde_json::Value,
            node: &serde_json::Value,
            path: &str,
            out: &mut BTreeSet<String>,
        ) {
            if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
                let target = root
                    .pointer(r.trim_start_matches('#'))
                    .expect("a $ref target");
                walk(root, target, path, out);
            }
            for key in ["allOf", "anyOf", "oneOf"] {
                for sub in node
                    .get(key)
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                {
                    walk(root, sub, path, out);
                }
            }
            for key in ["then", "else"] {
                if let Some(sub) = node.get(key) {
                    walk(root, sub, path, out);
                }
            }
            if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
                for (k, sub) in props {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    out.insert(p.clone());
                    walk(root, sub, &p, out);
                }
            }
            if let Some(items) = node.get("items") {
                walk(root, items, &format!("{path}[]"), out);
            }
        }
        let mut out = BTreeSet::new();
        walk(schema, schema, "", &mut out);
        out
    }

    #[test]
    fn the_guide_lists_every_key_of_both_schemas() {
        let record: serde_json::Value =
            serde_json::from_str(crate::load::schema::INCIDENT_SCHEMA).unwrap();
        let listed: BTreeSet<String> = rows(&section("## 3. The record"))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(listed, schema_keys(&record));
        let config: serde_json::Value =
            serde_json::from_str(crate::load::schema::CONFIG_SCHEMA).unwrap();
        let listed: BTreeSet<String> =
            rows(&section("## 2. Site configuration: `postmortem.yaml`"))
                .into_iter()
                .map(|(k, _)| k)
                .collect();
        assert_eq!(listed, schema_keys(&config));
    }
}
