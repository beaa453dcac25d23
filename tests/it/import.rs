//! `import`: feeds and Statuspage JSON into records, the round trip through this tool's own
//! feeds, and bad input that must write nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use postmortem::check::{Context, check_file};
use postmortem::config::Config;
use postmortem::model::Record;

use crate::common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn import(repo: &Path, source: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .arg("-C")
        .arg(repo)
        .arg("import")
        .arg(source)
        .args(extra)
        .output()
        .expect("the binary runs")
}

/// Every record in `dir`, checked: (file name, record), asserting each passes `check`.
fn records(dir: &Path) -> Vec<(String, Record)> {
    let config = Config::defaults(dir);
    let cx = Context {
        config: &config,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let checked = check_file(p, &cx);
            assert!(
                !checked.has_errors(),
                "{}: {:?}",
                p.display(),
                checked.diagnostics
            );
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                checked.record.unwrap(),
            )
        })
        .collect()
}

fn timeline(r: &Record) -> Vec<(String, &'static str)> {
    r.updates
        .iter()
        .map(|u| (u.at.to_utc().to_rfc3339(), u.status.as_str()))
        .collect()
}

#[test]
fn the_latitude_feed_becomes_four_records() {
    let tmp = tempfile::tempdir().unwrap();
    let o = import(
        tmp.path(),
        &root().join("tests/fixtures/import/latitude.rss"),
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(written.lines().count(), 4, "{written}");
    let got = records(&tmp.path().join("incidents"));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2025-05-31-cache-database-upgrade.yaml",
            "2025-05-31-may-30th-2025-postmortem.yaml",
            "2026-04-07-app-latitude-so-api-health.yaml",
            "2026-04-07-ecs-task-failures-and-service-disruption-due-to-ecr-image-expiry.yaml",
        ]
    );
    let maintenance = &got[0].1;
    assert_eq!(maintenance.kind, postmortem::model::Kind::Maintenance);
    assert_eq!(
        timeline(maintenance),
        [
            ("2025-05-31T08:00:00+00:00".to_owned(), "scheduled"),
            ("2025-05-31T09:15:00+00:00".to_owned(), "completed")
        ]
    );
    let monitor = &got[2].1;
    assert_eq!(monitor.title, "app.latitude.so/api/health");
    assert_eq!(
        timeline(monitor),
        [
            ("2026-04-07T19:41:20+00:00".to_owned(), "investigating"),
            ("2026-04-07T19:46:55+00:00".to_owned(), "resolved")
        ]
    );
    let ecr = &got[3].1;
    assert_eq!(
        timeline(ecr),
        [("2026-04-07T19:58:00+00:00".to_owned(), "postmortem")]
    );
    let pm = ecr.postmortem.as_ref().unwrap();
    assert!(
        pm.summary
            .starts_with("A prolonged gap in production image deployments")
    );
    assert!(
        pm.root_cause
            .as_deref()
            .unwrap()
            .starts_with("ECR lifecycle policies were configured")
    );
    assert_eq!(pm.sections[0].title, "Contributing factors");
    assert!(
        ecr.impact
            .description
            .as_deref()
            .unwrap()
            .starts_with("Latitude web app was unavailable from 7:51pm CEST to 9:47pm.")
    );
    let report = String::from_utf8_lossy(&o.stderr);
    assert!(
        report.starts_with("imported 4 records (6 updates) from "),
        "{report}"
    );
    assert!(report.contains("2026-04-07-app-latitude-so-api-health.yaml: 2 updates; to complete: severity (placeholder `minor`); components (placeholder `Unknown`)\n"), "{report}");
    let monitor_yaml = std::fs::read_to_string(
        tmp.path()
            .join("incidents/2026-04-07-app-latitude-so-api-health.yaml"),
    )
    .unwrap();
    assert_eq!(
        monitor_yaml,
        "# yaml-language-server: $schema=../schema/incident.schema.json
# Imported from latitude.rss by `postmortem import`.
# Source: https://status.latitude.so/
title: \"app.latitude.so/api/health\"
severity: minor  # TODO(import): the source does not say; none | minor | major | critical
components: [\"Unknown\"]  # TODO(import): name the affected components
updates:
  - at: 2026-04-07T19:41:20Z
    status: investigating
    body: \"app.latitude.so/api/health went down\"
  - at: 2026-04-07T19:46:55Z
    status: resolved
    body: \"app.latitude.so/api/health recovered\"
"
    );
    assert!(tmp.path().join("schema/incident.schema.json").is_file());
}

#[test]
fn statuspage_history_rss_atom_and_json_give_the_flatfile_incident() {
    for (file, seconds) in [
        ("flatfile-history.rss", false),
        ("flatfile-history.atom", false),
        ("flatfile-incidents.json", true),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let o = import(
            tmp.path(),
            &root().join("tests/fixtures/import").join(file),
            &[],
        );
        assert!(
            o.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let got = records(&tmp.path().join("incidents"));
        assert_eq!(got.len(), 1, "{file}");
        let (name, r) = &got[0];
        assert_eq!(
            name,
            "2025-04-02-intermittent-503-errors-loading-spaces.yaml"
        );
        assert_eq!(r.title, "Intermittent 503 errors loading Spaces");
        // Statuspage's history feeds give minutes only; its JSON gives seconds.
        let t = |s: &str, m: &str| if seconds { s.to_owned() } else { m.to_owned() };
        assert_eq!(
            timeline(r),
            [
                (
                    t("2025-04-02T17:53:40+00:00", "2025-04-02T17:53:00+00:00"),
                    "investigating"
                ),
                ("2025-04-02T18:07:00+00:00".to_owned(), "monitoring"),
                (
                    t("2025-04-02T19:08:10+00:00", "2025-04-02T19:08:00+00:00"),
                    "resolved"
                ),
                ("2025-04-24T19:11:00+00:00".to_owned(), "postmortem"),
            ],
            "{file}"
        );
        assert_eq!(
            r.updates[1].body,
            "A fix has been implemented and we are monitoring the results."
        );
        let pm = r.postmortem.as_ref().unwrap();
        assert!(
            pm.summary
                .starts_with("On Apr 2, 2025 a service degradation"),
            "{file}"
        );
        assert!(
            pm.root_cause
                .as_deref()
                .unwrap()
                .starts_with("Our cloud hosting provider terminated"),
            "{file}"
        );
        assert_eq!(pm.sections[0].title, "Incident Details", "{file}");
        if seconds {
            assert_eq!(r.severity, Some(postmortem::model::Severity::Major));
            assert_eq!(r.components, ["Spaces"]);
        }
    }
}

/// Markdown compared by what it renders to: the same page either way (line breaks inside
/// a paragraph are white space).
fn same_markdown(a: &str, b: &str) -> bool {
    let html = |s: &str| {
        postmortem::render::markdown::to_html(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    html(a) == html(b)
}

#[test]
fn building_and_importing_the_feeds_gives_back_the_same_updates() {
    for site in ["latitude", "flatfile"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
            .arg("-C")
            .arg(root().join("examples").join(site))
            .arg("build")
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success());
        let original = records(&root().join("examples").join(site).join("incidents"));
        for feed in ["feed.rss", "feed.atom"] {
            let repo = tmp.path().join(format!("repo-{feed}"));
            std::fs::create_dir_all(&repo).unwrap();
            let o = import(&repo, &out.join(feed), &[]);
            assert!(
                o.status.success(),
                "{site} {feed}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let imported = records(&repo.join("incidents"));
            assert_eq!(imported.len(), original.len(), "{site} {feed}");
            for (_, want) in &original {
                let (_, got) = imported
                    .iter()
                    .find(|(_, r)| r.title == want.title)
                    .expect("the same title");
                assert_eq!(
                    timeline(got),
                    timeline(want),
                    "{site} {feed}: {}",
                    want.title
                );
                // The feeds carry each body's Markdown: it comes back exactly.
                assert_eq!(updates(got), updates(want), "{site} {feed}");
                assert_eq!(got.kind, want.kind);
                if let Some(pm) = &want.postmortem {
                    let got_pm = got.postmortem.as_ref().expect("the postmortem comes back");
                    assert!(
                        same_markdown(&got_pm.summary, &pm.summary),
                        "{site} {feed}: summary"
                    );
                    assert_eq!(got_pm.published_at, pm.published_at);
                }
            }
        }
    }
}

#[test]
fn existing_records_are_never_overwritten_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let source = root().join("tests/fixtures/import/flatfile-incidents.json");
    assert!(import(tmp.path(), &source, &[]).status.success());
    let path = tmp
        .path()
        .join("incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml");
    std::fs::write(&path, "title: edited by hand\n").unwrap();
    let o = import(tmp.path(), &source, &[]);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "title: edited by hand\n"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("  skipped "),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("it exists (use --force to replace it)"));
    assert!(import(tmp.path(), &source, &["--force"]).status.success());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# yaml-language-server:")
    );
}

#[test]
fn bad_input_is_an_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let huge = tmp.path().join("huge.rss");
    {
        let mut f = std::fs::File::create(&huge).unwrap();
        use std::io::Write;
        let chunk = vec![b' '; 1024 * 1024];
        f.write_all(b"<rss>").unwrap();
        for _ in 0..33 {
            f.write_all(&chunk).unwrap();
        }
    }
    let fixtures = root().join("tests/fixtures/import");
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            fixtures.join("malformed.xml"),
            "malformed.xml: 2:56: malformed XML: ill-formed document: expected `</item>`, but `</channel>` was found",
        ),
        (
            fixtures.join("no-items.rss"),
            "no-items.rss: the feed has no items: nothing to import",
        ),
        (
            fixtures.join("page.html"),
            "page.html: this is an HTML page, not a feed: give the address of its RSS or Atom feed",
        ),
        (
            fixtures.join("entities.xml"),
            "entities.xml: 2:1: the document declares its own entities (a DTD): refused, as entity expansion can blow up",
        ),
        (
            huge.clone(),
            "huge.rss: file is 34603013 bytes, over the limit of 33554432 bytes (32 MiB) for an import: split the feed",
        ),
    ];
    for (file, expected) in cases {
        let repo = tmp.path().join("repo");
        std::fs::create_dir_all(&repo).unwrap();
        let o = import(&repo, &file, &[]);
        assert_eq!(o.status.code(), Some(1), "{}", file.display());
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(
            err.starts_with("error: ") && err.trim_end().ends_with(expected),
            "{err}"
        );
        assert_eq!(
            std::fs::read_dir(&repo).unwrap().count(),
            0,
            "{} wrote something",
            file.display()
        );
    }
}

/// A feed's text only ever becomes values and whole comment lines: a line break inside
/// `<link>` (CR, LF, or U+2028 for YAML 1.1 readers) cannot start a key of the record.
#[test]
fn a_line_break_in_a_link_cannot_inject_keys() {
    for brk in ["&#13;", "&#10;", "&#13;&#10;", "&#x2028;"] {
        let tmp = tempfile::tempdir().unwrap();
        let feed = tmp.path().join("feed.rss");
        std::fs::write(
            &feed,
            format!(
                "<rss version=\"2.0\"><channel><title>Status</title><link>https://status.example.com/</link>
<item><title>Injected link</title>
<link>https://status.example.com/incidents/1{brk}postmortem:{brk}  summary: pwned</link>
<pubDate>Tue, 07 Apr 2026 19:58:00 -0000</pubDate>
<description>We are investigating.</description></item>
</channel></rss>"
            ),
        )
        .unwrap();
        let o = import(tmp.path(), &feed, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = records(&tmp.path().join("incidents"));
        assert_eq!(got.len(), 1, "{brk}");
        assert_eq!(got[0].0, "2026-04-07-injected-link.yaml");
        assert!(got[0].1.postmortem.is_none(), "{brk}");
        let spaces = if brk == "&#13;&#10;" { "  " } else { " " };
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("incidents/2026-04-07-injected-link.yaml"))
                .unwrap(),
            format!(
                "# yaml-language-server: $schema=../schema/incident.schema.json
# Imported from feed.rss by `postmortem import`.
# Source: https://status.example.com/incidents/1{spaces}postmortem:{spaces}  summary: pwned
title: \"Injected link\"
severity: minor  # TODO(import): the source does not say; none | minor | major | critical
components: [\"Unknown\"]  # TODO(import): name the affected components
updates:
  - at: 2026-04-07T19:58:00Z
    status: investigating  # inferred from the text
    body: \"We are investigating.\"
"
            ),
            "{brk}"
        );
    }
}

/// Imports a fixture into a fresh repository: the output, and every record written, each
/// asserted to pass `check` (the command too, not only the library).
fn import_fixture(
    file: &str,
    extra: &[&str],
) -> (tempfile::TempDir, Output, Vec<(String, Record)>) {
    let tmp = tempfile::tempdir().unwrap();
    let o = import(
        tmp.path(),
        &root().join("tests/fixtures/import").join(file),
        extra,
    );
    let got = if tmp.path().join("incidents").is_dir() {
        records(&tmp.path().join("incidents"))
    } else {
        Vec::new()
    };
    if !got.is_empty() {
        let c = Command::new(env!("CARGO_BIN_EXE_postmortem"))
            .arg("-C")
            .arg(tmp.path())
            .arg("check")
            .output()
            .unwrap();
        assert!(
            c.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&c.stderr)
        );
    }
    (tmp, o, got)
}

/// (time, status, body) of an update.
type Step<'a> = (String, &'static str, &'a str);

/// (time, status) of an update.
type Moment = (String, &'static str);

/// (time, status, body) of every update.
fn updates(r: &Record) -> Vec<(String, &'static str, &str)> {
    r.updates
        .iter()
        .map(|u| {
            (
                u.at.to_utc().to_rfc3339(),
                u.status.as_str(),
                u.body.as_str(),
            )
        })
        .collect()
}

fn t(s: &str) -> String {
    s.to_owned()
}

/// Statuspage lists an incident's updates newest first at minute precision: two updates of
/// one minute keep the order they were posted in (the resolution last), so `check` is clean.
#[test]
fn updates_of_the_same_minute_keep_the_order_they_were_posted_in() {
    let (_tmp, o, got) = import_fixture("harvest-same-minute.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "2020-01-08-trouble-accessing-harvest.yaml");
    assert_eq!(
        updates(&got[0].1),
        [
            (
                t("2020-01-08T13:11:00+00:00"),
                "investigating",
                "We are investigating intermittent problems accessing Harvest."
            ),
            (
                t("2020-01-08T13:11:00+00:00"),
                "identified",
                "At this time we have restored access to the Harvest web application."
            ),
            (
                t("2020-01-08T14:51:00+00:00"),
                "monitoring",
                "We have resolved the issue from earlier. We continue to monitor the situation."
            ),
            (
                t("2020-01-08T14:51:00+00:00"),
                "resolved",
                "This incident has been resolved."
            ),
        ]
    );
}

/// Every Statuspage label maps to its status; `Update` keeps the status before it, whatever
/// its words say ("is resolved", "will be performing"); the kind is told by the labels.
#[test]
fn statuspage_labels_map_exactly_and_update_keeps_the_status() {
    let (tmp, o, got) = import_fixture("harvest-labels.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2019-05-24-system-performance-issue.yaml",
            "2019-06-01-database-maintenance.yaml"
        ]
    );
    let incident = &got[0].1;
    assert_eq!(incident.kind, postmortem::model::Kind::Incident);
    assert_eq!(
        timeline(incident),
        [
            (t("2019-05-24T14:36:00+00:00"), "investigating"),
            (t("2019-05-24T14:49:00+00:00"), "investigating"),
            (t("2019-05-24T15:09:00+00:00"), "investigating"),
            (t("2019-05-24T15:35:00+00:00"), "monitoring"),
            (t("2019-05-24T15:44:00+00:00"), "monitoring"),
            (t("2019-05-24T19:30:00+00:00"), "resolved"),
        ]
    );
    assert_eq!(
        incident.updates[1].body,
        "The issue is resolved for some customers; we are continuing to investigate the cause for the others."
    );
    let maintenance = &got[1].1;
    assert_eq!(maintenance.kind, postmortem::model::Kind::Maintenance);
    assert_eq!(
        updates(maintenance),
        [
            (
                t("2019-06-01T10:12:00+00:00"),
                "scheduled",
                "We will be undergoing scheduled maintenance during this time."
            ),
            (
                t("2019-06-02T04:00:00+00:00"),
                "in_progress",
                "Scheduled maintenance is currently in progress. We will provide updates as necessary."
            ),
            (
                t("2019-06-02T04:10:00+00:00"),
                "in_progress",
                "The database migration is taking longer than planned; all systems remain available."
            ),
            (
                t("2019-06-02T04:40:00+00:00"),
                "verifying",
                "Verification is currently underway for the maintenance items."
            ),
            (
                t("2019-06-02T05:00:00+00:00"),
                "completed",
                "The scheduled maintenance has been completed."
            ),
        ]
    );
    let yaml = std::fs::read_to_string(
        tmp.path()
            .join("incidents/2019-06-01-database-maintenance.yaml"),
    )
    .unwrap();
    assert!(
        yaml.contains("scheduled:  # TODO(import): the source does not give the announced window\n  start: 2019-06-02T04:00:00Z\n  end: 2019-06-02T05:00:00Z\n"),
        "{yaml}"
    );
    assert!(!yaml.contains("# inferred"), "{yaml}");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        [
            "  incidents/2019-06-01-database-maintenance.yaml: 5 updates; to complete: components (placeholder `Unknown`); the scheduled window (placeholder: start of the work to completion)",
            "  incidents/2019-05-24-system-performance-issue.yaml: 6 updates; to complete: severity (placeholder `minor`); components (placeholder `Unknown`)",
        ]
    );
}

/// Zone abbreviations, 12-hour clocks and dates without a year across New Year become
/// updates (not one update holding the whole history); an ambiguous zone is reported.
#[test]
fn times_in_zones_and_12_hour_clocks_are_read() {
    let (_tmp, o, got) = import_fixture("freshbooks-zones.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2020-01-01-invoices-not-sending.yaml",
            "2020-03-05-reports-delayed.yaml",
            "2020-04-04-freshbooks-payments-may-be-unavailable.yaml",
        ]
    );
    let local = |r: &Record| -> Vec<(String, &'static str)> {
        r.updates
            .iter()
            .map(|u| (u.at.to_rfc3339(), u.status.as_str()))
            .collect()
    };
    assert_eq!(
        local(&got[0].1),
        [
            (t("2019-12-31T23:48:00-08:00"), "investigating"),
            (t("2020-01-01T00:15:00-08:00"), "identified"),
            (t("2020-01-01T01:02:00-08:00"), "resolved"),
        ]
    );
    assert_eq!(
        got[0].1.updates[1].body,
        "The issue has been identified and a fix is being implemented."
    );
    assert_eq!(
        local(&got[1].1),
        [(t("2020-03-05T10:00:00+00:00"), "resolved")]
    );
    assert_eq!(
        local(&got[2].1),
        [
            (t("2020-04-03T23:19:00-04:00"), "investigating"),
            (t("2020-04-03T23:26:00-04:00"), "identified"),
            (t("2020-04-04T00:03:00-04:00"), "monitoring"),
            (t("2020-04-04T00:13:00-04:00"), "resolved"),
        ]
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "{}:28:5: warning: \"Reports delayed\": the `Investigating` update of `Mar 5, 09:00 IST`: the time zone `IST` is ambiguous (India +05:30, Ireland +01:00, Israel +02:00) and the entry's own offset is none of them: the update is skipped",
            root()
                .join("tests/fixtures/import/freshbooks-zones.rss")
                .display()
        )
    );
}

/// A date with the wrong weekday is kept and reported; a date that is no date skips its
/// item, reported with its position; a feed with no usable item is an error that writes
/// nothing.
#[test]
fn unreadable_dates_are_reported_and_never_dropped_silently() {
    let (_tmp, o, got) = import_fixture("cstate-dates.xml", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2024-03-05-slow-file-uploads.yaml",
            "2024-03-12-login-page-unreachable.yaml"
        ]
    );
    assert_eq!(
        updates(&got[0].1),
        [(
            t("2024-03-05T14:00:00+00:00"),
            "investigating",
            "We are investigating slow uploads."
        )]
    );
    assert_eq!(
        updates(&got[1].1),
        [(
            t("2024-03-12T08:30:00+00:00"),
            "resolved",
            "The login page could not be reached. This incident has been resolved."
        )]
    );
    let path = root().join("tests/fixtures/import/cstate-dates.xml");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.lines().take(2).collect::<Vec<_>>(),
        [
            format!(
                "{}:20:5: warning: \"Slow file uploads\": the date `Mon, 05 Mar 2024 14:00:00 +0000` names the wrong weekday (2024-03-05 is a Tuesday): the date is kept",
                path.display()
            ),
            format!(
                "{}:27:5: warning: \"Mail delays\": the date `Fri, 30 Feb 2024 10:00:00 +0000` cannot be read: the item is skipped",
                path.display()
            ),
        ]
    );

    let (tmp, o, got) = import_fixture("cstate-no-dates.xml", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(got.is_empty());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: {}: none of the feed's items can be used (1 in all): 12:5: \"Mail delays\": the date `Fri, 30 Feb 2024 10:00:00 +0000` cannot be read: the item is skipped\n",
            root()
                .join("tests/fixtures/import/cstate-no-dates.xml")
                .display()
        )
    );
}

/// HTML in Statuspage JSON bodies and in RSS `content:encoded` becomes Markdown: no literal
/// `<br />`, links as links, lists as lists.
#[test]
fn html_in_json_bodies_and_content_encoded_becomes_markdown() {
    let (_tmp, o, got) = import_fixture("github-html-bodies.json", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(got[0].0, "2024-05-16-incident-with-copilot.yaml");
    assert_eq!(
        updates(&got[0].1),
        [
            (
                t("2024-05-16T16:34:40.196+00:00"),
                "investigating",
                "We are investigating reports of degraded performance for Copilot"
            ),
            (
                t("2024-05-16T17:12:05+00:00"),
                "investigating",
                "We are seeing recovery.\n\nCopilot chat latency is back to normal for most users.  \nWe will keep monitoring."
            ),
            (
                t("2024-05-16T17:50:21.423+00:00"),
                "resolved",
                "This incident has been resolved.  \nDetails: [the changelog](https://github.blog/changelog/)."
            ),
        ]
    );
    let (_tmp, o, got) = import_fixture("status-blog-content-encoded.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        updates(&got[0].1),
        [(
            t("2024-06-03T09:40:00+00:00"),
            "resolved",
            "Deliveries are back to normal.  \nThe backlog was drained at 09:35.\n\n*   No events were lost\n*   See [the webhook docs](https://docs.example.net/webhooks)"
        )]
    );
}

/// Statuspage's summary.json: its incidents and its scheduled maintenances (with their real
/// windows); an incident the source says is resolved is never left open.
#[test]
fn statuspage_summary_json_gives_incidents_and_maintenances() {
    let (_tmp, o, got) = import_fixture("statuspage-summary.json", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2025-03-01-database-upgrade.yaml",
            "2025-03-09-elevated-api-errors.yaml"
        ]
    );
    let m = &got[0].1;
    assert_eq!(m.kind, postmortem::model::Kind::Maintenance);
    assert_eq!(m.components, ["API"]);
    let window = m.scheduled.as_ref().unwrap();
    assert_eq!(
        (window.start.to_rfc3339(), window.end.to_rfc3339()),
        (
            t("2025-03-08T02:00:00+00:00"),
            t("2025-03-08T04:00:00+00:00")
        )
    );
    assert_eq!(
        timeline(m),
        [
            (t("2025-03-01T09:00:00+00:00"), "scheduled"),
            (t("2025-03-08T02:00:00+00:00"), "in_progress"),
            (t("2025-03-08T03:55:00+00:00"), "completed"),
        ]
    );
    let i = &got[1].1;
    assert_eq!(i.severity, Some(postmortem::model::Severity::Major));
    assert_eq!(
        updates(i),
        [
            (
                t("2025-03-09T10:00:00+00:00"),
                "investigating",
                "We are investigating elevated error rates on the API."
            ),
            (t("2025-03-09T11:30:00+00:00"), "resolved", ""),
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .filter(|l| !l.starts_with("imported "))
            .collect::<Vec<_>>(),
        [
            "added the component catalogue (1 component) to postmortem.yaml",
            "  incidents/2025-03-09-elevated-api-errors.yaml: 2 updates; to complete: the text of the update at 2025-03-09T11:30:00Z",
            "  incidents/2025-03-01-database-upgrade.yaml: 3 updates",
        ]
    );
}

/// The report says, per file, what was written and what `check` still finds; the exit code
/// is 1 with the list when a record written does not pass `check`. `--dry-run` prints the
/// same and writes nothing.
#[test]
fn the_report_lists_each_record_and_a_failing_check_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("postmortem.yaml"),
        "name: Example\ncomponents:\n  - name: API\n",
    )
    .unwrap();
    let source = root().join("tests/fixtures/import/statuspage-two-components.json");
    let before = common::tree(tmp.path());
    let o = import(tmp.path(), &source, &["--dry-run"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        common::tree(tmp.path()),
        before,
        "--dry-run wrote something"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "incidents/2025-03-12-dashboard-slow-to-load.yaml: incident \"Dashboard slow to load\": 2 updates (investigating → resolved)\n\
         incidents/2025-03-11-api-timeouts.yaml: incident \"API timeouts\": 3 updates (investigating → monitoring → resolved)\n"
    );
    let dry_report = String::from_utf8_lossy(&o.stderr).into_owned();
    let o = import(tmp.path(), &source, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "incidents/2025-03-12-dashboard-slow-to-load.yaml\nincidents/2025-03-11-api-timeouts.yaml\n"
    );
    let report = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(
        report,
        format!(
            "imported 2 records (5 updates) from {} into incidents
  incidents/2025-03-12-dashboard-slow-to-load.yaml: 2 updates; `check` finds 1 error
incidents/2025-03-12-dashboard-slow-to-load.yaml:7:14: error: component `Dashboard` is not in the catalogue of postmortem.yaml [unknown-component]
  |
7 | components: [\"Dashboard\"]
  |              ^^^^^^^^^^^ known components: API
  incidents/2025-03-11-api-timeouts.yaml: 3 updates
error: 1 record does not pass `check`: incidents/2025-03-12-dashboard-slow-to-load.yaml
",
            source.display()
        )
    );
    // Once the catalogue names the component, the same import passes.
    std::fs::write(
        tmp.path().join("postmortem.yaml"),
        "name: Example\ncomponents:\n  - name: API\n  - name: Dashboard\n",
    )
    .unwrap();
    let o = import(tmp.path(), &source, &["--force"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(dry_report, report.replacen("imported", "would import", 1));
}

/// Update bodies with every kind of Markdown that drifted through HTML: hard breaks (two
/// spaces, a backslash), links, autolinks, bare addresses, lists, code, tables, raw HTML,
/// runs of spaces, entities, emphasis.
const BODIES: &[&str] = &[
    "We are investigating.",
    "First line  \nsecond line\\\nthird line",
    "See [the dashboard](https://example.com/d?a=1&b=2) and <https://example.com/auto>.",
    "Bare address https://example.com/x and mail <ops@example.com>.",
    "- one\n- two\n  - nested\n\n1. first\n2. second",
    "* star list\n* with `inline code`",
    "Run this:\n\n```sh\ncurl -s https://example.com/health  |  jq .\n```\n\nThen wait.",
    "| region | state |\n|---|---|\n| eu-west-1 | degraded |\n| us-east-1 | ok |",
    "Raw <br /> break and <b>bold</b> HTML.",
    "Spaces   in   a   row, a tab\there, and &amp; &lt;escaped&gt; entities.",
    "**Bold**, _emphasis_, ~~struck~~ and a \\* literal star.",
    "# A heading\n\nA paragraph.\n\n> a quote",
    "Ünïcödé, emoji 🔥, and right-to-left שלום.",
    "Line one\n\n\nthree blank lines above collapse? no:\n\n    indented code block",
];

/// A deterministic repository of `n` records, each with 2 to 4 updates of varied bodies.
fn generated_repository(dir: &Path, n: usize) {
    let incidents = dir.join("incidents");
    std::fs::create_dir_all(&incidents).unwrap();
    std::fs::write(
        dir.join("postmortem.yaml"),
        "name: Generated\nurl: https://status.example.com/\nfeed_items: 10000\n",
    )
    .unwrap();
    let statuses = ["investigating", "identified", "monitoring", "resolved"];
    for i in 0..n {
        let day =
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i as u64);
        let count = 2 + i % 3;
        let mut yaml = format!(
            "title: \"Generated incident {i}\"\nseverity: minor\ncomponents: [\"API\"]\nupdates:\n"
        );
        for k in 0..count {
            // The last update resolves; the others walk the statuses before it.
            let status = if k + 1 == count {
                "resolved"
            } else {
                statuses[k]
            };
            let body = BODIES[(i * 5 + k * 3) % BODIES.len()];
            // Whole seconds: RSS dates have no fractions.
            let utc = day.and_hms_opt(8, 0, 0).unwrap().and_utc()
                + chrono::TimeDelta::seconds((k * 5400 + (i * 13) % 60 * 60 + (i * 7) % 60) as i64);
            let zone = chrono::FixedOffset::east_opt([0, 7200, -18000][(i + k) % 3]).unwrap();
            let at = utc
                .with_timezone(&zone)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            yaml.push_str(&format!(
                "  - at: {at}\n    status: {status}\n    body: {}\n",
                serde_json::to_string(body).unwrap()
            ));
        }
        std::fs::write(incidents.join(format!("{day}-generated-{i}.yaml")), yaml).unwrap();
    }
}

/// A record's title and the (instant, status, body) of each of its updates.
type Timeline = (String, Vec<(String, &'static str, String)>);

/// Every record's [`Timeline`], by title.
fn all_updates(dir: &Path) -> Vec<Timeline> {
    let mut out: Vec<_> = records(dir)
        .into_iter()
        .map(|(_, r)| {
            let u = updates(&r)
                .into_iter()
                .map(|(at, s, b)| (at, s, b.to_owned()))
                .collect();
            (r.title, u)
        })
        .collect();
    out.sort();
    out
}

/// Building a site and importing its own feed.rss, feed.atom and incidents.json gives back
/// every update's time, status and body byte for byte.
#[test]
fn a_site_imports_back_byte_for_byte_from_its_feeds_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    generated_repository(&repo, 200);
    let out = tmp.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .arg("-C")
        .arg(&repo)
        .arg("build")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want = all_updates(&repo.join("incidents"));
    assert_eq!(want.len(), 200);
    assert_eq!(want.iter().map(|(_, u)| u.len()).sum::<usize>(), 599);
    for file in ["feed.rss", "feed.atom", "incidents.json"] {
        let back = tmp.path().join(format!("back-{file}"));
        std::fs::create_dir_all(&back).unwrap();
        let o = import(&back, &out.join(file), &[]);
        assert!(
            o.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let got = all_updates(&back.join("incidents"));
        assert_eq!(got.len(), want.len(), "{file}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{file}");
        }
    }
}

/// AWS Health: an entry per update, each with its own guid, the state as a title prefix.
/// One event's entries become one record; one title reused on another day is another.
#[test]
fn aws_health_entries_group_by_event_and_a_reused_title_stays_apart() {
    let (_tmp, o, got) = import_fixture("aws-health-ec2.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2015-06-29-increased-api-errors.yaml",
            "2015-07-10-increased-api-errors.yaml",
            "2016-04-20-increased-api-error-rates.yaml",
            "2019-08-23-instance-availability.yaml",
        ]
    );
    let titles: Vec<&str> = got.iter().map(|(_, r)| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Increased API Errors",
            "Increased API Errors",
            "Increased API Error Rates",
            "Instance Availability"
        ]
    );
    assert_eq!(
        timeline(&got[0].1),
        [
            (t("2015-06-29T04:37:30+00:00"), "investigating"),
            (t("2015-06-29T05:01:28+00:00"), "resolved")
        ]
    );
    assert_eq!(
        timeline(&got[1].1),
        [
            (t("2015-07-10T09:40:00+00:00"), "investigating"),
            (t("2015-07-10T10:12:00+00:00"), "resolved")
        ]
    );
    // Retitled `[RESOLVED]` while it was still being investigated: the words decide.
    assert_eq!(
        timeline(&got[2].1),
        [
            (t("2016-04-20T16:39:00+00:00"), "investigating"),
            (t("2016-04-20T17:00:00+00:00"), "resolved")
        ]
    );
    let event = &got[3].1;
    assert_eq!(
        timeline(event),
        [
            (t("2019-08-23T04:18:32+00:00"), "investigating"),
            (t("2019-08-23T05:27:25+00:00"), "identified"),
            (t("2019-08-23T08:54:51+00:00"), "investigating"),
            (t("2019-08-23T11:18:35+00:00"), "resolved")
        ]
    );
    assert_eq!(
        event.updates[3].body,
        "By 2:30 AM PDT, the vast majority of instances and volumes had recovered.\n\nAdditional details are available [here](https://aws.amazon.com/message/56489/)."
    );
}

/// (component, status, start, end) of every window.
fn windows(r: &Record) -> Vec<(String, &'static str, String, Option<String>)> {
    r.impact
        .windows
        .iter()
        .map(|w| {
            (
                w.component.clone(),
                w.status.as_str(),
                w.start.to_utc().to_rfc3339(),
                w.end.map(|e| e.to_utc().to_rfc3339()),
            )
        })
        .collect()
}

/// Statuspage's JSON in full: each update's `affected_components` become windows with their
/// statuses and times, `resolved_at` the record's when it is earlier than the update that
/// says so, `monitoring_at` an update when none is left, the maintenance window as
/// scheduled, the postmortem with its publication time; an incident resolved in the source
/// without a resolving update is resolved at `resolved_at`.
#[test]
fn statuspage_json_in_full_gives_windows_resolution_and_postmortem() {
    let (_tmp, o, got) = import_fixture("statuspage-full.json", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "2025-06-01-database-maintenance.yaml",
            "2025-06-08-delayed-webhooks.yaml",
            "2025-06-10-degraded-performance-for-git-operations.yaml",
        ]
    );
    let git = std::fs::read_to_string(
        _tmp.path()
            .join("incidents/2025-06-10-degraded-performance-for-git-operations.yaml"),
    )
    .unwrap();
    assert_eq!(
        git,
        std::fs::read_to_string(root().join("tests/fixtures/import/statuspage-full.expected.yaml"))
            .unwrap()
    );
    let r = &got[2].1;
    assert_eq!(
        r.resolved_at.map(|t| t.to_rfc3339()),
        Some(t("2025-06-10T15:25:00+00:00"))
    );
    assert_eq!(
        windows(r),
        [
            (
                t("Git Operations"),
                "degraded_performance",
                t("2025-06-10T14:05:12+00:00"),
                Some(t("2025-06-10T14:45:00+00:00"))
            ),
            (
                t("API Requests"),
                "degraded_performance",
                t("2025-06-10T14:20:00+00:00"),
                Some(t("2025-06-10T15:25:00+00:00"))
            ),
            (
                t("Git Operations"),
                "partial_outage",
                t("2025-06-10T14:45:00+00:00"),
                Some(t("2025-06-10T15:25:00+00:00"))
            ),
        ]
    );
    assert_eq!(
        timeline(r),
        [
            (t("2025-06-10T14:05:12+00:00"), "investigating"),
            (t("2025-06-10T14:20:00+00:00"), "investigating"),
            (t("2025-06-10T14:45:00+00:00"), "identified"),
            (t("2025-06-10T15:10:00+00:00"), "monitoring"),
            (t("2025-06-10T15:30:00+00:00"), "resolved"),
            (t("2025-06-12T09:00:00+00:00"), "postmortem"),
        ]
    );
    let pm = r.postmortem.as_ref().unwrap();
    assert_eq!(
        pm.published_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-06-12T09:00:00+00:00")
    );
    assert_eq!(
        pm.summary,
        "A storage node failed and Git pushes were slow, then failed for some."
    );
    assert_eq!(
        pm.root_cause.as_deref(),
        Some("A disk controller fault on one node.")
    );
    let webhooks = &got[1].1;
    assert_eq!(
        webhooks.severity,
        Some(postmortem::model::Severity::Critical)
    );
    assert_eq!(webhooks.resolved_at, None);
    assert_eq!(
        updates(webhooks),
        [
            (
                t("2025-06-08T10:00:00+00:00"),
                "investigating",
                "Webhook deliveries are delayed."
            ),
            (t("2025-06-08T11:00:00+00:00"), "resolved", ""),
        ]
    );
    assert_eq!(
        windows(webhooks),
        [(
            t("Webhooks"),
            "major_outage",
            t("2025-06-08T10:00:00+00:00"),
            Some(t("2025-06-08T11:00:00+00:00"))
        )]
    );
    let m = &got[0].1;
    assert_eq!(m.kind, postmortem::model::Kind::Maintenance);
    let s = m.scheduled.as_ref().unwrap();
    assert_eq!(
        (s.start.to_rfc3339(), s.end.to_rfc3339()),
        (
            t("2025-06-05T02:00:00+00:00"),
            t("2025-06-05T04:00:00+00:00")
        )
    );
    assert_eq!(
        windows(m),
        [(
            t("Git Operations"),
            "under_maintenance",
            t("2025-06-05T02:00:00+00:00"),
            Some(t("2025-06-05T03:40:00+00:00"))
        )]
    );
    assert_eq!(
        timeline(m),
        [
            (t("2025-06-01T09:00:00+00:00"), "scheduled"),
            (t("2025-06-05T02:00:00+00:00"), "in_progress"),
            (t("2025-06-05T03:40:00+00:00"), "completed"),
        ]
    );
}

const DISCORD_CATALOGUE: &str = "components:
  - name: \"API\"
  - name: \"Media Proxy\"
    description: \"Images and previews of links\"
  - name: \"US East\"
    group: \"Voice\"
  - name: \"EU West\"
    group: \"Voice\"
";

/// summary.json's components become the catalogue of postmortem.yaml (top level by
/// position, a group's members by theirs, descriptions kept) when it has none, and the
/// records name them: `check` is clean. With a catalogue already, the source's is printed
/// to merge and the file is left alone.
#[test]
fn the_component_catalogue_goes_into_postmortem_yaml_or_is_printed() {
    let (tmp, o, got) = import_fixture("statuspage-catalogue-summary.json", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("postmortem.yaml")).unwrap(),
        format!(
            "# The components of the imported status page, in its order (`postmortem import`).\n{DISCORD_CATALOGUE}"
        )
    );
    assert_eq!(got.len(), 1);
    let r = &got[0].1;
    // The update names `Voice - US East`; the catalogue's name is `US East`.
    assert_eq!(r.components, ["US East"]);
    assert_eq!(
        windows(r),
        [
            (
                t("US East"),
                "major_outage",
                t("2019-06-24T12:25:57.698+00:00"),
                Some(t("2019-06-24T13:07:14.463+00:00"))
            ),
            (
                t("US East"),
                "degraded_performance",
                t("2019-06-24T13:07:14.463+00:00"),
                None
            ),
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).lines().next(),
        Some("added the component catalogue (4 components in 1 group) to postmortem.yaml")
    );

    // A configuration without a catalogue keeps every byte, the catalogue after them.
    let tmp = tempfile::tempdir().unwrap();
    let config = "# Our page\nname: Example\nurl: https://status.example.com/";
    std::fs::write(tmp.path().join("postmortem.yaml"), config).unwrap();
    let source = root().join("tests/fixtures/import/statuspage-catalogue-summary.json");
    let o = import(tmp.path(), &source, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("postmortem.yaml")).unwrap(),
        format!(
            "{config}\n# The components of the imported status page, in its order (`postmortem import`).\n{DISCORD_CATALOGUE}"
        )
    );

    // With a catalogue already: printed for the user to merge; the file is not touched.
    let tmp = tempfile::tempdir().unwrap();
    let config = "name: Example\ncomponents:\n  - name: API\n";
    std::fs::write(tmp.path().join("postmortem.yaml"), config).unwrap();
    let o = import(tmp.path(), &source, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("postmortem.yaml")).unwrap(),
        config
    );
    let report = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        report.starts_with(&format!(
            "postmortem.yaml has a `components` catalogue already, so it is left as it is; the source's catalogue, to merge by hand (3 components not in yours: `Media Proxy`, `US East`, `EU West`):\n{DISCORD_CATALOGUE}would import 1 record (2 updates) from "
        )),
        "{report}"
    );
}

/// components.json alone (a real capture of Discord's, with a group) gives the catalogue
/// and no records.
#[test]
fn components_json_gives_the_catalogue_only() {
    let tmp = tempfile::tempdir().unwrap();
    let o = import(
        tmp.path(),
        &root().join("tests/fixtures/statuspage-v2-real/discord-components.json"),
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("postmortem.yaml")).unwrap(),
        "# The components of the imported status page, in its order (`postmortem import`).\ncomponents:\n  - name: \"API\"\n  - name: \"EU West\"\n    group: \"Voice\"\n"
    );
    assert!(!tmp.path().join("incidents").exists());
}

/// A small HTTP server on 127.0.0.1 for the tests of `import URL`: `/incidents.json` (the
/// Flatfile fixture), `/missing` (404), `/loop` (a redirect to itself), `/moved` (a redirect
/// to `/incidents.json`), `/big` (2,000 bytes), `/slow` (answers after 3 seconds). It serves
/// until the test process ends.
fn http_server() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let json = std::fs::read(root().join("tests/fixtures/import/flatfile-incidents.json")).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let json = json.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = first.split(' ').nth(1).unwrap_or("/").to_owned();
                let (status, headers, body): (&str, String, Vec<u8>) = match path.as_str() {
                    "/incidents.json" => ("200 OK", String::new(), json),
                    "/loop" => ("302 Found", "Location: /loop\r\n".into(), Vec::new()),
                    "/moved" => (
                        "301 Moved Permanently",
                        "Location: /incidents.json\r\n".into(),
                        Vec::new(),
                    ),
                    "/big" => ("200 OK", String::new(), vec![b'x'; 2000]),
                    "/slow" => {
                        std::thread::sleep(std::time::Duration::from_secs(3));
                        ("200 OK", String::new(), b"{}".to_vec())
                    }
                    _ => ("404 Not Found", String::new(), b"not here".to_vec()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    base
}

fn import_arg(repo: &Path, source: &str, stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .arg("-C")
        .arg(repo)
        .arg("import")
        .arg(source)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// `import URL` fetches the document (following a redirect) and writes the same records as
/// the file; a 404 and a redirect loop are errors that write nothing.
#[test]
fn import_url_fetches_and_refuses_what_it_cannot_get() {
    let base = http_server();
    let from_file = import_fixture("flatfile-incidents.json", &[]).2;
    for path in ["/incidents.json", "/moved"] {
        let tmp = tempfile::tempdir().unwrap();
        let url = format!("{base}{path}");
        let o = import_arg(tmp.path(), &url, None);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml\n"
        );
        let got = records(&tmp.path().join("incidents"));
        assert_eq!(
            got.iter().map(|(_, r)| updates(r)).collect::<Vec<_>>(),
            from_file
                .iter()
                .map(|(_, r)| updates(r))
                .collect::<Vec<_>>()
        );
        let yaml = std::fs::read_to_string(
            tmp.path()
                .join("incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml"),
        )
        .unwrap();
        assert!(
            yaml.contains(&format!(
                "\n# Imported from {url} by `postmortem import`.\n"
            )),
            "{yaml}"
        );
    }
    for (path, message) in [
        ("/missing", "the server answered 404 Not Found"),
        ("/loop", "more than 5 redirects (a redirect loop?)"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let url = format!("{base}{path}");
        let o = import_arg(tmp.path(), &url, None);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("error: {url}: {message}\n")
        );
        assert!(common::tree(tmp.path()).is_empty());
    }
}

/// The limits of a fetch: a body over the size limit and a server that does not answer in
/// time are refused with the words of every other limit.
#[test]
fn a_fetch_is_bounded_in_size_and_time() {
    use postmortem::import::fetch::fetch;
    let base = http_server();
    let second = std::time::Duration::from_secs(1);
    assert_eq!(
        fetch(&format!("{base}/big"), second * 5, 1000)
            .unwrap_err()
            .to_string(),
        format!(
            "{base}/big: the response is over the limit of 1000 bytes (1000 bytes) for an import: save it and split it"
        )
    );
    assert_eq!(
        fetch(&format!("{base}/big"), second * 5, 2000)
            .unwrap()
            .len(),
        2000
    );
    let started = std::time::Instant::now();
    let e = fetch(&format!("{base}/slow"), second / 2, 1000).unwrap_err();
    assert!(started.elapsed() < second * 2, "{:?}", started.elapsed());
    assert_eq!(
        e.to_string(),
        format!("{base}/slow: no answer within 0.5 seconds")
    );
}

/// `import -` reads standard input.
#[test]
fn import_dash_reads_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let json = std::fs::read(root().join("tests/fixtures/import/flatfile-incidents.json")).unwrap();
    let o = import_arg(tmp.path(), "-", Some(&json));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = records(&tmp.path().join("incidents"));
    assert_eq!(got.len(), 1);
    let yaml = std::fs::read_to_string(
        tmp.path()
            .join("incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml"),
    )
    .unwrap();
    assert!(
        yaml.contains("\n# Imported from standard input by `postmortem import`.\n"),
        "{yaml}"
    );
    let o = import_arg(tmp.path(), "-", Some(b"\xff"));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: standard input: not UTF-8 (at byte 0)\n"
    );
}

/// A second import of the same page: the record of the same source id (Statuspage's incident
/// id, in the JSON and in the feed's links) gets the updates it lacks in time order, the end
/// of its window and the postmortem; every line it had stays as it was; nothing is
/// duplicated, whichever document comes next; other records are not touched.
#[test]
fn a_second_import_merges_into_the_same_record() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/import");
    let o = import(
        tmp.path(),
        &fixtures.join("flatfile-incidents-open.json"),
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = tmp
        .path()
        .join("incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml");
    let first = std::fs::read_to_string(&path).unwrap();
    let other = tmp.path().join("incidents/2025-04-01-ours.yaml");
    std::fs::write(
        &other,
        "title: Ours\nseverity: minor\ncomponents: [Spaces]\nupdates:\n  - at: 2025-04-01T10:00:00Z\n    status: resolved\n    body: Fine.\n",
    )
    .unwrap();

    let o = import(tmp.path(), &fixtures.join("flatfile-history.atom"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "imported 0 records (0 updates) from {} into incidents; 1 record imported before: 2 new updates added to 1 of them\n  incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml: 2 new updates (the same source id), 4 in all\n",
            fixtures.join("flatfile-history.atom").display()
        )
    );
    let merged = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        merged,
        std::fs::read_to_string(fixtures.join("flatfile-merged.expected.yaml")).unwrap()
    );
    // Every line of the first import is still there, in its order.
    let mut rest = merged.lines();
    for line in first.lines() {
        assert!(rest.any(|l| l == line), "{line} lost");
    }
    let got = records(&tmp.path().join("incidents"));
    assert_eq!(got.len(), 2);
    assert_eq!(
        timeline(&got[1].1),
        [
            (t("2025-04-02T17:53:40+00:00"), "investigating"),
            (t("2025-04-02T18:07:00+00:00"), "monitoring"),
            (t("2025-04-02T19:08:00+00:00"), "resolved"),
            (t("2025-04-24T19:11:00+00:00"), "postmortem"),
        ]
    );

    // Nothing new in the JSON of the whole incident (seconds, not minutes) nor in the RSS.
    let before = common::tree(tmp.path());
    for file in [
        "flatfile-incidents.json",
        "flatfile-history.rss",
        "flatfile-history.atom",
    ] {
        let o = import(tmp.path(), &fixtures.join(file), &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8_lossy(&o.stdout), "", "{file}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!(
                "imported 0 records (0 updates) from {} into incidents; 1 record imported before: nothing new\n  incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml: imported before (the same source id), nothing new: unchanged\n",
                fixtures.join(file).display()
            )
        );
        assert_eq!(common::tree(tmp.path()), before, "{file}");
    }
}

/// Statuspage's incidents.json keeps its newest 50 incidents: with 50, the report says so
/// and points to the feed.
#[test]
fn a_full_incidents_json_says_it_holds_only_the_newest_50() {
    let one = std::fs::read_to_string(root().join("tests/fixtures/import/flatfile-incidents.json"))
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
    let incident = &doc["incidents"][0];
    let incidents: Vec<serde_json::Value> = (0..50)
        .map(|n| {
            let mut i = incident.clone();
            i["id"] = format!("id{n:010}").into();
            i["name"] = format!("Incident {n}").into();
            i
        })
        .collect();
    let text = serde_json::json!({"page": doc["page"], "incidents": incidents}).to_string();
    let tmp = tempfile::tempdir().unwrap();
    let o = import_arg(tmp.path(), "-", Some(text.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        report
            .starts_with("imported 50 records (200 updates) from standard input into incidents\n"),
        "{report}"
    );
    assert!(
        report.ends_with("\nnote: Statuspage's incidents.json holds only the page's newest 50 incidents: import its history feed too (history.atom or history.rss, beside the page) for the older ones; incidents already imported are merged, never written twice\n"),
        "{report}"
    );
    assert_eq!(records(&tmp.path().join("incidents")).len(), 50);
}

/// incident.io's feed (status.openai.com): an item per incident, its status and components
/// stated around the text; the records name those components and carry the text only.
#[test]
fn incident_io_items_give_their_status_components_and_text() {
    let (_tmp, o, got) = import_fixture("incident-io-openai.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: Vec<(&str, &str, Vec<String>, Vec<Step<'_>>)> = got
        .iter()
        .map(|(n, r)| {
            (
                n.as_str(),
                r.title.as_str(),
                r.components.clone(),
                updates(r),
            )
        })
        .collect();
    let recovered = "All impacted services have now fully recovered.";
    assert_eq!(
        summary,
        [
            (
                "2026-02-14-delays-in-support-email-processing.yaml",
                "Delays in Support Email Processing",
                vec![t("Unknown")],
                vec![(t("2026-02-14T20:44:09+00:00"), "resolved", recovered)]
            ),
            (
                "2026-02-14-high-errors-with-image-generation.yaml",
                "High errors with image generation",
                vec![t("Image Generation"), t("Images")],
                vec![(t("2026-02-14T04:24:08+00:00"), "resolved", recovered)]
            ),
            (
                "2026-02-18-sora-2-degraded-performance.yaml",
                "Sora 2 Degraded Performance",
                vec![t("Video generation")],
                vec![(t("2026-02-18T16:40:22+00:00"), "resolved", recovered)]
            ),
        ]
    );
    let yaml = std::fs::read_to_string(
        _tmp.path()
            .join("incidents/2026-02-18-sora-2-degraded-performance.yaml"),
    )
    .unwrap();
    assert!(
        yaml.contains("\n# Source id: 01KHRP7P1JF885BYA8SDWBDBR1\n"),
        "{yaml}"
    );
}

/// Better Stack: `[State] Title` items grouped by their shared link, or by the incident their
/// guid names when they link to the page; monitor events grouped by what they are about,
/// with the state-change wordings as statuses, and a title reused on another day kept apart.
#[test]
fn better_stack_items_group_by_the_sources_identity_and_state_changes_map() {
    let (_tmp, o, got) = import_fixture("betterstack-updates.rss", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: Vec<(&str, &str, Vec<Moment>)> = got
        .iter()
        .map(|(n, r)| (n.as_str(), r.title.as_str(), timeline(r)))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "2024-01-05-api-example-com.yaml",
                "api.example.com",
                vec![
                    (t("2024-01-05T08:00:00+00:00"), "investigating"),
                    (t("2024-01-05T08:20:00+00:00"), "resolved")
                ]
            ),
            (
                "2024-01-08-api-example-com.yaml",
                "api.example.com",
                vec![
                    (t("2024-01-08T13:00:00+00:00"), "investigating"),
                    (t("2024-01-08T13:05:00+00:00"), "resolved")
                ]
            ),
            (
                "2024-01-10-slow-dashboard.yaml",
                "Slow dashboard",
                vec![
                    (t("2024-01-10T09:00:00+00:00"), "investigating"),
                    (t("2024-01-10T09:40:00+00:00"), "resolved")
                ]
            ),
            (
                "2024-01-12-website.yaml",
                "Website",
                vec![
                    (t("2024-01-12T07:00:00+00:00"), "investigating"),
                    (t("2024-01-12T07:30:00+00:00"), "resolved")
                ]
            ),
            (
                "2024-01-14-status-api.yaml",
                "Status API",
                vec![
                    (t("2024-01-14T10:00:00+00:00"), "investigating"),
                    (t("2024-01-14T10:45:00+00:00"), "resolved")
                ]
            ),
            (
                "2024-01-15-database-connection-issues.yaml",
                "Database Connection Issues",
                vec![
                    (t("2024-01-15T10:30:00+00:00"), "investigating"),
                    (t("2024-01-15T11:10:00+00:00"), "monitoring"),
                    (t("2024-01-15T11:45:00+00:00"), "resolved")
                ]
            ),
        ]
    );
    assert_eq!(
        got[5].1.updates[2].body,
        "The database connection issue has been resolved. All services are operational."
    );
    // No status was guessed: every one is the source's.
    let report = String::from_utf8_lossy(&o.stderr);
    assert!(!report.contains("inferred"), "{report}");
    let slow =
        std::fs::read_to_string(_tmp.path().join("incidents/2024-01-10-slow-dashboard.yaml"))
            .unwrap();
    assert!(
        slow.contains(
            "\n# Source: https://status.example.com/incidents/55555\n# Source id: 55555\n"
        ),
        "{slow}"
    );
}

/// A record imported before but laid out by hand since (its updates indented otherwise) is
/// left as it is, and the report says what was not added.
#[test]
fn a_merge_into_a_file_laid_out_by_hand_leaves_it_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/import");
    let o = import(
        tmp.path(),
        &fixtures.join("flatfile-incidents-open.json"),
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = tmp
        .path()
        .join("incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("  - at: ", "    - at: ")
        .replace("\n    status: ", "\n      status: ")
        .replace("\n    body: ", "\n      body: ");
    std::fs::write(&path, &edited).unwrap();
    let o = import(tmp.path(), &fixtures.join("flatfile-history.atom"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "imported 0 records (0 updates) from {} into incidents; 1 record imported before: 2 new updates left to add by hand\n  incidents/2025-04-02-intermittent-503-errors-loading-spaces.yaml: imported before; what is new (2 new updates) is not added: the file is not laid out as `import` writes it, so it is left as it is; add it by hand\n",
            fixtures.join("flatfile-history.atom").display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

/// Every record `import SOURCE` writes into a new repository.
fn import_into_new_repo(source: &Path) -> (tempfile::TempDir, Vec<(String, Record)>) {
    let tmp = tempfile::tempdir().unwrap();
    let o = import(tmp.path(), source, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = records(&tmp.path().join("incidents"));
    (tmp, got)
}

fn component_names(r: &Record) -> Vec<&str> {
    r.components.iter().map(String::as_str).collect()
}

/// An update names no component in three ways real pages write: `null` (Discord's incidents,
/// 2019), `[]`, and the placeholder of older pages (Discord's maintenances, 2016:
/// `[{"name": "No components were affected by this update."}]`, no code, no status). None
/// becomes a component: the record gets the placeholder `Unknown` to complete, as any import
/// without components does.
#[test]
fn updates_that_name_no_component_give_none() {
    let real = root().join("tests/fixtures/statuspage-v2-real");
    for file in [
        "discord-scheduled-maintenances.json",
        "discord-incidents.json",
    ] {
        let (_tmp, got) = import_into_new_repo(&real.join(file));
        assert_eq!(got.len(), 1, "{file}");
        let r = &got[0].1;
        assert_eq!(component_names(r), ["Unknown"], "{file}");
        assert_eq!(windows(r), [], "{file}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("empty.json");
    std::fs::write(
        &source,
        r#"{"page": {"id": "p", "name": "P"}, "incidents": [{"id": "a", "name": "Slow",
            "status": "resolved", "impact": "minor", "components": [],
            "incident_updates": [
              {"status": "resolved", "body": "Fixed.", "display_at": "2026-04-09T11:00:00Z",
               "affected_components": []},
              {"status": "investigating", "body": "Slow.", "display_at": "2026-04-09T10:00:00Z",
               "affected_components": null}]}]}"#,
    )
    .unwrap();
    let (_tmp, got) = import_into_new_repo(&source);
    assert_eq!(component_names(&got[0].1), ["Unknown"]);
    assert_eq!(
        timeline(&got[0].1),
        [
            (t("2026-04-09T10:00:00+00:00"), "investigating"),
            (t("2026-04-09T11:00:00+00:00"), "resolved"),
        ]
    );
}

/// A grouped component is `Group - Component` in an update's `affected_components` (Huobi's
/// "Deposit And Withdraw - Deposit"): with its code in the incident's list, the list's name;
/// without, the name less a prefix that is one of the page's groups.
#[test]
fn a_grouped_components_update_name_maps_back_to_the_component() {
    let real = root().join("tests/fixtures/statuspage-v2-real");
    let (_tmp, got) = import_into_new_repo(&real.join("huobi-summary.json"));
    let names: Vec<(&str, Vec<&str>)> = got
        .iter()
        .map(|(_, r)| (r.title.as_str(), component_names(r)))
        .collect();
    assert_eq!(
        names,
        [
            ("Market data is delayed", vec!["Market data"]),
            ("Schedule maintenance", vec!["Deposit"]),
        ]
    );

    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("summary.json");
    std::fs::write(
        &source,
        r#"{"page": {"id": "p", "name": "P"},
          "components": [
            {"id": "g1", "name": "Storefront", "group": true, "components": ["c1"], "position": 1},
            {"id": "c1", "name": "Checkout", "group_id": "g1", "position": 1}],
          "incidents": [{"id": "a", "name": "Checkout is slow", "status": "investigating",
            "impact": "major", "components": [],
            "incident_updates": [{"status": "investigating", "body": "Slow.",
              "display_at": "2026-04-09T10:00:00Z",
              "affected_components": [{"code": "elsewhere", "name": "Storefront - Checkout",
                "old_status": "operational", "new_status": "partial_outage"}]}]}],
          "scheduled_maintenances": [],
          "status": {"indicator": "major", "description": "Partial System Outage"}}"#,
    )
    .unwrap();
    let (_tmp, got) = import_into_new_repo(&source);
    assert_eq!(component_names(&got[0].1), ["Checkout"]);
    assert_eq!(
        windows(&got[0].1),
        [(
            t("Checkout"),
            "partial_outage",
            t("2026-04-09T10:00:00+00:00"),
            None
        )]
    );
}

/// `build` writes `Storefront - Checkout` into `api/v2/`; importing the built incident gives
/// the record's `Checkout` back, with its window.
#[test]
fn grouped_names_round_trip_through_the_api() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .arg("-C")
        .arg(root().join("tests/fixtures/statuspage-api"))
        .arg("build")
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = site.join("api/v2/summary.json");
    assert!(
        std::fs::read_to_string(&summary)
            .unwrap()
            .contains(r#""name":"Storefront - Checkout""#)
    );
    let (_tmp, got) = import_into_new_repo(&summary);
    let names: Vec<(&str, Vec<&str>)> = got
        .iter()
        .map(|(_, r)| (r.title.as_str(), component_names(r)))
        .collect();
    assert_eq!(
        names,
        [
            ("Search upgrade", vec!["Search"]),
            ("Checkout is slow", vec!["Checkout"]),
        ]
    );
    assert_eq!(
        windows(&got[1].1),
        [(
            t("Checkout"),
            "partial_outage",
            t("2026-04-09T22:05:00+00:00"),
            None
        )]
    );
}
