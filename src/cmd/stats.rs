//! `postmortem stats`.

use chrono::{DateTime, Utc};

use crate::check::collect;
use crate::cli::{By, StatsArgs, StatsFormat};
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::suggest::did_you_mean_help;
use crate::figures::Interval;
use crate::figures::report::{
    self, Breakdown, GroupBy, Query, Unit, earliest, last_days, parse_bound, parse_period,
};
use crate::model::Record;

use super::{Failure, paths_or_default, write_stdout};

/// The period options `stats` and `report` share.
pub(super) struct PeriodArgs<'a> {
    pub period: Option<&'a str>,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
}

/// The records of `paths` (default: the records folder), or the errors printed and exit 1:
/// no figures come from invalid records.
pub(super) fn valid_records(
    config: &Config,
    paths: Vec<std::path::PathBuf>,
    now: Now,
) -> Result<Vec<Record>, Failure> {
    let files = collect(&paths_or_default(config, paths), &config.repo)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let refusal = "no figures from invalid records: fix the errors above (see `postmortem check`)";
    let records = super::checked_records(config, &files, now, refusal)?;
    Ok(records.into_iter().map(|(_, r)| r).collect())
}

/// The period (and whether now cut it short) and the bounds of its buckets, from the period
/// options: `--period`; else `--since`/`--until` (a missing bound: the earliest record, now);
/// else the last `uptime_days` days, the status page's.
pub(super) fn period_of(
    config: &Config,
    args: &PeriodArgs<'_>,
    records: &[Record],
    now: Now,
) -> Result<(Interval, bool, Interval), Failure> {
    let tz = config.timezone;
    let since = args
        .since
        .map(|s| parse_bound(s, tz, false))
        .transpose()
        .map_err(|e| Failure::Usage(format!("--since: {e}")))?;
    let until = args
        .until
        .map(|s| parse_bound(s, tz, true))
        .transpose()
        .map_err(|e| Failure::Usage(format!("--until: {e}")))?;
    let (period, partial) = match (args.period, since, until) {
        (Some(p), _, _) => {
            let named = parse_period(p, tz, now.at())
                .map_err(|e| Failure::Usage(format!("--period: {e}")))?;
            (named.period, named.partial)
        }
        (None, None, None) => (last_days(config.uptime_days, tz, now.at()), false),
        (None, since, until) => {
            let until = until.unwrap_or(now.at());
            let since = since
                .or_else(|| earliest(records))
                .unwrap_or(until)
                .min(until);
            (
                Interval {
                    start: since,
                    end: until,
                },
                false,
            )
        }
    };
    if let (Some(s), Some(u)) = (args.since, args.until)
        && period.start >= period.end
    {
        return Err(Failure::Usage(format!(
            "--since {s} is not before --until {u}"
        )));
    }
    let bucket_bounds = Interval {
        start: since.unwrap_or(DateTime::<Utc>::MIN_UTC),
        end: until.unwrap_or(now.at()).min(now.at()),
    };
    Ok((period, partial, bucket_bounds))
}

/// Each `--component` must be one a record or the catalogue names.
pub(super) fn known_components(
    config: &Config,
    components: &[String],
    records: &[Record],
) -> Result<(), Failure> {
    for c in components {
        let known = records.iter().any(|r| r.components.contains(c))
            || config.components.iter().flatten().any(|k| &k.name == c);
        if !known {
            let names: Vec<&str> = config
                .components
                .iter()
                .flatten()
                .map(|k| k.name.as_str())
                .chain(
                    records
                        .iter()
                        .flat_map(|r| r.components.iter().map(String::as_str)),
                )
                .collect();
            let hint = did_you_mean_help(c, names)
                .map(|h| format!(": {h}"))
                .unwrap_or_default();
            return Err(Failure::Usage(format!(
                "--component {c}: no record or catalogue entry names it{hint}"
            )));
        }
    }
    Ok(())
}

/// Whether any catalogue component has an SLO (its own or its group's).
pub(super) fn has_slos(config: &Config) -> bool {
    config
        .components
        .iter()
        .flatten()
        .any(|c| config.slo_of(&c.name).is_some())
}

pub fn run(config: &Config, args: StatsArgs, now: Now) -> Result<(), Failure> {
    let tz = config.timezone;
    let period_args = PeriodArgs {
        period: args.period.as_deref(),
        since: args.since.as_deref(),
        until: args.until.as_deref(),
    };
    // Bounds that do not parse are wrong usage before any record is read.
    period_of(config, &period_args, &[], now)?;
    let records = valid_records(config, args.paths, now)?;
    let (period, partial, bucket_bounds) = period_of(config, &period_args, &records, now)?;
    known_components(config, &args.components, &records)?;
    if args.slo && args.by.is_some() && args.format == StatsFormat::Csv {
        return Err(Failure::Usage(
            "--format csv prints one table: give --slo or --by, not both".into(),
        ));
    }
    if args.slo && !has_slos(config) {
        return Err(Failure::Usage(
            "--slo: no component has an SLO: add `slo: {target: 99.9, window: 30d}` to a component (or a group) in postmortem.yaml".into(),
        ));
    }
    let query = Query {
        period,
        components: args.components,
        partial,
        by: args.by.map(|b| match b {
            By::Week => Breakdown::Time(Unit::Week),
            By::Month => Breakdown::Time(Unit::Month),
            By::Quarter => Breakdown::Time(Unit::Quarter),
            By::Year => Breakdown::Time(Unit::Year),
            By::Severity => Breakdown::Group(GroupBy::Severity),
            By::Component => Breakdown::Group(GroupBy::Component),
        }),
        slo: args.slo,
        bucket_bounds,
    };
    let report = report::report(&records, config, &query);
    let text = match args.format {
        StatsFormat::Json => {
            report::to_json(&report, &records, tz).map_err(|e| Failure::Failed(e.to_string()))?
        }
        StatsFormat::Csv => report::to_csv(&report, &records, tz),
        StatsFormat::Table => report::to_table(&report, tz),
    };
    write_stdout(&text)
}
