//! `postmortem init`: a ready repository (configuration, records folder, schemas, editor and
//! CI files, one example record). Never overwrites a file.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono_tz::Tz;

use crate::cli::InitArgs;
use crate::diagnostic::suggest::did_you_mean_help;
use crate::formats::yaml::quoted;
use crate::load::schema::{CONFIG_SCHEMA, INCIDENT_SCHEMA, Which};
use crate::write::write_if_missing;

use super::{Failure, shown, write_stdout};

/// The example record's path in the repository.
pub const EXAMPLE_RECORD: &str = "incidents/2025-01-15-example.yaml";

pub fn run(start: &Path, args: InitArgs) -> Result<(), Failure> {
    // Every option is checked before anything is written.
    let name = args.name.as_deref().unwrap_or("Status");
    let url = args
        .url
        .as_deref()
        .unwrap_or(crate::config::PLACEHOLDER_URL);
    let timezone = args.timezone.as_deref().unwrap_or("UTC");
    refuse_by_schema("--name", "name", name)?;
    refuse_by_schema("--url", "url", url)?;
    refuse_timezone(timezone)?;
    let dir = match &args.folder {
        Some(d) => start.join(d),
        None => start.to_owned(),
    };
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Failed(format!("{}: not a folder", shown(&dir))));
    }
    let files = files(name, url, timezone, args.templates);
    let mut wrote = 0;
    let mut report = String::new();
    let mut kept_config = false;
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        let written = write_if_missing(&path, bytes).map_err(|source| Failure::Io {
            at: Some(shown(&path)),
            source,
        })?;
        if written {
            wrote += 1;
            report.push_str(&format!("wrote {}\n", shown(&path)));
        } else {
            kept_config |= rel == Path::new(crate::config::FILE_NAME);
            report.push_str(&format!("skipped {}: it already exists\n", shown(&path)));
        }
    }
    if wrote == 0 {
        report.push_str("nothing written: every file already exists\n");
    }
    write_stdout(&report)?;
    // The options only fill in a new postmortem.yaml: say so rather than drop them silently.
    let given: Vec<&str> = [
        ("--name", args.name.is_some()),
        ("--url", args.url.is_some()),
        ("--timezone", args.timezone.is_some()),
    ]
    .into_iter()
    .filter_map(|(option, given)| given.then_some(option))
    .collect();
    if kept_config && !given.is_empty() {
        let path = shown(&dir.join(crate::config::FILE_NAME));
        eprintln!(
            "note: {path} already exists and was kept: {} not applied; edit {path} to change {}",
            match given.len() {
                1 => format!("{} was", given[0]),
                _ => format!("{} were", given.join(", ")),
            },
            given
                .iter()
                .map(|o| format!("`{}`", &o[2..]))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

/// What `init` writes, by path in the repository, in order.
pub fn files(name: &str, url: &str, timezone: &str, templates: bool) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("postmortem.yaml".into(), config(name, url, timezone).into()),
        (
            EXAMPLE_RECORD.into(),
            include_bytes!("init/example.yaml").to_vec(),
        ),
        ("schema/incident.schema.json".into(), INCIDENT_SCHEMA.into()),
        ("schema/config.schema.json".into(), CONFIG_SCHEMA.into()),
        (
            ".gitignore".into(),
            include_bytes!("init/gitignore").to_vec(),
        ),
        (
            ".pre-commit-config.yaml".into(),
            include_bytes!("init/pre-commit-config.yaml").to_vec(),
        ),
        (
            ".github/workflows/status-page.yml".into(),
            workflow().into(),
        ),
        (
            ".vscode/settings.json".into(),
            include_bytes!("init/vscode-settings.json").to_vec(),
        ),
    ];
    if templates {
        for (file, text) in crate::render::TEMPLATES {
            files.push((Path::new("templates").join(file), text.as_bytes().into()));
        }
        files.push((
            "templates/style.css".into(),
            crate::render::STYLESHEET.into(),
        ));
    }
    files
}

/// The GitHub Action of this tool's repository, `owner/name` (from Cargo.toml's `repository`).
pub fn action() -> &'static str {
    env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/")
}

/// The workflow, using the action and the binary of this very release.
fn workflow() -> String {
    include_str!("init/status-page.yml")
        .replace("@@ACTION@@", action())
        .replace("@@VERSION@@", env!("CARGO_PKG_VERSION"))
}

/// The commented `postmortem.yaml`.
fn config(name: &str, url: &str, timezone: &str) -> String {
    format!(
        "# yaml-language-server: $schema=schema/config.schema.json\n\
         # The status page's configuration. Every key is optional; the guide's section 2 lists them.\n\
         name: {}        # page titles, feeds, the summary sentence\n\
         url: {}         # where the site is published (ends with /): links in feeds\n\
         timezone: {}    # the IANA zone times are shown in, and calendar days\n\
         language: en\n\
         # logo: assets/logo.svg        # a file in the repository, or an https:// URL\n\
         # incidents: incidents         # the records folder\n\
         # templates: templates         # overrides of the built-in templates (`postmortem init --templates`)\n\
         # feed_items: 50               # entries in the feeds and incidents.json\n\
         # uptime_days: 90              # days in each uptime bar\n\
         # notify:                      # where `postmortem notify --send` tells subscribers (the CI workflow runs it)\n\
         #   - kind: slack              # also: teams, discord, statuspage, webhook, email\n\
         #     url: \"${{SLACK_WEBHOOK}}\" # read from the environment (a CI secret): never the address itself\n\
         # notify_lead_hours: 24        # how long before a maintenance it is announced as starting\n\
         components:                    # the catalogue: records may only name these\n\
         \x20 - name: Website\n\
         \x20   description: www.example.com\n\
         \x20 - name: API\n\
         # policy:                        # the team's rules for postmortems, held by `check` (the guide: Policy)\n\
         #   postmortem: {{required_for: [major, critical], due_days: 5, sections: [root_cause, resolution, action_items]}}\n\
         #   action_items: {{require_owner: true, require_due: true}}\n\
         #   wording: blame               # warn about wording that blames people, not systems\n",
        quoted(name),
        quoted(url),
        quoted(timezone)
    )
}

/// Refuses `value` for `key` of `postmortem.yaml` as `check` would, named as the option.
fn refuse_by_schema(option: &str, key: &str, value: &str) -> Result<(), Failure> {
    let text = format!("{key}: {}\n", quoted(value));
    let mut loaded = crate::load::from_bytes(Path::new(option), text.as_bytes());
    let _ = crate::load::typed::<serde_json::Value>(Which::Config, &mut loaded);
    match loaded.diagnostics.first() {
        None => Ok(()),
        Some(d) => Err(Failure::Usage(match &d.help {
            Some(help) => format!("{option}: {}: {help}", d.message),
            None => format!("{option}: {}", d.message),
        })),
    }
}

fn refuse_timezone(name: &str) -> Result<(), Failure> {
    if Tz::from_str(name).is_ok() {
        return Ok(());
    }
    let help = did_you_mean_help(name, chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()))
        .unwrap_or_else(|| "use a name like `Europe/Madrid`, `America/New_York` or `UTC`".into());
    Err(Failure::Usage(format!(
        "--timezone: `{name}` is not an IANA time zone: {help}"
    )))
}
