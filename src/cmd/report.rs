//! `postmortem report`.

use crate::cli::ReportArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::figures::report::{self, Breakdown, Query, Unit};
use crate::render::Renderer;
use crate::render::report::report_view;
use crate::write::write_atomic;

use super::stats::{PeriodArgs, has_slos, known_components, period_of, valid_records};
use super::{Failure, write_stdout};

pub fn run(config: &Config, args: ReportArgs, now: Now) -> Result<(), Failure> {
    let period_args = PeriodArgs {
        period: args.period.as_deref(),
        since: args.since.as_deref(),
        until: args.until.as_deref(),
    };
    period_of(config, &period_args, &[], now)?;
    let renderer = Renderer::new(config.templates.as_deref(), Some(&config.repo))?;
    let records = valid_records(config, args.paths, now)?;
    let (period, partial, bucket_bounds) = period_of(config, &period_args, &records, now)?;
    known_components(config, &args.components, &records)?;
    // The figures are those of `stats --by month --slo` over the same period.
    let query = Query {
        period,
        components: args.components,
        partial,
        by: Some(Breakdown::Time(Unit::Month)),
        slo: has_slos(config),
        bucket_bounds,
    };
    let report = report::report(&records, config, &query);
    let view = report_view(&report, &records, config, args.internal, now.at());
    let html = renderer.render("report.html", &view)?;
    match &args.out {
        Some(out)
            if out
                .parent()
                .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir()) =>
        {
            Err(Failure::Failed(format!(
                "{}: cannot write: no folder {}",
                out.display(),
                out.parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )))
        }
        Some(out) => write_atomic(out, html.as_bytes()).map_err(|source| Failure::Io {
            at: Some(format!("{}: cannot write", out.display())),
            source,
        }),
        None => write_stdout(&html),
    }
}
