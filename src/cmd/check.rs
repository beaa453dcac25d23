//! `postmortem check`.

use std::path::PathBuf;

use crate::check::Checked;
use crate::check::{Context, check_all, check_all_problems, collect, make_strict};
use crate::cli::CheckArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::{
    Code, Colors, Diagnostic, Format, Severity, Source, render_github, render_human_in, render_json,
};
use crate::figures::{display_seconds, slo};
use crate::load::yaml::{Step, locate};

use super::{Failure, paths_or_default, shown, stderr_colors, write_stdout};

pub fn run(config: &Config, args: CheckArgs, now: Now) -> Result<(), Failure> {
    let defaulted = args.paths.is_empty();
    let paths = paths_or_default(config, args.paths);
    if defaulted && !config.incidents.is_dir() {
        return Err(Failure::Failed(format!(
            "no records folder at {}: create it, or set `incidents` in postmortem.yaml",
            shown(&config.incidents)
        )));
    }
    let files = collect(&paths, &config.repo).map_err(|e| Failure::Usage(e.to_string()))?;
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    // `--slo` needs the records; a plain check drops each once it is checked.
    let mut checked = if args.slo {
        check_all(&files, &cx)
    } else {
        check_all_problems(&files, &cx)
    };
    if args.strict {
        make_strict(&mut checked);
    }
    if args.slo {
        spent_budgets(config, &mut checked, now);
    }
    let colors = Colors {
        enabled: stderr_colors(),
    };
    let (mut errors, mut warnings) = (0, 0);
    let mut stdout = String::new();
    for c in &mut checked {
        // Indexed once per file: a file may have thousands of problems.
        let source = Source::new(&c.source);
        for d in &mut c.diagnostics {
            d.path = PathBuf::from(shown(&d.path));
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            match args.format {
                Format::Human => eprint!("{}", render_human_in(d, Some(&source), colors)),
                Format::Json => {
                    stdout.push_str(&render_json(d));
                    stdout.push('\n');
                }
                Format::Github => {
                    stdout.push_str(&render_github(d));
                    stdout.push('\n');
                }
            }
        }
    }
    write_stdout(&stdout)?;
    if args.format == Format::Human {
        eprintln!(
            "{}",
            summary(files.files.len() + files.refused.len(), errors, warnings)
        );
    }
    if errors > 0 {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary(files: usize, errors: usize, warnings: usize) -> String {
    let files = plural(files, "file");
    match (errors, warnings) {
        (0, 0) => format!("checked {files}: no problems"),
        (e, 0) => format!("checked {files}: {}", plural(e, "error")),
        (0, w) => format!("checked {files}: {}", plural(w, "warning")),
        (e, w) => format!(
            "checked {files}: {}, {}",
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}

/// `--slo`: a problem on the record whose window spent the last of a component's error budget
/// for the SLO window ending now. Budgets are computed only from valid records: with errors
/// in any record, those errors are the report.
fn spent_budgets(config: &Config, checked: &mut [Checked], now: Now) {
    if checked.iter().any(Checked::has_errors) {
        return;
    }
    let (owners, records): (Vec<usize>, Vec<_>) = checked
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.record.clone().map(|r| (i, r)))
        .unzip();
    let tz = config.timezone;
    let when = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&tz)
            .format("%Y-%m-%d %H:%M:%S %Z")
            .to_string()
    };
    for b in slo::budgets(&records, config, &[], now.at()) {
        let (Some(at), Some(culprit)) = (b.exhausted_at, b.exhausted_by) else {
            continue;
        };
        let c = &mut checked[owners[culprit.record]];
        let loaded = crate::load::read(&c.path);
        let span = loaded
            .document
            .as_ref()
            .map(|d| {
                locate(
                    &d.root,
                    &[
                        Step::Key("impact"),
                        Step::Key("windows"),
                        Step::Index(culprit.window),
                        Step::Key("status"),
                    ],
                )
                .node
                .span
            })
            .unwrap_or_default();
        if c.source.is_empty() {
            c.source = loaded.source;
        }
        let message = format!(
            "`{}` has spent its error budget: {}% over {} allows {}, {} spent (window from {})",
            b.component,
            b.slo.target,
            b.slo.window,
            display_seconds(b.allowed),
            display_seconds(b.consumed),
            when(b.window.start),
        );
        c.diagnostics.push(
            Diagnostic::error(&c.path, span, Code::BudgetExhausted, message)
                .with_help(format!("this window spent the last of it, at {}", when(at))),
        );
        c.diagnostics.sort_by_key(|d| (d.line, d.column));
    }
}
