//! `build`: the whole static status page, written into a temporary folder beside the target
//! and swapped in at the end, so that a failed or killed build leaves the previous site
//! untouched. The same records always give byte-identical output.

mod ics;
pub mod index;

use std::path::{Path, PathBuf};

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, Utc};
use rayon::prelude::*;

use crate::config::Config;
use crate::model::Record;
use crate::render::view::visible;
use crate::render::{self, Options, Renderer, SiteView, feed, json, record_view};

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
    #[error("{0}")]
    Template(String),
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
}

impl From<render::TemplateError> for BuildError {
    fn from(e: render::TemplateError) -> Self {
        BuildError::Template(e.0)
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BuildError + '_ {
    move |e| BuildError::Io {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Newest first; ties by record id, then guid, as [`feed::newest_first`] orders entries.
fn newest(
    a: &(DateTime<FixedOffset>, &str, String),
    b: &(DateTime<FixedOffset>, &str, String),
) -> std::cmp::Ordering {
    b.0.cmp(&a.0)
        .then_with(|| a.1.cmp(b.1))
        .then_with(|| a.2.cmp(&b.2))
}

/// Renders the whole site into `dir`: each record's page and Markdown as soon as it is
/// rendered (in parallel), then the front page, the feeds, the JSON and the calendar.
/// Returns how many files were written and how many templates were rendered.
fn write_site(
    config: &Config,
    records: &[Record],
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<(usize, usize), BuildError> {
    let renderer = Renderer::new(config.templates.as_deref())?;
    let logo_name = render::published_logo_name(config);
    let site = SiteView::new(config, logo_name.clone());
    let page_site = SiteView {
        logo: site
            .logo
            .as_ref()
            .map(|l| relative_logo(l, logo_name.as_deref(), "../../")),
        ..site.clone()
    };
    let index_site = SiteView {
        logo: site
            .logo
            .as_ref()
            .map(|l| relative_logo(l, logo_name.as_deref(), "")),
        ..site.clone()
    };
    let opts = Options {
        internal: false,
        now,
    };
    let incidents_dir = dir.join("incidents");
    std::fs::create_dir_all(&incidents_dir).map_err(io(&incidents_dir))?;

    // Every record's page and Markdown, written as soon as rendered; its front-page line kept.
    let entries: Vec<index::Entry> = records
        .par_iter()
        .map(|record| -> Result<index::Entry, BuildError> {
            let public = visible(record, false);
            let view = record_view(&public, config, opts);
            let page_dir = incidents_dir.join(&record.id);
            std::fs::create_dir_all(&page_dir).map_err(io(&page_dir))?;
            write(
                &page_dir.join("index.html"),
                renderer
                    .incident_page(&page_site, &view, "../../", false)?
                    .as_bytes(),
            )?;
            write(
                &incidents_dir.join(format!("{}.md", record.id)),
                renderer.markdown(&site, &view)?.as_bytes(),
            )?;
            Ok(index::entry(&public, &view, config.timezone))
        })
        .collect::<Result<_, _>>()?;
    let mut files = records.len() * 2;

    // The feeds keep the newest `feed_items` entries: choose them from cheap keys, then
    // render only the records they come from.
    let mut keys: Vec<(DateTime<FixedOffset>, &str, String)> = records
        .par_iter()
        .flat_map_iter(|r| {
            let link = format!("{}incidents/{}/", config.url, r.id);
            feed::entry_keys(&visible(r, false))
                .into_iter()
                .map(move |(at, status)| (at, r.id.as_str(), feed::guid(&link, &r.id, &at, status)))
                .collect::<Vec<_>>()
        })
        .collect();
    keys.sort_by(newest);
    keys.truncate(config.feed_items);
    let chosen: BTreeSet<&str> = keys.iter().map(|k| k.1).collect();
    let guids: BTreeSet<&str> = keys.iter().map(|k| k.2.as_str()).collect();
    let mut feed_entries = Vec::new();
    for r in records.iter().filter(|r| chosen.contains(r.id.as_str())) {
        let public = visible(r, false);
        let view = record_view(&public, config, opts);
        feed_entries.extend(
            feed::entries(&renderer, &site, &public, &view)?
                .into_iter()
                .filter(|e| guids.contains(e.guid.as_str())),
        );
    }
    let feed_entries = feed::newest_first(feed_entries, config.feed_items);
    let logo_url = render::logo_url(config);
    write(
        &dir.join("feed.rss"),
        feed::rss(&site, logo_url.as_deref(), &feed_entries).as_bytes(),
    )?;
    write(
        &dir.join("feed.atom"),
        feed::atom(&site, logo_url.as_deref(), &feed_entries).as_bytes(),
    )?;

    // incidents.json: like Statuspage's, the newest `feed_items` incidents.
    let mut newest_records: Vec<&Record> = records.iter().collect();
    newest_records.sort_by(|a, b| {
        let key = |r: &Record| r.updates.first().map(|u| u.at.to_utc());
        key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
    });
    newest_records.truncate(config.feed_items);
    let publics: Vec<(std::borrow::Cow<'_, Record>, String)> = newest_records
        .iter()
        .map(|r| {
            (
                visible(r, false),
                format!("{}incidents/{}/", config.url, r.id),
            )
        })
        .collect();
    let pairs: Vec<(&Record, String)> = publics
        .iter()
        .map(|(r, l)| (r.as_ref(), l.clone()))
        .collect();
    let mut doc = serde_json::to_string_pretty(&json::document(&site, &pairs))
        .map_err(|e| BuildError::Template(e.to_string()))?;
    doc.push('\n');
    write(&dir.join("incidents.json"), doc.as_bytes())?;

    let maintenances: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind == crate::model::Kind::Maintenance)
        .collect();
    write(
        &dir.join("maintenance.ics"),
        ics::calendar(&config.name, &config.url, &maintenances).as_bytes(),
    )?;

    let index = index::index_view(&index_site, config, records, &entries, now);
    write(
        &dir.join("index.html"),
        renderer.render("index.html", &index)?.as_bytes(),
    )?;
    write(&dir.join("style.css"), renderer.stylesheet().as_bytes())?;
    files += 6;

    if let (Some(name), Some(logo)) = (&logo_name, &config.logo) {
        let source = config.root.join(logo);
        let unreadable = |e: std::io::Error| BuildError::Io {
            path: source.clone(),
            message: format!("cannot read the logo named in postmortem.yaml: {e}"),
        };
        // Even through a symbolic link, only a file of the repository is published.
        let real = source.canonicalize().map_err(unreadable)?;
        let root = config.root.canonicalize().map_err(unreadable)?;
        if !real.starts_with(&root) {
            return Err(BuildError::Invalid(format!(
                "{}: the logo leads outside the repository ({}); nothing built",
                source.display(),
                real.display()
            )));
        }
        let bytes = std::fs::read(&real).map_err(unreadable)?;
        write(&dir.join(name), &bytes)?;
        files += 1;
    }
    Ok((files, renderer.renders()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    std::fs::write(path, bytes).map_err(io(path))
}

/// A local logo is linked relatively (so the site works from any address); a URL stays.
fn relative_logo(logo: &str, local_name: Option<&str>, root: &str) -> String {
    match local_name {
        Some(name) => format!("{root}{name}"),
        None => logo.to_owned(),
    }
}

/// The prefix of the temporary and retired folders beside `out`.
fn scratch_prefix(out: &Path) -> String {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.postmortem-")
}

/// Removes what a killed build may have left beside `out`.
fn clean_leftovers(parent: &Path, prefix: &str) {
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Builds the site into `out`: writes it into a temporary folder beside `out`, then swaps
/// it in. On any failure the temporary folder is removed and `out` is untouched.
pub fn build(
    config: &Config,
    records: &[Record],
    out: &Path,
    now: DateTime<Utc>,
) -> Result<Built, BuildError> {
    if out.exists() && !out.is_dir() {
        return Err(BuildError::Invalid(format!(
            "{}: exists and is not a folder",
            out.display()
        )));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let prefix = scratch_prefix(out);
    clean_leftovers(&parent, &prefix);
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{prefix}new-"))
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    let (files, renders) = write_site(config, records, tmp.path(), now)?;
    swap_in(tmp.keep(), out, &parent, &prefix)?;
    Ok(Built {
        records: records.len(),
        files,
        renders,
    })
}

/// Puts the finished folder `new` at `out`. With a previous site there, the two are
/// exchanged in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), and the old one is
/// removed after; where that is not available, the old site is first moved aside.
fn swap_in(new: PathBuf, out: &Path, parent: &Path, prefix: &str) -> Result<(), BuildError> {
    if !out.exists() {
        return std::fs::rename(&new, out).map_err(io(out));
    }
    if exchange(&new, out).is_ok() {
        let _ = std::fs::remove_dir_all(&new);
        return Ok(());
    }
    let old = tempfile::Builder::new()
        .prefix(&format!("{prefix}old-"))
        .tempdir_in(parent)
        .map_err(io(parent))?
        .keep();
    std::fs::remove_dir(&old).map_err(io(&old))?;
    std::fs::rename(out, &old).map_err(io(out))?;
    std::fs::rename(&new, out).map_err(io(out))?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call; renameat2 does not
    // keep them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
