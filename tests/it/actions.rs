//! `postmortem actions`: every action item of every record, filtered, by due date, in each
//! format, with its summary line.

use std::path::Path;
use std::process::{Command, Output};

use indoc::indoc;

use crate::common::Repo;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(dir)
        // 2026-04-07T18:30:00Z
        .env("SOURCE_DATE_EPOCH", "1775586600")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn repo() -> tempfile::TempDir {
    Repo::new()
        .record(
            "2026-03-01-a",
            indoc! {r#"
                title: A
                severity: major
                components: [API]
                updates:
                  - {at: 2026-03-01T10:00:00Z, status: resolved, body: Fixed.}
                postmortem:
                  published_at: 2026-03-02T10:00:00Z
                  summary: S.
                  action_items:
                    - {title: Alert on expiry, kind: detect, owner: platform, due: 2026-03-15, status: in_progress}
                    - {title: Runbook, kind: process, owner: web, due: 2026-05-01, status: open, link: "https://t.example/1"}
                    - {title: "Rotate, the \"keys\"", kind: prevent, owner: platform, status: done, done_on: 2026-04-01}
                    - {title: Old cleanup, owner: web, status: done, done_on: 2026-03-01}
            "#},
        )
        .record(
            "2026-04-01-b",
            indoc! {"
                title: B
                severity: minor
                components: [API]
                updates:
                  - {at: 2026-04-01T10:00:00Z, status: resolved, body: Fixed.}
                postmortem:
                  status: draft
                  summary: S.
                  action_items:
                    - title: Add a canary
                      due: 2026-04-02
                      status: open
                    - {title: Not worth it, status: wontfix}
            "},
        )
        .record(
            "2026-04-02-c",
            "title: C\nseverity: minor\ncomponents: [API]\nupdates:\n  - {at: 2026-04-02T10:00:00Z, status: investigating, body: Looking.}\n",
        )
        .build()
}

#[test]
fn the_table_is_sorted_by_due_date_with_a_summary_line() {
    let dir = repo();
    let (stdout, stderr) = out(&run_in(dir.path(), &["actions"]));
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        indoc! {r#"
            DUE         STATUS                 OWNER     KIND     INCIDENT      ACTION ITEM
            2026-03-15  in_progress (overdue)  platform  detect   2026-03-01-a  Alert on expiry
            2026-04-02  open (overdue)         -         -        2026-04-01-b  Add a canary
            2026-05-01  open                   web       process  2026-03-01-a  Runbook
            -           done                   platform  prevent  2026-03-01-a  Rotate, the "keys"
            -           done                   web       -        2026-03-01-a  Old cleanup
            -           wontfix                -         -        2026-04-01-b  Not worth it
            6 action items: 2 open, 1 in progress, 2 overdue, 2 done (1 in the last 30 days), 1 won't fix; to do by owner: (no owner) 1, platform 1, web 1
        "#}
    );
    let (stdout, _) = out(&run_in(
        dir.path(),
        &["actions", "--owner", "platform", "--overdue"],
    ));
    assert_eq!(
        stdout,
        "DUE         STATUS                 OWNER     KIND    INCIDENT      ACTION ITEM\n2026-03-15  in_progress (overdue)  platform  detect  2026-03-01-a  Alert on expiry\n1 action item: 0 open, 1 in progress, 1 overdue, 0 done (0 in the last 30 days), 0 won't fix; to do by owner: platform 1\n"
    );
    let (stdout, _) = out(&run_in(
        dir.path(),
        &["actions", "--status", "done", "--period", "2026-03"],
    ));
    assert!(stdout.ends_with(
        "2 action items: 0 open, 0 in progress, 0 overdue, 2 done (1 in 2026-03), 0 won't fix\n"
    ));
    let (stdout, _) = out(&run_in(dir.path(), &["actions", "--owner", "nobody"]));
    assert_eq!(
        stdout,
        "0 action items: 0 open, 0 in progress, 0 overdue, 0 done (0 in the last 30 days), 0 won't fix\n"
    );
}

#[test]
fn csv_json_and_github_formats() {
    let dir = repo();
    let (stdout, stderr) = out(&run_in(dir.path(), &["actions", "--format", "csv"]));
    assert_eq!(
        stdout,
        indoc! {r#"
            incident,title,kind,owner,due,status,overdue,done_on,link
            2026-03-01-a,Alert on expiry,detect,platform,2026-03-15,in_progress,true,,
            2026-04-01-b,Add a canary,,,2026-04-02,open,true,,
            2026-03-01-a,Runbook,process,web,2026-05-01,open,false,,https://t.example/1
            2026-03-01-a,"Rotate, the ""keys""",prevent,platform,,done,false,2026-04-01,
            2026-03-01-a,Old cleanup,,web,,done,false,2026-03-01,
            2026-04-01-b,Not worth it,,,,wontfix,false,,
        "#}
    );
    assert_eq!(
        stderr,
        "6 action items: 2 open, 1 in progress, 2 overdue, 2 done (1 in the last 30 days), 1 won't fix; to do by owner: (no owner) 1, platform 1, web 1\n"
    );
    let (stdout, _) = out(&run_in(dir.path(), &["actions", "--format", "github"]));
    assert_eq!(
        stdout,
        "::warning file=incidents/2026-03-01-a.yaml,line=10,col=68,title=overdue::action item `Alert on expiry` of 2026-03-01-a was due 2026-03-15 and is in progress, owner platform\n::warning file=incidents/2026-04-01-b.yaml,line=11,col=12,title=overdue::action item `Add a canary` of 2026-04-01-b was due 2026-04-02 and is open\n"
    );
    let (stdout, _) = out(&run_in(
        dir.path(),
        &["actions", "--format", "json", "--status", "open"],
    ));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "action_items": [
                {"incident": "2026-04-01-b", "title": "Add a canary", "kind": null, "owner": null,
                 "due": "2026-04-02", "status": "open", "overdue": true, "done_on": null,
                 "link": null, "internal": false},
                {"incident": "2026-03-01-a", "title": "Runbook", "kind": "process", "owner": "web",
                 "due": "2026-05-01", "status": "open", "overdue": false, "done_on": null,
                 "link": "https://t.example/1", "internal": false},
            ],
            "summary": {"total": 2, "open": 2, "in_progress": 0, "overdue": 1, "done": 0,
                        "done_in_period": 0, "wontfix": 0, "by_owner": {"": 1, "web": 1}},
        })
    );
}

#[test]
fn bad_arguments_and_invalid_records_are_refused() {
    let dir = repo();
    let o = run_in(dir.path(), &["actions", "--status", "closed"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains(
        "invalid value 'closed' for '--status <S>': use one of: open, in_progress, done, wontfix"
    ));
    let o = run_in(dir.path(), &["actions", "--period", "2030"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        out(&o).1,
        "error: --period: `2030` starts after now: it has no figures yet\n"
    );
    std::fs::write(dir.path().join("incidents/x.yaml"), "title: [\n").unwrap();
    let o = run_in(dir.path(), &["actions"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.ends_with(
        "error: no action items from invalid records: fix the errors above (see `postmortem check`)\n"
    ));
    assert_eq!(out(&o).0, "");
}
