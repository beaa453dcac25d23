//! Writing files atomically: a temporary file beside the target, then a rename, so that a
//! reader never sees half a file and a failure leaves nothing behind.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A temporary file beside `path` with the permissions the written file should have:
/// those of the file it replaces, else `rw-r--r--` like any text file. (A temporary file is
/// made private, `rw-------`, and the rename would hand that on to a record or a page.)
fn temporary_for(path: &Path, dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".postmortem-");
    #[cfg(unix)]
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o644),
    };
    #[cfg(unix)]
    builder.permissions(permissions);
    builder.tempfile_in(dir)
}

/// Writes `bytes` to `path`, replacing it atomically if it exists.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = temporary_for(path, dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to `path` only if no file is there yet (atomically, never overwriting).
pub fn write_if_missing(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = temporary_for(path, dir)?;
    tmp.write_all(bytes)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

/// Writes a new file `dir/base.ext`, or `dir/base-2.ext` and so on if that name is taken;
/// never overwrites. Returns the path written.
pub fn write_new(dir: &Path, base: &str, ext: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{base}.{ext}")
        } else {
            format!("{base}-{n}.{ext}")
        };
        let path = dir.join(name);
        if write_if_missing(&path, bytes)? {
            return Ok(path);
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!(
            "{base}.{ext} and 999 numbered variants already exist in {}",
            dir.display()
        ),
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn written_files_are_readable_like_any_text_file_and_keep_a_replaced_files_mode() {
        let tmp = tempfile::tempdir().unwrap();
        let new = tmp.path().join("new.yaml");
        assert!(write_if_missing(&new, b"a").unwrap());
        assert_eq!(mode(&new), 0o644);
        let page = tmp.path().join("page.html");
        write_atomic(&page, b"a").unwrap();
        assert_eq!(mode(&page), 0o644);
        std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&page, b"b").unwrap();
        assert_eq!(mode(&page), 0o600);
        assert_eq!(std::fs::read(&page).unwrap(), b"b");
    }
}
