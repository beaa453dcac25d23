//! The site configuration, `postmortem.yaml`, found by walking up from the working directory.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono_tz::Tz;
use serde::Deserialize;

use crate::diagnostic::suggest::did_you_mean_help;
use crate::diagnostic::{Code, Diagnostic};
use crate::load;
use crate::load::files::Repo;
use crate::load::schema::Which;
use crate::load::yaml::{Step, locate};
use crate::model::Record;

/// The configuration file's name.
pub const FILE_NAME: &str = "postmortem.yaml";

/// The site's address until one is set: the default without `postmortem.yaml`, and what
/// `init` writes without `--url`.
pub const PLACEHOLDER_URL: &str = "https://status.example.com/";

/// Whether `s` is an `http`/`https` address (the only links the tool publishes).
pub fn is_http(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// The logo of `postmortem.yaml`: an address pages load it from, or a file of the repository
/// that the site publishes as `logo.<ext>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Logo {
    Url(String),
    File(String),
}

impl Logo {
    fn of(value: String) -> Logo {
        if is_http(&value) {
            Logo::Url(value)
        } else {
            Logo::File(value)
        }
    }

    /// The name a local file is published under, at the site's root: `logo.<ext>`.
    pub fn published_name(&self) -> Option<String> {
        let Logo::File(path) = self else { return None };
        let ext = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("img");
        Some(format!("logo.{}", ext.to_ascii_lowercase()))
    }
}

/// One entry of the component catalogue.
#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
    /// The component's service level objective (else its group's, if any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo: Option<Slo>,
}

/// A group of the catalogue, named by `components[].group`, with what its members share.
#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    /// The objective of each member that has none of its own (each member has its own budget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo: Option<Slo>,
}

/// A service level objective: `target` percent of availability over `window`
/// (docs/guide.md, "SLOs and error budgets").
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Slo {
    /// Percent, from 1 to 99.9999 (the schema's range).
    pub target: f64,
    pub window: SloWindow,
    /// Whether maintenance downtime is spent from the budget (fully, as a major outage).
    #[serde(default)]
    pub count_maintenance: bool,
}

impl Slo {
    /// The part of a window that may be lost, in millionths of a percent (the target read
    /// to six decimals), so that allowed downtimes are exact: 99.9 % gives 100 000.
    pub fn budget_millionths(&self) -> i64 {
        (100_000_000.0 - (self.target * 1e6).round()).max(0.0) as i64
    }
}

/// The window an SLO is measured over: the last N days (rolling, N × 24 h ending at the
/// moment asked about), or the calendar month or quarter (site zone) that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum SloWindow {
    Days(u32),
    Month,
    Quarter,
}

impl TryFrom<String> for SloWindow {
    type Error = String;

    fn try_from(s: String) -> Result<SloWindow, String> {
        match s.as_str() {
            "month" => Ok(SloWindow::Month),
            "quarter" => Ok(SloWindow::Quarter),
            _ => s
                .strip_suffix('d')
                .filter(|n| !n.starts_with(['0', '+']))
                .and_then(|n| n.parse().ok())
                .filter(|n| (1..=999).contains(n))
                .map(SloWindow::Days)
                .ok_or_else(|| format!("`{s}` is not an SLO window")),
        }
    }
}

impl From<SloWindow> for String {
    fn from(w: SloWindow) -> String {
        w.to_string()
    }
}

impl std::fmt::Display for SloWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SloWindow::Days(n) => write!(f, "{n}d"),
            SloWindow::Month => f.write_str("month"),
            SloWindow::Quarter => f.write_str("quarter"),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: Option<String>,
    url: Option<String>,
    logo: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    incidents: Option<String>,
    components: Option<Vec<Component>>,
    groups: Option<Vec<Group>>,
    templates: Option<String>,
    feed_items: Option<usize>,
    uptime_days: Option<u32>,
    policy: Option<Policy>,
    notify: Option<Vec<Endpoint>>,
    notify_lead_hours: Option<u32>,
}

/// Where `notify` delivers: one entry of `notify:` in `postmortem.yaml`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub kind: EndpointKind,
    /// The endpoint's name in messages, file names and `notified.json`; the kind by default.
    pub name: Option<String>,
    /// The address, usually `${VARIABLE}`: read from the environment when sending.
    pub url: Option<String>,
    /// Only records naming one of these components (all records when empty).
    #[serde(default)]
    pub components: Vec<String>,
    /// E-mail only: the sender and the recipients.
    pub from: Option<String>,
    #[serde(default)]
    pub to: Vec<String>,
}

impl Endpoint {
    /// The name given, else the kind's own.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or(self.kind.as_str())
    }
}

/// The payload formats `notify` writes, one per platform.
#[derive(
    Clone, Copy, Debug, Deserialize, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EndpointKind {
    Webhook,
    Statuspage,
    Slack,
    Teams,
    Discord,
    Email,
}

impl EndpointKind {
    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The validated site configuration, with every default filled in.
#[derive(Clone, Debug)]
pub struct Config {
    /// The folder holding `postmortem.yaml` (or the starting folder when there is none).
    pub root: PathBuf,
    /// The same folder as the boundary that no file read may cross through a link.
    pub repo: Repo,
    /// The configuration file, if one was found.
    pub file: Option<PathBuf>,
    pub name: String,
    pub url: String,
    pub logo: Option<Logo>,
    pub language: String,
    pub timezone: Tz,
    /// The records folder, resolved against `root`.
    pub incidents: PathBuf,
    pub components: Option<Vec<Component>>,
    /// What groups of the catalogue share (their SLOs).
    pub groups: Vec<Group>,
    /// The template overrides folder, resolved against `root`, if it exists.
    pub templates: Option<PathBuf>,
    pub feed_items: usize,
    pub uptime_days: u32,
    /// The team's rules for postmortems and action items (`policy:`); none by default.
    pub policy: Policy,
    /// Where `notify --send` delivers.
    pub notify: Vec<Endpoint>,
    /// How long before a maintenance starts `notify` announces it is starting.
    pub notify_lead_hours: u32,
}

impl Config {
    /// The defaults of every field, for a repository rooted at `root` without a config file.
    pub fn defaults(root: &Path) -> Config {
        let templates = root.join("templates");
        Config {
            root: root.to_owned(),
            repo: Repo::new(root),
            file: None,
            name: "Status".into(),
            url: PLACEHOLDER_URL.into(),
            logo: None,
            language: "en".into(),
            timezone: Tz::UTC,
            incidents: root.join("incidents"),
            components: None,
            groups: Vec::new(),
            templates: templates.is_dir().then_some(templates),
            feed_items: 50,
            uptime_days: 90,
            policy: Policy::default(),
            notify: Vec::new(),
            notify_lead_hours: 24,
        }
    }

    /// The public address of record `id`'s page.
    pub fn link(&self, id: &str) -> String {
        format!("{}{}", self.url, page_path(id))
    }

    /// The components to show for `records`: the catalogue's, in its order, then any other
    /// a record names, by name (with no description or group).
    pub fn components_of<'a>(&self, records: impl Iterator<Item = &'a Record>) -> Vec<Component> {
        let mut out: Vec<Component> = self.components.iter().flatten().cloned().collect();
        let known: std::collections::HashSet<String> = out.iter().map(|c| c.name.clone()).collect();
        let mut others: Vec<&String> = records
            .flat_map(|r| r.components.iter())
            .filter(|c| !known.contains(*c))
            .collect();
        others.sort();
        others.dedup();
        out.extend(others.into_iter().map(|name| Component {
            name: name.clone(),
            description: None,
            group: None,
            slo: None,
        }));
        out
    }

    /// The SLO of catalogue component `name`: its own, else its group's.
    pub fn slo_of(&self, name: &str) -> Option<Slo> {
        let c = self.components.iter().flatten().find(|c| c.name == name)?;
        c.slo.or_else(|| {
            let group = c.group.as_deref()?;
            self.groups.iter().find(|g| g.name == group)?.slo
        })
    }

    /// The error for a component the command line names that the catalogue does not have:
    /// the catalogue's names, and the nearest of them.
    pub fn unknown_component(&self, name: &str) -> String {
        let names: Vec<&str> = self
            .components
            .iter()
            .flatten()
            .map(|c| c.name.as_str())
            .collect();
        let hint = did_you_mean_help(name, names.iter().copied())
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        format!(
            "component `{name}` is not in the catalogue of postmortem.yaml (it has: {}){hint}",
            names.join(", ")
        )
    }

    /// Whether `name` is in the catalogue (always true without one).
    pub fn knows_component(&self, name: &str) -> bool {
        self.components
            .as_ref()
            .is_none_or(|c| c.iter().any(|c| c.name == name))
    }
}

/// `name` is not an IANA time zone: the `timezone` problem, with the nearest name as a
/// suggestion. (The schema's `enum` finds it first; this is its one wording.)
pub fn timezone_error(file: &Path, span: crate::load::yaml::Span, name: &str) -> Diagnostic {
    let d = Diagnostic::error(
        file,
        span,
        Code::Timezone,
        format!("`{name}` is not an IANA time zone"),
    );
    match did_you_mean_help(name, chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())) {
        Some(h) => d.with_help(h),
        None => d.with_help("use a name like `Europe/Madrid`, `America/New_York` or `UTC`"),
    }
}

/// The language of `names` a user most likely meant by `tag`: a near spelling (`fr-FX` →
/// `fr`), else one of the same language (`pt` → `pt-BR`).
/// Whether it is a near spelling (else the same language).
pub fn nearest_language<'a>(tag: &str, names: &'a [String]) -> Option<(&'a str, bool)> {
    let language = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    match crate::diagnostic::suggest::did_you_mean(tag, names.iter().map(String::as_str)) {
        Some(near) => Some((near, true)),
        None => names
            .iter()
            .find(|n| language(n) == language(tag))
            .map(|n| (n.as_str(), false)),
    }
}

/// Where record `id`'s page lives in the site, relative to its root: `incidents/{id}/`.
pub fn page_path(id: &str) -> String {
    format!("incidents/{id}/")
}

/// Walks up from `start` to the first folder holding `postmortem.yaml`.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A configuration that could not be loaded, with its located problems and the file's text.
pub struct ConfigError {
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds and loads the configuration for a run started in `start`.
pub fn discover(start: &Path) -> Result<Config, ConfigError> {
    match find(start) {
        Some(file) => load_file(&file),
        None => Ok(Config::defaults(start)),
    }
}

/// Loads `file` as the configuration of the folder that holds it.
pub fn load_file(file: &Path) -> Result<Config, ConfigError> {
    let root = file.parent().unwrap_or(Path::new(".")).to_owned();
    let mut loaded = load::read(file);
    let raw: Option<Raw> = match &loaded.document {
        Some(doc) if doc.root.value == crate::load::yaml::Value::Null => Some(Raw::default()),
        _ => load::typed(Which::Config, &mut loaded),
    };
    let fail = |mut loaded: load::Loaded| {
        loaded.diagnostics.sort_by_key(|d| (d.line, d.column));
        ConfigError {
            source: loaded.source,
            diagnostics: loaded.diagnostics,
        }
    };
    let Some(raw) = raw else {
        return Err(fail(loaded));
    };
    let defaults = Config::defaults(&root);
    let timezone = match raw.timezone.as_deref() {
        None => Tz::UTC,
        Some(name) => match Tz::from_str(name) {
            Ok(tz) => tz,
            Err(_) => {
                let span = loaded
                    .document
                    .as_ref()
                    .map(|d| locate(&d.root, &[Step::Key("timezone")]).node.span)
                    .unwrap_or_default();
                loaded.diagnostics.push(timezone_error(file, span, name));
                Tz::UTC
            }
        },
    };
    if let Some(language) = raw.language.as_deref() {
        let locales = root.join(crate::render::i18n::FOLDER);
        if !crate::render::i18n::has_catalogue(language, Some(&locales)) {
            let span = loaded
                .document
                .as_ref()
                .map(|d| locate(&d.root, &[Step::Key("language")]).node.span)
                .unwrap_or_default();
            let names = crate::render::i18n::available(Some(&locales));
            let d = Diagnostic::error(
                file,
                span,
                Code::Language,
                format!("no catalogue for the language `{language}`"),
            );
            let list = names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let own = format!("or write {}/{language}.ftl", crate::render::i18n::FOLDER);
            let d = match nearest_language(language, &names) {
                Some((near, true)) => {
                    d.with_help(format!("did you mean `{near}`?; available: {list}"))
                }
                Some((near, false)) => {
                    d.with_help(format!("did you mean `{near}`?; available: {list}; {own}"))
                }
                None => d.with_help(format!(
                    "available: {list}; or write {}/{language}.ftl",
                    crate::render::i18n::FOLDER
                )),
            };
            loaded.diagnostics.push(d);
        }
    }
    // Paths the site is made from, and a local logo (copied into the public site), must be
    // paths inside the repository.
    let logo = raw.logo.map(Logo::of);
    let local_logo = match &logo {
        Some(Logo::File(path)) => Some(path.as_str()),
        _ => None,
    };
    for (key, code, value, what) in [
        ("logo", Code::Logo, local_logo, "it is copied into the site"),
        (
            "incidents",
            Code::Incidents,
            raw.incidents.as_deref(),
            "the records folder",
        ),
        (
            "templates",
            Code::Templates,
            raw.templates.as_deref(),
            "the templates folder",
        ),
    ] {
        let Some(value) = value else { continue };
        if !inside_by_name(value) {
            let span = loaded
                .document
                .as_ref()
                .map(|d| locate(&d.root, &[Step::Key(key)]).node.span)
                .unwrap_or_default();
            let help = if key == "logo" {
                format!("give a path inside the repository ({what}), or an https:// URL")
            } else {
                format!("give a path inside the repository, relative to postmortem.yaml ({what})")
            };
            loaded.diagnostics.push(
                Diagnostic::error(
                    file,
                    span,
                    code,
                    format!("`{value}` is outside the repository"),
                )
                .with_help(help),
            );
        }
    }
    let notify = raw.notify.unwrap_or_default();
    if let Some(doc) = &loaded.document {
        let mut problems = notify_problems(file, &doc.root, &notify, raw.components.as_deref());
        loaded.diagnostics.append(&mut problems);
    }
    if let Some(doc) = &loaded.document {
        let components = raw.components.iter().flatten().map(|c| c.name.as_str());
        let groups = raw.groups.iter().flatten().map(|g| g.name.as_str());
        for (key, names) in [
            ("components", components.collect::<Vec<_>>()),
            ("groups", groups.collect()),
        ] {
            loaded
                .diagnostics
                .extend(duplicate_names(file, &doc.root, key, &names));
        }
    }
    // A group entry names a group of the catalogue.
    let known_groups: Vec<&str> = raw
        .components
        .iter()
        .flatten()
        .filter_map(|c| c.group.as_deref())
        .collect();
    for (i, g) in raw.groups.iter().flatten().enumerate() {
        if known_groups.contains(&g.name.as_str()) {
            continue;
        }
        let span = loaded
            .document
            .as_ref()
            .map(|d| {
                locate(
                    &d.root,
                    &[Step::Key("groups"), Step::Index(i), Step::Key("name")],
                )
                .node
                .span
            })
            .unwrap_or_default();
        let d = Diagnostic::error(
            file,
            span,
            Code::UnknownGroup,
            format!("no component of `components` is in group `{}`", g.name),
        );
        let d = match did_you_mean_help(&g.name, known_groups.iter().copied()) {
            Some(h) => d.with_help(h),
            None => d.with_help("set `group:` on the components it holds"),
        };
        loaded.diagnostics.push(d);
    }
    if !loaded.diagnostics.is_empty() {
        return Err(fail(loaded));
    }
    let templates = match raw.templates {
        Some(t) => Some(root.join(t)),
        None => defaults.templates,
    };
    Ok(Config {
        repo: Repo::new(&root),
        file: Some(file.to_owned()),
        name: raw.name.unwrap_or(defaults.name),
        url: raw.url.unwrap_or(defaults.url),
        logo,
        language: raw.language.unwrap_or(defaults.language),
        timezone,
        incidents: raw.incidents.map_or(defaults.incidents, |i| root.join(i)),
        components: raw.components,
        groups: raw.groups.unwrap_or_default(),
        templates,
        feed_items: raw.feed_items.unwrap_or(defaults.feed_items),
        uptime_days: raw.uptime_days.unwrap_or(defaults.uptime_days),
        policy: raw.policy.unwrap_or_default(),
        notify,
        notify_lead_hours: raw.notify_lead_hours.unwrap_or(defaults.notify_lead_hours),
        root,
    })
}

/// The problems of `notify:` the schema cannot say: two endpoints of one name, and a literal
/// address that carries a secret (a webhook's address is its password: it belongs in an
/// environment variable, `${SLACK_WEBHOOK}`, not in a committed file).
fn notify_problems(
    file: &Path,
    root: &crate::load::yaml::Node,
    notify: &[Endpoint],
    catalogue: Option<&[Component]>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for (i, e) in notify.iter().enumerate() {
        let at = |key: &'static str| {
            locate(root, &[Step::Key("notify"), Step::Index(i), Step::Key(key)])
                .node
                .span
        };
        if let Some(first) = seen.insert(e.name(), i) {
            let key = if e.name.is_some() { "name" } else { "kind" };
            out.push(
                Diagnostic::error(
                    file,
                    at(key),
                    Code::NotifyEndpoint,
                    format!(
                        "two `notify` endpoints are named `{}` (entries {} and {})",
                        e.name(),
                        first + 1,
                        i + 1
                    ),
                )
                .with_help(
                    "give each a different `name:` (it names their files and what was sent)",
                ),
            );
        }
        // With a catalogue, a filter names its components (as records must).
        if let Some(catalogue) = catalogue {
            for (j, c) in e.components.iter().enumerate() {
                if catalogue.iter().any(|k| &k.name == c) {
                    continue;
                }
                let span = locate(
                    root,
                    &[
                        Step::Key("notify"),
                        Step::Index(i),
                        Step::Key("components"),
                        Step::Index(j),
                    ],
                )
                .node
                .span;
                let d = Diagnostic::error(
                    file,
                    span,
                    Code::UnknownComponent,
                    format!("`{c}` is not a component of the catalogue"),
                );
                let names = catalogue.iter().map(|k| k.name.as_str());
                out.push(match did_you_mean_help(c, names) {
                    Some(h) => d.with_help(h),
                    None => d.with_help("name a component of `components:`"),
                });
            }
        }
        if let Some(url) = &e.url
            && let Some(why) = secret_in(url)
        {
            out.push(
                Diagnostic::error(
                    file,
                    at("url"),
                    Code::NotifySecret,
                    format!("a literal `notify` address that {why}: anyone who reads the repository can post to it"),
                )
                .with_help("write `url: \"${VARIABLE}\"` and set the variable from a secret in CI"),
            );
        }
    }
    out
}

/// Two entries of the catalogue's `components` (or of `groups`) with one name, or with names
/// that differ only in case or punctuation (`API`, `api`, `A.P.I.`): they would be two rows
/// of the page that readers cannot tell apart, and a component's page would be
/// `components/api/` or `components/api-2/` by the order of the catalogue alone, so that
/// reordering it would move a page to the other component. Names with no letter or digit
/// (no slug) are compared whole.
fn duplicate_names(
    file: &Path,
    root: &crate::load::yaml::Node,
    key: &'static str,
    names: &[&str],
) -> Vec<Diagnostic> {
    let (code, what) = match key {
        "components" => (Code::DuplicateComponent, "component"),
        _ => (Code::DuplicateGroup, "group"),
    };
    let at = |i: usize| {
        locate(root, &[Step::Key(key), Step::Index(i), Step::Key("name")])
            .node
            .span
    };
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let slug = crate::check::slug(name);
        let same = if slug.is_empty() {
            format!("\0{name}")
        } else {
            slug.clone()
        };
        let Some(&first) = seen.get(&same) else {
            seen.insert(same, i);
            continue;
        };
        let line = at(first).start.line;
        let d = if names[first] == *name {
            Diagnostic::error(
                file,
                at(i),
                code,
                format!("{what} `{name}` is in `{key}` twice"),
            )
            .with_help(format!("it is already on line {line}: remove one of them"))
        } else {
            let also = match what {
                "component" => format!(" (both would be `components/{slug}/`)"),
                _ => String::new(),
            };
            Diagnostic::error(
                file,
                at(i),
                code,
                format!(
                    "{what} `{name}` and `{}` on line {line} differ only in case or punctuation{also}",
                    names[first]
                ),
            )
            .with_help("give one of them a different name, or remove it")
        };
        out.push(d);
    }
    out
}

/// Why a literal address (no `${…}` in it) looks like a secret, if it does.
pub fn secret_in(url: &str) -> Option<&'static str> {
    if url.contains("${") {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let hosts = [
        ("hooks.slack.com/", "is a Slack webhook"),
        ("discord.com/api/webhooks/", "is a Discord webhook"),
        ("discordapp.com/api/webhooks/", "is a Discord webhook"),
        ("webhook.office.com/", "is a Teams webhook"),
        (".logic.azure.com", "is a Teams workflow webhook"),
        (
            "environment.api.powerplatform.com",
            "is a Teams workflow webhook",
        ),
    ];
    if let Some((_, why)) = hosts.iter().find(|(h, _)| lower.contains(h)) {
        return Some(why);
    }
    let query = lower.split_once('?').map_or("", |(_, q)| q);
    let secret_key = query.split('&').any(|pair| {
        let key = pair.split('=').next().unwrap_or_default();
        [
            "sig",
            "token",
            "key",
            "secret",
            "password",
            "api_key",
            "apikey",
            "access_token",
        ]
        .contains(&key)
    });
    if secret_key {
        return Some("carries a token in its query");
    }
    let authority = lower.split_once("://").map_or("", |(_, r)| {
        r.split(['/', '?', '#']).next().unwrap_or_default()
    });
    if authority.contains('@') {
        return Some("carries a user name or password");
    }
    None
}

/// Whether a relative path stays inside the folder it is relative to, by its names alone.
fn inside_by_name(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path).components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

/// `policy:` of `postmortem.yaml`: what `check` requires of postmortems and action items
/// beyond the schema (the rules are in `check/policy.rs`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default)]
    pub postmortem: PostmortemPolicy,
    #[serde(default)]
    pub action_items: ActionItemPolicy,
    /// `blame` turns on the blame-wording lint.
    pub wording: Option<Wording>,
    /// Replaces the built-in list of blaming phrases.
    pub blame_phrases: Option<Vec<String>>,
    /// Added to the list (the built-in one, or `blame_phrases`).
    #[serde(default)]
    pub extra_blame_phrases: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PostmortemPolicy {
    /// The severities whose incidents need a postmortem.
    #[serde(default)]
    pub required_for: Vec<crate::model::Severity>,
    /// How many days after the resolution it is due.
    pub due_days: Option<u32>,
    /// The sections a published postmortem must have.
    #[serde(default)]
    pub sections: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionItemPolicy {
    #[serde(default)]
    pub require_owner: bool,
    #[serde(default)]
    pub require_due: bool,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    Blame,
}
