//! What the live preview watches: a fingerprint of the files a site is built from, compared
//! between looks (polling modification times, which needs no watcher dependency and works
//! on every file system).

use std::path::PathBuf;
use std::time::SystemTime;

/// A fingerprint of the files a site is built from: every path with its size and
/// modification time. A change of any of them means a rebuild.
pub fn fingerprint(paths: &[PathBuf]) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    for p in paths {
        // walkdir follows links to folders but notices a loop instead of going round it.
        for entry in walkdir::WalkDir::new(p)
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_dir() {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                out.push((entry.into_path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}
