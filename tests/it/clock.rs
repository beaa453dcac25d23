//! One moment per run: `SOURCE_DATE_EPOCH` pins it for every command that depends on the
//! clock, so that any output can be reproduced.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::root;

/// 2026-04-10T00:00:00Z.
const EPOCH: i64 = 1_775_779_200;

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

/// `stats` and `render` of a record whose window is still open: its figures run up to now.
const OPEN: &[&[&str]] = &[
    &["-C", "tests/fixtures/open", "stats", "--format", "json"],
    &["-C", "tests/fixtures/open", "stats"],
    &[
        "-C",
        "tests/fixtures/open",
        "render",
        "incidents/2025-11-01-checkout-slow.yaml",
    ],
    &[
        "-C",
        "tests/fixtures/open",
        "render",
        "incidents/2025-11-01-checkout-slow.yaml",
        "--format",
        "html",
    ],
];

#[test]
fn an_open_window_gives_the_same_bytes_on_every_run_at_one_epoch() {
    let epoch = EPOCH.to_string();
    for args in OPEN {
        let first = at(&epoch, &root(), args);
        assert_eq!(first.status.code(), Some(0), "{args:?}: {}", stderr(&first));
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let second = at(&epoch, &root(), args);
        assert_eq!(first.stdout, second.stdout, "{args:?}");
        assert_eq!(first.stderr, second.stderr, "{args:?}");
    }
}

#[test]
fn the_epoch_is_the_moment_an_open_window_runs_up_to() {
    for args in OPEN {
        let before = at(&EPOCH.to_string(), &root(), args);
        let after = at(&(EPOCH + 60).to_string(), &root(), args);
        assert_ne!(before.stdout, after.stdout, "{args:?}");
    }
    // The window opened at 2025-11-02T02:00:00Z.
    let opened = 1_762_048_800;
    let o = at(&EPOCH.to_string(), &root(), OPEN[0]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["period"]["until"], "2026-04-09T20:00:00-04:00");
    assert_eq!(v["incidents"][0]["impact_seconds"], EPOCH - opened);
    let o = at(&(EPOCH + 86_400).to_string(), &root(), OPEN[0]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["period"]["until"], "2026-04-10T20:00:00-04:00");
    assert_eq!(v["incidents"][0]["impact_seconds"], EPOCH + 86_400 - opened);

    let markdown = |epoch: i64| {
        let o = at(&epoch.to_string(), &root(), OPEN[2]);
        stdout(&o)
            .lines()
            .find(|l| l.starts_with("| Impact |"))
            .map(str::to_owned)
    };
    assert_eq!(markdown(EPOCH).as_deref(), Some("| Impact | 158d 22h |"));
    assert_eq!(
        markdown(EPOCH + 86_400).as_deref(),
        Some("| Impact | 159d 22h |")
    );
}

#[test]
fn check_warns_of_an_overdue_action_item_from_the_day_after_it_was_due() {
    // The action item was due 2020-01-31 and is still open.
    let file = "tests/fixtures/rules/warn-overdue-action-item.yaml";
    let on_the_day = at("1580515199", &root(), &["check", file]); // 2020-01-31T23:59:59Z
    assert_eq!(on_the_day.status.code(), Some(0));
    assert_eq!(stderr(&on_the_day), "checked 1 file: no problems\n");
    let day_after = at("1580515200", &root(), &["check", file]); // 2020-02-01T00:00:00Z
    assert_eq!(day_after.status.code(), Some(0));
    assert_eq!(
        stderr(&day_after),
        format!(
            "{file}:23:12: warning: action item `Alert on expiry` was due 2020-01-31 and is still open [overdue]\n   |\n23 |       due: 2020-01-31\n   |            ^^^^^^^^^^ close it, move `due`, or set `status: in_progress`\nchecked 1 file: 1 warning\n"
        )
    );
}

#[test]
fn new_dates_its_draft_and_first_update_at_the_epoch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("postmortem.yaml"),
        "timezone: Europe/Madrid\ncomponents: [{name: API}]\n",
    )
    .unwrap();
    let o = at(
        &EPOCH.to_string(),
        dir.path(),
        &["new", "Slow API", "--component", "API"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // 2026-04-10T02:00:00+02:00 in Madrid.
    assert_eq!(stdout(&o), "incidents/2026-04-10-slow-api.yaml\n");
    let text =
        std::fs::read_to_string(dir.path().join("incidents/2026-04-10-slow-api.yaml")).unwrap();
    assert!(
        text.contains(
            "updates:                        # the public timeline, oldest first\n  - at: 2026-04-10T02:00:00+02:00\n    status: investigating\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("# detected_at: 2026-04-10T02:00:00+02:00 "),
        "{text}"
    );
}

#[test]
fn an_epoch_that_is_not_a_number_is_wrong_usage_for_the_commands_that_read_the_clock() {
    for args in [
        &["-C", "tests/fixtures/open", "stats"][..],
        &["-C", "tests/fixtures/open", "check"],
        &[
            "-C",
            "tests/fixtures/open",
            "build",
            "--out",
            "/nonexistent/x",
        ],
        &["serve", "--port", "0"],
    ] {
        let o = at("abc", &root(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            "error: SOURCE_DATE_EPOCH=abc is not a number of seconds\n",
            "{args:?}"
        );
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    // A command that does not read the clock does not mind it.
    let o = at("abc", &root(), &["schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}
