//! SLOs and error budgets (`stats --slo`, `check --slo`) and the incident groups of
//! `stats --by severity|component`: exact values, computed by hand in the comments.

use std::path::Path;
use std::process::{Command, Output};

use indoc::indoc;

use crate::common::{Repo, root};

/// 2026-04-10T00:00:00Z.
const APRIL_2026: &str = "1775779200";
/// 2025-06-01T00:00:00Z (02:00 CEST).
const JUNE_2025: &str = "1748736000";

fn at(epoch: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", epoch)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

const CONFIG: &str = indoc! {"
    name: Shop
    timezone: Europe/Madrid
    components:
      - name: Gateway
        slo: {target: 99.9, window: 30d}
      - name: Web app
        group: Product
      - name: Database
        group: Product
        slo: {target: 99.9, window: quarter, count_maintenance: true}
      - name: Cache
    groups:
      - name: Product
        slo: {target: 99.5, window: month}
"};

/// The Latitude Gateway outage (major, 2025-05-30 16:22–18:44 UTC, 8520 s), a Web app
/// partial outage (2025-05-20 10:00–13:00 UTC, 10800 s at 0.3 = 3240 s) and a Database
/// maintenance (2025-05-31 08:00–09:15 UTC, 4500 s).
fn shop() -> tempfile::TempDir {
    let gateway = std::fs::read_to_string(
        root().join("examples/latitude/incidents/2025-05-30-gateway-outage.yaml"),
    )
    .unwrap();
    Repo::new()
        .config(CONFIG)
        .record("2025-05-30-gateway-outage", &gateway)
        .record(
            "2025-05-20-web-app-errors",
            indoc! {"
                title: Web app errors
                severity: minor
                components: [Web app]
                impact:
                  windows:
                    - component: Web app
                      status: partial_outage
                      start: 2025-05-20T10:00:00Z
                      end: 2025-05-20T13:00:00Z
                updates:
                  - at: 2025-05-20T10:05:00Z
                    status: investigating
                    body: Some pages fail to load.
                  - at: 2025-05-20T13:00:00Z
                    status: resolved
                    body: Fixed.
            "},
        )
        .record(
            "2025-05-31-database-upgrade",
            indoc! {"
                title: Database upgrade
                kind: maintenance
                components: [Database]
                scheduled:
                  start: 2025-05-31T08:00:00Z
                  end: 2025-05-31T09:15:00Z
                impact:
                  windows:
                    - component: Database
                      status: under_maintenance
                      start: 2025-05-31T08:00:00Z
                      end: 2025-05-31T09:15:00Z
                updates:
                  - at: 2025-05-31T08:00:00Z
                    status: in_progress
                    body: Upgrading.
                  - at: 2025-05-31T09:15:00Z
                    status: completed
                    body: Done.
            "},
        )
        .build()
}

#[test]
fn stats_slo_json_over_may_2025() {
    let dir = shop();
    let out = ok(at(
        APRIL_2026,
        dir.path(),
        &["stats", "--period", "2025-05", "--slo", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Gateway, 99.9 % over the 30 × 24 h ending at June 1 00:00 CEST: 2592 s (43m 12s)
    // allowed, 8520 s spent, run out 2592 s after 16:22:00Z.
    // Web app (its group's 99.5 % per month): 0.5 % of 31 days = 13392 s; 3240 spent;
    // burn 3240 / 13392.
    // Database, 99.9 % per quarter with maintenance: Q2 is 91 days (7862400 s), 7862.4 s
    // allowed; the period ends on June 1, 61 days in: burn (4500 / 7862.4) / (61 / 91).
    assert_eq!(
        v["slos"],
        serde_json::json!([
            {
                "component": "Gateway", "target": 99.9, "window": "30d",
                "count_maintenance": false,
                "since": "2025-05-02T00:00:00+02:00", "until": "2025-06-01T00:00:00+02:00",
                "window_seconds": 2_592_000, "partial": false,
                "allowed_seconds": 2592, "consumed_seconds": 8520, "remaining_seconds": -5928,
                "burn_rate": 8520.0 / 2592.0,
                "exhausted_at": "2025-05-30T17:05:12Z",
                "exhausted_by": "2025-05-30-gateway-outage"
            },
            {
                "component": "Web app", "target": 99.5, "window": "month",
                "count_maintenance": false,
                "since": "2025-05-01T00:00:00+02:00", "until": "2025-06-01T00:00:00+02:00",
                "window_seconds": 2_678_400, "partial": false,
                "allowed_seconds": 13392, "consumed_seconds": 3240, "remaining_seconds": 10152,
                "burn_rate": 3240.0 / 13392.0,
                "exhausted_at": null, "exhausted_by": null
            },
            {
                "component": "Database", "target": 99.9, "window": "quarter",
                "count_maintenance": true,
                "since": "2025-04-01T00:00:00+02:00", "until": "2025-06-01T00:00:00+02:00",
                "window_seconds": 7_862_400, "partial": true,
                "allowed_seconds": 7862.4, "consumed_seconds": 4500, "remaining_seconds": 3362.4,
                "burn_rate": 4500.0 / 7862.4 / (61.0 / 91.0),
                "exhausted_at": null, "exhausted_by": null
            }
        ])
    );
    // Availability and the budget weigh alike: the Web app's May availability is
    // 1 − 3240 / 2678400, its consumed budget 3240 s.
    assert_eq!(v["components"][1]["name"], "Web app");
    assert_eq!(
        v["components"][1]["availability"],
        1.0 - 3240.0 / 2_678_400.0
    );
    // Without --slo there is no `slos`.
    let plain = ok(at(
        APRIL_2026,
        dir.path(),
        &["stats", "--period", "2025-05", "--format", "json"],
    ));
    assert!(!plain.contains("\"slos\""));
}

#[test]
fn stats_slo_csv_and_table() {
    let dir = shop();
    let csv = ok(at(
        APRIL_2026,
        dir.path(),
        &["stats", "--period", "2025-05", "--slo", "--format", "csv"],
    ));
    assert_eq!(
        csv,
        indoc! {"
            component,target,window,count_maintenance,since,until,window_seconds,partial,allowed_seconds,consumed_seconds,remaining_seconds,burn_rate,exhausted_at,exhausted_by
            Gateway,99.9,30d,false,2025-05-02T00:00:00+02:00,2025-06-01T00:00:00+02:00,2592000,false,2592,8520,-5928,3.287037037037037,2025-05-30T17:05:12Z,2025-05-30-gateway-outage
            Web app,99.5,month,false,2025-05-01T00:00:00+02:00,2025-06-01T00:00:00+02:00,2678400,false,13392,3240,10152,0.24193548387096775,,
            Database,99.9,quarter,true,2025-04-01T00:00:00+02:00,2025-06-01T00:00:00+02:00,7862400,true,7862.4,4500,3362.4,0.8538251366120221,,
        "}
    );
    let table = ok(at(
        APRIL_2026,
        dir.path(),
        &["stats", "--period", "2025-05", "--slo"],
    ));
    let slo: String = table
        .split("\n\n")
        .find(|t| t.starts_with("SLO"))
        .unwrap()
        .to_owned();
    assert_eq!(
        slo + "\n",
        indoc! {"
            SLO       TARGET  WINDOW                      SINCE                     ALLOWED  CONSUMED    REMAINING  BURN  EXHAUSTED
            Gateway    99.9%  30d                         2025-05-02 00:00 CEST     43m 12s    2h 22m  -1h 38m 48s  3.29  2025-05-30 19:05:12 CEST
            Web app    99.5%  month                       2025-05-01 00:00 CEST  3h 43m 12s       54m   2h 49m 12s  0.24  -
            Database   99.9%  quarter (with maintenance)  2025-04-01 00:00 CEST   2h 11m 2s    1h 15m       56m 2s  0.85  -
        "}
    );
}

#[test]
fn stats_slo_refuses_what_it_cannot_do() {
    let dir = shop();
    let o = at(
        APRIL_2026,
        dir.path(),
        &["stats", "--slo", "--by", "month", "--format", "csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --format csv prints one table: give --slo or --by, not both\n"
    );
    let o = at(
        APRIL_2026,
        &root(),
        &["-C", "examples/latitude", "stats", "--slo"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --slo: no component has an SLO: add `slo: {target: 99.9, window: 30d}` to a component (or a group) in postmortem.yaml\n"
    );
}

#[test]
fn check_slo_fails_on_the_record_that_spent_the_budget() {
    let dir = shop();
    // Without --slo, the records are fine.
    let o = at(JUNE_2025, dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // June 1 00:00 UTC: the Gateway's last 30 days hold its 8520 s; the Web app's month is
    // June (nothing yet); the Database's quarter has 4500 of 7862.4 s.
    let o = at(JUNE_2025, dir.path(), &["check", "--slo"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        indoc! {"
            incidents/2025-05-30-gateway-outage.yaml:12:15: error: `Gateway` has spent its error budget: 99.9% over 30d allows 43m 12s, 2h 22m spent (window from 2025-05-02 02:00:00 CEST) [budget-exhausted]
               |
            12 |       status: major_outage
               |               ^^^^^^^^^^^^ this window spent the last of it, at 2025-05-30 19:05:12 CEST
            checked 3 files: 1 error
        "}
    );
    let o = at(
        JUNE_2025,
        dir.path(),
        &["check", "--slo", "--format", "github"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "::error file=incidents/2025-05-30-gateway-outage.yaml,line=12,col=15,title=budget-exhausted::`Gateway` has spent its error budget: 99.9%25 over 30d allows 43m 12s, 2h 22m spent (window from 2025-05-02 02:00:00 CEST) (this window spent the last of it, at 2025-05-30 19:05:12 CEST)\n"
    );
    // July 15: the outage has left the 30 days.
    let o = at("1752537600", dir.path(), &["check", "--slo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "checked 3 files: no problems\n");
}

#[test]
fn the_epoch_pins_every_budget() {
    let dir = shop();
    let args = ["stats", "--slo", "--format", "json"];
    let first = ok(at(JUNE_2025, dir.path(), &args));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(ok(at(JUNE_2025, dir.path(), &args)), first);
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    // The default period ends now, and so do the windows.
    assert_eq!(v["slos"][0]["until"], "2025-06-01T02:00:00+02:00");
    assert_eq!(v["slos"][0]["since"], "2025-05-02T02:00:00+02:00");
    assert_eq!(v["slos"][1]["since"], "2025-06-01T00:00:00+02:00");
    assert_eq!(v["slos"][1]["window_seconds"], 30 * 86400);
    assert_eq!(v["slos"][1]["consumed_seconds"], 0);
    // An hour later, the month's burn is still zero and the quarter has an hour more gone.
    let later = ok(at("1748739600", dir.path(), &args));
    let w: serde_json::Value = serde_json::from_str(&later).unwrap();
    assert_eq!(w["slos"][2]["until"], "2025-06-01T03:00:00+02:00");
    assert_ne!(v["slos"][2]["burn_rate"], w["slos"][2]["burn_rate"]);
}

#[test]
fn bad_slo_values_are_located() {
    // Each problem's header lines, at the value's place (column counted from 1).
    for (slo, expected) in [
        (
            "{target: 99.9, window: monthly}",
            vec![
                "5:33: error: `monthly` is not an SLO window: expected `Nd` (N from 1 to 999), `month` or `quarter` [invalid-value]",
            ],
        ),
        (
            "{target: 100, window: 30d}",
            vec![
                "5:19: error: `components[0].slo.target` must be from 1 to 99.9999 [out-of-range]",
            ],
        ),
        (
            "{target: 99.9, window: 0d}",
            vec![
                "5:33: error: `0d` is not an SLO window: expected `Nd` (N from 1 to 999), `month` or `quarter` [invalid-value]",
            ],
        ),
        (
            "{target: 99.9, window: 30d, count_maintenance: yes}",
            vec![
                "5:57: error: `components[0].slo.count_maintenance` must be `true` or `false`, found the text `yes` [wrong-type]",
            ],
        ),
        (
            "{target: 99.9}",
            vec!["5:5: error: missing required key `window` in `components[0].slo` [missing-key]"],
        ),
        (
            "{target: 99.9, windw: 30d}",
            vec![
                "5:5: error: missing required key `window` in `components[0].slo` [missing-key]",
                "5:25: error: unknown key `windw` [unknown-key]",
            ],
        ),
    ] {
        let config = format!(
            "name: Shop\ncomponents:\n  - name: Gateway\n    group: Core\n    slo: {slo}\n"
        );
        let dir = Repo::new().config(&config).build();
        let o = at(APRIL_2026, dir.path(), &["check"]);
        assert_eq!(o.status.code(), Some(1), "{slo}");
        let headers: Vec<String> = stderr(&o)
            .lines()
            .filter_map(|l| l.strip_prefix("postmortem.yaml:"))
            .map(str::to_owned)
            .collect();
        assert_eq!(headers, expected, "{slo}");
    }
    // The help of a near miss.
    let dir = Repo::new()
        .config("components:\n  - name: Gateway\n    slo: {target: 99.9, window: monthly}\n")
        .build();
    assert!(
        stderr(&at(APRIL_2026, dir.path(), &["check"])).contains("^^^^^^^ did you mean `month`?\n")
    );
    let dir = Repo::new()
        .config(indoc! {"
            components:
              - name: Gateway
                group: Core
            groups:
              - name: Croe
                slo: {target: 99.9, window: 30d}
        "})
        .build();
    let o = at(APRIL_2026, dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        indoc! {"
            postmortem.yaml:5:11: error: no component of `components` is in group `Croe` [unknown-group]
              |
            5 |   - name: Croe
              |           ^^^^ did you mean `Core`?
        "}
    );
}

#[test]
fn stats_by_severity_in_every_format() {
    let args = |f: &str| {
        [
            "-C",
            "examples/latitude",
            "stats",
            "--since",
            "2025-01-01",
            "--until",
            "2026-12-31",
            "--by",
            "severity",
            "--format",
            f,
        ]
        .map(str::to_owned)
    };
    let run = |f: &str| {
        ok(at(
            APRIL_2026,
            &root(),
            &args(f).each_ref().map(|s| s.as_str()),
        ))
    };
    // The Gateway (critical): detect 92640, resolve 8520. ECR and the monitor event (major):
    // detect [7620, 0], resolve [6960, 335]; impact 6960 + 335 = 7295.
    assert_eq!(
        run("csv"),
        indoc! {"
            severity,incidents,impact_seconds,time_to_detect_seconds_count,time_to_detect_seconds_mean,time_to_detect_seconds_median,time_to_detect_seconds_p90,time_to_detect_seconds_max,time_to_resolve_seconds_count,time_to_resolve_seconds_mean,time_to_resolve_seconds_median,time_to_resolve_seconds_p90,time_to_resolve_seconds_max
            critical,1,8520,1,92640,92640,92640,92640,1,8520,8520,8520,8520
            major,2,7295,2,3810,3810,6858,7620,2,3647.5,3647.5,6297.5,6960
            minor,0,0,0,,,,,0,,,,
            none,0,0,0,,,,,0,,,,
        "}
    );
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        v["by_severity"][1],
        serde_json::json!({"severity": "major", "incidents": 2, "impact_seconds": 7295,
            "time_to_detect_seconds": {"count": 2, "mean": 3810, "median": 3810, "p90": 6858, "max": 7620},
            "time_to_resolve_seconds": {"count": 2, "mean": 3647.5, "median": 3647.5, "p90": 6297.5, "max": 6960}})
    );
    assert_eq!(
        v["by_severity"][3],
        serde_json::json!({"severity": "none", "incidents": 0, "impact_seconds": 0,
            "time_to_detect_seconds": {"count": 0, "mean": null, "median": null, "p90": null, "max": null},
            "time_to_resolve_seconds": {"count": 0, "mean": null, "median": null, "p90": null, "max": null}})
    );
    let table = run("table");
    let part: &str = table
        .split("\n\n")
        .find(|t| t.starts_with("SEVERITY"))
        .unwrap();
    assert_eq!(
        format!("{part}\n"),
        indoc! {"
            SEVERITY  INCIDENTS  IMPACT  DETECT MEDIAN  DETECT P90  RESOLVE MEAN  RESOLVE MEDIAN  RESOLVE P90  RESOLVE MAX
            critical          1  2h 22m      1d 1h 44m   1d 1h 44m        2h 22m          2h 22m       2h 22m       2h 22m
            major             2   2h 1m          1h 3m      1h 54m            1h              1h       1h 44m       1h 56m
            minor             0      0m              -           -             -               -            -            -
            none              0      0m              -           -             -               -            -            -
        "}
    );
}

#[test]
fn stats_by_component_lists_the_catalogue() {
    let o = at(
        APRIL_2026,
        &root(),
        &[
            "-C",
            "examples/latitude",
            "stats",
            "--period",
            "2026-04",
            "--by",
            "component",
            "--format",
            "csv",
        ],
    );
    // April 2026: ECR and the monitor event name the Web app; no other component has one.
    assert_eq!(
        ok(o),
        indoc! {"
            component,incidents,impact_seconds,time_to_detect_seconds_count,time_to_detect_seconds_mean,time_to_detect_seconds_median,time_to_detect_seconds_p90,time_to_detect_seconds_max,time_to_resolve_seconds_count,time_to_resolve_seconds_mean,time_to_resolve_seconds_median,time_to_resolve_seconds_p90,time_to_resolve_seconds_max
            Web app,2,7295,2,3810,3810,6858,7620,2,3647.5,3647.5,6297.5,6960
            API,0,0,0,,,,,0,,,,
            Background jobs,0,0,0,,,,,0,,,,
            Gateway,0,0,0,,,,,0,,,,
            Database,0,0,0,,,,,0,,,,
            Cache,0,0,0,,,,,0,,,,
        "}
    );
    let o = at(
        APRIL_2026,
        &root(),
        &[
            "-C",
            "examples/latitude",
            "stats",
            "--period",
            "2026-04",
            "--by",
            "component",
            "--component",
            "Web app",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&ok(o)).unwrap();
    assert_eq!(v["by_component"].as_array().unwrap().len(), 1);
    assert_eq!(v["by_component"][0]["component"], "Web app");
    assert_eq!(v["by_component"][0]["time_to_resolve_seconds"]["max"], 6960);
}
