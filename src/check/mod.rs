//! `check`: load every record, validate it against the schema and the semantic rules, and
//! collect all problems of all files in one pass (files are checked in parallel).

pub mod ids;
mod policy;
mod rules;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use ids::{slug, valid_id};
pub use rules::Context;

use crate::diagnostic::{Diagnostic, Severity};
use crate::load;
use crate::load::files::{self, FileError, Repo};
use crate::load::schema::Which;
use crate::load::yaml::Span;
use crate::model::Record;

/// The outcome of checking one file.
pub struct Checked {
    pub path: PathBuf,
    /// The file's text when it has problems to show (empty for a clean file).
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The typed record, when the file passed the schema (rules may still have found errors).
    pub record: Option<Record>,
}

impl Checked {
    /// Whether the file has an error (warnings do not count).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Checks one record file.
pub fn check_file(path: &Path, cx: &Context<'_>) -> Checked {
    finish(path, load::read(path), cx)
}

/// Checks the bytes of a record as if they were the file `path`.
pub fn check_bytes(path: &Path, bytes: &[u8], cx: &Context<'_>) -> Checked {
    finish(path, load::from_bytes(path, bytes), cx)
}

fn finish(path: &Path, mut loaded: load::Loaded, cx: &Context<'_>) -> Checked {
    let (stem, bad) = ids::check_stem(path);
    loaded.diagnostics.extend(bad);
    let (mut record, faulty) = load::typed_with_faults::<Record>(Which::Incident, &mut loaded);
    if let (Some(r), Some(doc)) = (&mut record, &loaded.document) {
        r.id = stem;
        loaded
            .diagnostics
            .extend(rules::check(r, &doc.root, path, cx));
        loaded
            .diagnostics
            .extend(policy::check(r, &doc.root, &loaded.source, path, cx));
    } else if let Some(doc) = &loaded.document {
        // The schema's problems left no record; the rules that read only names still run on
        // the values the schema did accept, so that one run reports them too.
        loaded
            .diagnostics
            .extend(rules::check_names(&doc.root, &faulty, path, cx));
    }
    loaded.diagnostics.sort_by_key(|d| (d.line, d.column));
    // The text is kept only to show snippets of problems; a clean file drops it, so that a
    // run over a large history holds the records, not their sources.
    if loaded.diagnostics.is_empty() {
        loaded.source = String::new();
    }
    Checked {
        path: path.to_owned(),
        source: loaded.source,
        diagnostics: loaded.diagnostics,
        record,
    }
}

/// Most record files one run reads: far past any real history, short of exhausting memory.
pub const MAX_RECORDS: usize = 1_000_000;

/// The record files a run reads, and the ones it refuses to.
#[derive(Debug, Default)]
pub struct Collected {
    /// Sorted, each once.
    pub files: Vec<PathBuf>,
    /// Links that lead out of the repository: each is reported as an error of its path.
    pub refused: Vec<FileError>,
}

/// Why the record files of a run could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// A folder that cannot be walked.
    #[error(transparent)]
    Walk(#[from] FileError),
    #[error("{}: no such file or folder", path.display())]
    Missing { path: PathBuf },
    #[error(
        "{count} record files: more than the {MAX_RECORDS} one run reads; check folders one at a time"
    )]
    TooMany { count: usize },
}

fn is_record_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// Finds the record files under `paths`: files as given, folders searched for `*.yaml` and
/// `*.yml` (through links, but never out of `repo` and never twice round a link loop), in a
/// stable (sorted) order.
pub fn collect(paths: &[PathBuf], repo: &Repo) -> Result<Collected, CollectError> {
    let mut out = Collected::default();
    for p in paths {
        if p.is_dir() {
            let walk = files::walk(p, Some(repo), is_record_file)?;
            out.files.extend(walk.files);
            out.refused.extend(walk.refused);
        } else if std::fs::symlink_metadata(p).is_ok() {
            match repo.guard(p) {
                Ok(()) => out.files.push(p.clone()),
                Err(e) => out.refused.push(e),
            }
        } else {
            return Err(CollectError::Missing { path: p.clone() });
        }
    }
    out.files.sort();
    out.files.dedup();
    if out.files.len() > MAX_RECORDS {
        return Err(CollectError::TooMany {
            count: out.files.len(),
        });
    }
    Ok(out)
}

/// Checks every file (in parallel) and adds the cross-file rule: ids are unique.
pub fn check_all(files: &Collected, cx: &Context<'_>) -> Vec<Checked> {
    check_many(files, cx, |c| c)
}

/// [`check_all`] for a caller that needs only the problems (`postmortem check`): each
/// record is dropped as soon as its file is checked, so memory does not grow with them.
pub fn check_all_problems(files: &Collected, cx: &Context<'_>) -> Vec<Checked> {
    check_many(files, cx, |c| Checked { record: None, ..c })
}

fn check_many(
    collected: &Collected,
    cx: &Context<'_>,
    keep: impl Fn(Checked) -> Checked + Sync + Send,
) -> Vec<Checked> {
    let mut checked: Vec<Checked> = collected
        .files
        .par_iter()
        .map(|f| keep(check_file(f, cx)))
        .collect();
    checked.extend(collected.refused.iter().map(|e| Checked {
        path: e.path().to_owned(),
        source: String::new(),
        diagnostics: vec![Diagnostic::error(
            e.path(),
            Span::point(1, 1),
            e.code(),
            e.message(),
        )],
        record: None,
    }));
    checked.sort_by(|a, b| a.path.cmp(&b.path));
    ids::check_unique(&mut checked, cx.config);
    checked
}

/// Turns warnings into errors, for `--strict`.
pub fn make_strict(checked: &mut [Checked]) {
    for d in checked.iter_mut().flat_map(|c| c.diagnostics.iter_mut()) {
        d.severity = Severity::Error;
    }
}
