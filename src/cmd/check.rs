//! `postmortem check`.

use std::path::PathBuf;

use crate::check::{Context, check_all_problems, collect, make_strict};
use crate::cli::CheckArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::{
    Colors, Format, Severity, Source, render_github, render_human_in, render_json,
};

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
    let mut checked = check_all_problems(&files, &cx);
    if args.strict {
        make_strict(&mut checked);
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
