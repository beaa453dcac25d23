//! `postmortem update` and `new` without components: records edited in place, compared
//! byte for byte before and after; every refusal leaves the file as it was.

use std::path::Path;
use std::process::{Command, Output};

use indoc::indoc;

use crate::common::Repo;

/// 2026-04-07T18:30:00Z.
const EPOCH: &str = "1775586600";

const CONFIG: &str = indoc! {"
    name: Acme
    components:
      - name: Web app
      - name: API
"};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `update` on a record `r` holding `before`; returns the output and the file after.
fn update(before: &[u8], args: &[&str]) -> (Output, Vec<u8>) {
    let dir = Repo::new()
        .config(CONFIG)
        .file("incidents/r.yaml", before)
        .build();
    let mut all = vec!["update", "r"];
    all.extend(args);
    let o = run_in(dir.path(), &all);
    let after = std::fs::read(dir.path().join("incidents/r.yaml")).unwrap();
    if o.status.success() {
        let check = run_in(dir.path(), &["check", "--strict"]);
        assert_eq!(stderr(&check), "checked 1 file: no problems\n");
    }
    (o, after)
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// A record with comments everywhere, every quoting style, a folded and a literal block (with
/// a line that looks like a comment), blank lines and a comment at the margin at the end.
const COMMENTED: &str = indoc! {r#"
    # yaml-language-server: $schema=../schema/incident.schema.json
    # Opened by the on-call, edited by hand.
    title: 'Checkout: "slow" & failing'   # single quotes, a colon
    severity: "major"
    components:
      - 'Web app'        # the storefront

    impact:
      description: >
        Folded text,
        kept as written.
      windows:
        # the first window, still open
        - component: "Web app"
          status: partial_outage   # not yet known how bad
          start: 2026-04-07T17:45:00Z

    updates:   # oldest first

      - at: 2026-04-07T17:51:00Z
        status: investigating
        body: |
          We are looking into it.

          # Not a comment: a Markdown heading
    # a comment at the margin, about what follows
"#};

#[test]
fn a_record_full_of_comments_and_odd_quoting_gains_only_the_new_lines() {
    let (o, after) = update(
        COMMENTED.as_bytes(),
        &[
            "--status",
            "identified",
            "--message",
            "A bad deploy: rolled back.\n\"Quotes\" & #hash\nkey: not a key",
            "--component",
            "Web app=major_outage",
            "--component",
            "API=degraded_performance",
            "--at",
            "2026-04-07T20:10:00+02:00",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "incidents/r.yaml\n");
    assert_eq!(
        text(&after),
        indoc! {r#"
            # yaml-language-server: $schema=../schema/incident.schema.json
            # Opened by the on-call, edited by hand.
            title: 'Checkout: "slow" & failing'   # single quotes, a colon
            severity: "major"
            components:
              - 'Web app'        # the storefront
              - "API"

            impact:
              description: >
                Folded text,
                kept as written.
              windows:
                # the first window, still open
                - component: "Web app"
                  status: partial_outage   # not yet known how bad
                  start: 2026-04-07T17:45:00Z
                  end: 2026-04-07T20:10:00+02:00
                - component: "Web app"
                  status: major_outage
                  start: 2026-04-07T20:10:00+02:00
                - component: "API"
                  status: degraded_performance
                  start: 2026-04-07T20:10:00+02:00

            updates:   # oldest first

              - at: 2026-04-07T17:51:00Z
                status: investigating
                body: |
                  We are looking into it.

                  # Not a comment: a Markdown heading
              - at: 2026-04-07T20:10:00+02:00
                status: identified
                body: |-
                  A bad deploy: rolled back.
                  "Quotes" & #hash
                  key: not a key
            # a comment at the margin, about what follows
        "#}
    );

    // Resolving closes every open window at that time; nothing else moves.
    let (o, resolved) = update(&after, &["--status", "resolved", "-m", "Fixed."]);
    assert_eq!(stderr(&o), "");
    let want = text(&after)
        .replace(
            "      status: major_outage\n      start: 2026-04-07T20:10:00+02:00\n",
            "      status: major_outage\n      start: 2026-04-07T20:10:00+02:00\n      end: 2026-04-07T18:30:00Z\n",
        )
        .replace(
            "      start: 2026-04-07T20:10:00+02:00\n\nupdates:",
            "      start: 2026-04-07T20:10:00+02:00\n      end: 2026-04-07T18:30:00Z\n\nupdates:",
        )
        .replace(
            "      key: not a key\n",
            "      key: not a key\n  - at: 2026-04-07T18:30:00Z\n    status: resolved\n    body: \"Fixed.\"\n",
        );
    assert_eq!(text(&resolved), want);
}

#[test]
fn flow_style_gets_flow_items() {
    let before = "{title: Flow, severity: minor, components: [API], impact: {windows: [{component: API, status: major_outage, start: 2026-04-07T17:45:00Z}]}, updates: [{at: 2026-04-07T17:51:00Z, status: investigating, body: Looking.}]}\n";
    let (o, after) = update(
        before.as_bytes(),
        &["--status", "resolved", "-m", "Fixed: all good"],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        text(&after),
        "{title: Flow, severity: minor, components: [API], impact: {windows: [{component: API, status: major_outage, start: 2026-04-07T17:45:00Z, end: 2026-04-07T18:30:00Z}]}, updates: [{at: 2026-04-07T17:51:00Z, status: investigating, body: Looking.}, {at: 2026-04-07T18:30:00Z, status: resolved, body: \"Fixed: all good\"}]}\n"
    );

    // A flow list of components in a block record without `impact`: the component joins
    // the list and `impact` comes before `updates`, after the comment of the key above.
    let before = indoc! {"
        title: Mixed
        severity: minor
        components: [API]   # known so far
        # the timeline
        updates:
          - {at: 2026-04-07T17:51:00Z, status: investigating, body: Looking.}
    "};
    let (o, after) = update(
        before.as_bytes(),
        &[
            "--status",
            "identified",
            "-m",
            "Found.",
            "--component",
            "Web app=partial_outage",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        text(&after),
        indoc! {r#"
            title: Mixed
            severity: minor
            components: [API, "Web app"]   # known so far
            impact:
              windows:
                - component: "Web app"
                  status: partial_outage
                  start: 2026-04-07T18:30:00Z
            # the timeline
            updates:
              - {at: 2026-04-07T17:51:00Z, status: investigating, body: Looking.}
              - {at: 2026-04-07T18:30:00Z, status: identified, body: "Found."}
        "#}
    );
}

#[test]
fn crlf_line_ends_four_spaces_and_no_final_line_break_are_kept() {
    let before = "title: T\r\nseverity: minor\r\ncomponents:\r\n    - API\r\nupdates:\r\n    - at: 2026-04-07T17:51:00Z\r\n      status: investigating\r\n      body: Looking.";
    let (o, after) = update(
        before.as_bytes(),
        &[
            "--status",
            "identified",
            "-m",
            "Found\nit.",
            "--component",
            "API=partial_outage",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        text(&after),
        "title: T\r\nseverity: minor\r\ncomponents:\r\n    - API\r\nimpact:\r\n    windows:\r\n        - component: \"API\"\r\n          status: partial_outage\r\n          start: 2026-04-07T18:30:00Z\r\nupdates:\r\n    - at: 2026-04-07T17:51:00Z\r\n      status: investigating\r\n      body: Looking.\r\n    - at: 2026-04-07T18:30:00Z\r\n      status: identified\r\n      body: |-\r\n          Found\r\n          it."
    );
}

#[test]
fn two_space_lists_at_the_margin_and_an_unchanged_status_add_only_the_update() {
    let before = indoc! {"
        title: T
        severity: minor
        components:
        - API
        impact:
          windows:
          - component: API
            status: partial_outage
            start: 2026-04-07T17:45:00Z
        updates:
        - at: 2026-04-07T17:51:00Z
          status: investigating
          body: Looking.
    "};
    let (o, after) = update(
        before.as_bytes(),
        &[
            "--status",
            "identified",
            "-m",
            "Found.",
            "--component",
            "API=partial_outage",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        text(&after),
        format!("{before}- at: 2026-04-07T18:30:00Z\n  status: identified\n  body: \"Found.\"\n")
    );
    // `operational` closes the component's window without opening another.
    let (o, after) = update(
        &after,
        &[
            "--status",
            "monitoring",
            "-m",
            "Better.",
            "--component",
            "API=operational",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert!(
        text(&after)
            .contains("    start: 2026-04-07T17:45:00Z\n    end: 2026-04-07T18:30:00Z\nupdates:\n")
    );
}

/// Each refusal: its exact message, exit code, and the file untouched byte for byte.
#[test]
fn every_refusal_says_why_and_writes_nothing() {
    let resolved = indoc! {"
        title: T
        severity: minor
        components: [API]
        updates:
          - at: 2026-04-07T17:51:00Z
            status: investigating
            body: Looking.
          - at: 2026-04-07T18:00:00Z
            status: resolved
            body: Fixed.
    "};
    let open = &resolved[..resolved.find("  - at: 2026-04-07T18:00").unwrap()];
    let cases: &[(&str, &[&str], i32, &str)] = &[
        (
            open,
            &[
                "--status",
                "monitoring",
                "-m",
                "x",
                "--at",
                "2026-04-07T17:00:00Z",
            ],
            1,
            "error: incidents/r.yaml not changed: the result would not pass `check`:\n  this update is earlier than the one before it (2026-04-07T17:51:00Z) (list updates oldest first) [order]\n",
        ),
        (
            open,
            &["--status", "completed", "-m", "x"],
            1,
            "error: incidents/r.yaml not changed: the result would not pass `check`:\n  `completed` is not a status of incident updates (use one of: investigating, identified, monitoring, resolved, postmortem) [status-kind]\n",
        ),
        (
            resolved,
            &["--status", "monitoring", "-m", "x"],
            1,
            "error: incidents/r.yaml not changed: the result would not pass `check`:\n  `monitoring` update after the incident was resolved (only `postmortem` updates may follow the resolution) [after-resolution]\n",
        ),
        (
            open,
            &[
                "--status",
                "identified",
                "-m",
                "x",
                "--component",
                "Cache=major_outage",
            ],
            2,
            "error: component `Cache` is not in the catalogue of postmortem.yaml (it has: Web app, API)\n",
        ),
        (
            open,
            &[
                "--status",
                "resolved",
                "-m",
                "x",
                "--component",
                "API=major_outage",
            ],
            1,
            "error: incidents/r.yaml not changed: the result would not pass `check`:\n  window of `API` has no `end`, but the incident is resolved (add `end:` with the time users stopped being affected) [open-window]\n",
        ),
        (
            open,
            &["--status", "identified", "--component", "API=down"],
            2,
            "error: --component `API=down`: `down` is not a component status; use one of under_maintenance, degraded_performance, partial_outage, major_outage, operational\n",
        ),
        (
            open,
            &[
                "--status",
                "identified",
                "-m",
                "x",
                "--at",
                "2026-04-07 19:00",
            ],
            2,
            "error: --at `2026-04-07 19:00` is not an RFC 3339 timestamp with an offset (like 2026-04-07T19:51:00+02:00 or 2026-04-07T17:51:00Z)\n",
        ),
        (
            open,
            &["--status", "identified"],
            1,
            "error: incidents/r.yaml not changed: the result would not pass `check`:\n  missing required key `body` in `updates[1]` (every update but a `postmortem` one needs a `body`) [missing-key]\n",
        ),
        (
            "title: T\nseverity: minor\ncomponents:\n\t- API\n",
            &["--status", "identified", "-m", "x"],
            1,
            "incidents/r.yaml:4:2: error: invalid YAML: tabs disallowed within this context (block indentation) [syntax]\n  |\n4 |  - API\n  |  ^\nerror: incidents/r.yaml has errors: fix them first (postmortem check); nothing written\n",
        ),
    ];
    for (before, args, code, message) in cases {
        let (o, after) = update(before.as_bytes(), args);
        assert_eq!(stderr(&o), *message, "{args:?}");
        assert_eq!(o.status.code(), Some(*code), "{args:?}");
        assert_eq!(text(&after), *before, "{args:?}");
    }
    let dir = Repo::new().config(CONFIG).record("r", open).build();
    let o = run_in(
        dir.path(),
        &["update", "s", "--status", "identified", "-m", "x"],
    );
    assert_eq!(
        stderr(&o),
        "error: no record `s` in incidents: did you mean `r`?\n"
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn new_without_components_and_back_dated_then_updated() {
    let dir = Repo::new().config(CONFIG).build();
    let o = run_in(
        dir.path(),
        &[
            "new",
            "Checkout fails",
            "--severity",
            "major",
            "--at",
            "2026-04-07T19:45:00+02:00",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "incidents/2026-04-07-checkout-fails.yaml\n"
    );
    let path = dir.path().join("incidents/2026-04-07-checkout-fails.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.contains("\ncomponents: []                  # none known yet: `postmortem update ID --component NAME=STATUS` adds them\n"));
    assert!(before.contains("\n  - at: 2026-04-07T17:45:00+00:00\n    status: investigating\n"));
    assert_eq!(
        stderr(&run_in(dir.path(), &["check", "--strict"])),
        "checked 1 file: no problems\n"
    );

    // Resolved without a component: a warning, at `components`.
    let o = run_in(
        dir.path(),
        &[
            "update",
            "2026-04-07-checkout-fails",
            "--status",
            "resolved",
            "-m",
            "Fixed.",
        ],
    );
    assert_eq!(stderr(&o), "");
    let check = run_in(dir.path(), &["check"]);
    assert_eq!(
        stderr(&check).lines().next().unwrap(),
        "incidents/2026-04-07-checkout-fails.yaml:3:1: warning: the incident is resolved, but names no component [no-components]"
    );
    assert_eq!(check.status.code(), Some(0));
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replace(
            "    body: \"We are investigating this issue.\"\n",
            "    body: \"We are investigating this issue.\"\n  - at: 2026-04-07T18:30:00Z\n    status: resolved\n    body: \"Fixed.\"\n"
        )
    );
}

#[test]
fn the_first_component_replaces_the_placeholders_new_wrote() {
    let dir = Repo::new().config(CONFIG).build();
    let o = run_in(
        dir.path(),
        &["new", "Checkout fails", "--at", "2026-04-07T19:45:00+02:00"],
    );
    assert_eq!(stderr(&o), "");
    let path = dir.path().join("incidents/2026-04-07-checkout-fails.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "update",
            "2026-04-07-checkout-fails",
            "--status",
            "identified",
            "-m",
            "A bad deploy.",
            "--component",
            "Web app=major_outage",
            "--at",
            "2026-04-07T18:00:00Z",
        ],
    );
    assert_eq!(stderr(&o), "");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        indoc! {r#"
            # yaml-language-server: $schema=../schema/incident.schema.json
            title: "Checkout fails"
            components: ["Web app"]
            severity: minor                 # none | minor | major | critical
            # detected_at: 2026-04-07T17:45:00+00:00   # first alert or user report
            # acknowledged_at: 2026-04-07T17:45:00+00:00   # a responder took it on
            impact:
              windows:
                - component: "Web app"
                  status: major_outage
                  start: 2026-04-07T18:00:00Z
            updates:                        # the public timeline, oldest first
              - at: 2026-04-07T17:45:00+00:00
                status: investigating
                body: "We are investigating this issue."
              - at: 2026-04-07T18:00:00Z
                status: identified
                body: "A bad deploy."
        "#}
        .to_owned()
            + &before[before.find("# postmortem:").unwrap()..]
    );
    // A second component goes after the first; the windows after the first window.
    let o = run_in(
        dir.path(),
        &[
            "update",
            "2026-04-07-checkout-fails",
            "--status",
            "monitoring",
            "-m",
            "Rolled back.",
            "--component",
            "API=degraded_performance",
            "--at",
            "2026-04-07T18:10:00Z",
        ],
    );
    assert_eq!(stderr(&o), "");
    let again = std::fs::read_to_string(&path).unwrap();
    assert!(
        again.contains("\ncomponents: [\"Web app\", \"API\"]\n"),
        "{again}"
    );
    assert!(again.contains("      start: 2026-04-07T18:00:00Z\n    - component: \"API\"\n      status: degraded_performance\n      start: 2026-04-07T18:10:00Z\nupdates:"), "{again}");
}

#[test]
fn comments_of_the_users_own_stay_when_components_are_added() {
    // Not the placeholders `new` writes: nothing is taken out.
    let before = indoc! {"
        title: T
        severity: minor
        components: []    # filled in later
        # impact:
        #   windows: []
        updates:
          - at: 2026-04-07T17:51:00Z
            status: investigating
            body: Looking.
    "};
    let dir = Repo::new()
        .config(CONFIG)
        .file("incidents/r.yaml", before)
        .build();
    let o = run_in(
        dir.path(),
        &[
            "update",
            "r",
            "--status",
            "identified",
            "-m",
            "Found.",
            "--component",
            "API=partial_outage",
            "--at",
            "2026-04-07T18:00:00Z",
        ],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("incidents/r.yaml")).unwrap(),
        indoc! {r#"
            title: T
            severity: minor
            components: ["API"]    # filled in later
            impact:
              windows:
                - component: "API"
                  status: partial_outage
                  start: 2026-04-07T18:00:00Z
            # impact:
            #   windows: []
            updates:
              - at: 2026-04-07T17:51:00Z
                status: investigating
                body: Looking.
              - at: 2026-04-07T18:00:00Z
                status: identified
                body: "Found."
        "#}
    );
}

#[test]
fn draft_adds_a_skeleton_with_the_timeline_from_updates_and_windows() {
    let before = indoc! {"
        title: T
        severity: major
        components: [API]
        impact:
          windows:
            - {component: API, status: major_outage, start: 2026-04-07T17:45:00Z, end: 2026-04-07T18:10:00Z}
        updates:
          - at: 2026-04-07T17:51:00Z
            status: investigating
            body: Looking.
          - at: 2026-04-07T18:10:00Z
            status: resolved
            body: |
              Fixed.
        # kept below the record
    "};
    let dir = Repo::new()
        .config(CONFIG)
        .file("incidents/r.yaml", before)
        .build();
    let o = run_in(dir.path(), &["draft", "r", "--owner", "@alice"]);
    assert_eq!(stderr(&o), "");
    let after = std::fs::read_to_string(dir.path().join("incidents/r.yaml")).unwrap();
    let skeleton = indoc! {r#"
        postmortem:
          # draft → in_review (open the pull request) → published (with published_at)
          status: draft
          owner: "@alice"
          # who reviews it: names or handles
          reviewers: []
          # Summary: what happened, to whom, for how long, and what ended it
          summary: ""
          # Impact: what users experienced belongs in impact.description; it is shown here
          # Timeline: what happened when, oldest first (from the updates and windows)
          timeline:
            - at: 2026-04-07T17:45:00Z
              event: "API: major outage began"
            - at: 2026-04-07T17:51:00Z
              event: "Update posted: Investigating: Looking."
            - at: 2026-04-07T18:10:00Z
              event: "API: major outage ended"
            - at: 2026-04-07T18:10:00Z
              event: "Update posted: Resolved: Fixed."
          # Root cause: why it happened: the conditions in the system, not a person
          root_cause: ""
          # Trigger: what set it off (a deploy, a change, a spike)
          trigger: ""
          # Detection: how it was noticed, and why not sooner
          detection: ""
          # Resolution: how service was restored
          resolution: ""
          # Contributing factors: what made it possible or worse ({title, description})
          contributing_factors: []
          # Lessons: what went well, what went wrong, where we got lucky
          lessons:
            went_well: []
            went_wrong: []
            lucky: []
          # Action items: {title, kind: prevent|mitigate|detect|process, owner, due, status: open}
          action_items: []
    "#};
    assert_eq!(
        after,
        before.replace("# kept below", &format!("{skeleton}# kept below"))
    );
    let check = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(stderr(&check), "checked 1 file: no problems\n");
    // A second draft, and a draft of an unresolved record, are refused; nothing is written.
    let o = run_in(dir.path(), &["draft", "r"]);
    assert_eq!(
        stderr(&o),
        "error: incidents/r.yaml has a postmortem already; nothing written\n"
    );
    assert_eq!(o.status.code(), Some(1));
    let open = &before[..before.find("  - at: 2026-04-07T18:10").unwrap()];
    let open = open.replace(", end: 2026-04-07T18:10:00Z", "");
    let (o, after) = {
        let dir = Repo::new()
            .config(CONFIG)
            .file("incidents/r.yaml", &open)
            .build();
        let o = run_in(dir.path(), &["draft", "r"]);
        (
            o,
            std::fs::read_to_string(dir.path().join("incidents/r.yaml")).unwrap(),
        )
    };
    assert_eq!(
        stderr(&o),
        "error: incidents/r.yaml is not resolved yet: a postmortem follows the resolution (postmortem update r --status resolved); nothing written\n"
    );
    assert_eq!(after, open);
}

#[test]
fn the_policy_list_of_phrases_can_be_replaced_and_its_keys_are_checked() {
    let record = indoc! {"
        title: T
        severity: major
        components: [API]
        updates:
          - {at: 2026-04-01T10:00:00Z, status: resolved, body: Fixed.}
        postmortem:
          published_at: 2026-04-02T10:00:00Z
          summary: A human error, a cowboy change.
    "};
    let dir = Repo::new()
        .config("policy:\n  postmortem:\n    required_for: [major]\n  wording: blame\n  blame_phrases: [Cowboy]\n")
        .record("r", record)
        .build();
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(
        stderr(&o),
        "incidents/r.yaml:8:29: warning: `cowboy` blames a person, not the system [blame-wording]\n  |\n8 |   summary: A human error, a cowboy change.\n  |                             ^^^^^^ describe what the system allowed, not who is to blame\nchecked 1 file: 1 warning\n"
    );
    // Without `due_days`, a missing postmortem is a warning that names no date.
    let dir = Repo::new()
        .config("policy:\n  postmortem:\n    required_for: [major]\n")
        .record("r", &record[..record.find("postmortem:").unwrap()])
        .build();
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(
        stderr(&o).lines().next().unwrap(),
        "incidents/r.yaml:2:1: warning: a `major` incident needs a published postmortem (policy `required_for`) [postmortem-due]"
    );
    let dir = Repo::new()
        .config("policy:\n  postmortem:\n    sections: [root_casue]\n")
        .build();
    let o = run_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("postmortem.yaml:3:16: error: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn hostile_text_is_quoted_and_reads_back_exactly() {
    let before = "title: T\nseverity: minor\ncomponents: [API]\nupdates:\n  - at: 2026-04-07T17:51:00Z\n    status: investigating\n    body: Looking.\n";
    let message = "\u{1b}[31mred\r\n  - at: 2026-01-01T00:00:00Z\n    status: resolved\u{2028}# \"quoted\" \\ end";
    let (o, after) = update(
        before.as_bytes(),
        &["--status", "identified", "-m", message],
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(
        text(&after),
        format!(
            "{before}  - at: 2026-04-07T18:30:00Z\n    status: identified\n    body: \"\\u001b[31mred\\r\\n  - at: 2026-01-01T00:00:00Z\\n    status: resolved\\L# \\\"quoted\\\" \\\\ end\"\n"
        )
    );
    let doc = postmortem::load::yaml::parse(&text(&after)).unwrap();
    let body = postmortem::load::yaml::locate(
        &doc.root,
        &[
            postmortem::load::yaml::Step::Key("updates"),
            postmortem::load::yaml::Step::Index(1),
            postmortem::load::yaml::Step::Key("body"),
        ],
    );
    assert_eq!(body.node.as_str(), Some(message));
}

#[test]
fn a_layout_that_would_change_a_value_is_refused_not_written() {
    // `|+` keeps the blank lines after its text: a new item after the text would take them
    // from the value. The result is read back, found different, and not written.
    let before = "title: T\nseverity: minor\ncomponents: [API]\nupdates:\n  - at: 2026-04-07T17:51:00Z\n    status: investigating\n    body: |+\n      Looking.\n\nimpact: {}\n";
    let (o, after) = update(before.as_bytes(), &["--status", "identified", "-m", "x"]);
    assert_eq!(
        stderr(&o),
        "error: incidents/r.yaml: cannot be edited in place safely (the result would not read back as intended); nothing written\n"
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&after), before);
}

#[cfg(unix)]
#[test]
fn a_record_that_is_a_link_stays_a_link() {
    let before = "title: T\nseverity: minor\ncomponents: [API]\nupdates:\n  - at: 2026-04-07T17:51:00Z\n    status: investigating\n    body: Looking.\n";
    let dir = Repo::new()
        .config(CONFIG)
        .file("records/real.yaml", before)
        .build();
    std::os::unix::fs::symlink("../records/real.yaml", dir.path().join("incidents/r.yaml"))
        .unwrap();
    let o = run_in(
        dir.path(),
        &["update", "r", "--status", "identified", "-m", "x"],
    );
    assert_eq!(stderr(&o), "");
    let link = dir.path().join("incidents/r.yaml");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let after = std::fs::read_to_string(dir.path().join("records/real.yaml")).unwrap();
    assert_eq!(
        after,
        format!("{before}  - at: 2026-04-07T18:30:00Z\n    status: identified\n    body: \"x\"\n")
    );
}

#[test]
fn the_policy_init_suggests_is_valid_once_uncommented() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(tmp.path(), &["init", "status"]);
    assert!(o.status.success());
    let path = tmp.path().join("status/postmortem.yaml");
    let config = std::fs::read_to_string(&path).unwrap();
    let at = config.find("# policy:").unwrap();
    let uncommented: String = config[at..]
        .lines()
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    assert!(uncommented.starts_with("policy:"));
    std::fs::write(&path, format!("{}{uncommented}", &config[..at])).unwrap();
    let o = run_in(&tmp.path().join("status"), &["check", "--strict"]);
    assert_eq!(stderr(&o), "checked 1 file: no problems\n");
}
