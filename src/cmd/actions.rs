//! `postmortem actions`.

use chrono::TimeDelta;

use crate::actions::{self, Filter};
use crate::check::collect;
use crate::cli::{ActionsArgs, ActionsFormat};
use crate::clock::Now;
use crate::config::Config;
use crate::figures::report::{last_days, parse_period};
use crate::load::yaml::locate;

use super::{Failure, paths_or_default, shown, write_stdout};

pub fn run(config: &Config, args: ActionsArgs, now: Now) -> Result<(), Failure> {
    let tz = config.timezone;
    let (period, label) = match &args.period {
        Some(p) => (
            parse_period(p, tz, now.at())
                .map_err(|e| Failure::Usage(format!("--period: {e}")))?
                .period,
            format!("in {p}"),
        ),
        None => (
            last_days(30, tz, now.at()),
            "in the last 30 days".to_owned(),
        ),
    };
    let days = (
        period.start.with_timezone(&tz).date_naive(),
        (period.end - TimeDelta::nanoseconds(1))
            .with_timezone(&tz)
            .date_naive(),
    );
    let files = collect(&paths_or_default(config, args.paths), &config.repo)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let today = now.today(tz);
    let refusal =
        "no action items from invalid records: fix the errors above (see `postmortem check`)";
    let records = super::checked_records(config, &files, now, refusal)?;
    let filter = Filter {
        owner: args.owner,
        status: args.status,
        overdue: args.overdue,
    };
    let rows = actions::rows(&records, &filter, today);
    let summary = actions::summary(&rows, days);
    let line = actions::summary_line(&summary, &label);
    match args.format {
        ActionsFormat::Table => {
            let table = if rows.is_empty() {
                String::new()
            } else {
                actions::to_table(&rows)
            };
            write_stdout(&format!("{table}{line}\n"))
        }
        ActionsFormat::Json => write_stdout(
            &actions::to_json(&rows, &summary).map_err(|e| Failure::Failed(e.to_string()))?,
        ),
        ActionsFormat::Csv => {
            write_stdout(&actions::to_csv(&rows))?;
            eprintln!("{line}");
            Ok(())
        }
        ActionsFormat::Github => {
            let rows: Vec<_> = rows
                .into_iter()
                .map(|mut r| {
                    r.file = shown(&r.file).into();
                    r
                })
                .collect();
            let text = actions::to_github(&rows, |r| {
                let loaded = crate::load::read(&r.file);
                loaded
                    .document
                    .map(|d| locate(&d.root, &actions::due_path(r.index)).node.span)
                    .unwrap_or_default()
            });
            write_stdout(&text)?;
            eprintln!("{line}");
            Ok(())
        }
    }
}
