//! One file per subcommand, each a thin adapter over the library; this file maps their
//! outcomes to exit codes: 0 success, 1 invalid records or a failed job, 2 wrong usage.

mod actions;
mod build;
mod check;
mod completions;
mod draft;
mod import;
mod init;
mod man;
mod new;
mod notify;
mod render;
mod report;
mod schema;
mod serve;
mod stats;
mod update;

use std::ffi::{OsStr, OsString};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::clock::Now;
use crate::config::{self, Config};
use crate::diagnostic::{Colors, Format, render_github, render_human, render_json};

/// The records of `files`, checked as `check` checks them. If any has an error, the errors
/// are printed as `check` prints them and the run stops with `refusal` (exit 1): nothing is
/// computed, written or sent from invalid records.
fn checked_records(
    config: &Config,
    files: &crate::check::Collected,
    now: Now,
    refusal: &str,
) -> Result<Vec<(PathBuf, crate::model::Record)>, Failure> {
    let cx = crate::check::Context {
        config,
        today: now.today(config.timezone),
    };
    let checked = crate::check::check_all(files, &cx);
    if checked.iter().any(|c| c.has_errors()) {
        let colors = Colors {
            enabled: stderr_colors(),
        };
        eprint!("{}", error_report(&checked, colors));
        return Err(Failure::Failed(refusal.to_owned()));
    }
    Ok(checked
        .into_iter()
        .filter_map(|c| c.record.map(|r| (c.path, r)))
        .collect())
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// Wrong usage (exit 2).
    Usage(String),
    /// Problems already reported to the user (exit 1).
    Reported,
    /// A job that failed, with its message (exit 1).
    Failed(String),
    /// An I/O error, kept whole so that its kind can be told: a closed stdout (`| head`) is
    /// not a failure (exit 0), any other is (exit 1). `at` is what it happened to, shown
    /// before it: `incidents: permission denied`.
    Io {
        at: Option<String>,
        source: std::io::Error,
    },
}

impl Failure {
    /// A file named on the command line that cannot be read: a missing one is wrong usage
    /// (exit 2), one that is not a regular file is refused (exit 1).
    fn file_argument(e: crate::load::files::FileError) -> Failure {
        match &e {
            crate::load::files::FileError::Io { source, .. }
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                Failure::Usage(e.to_string())
            }
            _ => Failure::Failed(e.to_string()),
        }
    }
}

impl From<crate::render::TemplateError> for Failure {
    fn from(e: crate::render::TemplateError) -> Failure {
        match catalogue_report(&e) {
            Some(report) => {
                eprint!("{report}");
                Failure::Reported
            }
            None => Failure::Failed(e.to_string()),
        }
    }
}

/// A site catalogue (`locales/*.ftl`) that does not parse, as every other located problem is
/// shown: its path from the working directory, line, column, the line itself and the code.
/// `None` for any other template error.
fn catalogue_report(e: &crate::render::TemplateError) -> Option<String> {
    use crate::render::i18n::CatalogueError;
    let crate::render::TemplateError::Catalogue(e) = e else {
        return None;
    };
    let (path, span, message) = match e {
        CatalogueError::Syntax {
            path,
            line,
            column,
            message,
        } => (
            path,
            crate::load::yaml::Span::point(*line, *column),
            message.clone(),
        ),
        CatalogueError::Value { path, id, message } => (
            path,
            crate::load::yaml::Span::point(1, 1),
            format!("message `{id}`: {message}"),
        ),
        CatalogueError::NotUtf8 { path, at } => (
            path,
            crate::load::yaml::Span::point(1, 1),
            format!("not UTF-8 (at byte {at})"),
        ),
        CatalogueError::File(_) => return None,
    };
    let source = match e {
        CatalogueError::Syntax { .. } => std::fs::read_to_string(path).ok(),
        _ => None,
    };
    let d = crate::diagnostic::Diagnostic::error(
        std::path::Path::new(&shown(path)),
        span,
        crate::diagnostic::Code::Catalogue,
        message,
    );
    let colors = Colors {
        enabled: stderr_colors(),
    };
    Some(render_human(&d, source.as_deref(), colors))
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io {
            at: None,
            source: e,
        }
    }
}

/// An I/O error on `path`, for the user: `path: what went wrong`.
fn io_at(path: &std::path::Path) -> impl Fn(std::io::Error) -> Failure + '_ {
    move |source| Failure::Io {
        at: Some(shown(path)),
        source,
    }
}

/// Runs the command line `args` and returns the process's exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let (code, message) = outcome(run(cli));
    if let Some(message) = message {
        eprintln!(
            "{} {message}",
            Colors {
                enabled: stderr_colors()
            }
            .error_label()
        );
    }
    ExitCode::from(code)
}

/// The exit code of a run and the error to show, if any.
fn outcome(result: Result<(), Failure>) -> (u8, Option<String>) {
    match result {
        Ok(()) => (0, None),
        Err(Failure::Reported) => (1, None),
        Err(Failure::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            (0, None)
        }
        Err(Failure::Io { at: None, source }) => (1, Some(source.to_string())),
        Err(Failure::Io {
            at: Some(at),
            source,
        }) => (1, Some(format!("{at}: {source}"))),
        Err(Failure::Failed(message)) => (1, Some(message)),
        Err(Failure::Usage(message)) => (2, Some(message)),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // `-C DIR` works as `git -C` and `cargo -C` do: as if started in DIR, so that paths on
    // the command line are relative to it too.
    if let Some(dir) = &cli.dir {
        if !dir.is_dir() {
            return Err(Failure::Usage(format!(
                "-C {}: no such folder",
                dir.display()
            )));
        }
        std::env::set_current_dir(dir).map_err(|e| {
            Failure::Usage(format!(
                "-C {}: cannot enter the folder: {e}",
                dir.display()
            ))
        })?;
    }
    let start = std::env::current_dir()?;
    // The one moment of the run, for every command that depends on the clock; a bad
    // `SOURCE_DATE_EPOCH` is wrong usage only for them.
    let now = Now::from_env().map_err(|e| Failure::Usage(e.to_string()));
    match cli.command {
        Command::Schema(args) => schema::run(args),
        Command::Init(args) => init::run(&start, args),
        Command::Check(args) => {
            let config = load_config_as(&start, args.format)?;
            check::run(&config, args, now?)
        }
        Command::New(args) => new::run(&load_config(&start)?, args, now?),
        Command::Update(args) => update::run(&load_config(&start)?, args, now?),
        Command::Draft(args) => draft::run(&load_config(&start)?, args, now?),
        Command::Actions(args) => actions::run(&load_config(&start)?, args, now?),
        Command::Import(args) => import::run(&load_config(&start)?, args, now?),
        Command::Notify(args) => notify::run(&load_config(&start)?, args, now?),
        Command::Serve(args) => serve::run(&start, args, now?),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Build(args) => build::run(&load_config(&start)?, args, now?),
        Command::Render(args) => render::run(&load_config(&start)?, args, now?),
        Command::Stats(args) => stats::run(&load_config(&start)?, args, now?),
        Command::Report(args) => report::run(&load_config(&start)?, args, now?),
    }
}

/// Finds and loads `postmortem.yaml`, printing its problems if it has any.
fn load_config(start: &std::path::Path) -> Result<Config, Failure> {
    load_config_as(start, Format::Human)
}

/// Finds and loads `postmortem.yaml`, printing its problems in `format` if it has any:
/// for people on stderr, as JSON or GitHub annotations on stdout, as `check` prints the
/// problems of records.
fn load_config_as(start: &std::path::Path, format: Format) -> Result<Config, Failure> {
    let e = match config::discover(start) {
        Ok(config) => return Ok(config),
        Err(e) => e,
    };
    let colors = Colors {
        enabled: stderr_colors(),
    };
    let mut stdout = String::new();
    for d in &e.diagnostics {
        let mut d = d.clone();
        d.path = shown(&d.path).into();
        match format {
            Format::Human => eprint!("{}", render_human(&d, Some(&e.source), colors)),
            Format::Json => stdout.push_str(&render_json(&d)),
            Format::Github => stdout.push_str(&render_github(&d)),
        }
        if format != Format::Human {
            stdout.push('\n');
        }
    }
    write_stdout(&stdout)?;
    Err(Failure::Reported)
}

/// The paths given, or the configured incidents folder.
fn paths_or_default(config: &Config, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![config.incidents.clone()]
    } else {
        paths
    }
}

/// Colour on stderr: never with `NO_COLOR` set (non-empty), always with `CLICOLOR_FORCE` set
/// (non-empty, not `0`), else only when stderr is a terminal.
pub fn stderr_colors() -> bool {
    colors_from(
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("CLICOLOR_FORCE").as_deref(),
        std::io::stderr().is_terminal(),
    )
}

fn colors_from(no_color: Option<&OsStr>, force: Option<&OsStr>, terminal: bool) -> bool {
    let set = |v: Option<&OsStr>| v.is_some_and(|v| !v.is_empty());
    if set(no_color) {
        return false;
    }
    (set(force) && force != Some(OsStr::new("0"))) || terminal
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// The errors (not the warnings) of checked files, for people, paths shown from the working
/// directory. Used by the commands that refuse to work on invalid records.
fn error_report(checked: &[crate::check::Checked], colors: Colors) -> String {
    let mut report = String::new();
    for c in checked {
        let source = crate::diagnostic::Source::new(&c.source);
        for d in c
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            let mut d = d.clone();
            d.path = shown(&d.path).into();
            report.push_str(&crate::diagnostic::render_human_in(
                &d,
                Some(&source),
                colors,
            ));
        }
    }
    report
}

/// Shows `path` relative to the working directory when it lies below it.
fn shown(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_clicolor_force_which_wins_over_the_terminal() {
        let v = |s: &'static str| Some(OsStr::new(s));
        assert!(!colors_from(None, None, false));
        assert!(colors_from(None, None, true));
        assert!(colors_from(None, v("1"), false));
        assert!(!colors_from(None, v("0"), false));
        assert!(!colors_from(None, v(""), false));
        assert!(colors_from(v(""), v("1"), false));
        assert!(!colors_from(v("1"), v("1"), true));
        assert!(!colors_from(v("1"), None, true));
    }

    #[test]
    fn a_closed_stdout_is_success_and_other_io_errors_fail_with_their_context() {
        let broken = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(
            outcome(Err(Failure::Io {
                at: None,
                source: broken()
            })),
            (0, None)
        );
        assert_eq!(
            outcome(Err(Failure::Io {
                at: Some("stdout".into()),
                source: broken()
            })),
            (0, None)
        );
        // Only the kind tells: a message that reads like a broken pipe is a failure.
        assert_eq!(
            outcome(Err(Failure::Failed(broken().to_string()))),
            (1, Some("broken pipe".into()))
        );
        assert_eq!(
            outcome(Err(Failure::Io {
                at: Some("incidents".into()),
                source: std::io::Error::other("disk full")
            })),
            (1, Some("incidents: disk full".into()))
        );
        assert_eq!(
            outcome(Err(Failure::Io {
                at: None,
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied)
            })),
            (1, Some("permission denied".into()))
        );
        assert_eq!(outcome(Err(Failure::Reported)), (1, None));
        assert_eq!(
            outcome(Err(Failure::Usage("-C x: no such folder".into()))),
            (2, Some("-C x: no such folder".into()))
        );
        assert_eq!(outcome(Ok(())), (0, None));
    }
}
