//! Problems found in files, and the three ways to print them: for people (a located message,
//! the source line and a caret), as JSON lines, and as GitHub Actions annotations.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::yaml::Span;

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
    pub code: &'static str,
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
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
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
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, span, code, message)
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

/// [`render_human`] with the file's lines already indexed.
pub fn render_human_in(d: &Diagnostic, source: Option<&Source<'_>>, colors: Colors) -> String {
    let mut out = String::new();
    let sev = match d.severity {
        Severity::Error => colors.paint("1;31", "error"),
        Severity::Warning => colors.paint("1;33", "warning"),
    };
    let _ = writeln!(
        out,
        "{}:{}:{}: {}: {} [{}]",
        d.path.display(),
        d.line,
        d.column,
        sev,
        d.message,
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
            .map(|h| format!(" {h}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:gutter$} {bar} {:pad$}{carets}{help}",
            "",
            "",
            pad = caret_col - 1
        );
    } else if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
    out
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
pub fn render_json(d: &Diagnostic) -> String {
    serde_json::to_string(d).unwrap_or_default()
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
        escape_property(d.code),
        escape_data(&message)
    )
}

/// Escapes a workflow command's message, as GitHub's toolkit does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value, as GitHub's toolkit does.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Pos, Span};

    fn diag() -> Diagnostic {
        let span = Span {
            start: Pos { line: 2, col: 3 },
            end: Pos { line: 2, col: 13 },
        };
        Diagnostic::error(
            "incidents/a.yaml",
            span,
            "unknown-key",
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
    fn long_lines_are_clipped_around_the_column() {
        let line = format!("{}Y{}", "x".repeat(499), "x".repeat(500));
        let (shown, caret) = clip_line(&line, 500);
        assert_eq!(shown.chars().count(), SNIPPET_WIDTH + 2);
        assert_eq!(shown.chars().nth(caret - 1), Some('Y'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
    }
}
