//! `report`: the reliability report of the SLO fixture (a snapshot, reviewed by eye), its
//! numbers held equal to `stats --format json`'s, and how it is written.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::root;

/// 2025-07-01 00:00 CEST, when 2025-Q2 is just over.
const JULY_2025: &str = "1751320800";

fn at(epoch: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", epoch)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/report")
}

fn report(args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend(args);
    ok(at(JULY_2025, &fixture(), &all))
}

fn stats_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["stats", "--format", "json"];
    all.extend(args);
    serde_json::from_str(&ok(at(JULY_2025, &fixture(), &all))).unwrap()
}

/// The `value`s of the `<data>` elements between `from` and the next `</table>`.
fn data_values(html: &str, from: &str) -> Vec<String> {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let end = start + html[start..].find("</table>").unwrap();
    html[start..end]
        .split("<data value=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

#[test]
fn the_report_of_the_fixture() {
    let html = report(&["--period", "2025-Q2"]);
    insta::assert_snapshot!("report-2025-Q2.html", html);
}

#[test]
fn its_numbers_are_stats_json_numbers() {
    let html = report(&["--period", "2025-Q2"]);
    let v = stats_json(&["--period", "2025-Q2", "--by", "month", "--slo"]);
    // The heat map, month by month, component by component, then the period's row.
    let mut expected = Vec::new();
    for m in v["months"].as_array().unwrap() {
        for c in m["components"].as_array().unwrap() {
            expected.push(c["availability"].to_string());
        }
    }
    for c in v["components"].as_array().unwrap() {
        expected.push(c["availability"].to_string());
    }
    assert_eq!(data_values(&html, "<table class=\"heat\">"), expected);
    assert_eq!(expected.len(), 4 * 4);
    // May's Gateway: 1 − 8520 / (31 × 86400).
    assert_eq!(expected[4], (1.0 - 8520.0 / 2_678_400.0).to_string());
    // Times to detect and resolve: the summary's mean, median, p90, max.
    for (id, key) in [
        ("ttd", "time_to_detect_seconds"),
        ("ttr", "time_to_resolve_seconds"),
    ] {
        let s = &v["summary"][key];
        let want: Vec<String> = ["mean", "median", "p90", "max"]
            .iter()
            .map(|k| s[k].to_string())
            .collect();
        assert_eq!(
            data_values(&html, &format!("<h3 id=\"{id}\">")),
            want,
            "{id}"
        );
    }
    // The budgets: allowed, consumed, remaining, burn rate of each.
    let mut want = Vec::new();
    for b in v["slos"].as_array().unwrap() {
        for k in [
            "allowed_seconds",
            "consumed_seconds",
            "remaining_seconds",
            "burn_rate",
        ] {
            want.push(b[k].to_string());
        }
    }
    assert_eq!(data_values(&html, "<h2 id=\"budgets\">"), want);
    // The budgets at each month's end: each month's `slos` of the JSON.
    let mut want = Vec::new();
    for m in v["months"].as_array().unwrap() {
        for b in m["slos"].as_array().unwrap() {
            want.push(b["consumed_seconds"].to_string());
        }
    }
    assert_eq!(data_values(&html, "Share of each budget"), want);
    // May's end: the Gateway's 30 days hold its 8520 s, spent at 17:05:12Z.
    assert_eq!(
        v["months"][1]["slos"][0]["exhausted_at"],
        "2025-05-30T17:05:12Z"
    );
    assert_eq!(
        want,
        ["0", "0", "0", "8520", "3240", "4500", "0", "1800", "4500"]
    );
    // The incidents per severity add up to `stats --by severity`'s.
    let by = stats_json(&["--period", "2025-Q2", "--by", "severity"]);
    let totals: Vec<String> = by["by_severity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| format!("<td class=\"num\">{}</td>", g["incidents"]))
        .collect();
    let foot = html
        .split("<tfoot><tr><th scope=\"row\">Period</th>")
        .nth(2)
        .unwrap();
    assert!(foot.starts_with(&totals.concat()), "{foot}");
}

#[test]
fn it_stands_alone_and_runs_nothing() {
    let html = report(&["--period", "2025-Q2"]);
    for banned in [
        "<script",
        "<link",
        " src=",
        "<iframe",
        "<object",
        " style=\"",
    ] {
        assert!(!html.contains(banned), "{banned}");
    }
    // Every chart says what it shows, in words.
    assert_eq!(html.matches("<svg ").count(), 3 + 3);
    assert_eq!(html.matches("role=\"img\"").count(), 6);
    assert_eq!(html.matches("<desc id=").count(), 3);
    assert!(html.contains("@media print"));
    // Only the public parts: the internal factor and action item are left out, unless asked.
    assert!(!html.contains("Cache node sized"));
    assert!(!html.contains("Page on cache memory"));
    let internal = report(&["--period", "2025-Q2", "--internal"]);
    assert!(
        internal.contains("<th scope=\"row\">Cache node sized for last year&#39;s traffic</th>")
    );
    assert!(internal.contains("Page on cache memory at 80 %</th><td>2025-06-12-cache-slow</td><td>detect</td><td>—</td><td>2025-06-30 <span class=\"overdue\">overdue</span></td><td>open</td>"));
    assert!(internal.contains("includes internal parts: do not publish"));
}

#[test]
fn out_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    std::fs::write(&out, "old").unwrap();
    let o = at(
        JULY_2025,
        &fixture(),
        &[
            "report",
            "--period",
            "2025-Q2",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(ok(o), "");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        report(&["--period", "2025-Q2"])
    );
    assert_eq!(crate::common::names(dir.path()), ["report.html"]);
    let missing = dir.path().join("no/such/report.html");
    let o = at(
        JULY_2025,
        &fixture(),
        &["report", "--out", missing.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: {}: cannot write: no folder {}\n",
            missing.display(),
            missing.parent().unwrap().display()
        )
    );
    assert_eq!(crate::common::names(dir.path()), ["report.html"]);
    // A folder where the file should be: refused, the folder left as it was.
    std::fs::create_dir(dir.path().join("taken")).unwrap();
    let o = at(
        JULY_2025,
        &fixture(),
        &[
            "report",
            "--out",
            dir.path().join("taken").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(crate::common::names(&dir.path().join("taken")).is_empty());
    assert_eq!(crate::common::names(dir.path()), ["report.html", "taken"]);
}

#[test]
fn the_epoch_pins_the_report() {
    let first = report(&[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(report(&[]), first);
    // The default period is the last 90 days ending now (today, July 1, and the 89 days
    // before it): a day later, another report.
    let later = ok(at("1751407200", &fixture(), &["report"]));
    assert_ne!(later, first);
    assert!(first.contains("2025-04-03 00:00 CEST to 2025-07-01 00:00 CEST"));
    assert!(first.contains("Generated 2025-07-01 00:00 CEST."));
}

#[test]
fn a_templates_folder_overrides_the_report() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::Repo::new()
        .config("name: Shop\n")
        .file(
            "templates/report.html",
            "<p>{{ site.name }}: {{ incidents }} incidents, since {{ since }}</p>\n",
        )
        .build_in(dir.path());
    let out = ok(at(
        JULY_2025,
        dir.path(),
        &["report", "--period", "2025-Q2"],
    ));
    assert_eq!(
        out,
        "<p>Shop: 0 incidents, since 2025-04-01 00:00 UTC</p>\n"
    );
}

#[test]
fn invalid_records_and_bad_periods_are_refused() {
    let o = at(
        JULY_2025,
        &root(),
        &["report", "tests/fixtures/rules/enum-typo.yaml"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).ends_with(
        "error: no figures from invalid records: fix the errors above (see `postmortem check`)\n"
    ));
    let o = at(JULY_2025, &fixture(), &["report", "--period", "2025-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --period: `2025-13` is not a period: write a month (2026-04), a quarter (2026-Q2), a year (2026) or the last days (last-30d)\n"
    );
}
