//! `serve`: a live preview. Builds the site into a temporary folder, serves it on
//! 127.0.0.1 with a small HTTP/1.1 file server, and rebuilds when a record, the
//! configuration or a template changes (polling modification times, like a cheap `notify`).
//! When a rebuild fails, the last good site stays served and every page shows the errors.
//!
//! The server reads at most [`MAX_HEAD_BYTES`] of a request's head (a longer one is answered
//! `431` and the connection closed), and answers only requests whose `Host` is the address
//! it serves on, `127.0.0.1:PORT` or `localhost:PORT` (it listens on 127.0.0.1 only, so not
//! `[::1]`): any other `Host`, or none, is answered `421 Misdirected Request`, so that a page
//! of another site whose name was rebound to 127.0.0.1 (DNS rebinding) cannot read the
//! preview.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

pub mod watch;

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

/// Longest request head (the request line and the headers) the server reads.
pub const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// The parts of a request head the server uses.
struct Head {
    request_line: String,
    /// Every `Host` header's value.
    hosts: Vec<String>,
}

/// Reads a request head, never more than [`MAX_HEAD_BYTES`] of it: `None` when it is longer.
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Option<Head>> {
    let mut limited = reader.take(MAX_HEAD_BYTES);
    let mut head = Head {
        request_line: String::new(),
        hosts: Vec::new(),
    };
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let n = limited.read_until(b'\n', &mut line)?;
        if !line.ends_with(b"\n") && limited.limit() == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if first {
            head.request_line = line.to_owned();
            first = false;
        } else if n == 0 || line.is_empty() {
            return Ok(Some(head));
        } else if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            head.hosts.push(value.trim().to_owned());
        }
        if n == 0 {
            return Ok(Some(head));
        }
    }
}

/// Whether `host` (a `Host` header's value) names the address served on `port`.
fn host_allowed(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    ["127.0.0.1", "localhost"]
        .iter()
        .any(|name| host == format!("{name}:{port}") || (port == 80 && host == *name))
}

fn handle(mut stream: TcpStream, root: &Path, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let port = stream.local_addr()?.port();
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some(head) = read_head(&mut reader)? else {
        respond(
            &mut stream,
            "431 Request Header Fields Too Large",
            "text/plain; charset=utf-8",
            format!("the request head is longer than {MAX_HEAD_BYTES} bytes\n").as_bytes(),
            false,
        )?;
        return close_after_refusing(stream, reader);
    };
    let request_line = head.request_line;
    let allowed = matches!(head.hosts.as_slice(), [host] if host_allowed(host, port));
    if !allowed {
        return respond(
            &mut stream,
            "421 Misdirected Request",
            "text/plain; charset=utf-8",
            format!(
                "this preview answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/\n"
            )
            .as_bytes(),
            request_line.starts_with("HEAD "),
        );
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

/// Ends a connection whose request was not read whole: stops sending, then reads (and drops)
/// a little of what the client still sends, so that closing does not reset the connection
/// before the client has read the answer.
fn close_after_refusing(
    stream: TcpStream,
    mut reader: BufReader<TcpStream>,
) -> std::io::Result<()> {
    stream.shutdown(Shutdown::Write)?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    let mut sink = [0u8; 8192];
    let mut left: usize = 1024 * 1024;
    while left > 0 {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    Ok(())
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
