//! The command line, as clap definitions. Parsing only: the commands live in `cmd/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Format as CheckFormat;
use crate::model::{Kind, Severity};

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
    /// Validate records against the schema and the semantic rules; report every problem.
    #[command(
        after_help = "Examples:\n  postmortem check\n  postmortem check incidents/2025-04-02-spaces-503s.yaml --strict\n  postmortem check --format github"
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
    /// Import an existing status page's history: RSS, Atom, or Statuspage's incidents.json.
    #[command(
        after_help = "Examples:\n  postmortem import history.rss\n  postmortem import incidents.json --out incidents/imported\n\nThe format is told by the content. Existing records are never overwritten without --force."
    )]
    Import(ImportArgs),
    /// Live preview: build into a temporary folder, serve it on 127.0.0.1, rebuild on change.
    #[command(
        after_help = "Examples:\n  postmortem serve\n  postmortem serve --port 8080\n\nAn invalid record is shown in the terminal and on every page; the last good build stays served."
    )]
    Serve(ServeArgs),
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
        after_help = "Examples:\n  postmortem stats --period 2026-Q2\n  postmortem stats --period last-30d --by week\n  postmortem stats --since 2026-04-01 --until 2026-06-30\n  postmortem stats --format json --component \"Web app\"\n\nWithout --period, --since or --until: the last uptime_days days (90), as the status page shows."
    )]
    Stats(StatsArgs),
    /// Print the JSON Schema of incident records.
    #[command(after_help = "Example:\n  postmortem schema > schema/incident.schema.json")]
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
    /// An affected component (repeat for several); at least one.
    #[arg(long = "component", value_name = "C")]
    pub components: Vec<String>,
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
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The record to render.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Markdown)]
    pub format: RenderFormat,
    /// Write to OUT (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
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
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The feed (RSS 2.0, Atom 1.0) or Statuspage `incidents.json` to read.
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
    /// (site timezone).
    #[arg(long, value_enum)]
    pub by: Option<By>,
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
}
