//! `postmortem build`.

use std::time::Instant;

use crate::check::{Context, check_all, collect};
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::diagnostic::{Colors, Severity, render_human};
use crate::site;

use super::{Failure, now, shown, stderr_colors};

pub fn run(config: &Config, args: BuildArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let now = now()?;
    let out = args.out.unwrap_or_else(|| config.root.join("site"));
    let files = if config.incidents.is_dir() {
        collect(std::slice::from_ref(&config.incidents)).map_err(Failure::Failed)?
    } else {
        Vec::new()
    };
    let cx = Context {
        config,
        today: now.with_timezone(&config.timezone).date_naive(),
    };
    let checked = check_all(&files, &cx);
    if checked.iter().any(|c| c.has_errors()) {
        let colors = Colors {
            enabled: stderr_colors(),
        };
        for c in &checked {
            for d in c
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                let mut d = d.clone();
                d.path = shown(&d.path).into();
                eprint!("{}", render_human(&d, Some(&c.source), colors));
            }
        }
        return Err(Failure::Failed(format!(
            "invalid records: nothing built, {} is untouched",
            shown(&out)
        )));
    }
    let records: Vec<_> = checked.into_iter().filter_map(|c| c.record).collect();
    let built =
        site::build(config, &records, &out, now).map_err(|e| Failure::Failed(e.to_string()))?;
    eprintln!(
        "built {} record{} into {} ({} files) in {:.2?}",
        built.records,
        if built.records == 1 { "" } else { "s" },
        shown(&out),
        built.files,
        started.elapsed()
    );
    Ok(())
}
