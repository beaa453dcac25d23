//! `postmortem new`: a first draft that already passes `check`.

use std::path::{Component, Path};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::check::ids::new_stem;
use crate::cli::NewArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::formats::yaml::{comment, quoted};
use crate::model::{Kind, Severity};
use crate::write::{write_if_missing, write_new};

use super::{Failure, io_at, shown, write_stdout};

pub fn run(config: &Config, args: NewArgs, now: Now) -> Result<(), Failure> {
    if let Some(unknown) = args.components.iter().find(|c| !config.knows_component(c)) {
        return Err(Failure::Usage(config.unknown_component(unknown)));
    }
    let kind = args.kind;
    if kind == Kind::Maintenance && args.severity.is_some() {
        return Err(Failure::Usage(
            "a maintenance has no severity: drop --severity".into(),
        ));
    }
    // Records are written to the second; `--at` back-dates the first update.
    let now = match &args.at {
        Some(_) => super::update::moment(args.at.as_deref(), config, now)?.to_utc(),
        None => {
            let now = now.at();
            now.duration_trunc(TimeDelta::seconds(1)).unwrap_or(now)
        }
    };
    let schema_file = config.root.join("schema").join("incident.schema.json");
    write_if_missing(
        &schema_file,
        crate::load::schema::INCIDENT_SCHEMA.as_bytes(),
    )
    .map_err(io_at(&schema_file))?;
    let modeline = relative_schema_path(&config.incidents, &config.root);
    let text = draft(&args, kind, now, config.timezone, &modeline);
    let day = now
        .with_timezone(&config.timezone)
        .format("%Y-%m-%d")
        .to_string();
    let base = new_stem(&day, &args.title, kind.as_str());
    std::fs::create_dir_all(&config.incidents).map_err(io_at(&config.incidents))?;
    let path = write_new(&config.incidents, &base, "yaml", text.as_bytes())
        .map_err(io_at(&config.incidents))?;
    write_stdout(&format!("{}\n", shown(&path)))
}

/// The comment after `components: []`, until `update --component` adds the first one (and
/// takes the comment out).
pub(super) const COMPONENTS_HINT: &str =
    "# none known yet: `postmortem update ID --component NAME=STATUS` adds them";

/// The commented example of `impact:`, until `update --component` writes the real block in
/// its place.
pub(super) const IMPACT_TEMPLATE: [&str; 8] = [
    "# impact:",
    "#   description: |",
    "#     What users experienced (Markdown).",
    "#   windows:                    # when users were affected: the source of every downtime figure",
    "#     - component: NAME         # one of `components`",
    "#       status: partial_outage  # degraded_performance | partial_outage | major_outage | under_maintenance",
    "#       start: 2025-04-02T17:45:00Z",
    "#       end: 2025-04-02T19:04:00Z",
];

/// `../schema/incident.schema.json` as seen from the records folder.
pub(super) fn relative_schema_path(incidents: &Path, root: &Path) -> String {
    let depth = incidents
        .strip_prefix(root)
        .map(|rel| {
            rel.components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .count()
        })
        .unwrap_or(1);
    format!("{}schema/incident.schema.json", "../".repeat(depth))
}

fn draft(args: &NewArgs, kind: Kind, now: DateTime<Utc>, tz: Tz, modeline: &str) -> String {
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    let mut s = format!(
        "{}\ntitle: {}\n",
        comment(&format!("yaml-language-server: $schema={modeline}")),
        quoted(&args.title)
    );
    if args.components.is_empty() {
        s.push_str(&format!(
            "components: []                  {COMPONENTS_HINT}\n"
        ));
    } else {
        s.push_str("components:\n");
        for c in &args.components {
            s.push_str(&format!("  - {}\n", quoted(c)));
        }
    }
    match kind {
        Kind::Incident => {
            let severity = args.severity.unwrap_or(Severity::Minor);
            s.push_str(&format!(
                "severity: {}                 # none | minor | major | critical\n",
                severity.as_str()
            ));
            s.push_str(&format!(
                "# detected_at: {}   # first alert or user report\n\
                 # acknowledged_at: {}   # a responder took it on\n",
                local(now),
                local(now)
            ));
        }
        Kind::Maintenance => {
            let start =
                now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now) + TimeDelta::hours(1);
            s.push_str("kind: maintenance\n");
            s.push_str(&format!(
                "scheduled:                      # the announced window: adjust both\n  start: {}\n  end: {}\n",
                local(start),
                local(start + TimeDelta::hours(1))
            ));
        }
    }
    for line in IMPACT_TEMPLATE {
        s.push_str(line);
        s.push('\n');
    }
    let (status, body) = match kind {
        Kind::Incident => ("investigating", "We are investigating this issue."),
        Kind::Maintenance => ("scheduled", "Maintenance is scheduled."),
    };
    s.push_str(&format!(
        "updates:                        # the public timeline, oldest first\n  - at: {}\n    status: {status}\n    body: {}\n",
        local(now),
        quoted(body)
    ));
    if kind == Kind::Incident {
        s.push_str(
            "# postmortem:                   # once written\n\
             #   published_at: 2025-04-24T19:11:00Z\n\
             #   authors: [Infrastructure team]\n\
             #   summary: |\n\
             #   timeline: [{at: ..., event: ...}]\n\
             #   root_cause: |\n\
             #   trigger: |\n\
             #   detection: |\n\
             #   resolution: |\n\
             #   contributing_factors: [{title: ..., description: ...}]\n\
             #   lessons: {went_well: [], went_wrong: [], lucky: []}\n\
             #   action_items: [{title: ..., kind: detect, owner: ..., due: 2026-05-01, status: open}]\n\
             #   sections: [{title: ..., body: ..., internal: true}]\n",
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_path_is_relative_to_the_records_folder() {
        let root = Path::new("/repo");
        assert_eq!(
            relative_schema_path(&root.join("incidents"), root),
            "../schema/incident.schema.json"
        );
        assert_eq!(
            relative_schema_path(&root.join("a/b"), root),
            "../../schema/incident.schema.json"
        );
    }
}
