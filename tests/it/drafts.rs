//! Postmortems in `draft` or `in_review` reach no built file; `build --drafts` shows them,
//! marked, on a preview site.

use std::path::Path;
use std::process::{Command, Output};

use indoc::indoc;

use crate::common::{Repo, tree};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1775586600")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn record(title: &str, postmortem: &str) -> String {
    format!(
        "title: {title}\nseverity: major\ncomponents: [API]\nimpact:\n  windows:\n    - {{component: API, status: major_outage, start: 2026-04-01T10:00:00Z, end: 2026-04-01T11:00:00Z}}\nupdates:\n  - {{at: 2026-04-01T10:05:00Z, status: investigating, body: Looking.}}\n  - {{at: 2026-04-01T11:00:00Z, status: resolved, body: Fixed.}}\n{postmortem}"
    )
}

fn repo() -> tempfile::TempDir {
    Repo::new()
        .config("name: Acme\nurl: https://status.acme.test/\n")
        .record(
            "2026-04-01-draft",
            &record(
                "Drafted outage",
                indoc! {"
                    postmortem:
                      status: draft
                      owner: \"@alice\"
                      summary: DRAFT-CANARY-1 summary.
                      root_cause: DRAFT-CANARY-1 cause.
                "},
            ),
        )
        .record(
            "2026-04-02-review",
            &record(
                "Reviewed outage",
                indoc! {"
                    postmortem:
                      status: in_review
                      owner: \"@bob\"
                      reviewers: [\"@carol\", \"@dan\"]
                      published_at: 2026-04-03T09:00:00Z
                      summary: REVIEW-CANARY-2 summary.
                      action_items:
                        - {title: REVIEW-CANARY-2 item, status: open}
                "},
            ),
        )
        .record(
            "2026-04-03-published",
            &record(
                "Published outage",
                indoc! {"
                    postmortem:
                      status: published
                      published_at: 2026-04-04T09:00:00Z
                      summary: PUBLIC-CANARY-3 summary.
                "},
            ),
        )
        .build()
}

fn files_containing(site: &Path, needle: &str) -> Vec<String> {
    tree(site)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn drafts_and_postmortems_in_review_reach_no_built_file() {
    let dir = repo();
    let o = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "checked 3 files: no problems\n"
    );
    let o = run_in(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let site = dir.path().join("site");
    assert!(tree(&site).len() > 20);
    for secret in [
        "DRAFT-CANARY-1",
        "REVIEW-CANARY-2",
        "@alice",
        "@carol",
        "class=\"draft-banner\"",
        "class=\"draft-mark\"",
        "Not published",
    ] {
        assert_eq!(
            files_containing(&site, secret),
            Vec::<String>::new(),
            "{secret}"
        );
    }
    // The records themselves are public; only their postmortems wait.
    assert!(!files_containing(&site, "Drafted outage").is_empty());
    assert!(!files_containing(&site, "PUBLIC-CANARY-3").is_empty());
    let page =
        std::fs::read_to_string(site.join("incidents/2026-04-02-review/index.html")).unwrap();
    assert!(!page.contains("Postmortem"), "an empty postmortem heading");
}

#[test]
fn build_drafts_marks_them_on_every_page() {
    let dir = repo();
    let o = run_in(dir.path(), &["build", "--drafts", "--out", "preview"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let site = dir.path().join("preview");
    let pages: Vec<String> = tree(&site)
        .into_keys()
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 6, "{pages:?}");
    for page in &pages {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(
            html.contains("<p class=\"draft-banner\" role=\"note\">Preview: this build shows postmortems that are not published yet (drafts and in review), each marked. Do not publish it.</p>"),
            "{page} is not marked as a preview"
        );
    }
    let draft =
        std::fs::read_to_string(site.join("incidents/2026-04-01-draft/index.html")).unwrap();
    assert!(draft.contains("<h2 id=\"postmortem\">Postmortem <span class=\"draft-mark\">Draft</span></h2>\n<p class=\"draft-note\">Not published: a preview of a postmortem being written; owner @alice.</p>\n<h3>Summary</h3>"));
    assert!(draft.contains("DRAFT-CANARY-1 cause."));
    let review =
        std::fs::read_to_string(site.join("incidents/2026-04-02-review/index.html")).unwrap();
    assert!(review.contains("<h2 id=\"postmortem\">Postmortem <span class=\"draft-mark\">In review</span></h2>\n<p class=\"draft-note\">Not published: a preview of a postmortem in review; owner @bob; reviewers @carol, @dan.</p>\n<p class=\"meta\">Published"));
    let md = std::fs::read_to_string(site.join("incidents/2026-04-01-draft.md")).unwrap();
    assert!(md.contains("## Postmortem (Draft)\n\n**Not published:** a preview of a postmortem being written; owner @alice.\n"), "{md}");
    let published =
        std::fs::read_to_string(site.join("incidents/2026-04-03-published/index.html")).unwrap();
    assert!(
        published.contains("<h2 id=\"postmortem\">Postmortem</h2>\n<p class=\"meta\">Published")
    );
}

#[test]
fn published_at_is_required_only_once_published() {
    let dir = Repo::new()
        .record(
            "2026-04-01-a",
            &record("A", "postmortem:\n  status: in_review\n  summary: S.\n"),
        )
        .record("2026-04-01-b", &record("B", "postmortem:\n  summary: S.\n"))
        .record(
            "2026-04-01-c",
            &record("C", "postmortem:\n  status: publshed\n  summary: S.\n"),
        )
        .build();
    let o = run_in(dir.path(), &["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    let headers: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("incidents/"))
        .collect();
    assert_eq!(
        headers,
        [
            "incidents/2026-04-01-b.yaml:10:1: error: missing required key `published_at` in `postmortem` [missing-key]",
            "incidents/2026-04-01-c.yaml:11:11: error: the text `publshed` is not a valid `status`: expected one of draft, in_review, published [invalid-value]",
        ]
    );
}
