//! `serve`: a live preview. Builds the site into a temporary folder, serves it on
//! 127.0.0.1 with a small HTTP/1.1 file server, and rebuilds when a record, the
//! configuration or a template changes (polling modification times, like a cheap `notify`).
//! When a rebuild fails, the last good site stays served and every page shows the errors.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// What the server shares with the rebuild loop.
#[derive(Default)]
pub struct State {
    /// The errors of the last build, when it failed (the previous site is still served).
    pub errors: Mutex<Option<String>>,
}

impl State {
    /// Records the outcome of a build: `None` when it succeeded.
    pub fn set_errors(&self, errors: Option<String>) {
        *self.errors.lock().unwrap_or_else(PoisonError::into_inner) = errors;
    }

    fn errors(&self) -> Option<String> {
        self.errors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Serves `root` on `listener` until the process ends, one thread per connection.
pub fn run(listener: TcpListener, root: PathBuf, state: Arc<State>) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let _ = handle(stream, &root, &state);
        });
    }
}

fn handle(mut stream: TcpStream, root: &Path, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read (and ignore) the headers.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n",
            method == "HEAD",
        );
    }
    let Some(path) = resolve(root, target) else {
        return respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found\n",
            method == "HEAD",
        );
    };
    match std::fs::read(&path) {
        Ok(mut body) => {
            let kind = content_type(&path);
            if kind.starts_with("text/html")
                && let Some(errors) = state.errors()
            {
                body = with_banner(&body, &errors);
            }
            respond(&mut stream, "200 OK", kind, &body, method == "HEAD")
        }
        Err(_) => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found\n",
            method == "HEAD",
        ),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Maps a request target to a file below `root`, refusing anything that would leave it.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut out = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0'))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

/// The page with a banner listing the errors of the last build, right after `<body>`.
fn with_banner(page: &[u8], errors: &str) -> Vec<u8> {
    let page = String::from_utf8_lossy(page);
    let escaped = errors
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let banner = format!(
        "<div role=\"alert\" style=\"background:#fff1f0;color:#82071e;border:2px solid #cf222e;padding:1rem;margin:0;font:14px/1.4 monospace\"><strong>The last build failed; this is the previous site.</strong><pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{escaped}</pre></div>"
    );
    match page.find("<body>") {
        Some(i) => format!("{}{banner}{}", &page[..i + 6], &page[i + 6..]).into_bytes(),
        None => format!("{banner}{page}").into_bytes(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("incidents/a")).unwrap();
        std::fs::write(dir.path().join("index.html"), "i").unwrap();
        std::fs::write(dir.path().join("incidents/a/index.html"), "a").unwrap();
        let root = dir.path();
        assert_eq!(resolve(root, "/"), Some(root.join("index.html")));
        assert_eq!(
            resolve(root, "/incidents/a/?x=1"),
            Some(root.join("incidents/a/index.html"))
        );
        assert_eq!(
            resolve(root, "/incidents/%61/"),
            Some(root.join("incidents/a/index.html"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/missing"), None);
        assert_eq!(resolve(root, "/%zz"), None);
    }

    #[test]
    fn the_banner_escapes_the_errors() {
        let out = with_banner(
            b"<html><body><p>x</p></body></html>",
            "a.yaml:1:1: error: <bad>",
        );
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<body><div role=\"alert\""));
        assert!(out.contains("a.yaml:1:1: error: &lt;bad&gt;"));
        assert!(out.ends_with("<p>x</p></body></html>"));
    }
}
