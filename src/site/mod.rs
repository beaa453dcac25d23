//! `build`: the whole static status page, written into a workspace beside the target and
//! swapped in at the end (see [`publish`]), so that a failed or killed build leaves the
//! previous site untouched. The same records always give byte-identical output.

pub mod index;
mod publish;

pub use publish::MARKER;

use std::path::{Path, PathBuf};

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, FixedOffset, Utc};
use rayon::prelude::*;

use crate::config::Config;
use crate::formats::{badge, feed, ics, statuspage as json};
use crate::load::files::FileError;
use crate::model::{Public, Record};
use crate::render::{self, Options, Renderer, SiteView, Values, record_view};

/// Largest logo file published: a logo is an image of a few kilobytes.
pub const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// What a build wrote.
#[derive(Debug)]
pub struct Built {
    pub records: usize,
    pub files: usize,
    /// How many templates were rendered: two per record, plus a bounded number for the feeds
    /// and the front page.
    pub renders: usize,
}

/// A build that failed; the previous site is untouched.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Template(#[from] render::TemplateError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `incidents.json` could not be made.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The logo named in `postmortem.yaml` may not or cannot be read; nothing was built.
    #[error("the logo `{logo}` named in postmortem.yaml: {}; nothing built", source.message())]
    Logo {
        logo: String,
        #[source]
        source: FileError,
    },
    /// The output folder may not be replaced; nothing was written.
    #[error("{0}")]
    Refused(String),
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Renders the whole site into `dir`: each record's page and Markdown as soon as it is
/// rendered (in parallel), then the front page, the feeds, the JSON and the calendar.
/// Returns how many files were written and how many templates were rendered.
fn write_site(
    config: &Config,
    records: &[Record],
    inputs: &Inputs,
    ws: &publish::Workspace,
    now: DateTime<Utc>,
    drafts: bool,
) -> Result<(usize, usize), BuildError> {
    let dir = ws.dir.as_path();
    let renderer = &inputs.renderer;
    let logo_name = render::published_logo_name(config);
    let messages = renderer.messages();
    let site = SiteView {
        drafts,
        ..SiteView::localised(config, logo_name.clone(), messages.clone())
    };
    // The site as seen from a page `root` below the top (a local logo is linked relatively).
    let site_at = |root: &str| SiteView {
        logo: site
            .logo
            .as_ref()
            .map(|l| relative_logo(l, logo_name.as_deref(), root)),
        ..site.clone()
    };
    let page_site = site_at("../../");
    let index_site = site_at("");
    let archive_site = site_at("../");
    // A component's archive: its index and its months.
    let component_archive_sites = (site_at("../../../"), site_at("../../../../"));
    let opts = Options { now, messages };
    // Internal parts and unpublished postmortems are gone before anything renders (a
    // preview keeps the latter, marked): from here on, only public records.
    let public = if drafts {
        Public::with_drafts
    } else {
        Public::of
    };
    let records: Vec<Public<'_>> = records.par_iter().map(public).collect();
    let records = records.as_slice();
    let (site_values, page_values) = (Values::of(&site)?, Values::of(&page_site)?);
    let mut top_files = vec![
        "index.html",
        "style.css",
        "feed.rss",
        "feed.atom",
        "incidents.json",
        "maintenance.ics",
        "badge.svg",
    ];
    top_files.extend(logo_name.as_deref());
    // Statuspage's API: the page and its components now, and which records its lists hold.
    let plain: Vec<&Record> = records.iter().map(|r| &**r).collect();
    let api = json::Api::new(config, &plain, now);
    let api_lists = ApiLists::of(&plain, now);
    let api_ids: Vec<String> = records.iter().map(|r| json::short_id(&[&r.id])).collect();
    // The components' folders and the history archive's months, known before anything is
    // pruned.
    let component_names: Vec<String> = config
        .components_of(records.iter().map(|r| &**r))
        .into_iter()
        .map(|c| c.name)
        .collect();
    let component_slugs = index::slugs(component_names.iter().map(String::as_str));
    let slug_of: HashMap<&str, &str> = component_names
        .iter()
        .map(String::as_str)
        .zip(component_slugs.iter().map(String::as_str))
        .collect();
    let mut month_keys: BTreeSet<String> = BTreeSet::new();
    let mut component_months: HashMap<&str, std::collections::HashSet<String>> = HashMap::new();
    for r in records {
        let Some(t) = r.start() else { continue };
        let key = t
            .with_timezone(&config.timezone)
            .format("%Y-%m")
            .to_string();
        for c in &r.components {
            if let Some(slug) = slug_of.get(c.as_str()) {
                component_months
                    .entry(slug)
                    .or_default()
                    .insert(key.clone());
            }
        }
        month_keys.insert(key);
    }
    ws.prune(&publish::Layout {
        top_files,
        ids: records.iter().map(|r| r.id.as_str()).collect(),
        api_ids: api_ids.iter().map(String::as_str).collect(),
        months: month_keys.iter().map(String::as_str).collect(),
        components: component_slugs
            .iter()
            .map(|slug| {
                let months = component_months
                    .get(slug.as_str())
                    .map(|m| m.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                (slug.as_str(), months)
            })
            .collect(),
    })?;
    let incidents_dir = dir.join("incidents");
    std::fs::create_dir_all(&incidents_dir).map_err(io(&incidents_dir))?;
    let api_dir = dir.join(json::API_DIR);
    for sub in ["incidents", "scheduled-maintenances"] {
        let d = api_dir.join(sub);
        std::fs::create_dir_all(&d).map_err(io(&d))?;
    }

    // Every record's page, Markdown and API document, written as soon as rendered; its
    // front-page line kept, and its API incident when a list of the API holds it.
    type Rendered = (index::Entry, Option<(String, json::Incident)>);
    let rendered: Vec<Rendered> = records
        .par_iter()
        .map(|record| -> Result<Rendered, BuildError> {
            let view = record_view(record, config, opts);
            let page_dir = incidents_dir.join(&record.id);
            let values = Values::of(&view)?;
            let page = renderer.incident_page_of(&page_values, &values, "../../", false)?;
            let markdown = renderer.markdown_of(&site_values, &values, &config.url)?;
            std::fs::create_dir_all(&page_dir).map_err(io(&page_dir))?;
            ws.put(&page_dir.join("index.html"), page.as_bytes())?;
            ws.put(
                &incidents_dir.join(format!("{}.md", record.id)),
                markdown.as_bytes(),
            )?;
            let body = json::postmortem_body(record, &markdown);
            let incident = api.incident(record, &config.link(&record.id), body);
            let doc = json::IncidentDoc {
                page: api.page.clone(),
                incident,
            };
            ws.put(
                &api_dir.join(format!("incidents/{}.json", doc.incident.id)),
                &json::to_file(&doc)?,
            )?;
            let kept = api_lists
                .wanted
                .contains(record.id.as_str())
                .then(|| (record.id.clone(), doc.incident));
            Ok((index::entry(record, &view, config.timezone, messages), kept))
        })
        .collect::<Result<_, _>>()?;
    let mut files = records.len() * 3;
    let (entries, kept): (Vec<index::Entry>, Vec<_>) = rendered.into_iter().unzip();
    let api_incidents: std::collections::HashMap<String, json::Incident> =
        kept.into_iter().flatten().collect();
    files += write_api(&api, &api_lists, &api_incidents, ws, &api_dir)?;

    // incidents.json: like Statuspage's, the newest `feed_items` incidents.
    let mut newest_records: Vec<&Public<'_>> = records.iter().collect();
    newest_records.sort_by(|a, b| json::newest_first(a, b));
    newest_records.truncate(config.feed_items);
    let pairs: Vec<(Public<'_>, String)> = newest_records
        .iter()
        .map(|r| ((*r).clone(), config.link(&r.id)))
        .collect();
    let mut doc = serde_json::to_string_pretty(&json::document(&site, &pairs))?;
    doc.push('\n');
    ws.put(&dir.join("incidents.json"), doc.as_bytes())?;

    let maintenances: Vec<&Public<'_>> = records
        .iter()
        .filter(|r| r.kind == crate::model::Kind::Maintenance)
        .collect();
    ws.put(
        &dir.join("maintenance.ics"),
        ics::calendar(
            &messages.format("calendar-name", &[("site", config.name.as_str().into())]),
            &config.url,
            &maintenances,
        )
        .as_bytes(),
    )?;

    let history = index::newest_first(records, &entries);
    let index = index::index_view(&index_site, config, records, &entries, &history, now);
    ws.put(
        &dir.join("index.html"),
        renderer.render("index.html", &index)?.as_bytes(),
    )?;
    files += write_archive(
        renderer,
        ws,
        &dir.join("history"),
        (&archive_site, &page_site),
        &history,
        config.timezone,
        None,
    )?;
    let feeds = FeedSet {
        config,
        renderer,
        site: &site,
        records,
        opts,
    };
    let component_entries = feeds.write(ws, &index.components)?;
    files += 2;
    let logo_url = render::logo_url(config);
    let components_dir = dir.join("components");
    std::fs::create_dir_all(&components_dir).map_err(io(&components_dir))?;
    let archived = index
        .components
        .par_iter()
        .zip(component_entries)
        .map(|(c, entries)| -> Result<usize, BuildError> {
            let d = components_dir.join(&c.slug);
            std::fs::create_dir_all(&d).map_err(io(&d))?;
            let own = index::of_component(&history, &c.name);
            let view = index::component_page(
                &page_site,
                c,
                index.uptime_days,
                &own,
                index.since,
                config.timezone,
            );
            ws.put(
                &d.join("index.html"),
                renderer.render("component.html", &view)?.as_bytes(),
            )?;
            let archived = write_archive(
                renderer,
                ws,
                &d.join("history"),
                (&component_archive_sites.0, &component_archive_sites.1),
                &own,
                config.timezone,
                Some(index::ArchiveOf {
                    name: c.name.clone(),
                    href: c.href.clone(),
                }),
            )?;
            ws.put(
                &d.join("badge.svg"),
                badge::of(messages, &c.name, c.status, badge::colour(c.now)).as_bytes(),
            )?;
            let channel = feed::Channel::component(&site, &c.name, &c.href);
            ws.put(
                &d.join("feed.rss"),
                feed::rss_of(&channel, logo_url.as_deref(), &entries).as_bytes(),
            )?;
            ws.put(
                &d.join("feed.atom"),
                feed::atom_of(&channel, logo_url.as_deref(), &entries).as_bytes(),
            )?;
            let maintenances: Vec<&Public<'_>> = records
                .iter()
                .filter(|r| {
                    r.kind == crate::model::Kind::Maintenance && r.components.contains(&c.name)
                })
                .collect();
            ws.put(
                &d.join("maintenance.ics"),
                ics::calendar(
                    &messages.format(
                        "component-calendar-name",
                        &[
                            ("site", config.name.as_str().into()),
                            ("component", c.name.as_str().into()),
                        ],
                    ),
                    &config.url,
                    &maintenances,
                )
                .as_bytes(),
            )?;
            Ok(archived)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    files += index.components.len() * 5 + archived;
    let worst = index.components.iter().filter_map(|c| c.now).max();
    let colour = match (worst, index.overall.class) {
        (None, "ok") => badge::colour(None),
        (None, _) => badge::colour(Some(crate::model::ComponentStatus::PartialOutage)),
        (w, _) => badge::colour(w),
    };
    let status = match (worst, index.overall.class) {
        (None, "ok") => "operational",
        (None, _) => "incident",
        (Some(w), _) => w.as_str(),
    };
    ws.put(
        &dir.join("badge.svg"),
        badge::of(messages, &config.name, status, colour).as_bytes(),
    )?;
    files += 1;
    ws.put(&dir.join("style.css"), renderer.stylesheet().as_bytes())?;
    ws.mark_as_site()?;
    files += 5;

    if let (Some(name), Some(bytes)) = (&logo_name, &inputs.logo) {
        ws.put(&dir.join(name), bytes)?;
        files += 1;
    }
    Ok((files, renderer.renders()))
}

/// The feeds of the site and of each component: the newest `feed_items` entries of each,
/// chosen from cheap keys before any is rendered; a record some feed holds is rendered once.
struct FeedSet<'a, 'r> {
    config: &'a Config,
    renderer: &'a Renderer,
    site: &'a SiteView,
    records: &'a [Public<'r>],
    opts: Options<'a>,
}

impl FeedSet<'_, '_> {
    /// Writes `feed.rss` and `feed.atom`; returns the entries of each component's feeds.
    fn write(
        &self,
        ws: &publish::Workspace,
        components: &[index::ComponentView],
    ) -> Result<Vec<Vec<feed::Entry>>, BuildError> {
        let (config, records) = (self.config, self.records);
        let mut keys: Vec<(DateTime<FixedOffset>, &str, String)> = records
            .par_iter()
            .flat_map_iter(|r| {
                let link = config.link(&r.id);
                feed::entry_keys(r)
                    .into_iter()
                    .map(move |(at, status)| {
                        (at, r.id.as_str(), feed::guid(&link, &r.id, &at, status))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        keys.par_sort_by(|a, b| feed::order((&a.0, a.1, &a.2), (&b.0, b.1, &b.2)));
        let by_id: HashMap<&str, &Public<'_>> =
            records.iter().map(|r| (r.id.as_str(), r)).collect();
        type Key<'k> = (DateTime<FixedOffset>, &'k str, String);
        let site_keys: Vec<&Key<'_>> = keys.iter().take(config.feed_items).collect();
        let component_keys: Vec<Vec<&Key<'_>>> = components
            .par_iter()
            .map(|c| {
                keys.iter()
                    .filter(|k| by_id[k.1].components.contains(&c.name))
                    .take(config.feed_items)
                    .collect()
            })
            .collect();
        let chosen: BTreeSet<&str> = site_keys
            .iter()
            .chain(component_keys.iter().flatten())
            .map(|k| k.1)
            .collect();
        let rendered: HashMap<&str, Vec<feed::Entry>> = chosen
            .par_iter()
            .map(|id| -> Result<_, BuildError> {
                let r = by_id[id];
                let view = render::feed_view(r, config, self.opts);
                Ok((*id, feed::entries(self.renderer, self.site, r, &view)?))
            })
            .collect::<Result<_, _>>()?;
        // The keys are in the feeds' order already.
        let pick = |keys: &[&Key<'_>]| -> Vec<feed::Entry> {
            keys.iter()
                .filter_map(|k| rendered[k.1].iter().find(|e| e.guid == k.2).cloned())
                .collect()
        };
        let site_entries = pick(&site_keys);
        let logo_url = render::logo_url(config);
        let dir = &ws.dir;
        ws.put(
            &dir.join("feed.rss"),
            feed::rss(self.site, logo_url.as_deref(), &site_entries).as_bytes(),
        )?;
        ws.put(
            &dir.join("feed.atom"),
            feed::atom(self.site, logo_url.as_deref(), &site_entries).as_bytes(),
        )?;
        Ok(component_keys.iter().map(|k| pick(k)).collect())
    }
}

/// Writes a history archive into `dir`: its `index.html` and a page per month; the site's
/// (`history/`, `of` is `None`) or a component's (`components/<slug>/history/`). `sites` is
/// the site as seen from the index and from a month. Returns how many files were written.
fn write_archive(
    renderer: &Renderer,
    ws: &publish::Workspace,
    dir: &Path,
    sites: (&SiteView, &SiteView),
    history: &[(Option<DateTime<Utc>>, &Record, &index::Entry)],
    tz: chrono_tz::Tz,
    of: Option<index::ArchiveOf>,
) -> Result<usize, BuildError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let (archive, months) = index::archive(sites.1, history, tz, of);
    let archive = index::ArchiveView {
        site: sites.0,
        ..archive
    };
    ws.put(
        &dir.join("index.html"),
        renderer.render("history.html", &archive)?.as_bytes(),
    )?;
    months.par_iter().try_for_each(|m| {
        let d = dir.join(&m.month.key);
        std::fs::create_dir_all(&d).map_err(io(&d))?;
        ws.put(
            &d.join("index.html"),
            renderer.render("month.html", m)?.as_bytes(),
        )
    })?;
    Ok(1 + months.len())
}

/// Which records each list of the API holds, by record id, in the list's order.
struct ApiLists<'a> {
    incidents: Vec<&'a str>,
    unresolved: Vec<&'a str>,
    maintenances: Vec<&'a str>,
    upcoming: Vec<&'a str>,
    active: Vec<&'a str>,
    /// All of the above.
    wanted: BTreeSet<&'a str>,
}

impl<'a> ApiLists<'a> {
    fn of(records: &[&'a Record], now: DateTime<Utc>) -> ApiLists<'a> {
        use crate::model::Kind;
        let ids = |v: Vec<&&'a Record>| v.into_iter().map(|r| r.id.as_str()).collect::<Vec<_>>();
        let mut incidents: Vec<&&Record> = records
            .iter()
            .filter(|r| r.kind == Kind::Incident)
            .collect();
        incidents.sort_by(|a, b| json::newest_first(a, b));
        let unresolved: Vec<&&Record> = incidents
            .iter()
            .copied()
            .filter(|r| json::is_unresolved_incident(r))
            .collect();
        incidents.truncate(json::API_LIST_LIMIT);
        let mut maintenances: Vec<&&Record> = records
            .iter()
            .filter(|r| r.kind == Kind::Maintenance)
            .collect();
        maintenances.sort_by(|a, b| json::latest_scheduled_first(a, b));
        let soonest = |phase: json::Phase| {
            let mut v: Vec<&&Record> = maintenances
                .iter()
                .copied()
                .filter(|r| json::phase(r, now) == phase)
                .collect();
            v.reverse();
            v
        };
        let (upcoming, active) = (soonest(json::Phase::Upcoming), soonest(json::Phase::Active));
        maintenances.truncate(json::API_LIST_LIMIT);
        let lists = ApiLists {
            incidents: ids(incidents),
            unresolved: ids(unresolved),
            maintenances: ids(maintenances),
            upcoming: ids(upcoming),
            active: ids(active),
            wanted: BTreeSet::new(),
        };
        let wanted = [
            &lists.incidents,
            &lists.unresolved,
            &lists.maintenances,
            &lists.upcoming,
            &lists.active,
        ]
        .into_iter()
        .flatten()
        .copied()
        .collect();
        ApiLists { wanted, ..lists }
    }
}

/// Writes the API's lists and summaries (each record's own document is already written).
/// Returns how many files were written.
fn write_api(
    api: &json::Api,
    lists: &ApiLists<'_>,
    incidents: &std::collections::HashMap<String, json::Incident>,
    ws: &publish::Workspace,
    api_dir: &Path,
) -> Result<usize, BuildError> {
    let pick = |ids: &[&str]| -> Vec<json::Incident> {
        ids.iter()
            .filter_map(|id| incidents.get(*id))
            .cloned()
            .collect()
    };
    let page = || api.page.clone();
    let open = pick(&lists.unresolved);
    let upcoming = pick(&lists.upcoming);
    let active = pick(&lists.active);
    let docs: [(&str, Vec<u8>); 8] = [
        (
            "summary.json",
            json::to_file(&json::SummaryDoc {
                page: page(),
                components: api.components.clone(),
                incidents: open.clone(),
                scheduled_maintenances: active.iter().chain(&upcoming).cloned().collect(),
                status: api.status.clone(),
            })?,
        ),
        (
            "status.json",
            json::to_file(&json::StatusDoc {
                page: page(),
                status: api.status.clone(),
            })?,
        ),
        (
            "components.json",
            json::to_file(&json::ComponentsDoc {
                page: page(),
                components: api.components.clone(),
            })?,
        ),
        (
            "incidents.json",
            json::to_file(&json::IncidentsDoc {
                page: page(),
                incidents: pick(&lists.incidents),
            })?,
        ),
        (
            "incidents/unresolved.json",
            json::to_file(&json::IncidentsDoc {
                page: page(),
                incidents: open,
            })?,
        ),
        (
            "scheduled-maintenances.json",
            json::to_file(&json::MaintenancesDoc {
                page: page(),
                scheduled_maintenances: pick(&lists.maintenances),
            })?,
        ),
        (
            "scheduled-maintenances/upcoming.json",
            json::to_file(&json::MaintenancesDoc {
                page: page(),
                scheduled_maintenances: upcoming,
            })?,
        ),
        (
            "scheduled-maintenances/active.json",
            json::to_file(&json::MaintenancesDoc {
                page: page(),
                scheduled_maintenances: active,
            })?,
        ),
    ];
    debug_assert_eq!(docs.each_ref().map(|d| d.0), json::API_FILES);
    for (name, bytes) in &docs {
        ws.put(&api_dir.join(name), bytes)?;
    }
    Ok(docs.len())
}

/// What a site is made from besides the records, read before anything is written: the
/// templates and the local logo.
struct Inputs {
    renderer: Renderer,
    logo: Option<Vec<u8>>,
}

impl Inputs {
    fn read(config: &Config) -> Result<Inputs, BuildError> {
        let renderer = Renderer::for_site(config)?;
        let logo = match &config.logo {
            Some(crate::config::Logo::File(logo)) => {
                let source = config.root.join(logo);
                let refused = |source: FileError| BuildError::Logo {
                    logo: logo.clone(),
                    source,
                };
                // Even through a symbolic link, only a file of the repository is published.
                config.repo.guard(&source).map_err(refused)?;
                Some(
                    crate::load::files::read_regular(&source, MAX_LOGO_BYTES, "a logo")
                        .map_err(refused)?,
                )
            }
            _ => None,
        };
        Ok(Inputs { renderer, logo })
    }
}

/// A local logo is linked relatively (so the site works from any address); a URL stays.
fn relative_logo(logo: &str, local_name: Option<&str>, root: &str) -> String {
    match local_name {
        Some(name) => format!("{root}{name}"),
        None => logo.to_owned(),
    }
}

/// The site being replaced keeps what `notify` announced from it: its `notified.json` is
/// carried into the new site, so that a rebuild never makes `notify` announce anything twice.
fn carry_notified(out: &Path, ws: &publish::Workspace) -> Result<(), BuildError> {
    let old = out.join(crate::notify::state::FILE);
    if std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file()) {
        let bytes = std::fs::read(&old).map_err(io(&old))?;
        ws.put(&ws.dir.join(crate::notify::state::FILE), &bytes)?;
    }
    Ok(())
}

/// Builds the site into `out`: writes it into a workspace beside `out` (the site the
/// previous build replaced, or a new folder), then swaps it in. On any failure `out` is
/// untouched. `out` must be new, empty or a site built before (see [`publish::target`]);
/// `force` lets it be any other folder but the protected ones.
pub fn build(
    config: &Config,
    records: &[Record],
    out: &Path,
    now: DateTime<Utc>,
    force: bool,
) -> Result<Built, BuildError> {
    build_site(config, records, out, now, force, false)
}

/// [`build`], with unpublished postmortems shown and marked on every page when `drafts`
/// (`build --drafts`, a preview deployment).
pub fn build_site(
    config: &Config,
    records: &[Record],
    out: &Path,
    now: DateTime<Utc>,
    force: bool,
    drafts: bool,
) -> Result<Built, BuildError> {
    let out = &publish::target(out, &publish::Protected::of(config), force)?;
    let inputs = Inputs::read(config)?;
    let ws = publish::workspace(out)?;
    match write_site(config, records, &inputs, &ws, now, drafts).and_then(|r| {
        carry_notified(out, &ws)?;
        Ok(r)
    }) {
        Ok((files, renders)) => {
            ws.publish(out)?;
            Ok(Built {
                records: records.len(),
                files,
                renders,
            })
        }
        Err(e) => {
            ws.abandon();
            Err(e)
        }
    }
}
