//! What was published before: a built site's folder, or the published site at a URL. Its
//! `notified.json` when it has one; else the events its Statuspage JSON shows (`api/v2/`,
//! else root `incidents.json` of a site built before `api/v2/` existed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::formats::statuspage::{self as json, short_id};

use super::NotifyError;
use chrono::{DateTime, Utc};

use crate::model::Public;

use super::events::{published_component_ids, published_ids, published_ids_root};
use super::http;
use super::state::{FILE, State};

/// Where the previous site is.
#[derive(Clone, Debug, PartialEq)]
pub enum Since {
    Dir(PathBuf),
    /// Ends with `/`.
    Url(String),
}

impl Since {
    /// `http(s)://…` is a URL (a `/` is added at the end when missing), anything else a folder.
    pub fn parse(s: &str) -> Since {
        if crate::config::is_http(s) {
            let mut url = s.to_owned();
            if !url.ends_with('/') {
                url.push('/');
            }
            Since::Url(url)
        } else {
            Since::Dir(PathBuf::from(s))
        }
    }

    /// For messages: the folder, or the URL.
    pub fn shown(&self) -> String {
        match self {
            Since::Dir(d) => d.display().to_string(),
            Since::Url(u) => u.clone(),
        }
    }
}

/// What the previous site announced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baseline {
    pub known: BTreeSet<String>,
    pub pending: BTreeMap<String, BTreeSet<String>>,
    /// What it was read from: `notified.json`, `api/v2/` or `incidents.json`.
    pub from: &'static str,
}

/// Reads the baseline. `records` are the current public records: with `api/v2/` at a URL, a
/// record the lists do not hold (they keep the newest 50) is looked for in its own file; a
/// component's changes count as published up to its `updated_at` in `components.json`.
pub fn read(
    since: &Since,
    public: &[Public<'_>],
    now: DateTime<Utc>,
) -> Result<Baseline, NotifyError> {
    let records: Vec<String> = public.iter().map(|r| r.id.clone()).collect();
    let records = records.as_slice();
    let source = Source { since };
    if let Some(bytes) = source.get(FILE)? {
        let state: State = serde_json::from_slice(&bytes).map_err(|e| NotifyError::Since {
            since: since.shown(),
            what: format!("{FILE} is not a notified.json of postmortem: {e}"),
        })?;
        return Ok(Baseline {
            known: state.events,
            pending: state.pending,
            from: FILE,
        });
    }
    let mut known = BTreeSet::new();
    if source.api(records, &mut known)? {
        if let Some(bytes) = source.get("api/v2/components.json")? {
            let doc: json::ComponentsDoc = serde_json::from_slice(&bytes)
                .map_err(|e| source.bad("api/v2/components.json", &e))?;
            published_component_ids(public, now, &doc.components, &mut known);
        }
        return Ok(Baseline {
            known,
            pending: BTreeMap::new(),
            from: "api/v2/",
        });
    }
    if let Some(bytes) = source.get("incidents.json")? {
        let doc: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| source.bad("incidents.json", &e))?;
        for i in doc
            .get("incidents")
            .and_then(|i| i.as_array())
            .into_iter()
            .flatten()
        {
            published_ids_root(i, &mut known);
        }
        // A site older than api/v2/ says nothing of its components: their changes so far
        // count as told.
        known.extend(
            super::events::all(public, now, chrono::TimeDelta::zero())
                .into_iter()
                .filter(|e| e.kind == super::events::EventKind::ComponentStatus)
                .map(|e| e.id),
        );
        return Ok(Baseline {
            known,
            pending: BTreeMap::new(),
            from: "incidents.json",
        });
    }
    Err(NotifyError::Since {
        since: since.shown(),
        what: format!(
            "no {FILE}, api/v2/ or incidents.json there: is it a site built by postmortem? (A site never published yet has nothing to compare with: publish it once, and notify from the next change.)"
        ),
    })
}

struct Source<'a> {
    since: &'a Since,
}

impl Source<'_> {
    fn bad(&self, file: &str, e: &serde_json::Error) -> NotifyError {
        NotifyError::Since {
            since: self.since.shown(),
            what: format!("{file} is not Statuspage JSON: {e}"),
        }
    }

    /// The file at `path` of the site, `None` when it has none.
    fn get(&self, path: &str) -> Result<Option<Vec<u8>>, NotifyError> {
        match self.since {
            Since::Dir(dir) => {
                let p = dir.join(path);
                if !p.exists() {
                    return Ok(None);
                }
                crate::load::files::read_regular(&p, http::MAX_BODY, "a site's JSON")
                    .map(Some)
                    .map_err(|e| NotifyError::Since {
                        since: self.since.shown(),
                        what: e.to_string(),
                    })
            }
            Since::Url(url) => http::get(&format!("{url}{path}")).map_err(|e| NotifyError::Since {
                since: format!("{url}{path}"),
                what: e.to_string(),
            }),
        }
    }

    /// Every incident of `api/v2/` into `known`; false when the site has no `api/v2/`.
    fn api(&self, records: &[String], known: &mut BTreeSet<String>) -> Result<bool, NotifyError> {
        match self.since {
            Since::Dir(dir) => {
                let folder = dir.join(json::API_DIR).join("incidents");
                if !folder.is_dir() {
                    return Ok(false);
                }
                let mut names: Vec<PathBuf> = std::fs::read_dir(&folder)
                    .map_err(|e| NotifyError::Since {
                        since: self.since.shown(),
                        what: format!("{}: {e}", folder.display()),
                    })?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
                    .collect();
                names.sort();
                for p in names {
                    let rel = relative(dir, &p);
                    // `incidents/unresolved.json` is a list; the others are one incident each.
                    if rel.ends_with("/unresolved.json") {
                        continue;
                    }
                    let bytes = self.get(&rel)?.unwrap_or_default();
                    let doc: json::IncidentDoc =
                        serde_json::from_slice(&bytes).map_err(|e| self.bad(&rel, &e))?;
                    published_ids(&doc.incident, known);
                }
                Ok(true)
            }
            Since::Url(_) => {
                let Some(bytes) = self.get("api/v2/incidents.json")? else {
                    return Ok(false);
                };
                let doc: json::IncidentsDoc = serde_json::from_slice(&bytes)
                    .map_err(|e| self.bad("api/v2/incidents.json", &e))?;
                let mut seen: BTreeSet<String> = BTreeSet::new();
                for i in &doc.incidents {
                    seen.insert(i.id.clone());
                    published_ids(i, known);
                }
                if let Some(bytes) = self.get("api/v2/scheduled-maintenances.json")? {
                    let doc: json::MaintenancesDoc = serde_json::from_slice(&bytes)
                        .map_err(|e| self.bad("api/v2/scheduled-maintenances.json", &e))?;
                    for i in &doc.scheduled_maintenances {
                        seen.insert(i.id.clone());
                        published_ids(i, known);
                    }
                }
                for r in records {
                    let id = short_id(&[r]);
                    if seen.contains(&id) {
                        continue;
                    }
                    let path = format!("api/v2/incidents/{id}.json");
                    if let Some(bytes) = self.get(&path)? {
                        let doc: json::IncidentDoc =
                            serde_json::from_slice(&bytes).map_err(|e| self.bad(&path, &e))?;
                        published_ids(&doc.incident, known);
                    }
                }
                Ok(true)
            }
        }
    }
}

fn relative(base: &Path, p: &Path) -> String {
    p.strip_prefix(base)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}
