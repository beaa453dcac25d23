//! The real binary on real files: exit codes, exact messages, every rule and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use indoc::indoc;

use crate::common::{self, Repo};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postmortem"));
    c.env_remove("NO_COLOR").current_dir(root());
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut c = bin();
    c.current_dir(dir);
    c.args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The `path:line:col: severity: message [code]` lines of a human report.
fn headers(o: &Output) -> Vec<String> {
    stderr(o)
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn examples_pass() {
    for site in ["examples/latitude", "examples/flatfile"] {
        let o = run(&["-C", site, "check"]);
        assert_eq!(o.status.code(), Some(0), "{site}: {}", stderr(&o));
    }
    let o = run(&["-C", "examples/latitude", "check"]);
    assert_eq!(stderr(&o), "checked 4 files: no problems\n");
}

/// Each rule (docs/guide.md, "Rule codes"), one fixture that breaks it, the exact message and place.
#[test]
fn every_rule_reports_its_exact_message_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "timestamp-without-offset",
            "8:14: error: `2025-04-02T17:45:00` is not an RFC 3339 timestamp with an offset [timestamp]",
        ),
        (
            "due-not-a-date",
            "23:12: error: `next week` is not a date [date]",
        ),
        (
            "unknown-key",
            "20:3: error: unknown key `root_casue` [unknown-key]",
        ),
        (
            "duplicate-key",
            "3:1: error: duplicate key `severity` [duplicate-key]",
        ),
        (
            "updates-out-of-order",
            "14:9: error: this update is earlier than the one before it (2025-04-02T17:53:40Z) [order]",
        ),
        (
            "window-ends-before-start",
            "9:12: error: window ends before it starts (2025-04-02T17:45:00Z) [order]",
        ),
        (
            "timeline-out-of-order",
            "23:11: error: this timeline entry is earlier than the one before it (2025-04-02T18:00:00Z) [order]",
        ),
        (
            "acknowledged-before-detected",
            "5:18: error: acknowledged before it was detected (2025-04-02T17:50:00Z) [order]",
        ),
        (
            "window-component-not-listed",
            "6:18: error: window names `Space`, which is not in this record's `components` [unknown-component]",
        ),
        (
            "status-of-other-kind",
            "12:13: error: `in_progress` is not a status of incident updates [status-kind]",
        ),
        (
            "update-after-resolution",
            "18:13: error: `monitoring` update after the incident was resolved [after-resolution]",
        ),
        (
            "open-window-after-resolution",
            "6:7: error: window of `Spaces` has no `end`, but the incident is resolved [open-window]",
        ),
        (
            "maintenance-with-severity",
            "3:1: error: `severity` is not allowed here [not-allowed]",
        ),
        (
            "incident-without-severity",
            "1:1: error: missing required key `severity` in the record [missing-key]",
        ),
        (
            "enum-typo",
            "7:15: error: the text `partial_outgae` is not a valid `status`: expected one of degraded_performance, partial_outage, major_outage, under_maintenance [invalid-value]",
        ),
        (
            "Upper.Case",
            "1:1: error: file name `Upper.Case` is not a valid record id: use lower-case letters, digits and `-` [bad-id]",
        ),
        (
            "warn-severity-none-major-outage",
            "2:11: warning: severity `none`, but window 1 is a `major_outage` [severity-mismatch]",
        ),
        (
            "warn-postmortem-update-without-postmortem",
            "18:13: warning: a `postmortem` update, but the record has no `postmortem:` block [missing-postmortem]",
        ),
        (
            "warn-overdue-action-item",
            "23:12: warning: action item `Alert on expiry` was due 2020-01-31 and is still open [overdue]",
        ),
        (
            "warn-postmortem-before-resolution",
            "18:17: warning: postmortem published before the resolution (2025-04-02T19:08:10Z) [early-postmortem]",
        ),
    ];
    for (name, expected) in cases {
        let path = format!("tests/fixtures/rules/{name}.yaml");
        let o = run(&["check", &path]);
        assert_eq!(headers(&o), vec![format!("{path}:{expected}")], "{name}");
        let warning_only = name.starts_with("warn-");
        assert_eq!(
            o.status.code(),
            Some(if warning_only { 0 } else { 1 }),
            "{name}"
        );
        if warning_only {
            let strict = run(&["check", "--strict", &path]);
            assert_eq!(strict.status.code(), Some(1), "{name} --strict");
            assert_eq!(
                headers(&strict),
                vec![format!("{path}:{}", expected.replace("warning:", "error:"))]
            );
        }
    }
}

/// Each rule's fixture in tests/fixtures/rules/ sits beside the command that checks it
/// (`<name>.toml`) and everything that command prints (`<name>.stderr`); the warnings also
/// under `--strict` (`<name>.strict.toml`). `TRYCMD=overwrite` rewrites the `.stderr` files.
#[test]
fn every_rule_fixture_prints_exactly_its_stderr_file() {
    let dir = root().join("tests/fixtures/rules");
    let mut fixtures = Vec::new();
    let mut cases = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".yaml") {
            fixtures.push(stem.to_owned());
        } else if let Some(stem) = name.strip_suffix(".toml") {
            cases.push(stem.trim_end_matches(".strict").to_owned());
        }
    }
    fixtures.sort();
    let warnings = fixtures.iter().filter(|f| f.starts_with("warn-"));
    let mut want: Vec<String> = fixtures.iter().chain(warnings).cloned().collect();
    want.sort();
    cases.sort();
    assert_eq!(
        cases, want,
        "a case per fixture, and a --strict one per warning"
    );
    assert_eq!(fixtures.len(), 30);
    trycmd::TestCases::new()
        .register_bin("postmortem", Path::new(env!("CARGO_BIN_EXE_postmortem")))
        .case("tests/fixtures/rules/*.toml");
}

#[test]
fn human_report_shows_the_line_a_caret_and_a_suggestion() {
    let o = run(&["check", "tests/fixtures/rules/unknown-key.yaml"]);
    assert_eq!(
        stderr(&o),
        "tests/fixtures/rules/unknown-key.yaml:20:3: error: unknown key `root_casue` [unknown-key]\n   |\n20 |   root_casue: A node was recycled.\n   |   ^^^^^^^^^^ did you mean `root_cause`?\nchecked 1 file: 1 error\n"
    );
    let o = run(&[
        "check",
        "tests/fixtures/rules/timestamp-without-offset.yaml",
    ]);
    assert!(stderr(&o).contains(
        "8 |       start: 2025-04-02T17:45:00\n  |              ^^^^^^^^^^^^^^^^^^^ add the offset: `2025-04-02T17:45:00Z` for UTC, or the zone's offset such as `2025-04-02T17:45:00+02:00`\n"
    ));
}

#[test]
fn schema_problems_and_rule_problems_come_together() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    let text = std::fs::read_to_string(root().join("tests/fixtures/rules/unknown-key.yaml"))
        .unwrap()
        .replace("    - component: Spaces", "    - component: Space");
    std::fs::write(&file, text).unwrap();
    let o = run_in(dir.path(), &["check", "a.yaml"]);
    assert_eq!(
        headers(&o),
        [
            "a.yaml:6:18: error: window names `Space`, which is not in this record's `components` [unknown-component]",
            "a.yaml:20:3: error: unknown key `root_casue` [unknown-key]",
        ]
    );
}

#[test]
fn a_folder_with_three_broken_files_reports_all_three() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["unknown-key", "duplicate-key", "enum-typo"] {
        std::fs::copy(
            root().join(format!("tests/fixtures/rules/{name}.yaml")),
            dir.path().join(format!("{name}.yaml")),
        )
        .unwrap();
    }
    let o = run_in(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    let files: Vec<String> = headers(&o)
        .iter()
        .map(|h| h.split(':').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        files,
        [
            "./duplicate-key.yaml",
            "./enum-typo.yaml",
            "./unknown-key.yaml"
        ]
    );
    assert!(stderr(&o).ends_with("checked 3 files: 3 errors\n"));
}

#[test]
fn json_format_is_one_object_per_problem() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/enum-typo.yaml",
        "tests/fixtures/rules/warn-overdue-action-item.yaml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        serde_json::json!({
            "path": "tests/fixtures/rules/enum-typo.yaml", "line": 7, "column": 15, "severity": "error",
            "code": "invalid-value",
            "message": "the text `partial_outgae` is not a valid `status`: expected one of degraded_performance, partial_outage, major_outage, under_maintenance",
            "help": "did you mean `partial_outage`?"
        })
    );
    assert_eq!(lines[1]["severity"], "warning");
    assert_eq!(stderr(&o), "");
}

#[test]
fn github_format_is_annotations() {
    let o = run(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/rules/unknown-key.yaml",
    ]);
    assert_eq!(
        stdout(&o),
        "::error file=tests/fixtures/rules/unknown-key.yaml,line=20,col=3,title=unknown-key::unknown key `root_casue` (did you mean `root_cause`?)\n"
    );
}

#[test]
fn catalogue_limits_components() {
    let o = run(&["-C", "tests/fixtures/catalogue", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("incidents/2025-01-10-login-errors.yaml:3:23: error: component `Databse` is not in the catalogue of postmortem.yaml [unknown-component]\n"), "{err}");
    assert!(err.contains("known components: Web app, API"));
}

#[test]
fn a_bad_config_reports_every_problem() {
    let dir = Repo::new()
        .file(
            "postmortem.yaml",
            std::fs::read(root().join("tests/fixtures/bad-config.yaml")).unwrap(),
        )
        .build();
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let h: Vec<String> = headers(&o)
        .iter()
        .map(|l| l.rsplit_once("postmortem.yaml:").unwrap().1.to_owned())
        .collect();
    assert_eq!(
        h,
        [
            "2:6: error: `url` must end with `/` [invalid-value]",
            "3:11: error: `Europe/Madird` is not an IANA time zone [timezone]",
            "4:1: error: unknown key `feed_itmes` [unknown-key]",
        ]
    );
    assert!(stderr(&o).contains("did you mean `Europe/Madrid`?"));
}

/// Writes `bytes` as a record in a fresh folder and checks it.
#[test]
fn problems_of_postmortem_yaml_come_in_the_format_asked_for() {
    let dir = Repo::new()
        .config(indoc! {r#"
            name: Shop
            timezone: "Europe/Berln"    # the IANA zone for the pages and the day boundaries
        "#})
        .build();
    let o = run_in(dir.path(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "");
    assert_eq!(
        stdout(&o),
        "::error file=postmortem.yaml,line=2,col=11,title=timezone::`Europe/Berln` is not an IANA time zone (did you mean `Europe/Berlin`?)\n"
    );
    let o = run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "");
    assert_eq!(
        stdout(&o),
        concat!(
            r#"{"path":"postmortem.yaml","line":2,"column":11,"severity":"error","code":"timezone","message":"`Europe/Berln` is not an IANA time zone","help":"did you mean `Europe/Berlin`?"}"#,
            "\n"
        )
    );
    // For people, on stderr as before, the carets under the value and not its comment.
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        indoc! {r#"
            postmortem.yaml:2:11: error: `Europe/Berln` is not an IANA time zone [timezone]
              |
            2 | timezone: "Europe/Berln"    # the IANA zone for the pages and the day boundaries
              |           ^^^^^^^^^^^^^^ did you mean `Europe/Berlin`?
        "#}
    );
}

#[test]
fn a_catalogue_naming_a_component_or_group_twice_is_refused_at_both_places() {
    let dir = Repo::new()
        .config(indoc! {"
            name: Shop
            components:
              - name: API
                group: Core
              - name: Web app
                group: core
              - name: API
              - name: web-app
            groups:
              - name: Core
              - name: core
        "})
        .build();
    let o = run_in(dir.path(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "");
    assert_eq!(
        stdout(&o),
        concat!(
            "::error file=postmortem.yaml,line=7,col=11,title=duplicate-component::component `API` is in `components` twice (it is already on line 3: remove one of them)\n",
            "::error file=postmortem.yaml,line=8,col=11,title=duplicate-component::component `web-app` and `Web app` on line 5 differ only in case or punctuation (both would be `components/web-app/`) (give one of them a different name, or remove it)\n",
            "::error file=postmortem.yaml,line=11,col=11,title=duplicate-group::group `core` and `Core` on line 10 differ only in case or punctuation (give one of them a different name, or remove it)\n",
        )
    );
}

#[test]
fn a_value_the_schema_refuses_does_not_hide_unknown_components_elsewhere() {
    let dir = Repo::new()
        .config(indoc! {"
            name: Shop
            components:
              - name: API
              - name: Database
        "})
        .record(
            "2026-04-01-api-down",
            indoc! {"
                title: API down
                severity: major
                components: [API, Databse]
                impact:
                  windows:
                    - component: API
                      status: major_outtage
                      start: 2026-04-01T10:00:00Z
                      end: 2026-04-01T11:00:00Z
                    - component: Web
                      status: partial_outage
                      start: 2026-04-01T10:00:00Z
                      end: 2026-04-01T11:00:00Z
                    - component: 5
                      status: partial_outage
                      start: 2026-04-01T10:00:00Z
                updates:
                  - at: 2026-04-01T10:05:00Z
                    status: resolved
                    body: Fixed.
            "},
        )
        .record(
            "2026-04-02-db-slow",
            indoc! {"
                title: Database slow
                severity: majr
                components: [Database, 7]
                impact:
                  windows:
                    - component: Cache
                      status: degraded_performance
                      start: 2026-04-02T10:00:00Z
                updates:
                  - at: 2026-04-02T10:05:00Z
                    status: investigating
                    body: Looking.
            "},
        )
        .build();
    let o = run_in(dir.path(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        concat!(
            "::error file=incidents/2026-04-01-api-down.yaml,line=3,col=19,title=unknown-component::component `Databse` is not in the catalogue of postmortem.yaml (did you mean `Database`?)\n",
            "::error file=incidents/2026-04-01-api-down.yaml,line=7,col=15,title=invalid-value::the text `major_outtage` is not a valid `status`: expected one of degraded_performance, partial_outage, major_outage, under_maintenance (did you mean `major_outage`?)\n",
            "::error file=incidents/2026-04-01-api-down.yaml,line=10,col=18,title=unknown-component::window names `Web`, which is not in this record's `components` (add it to `components`, or use one of: API, Databse)\n",
            "::error file=incidents/2026-04-01-api-down.yaml,line=14,col=18,title=wrong-type::`impact.windows[2].component` must be text, found the number 5 (put it in quotes to make it text)\n",
            "::error file=incidents/2026-04-02-db-slow.yaml,line=2,col=11,title=invalid-value::the text `majr` is not a valid `severity`: expected one of none, minor, major, critical (did you mean `major`?)\n",
            // The list is not whole: its windows are not compared with it.
            "::error file=incidents/2026-04-02-db-slow.yaml,line=3,col=24,title=wrong-type::`components[1]` must be text, found the number 7 (put it in quotes to make it text)\n",
        )
    );
}

#[test]
fn a_value_in_the_right_shape_but_out_of_range_says_which_part() {
    let record = |at: &str, due: &str| {
        format!(
            "title: x\nseverity: minor\ncomponents: [API]\nupdates:\n  - at: {at}\n    status: investigating\n    body: Looking.\npostmortem:\n  action_items:\n    - title: y\n      kind: detect\n      due: {due}\n      status: open\n"
        )
    };
    let first = |o: &Output| {
        let err = stderr(o);
        (err.lines())
            .find(|l| l.ends_with("[timestamp]") || l.ends_with("[date]"))
            .unwrap_or_default()
            .to_owned()
    };
    for (at, due, expected) in [
        (
            "2026-13-01T00:00:00Z",
            "2026-05-01",
            "a.yaml:5:9: error: `2026-13-01T00:00:00Z` is not a real time: there is no month 13 (months run from 01 to 12) [timestamp]",
        ),
        (
            "2026-02-29T00:00:00Z",
            "2026-05-01",
            "a.yaml:5:9: error: `2026-02-29T00:00:00Z` is not a real time: February 2026 has no day 29 (it has 28 days) [timestamp]",
        ),
        (
            "2026-04-01T24:00:00+02:00",
            "2026-05-01",
            "a.yaml:5:9: error: `2026-04-01T24:00:00+02:00` is not a real time: there is no hour 24 (hours run from 00 to 23) [timestamp]",
        ),
        (
            "2026-04-01T10:60:00Z",
            "2026-05-01",
            "a.yaml:5:9: error: `2026-04-01T10:60:00Z` is not a real time: there is no minute 60 (minutes run from 00 to 59) [timestamp]",
        ),
        (
            "2026-04-01T10:00:00.5+24:00",
            "2026-05-01",
            "a.yaml:5:9: error: `2026-04-01T10:00:00.5+24:00` is not a real time: the offset `+24:00` is out of range (from -23:59 to +23:59) [timestamp]",
        ),
        (
            "2026-04-01T10:00:00Z",
            "2026-04-31",
            "a.yaml:12:12: error: `2026-04-31` is not a real date: April 2026 has no day 31 (it has 30 days) [date]",
        ),
        // The shape is wrong, not a part: the message it had.
        (
            "2026-04-01T10:00:00",
            "2026-05-01",
            "a.yaml:5:9: error: `2026-04-01T10:00:00` is not an RFC 3339 timestamp with an offset [timestamp]",
        ),
    ] {
        let o = check_bytes("a.yaml", record(at, due).as_bytes());
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(first(&o), expected);
    }
}

#[test]
fn a_file_that_is_a_list_or_a_language_written_with_an_underscore_is_said_plainly() {
    let o = check_bytes("a.yaml", b"- title: x\n- severity: minor\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        indoc! {"
            a.yaml:1:1: error: the file must be a mapping of keys, not a list [wrong-type]
              |
            1 | - title: x
              | ^ write `key: value` lines at the left margin, with no `- ` before them
            checked 1 file: 1 error
        "}
    );
    for (language, expected) in [
        (
            "\"de_DE\"",
            "postmortem.yaml:1:11: error: `de_DE` is not a language tag [schema]\n  |\n1 | language: \"de_DE\"\n  |           ^^^^^^^ write it as a BCP 47 tag like `de-DE`\n",
        ),
        (
            "pt",
            "postmortem.yaml:1:11: error: no catalogue for the language `pt` [language]\n  |\n1 | language: pt\n  |           ^^ did you mean `pt-BR`?; available: `de`, `en`, `es`, `fr`, `ja`, `pt-BR`; or write locales/pt.ftl\n",
        ),
    ] {
        let dir = Repo::new()
            .config(&format!("language: {language}\n"))
            .build();
        let o = run_in(dir.path(), &["check"]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(stderr(&o), expected);
    }
}

#[test]
fn new_with_a_component_the_catalogue_lacks_lists_it_and_suggests_the_nearest() {
    let dir = Repo::new()
        .config("components:\n  - name: Web app\n  - name: API\n")
        .build();
    let o = run_in(dir.path(), &["new", "API down", "--component", "APU"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: component `APU` is not in the catalogue of postmortem.yaml (it has: Web app, API); did you mean `API`?\n"
    );
    assert_eq!(
        common::names(&dir.path().join("incidents")),
        Vec::<String>::new()
    );
}

fn check_bytes(name: &str, bytes: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    run_in(dir.path(), &["check", name])
}

#[test]
fn bad_input_is_a_located_error_never_a_panic() {
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let huge = format!("title: \"{}\"\n", "x".repeat(20 * 1024 * 1024));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "malformed.yaml",
            b"title: [unclosed\ncomponents: x\n".to_vec(),
            "malformed.yaml:2:11: error: invalid YAML: illegal placement of ':' indicator [syntax]",
        ),
        (
            "empty.yaml",
            b"".to_vec(),
            "empty.yaml:1:1: error: the file is empty: a record is a mapping with at least `title`, `components` and `updates` [empty]",
        ),
        (
            "comments-only.yaml",
            b"# nothing yet\n".to_vec(),
            "comments-only.yaml:1:1: error: the file is empty",
        ),
        (
            "binary.yaml",
            vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
            "binary.yaml:1:8: error: file contains a NUL byte: it looks binary, not YAML text [binary]",
        ),
        (
            "latin1.yaml",
            b"title: caf\xe9\n".to_vec(),
            "latin1.yaml:1:11: error: file is not valid UTF-8: save it as UTF-8 [not-utf8]",
        ),
        (
            "huge.yaml",
            huge.into_bytes(),
            "huge.yaml:1:1: error: file is 20971530 bytes, over the limit of 8388608 bytes (8 MiB) for one YAML file [too-large]",
        ),
        ("bomb.yaml", bomb.into_bytes(), "bomb.yaml:"),
        (
            "deep.yaml",
            format!("title: {}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
            "deep.yaml:1:",
        ),
        (
            "two-docs.yaml",
            b"title: a\n---\ntitle: b\n".to_vec(),
            "two-docs.yaml:2:1: error: a record holds one YAML document; remove the second `---` [multiple-documents]",
        ),
        (
            "list.yaml",
            b"- a\n- b\n".to_vec(),
            "list.yaml:1:1: error: the file must be a mapping of keys, not a list [wrong-type]",
        ),
        (
            "Caps.yaml",
            b"title: a\n".to_vec(),
            "Caps.yaml:1:1: error: file name `Caps` is not a valid record id",
        ),
        (
            "with.dots.yaml",
            b"title: a\n".to_vec(),
            "with.dots.yaml:1:1: error: file name `with.dots` is not a valid record id",
        ),
    ];
    for (name, bytes, expected) in cases {
        let o = check_bytes(name, &bytes);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with(expected), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}");
    }
    let o = check_bytes("bomb.yaml", b"a: &a [x]\nb: *a\n");
    assert!(stderr(&o).contains("missing required key"));
}

#[test]
fn alias_bomb_and_deep_nesting_name_the_limit() {
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let o = check_bytes("bomb.yaml", bomb.as_bytes());
    assert!(stderr(&o).contains("error: document expands to more than 200000 nodes (aliases are expanded): is this an alias bomb? [too-many-nodes]"), "{}", stderr(&o));
    let o = check_bytes(
        "deep.yaml",
        format!("title: {}{}", "[".repeat(10_000), "]".repeat(10_000)).as_bytes(),
    );
    assert!(
        stderr(&o).contains("error: nesting is deeper than 64 levels [too-deep]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["check", "no/such/file.yaml"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["--help"]).status.code(), Some(0));
    let o = run(&["-C", "examples/flatfile", "check", "--strict"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn schema_prints_the_committed_file() {
    let o = run(&["schema"]);
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(root().join("schema/incident.schema.json")).unwrap()
    );
    let o = run(&["schema", "--which", "config"]);
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(root().join("schema/config.schema.json")).unwrap()
    );
}

#[test]
fn new_writes_a_record_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("postmortem.yaml"),
        "timezone: Europe/Madrid\ncomponents: [{name: Spaces}, {name: API}]\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "new",
            "Intermittent 503 errors: loading \"Spaces\"",
            "--severity",
            "major",
            "--component",
            "Spaces",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = stdout(&o).trim().to_owned();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Madrid)
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        path,
        format!("incidents/{today}-intermittent-503-errors-loading-spaces.yaml")
    );
    let text = std::fs::read_to_string(dir.path().join(&path)).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/incident.schema.json\ntitle: \"Intermittent 503 errors: loading \\\"Spaces\\\"\"\n"));
    assert!(text.contains("    status: investigating\n"));
    assert!(dir.path().join("schema/incident.schema.json").is_file());
    let o = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // The same title again never overwrites: it gets a new name.
    let again = run_in(
        dir.path(),
        &[
            "new",
            "Intermittent 503 errors: loading \"Spaces\"",
            "--component",
            "Spaces",
        ],
    );
    assert_eq!(
        stdout(&again).trim(),
        format!("incidents/{today}-intermittent-503-errors-loading-spaces-2.yaml")
    );

    let m = run_in(
        dir.path(),
        &[
            "new",
            "Database upgrade",
            "--kind",
            "maintenance",
            "--component",
            "API",
        ],
    );
    assert_eq!(m.status.code(), Some(0));
    assert_eq!(
        run_in(dir.path(), &["check", "--strict"]).status.code(),
        Some(0)
    );

    let unknown = run_in(dir.path(), &["new", "x", "--component", "Nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "error: component `Nope` is not in the catalogue of postmortem.yaml (it has: Spaces, API)\n"
    );
}

#[test]
fn new_writes_any_title_as_one_quoted_value() {
    let dir = tempfile::tempdir().unwrap();
    let title = "Down\r\npostmortem:\u{2028}  summary: \"pwned\" \\ \u{7f}\u{85}";
    let o = run_in(
        dir.path(),
        &["new", title, "--component", "API\nkind: maintenance"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join(stdout(&o).trim())).unwrap();
    let lines: Vec<&str> = text.lines().take(4).collect();
    assert_eq!(
        lines,
        [
            "# yaml-language-server: $schema=../schema/incident.schema.json",
            "title: \"Down\\r\\npostmortem:\\L  summary: \\\"pwned\\\" \\\\ \\u007f\\N\"",
            "components:",
            "  - \"API\\nkind: maintenance\"",
        ]
    );
    let o = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn stats_json_matches_the_spec_example() {
    let o = run(&[
        "-C",
        "examples/latitude",
        "stats",
        "--since",
        "2026-04-01",
        "--until",
        "2026-04-08",
        "--format",
        "json",
        "--component",
        "Web app",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["period"],
        serde_json::json!({"since": "2026-04-01T00:00:00+02:00", "until": "2026-04-09T00:00:00+02:00", "seconds": 691200, "partial": false})
    );
    assert_eq!(
        v["incidents"][0],
        serde_json::json!({"id": "2026-04-07-ecr-image-expiry", "kind": "incident", "severity": "major",
            "components": ["Web app"], "started_at": "2026-04-07T17:51:00Z", "resolved_at": "2026-04-07T19:47:00Z",
            "duration_seconds": 6960, "impact_seconds": 6960, "time_to_detect_seconds": 7620,
            "time_to_acknowledge_seconds": null, "time_to_mitigate_seconds": 6960, "time_to_resolve_seconds": 6960})
    );
    assert_eq!(v["incidents"][1]["id"], "2026-04-07-api-health-down");
    assert_eq!(v["incidents"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["components"],
        serde_json::json!([{"name": "Web app", "incidents": 2,
            "downtime_seconds": {"major_outage": 6960, "partial_outage": 0, "degraded_performance": 0, "under_maintenance": 0},
            "availability": 1.0 - 6960.0 / 691200.0}])
    );
    assert_eq!(
        v["summary"],
        serde_json::json!({"incidents": 2, "maintenances": 0,
            "time_to_detect_seconds": {"count": 2, "mean": 3810, "median": 3810, "p90": 6858, "max": 7620},
            "time_to_resolve_seconds": {"count": 2, "mean": 3647.5, "median": 3647.5, "p90": 6297.5, "max": 6960}})
    );
}

#[test]
fn stats_table_is_aligned_for_people() {
    let o = run(&[
        "-C",
        "examples/latitude",
        "stats",
        "--since",
        "2026-04-01",
        "--until",
        "2026-04-08",
        "--component",
        "Web app",
    ]);
    assert_eq!(
        stdout(&o),
        "Period: 2026-04-01 00:00 CEST to 2026-04-09 00:00 CEST (8d)

COMPONENT  INCIDENTS   MAJOR  PARTIAL  DEGRADED  MAINTENANCE  AVAILABILITY
Web app            2  1h 56m       0m        0m           0m       98.993%

RECORD                       SEVERITY  STARTED                DURATION  IMPACT  DETECT  RESOLVE
2026-04-07-ecr-image-expiry  major     2026-04-07 19:51 CEST    1h 56m  1h 56m   2h 7m   1h 56m
2026-04-07-api-health-down   major     2026-04-07 21:41 CEST        5m      5m      0m       5m

2 incidents, 0 maintenances
time to detect:  count 2, mean 1h 3m, median 1h 3m, p90 1h 54m, max 2h 7m
time to resolve: count 2, mean 1h, median 1h, p90 1h 44m, max 1h 56m
"
    );
}

#[test]
fn stats_csv_has_a_header_and_month_rows() {
    let o = run(&[
        "-C",
        "examples/latitude",
        "stats",
        "--since",
        "2025-05-15",
        "--until",
        "2025-06-15",
        "--format",
        "csv",
        "--component",
        "Gateway",
        "--by",
        "month",
    ]);
    // May's part of the period is 17 days (May 15 to June 1, CEST): both months are cut
    // by the explicit bounds, so both are partial.
    assert_eq!(
        stdout(&o),
        format!(
            "month,partial,component,incidents,major_outage_seconds,partial_outage_seconds,degraded_performance_seconds,under_maintenance_seconds,availability
2025-05,true,Gateway,1,8520,0,0,0,{}
2025-06,true,Gateway,0,0,0,0,0,1
",
            1.0 - 8520.0 / (17.0 * 86400.0)
        )
    );
    let o = run(&[
        "-C",
        "examples/flatfile",
        "stats",
        "--since",
        "2025-04-01",
        "--until",
        "2025-04-30",
        "--format",
        "csv",
    ]);
    // 79 minutes of partial outage over 30 days, weighted 0.3.
    assert_eq!(
        stdout(&o),
        format!(
            "component,incidents,major_outage_seconds,partial_outage_seconds,degraded_performance_seconds,under_maintenance_seconds,availability\nSpaces,1,0,4740,0,0,{}\nAPI,0,0,0,0,0,1\n",
            1.0 - 0.3 * 4740.0 / (30.0 * 86400.0)
        )
    );
}

#[test]
fn stats_until_day_is_inclusive() {
    let count = |until: &str| {
        let o = run(&[
            "-C",
            "examples/latitude",
            "stats",
            "--since",
            "2026-04-07",
            "--until",
            until,
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["summary"]["incidents"].as_u64().unwrap()
    };
    assert_eq!(count("2026-04-07"), 2);
    assert_eq!(count("2026-04-07T19:45:00+02:00"), 0);
}

#[test]
fn stats_open_window_counts_up_to_until() {
    let o = run(&[
        "-C",
        "tests/fixtures/open",
        "stats",
        "--since",
        "2025-11-01",
        "--until",
        "2025-11-02",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // 22:00 EDT on Nov 1 to midnight EST ending Nov 2: 26 hours later, the clocks fell back.
    assert_eq!(v["period"]["seconds"], 49 * 3600);
    assert_eq!(
        v["components"][0]["downtime_seconds"]["partial_outage"],
        27 * 3600
    );
    let i = &v["incidents"][0];
    assert_eq!(i["resolved_at"], serde_json::Value::Null);
    assert_eq!(i["duration_seconds"], serde_json::Value::Null);
    assert_eq!(i["time_to_resolve_seconds"], serde_json::Value::Null);
    assert_eq!(i["time_to_mitigate_seconds"], serde_json::Value::Null);
    assert_eq!(i["impact_seconds"], 27 * 3600);
    assert_eq!(
        v["summary"]["time_to_resolve_seconds"],
        serde_json::json!({"count": 0, "mean": null, "median": null, "p90": null, "max": null})
    );
}

#[test]
fn stats_refuses_invalid_records_and_bad_arguments() {
    let o = run(&["stats", "tests/fixtures/rules/enum-typo.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).ends_with(
        "error: no figures from invalid records: fix the errors above (see `postmortem check`)\n"
    ));
    let o = run(&["-C", "examples/latitude", "stats", "--since", "April"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --since: `April` is neither a day (2025-04-01) nor an RFC 3339 timestamp (2025-04-01T00:00:00Z)\n"
    );
    let o = run(&["-C", "examples/latitude", "stats", "--component", "Web ap"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --component Web ap: no record or catalogue entry names it: did you mean `Web app`?\n"
    );
}

#[test]
fn stats_into_a_closed_pipe_exits_quietly() {
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' -C examples/latitude stats --since 2025-01-01 --until 2026-12-31 --by month | head -1", env!("CARGO_BIN_EXE_postmortem")))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        stdout(&o),
        "Period: 2025-01-01 00:00 CET to 2027-01-01 00:00 CET (2y 0d)\n".replace("2y 0d", "730d")
    );
    assert_eq!(stderr(&o), "");
    assert!(o.status.success());
}

#[test]
fn a_record_using_every_field_passes() {
    let o = run(&["-C", "tests/fixtures/kitchen-sink", "check", "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "checked 1 file: no problems\n");
}

const SUBCOMMANDS: &[&str] = &[
    "init",
    "new",
    "update",
    "draft",
    "check",
    "render",
    "build",
    "notify",
    "import",
    "serve",
    "actions",
    "completions",
    "man",
    "stats",
    "report",
    "schema",
];

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(script.len() > 1000, "{shell}");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completions lack `{sub}`");
        }
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand() {
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq\n"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(
        "\n.TH POSTMORTEM 1 2026-12-01 \"postmortem 0.1.0\" \"General Commands Manual\"\n"
    ));
    assert!(page.contains("\n.SH NAME\n"));
    assert!(page.contains("\n.SH SUBCOMMANDS\n"));
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("postmortem\\-{sub}(1)")),
            "man page lacks `{sub}`"
        );
    }
}

#[test]
fn man_out_writes_a_page_per_command_with_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["man", "--out", "pages"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut files = vec!["postmortem.1".to_owned()];
    files.extend(SUBCOMMANDS.iter().map(|s| format!("postmortem-{s}.1")));
    let listed: Vec<String> = files.iter().map(|f| format!("pages/{f}\n")).collect();
    let mut order = vec!["postmortem.1"];
    order.extend([
        "init",
        "new",
        "update",
        "draft",
        "check",
        "render",
        "build",
        "notify",
        "import",
        "serve",
        "actions",
        "completions",
        "man",
        "stats",
        "report",
        "schema",
    ]);
    assert_eq!(
        stdout(&o),
        order
            .iter()
            .map(|s| if *s == "postmortem.1" {
                "pages/postmortem.1\n".to_owned()
            } else {
                format!("pages/postmortem-{s}.1\n")
            })
            .collect::<String>()
    );
    files.sort();
    assert_eq!(crate::common::names(&dir.path().join("pages")), files);
    assert_eq!(listed.len(), SUBCOMMANDS.len() + 1);
    for f in &files {
        let page = std::fs::read_to_string(dir.path().join("pages").join(f)).unwrap();
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
            "SEE ALSO",
        ] {
            assert!(
                page.contains(&format!("\n.SH {section}\n")),
                "{f} lacks {section}"
            );
        }
        for var in ["NO_COLOR", "CLICOLOR_FORCE", "SOURCE_DATE_EPOCH"] {
            assert!(page.contains(&format!("\n.B {var}\n")), "{f} lacks {var}");
        }
        assert!(
            page.contains("[\\fB\\-C\\fR \\fIDIR\\fR]"),
            "{f}: no -C DIR in the synopsis"
        ); // No Markdown left in roff; the site's catalogues among the files; the clock's
        // variable for every command that reads it.
        assert!(!page.contains('`'), "{f}: a backtick");
        assert!(page.contains("\n.I locales/\n"), "{f} lacks locales/");
        let environment =
            &page[page.find(".B SOURCE_DATE_EPOCH").unwrap()..page.find(".SH FILES").unwrap()];
        for command in [
            "build", "serve", "stats", "report", "render", "check", "import", "draft", "new",
            "update", "actions", "notify",
        ] {
            assert!(
                environment.contains(&format!("\\fB{command}\\fR")),
                "{f}: {command} not under SOURCE_DATE_EPOCH"
            );
        }
    }
    let new = std::fs::read_to_string(dir.path().join("pages/postmortem-new.1")).unwrap();
    assert!(
        new.contains(
            "\n.SH NAME\npostmortem\\-new \\- Write a new record that already passes check, and\n"
        ),
        "{new}"
    );
    assert!(
        new.contains(
            "\nWrite a new record that already passes \\fBcheck\\fR, and print its path\n"
        ),
        "{new}"
    );
    let check = std::fs::read_to_string(dir.path().join("pages/postmortem-check.1")).unwrap();
    assert!(
        check.contains(
            "\n.TH POSTMORTEM-CHECK 1 2026-12-01 \"postmortem 0.1.0\" \"General Commands Manual\"\n"
        ),
        "{}",
        &check[..200]
    );
    assert!(check.contains("\n.SH SYNOPSIS\n\\fBpostmortem check\\fR [\\fB\\-C\\fR \\fIDIR\\fR] [\\fB\\-h\\fR|\\fB\\-\\-help\\fR]\n[\\fB\\-V\\fR|\\fB\\-\\-version\\fR] [\\fB\\-\\-format\\fR \\fIFORMAT\\fR]\n[\\fB\\-\\-slo\\fR] [\\fB\\-\\-strict\\fR] [\\fIPATHS\\fR]...\n"), "{check}");
    assert!(check.contains("\n.SH EXAMPLES\n.nf\n.RS 4\npostmortem check\npostmortem check incidents/2025\\-04\\-02\\-spaces\\-503s.yaml \\-\\-strict\npostmortem check \\-\\-format github\npostmortem check \\-\\-slo \\-\\-format github\n.RE\n.fi\n"), "{check}");
    // Without --out, the top page on stdout, the same bytes.
    let top = run(&["man"]);
    assert_eq!(
        top.stdout,
        std::fs::read(dir.path().join("pages/postmortem.1")).unwrap()
    );
}

#[test]
fn render_writes_to_out_and_still_reads_output() {
    let dir = tempfile::tempdir().unwrap();
    let record = root().join("examples/flatfile/incidents/2025-04-02-spaces-503s.yaml");
    let record = record.to_str().unwrap();
    let out = run_in(dir.path(), &["render", record, "--out", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let old = run_in(dir.path(), &["render", record, "--output", "b.md"]);
    assert_eq!(old.status.code(), Some(0), "{}", stderr(&old));
    let a = std::fs::read(dir.path().join("a.md")).unwrap();
    assert!(a.starts_with(b"# "));
    assert_eq!(a, std::fs::read(dir.path().join("b.md")).unwrap());
    // The old name is not shown in the help.
    let help = stdout(&run(&["render", "--help"]));
    assert!(help.contains("  -o, --out <OUT>  "), "{help}");
    assert!(!help.contains("--output"), "{help}");
    let help = stdout(&run(&["schema", "--help"]));
    assert!(
        help.starts_with(
            "Print the JSON Schema of incident records, or of postmortem.yaml (`--which config`)\n"
        ),
        "{help}"
    );
}

#[test]
fn clicolor_force_colours_a_pipe_and_no_color_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "title: x\n").unwrap();
    let with = |vars: &[(&str, &str)]| {
        let mut c = bin();
        c.current_dir(dir.path()).env_remove("CLICOLOR_FORCE");
        for (k, v) in vars {
            c.env(k, v);
        }
        let o = c.args(["check", "a.yaml"]).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        stderr(&o)
    };
    let plain = with(&[]);
    assert!(plain.starts_with("a.yaml:1:1: error: "), "{plain}");
    assert!(!plain.contains('\x1b'));
    let forced = with(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b["), "{forced}");
    assert_ne!(forced, plain);
    assert_eq!(with(&[("CLICOLOR_FORCE", "0")]), plain);
    assert_eq!(with(&[("CLICOLOR_FORCE", "")]), plain);
    assert_eq!(with(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]), plain);
}

#[test]
fn every_command_has_help_with_an_example() {
    for sub in SUBCOMMANDS {
        let o = run(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        assert!(
            stdout(&o).contains("Example"),
            "{sub} --help has no example"
        );
    }
}

#[test]
fn github_annotations_escape_what_github_needs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a,b.yaml"),
        "title: 100% done\r\nseverity: 50%\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "--format", "github", "a,b.yaml"]);
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert!(lines.contains(&"::error file=a%2Cb.yaml,line=2,col=11,title=invalid-value::the text `50%25` is not a valid `severity`: expected one of none, minor, major, critical".to_owned()), "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file="))
    );
}

#[test]
fn a_logo_outside_the_repository_is_refused() {
    let dir = Repo::new()
        .config(indoc! {"
            name: Shop
            logo: ../../etc/passwd
        "})
        .build();
    let o = run_in(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        headers(&o)[0].ends_with(
            "postmortem.yaml:2:7: error: `../../etc/passwd` is outside the repository [logo]"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("site").exists());
}

/// A site folder with `config` as its `postmortem.yaml` and no records.
fn site_with_config(config: &str) -> tempfile::TempDir {
    Repo::new().config(config).build()
}

#[test]
fn the_site_url_and_a_logo_url_must_be_http_with_a_host() {
    for (config, header, help) in [
        (
            indoc! {r#"
                name: Shop
                url: "javascript:alert(1)//"
            "#},
            "postmortem.yaml:2:6: error: `javascript:alert(1)//` is not an http(s) URL with a host [url]",
            "write it like `https://status.example.com/`",
        ),
        (
            indoc! {"
                name: Shop
                url: javascript:alert(1)
            "},
            "postmortem.yaml:2:6: error: `javascript:alert(1)` is not an http(s) URL with a host [url]",
            "write it like `https://status.example.com/`",
        ),
        (
            "url: http://\n",
            "postmortem.yaml:1:6: error: `http://` is not an http(s) URL with a host [url]",
            "write it like `https://status.example.com/`",
        ),
        (
            "url: https:///status/\n",
            "postmortem.yaml:1:6: error: `https:///status/` is not an http(s) URL with a host [url]",
            "write it like `https://status.example.com/`",
        ),
        (
            "logo: \"https://\"\n",
            "postmortem.yaml:1:7: error: `https://` is not an http(s) URL with a host [url]",
            "give an image's https:// URL, or a path inside the repository (it is copied into the site)",
        ),
    ] {
        let dir = site_with_config(config);
        for command in ["check", "build"] {
            let o = run_in(dir.path(), &[command]);
            assert_eq!(o.status.code(), Some(1), "{config} {command}");
            let h: Vec<String> = headers(&o)
                .iter()
                .map(|l| {
                    format!(
                        "postmortem.yaml:{}",
                        l.rsplit_once("postmortem.yaml:").unwrap().1
                    )
                })
                .collect();
            assert_eq!(h, [header], "{config} {command}");
            assert!(
                stderr(&o).ends_with(&format!("^ {help}\n")),
                "{}",
                stderr(&o)
            );
            assert!(!dir.path().join("site").exists());
        }
    }
    let dir = site_with_config(indoc! {r#"
        name: Shop
        url: "javascript:alert(1)//"
    "#});
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(
        stderr(&o),
        "postmortem.yaml:2:6: error: `javascript:alert(1)//` is not an http(s) URL with a host [url]
  |
2 | url: \"javascript:alert(1)//\"
  |      ^^^^^^^^^^^^^^^^^^^^^^^ write it like `https://status.example.com/`
"
    );
    for config in [
        "url: https://status.example.com/\n",
        indoc! {"
            url: http://localhost:8080/status/
            logo: https://cdn.example.com/logo.png
        "},
    ] {
        let dir = site_with_config(config);
        let o = run_in(dir.path(), &["build"]);
        assert_eq!(o.status.code(), Some(0), "{config}: {}", stderr(&o));
    }
}

#[test]
fn an_action_item_link_must_be_http_with_a_host() {
    let record = std::fs::read_to_string(
        root().join("tests/fixtures/kitchen-sink/incidents/2025-06-01-everything.yaml"),
    )
    .unwrap();
    let good = "      link: https://tracker.example.com/PLAT-123\n";
    assert!(record.contains(good));
    for (link, message) in [
        (
            "\"javascript:alert(1)//\"",
            "`javascript:alert(1)//` is not an http(s) URL with a host",
        ),
        ("http://", "`http://` is not an http(s) URL with a host"),
        (
            "data:text/html,hi",
            "`data:text/html,hi` is not an http(s) URL with a host",
        ),
    ] {
        let o = check_bytes(
            "r.yaml",
            record
                .replace(good, &format!("      link: {link}\n"))
                .as_bytes(),
        );
        assert_eq!(o.status.code(), Some(1), "{link}");
        assert_eq!(
            stderr(&o),
            format!(
                "r.yaml:65:13: error: {message} [url]
   |
65 |       link: {link}
   |             {} write it like `https://tracker.example.com/PLAT-123`
checked 1 file: 1 error
",
                "^".repeat(link.chars().count())
            ),
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("incidents")).unwrap();
        std::fs::write(
            dir.path().join("incidents/r.yaml"),
            record.replace(good, &format!("      link: {link}\n")),
        )
        .unwrap();
        let o = run_in(dir.path(), &["build"]);
        assert_eq!(o.status.code(), Some(1), "{link}");
        assert_eq!(
            headers(&o),
            [format!("incidents/r.yaml:65:13: error: {message} [url]")],
            "{link}"
        );
        assert!(!dir.path().join("site").exists());
    }
    let o = check_bytes("r.yaml", record.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn stats_json_by_month() {
    let o = run(&[
        "-C",
        "examples/latitude",
        "stats",
        "--since",
        "2025-05-01",
        "--until",
        "2025-06-30",
        "--component",
        "Gateway",
        "--by",
        "month",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!(
        "stats-latitude-2025-05-06-gateway-by-month.json",
        stdout(&o)
    );
}

/// A valid record, to which a test adds what it is about.
const VALID: &str = indoc! {"
    title: t
    severity: major
    components: [A]
    updates:
      - at: 2025-04-02T17:53:40Z
        status: investigating
        body: b
"};

#[test]
fn raw_control_characters_are_refused_with_their_place() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"title: a\x1b[2Jb\n",
            "a.yaml:1:9: error: control character U+001B is not allowed in YAML; write it as an escape (\"\\e\") inside a double-quoted string [control-character]\n",
        ),
        (
            b"title: ok\nseverity: x\x07\n",
            "a.yaml:2:12: error: control character U+0007 is not allowed in YAML; write it as an escape (\"\\a\") inside a double-quoted string [control-character]\n",
        ),
        (
            b"title: caf\xc3\xa9 \x7f\n",
            "a.yaml:1:13: error: control character U+007F is not allowed in YAML; write it as an escape (\"\\x7f\") inside a double-quoted string [control-character]\n",
        ),
        (
            b"title: a\r\nbody: \xc2\x9b31m\n",
            "a.yaml:2:7: error: control character U+009B is not allowed in YAML; write it as an escape (\"\\x9b\") inside a double-quoted string [control-character]\n",
        ),
        (
            b"title: a\rb: \xef\xbf\xbe\n",
            "a.yaml:2:4: error: character U+FFFE is not allowed in YAML; write it as an escape (\"\\ufffe\") inside a double-quoted string [control-character]\n",
        ),
    ];
    for (bytes, expected) in cases {
        let o = check_bytes("a.yaml", bytes);
        assert_eq!(o.status.code(), Some(1), "{expected}");
        assert_eq!(
            stderr(&o).lines().next().map(|l| format!("{l}\n")),
            Some(expected.to_string())
        );
    }
    // TAB, NEL, U+2028 and U+00A0 are printable in YAML 1.2: this record passes.
    let text = VALID.replace("body: b", "body: \"a\tb\u{85}c\u{2028}d\u{a0}e\"");
    let o = check_bytes("a.yaml", text.as_bytes());
    assert_eq!(stderr(&o), "checked 1 file: no problems\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn control_characters_from_records_are_shown_escaped_in_every_format() {
    // Double-quoted escapes are valid YAML and put control characters in keys and values.
    let text = format!("{VALID}\"x\\n::add-mask::secret\": 1\n").replace(
        "severity: major",
        "severity: \"\\e[2K\\rmajor\\u2028\\x9b\"",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), &text).unwrap();
    let o = run_in(dir.path(), &["check", "a.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "a.yaml:2:11: error: the text `\\u{1b}[2K\\u{d}major\\u{2028}\\u{9b}` is not a valid `severity`: expected one of none, minor, major, critical [invalid-value]\n  |\n2 | severity: \"\\e[2K\\rmajor\\u2028\\x9b\"\n  |           ^^^^^^^^^^^^^^^^^^^^^^^^\n\
         a.yaml:8:1: error: unknown key `x\\u{a}::add-mask::secret` [unknown-key]\n  |\n8 | \"x\\n::add-mask::secret\": 1\n  | ^^^^^^^^^^^^^^^^^^^^^^^ allowed here: title, kind, severity, components, detected_at, acknowledged_at, resolved_at, scheduled, impact, updates, postmortem\nchecked 1 file: 2 errors\n"
    );

    let o = run_in(dir.path(), &["check", "--format", "github", "a.yaml"]);
    assert_eq!(
        stdout(&o),
        "::error file=a.yaml,line=2,col=11,title=invalid-value::the text `\\u{1b}[2K%0Dmajor\\u{2028}\\u{9b}` is not a valid `severity`: expected one of none, minor, major, critical\n\
         ::error file=a.yaml,line=8,col=1,title=unknown-key::unknown key `x%0A::add-mask::secret` (allowed here: title, kind, severity, components, detected_at, acknowledged_at, resolved_at, scheduled, impact, updates, postmortem)\n"
    );
    assert_eq!(stdout(&o).lines().count(), 2);

    let o = run_in(dir.path(), &["check", "--format", "json", "a.yaml"]);
    let out = stdout(&o);
    assert!(
        out.contains(
            r#""message":"the text `\u001b[2K\rmajor\u2028\u009b` is not a valid `severity`"#
        ),
        "{out}"
    );
    assert!(
        out.contains(r#""message":"unknown key `x\n::add-mask::secret`""#),
        "{out}"
    );
    assert!(!out.contains('\u{2028}') && !out.contains('\u{9b}'));
    // The values are exact for a JSON reader.
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["message"],
        "the text `\u{1b}[2K\rmajor\u{2028}\u{9b}` is not a valid `severity`: expected one of none, minor, major, critical"
    );
}

#[test]
fn printable_line_breaks_of_the_source_are_escaped_in_the_snippet() {
    // U+2028 and NEL are printable in YAML 1.2, so they may stand raw in a plain value; a lone
    // CR ends a line, as the parser counts lines.
    let text = VALID
        .replace("title: t\n", "title: t\r")
        .replace("severity: major", "severity: maj\u{2028}o\u{85}r");
    let o = check_bytes("a.yaml", text.as_bytes());
    assert_eq!(
        stderr(&o),
        "a.yaml:2:11: error: the text `maj\\u{2028}o\\u{85}r` is not a valid `severity`: expected one of none, minor, major, critical [invalid-value]\n  |\n2 | severity: maj\\u{2028}o\\u{85}r\n  |           ^^^^^^^^^^^^^^^^^^^ did you mean `major`?\nchecked 1 file: 1 error\n"
    );
}

#[test]
fn fifty_thousand_unknown_keys_are_each_reported() {
    let mut text = String::from(VALID);
    for i in 0..50_000 {
        text.push_str(&format!("k{i}: v\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), &text).unwrap();
    // This once took minutes (quadratic); linear, it takes about 2.5 s in a debug build.
    // A timing is not asserted here (it would fail on a busy machine): a quadratic
    // regression shows as this test taking minutes, and in bench/.
    let o = run_in(dir.path(), &["check", "a.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.lines().next(),
        Some("a.yaml:8:1: error: unknown key `k0` [unknown-key]")
    );
    assert_eq!(
        err.lines().filter(|l| l.ends_with("[unknown-key]")).count(),
        50_000
    );
    assert!(err.ends_with("checked 1 file: 50000 errors\n"));
}

#[test]
fn a_plain_record_over_the_node_limit_is_not_called_an_alias_bomb() {
    let mut text = String::from(VALID);
    for _ in 0..100_000 {
        text.push_str("  - at: 2025-04-02T17:53:40Z\n    status: investigating\n    body: b\n");
    }
    let o = check_bytes("a.yaml", text.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).lines().next(),
        Some(
            "a.yaml:85715:5: error: document has more than 200000 nodes (keys, values, lists and mappings), the limit for one file [too-many-nodes]"
        )
    );
}

#[test]
fn a_config_number_out_of_range_is_reported_at_its_value() {
    let cases = [
        (
            "feed_items: 18446744073709551616",
            "2:13: error: `feed_items` must be a whole number from 1 to 10000 [out-of-range]",
        ),
        (
            "feed_items: 9223372036854775807",
            "2:13: error: `feed_items` must be a whole number from 1 to 10000 [out-of-range]",
        ),
        (
            "feed_items: 0",
            "2:13: error: `feed_items` must be a whole number from 1 to 10000 [out-of-range]",
        ),
        (
            "uptime_days: 4294967296",
            "2:14: error: `uptime_days` must be a whole number from 1 to 3650 [out-of-range]",
        ),
    ];
    for (line, expected) in cases {
        let dir = site_with_config(&format!("name: S\n{line}\n"));
        let o = run_in(dir.path(), &["check"]);
        assert_eq!(o.status.code(), Some(1), "{line}");
        let h = headers(&o);
        assert_eq!(h.len(), 1, "{line}: {}", stderr(&o));
        assert_eq!(h[0].rsplit_once("postmortem.yaml:").unwrap().1, expected);
    }
}

/// `stats` at 2026-04-10T00:00:00Z (02:00 CEST in Latitude's Madrid), with the machine's
/// zone set to `tz`.
fn stats_at(tz: Option<&str>, args: &[&str]) -> Output {
    let mut c = bin();
    c.env("SOURCE_DATE_EPOCH", "1775779200");
    match tz {
        Some(tz) => c.env("TZ", tz),
        None => c.env_remove("TZ"),
    };
    let o = c
        .args(["-C", "examples/latitude", "stats"])
        .args(args)
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    o
}

fn stats_json_at(args: &[&str]) -> serde_json::Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&stats_at(None, &args))).unwrap()
}

#[test]
fn stats_period_2025_by_month_gives_the_gateway_its_calendar_may() {
    let v = stats_json_at(&[
        "--period",
        "2025",
        "--component",
        "Gateway",
        "--by",
        "month",
    ]);
    assert_eq!(
        v["period"],
        serde_json::json!({"since": "2025-01-01T00:00:00+01:00", "until": "2026-01-01T00:00:00+01:00",
            "seconds": 365 * 86400, "partial": false})
    );
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let may = &months[4];
    assert_eq!(may["month"], "2025-05");
    assert_eq!(may["since"], "2025-05-01T00:00:00+02:00");
    assert_eq!(may["until"], "2025-06-01T00:00:00+02:00");
    assert_eq!(may["seconds"], 31 * 86400);
    assert_eq!(may["partial"], false);
    // 8520 s of 31 days: 0.99681899…, not the 92.013% of a month that began at the record.
    let a = may["components"][0]["availability"].as_f64().unwrap();
    assert_eq!(a, 1.0 - 8520.0 / 2_678_400.0);
    assert!(a.to_string().starts_with("0.99681899"), "{a}");
    for m in months.iter().filter(|m| m["month"] != "2025-05") {
        assert_eq!(m["components"][0]["availability"], 1, "{}", m["month"]);
        assert_eq!(m["partial"], false);
    }
    // The Gateway outage is resolved by its `resolved_at`, not by the next day's postmortem.
    let gw = &v["incidents"][0];
    assert_eq!(gw["id"], "2025-05-30-gateway-outage");
    assert_eq!(gw["resolved_at"], "2025-05-30T18:44:00Z");
    assert_eq!(gw["time_to_resolve_seconds"], 8520);
    assert_eq!(gw["duration_seconds"], 8520);
    assert_eq!(gw["time_to_detect_seconds"], 92640);
}

#[test]
fn stats_period_quarter() {
    let v = stats_json_at(&["--period", "2025-Q2", "--component", "Gateway"]);
    // April 1 to July 1, CEST: 91 days.
    assert_eq!(
        v["period"],
        serde_json::json!({"since": "2025-04-01T00:00:00+02:00", "until": "2025-07-01T00:00:00+02:00",
            "seconds": 7_862_400, "partial": false})
    );
    assert_eq!(
        v["components"][0]["availability"],
        1.0 - 8520.0 / 7_862_400.0
    );
    let v = stats_json_at(&[
        "--period",
        "2025-Q2",
        "--component",
        "Gateway",
        "--by",
        "quarter",
    ]);
    assert_eq!(v["quarters"][0]["quarter"], "2025-Q2");
    assert_eq!(v["quarters"].as_array().unwrap().len(), 1);
}

#[test]
fn stats_period_current_month_is_partial_in_every_format() {
    let args = [
        "--period",
        "2026-04",
        "--component",
        "Web app",
        "--by",
        "month",
    ];
    // April 1 00:00 CEST to now, April 10 02:00 CEST: 9 days 2 hours.
    let v = stats_json_at(&args);
    assert_eq!(
        v["period"],
        serde_json::json!({"since": "2026-04-01T00:00:00+02:00", "until": "2026-04-10T02:00:00+02:00",
            "seconds": 784_800, "partial": true})
    );
    assert_eq!(v["months"][0]["partial"], true);
    assert_eq!(v["months"][0]["seconds"], 784_800);
    let a = 1.0 - 6960.0 / 784_800.0;
    assert_eq!(v["months"][0]["components"][0]["availability"], a);
    let mut csv = args.to_vec();
    csv.extend(["--format", "csv"]);
    assert_eq!(
        stdout(&stats_at(None, &csv)),
        format!(
            "month,partial,component,incidents,major_outage_seconds,partial_outage_seconds,degraded_performance_seconds,under_maintenance_seconds,availability\n2026-04,true,Web app,2,6960,0,0,0,{a}\n"
        )
    );
    let table = stdout(&stats_at(None, &args));
    assert!(
        table.starts_with(
            "Period: 2026-04-01 00:00 CEST to 2026-04-10 02:00 CEST (9d 2h, partial: up to now)\n"
        ),
        "{table}"
    );
    assert!(
        table.contains(
            "\n2026-04 (partial: 2026-04-01 00:00 CEST to 2026-04-10 02:00 CEST)\nCOMPONENT"
        ),
        "{table}"
    );
}

#[test]
fn stats_last_30_days_and_the_default_period() {
    let v = stats_json_at(&["--period", "last-30d", "--component", "Web app"]);
    // Today (so far) and the 29 days before it: March 12 00:00 CET to now.
    assert_eq!(
        v["period"],
        serde_json::json!({"since": "2026-03-12T00:00:00+01:00", "until": "2026-04-10T02:00:00+02:00",
            "seconds": 2_509_200, "partial": false})
    );
    assert_eq!(
        v["components"][0]["availability"],
        1.0 - 6960.0 / 2_509_200.0
    );
    // Without a period, the status page's: the last `uptime_days` (90) days.
    let default = stats_at(None, &["--format", "json"]);
    let last_90 = stats_at(None, &["--period", "last-90d", "--format", "json"]);
    assert_eq!(stdout(&default), stdout(&last_90));
    let v: serde_json::Value = serde_json::from_str(&stdout(&default)).unwrap();
    assert_eq!(v["period"]["since"], "2026-01-11T00:00:00+01:00");
    assert_eq!(v["summary"]["incidents"], 2);
}

#[test]
fn stats_summary_of_the_whole_latitude_example() {
    let v = stats_json_at(&["--since", "2025-01-01", "--until", "2026-12-31"]);
    // Gateway 8520 (resolved_at), API health 335, ECR 6960 (resolved_at); p90 at rank 1.8:
    // 6960 + 0.8 × 1560 = 8208.
    assert_eq!(
        v["summary"]["time_to_resolve_seconds"],
        serde_json::json!({"count": 3, "mean": 15815.0 / 3.0, "median": 6960, "p90": 8208, "max": 8520})
    );
}

#[test]
fn stats_periods_do_not_depend_on_the_machines_zone() {
    let args = ["--period", "2026-04", "--by", "week", "--format", "json"];
    let here = stdout(&stats_at(None, &args));
    for tz in [
        "America/New_York",
        "Asia/Kathmandu",
        "Pacific/Kiritimati",
        "UTC",
    ] {
        assert_eq!(stdout(&stats_at(Some(tz), &args)), here, "TZ={tz}");
    }
    let v: serde_json::Value = serde_json::from_str(&here).unwrap();
    let weeks: Vec<(&str, bool)> = v["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["week"].as_str().unwrap(), w["partial"].as_bool().unwrap()))
        .collect();
    // Whole ISO weeks from Monday, the first reaching back into March; the last cut by now.
    assert_eq!(weeks, [("2026-W14", false), ("2026-W15", true)]);
    assert_eq!(v["weeks"][0]["since"], "2026-03-30T00:00:00+02:00");
}

#[test]
fn stats_refuses_a_period_that_is_not_one() {
    let o = bin()
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .args(["-C", "examples/latitude", "stats", "--period", "2026-Q5"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --period: `2026-Q5` is not a period: write a month (2026-04), a quarter (2026-Q2), a year (2026) or the last days (last-30d)\n"
    );
    let o = bin()
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .args(["-C", "examples/latitude", "stats", "--period", "2026-05"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --period: `2026-05` starts after now: it has no figures yet\n"
    );
}
