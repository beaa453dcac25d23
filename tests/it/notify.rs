//! `notify`: the events since a published site, their payloads, delivery, and that nothing
//! is announced twice or leaks what is internal.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use crate::common::{Repo, tree};
use indoc::indoc;

/// 2026-04-01T12:00:00Z.
const EPOCH: &str = "1775044800";

fn run(repo: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postmortem"));
    c.env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("-C")
        .arg(repo)
        .args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

fn ok(o: &Output) -> (String, String) {
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert!(o.status.success(), "{err}");
    (out, err)
}

const CONFIG: &str = indoc! {"
    name: Acme
    url: https://status.acme.test/
"};

const CHECKOUT: &str = indoc! {"
    title: Checkout is slow
    severity: minor
    components: [Checkout]
    impact:
      windows:
        - component: Checkout
          status: degraded_performance
          start: 2026-04-01T09:00:00Z
    updates:
      - at: 2026-04-01T09:05:00Z
        status: investigating
        body: We are looking into slow checkouts.
"};

const DB_UPGRADE: &str = indoc! {"
    title: Database upgrade
    kind: maintenance
    components: [Database]
    scheduled:
      start: 2026-04-01T20:00:00Z
      end: 2026-04-01T21:00:00Z
    updates:
      - at: 2026-03-25T09:00:00Z
        status: scheduled
        body: We will upgrade the database.
"};

/// The records after the change: the checkout incident resolved with a postmortem, the
/// upgrade moved (and now starting within the lead time), a new incident, a new maintenance.
fn changed(repo: &Path) {
    let write = |id: &str, yaml: &str| {
        std::fs::write(repo.join(format!("incidents/{id}.yaml")), yaml).unwrap()
    };
    write(
        "2026-04-01-checkout-slow",
        indoc! {"
            title: Checkout is slow
            severity: minor
            components: [Checkout]
            impact:
              windows:
                - component: Checkout
                  status: degraded_performance
                  start: 2026-04-01T09:00:00Z
                  end: 2026-04-01T10:50:00Z
            updates:
              - at: 2026-04-01T09:05:00Z
                status: investigating
                body: We are looking into slow checkouts.
              - at: 2026-04-01T09:40:00Z
                status: identified
                body: A cache node is overloaded.
              - at: 2026-04-01T11:00:00Z
                status: resolved
                body: Checkouts are fast again.
            postmortem:
              published_at: 2026-04-01T11:30:00Z
              summary: A cache node ran out of memory.
        "},
    );
    write(
        "2026-04-01-database-upgrade",
        &DB_UPGRADE.replace("20:00:00Z", "19:00:00Z"),
    );
    write(
        "2026-04-01-login-errors",
        indoc! {"
            title: Login errors
            severity: major
            components: [Login]
            updates:
              - at: 2026-04-01T11:45:00Z
                status: investigating
                body: Some users cannot log in.
        "},
    );
    write(
        "2026-04-20-network-work",
        indoc! {"
            title: Network work
            kind: maintenance
            components: [Checkout, Login]
            scheduled:
              start: 2026-04-20T06:00:00Z
              end: 2026-04-20T07:00:00Z
            updates:
              - at: 2026-04-01T11:50:00Z
                status: scheduled
                body: New switches.
        "},
    );
}

/// A repository built once into `prev`, then changed.
fn published_then_changed(config: &str) -> tempfile::TempDir {
    let dir = Repo::new()
        .config(config)
        .record("2026-04-01-checkout-slow", CHECKOUT)
        .record("2026-04-01-database-upgrade", DB_UPGRADE)
        .build();
    ok(&run(dir.path(), &["build", "--out", "prev"], &[]));
    changed(dir.path());
    dir
}

#[test]
fn each_event_since_the_published_site_once_in_every_format() {
    let dir = published_then_changed(CONFIG);
    let (out, err) = ok(&run(
        dir.path(),
        &["notify", "--since", "prev", "--dry-run"],
        &[],
    ));
    assert_eq!(err, "8 events new since prev (its api/v2/); 43 payloads\n");
    // A component's change goes to Statuspage's webhook only.
    let component: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" component_status "))
        .collect();
    assert_eq!(
        component,
        ["would send f6cb77df27ed component_status to statuspage: Checkout: Operational"]
    );
    let webhook: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" to webhook: "))
        .collect();
    assert_eq!(
        webhook,
        [
            "would send 843a64ece07d update to webhook: Identified: Checkout is slow",
            "would send cf89907651f2 resolved to webhook: Resolved: Checkout is slow",
            "would send 411d35fb5ae9 postmortem to webhook: Postmortem published: Checkout is slow",
            "would send 58f0a255dd6b maintenance_changed to webhook: Maintenance rescheduled: Database upgrade",
            "would send aa47c8c0e311 maintenance_starting to webhook: Maintenance starting soon: Database upgrade",
            "would send 058697015911 new_incident to webhook: Investigating: Login errors",
            "would send 1ffe4a63625f new_maintenance to webhook: Scheduled maintenance: Network work",
        ]
    );
    let (_, err) = ok(&run(
        dir.path(),
        &["notify", "--since", "prev", "--out", "out"],
        &[],
    ));
    assert!(err.ends_with("wrote 43 files into out\n"), "{err}");
    let files = tree(&dir.path().join("out"));
    assert_eq!(files.len(), 43);
    for channel in [
        "webhook",
        "statuspage",
        "slack",
        "teams",
        "discord",
        "email",
    ] {
        let mut all = String::new();
        for (name, bytes) in &files {
            if name.split('.').nth(1) == Some(channel) {
                all.push_str(&format!("==> {name}\n{}\n", String::from_utf8_lossy(bytes)));
            }
        }
        insta::assert_snapshot!(format!("notify-{channel}"), all);
    }
}

#[test]
fn a_rebuilt_site_keeps_what_was_announced_and_a_rerun_sends_nothing() {
    let dir = published_then_changed(CONFIG);
    ok(&run(dir.path(), &["build", "--out", "site"], &[]));
    let (_, err) = ok(&run(
        dir.path(),
        &[
            "notify", "--since", "prev", "--site", "site", "--out", "out",
        ],
        &[],
    ));
    assert!(
        err.ends_with("recorded what was announced in site/notified.json\n"),
        "{err}"
    );
    // Two builds of one commit: the second keeps notified.json, and nothing is new.
    ok(&run(dir.path(), &["build", "--out", "site"], &[]));
    let (out, err) = ok(&run(
        dir.path(),
        &["notify", "--since", "site", "--dry-run"],
        &[],
    ));
    assert_eq!(out, "");
    assert_eq!(
        err,
        "0 events new since site (its notified.json); 0 payloads\n"
    );
}

#[test]
fn internal_parts_and_hostile_text_never_reach_a_payload() {
    let dir = Repo::new().config(CONFIG).build();
    ok(&run(dir.path(), &["build", "--out", "prev"], &[]));
    std::fs::write(
        dir.path().join("incidents/2026-04-01-hostile.yaml"),
        indoc! {r#"
            title: "<!channel> @everyone Down\r\nBcc: victim@example.com"
            severity: critical
            components: [API]
            updates:
              - at: 2026-04-01T09:00:00Z
                status: investigating
                body: "<script>alert(1)</script> <@here> [x](javascript:alert(1))"
              - at: 2026-04-01T10:00:00Z
                status: resolved
                body: Fixed.
              - at: 2026-04-01T11:00:00Z
                status: postmortem
                body: ""
            postmortem:
              published_at: 2026-04-01T11:00:00Z
              summary: A public summary.
              timeline:
                - at: 2026-04-01T09:01:00Z
                  event: SECRET-TIMELINE paged the on-call
                  internal: true
              contributing_factors:
                - title: SECRET-FACTOR
                  internal: true
              action_items:
                - title: SECRET-ACTION
                  status: open
                  internal: true
              sections:
                - title: SECRET-SECTION
                  body: SECRET-BODY
                  internal: true
        "#},
    )
    .unwrap();
    ok(&run(
        dir.path(),
        &["notify", "--since", "prev", "--out", "out"],
        &[],
    ));
    let files = tree(&dir.path().join("out"));
    assert_eq!(files.len(), 6);
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("SECRET"), "{name}");
        // Bodies are Markdown text in JSON, sanitised HTML in the e-mail; a link that runs is
        // gone from what chat platforms and mail readers render. (Statuspage's payload is the
        // site's own api/v2/ incident: the update's text as data, as the site publishes it.)
        if !name.ends_with(".statuspage.json") {
            assert!(!text.contains("javascript:"), "{name}: {text}");
        }
        if name.ends_with(".eml") {
            assert!(!text.contains("<script>"), "{name}");
        }
        if name.ends_with(".slack.json") {
            // Slack reads mentions and links in `mrkdwn` texts (plain_text shows them as text).
            fn mrkdwn(v: &serde_json::Value, out: &mut Vec<String>) {
                match v {
                    serde_json::Value::Object(o) => {
                        if o.get("type").and_then(|t| t.as_str()) == Some("mrkdwn") {
                            out.push(o["text"].as_str().unwrap().to_owned());
                        }
                        o.values().for_each(|v| mrkdwn(v, out));
                    }
                    serde_json::Value::Array(a) => a.iter().for_each(|v| mrkdwn(v, out)),
                    _ => {}
                }
            }
            let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            let mut texts = vec![v["text"].as_str().unwrap().to_owned()];
            mrkdwn(&v, &mut texts);
            assert!(texts.len() > 3);
            for t in &texts {
                assert!(!t.contains("<!") && !t.contains("<@"), "{t}");
            }
            assert!(texts[0].contains("&lt;!channel&gt;"), "{text}");
        }
        if name.ends_with(".discord.json") {
            let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            assert_eq!(v["allowed_mentions"], serde_json::json!({"parse": []}));
        }
        if name.ends_with(".eml") {
            let head = text.split("\r\n\r\n").next().unwrap();
            assert!(!head.lines().any(|l| l.starts_with("Bcc:")), "{head}");
            assert_eq!(
                head.lines().filter(|l| l.starts_with("Subject:")).count(),
                1
            );
        }
    }
}

/// A request the test server received.
#[derive(Debug, Clone)]
struct Received {
    line: String,
    headers: BTreeMap<String, String>,
    body: String,
}

/// An HTTP server on 127.0.0.1 answering each path with its scripted statuses in turn
/// (then 200), recording every request.
fn server(script: HashMap<&'static str, Vec<u16>>) -> (String, Arc<Mutex<Vec<Received>>>) {
    serve(script, None)
}

/// [`server`], and a GET is answered with the file of `files` at its path (else 404).
fn serve(
    script: HashMap<&'static str, Vec<u16>>,
    files: Option<std::path::PathBuf>,
) -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let script: Arc<Mutex<HashMap<String, VecDeque<u16>>>> = Arc::new(Mutex::new(
        script
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.into()))
            .collect(),
    ));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut headers = BTreeMap::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (k, v) = h.split_once(':').unwrap();
                headers.insert(k.to_ascii_lowercase(), v.trim().to_owned());
            }
            let n: usize = headers
                .get("content-length")
                .map_or(0, |v| v.parse().unwrap());
            let mut body = vec![0; n];
            reader.read_exact(&mut body).unwrap();
            let path = line.split(' ').nth(1).unwrap_or_default().to_owned();
            if line.starts_with("GET ") {
                let file = files.as_ref().map(|d| d.join(path.trim_start_matches('/')));
                let found = file.and_then(|f| std::fs::read(f).ok());
                log.lock().unwrap().push(Received {
                    line: line.trim_end().to_owned(),
                    headers,
                    body: String::new(),
                });
                let _ = match found {
                    Some(b) => write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        b.len()
                    )
                    .and_then(|()| stream.write_all(&b)),
                    None => write!(
                        stream,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    ),
                };
                continue;
            }
            let status = script
                .lock()
                .unwrap()
                .get_mut(&path)
                .and_then(VecDeque::pop_front)
                .unwrap_or(200);
            log.lock().unwrap().push(Received {
                line: line.trim_end().to_owned(),
                headers,
                body: String::from_utf8(body).unwrap(),
            });
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (base, seen)
}

const ENDPOINTS: &str = indoc! {r#"
    name: Acme
    url: https://status.acme.test/
    notify:
      - kind: webhook
        url: "${HOOK_BASE}/ok"
      - kind: slack
        url: "${HOOK_BASE}/flaky"
        components: [Checkout]
      - kind: discord
        name: down
        url: "${HOOK_BASE}/down"
        components: [Login]
"#};

#[test]
fn delivery_retries_reports_and_never_sends_twice() {
    let dir = published_then_changed(ENDPOINTS);
    ok(&run(dir.path(), &["build", "--out", "site"], &[]));
    let (base, seen) = server(HashMap::from([
        ("/flaky", vec![500]),
        ("/down", vec![500, 503, 502, 404]),
    ]));
    let env = [("HOOK_BASE", base.as_str())];
    let notify = |since: &str| {
        run(
            dir.path(),
            &[
                "notify",
                "--since",
                since,
                "--site",
                "site",
                "--send",
                "--backoff-ms",
                "1",
            ],
            &env,
        )
    };
    let o = notify("prev");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        indoc! {"
            8 events new since prev (its api/v2/); 13 payloads
            webhook: 7 delivered, 0 failed
            slack: 4 delivered, 0 failed
            down: 0 delivered, 2 failed
        "}
        .to_owned()
            + "failed: 058697015911 new_incident to down: HTTP 502 after 3 attempts\n"
            + "failed: 1ffe4a63625f new_maintenance to down: HTTP 404 after 1 attempt\n"
            + "recorded what was announced in site/notified.json\n"
            + "error: 2 notifications not delivered (tried again by the next run)\n"
    );
    {
        let seen = seen.lock().unwrap();
        let lines: Vec<&str> = seen.iter().map(|r| r.line.as_str()).collect();
        let count = |p: &str| {
            lines
                .iter()
                .filter(|l| **l == format!("POST {p} HTTP/1.1"))
                .count()
        };
        assert_eq!((count("/ok"), count("/flaky"), count("/down")), (7, 5, 4));
        for r in seen.iter() {
            assert_eq!(r.headers["content-type"], "application/json");
            let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            assert!(body.is_object());
        }
        let first_slack = seen.iter().find(|r| r.line.contains("/flaky")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&first_slack.body).unwrap();
        assert_eq!(v["text"], "Identified: Checkout is slow");
    }
    // The rerun tries again only what failed; the one after it sends nothing.
    seen.lock().unwrap().clear();
    let (_, err) = ok(&notify("site"));
    assert_eq!(
        err,
        indoc! {"
            0 events new since site (its notified.json); 2 payloads
            webhook: 0 delivered, 0 failed
            slack: 0 delivered, 0 failed
            down: 2 delivered, 0 failed
            recorded what was announced in site/notified.json
        "}
    );
    assert_eq!(seen.lock().unwrap().len(), 2);
    seen.lock().unwrap().clear();
    let (_, err) = ok(&notify("site"));
    assert!(err.starts_with("0 events new since site (its notified.json); 0 payloads\n"));
    assert!(seen.lock().unwrap().is_empty());
}

#[test]
fn a_missing_variable_stops_before_anything_is_sent() {
    let dir = published_then_changed(ENDPOINTS);
    let o = run(dir.path(), &["notify", "--since", "prev", "--send"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: notify endpoint `webhook`: the environment variable HOOK_BASE is not set; nothing sent\n"
    );
}

#[test]
fn a_committed_webhook_address_is_an_error_in_check() {
    let dir = Repo::new()
        .config(indoc! {"
            notify:
              - kind: slack
                url: https://hooks.slack.com/services/T000/B000/XXXX
              - kind: slack
                url: \"${SLACK}\"
        "})
        .build();
    let o = run(dir.path(), &["check"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        indoc! {"
            postmortem.yaml:3:10: error: a literal `notify` address that is a Slack webhook: anyone who reads the repository can post to it [notify-secret]
              |
            3 |     url: https://hooks.slack.com/services/T000/B000/XXXX
              |          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ write `url: \"${VARIABLE}\"` and set the variable from a secret in CI
            postmortem.yaml:4:11: error: two `notify` endpoints are named `slack` (entries 1 and 2) [notify-endpoint]
              |
            4 |   - kind: slack
              |           ^^^^^ give each a different `name:` (it names their files and what was sent)
        "}
    );
}

#[test]
fn since_a_url_reads_the_published_notified_json_else_its_api() {
    let dir = published_then_changed(CONFIG);
    let prev = dir.path().join("prev");
    let (base, seen) = serve(HashMap::new(), Some(prev.clone()));
    let url = format!("{base}/");
    let (_, err) = ok(&run(
        dir.path(),
        &["notify", "--since", &url, "--dry-run"],
        &[],
    ));
    assert_eq!(
        err,
        format!("8 events new since {url} (its api/v2/); 43 payloads\n")
    );
    let gets: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.line.clone())
        .collect();
    assert_eq!(
        gets,
        [
            "GET /notified.json HTTP/1.1",
            "GET /api/v2/incidents.json HTTP/1.1",
            "GET /api/v2/scheduled-maintenances.json HTTP/1.1",
            // The records the lists do not hold: the new ones, not published yet.
            "GET /api/v2/incidents/4c698f9331c4.json HTTP/1.1",
            "GET /api/v2/incidents/60c6c77d5b2a.json HTTP/1.1",
            "GET /api/v2/components.json HTTP/1.1",
        ]
    );
    // With a notified.json published, that is what counts.
    ok(&run(dir.path(), &["build", "--out", "site"], &[]));
    ok(&run(
        dir.path(),
        &[
            "notify", "--since", "prev", "--site", "site", "--out", "out",
        ],
        &[],
    ));
    std::fs::copy(
        dir.path().join("site/notified.json"),
        prev.join("notified.json"),
    )
    .unwrap();
    let (out, err) = ok(&run(
        dir.path(),
        &["notify", "--since", &base, "--dry-run"],
        &[],
    ));
    assert_eq!(
        (out.as_str(), err),
        (
            "",
            format!("0 events new since {url} (its notified.json); 0 payloads\n")
        )
    );
}

#[test]
fn nothing_published_or_not_a_site_is_an_error_that_sends_nothing() {
    let dir = published_then_changed(CONFIG);
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let o = run(
        dir.path(),
        &["notify", "--since", "empty", "--dry-run"],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --since empty: no notified.json, api/v2/ or incidents.json there: is it a site built by postmortem? (A site never published yet has nothing to compare with: publish it once, and notify from the next change.)\n"
    );
    let o = run(
        dir.path(),
        &[
            "notify", "--since", "prev", "--site", "empty", "--out", "out",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --site empty: not a site built by `postmortem build` (it has no .postmortem-site)\n"
    );
    assert!(!dir.path().join("out").exists());
    let o = run(dir.path(), &["notify", "--since", "prev"], &[]);
    assert_eq!(o.status.code(), Some(2));
    // A notified.json that is not one is refused, not taken for "nothing announced".
    std::fs::write(dir.path().join("prev/notified.json"), "{\"events\": 3}").unwrap();
    let o = run(dir.path(), &["notify", "--since", "prev", "--dry-run"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --since prev: notified.json is not a notified.json of postmortem: invalid type: integer `3`, expected a sequence at line 1 column 12\n"
    );
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    std::fs::remove_file(dir.path().join("prev/notified.json")).unwrap();
    let o = run(
        dir.path(),
        &["notify", "--since", "prev", "--out", "a-file"],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --out a-file: not a folder\n"
    );
    // No endpoints: --send has nothing to do, and reads nothing.
    let (_, err) = ok(&run(
        dir.path(),
        &["notify", "--since", "nowhere", "--send"],
        &[],
    ));
    assert_eq!(
        err,
        "nothing to send: postmortem.yaml has no `notify:` endpoints\n"
    );
}

#[test]
fn e_mail_is_written_for_the_ci_to_deliver() {
    let dir = published_then_changed(indoc! {r#"
        name: Acme
        url: https://status.acme.test/
        notify:
          - kind: email
            from: Acme Status <status@acme.test>
            to: [customers@acme.test, ops@acme.test]
            components: [Login]
    "#});
    let o = run(dir.path(), &["notify", "--since", "prev", "--send"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: notify endpoint `email`: e-mail is written as .eml files for the CI to deliver: give --out DIR\n"
    );
    let (_, err) = ok(&run(
        dir.path(),
        &["notify", "--since", "prev", "--send", "--out", "mail"],
        &[],
    ));
    assert_eq!(
        err,
        indoc! {"
            8 events new since prev (its api/v2/); 2 payloads
            wrote 2 files into mail
            email: 2 delivered, 0 failed
            note: without --site, what was sent is recorded nowhere: the next run against the same --since sends it again
        "}
    );
    let files = tree(&dir.path().join("mail"));
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names, ["058697015911.email.eml", "1ffe4a63625f.email.eml"]);
    let mail = String::from_utf8(files["058697015911.email.eml"].clone()).unwrap();
    let head: Vec<&str> = mail
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .split("\r\n")
        .collect();
    assert_eq!(
        head,
        [
            "From: Acme Status <status@acme.test>",
            "To: customers@acme.test, ops@acme.test",
            "Subject: [Acme] Investigating: Login errors",
            "Date: Wed, 1 Apr 2026 12:00:00 +0000",
            "Message-ID: <058697015911.email@status.acme.test>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"=_postmortem_058697015911\"",
        ]
    );
}

#[test]
fn a_filter_names_components_of_the_catalogue() {
    let dir = Repo::new()
        .config(indoc! {r#"
            components:
              - name: Checkout
              - name: Login
            notify:
              - kind: slack
                url: "${SLACK}"
                components: [Checkuot]
        "#})
        .build();
    let o = run(dir.path(), &["check"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        indoc! {"
            postmortem.yaml:7:18: error: `Checkuot` is not a component of the catalogue [unknown-component]
              |
            7 |     components: [Checkuot]
              |                  ^^^^^^^^ did you mean `Checkout`?
        "}
    );
}

#[test]
fn a_postmortem_in_draft_or_review_is_not_announced_until_published() {
    let dir = published_then_changed(CONFIG);
    let path = dir.path().join("incidents/2026-04-01-checkout-slow.yaml");
    let published = std::fs::read_to_string(&path).unwrap();
    let postmortem_lines = |status: &str| {
        let text = published.replace(
            "postmortem:\n",
            &format!("postmortem:\n  status: {status}\n  owner: \"@alice\"\n"),
        );
        std::fs::write(&path, text).unwrap();
        let (out, _) = ok(&run(
            dir.path(),
            &["notify", "--since", "prev", "--dry-run"],
            &[],
        ));
        out.lines()
            .filter(|l| l.contains(" postmortem to webhook: "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(postmortem_lines("draft"), Vec::<String>::new());
    assert_eq!(postmortem_lines("in_review"), Vec::<String>::new());
    assert_eq!(
        postmortem_lines("published"),
        ["would send 411d35fb5ae9 postmortem to webhook: Postmortem published: Checkout is slow"]
    );
}

#[test]
fn every_payload_speaks_the_sites_language_with_its_own_catalogue() {
    let dir = published_then_changed(indoc! {"
        name: Acme
        url: https://status.acme.test/
        language: de
    "});
    std::fs::create_dir_all(dir.path().join("locales")).unwrap();
    std::fs::write(
        dir.path().join("locales/de.ftl"),
        "notify-view = Zur Statusseite\n",
    )
    .unwrap();
    let (out, _) = ok(&run(
        dir.path(),
        &["notify", "--since", "prev", "--dry-run"],
        &[],
    ));
    let webhook: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" to webhook: ") || l.contains(" component_status "))
        .collect();
    assert_eq!(
        webhook,
        [
            "would send 843a64ece07d update to webhook: Identifiziert: Checkout is slow",
            "would send cf89907651f2 resolved to webhook: Behoben: Checkout is slow",
            "would send 411d35fb5ae9 postmortem to webhook: Postmortem veröffentlicht: Checkout is slow",
            "would send 58f0a255dd6b maintenance_changed to webhook: Wartung verschoben: Database upgrade",
            "would send aa47c8c0e311 maintenance_starting to webhook: Wartung beginnt bald: Database upgrade",
            "would send 058697015911 new_incident to webhook: Wird untersucht: Login errors",
            "would send 1ffe4a63625f new_maintenance to webhook: Geplante Wartung: Network work",
            "would send f6cb77df27ed component_status to statuspage: Checkout: Betriebsbereit",
        ]
    );
    ok(&run(
        dir.path(),
        &["notify", "--since", "prev", "--out", "out"],
        &[],
    ));
    let files = tree(&dir.path().join("out"));
    let file = |name: &str| String::from_utf8(files[name].clone()).unwrap();
    assert_eq!(
        file("843a64ece07d.slack.json"),
        indoc! {r#"
            {
              "text": "Identifiziert: Checkout is slow",
              "blocks": [
                {
                  "type": "header",
                  "text": {
                    "type": "plain_text",
                    "text": "Identifiziert: Checkout is slow",
                    "emoji": false
                  }
                },
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "Acme hatte am 1. April 2026 eine kleinere Störung mit Auswirkung auf Checkout, die 1 Std. 55 Min. dauerte."
                  }
                },
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "A cache node is overloaded."
                  }
                },
                {
                  "type": "section",
                  "fields": [
                    {
                      "type": "mrkdwn",
                      "text": "*Komponenten*\nCheckout"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Status*\nIdentifiziert"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Schweregrad*\ngering"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Auswirkung*\nCheckout: Eingeschränkte Leistung"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Zeitpunkt*\n01.04.2026, 09:40 UTC"
                    }
                  ]
                },
                {
                  "type": "context",
                  "elements": [
                    {
                      "type": "mrkdwn",
                      "text": "<https://status.acme.test/incidents/2026-04-01-checkout-slow/|Zur Statusseite> · Acme"
                    }
                  ]
                }
              ],
              "unfurl_links": false
            }
        "#}
    );
    assert_eq!(
        file("1ffe4a63625f.teams.json"),
        indoc! {r#"
            {
              "type": "message",
              "attachments": [
                {
                  "contentType": "application/vnd.microsoft.card.adaptive",
                  "contentUrl": null,
                  "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                      {
                        "type": "TextBlock",
                        "text": "Geplante Wartung: Network work",
                        "weight": "Bolder",
                        "size": "Medium",
                        "wrap": true
                      },
                      {
                        "type": "TextBlock",
                        "text": "Acme hat für den 20. April 2026 eine Wartung mit Auswirkung auf Checkout und Login geplant.",
                        "wrap": true
                      },
                      {
                        "type": "TextBlock",
                        "text": "New switches.",
                        "wrap": true
                      },
                      {
                        "type": "FactSet",
                        "facts": [
                          {
                            "title": "Komponenten",
                            "value": "Checkout und Login"
                          },
                          {
                            "title": "Status",
                            "value": "Geplant"
                          },
                          {
                            "title": "Zeitfenster",
                            "value": "20.04.2026, 06:00 UTC – 20.04.2026, 07:00 UTC"
                          },
                          {
                            "title": "Zeitpunkt",
                            "value": "01.04.2026, 11:50 UTC"
                          }
                        ]
                      }
                    ],
                    "actions": [
                      {
                        "type": "Action.OpenUrl",
                        "title": "Zur Statusseite",
                        "url": "https://status.acme.test/incidents/2026-04-20-network-work/"
                      }
                    ]
                  }
                }
              ]
            }
        "#}
    );
}
