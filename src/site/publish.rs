//! Where a build writes, and how the result replaces the previous site.
//!
//! A build writes a whole site into a folder beside the output and swaps it in at the end,
//! so a failed or killed build leaves the previous site untouched. The site it replaces is
//! not deleted: it is kept beside the output (a hidden `.<name>.postmortem-*` folder, which
//! git and backup tools are told to ignore) and becomes the next build's workspace. That
//! build overwrites the files whose bytes differ and removes the ones no longer wanted, so a
//! rebuild creates and deletes no files for records that did not change. Creating and
//! deleting tens of thousands of files is what a large build spends most of its time on
//! (see BENCHMARKS.md).

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{BuildError, io};
use crate::load::files::lexical;

/// Written into a kept workspace: git ignores the folder and everything in it.
const GITIGNORE: &str = "# The previous site, kept by `postmortem build` as its next workspace.\n# Safe to delete.\n*\n";
/// Marks a kept workspace as a cache for backup tools (https://bford.info/cachedir/).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by postmortem.\n";

/// Marks every site a build writes: only a folder holding it is ever replaced by a build
/// (or one the user names with `--force`).
pub const MARKER: &str = ".postmortem-site";
const MARKER_TEXT: &str = "This folder is a status page built by `postmortem build`.\nThe next build replaces it whole: keep nothing of your own in it.\n";

/// The folders a build may never replace, even with `--force`: what the site is made from
/// and what holds it.
pub struct Protected {
    /// Each folder by name and by its real path, with what it is, in words.
    folders: Vec<(PathBuf, &'static str)>,
}

impl Protected {
    /// The repository root, the records folder, the templates folder, and the home folder.
    pub fn of(config: &crate::config::Config) -> Protected {
        let mut folders = Vec::new();
        let mut add = |p: &Path, what: &'static str| {
            let named = lexical(p);
            if let Ok(real) = named.canonicalize() {
                folders.push((real, what));
            }
            folders.push((named, what));
        };
        add(&config.root, "the repository");
        add(&config.incidents, "the records folder");
        add(&config.root.join("templates"), "the templates folder");
        if let Some(t) = &config.templates {
            add(t, "the templates folder");
        }
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            add(Path::new(&home), "the home folder");
        }
        Protected { folders }
    }

    /// Why `out` (both its name and its real path are given) must not be replaced, if so.
    fn refuses(&self, named: &Path, real: &Path) -> Option<String> {
        for out in [named, real] {
            if out.parent().is_none() {
                return Some("the root folder `/`".into());
            }
            for (folder, what) in &self.folders {
                if folder == out {
                    return Some(what.to_string());
                }
                if folder.starts_with(out) {
                    return Some(format!("a folder that holds {what}"));
                }
            }
        }
        for name in [".git", crate::config::FILE_NAME] {
            if std::fs::symlink_metadata(real.join(name)).is_ok() {
                return Some(format!("a folder that holds `{name}`"));
            }
        }
        None
    }
}

/// Decides whether a build may write its site at `out`, before anything is written, and
/// returns the folder to replace: `out` itself, or where it leads when it is a link. A build
/// replaces only a new or empty folder or a site it built itself (it holds [`MARKER`]),
/// or, with `force`, any other folder; never one of the [`Protected`] ones.
pub fn target(out: &Path, protected: &Protected, force: bool) -> Result<PathBuf, BuildError> {
    let named = lexical(out);
    let meta = std::fs::symlink_metadata(&named).ok();
    let shown = format!("`{}`", out.display());
    let refuse = |shown: &str, why: &str| BuildError::Refused(format!("{shown} {why}"));
    let real = match &meta {
        Some(_) => named.canonicalize().map_err(|_| {
            refuse(
                &shown,
                "is a link to nothing: point it at a folder, or remove it",
            )
        })?,
        // A new folder: where it will be, with the links above it resolved.
        None => match (named.parent(), named.file_name()) {
            (Some(parent), Some(name)) => parent
                .canonicalize()
                .map(|p| p.join(name))
                .unwrap_or_else(|_| named.clone()),
            _ => named.clone(),
        },
    };
    let shown = if meta.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
        format!("{shown} (a link to `{}`)", real.display())
    } else {
        shown
    };
    if let Some(what) = protected.refuses(&named, &real) {
        return Err(refuse(
            &shown,
            &format!(
                "is {what}: a build replaces the whole folder it writes to, so it never builds there; give --out a folder of its own, such as `site`"
            ),
        ));
    }
    if meta.is_none() {
        return Ok(real);
    }
    if !real.is_dir() {
        return Err(refuse(
            &shown,
            "exists and is not a folder: give --out a folder of its own, such as `site`",
        ));
    }
    let built_here = std::fs::symlink_metadata(real.join(MARKER)).is_ok_and(|m| m.is_file());
    let empty = std::fs::read_dir(&real)
        .map_err(io(&real))?
        .next()
        .is_none();
    if built_here || empty || force {
        return Ok(real);
    }
    Err(refuse(
        &shown,
        &format!(
            "holds files that `postmortem build` did not write (a site it built holds `{MARKER}`), and a build replaces the whole folder: give --out a new or empty folder, or pass --force to replace this one and everything in it"
        ),
    ))
}

/// The folder a build writes into.
pub(super) struct Workspace {
    pub dir: PathBuf,
    /// It holds an earlier site: files may already have the right bytes.
    pub reused: bool,
    parent: PathBuf,
    prefix: String,
    /// Held until the build is over: one build at a time per output folder.
    _lock: Option<File>,
}

/// The prefix of the workspaces beside `out`.
fn prefix_of(out: &Path) -> String {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.postmortem-")
}

/// Takes the folder a build of `out` writes into: the site an earlier build kept (or a
/// killed build left), else a new one. Any other leftovers are removed. Waits while another
/// build of a site in the same folder is running.
pub(super) fn workspace(out: &Path) -> Result<Workspace, BuildError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let lock = lock(&parent)?;
    let prefix = prefix_of(out);
    let mut kept = None;
    if let Ok(entries) = std::fs::read_dir(&parent) {
        for e in entries.flatten() {
            if !e.file_name().to_string_lossy().starts_with(&prefix) {
                continue;
            }
            // Only a folder this tool made (it carries the marker) is reused or removed; a
            // file or folder of the same name that is someone else's is left alone.
            let ours = e.file_type().is_ok_and(|t| t.is_dir())
                && std::fs::symlink_metadata(e.path().join(MARKER)).is_ok_and(|m| m.is_file());
            if !ours {
                continue;
            }
            if kept.is_none() {
                kept = Some(e.path());
            } else {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let (dir, reused) = match kept {
        Some(dir) => (dir, true),
        None => {
            let dir = tempfile::Builder::new()
                .prefix(&prefix)
                .tempdir_in(&parent)
                .map_err(io(&parent))?
                .keep();
            // Marked at once, so that the leftovers of a build killed now are known as ours.
            std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io(&dir))?;
            (dir, false)
        }
    };
    Ok(Workspace {
        dir,
        reused,
        parent,
        prefix,
        _lock: lock,
    })
}

/// Locks the folder the site is built in, so two builds never share a workspace.
#[cfg(unix)]
fn lock(parent: &Path) -> Result<Option<File>, BuildError> {
    let dir = File::open(parent).map_err(io(parent))?;
    dir.lock().map_err(io(parent))?;
    Ok(Some(dir))
}

#[cfg(not(unix))]
fn lock(_: &Path) -> Result<Option<File>, BuildError> {
    Ok(None)
}

/// What a site holds: the files at its top, its records, and their ids in Statuspage's API.
pub(super) struct Layout<'a> {
    pub top_files: Vec<&'a str>,
    pub ids: HashSet<&'a str>,
    pub api_ids: HashSet<&'a str>,
    /// The months of the history archive: `2026-04`.
    pub months: HashSet<&'a str>,
    /// The components' folders (`web-app`), each with the months of its archive.
    pub components: std::collections::HashMap<&'a str, HashSet<&'a str>>,
}

impl Workspace {
    /// Removes from a reused workspace everything the new site will not hold: files of
    /// records that are gone, anything of the wrong type, the markers of a kept workspace.
    pub fn prune(&self, layout: &Layout<'_>) -> Result<(), BuildError> {
        if !self.reused {
            return Ok(());
        }
        keep_only(&self.dir, |name, kind| match kind {
            Kind::Dir => ["incidents", "api", "history", "components"].contains(&name),
            Kind::File => name == MARKER || layout.top_files.contains(&name),
            Kind::Other => false,
        })?;
        self.prune_api(layout)?;
        self.prune_history(layout)?;
        self.prune_components(layout)?;
        let incidents = self.dir.join("incidents");
        if !incidents.is_dir() {
            return Ok(());
        }
        let mut pages = Vec::new();
        keep_only(&incidents, |name, kind| match kind {
            Kind::Dir if layout.ids.contains(name) => {
                pages.push(name.to_owned());
                true
            }
            Kind::File => name
                .strip_suffix(".md")
                .is_some_and(|id| layout.ids.contains(id)),
            _ => false,
        })?;
        pages.par_iter().try_for_each(|id| {
            keep_only(&incidents.join(id), |name, kind| {
                kind == Kind::File && name == "index.html"
            })
        })
    }

    /// Keeps of `history/` its index and the folders of the months the new site holds.
    fn prune_history(&self, layout: &Layout<'_>) -> Result<(), BuildError> {
        let history = self.dir.join("history");
        if !history.is_dir() {
            return Ok(());
        }
        let mut months = Vec::new();
        keep_only(&history, |name, kind| match kind {
            Kind::File => name == "index.html",
            Kind::Dir if layout.months.contains(name) => {
                months.push(name.to_owned());
                true
            }
            _ => false,
        })?;
        for m in months {
            keep_only(&history.join(m), |name, kind| {
                kind == Kind::File && name == "index.html"
            })?;
        }
        Ok(())
    }

    /// Keeps of `components/` the folders of the new site's components, with their files.
    fn prune_components(&self, layout: &Layout<'_>) -> Result<(), BuildError> {
        const FILES: [&str; 5] = [
            "index.html",
            "badge.svg",
            "feed.rss",
            "feed.atom",
            "maintenance.ics",
        ];
        let components = self.dir.join("components");
        if !components.is_dir() {
            return Ok(());
        }
        let mut kept = Vec::new();
        keep_only(&components, |name, kind| {
            let keep = kind == Kind::Dir && layout.components.contains_key(name);
            if keep {
                kept.push(name.to_owned());
            }
            keep
        })?;
        for c in kept {
            let dir = components.join(&c);
            keep_only(&dir, |name, kind| match kind {
                Kind::File => FILES.contains(&name),
                Kind::Dir => name == "history",
                Kind::Other => false,
            })?;
            let history = dir.join("history");
            if !history.is_dir() {
                continue;
            }
            let months = &layout.components[c.as_str()];
            let mut kept_months = Vec::new();
            keep_only(&history, |name, kind| match kind {
                Kind::File => name == "index.html",
                Kind::Dir if months.contains(name) => {
                    kept_months.push(name.to_owned());
                    true
                }
                _ => false,
            })?;
            for m in kept_months {
                keep_only(&history.join(m), |name, kind| {
                    kind == Kind::File && name == "index.html"
                })?;
            }
        }
        Ok(())
    }

    /// Keeps of `api/` only the files of Statuspage's API the new site holds.
    fn prune_api(&self, layout: &Layout<'_>) -> Result<(), BuildError> {
        use crate::formats::statuspage::{API_DIR, API_FILES};
        let api = self.dir.join("api");
        if !api.is_dir() {
            return Ok(());
        }
        keep_only(&api, |name, kind| {
            kind == Kind::Dir && Some(name) == API_DIR.strip_prefix("api/")
        })?;
        let v2 = self.dir.join(API_DIR);
        if !v2.is_dir() {
            return Ok(());
        }
        let dirs = ["incidents", "scheduled-maintenances"];
        keep_only(&v2, |name, kind| match kind {
            Kind::Dir => dirs.contains(&name),
            Kind::File => API_FILES.contains(&name),
            Kind::Other => false,
        })?;
        for sub in dirs {
            let d = v2.join(sub);
            if !d.is_dir() {
                continue;
            }
            keep_only(&d, |name, kind| {
                kind == Kind::File
                    && (API_FILES.contains(&format!("{sub}/{name}").as_str())
                        || (sub == "incidents"
                            && name
                                .strip_suffix(".json")
                                .is_some_and(|id| layout.api_ids.contains(id))))
            })?;
        }
        Ok(())
    }

    /// Marks the workspace as a site this tool built.
    pub fn mark_as_site(&self) -> Result<(), BuildError> {
        self.put(&self.dir.join(MARKER), MARKER_TEXT.as_bytes())
    }

    /// Writes `bytes` at `path` inside the workspace, unless the file already holds them.
    pub fn put(&self, path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
        if self.reused && holds(path, bytes) {
            return Ok(());
        }
        std::fs::write(path, bytes).map_err(io(path))
    }

    /// Puts the finished workspace at `out`. With a previous site there, the two are
    /// exchanged in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`) and the previous
    /// site is kept as the next build's workspace; where that is not available, the
    /// previous site is first moved aside.
    pub fn publish(self, out: &Path) -> Result<(), BuildError> {
        if !out.exists() {
            return std::fs::rename(&self.dir, out).map_err(io(out));
        }
        if exchange(&self.dir, out).is_ok() {
            mark(&self.dir);
            return Ok(());
        }
        let old = tempfile::Builder::new()
            .prefix(&self.prefix)
            .tempdir_in(&self.parent)
            .map_err(io(&self.parent))?
            .keep();
        std::fs::remove_dir(&old).map_err(io(&old))?;
        std::fs::rename(out, &old).map_err(io(out))?;
        std::fs::rename(&self.dir, out).map_err(io(out))?;
        mark(&old);
        Ok(())
    }

    /// A build that failed keeps its workspace for the next one.
    pub fn abandon(self) {
        mark(&self.dir);
    }
}

/// Tells git and backup tools to leave a kept workspace alone. Best effort: without the
/// markers the folder is still a valid workspace.
fn mark(dir: &Path) {
    let _ = std::fs::write(dir.join(MARKER), MARKER_TEXT);
    let _ = std::fs::write(dir.join(".gitignore"), GITIGNORE);
    let _ = std::fs::write(dir.join("CACHEDIR.TAG"), CACHEDIR_TAG);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
    /// A symbolic link or anything else: never part of a site.
    Other,
}

/// Removes every entry of `dir` that `wanted` refuses.
fn keep_only(dir: &Path, mut wanted: impl FnMut(&str, Kind) -> bool) -> Result<(), BuildError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let kind = match entry.file_type() {
            Ok(t) if t.is_file() => Kind::File,
            Ok(t) if t.is_dir() => Kind::Dir,
            _ => Kind::Other,
        };
        let name = entry.file_name();
        if name.to_str().is_some_and(|n| wanted(n, kind)) {
            continue;
        }
        let path = entry.path();
        if kind == Kind::Dir {
            std::fs::remove_dir_all(&path).map_err(io(&path))?;
        } else {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// Whether the regular file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = open_to_compare(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut buf = [0u8; 16 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Opens a file to read it without updating its access time (reading a whole site back
/// would otherwise write every inode to disk again); falls back to a plain open where the
/// file is someone else's.
#[cfg(target_os = "linux")]
fn open_to_compare(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOATIME)
        .open(path)
        .or_else(|_| File::open(path))
}

#[cfg(not(target_os = "linux"))]
fn open_to_compare(path: &Path) -> std::io::Result<File> {
    File::open(path)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_compares_every_byte_and_the_length() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        let big: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &big).unwrap();
        assert!(holds(&path, &big));
        let mut other = big.clone();
        other[39_999] ^= 1;
        assert!(!holds(&path, &other));
        assert!(!holds(&path, &big[..39_999]));
        assert!(!holds(&tmp.path().join("missing"), b""));
        // A folder never holds bytes, even none.
        assert!(!holds(tmp.path(), b""));
    }

    #[test]
    fn prune_keeps_only_what_the_new_site_holds() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ws");
        let inc = dir.join("incidents");
        for p in ["a", "gone", "b/index.html"] {
            std::fs::create_dir_all(inc.join(p)).unwrap();
        }
        for p in [
            "api/v2/incidents",
            "api/v2/scheduled-maintenances",
            "api/v1",
        ] {
            std::fs::create_dir_all(dir.join(p)).unwrap();
        }
        for f in [
            "index.html",
            "old.css",
            ".gitignore",
            "incidents/a.md",
            "incidents/gone.md",
            "incidents/a/index.html",
            "incidents/a/stray.txt",
            "api/v1/summary.json",
            "api/v2/summary.json",
            "api/v2/stray.json",
            "api/v2/incidents/0123456789ab.json",
            "api/v2/incidents/unresolved.json",
            "api/v2/incidents/gone00000000.json",
            "api/v2/scheduled-maintenances/upcoming.json",
            "api/v2/scheduled-maintenances/0123456789ab.json",
        ] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", dir.join("feed.rss")).unwrap();
        let ws = Workspace {
            dir: dir.clone(),
            reused: true,
            parent: tmp.path().to_owned(),
            prefix: String::new(),
            _lock: None,
        };
        let layout = Layout {
            top_files: vec!["index.html", "feed.rss"],
            ids: ["a", "b"].into_iter().collect(),
            api_ids: ["0123456789ab"].into_iter().collect(),
            months: HashSet::new(),
            components: std::collections::HashMap::new(),
        };
        ws.prune(&layout).unwrap();
        let mut left: Vec<String> = walk(&dir);
        left.sort();
        assert_eq!(
            left,
            [
                "api/",
                "api/v2/",
                "api/v2/incidents/",
                "api/v2/incidents/0123456789ab.json",
                "api/v2/incidents/unresolved.json",
                "api/v2/scheduled-maintenances/",
                "api/v2/scheduled-maintenances/upcoming.json",
                "api/v2/summary.json",
                "incidents/",
                "incidents/a.md",
                "incidents/a/",
                "incidents/a/index.html",
                "incidents/b/",
                "index.html"
            ]
        );
    }

    fn walk(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let e = e.unwrap();
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if e.file_type().unwrap().is_dir() {
                    out.push(format!("{rel}/"));
                    stack.push(e.path());
                } else {
                    out.push(rel);
                }
            }
        }
        out
    }
}
