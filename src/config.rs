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
    templates: Option<String>,
    feed_items: Option<usize>,
    uptime_days: Option<u32>,
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
    /// The template overrides folder, resolved against `root`, if it exists.
    pub templates: Option<PathBuf>,
    pub feed_items: usize,
    pub uptime_days: u32,
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
            url: "https://status.example.com/".into(),
            logo: None,
            language: "en".into(),
            timezone: Tz::UTC,
            incidents: root.join("incidents"),
            components: None,
            templates: templates.is_dir().then_some(templates),
            feed_items: 50,
            uptime_days: 90,
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
        }));
        out
    }

    /// Whether `name` is in the catalogue (always true without one).
    pub fn knows_component(&self, name: &str) -> bool {
        self.components
            .as_ref()
            .is_none_or(|c| c.iter().any(|c| c.name == name))
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
                let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
                let d = Diagnostic::error(
                    file,
                    span,
                    Code::Timezone,
                    format!("`{name}` is not an IANA time zone"),
                );
                let d = match did_you_mean_help(name, names) {
                    Some(h) => d.with_help(h),
                    None => {
                        d.with_help("use a name like `Europe/Madrid`, `America/New_York` or `UTC`")
                    }
                };
                loaded.diagnostics.push(d);
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
            let d = match did_you_mean_help(language, names.iter().map(String::as_str)) {
                Some(h) => d.with_help(format!("{h}; available: {list}")),
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
        templates,
        feed_items: raw.feed_items.unwrap_or(defaults.feed_items),
        uptime_days: raw.uptime_days.unwrap_or(defaults.uptime_days),
        root,
    })
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
