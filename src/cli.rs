//! The command line, as clap definitions. Parsing only: the commands live in `cmd/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Format as CheckFormat;
use crate::model::{ActionStatus, Kind, Severity, UpdateStatus};

/// Incident postmortems as code: check YAML records, compute downtime, publish a status page.
#[derive(Debug, Parser)]
#[command(name = "postmortem", version, about, propagate_version = true)]
pub struct Cli {
    /// Run as if started in DIR (postmortem.yaml is looked for from there upwards).
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a ready repository: configuration, records folder, schemas, editor and CI files.
    #[command(
        after_help = "Examples:\n  postmortem init status --name Acme --url https://status.acme.com/ --timezone Europe/Madrid\n  postmortem init --templates\n\nNo file is ever overwritten: one that exists is reported and kept."
    )]
    Init(InitArgs),
    /// Write a new record that already passes `check`, and print its path.
    #[command(
        after_help = "Example:\n  postmortem new \"Intermittent 503 errors loading Spaces\" --severity major --component Spaces"
    )]
    New(NewArgs),
    /// Post an update to a record, in place: a line of the timeline and component windows.
    #[command(
        after_help = "Examples:\n  postmortem update 2026-04-07-web-app-errors --status identified --message \"A bad deploy.\" --component \"Web app=major_outage\"\n  postmortem update 2026-04-07-web-app-errors --status resolved --message \"Fixed.\" --at 2026-04-07T21:05:00+02:00\n\nOnly the new lines are added: the rest of the file stays byte for byte. Nothing is written when the result would not pass `check`."
    )]
    Update(UpdateArgs),
    /// Add a postmortem skeleton (status: draft) to a resolved record, in place.
    #[command(
        after_help = "Example:\n  postmortem draft 2026-04-07-web-app-errors --owner @alice\n\nEvery section of the template, each with a comment saying what belongs there; the timeline is pre-filled from the updates and windows."
    )]
    Draft(DraftArgs),
    /// Validate records against the schema and the semantic rules; report every problem.
    #[command(
        after_help = "Examples:\n  postmortem check\n  postmortem check incidents/2025-04-02-spaces-503s.yaml --strict\n  postmortem check --format github\n  postmortem check --slo --format github"
    )]
    Check(CheckArgs),
    /// Render one record as Markdown, an HTML page, an RSS or Atom feed, or Statuspage JSON.
    #[command(
        after_help = "Examples:\n  postmortem render incidents/2025-04-02-spaces-503s.yaml\n  postmortem render incidents/2025-04-02-spaces-503s.yaml --format html -o spaces.html\n  postmortem render incidents/2025-04-02-spaces-503s.yaml --internal"
    )]
    Render(RenderArgs),
    /// Build the static status page site: pages, feeds, incidents.json, maintenance.ics.
    #[command(
        after_help = "Examples:\n  postmortem build\n  postmortem build --out public\n\nSet SOURCE_DATE_EPOCH to pin the moment the uptime bars end at (reproducible builds)."
    )]
    Build(BuildArgs),
    /// Tell subscribers what changed since the site was last published: Slack, Teams, Discord,
    /// Statuspage-style webhooks, e-mail.
    #[command(
        after_help = "Examples:\n  postmortem notify --dry-run\n  postmortem notify --since site.previous --out notifications\n  postmortem notify --since https://status.acme.com/ --site site --send\n\nWithout --since: the published site, at postmortem.yaml's `url`. Endpoints are `notify:` in postmortem.yaml, their URLs from environment variables."
    )]
    Notify(NotifyArgs),
    /// Import an existing status page's history: RSS, Atom, or Statuspage's API v2 JSON.
    #[command(
        after_help = "Examples:\n  postmortem import history.rss\n  postmortem import https://status.example.com/api/v2/summary.json\n  curl -s https://status.example.com/history.atom | postmortem import -\n  postmortem import incidents.json --out incidents/imported\n\nThe format is told by the content. A record imported before from the same source gets the new updates only; other existing records are never overwritten without --force."
    )]
    Import(ImportArgs),
    /// Live preview: build into a temporary folder, serve it on 127.0.0.1, rebuild on change.
    #[command(
        after_help = "Examples:\n  postmortem serve\n  postmortem serve --port 8080\n\nAn invalid record is shown in the terminal and on every page; the last good build stays served."
    )]
    Serve(ServeArgs),
    /// Every action item of every record: by due date, with a summary line.
    #[command(
        after_help = "Examples:\n  postmortem actions\n  postmortem actions --owner platform --overdue\n  postmortem actions --status open --format csv > open.csv\n  postmortem actions --format github   # annotate overdue items in CI"
    )]
    Actions(ActionsArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  postmortem completions bash > ~/.local/share/bash-completion/completions/postmortem\n  postmortem completions zsh > ~/.zfunc/_postmortem\n  postmortem completions fish > ~/.config/fish/completions/postmortem.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write every page with --out.
    #[command(
        after_help = "Examples:\n  postmortem man > /usr/local/share/man/man1/postmortem.1\n  postmortem man --out /usr/local/share/man/man1"
    )]
    Man(ManArgs),
    /// Downtime figures over a period: durations, time to detect/resolve, availability.
    #[command(
        after_help = "Examples:\n  postmortem stats --period 2026-Q2\n  postmortem stats --period last-30d --by week\n  postmortem stats --since 2026-04-01 --until 2026-06-30\n  postmortem stats --format json --component \"Web app\"\n  postmortem stats --by severity\n  postmortem stats --slo\n\nWithout --period, --since or --until: the last uptime_days days (90), as the status page shows."
    )]
    Stats(StatsArgs),
    /// A reliability report: one self-contained HTML page of availability, incidents, times
    /// to detect and resolve, error budgets, contributing factors and open action items.
    #[command(
        after_help = "Examples:\n  postmortem report --out report.html\n  postmortem report --period 2026-Q2 --out q2.html\n  postmortem report --period 2025 --internal --out 2025-internal.html\n\nWithout --period, --since or --until: the last uptime_days days (90), as `stats`. Set SOURCE_DATE_EPOCH to pin \"now\"."
    )]
    Report(ReportArgs),
    /// Print the JSON Schema of incident records, or of postmortem.yaml (`--which config`).
    #[command(
        after_help = "Examples:\n  postmortem schema > schema/incident.schema.json\n  postmortem schema --which config > schema/config.schema.json"
    )]
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to set up, made if missing [default: the working directory].
    #[arg(id = "folder", value_name = "DIR")]
    pub folder: Option<PathBuf>,
    /// The status page's name.
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    /// Where the site will be published (`http(s)://`, ending with `/`).
    #[arg(long, value_name = "U")]
    pub url: Option<String>,
    /// The IANA zone times are shown in.
    #[arg(long, value_name = "Z")]
    pub timezone: Option<String>,
    /// Also copy the built-in templates into templates/, to edit.
    #[arg(long)]
    pub templates: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The incident's public title.
    pub title: String,
    /// Incident (unplanned) or maintenance (planned).
    #[arg(long, value_enum, default_value_t = Kind::Incident)]
    pub kind: Kind,
    /// Severity of an incident [default: minor].
    #[arg(long, value_enum)]
    pub severity: Option<Severity>,
    /// An affected component (repeat for several); none while it is not known yet.
    #[arg(long = "component", value_name = "C")]
    pub components: Vec<String>,
    /// When the first update was posted (RFC 3339, with an offset) [default: now].
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The record: its id (the file name without `.yaml`) or its path.
    pub id: String,
    /// The status the update announces (incidents: investigating, identified, monitoring,
    /// resolved, postmortem; maintenances: scheduled, in_progress, verifying, completed).
    #[arg(long, value_name = "S", value_parser = update_status)]
    pub status: UpdateStatus,
    /// The update's text (Markdown).
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,
    /// When it was posted (RFC 3339, with an offset) [default: now].
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// `NAME=STATUS`: the component's status from now on (degraded_performance,
    /// partial_outage, major_outage, under_maintenance, or operational to close its window);
    /// repeat for several.
    #[arg(long = "component", value_name = "NAME=STATUS")]
    pub components: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// The record: its id (the file name without `.yaml`) or its path.
    pub id: String,
    /// Who drives the postmortem to publication (a name or a handle).
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ActionsArgs {
    /// Files or folders of records [default: the configured incidents folder].
    pub paths: Vec<PathBuf>,
    /// Only the items of this owner.
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Only the items with this status (open, in_progress, done, wontfix).
    #[arg(long, value_name = "S", value_parser = action_status)]
    pub status: Option<ActionStatus>,
    /// Only the overdue items: due before today, still open or in progress.
    #[arg(long)]
    pub overdue: bool,
    /// The period of "done" in the summary (by `done_on`), as for `stats`: 2026-04, 2026-Q2,
    /// 2026, last-30d [default: last-30d].
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ActionsFormat::Table)]
    pub format: ActionsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    Table,
    Json,
    Csv,
    Github,
}

fn action_status(s: &str) -> Result<ActionStatus, String> {
    use strum::VariantArray;
    ActionStatus::VARIANTS
        .iter()
        .copied()
        .find(|v| v.as_str() == s)
        .ok_or_else(|| {
            let all: Vec<&str> = ActionStatus::VARIANTS.iter().map(|v| v.as_str()).collect();
            format!("use one of: {}", all.join(", "))
        })
}

fn update_status(s: &str) -> Result<UpdateStatus, String> {
    use strum::VariantArray;
    UpdateStatus::VARIANTS
        .iter()
        .copied()
        .find(|v| v.as_str() == s)
        .ok_or_else(|| {
            let all: Vec<&str> = UpdateStatus::VARIANTS.iter().map(|v| v.as_str()).collect();
            format!("use one of: {}", all.join(", "))
        })
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check [default: the configured incidents folder].
    pub paths: Vec<PathBuf>,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Also fail (exit 1) when a component's error budget for its current SLO window is
    /// spent, with a problem on the record that spent it.
    #[arg(long)]
    pub slo: bool,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The record to render.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Markdown)]
    pub format: RenderFormat,
    /// Write to OUT (atomically) instead of standard output.
    // `--output`, its first name, is still read (hidden): scripts that use it keep working.
    #[arg(short = 'o', long = "out", value_name = "OUT", alias = "output")]
    pub out: Option<PathBuf>,
    /// Include the parts marked `internal: true`, for the team's own review.
    #[arg(long)]
    pub internal: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Markdown,
    Html,
    Rss,
    Atom,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Where to write the site [default: site/ beside postmortem.yaml]. It must be a new or
    /// empty folder, or a site built before: a build replaces the whole folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the --out folder even though it is not a site built before (never the
    /// repository, the records or templates folder, or a folder holding .git or
    /// postmortem.yaml).
    #[arg(long)]
    pub force: bool,
    /// A preview: include postmortems in `draft` or `in_review`, marked on every page.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What to read: a feed (RSS 2.0, Atom 1.0) or Statuspage's API v2 JSON, as a file, an
    /// http(s) URL, or `-` for standard input.
    #[arg(value_name = "FILE|URL|-")]
    pub file: PathBuf,
    /// Where to write the records [default: the configured incidents folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace records that already exist.
    #[arg(long)]
    pub force: bool,
    /// Print what would be written (paths and a summary per record); write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("action").required(true).multiple(true).args(["out", "send", "dry_run"])))]
pub struct NotifyArgs {
    /// What was published before: a built site's folder, or the published site's URL
    /// [default: postmortem.yaml's `url`].
    #[arg(long, value_name = "DIR|URL")]
    pub since: Option<String>,
    /// Write each payload into DIR (one file per event and endpoint) for the CI to deliver.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Deliver to the endpoints of `notify:` in postmortem.yaml.
    #[arg(long, conflicts_with = "dry_run")]
    pub send: bool,
    /// Print what would be sent; send and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The site about to be published (built by `build`): record in its notified.json what
    /// was announced, so that the next run sends nothing twice.
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// The pause before the first retry, in milliseconds (it doubles after each).
    #[arg(long, value_name = "MS", default_value_t = 2000, hide = true)]
    pub backoff_ms: u64,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write postmortem.1 and a page per subcommand (postmortem-check.1, …) into DIR.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Files or folders of records [default: the configured incidents folder].
    pub paths: Vec<PathBuf>,
    /// The period: a month (2026-04), a quarter (2026-Q2), a year (2026), or the last days
    /// ending now (last-30d, last-90d) [default: last-<uptime_days>d].
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["since", "until"])]
    pub period: Option<String>,
    /// Start of the period: a day (site timezone) or an RFC 3339 timestamp.
    #[arg(long)]
    pub since: Option<String>,
    /// End of the period: a day (inclusive: the whole day counts) or an RFC 3339 timestamp.
    #[arg(long)]
    pub until: Option<String>,
    /// Only this component (repeat for several).
    #[arg(long = "component", value_name = "C")]
    pub components: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
    /// Break components down per calendar week (ISO, from Monday), month, quarter or year
    /// (site timezone); or the incidents' counts and times by severity or by component.
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Also report each component's error budget (the SLOs of postmortem.yaml) over its SLO
    /// window ending at the end of the period.
    #[arg(long)]
    pub slo: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files or folders of records [default: the configured incidents folder].
    pub paths: Vec<PathBuf>,
    /// The period, as for `stats`: 2026-04, 2026-Q2, 2026, last-30d [default:
    /// last-<uptime_days>d].
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["since", "until"])]
    pub period: Option<String>,
    /// Start of the period: a day (site timezone) or an RFC 3339 timestamp.
    #[arg(long)]
    pub since: Option<String>,
    /// End of the period: a day (inclusive) or an RFC 3339 timestamp.
    #[arg(long)]
    pub until: Option<String>,
    /// Only this component (repeat for several).
    #[arg(long = "component", value_name = "C")]
    pub components: Vec<String>,
    /// Write to OUT (atomically) instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Include the parts marked `internal: true` (contributing factors, action items).
    #[arg(long)]
    pub internal: bool,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which schema: records, or the site configuration.
    #[arg(long, value_enum, default_value_t = SchemaWhich::Incident)]
    pub which: SchemaWhich,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaWhich {
    Incident,
    Config,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    Week,
    Month,
    Quarter,
    Year,
    Severity,
    Component,
}
