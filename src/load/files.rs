//! Reading the user's files, and the line none of them may cross: only regular files, of a
//! bounded size, found by walks that cannot loop, and never through a symbolic link that
//! leads out of the repository.
//!
//! Every file the tool reads from a repository (records, the configuration, templates, the
//! logo) and every file it is handed (an import's input) is opened here, so that these rules
//! have one owner.

use crate::diagnostic::Code;
use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: not a regular file ({kind}); give the path of a file", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{}: file is {size} bytes, over the limit of {limit} bytes ({}) for {what}", path.display(), human_size(*limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        what: &'static str,
    },
    #[error("{}: leads outside the repository (to {}); only files inside it are read", path.display(), target.display())]
    Outside { path: PathBuf, target: PathBuf },
    #[error("{}: {}", path.display(), describe_io(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl FileError {
    /// The short code of the problem, as diagnostics name it.
    pub fn code(&self) -> crate::diagnostic::Code {
        match self {
            FileError::NotRegular { .. } => Code::NotAFile,
            FileError::TooLarge { .. } => Code::TooLarge,
            FileError::Outside { .. } => Code::OutsideRepository,
            FileError::Io { .. } => Code::Io,
        }
    }

    /// The file it is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::NotRegular { path, .. }
            | FileError::TooLarge { path, .. }
            | FileError::Outside { path, .. }
            | FileError::Io { path, .. } => path,
        }
    }

    /// The message without the path (for a diagnostic, which shows the path itself).
    pub fn message(&self) -> String {
        match self {
            FileError::NotRegular { kind, .. } => {
                format!("not a regular file ({kind}); give the path of a file")
            }
            FileError::TooLarge {
                size, limit, what, ..
            } => too_large_message(*size, *limit, what),
            FileError::Outside { target, .. } => format!(
                "leads outside the repository (to {}); only files inside it are read",
                target.display()
            ),
            FileError::Io { source, .. } => describe_io(source),
        }
    }
}

/// The one wording of a size limit: `file is 9000000 bytes, over the limit of 8388608 bytes
/// (8 MiB) for one YAML file`.
pub fn too_large_message(size: u64, limit: u64, what: &str) -> String {
    format!("file is {size} bytes, {}", over_limit(limit, what))
}

/// `over the limit of 8388608 bytes (8 MiB) for one YAML file`: the words of a size limit,
/// for what has no size of its own yet (a download).
pub fn over_limit(limit: u64, what: &str) -> String {
    format!(
        "over the limit of {limit} bytes ({}) for {what}",
        human_size(limit)
    )
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// What a file is when it is not a regular file, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// Reads the regular file at `path`, refusing anything else (a FIFO, a device, a socket, a
/// folder) at once, without blocking, and refusing a file larger than `limit` bytes before
/// reading it. `what` names the kind of file in the size message ("a record", "a logo").
pub fn read_regular(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, FileError> {
    let io = |source| FileError::Io {
        path: path.to_owned(),
        source,
    };
    let file = open_nonblocking(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular {
            path: path.to_owned(),
            kind: kind_of(meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit,
            what,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the look and the read: never read more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit,
            what,
        });
    }
    Ok(bytes)
}

/// Opens for reading without waiting: a FIFO with no writer would otherwise block the open
/// forever. On a regular file the flag changes nothing.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc_nonblock())
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(target_os = "linux")]
fn libc_nonblock() -> i32 {
    libc::O_NONBLOCK
}

#[cfg(all(unix, not(target_os = "linux")))]
fn libc_nonblock() -> i32 {
    // O_NONBLOCK on the BSDs and macOS.
    0x0004
}

/// Whether `path` names a regular file (following links), or why not; for commands that
/// take one file on the command line.
///
/// A missing file is a mistake in the command line; anything else is a refusal.
pub fn regular_file(path: &Path) -> Result<(), FileError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(FileError::NotRegular {
            path: path.to_owned(),
            kind: kind_of(m.file_type()),
        }),
        Err(source) => Err(FileError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// `path` made absolute against the working directory, with `.` and `..` resolved by their
/// names (no link is followed).
pub fn lexical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The repository a run works in: the folder holding `postmortem.yaml`. Files inside it may
/// be links only to other files inside it.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The folder as named (absolute, with `..` resolved by name).
    named: PathBuf,
    /// The folder with every link resolved.
    real: PathBuf,
}

impl Repo {
    pub fn new(root: &Path) -> Repo {
        let named = lexical(root);
        let real = named.canonicalize().unwrap_or_else(|_| named.clone());
        Repo { named, real }
    }

    /// The repository folder, absolute.
    pub fn root(&self) -> &Path {
        &self.named
    }

    /// Whether `path` (absolute, names resolved) lies inside the repository by its name.
    pub fn holds_by_name(&self, path: &Path) -> bool {
        path.starts_with(&self.named) || path.starts_with(&self.real)
    }

    /// Refuses a path inside the repository that leads outside it through a link. A path
    /// that is outside the repository by its very name was named so by the user and is not
    /// this rule's business.
    pub fn guard(&self, path: &Path) -> Result<(), FileError> {
        let named = lexical(path);
        if !self.holds_by_name(&named) {
            return Ok(());
        }
        match named.canonicalize() {
            Ok(real) if real.starts_with(&self.real) => Ok(()),
            Ok(real) => Err(FileError::Outside {
                path: path.to_owned(),
                target: real,
            }),
            // A link to nothing, or an unreadable folder: reading it will say what is wrong.
            Err(_) => Ok(()),
        }
    }
}

/// What a walk of a folder found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files kept, sorted.
    pub files: Vec<PathBuf>,
    /// Files refused by the repository's boundary.
    pub refused: Vec<FileError>,
}

/// Walks `dir` for the files that `wanted` accepts, following links to folders (each real
/// folder is entered once, so a link loop ends the walk instead of repeating it) and to
/// files; a link that leads out of `repo` is refused, not followed. Sorted.
pub fn walk(
    dir: &Path,
    repo: Option<&Repo>,
    wanted: impl Fn(&Path) -> bool,
) -> Result<Walk, FileError> {
    let mut out = Walk::default();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    // Folders reached through a link: what lies below them is checked against the boundary.
    let mut linked: Vec<PathBuf> = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            // A link back to a folder the walk is inside: its files are already found.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_owned();
                // A dangling link is not a file anyone meant; an unreadable folder is an error.
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
                    && std::fs::metadata(&path).is_err()
                {
                    continue;
                }
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk the folder"));
                return Err(FileError::Io { path, source });
            }
        };
        let path = entry.path();
        let through_link = entry.path_is_symlink() || linked.iter().any(|l| path.starts_with(l));
        if entry.file_type().is_dir() {
            if (through_link || entry.depth() == 0)
                && let Some(repo) = repo
                && let Err(e) = repo.guard(path)
            {
                out.refused.push(e);
                it.skip_current_dir();
                continue;
            }
            // A folder and a link to it, or two links to one folder: enter it once.
            let real = path.canonicalize().unwrap_or_else(|_| path.to_owned());
            if !seen_dirs.insert(real) {
                it.skip_current_dir();
                continue;
            }
            if entry.path_is_symlink() {
                linked.push(path.to_owned());
            }
            continue;
        }
        if !wanted(path) {
            continue;
        }
        if through_link
            && let Some(repo) = repo
            && let Err(e) = repo.guard(path)
        {
            out.refused.push(e);
            continue;
        }
        out.files.push(path.to_owned());
    }
    out.files.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_resolves_dots_by_name() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(lexical(Path::new("/..")), PathBuf::from("/"));
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(human_size(8 * 1024 * 1024), "8 MiB");
        assert_eq!(human_size(16 * 1024), "16 KiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("f.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_regular(&fifo, 10, "a record").unwrap_err();
        assert_eq!(e.code(), Code::NotAFile);
        assert_eq!(
            e.message(),
            "not a regular file (a FIFO); give the path of a file"
        );
        let e = read_regular(Path::new("/dev/null"), 10, "a record").unwrap_err();
        assert_eq!(
            e.message(),
            "not a regular file (a device); give the path of a file"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("big");
        std::fs::write(&f, vec![b'x'; 2049]).unwrap();
        let e = read_regular(&f, 2048, "a logo").unwrap_err();
        assert_eq!(
            e.message(),
            "file is 2049 bytes, over the limit of 2048 bytes (2 KiB) for a logo"
        );
        assert_eq!(read_regular(&f, 4096, "a logo").unwrap().len(), 2049);
    }

    #[cfg(unix)]
    #[test]
    fn walks_end_on_link_loops_and_stop_at_the_boundary() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.yaml"), "x").unwrap();
        let repo = tmp.path().join("repo");
        let inc = repo.join("incidents");
        std::fs::create_dir_all(inc.join("2024")).unwrap();
        std::fs::write(inc.join("a.yaml"), "x").unwrap();
        std::fs::write(inc.join("2024/b.yaml"), "x").unwrap();
        symlink(".", inc.join("loop")).unwrap();
        symlink("..", inc.join("2024/up")).unwrap();
        symlink("2024", inc.join("also-2024")).unwrap();
        symlink(&outside, inc.join("out")).unwrap();
        symlink(outside.join("secret.yaml"), inc.join("s.yaml")).unwrap();
        symlink("missing.yaml", inc.join("dangling.yaml")).unwrap();
        let r = Repo::new(&repo);
        let w = walk(&inc, Some(&r), |p| {
            p.extension().is_some_and(|e| e == "yaml")
        })
        .unwrap();
        let rel: Vec<String> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(&inc).unwrap().display().to_string())
            .collect();
        assert_eq!(rel, ["2024/b.yaml", "a.yaml"]);
        let mut refused: Vec<String> = w
            .refused
            .iter()
            .map(|e| match e {
                FileError::Outside { path, .. } => {
                    path.strip_prefix(&inc).unwrap().display().to_string()
                }
                other => panic!("{other}"),
            })
            .collect();
        refused.sort();
        assert_eq!(refused, ["out", "s.yaml"]);
    }
}
