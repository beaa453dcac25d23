//! `serve`: a live preview over real HTTP on 127.0.0.1 that rebuilds when a record changes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> (String, String) {
    request(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
}

/// Sends `bytes` as a request and reads the answer to the end (the server closes the
/// connection); returns its status line and body.
fn request(port: u16, bytes: &[u8]) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("a response");
    (
        head.lines().next().unwrap_or_default().to_owned(),
        body.to_owned(),
    )
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

/// Starts `serve` on `repo` (its temporary folder in `tmp`, if given); returns the server,
/// its terminal lines, and its port.
fn start(repo: &Path, tmp: Option<&Path>) -> (Server, mpsc::Receiver<String>, u16) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postmortem"));
    command
        .arg("-C")
        .arg(repo)
        .args(["serve", "--port", "0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null());
    if let Some(tmp) = tmp {
        command.env("TMPDIR", tmp);
    }
    let mut child = command.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let port: u16 = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("serve prints its address");
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    (Server(child), rx, port)
}

/// A repository holding the Flatfile example; returns its record's path.
fn flatfile(repo: &Path) -> PathBuf {
    std::fs::create_dir_all(repo.join("incidents")).unwrap();
    std::fs::copy(
        root().join("examples/flatfile/postmortem.yaml"),
        repo.join("postmortem.yaml"),
    )
    .unwrap();
    let record = repo.join("incidents/2025-04-02-spaces-503s.yaml");
    std::fs::copy(
        root().join("examples/flatfile/incidents/2025-04-02-spaces-503s.yaml"),
        &record,
    )
    .unwrap();
    record
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let record = flatfile(repo);

    let (_server, rx, port) = start(repo, None);

    let (status, body) = get(port, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<h1>Flatfile status</h1>"));
    let page = "/incidents/2025-04-02-spaces-503s/";
    let (status, body) = get(port, page);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<h1>Intermittent 503 errors loading Spaces</h1>"));
    assert_eq!(get(port, "/../postmortem.yaml").0, "HTTP/1.1 404 Not Found");

    // Change the record: the page follows within seconds.
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        &record,
        text.replace(
            "title: Intermittent 503 errors loading Spaces",
            "title: Spaces returned 503s",
        ),
    )
    .unwrap();
    wait_for("the new title", || {
        get(port, page).1.contains("<h1>Spaces returned 503s</h1>")
    });

    // Break it: the last good page stays, with the errors on it.
    std::fs::write(&record, text.replace("severity: major", "severity: majr")).unwrap();
    wait_for("the error banner", || {
        get(port, page).1.contains("role=\"alert\"")
    });
    let body = get(port, page).1;
    assert!(
        body.contains("<h1>Spaces returned 503s</h1>"),
        "the last good build is still served"
    );
    assert!(
        body.contains(
            "2025-04-02-spaces-503s.yaml:4:11: error: the text `majr` is not a valid `severity`"
        ),
        "{body}"
    );
    let terminal: Vec<String> = rx.try_iter().collect();
    assert!(
        terminal
            .iter()
            .any(|l| l.contains("error: the text `majr` is not a valid `severity`")),
        "{terminal:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_stops_serve_and_removes_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, tmp) = (dir.path().join("repo"), dir.path().join("tmp"));
    let record = flatfile(&repo);
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut server, _rx, port) = start(&repo, Some(&tmp));
    // One rebuild, so that the replaced site is kept beside the served one.
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, text.replace("severity: major", "severity: minor")).unwrap();
    wait_for("the rebuild", || {
        get(port, "/incidents/2025-04-02-spaces-503s/")
            .1
            .contains(">Minor impact<")
    });
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 1);
    // SAFETY: sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(server.0.id() as i32, libc::SIGINT) }, 0);
    let status = server.0.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
}

#[test]
fn serve_caps_the_request_head_and_answers_only_its_own_host() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    flatfile(repo);
    let (_server, _rx, port) = start(repo, None);

    // A 20 KiB header line: refused once 16 KiB are read, and the connection is closed (the
    // answer is read to its end, with no reset).
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20 * 1024)
    );
    assert_eq!(
        request(port, huge.as_bytes()),
        (
            "HTTP/1.1 431 Request Header Fields Too Large".to_owned(),
            "the request head is longer than 16384 bytes\n".to_owned()
        )
    );
    // The server still answers.
    assert_eq!(get(port, "/").0, "HTTP/1.1 200 OK");

    // A DNS-rebinding page sends its own name; a request may send none.
    let refused = (
        "HTTP/1.1 421 Misdirected Request".to_owned(),
        format!(
            "this preview answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/\n"
        ),
    );
    for host in [
        format!("Host: evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1:{}\r\n", port.wrapping_add(1)),
        "Host: 127.0.0.1\r\n".to_owned(),
        format!("Host: 127.0.0.1:{port}\r\nHost: evil.example:{port}\r\n"),
        String::new(),
    ] {
        let req = format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n");
        assert_eq!(request(port, req.as_bytes()), refused, "{host:?}");
    }
    for host in [format!("localhost:{port}"), format!("LocalHost:{port}")] {
        let req = format!("GET / HTTP/1.1\r\nhost: {host}\r\nConnection: close\r\n\r\n");
        let (status, body) = request(port, req.as_bytes());
        assert_eq!(status, "HTTP/1.1 200 OK", "{host}");
        assert!(body.contains("<h1>Flatfile status</h1>"));
    }
}
