//! The least a build of a given site can spend writing it: reads every file of a built site
//! into memory, then times only the writing of the same folders and files into a new folder
//! (`mkdir` of each folder, then one `std::fs::write` per file, split over THREADS threads).
//!
//!     cargo run --release --example write_floor -- SITE NEW_FOLDER [THREADS]
//!
//! `bench/hugo.sh`'s I/O floor (`cat` of the records + `cp -r` of the site) also reads the
//! site back; this is the writing alone, what a build cannot avoid.

use std::path::{Path, PathBuf};
use std::time::Instant;

/// The folders (parents first) and files below `dir`, as paths relative to it.
fn walk(dir: &Path, rel: &Path, dirs: &mut Vec<PathBuf>, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let (path, rel) = (e.path(), rel.join(e.file_name()));
        if e.file_type().expect("a file type").is_dir() {
            dirs.push(rel.clone());
            walk(&path, &rel, dirs, files);
        } else {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.push((rel, bytes));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: write_floor SITE NEW_FOLDER [THREADS]");
        std::process::exit(2);
    };
    let threads: usize = rest
        .first()
        .map_or(2, |t| t.parse().expect("THREADS: a number"));
    let (site, out) = (Path::new(site), Path::new(out));
    let (mut dirs, mut files) = (Vec::new(), Vec::new());
    walk(site, Path::new(""), &mut dirs, &mut files);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let started = Instant::now();
    std::fs::create_dir(out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    for d in &dirs {
        std::fs::create_dir(out.join(d)).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    }
    std::thread::scope(|s| {
        for share in files.chunks(files.len().div_ceil(threads.max(1)).max(1)) {
            s.spawn(move || {
                for (path, bytes) in share {
                    std::fs::write(out.join(path), bytes)
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                }
            });
        }
    });
    println!(
        "{} folders, {} files, {:.1} MB written in {:.3} s ({threads} threads)",
        dirs.len(),
        files.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}
