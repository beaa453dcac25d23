//! `build`: the whole site, its files, determinism, and the publishing step.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{Repo, names, root, tree};
use indoc::indoc;
use std::process::{Command, Output};

/// 2026-04-10T00:00:00Z: the moment the example sites are built "as of".
const EPOCH: &str = "1775779200";

fn build(site: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("-C")
        .arg(site)
        .arg("build")
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs")
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

#[test]
fn both_examples_build_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("latitude");
    let o = build(&root().join("examples/latitude"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = tree(&out);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            ".postmortem-site",
            "api/v2/components.json",
            "api/v2/incidents.json",
            "api/v2/incidents/30b60443d526.json",
            "api/v2/incidents/83870e48aa97.json",
            "api/v2/incidents/8659d16e18ff.json",
            "api/v2/incidents/bc150658ac20.json",
            "api/v2/incidents/unresolved.json",
            "api/v2/scheduled-maintenances.json",
            "api/v2/scheduled-maintenances/active.json",
            "api/v2/scheduled-maintenances/upcoming.json",
            "api/v2/status.json",
            "api/v2/summary.json",
            "badge.svg",
            "components/api/badge.svg",
            "components/api/feed.atom",
            "components/api/feed.rss",
            "components/api/history/index.html",
            "components/api/index.html",
            "components/api/maintenance.ics",
            "components/background-jobs/badge.svg",
            "components/background-jobs/feed.atom",
            "components/background-jobs/feed.rss",
            "components/background-jobs/history/index.html",
            "components/background-jobs/index.html",
            "components/background-jobs/maintenance.ics",
            "components/cache/badge.svg",
            "components/cache/feed.atom",
            "components/cache/feed.rss",
            "components/cache/history/2025-05/index.html",
            "components/cache/history/index.html",
            "components/cache/index.html",
            "components/cache/maintenance.ics",
            "components/database/badge.svg",
            "components/database/feed.atom",
            "components/database/feed.rss",
            "components/database/history/2025-05/index.html",
            "components/database/history/index.html",
            "components/database/index.html",
            "components/database/maintenance.ics",
            "components/gateway/badge.svg",
            "components/gateway/feed.atom",
            "components/gateway/feed.rss",
            "components/gateway/history/2025-05/index.html",
            "components/gateway/history/index.html",
            "components/gateway/index.html",
            "components/gateway/maintenance.ics",
            "components/web-app/badge.svg",
            "components/web-app/feed.atom",
            "components/web-app/feed.rss",
            "components/web-app/history/2026-04/index.html",
            "components/web-app/history/index.html",
            "components/web-app/index.html",
            "components/web-app/maintenance.ics",
            "feed.atom",
            "feed.rss",
            "history/2025-05/index.html",
            "history/2026-04/index.html",
            "history/index.html",
            "incidents.json",
            "incidents/2025-05-30-gateway-outage.md",
            "incidents/2025-05-30-gateway-outage/index.html",
            "incidents/2025-05-31-cache-database-upgrade.md",
            "incidents/2025-05-31-cache-database-upgrade/index.html",
            "incidents/2026-04-07-api-health-down.md",
            "incidents/2026-04-07-api-health-down/index.html",
            "incidents/2026-04-07-ecr-image-expiry.md",
            "incidents/2026-04-07-ecr-image-expiry/index.html",
            "index.html",
            "maintenance.ics",
            "style.css",
        ]
    );
    let out = tmp.path().join("flatfile");
    assert!(
        build(&root().join("examples/flatfile"), &out)
            .status
            .success()
    );
    assert!(
        out.join("incidents/2025-04-02-spaces-503s/index.html")
            .is_file()
    );
    assert!(out.join("maintenance.ics").is_file());
}

#[test]
fn the_feed_reproduces_the_seed_feed_entry_for_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(
        build(&root().join("examples/latitude"), &out)
            .status
            .success()
    );
    let rss = std::fs::read_to_string(out.join("feed.rss")).unwrap();
    let items: Vec<(String, String, String)> = rss
        .split("<item>")
        .skip(1)
        .map(|item| {
            let get = |tag: &str| {
                let open = item.find(&format!("<{tag}")).unwrap();
                let start = open + item[open..].find('>').unwrap() + 1;
                let end = start + item[start..].find(&format!("</{tag}>")).unwrap();
                item[start..end].to_owned()
            };
            (get("title"), get("pubDate"), get("category"))
        })
        .collect();
    // The seed's six items, in the seed's order, one per update (the postmortems are updates).
    assert_eq!(
        items,
        [
            (
                "ECS task failures and service disruption due to ECR image expiry".into(),
                "Tue, 07 Apr 2026 19:58:00 +0000".into(),
                "postmortem".into()
            ),
            (
                "app.latitude.so/api/health".into(),
                "Tue, 07 Apr 2026 19:46:55 +0000".into(),
                "resolved".into()
            ),
            (
                "app.latitude.so/api/health".into(),
                "Tue, 07 Apr 2026 19:41:20 +0000".into(),
                "investigating".into()
            ),
            (
                "May 30th, 2025 – Postmortem".into(),
                "Sat, 31 May 2025 18:06:00 +0000".into(),
                "postmortem".into()
            ),
            (
                "Cache &amp; Database upgrade".into(),
                "Sat, 31 May 2025 09:15:00 +0000".into(),
                "completed".into()
            ),
            (
                "Cache &amp; Database upgrade".into(),
                "Sat, 31 May 2025 08:00:00 +0000".into(),
                "scheduled".into()
            ),
        ]
    );
    assert!(rss.contains("<title>Incidents | Latitude</title>"));
    assert!(
        rss.contains("<description>Incidents reported on status page for Latitude</description>")
    );
    assert!(rss.contains("<url>https://d1lppblt9t2x15.cloudfront.net/logos/c7afe3c41f6722fca005cc9c9be14f07.png</url>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert!(
        build(&root().join("examples/latitude"), &a)
            .status
            .success()
    );
    assert!(
        build(&root().join("examples/latitude"), &b)
            .status
            .success()
    );
    assert_eq!(tree(&a), tree(&b));
    // Building again into the same folder replaces it with the same bytes.
    let before = tree(&a);
    assert!(
        build(&root().join("examples/latitude"), &a)
            .status
            .success()
    );
    assert_eq!(tree(&a), before);
}

#[test]
fn a_bad_record_fails_the_build_and_leaves_the_previous_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = common::flatfile_repo(tmp.path(), "repo");
    let out = tmp.path().join("site");
    assert!(build(&repo, &out).status.success());
    let before = tree(&out);
    std::fs::copy(
        root().join("tests/fixtures/rules/enum-typo.yaml"),
        repo.join("incidents/2025-04-03-broken.yaml"),
    )
    .unwrap();
    let o = build(&repo, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "2025-04-03-broken.yaml:7:15: error: the text `partial_outgae` is not a valid `status`"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: invalid records: nothing built,"),
        "{err}"
    );
    assert_eq!(tree(&out), before);
    let siblings: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings.len(), 2, "{siblings:?}");
}

/// A copy of the Latitude example in `dir/repo`, without its built site.
fn latitude_repo(dir: &Path) -> std::path::PathBuf {
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join("incidents")).unwrap();
    let from = root().join("examples/latitude");
    std::fs::copy(from.join("postmortem.yaml"), repo.join("postmortem.yaml")).unwrap();
    for e in std::fs::read_dir(from.join("incidents")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), repo.join("incidents").join(e.file_name())).unwrap();
    }
    repo
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn a_killed_builds_leftovers_become_the_next_builds_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    // A build marks its workspace as it makes it, so a killed one leaves marked folders.
    for name in [".site.postmortem-new-abc123", ".site.postmortem-new-def456"] {
        let leftover = tmp.path().join(name);
        std::fs::create_dir_all(leftover.join("incidents/stale")).unwrap();
        std::fs::write(leftover.join(".postmortem-site"), "").unwrap();
        std::fs::write(leftover.join("index.html"), "half").unwrap();
        std::fs::write(leftover.join("incidents/stale.md"), "gone").unwrap();
    }
    let fresh = tmp.path().join("fresh");
    assert!(
        build(&root().join("examples/flatfile"), &fresh)
            .status
            .success()
    );
    assert!(
        build(&root().join("examples/flatfile"), &out)
            .status
            .success()
    );
    // One leftover became the site, with nothing of what it held before; the rest are gone.
    assert_eq!(names(tmp.path()), ["fresh", "site"]);
    assert_eq!(tree(&out), tree(&fresh));
}

#[test]
fn the_replaced_site_is_kept_beside_it_hidden_from_git_and_reused() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = latitude_repo(tmp.path());
    let out = repo.join("site");
    assert!(build(&repo, &out).status.success());
    let first = tree(&out);
    let page = out.join("incidents/2025-05-30-gateway-outage/index.html");
    #[cfg(unix)]
    let first_inode = inode(&page);
    assert!(build(&repo, &out).status.success());
    let kept: Vec<String> = names(&repo)
        .into_iter()
        .filter(|n| n.starts_with(".site.postmortem-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let kept = repo.join(&kept[0]);
    assert_eq!(
        std::fs::read_to_string(kept.join(".gitignore")).unwrap(),
        "# The previous site, kept by `postmortem build` as its next workspace.\n# Safe to delete.\n*\n"
    );
    assert!(
        std::fs::read_to_string(kept.join("CACHEDIR.TAG"))
            .unwrap()
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55\n")
    );
    // The published site never carries the markers.
    assert_eq!(tree(&out), first);

    // The third build writes into the first one's folder: files whose bytes did not change
    // are the same files, not new ones.
    assert!(build(&repo, &out).status.success());
    assert_eq!(tree(&out), first);
    #[cfg(unix)]
    assert_eq!(inode(&page), first_inode);
    assert_eq!(
        names(&repo),
        [
            kept.file_name().unwrap().to_string_lossy().as_ref(),
            "incidents",
            "postmortem.yaml",
            "site"
        ]
    );

    // git sees nothing of the kept folder.
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .current_dir(&repo)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    std::fs::write(repo.join(".gitignore"), "/site/\n").unwrap();
    git(&["init", "-q"]);
    assert_eq!(
        git(&["status", "--porcelain", "--untracked-files=all"]),
        "?? .gitignore\n?? incidents/2025-05-30-gateway-outage.yaml\n?? incidents/2025-05-31-cache-database-upgrade.yaml\n?? incidents/2026-04-07-api-health-down.yaml\n?? incidents/2026-04-07-ecr-image-expiry.yaml\n?? postmortem.yaml\n"
    );
}

#[test]
fn a_rebuild_in_a_reused_folder_equals_a_build_from_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = latitude_repo(tmp.path());
    let out = repo.join("site");
    assert!(build(&repo, &out).status.success());
    assert!(build(&repo, &out).status.success());
    // Tamper with the kept folder the way nothing but a person could.
    let kept = names(&repo)
        .into_iter()
        .find(|n| n.starts_with(".site.postmortem-"))
        .map(|n| repo.join(n))
        .unwrap();
    std::fs::remove_file(kept.join("feed.rss")).unwrap();
    std::fs::create_dir(kept.join("feed.rss")).unwrap();
    std::fs::write(
        kept.join("incidents/2025-05-30-gateway-outage/extra.txt"),
        "x",
    )
    .unwrap();
    std::fs::write(kept.join("index.html"), "<p>old</p>").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", kept.join("style.css.tmp")).unwrap();
    // One record gone, one changed.
    std::fs::remove_file(repo.join("incidents/2025-05-31-cache-database-upgrade.yaml")).unwrap();
    let ecr = repo.join("incidents/2026-04-07-ecr-image-expiry.yaml");
    let text = std::fs::read_to_string(&ecr).unwrap();
    std::fs::write(&ecr, text.replacen("title: ", "title: Updated - ", 1)).unwrap();

    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fresh = tmp.path().join("fresh");
    assert!(build(&repo, &fresh).status.success());
    assert_eq!(tree(&out), tree(&fresh));
    assert!(
        !tree(&out).contains_key("incidents/2025-05-31-cache-database-upgrade.md"),
        "the removed record's page stays"
    );
}

#[test]
fn a_failed_build_keeps_its_folder_for_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = common::flatfile_repo(tmp.path(), "repo");
    let out = tmp.path().join("site");
    assert!(build(&repo, &out).status.success());
    let before = tree(&out);
    // A template that fails only once rendering has begun.
    std::fs::create_dir_all(repo.join("templates")).unwrap();
    std::fs::write(repo.join("templates/index.html"), "{{ no_such_variable }}").unwrap();
    let o = build(&repo, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no_such_variable"), "{err}");
    assert_eq!(tree(&out), before);
    std::fs::remove_dir_all(repo.join("templates")).unwrap();
    assert!(build(&repo, &out).status.success());
    assert_eq!(tree(&out), before);
    assert_eq!(names(tmp.path()).len(), 3, "{:?}", names(tmp.path()));
}

/// Every `src="…"` and `href="…"` value of a page.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].to_owned());
        }
    }
    out
}

#[test]
fn no_page_loads_or_links_another_host_but_the_configured_logo() {
    let tmp = tempfile::tempdir().unwrap();
    for site in ["latitude", "flatfile"] {
        let out = tmp.path().join(site);
        assert!(
            build(&root().join("examples").join(site), &out)
                .status
                .success()
        );
        for (name, bytes) in tree(&out).iter().filter(|(n, _)| n.ends_with(".html")) {
            let html = String::from_utf8_lossy(bytes);
            for url in urls(&html) {
                let external = url.contains("://") || url.starts_with("//");
                assert!(
                    !external
                        || url
                            == "https://d1lppblt9t2x15.cloudfront.net/logos/c7afe3c41f6722fca005cc9c9be14f07.png",
                    "{site}/{name}: {url}"
                );
            }
            assert!(!html.contains("<script"), "{site}/{name}");
        }
    }
}

#[test]
fn the_index_shows_status_uptime_and_history() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(
        build(&root().join("examples/latitude"), &out)
            .status
            .success()
    );
    let files = tree(&out);
    let index = text(&files, "index.html");
    assert!(index.contains("<p class=\"overall ok\" role=\"status\">All systems operational</p>"));
    // Built as of 2026-04-10: the ECR outage is on the Web app's bar, three days before the
    // end; 6960 s of 90 days is 0.090%.
    assert!(
        index.contains("<title>Apr 7, 2026: Major outage 1h 56m</title>"),
        "{index}"
    );
    assert!(
        index.contains("aria-label=\"Web app: 99.910% available over the last 90 days\""),
        "{index}"
    );
    // The front page holds the bar's 90 days of history; May 2025 is in the archive.
    assert!(index.contains("<h3>April 2026</h3>"));
    assert!(!index.contains("May 2025"));
    assert!(index.contains(
        "<p class=\"archive\"><a href=\"history/\">Older incidents: the history archive</a></p>"
    ));
    let archive = text(&files, "history/index.html");
    let april = archive
        .find("<li><a href=\"../history/2026-04/\">April</a> <span class=\"muted\">2 records</span></li>")
        .unwrap();
    let may = archive
        .find("<li><a href=\"../history/2025-05/\">May</a> <span class=\"muted\">2 records</span></li>")
        .unwrap();
    assert!(april < may, "newest month first");
    let may = text(&files, "history/2025-05/index.html");
    assert!(
        may.contains(
            "<a href=\"../../incidents/2025-05-30-gateway-outage/\">May 30th, 2025 – Postmortem</a>"
        ),
        "{may}"
    );
    assert!(may.contains("<a href=\"../../history/2026-04/\">Newer: April 2026</a>"));
    assert!(!may.contains("Older:"));
    assert!(index.contains("<a href=\"incidents/2026-04-07-ecr-image-expiry/\">ECS task failures and service disruption due to ECR image expiry</a>"));
    assert!(index.contains("<p>Latitude experienced a major incident on April 7, 2026 affecting Web app, lasting 1h 56m.</p>"));
    let page = text(&files, "incidents/2026-04-07-ecr-image-expiry/index.html");
    assert!(page.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
}

#[test]
fn an_open_incident_and_upcoming_maintenance_show_on_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            components: [{name: Checkout}, {name: Search}]
        "})
        .record(
            "2026-04-09-checkout-slow",
            indoc! {"
                title: Checkout is slow
                severity: minor
                components: [Checkout]
                impact:
                  windows:
                    - component: Checkout
                      status: partial_outage
                      start: 2026-04-09T22:00:00Z
                updates:
                  - at: 2026-04-09T22:05:00Z
                    status: identified
                    body: A slow database query.
            "},
        )
        .record(
            "2026-04-12-search-upgrade",
            indoc! {"
                title: Search upgrade
                kind: maintenance
                components: [Search]
                scheduled:
                  start: 2026-04-12T06:00:00Z
                  end: 2026-04-12T07:00:00Z
                updates:
                  - at: 2026-04-08T10:00:00Z
                    status: scheduled
                    body: We will upgrade search.
            "},
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<p class=\"overall partial_outage\" role=\"status\">Partial outage</p>"),
        "{index}"
    );
    assert!(index.contains("<h2 id=\"open\">Open incidents</h2>"));
    assert!(index.contains("<a href=\"incidents/2026-04-09-checkout-slow/\">Checkout is slow</a> <span class=\"badge status-identified\">Identified</span>"));
    assert!(index.contains("<a class=\"component-name\" href=\"components/checkout/\">Checkout</a><span class=\"component-status\"><span class=\"dot partial_outage\" aria-hidden=\"true\"></span>Partial outage</span>"));
    assert!(index.contains("<h2 id=\"upcoming\">Upcoming maintenance</h2>\n<p class=\"muted\">Add every planned window to your calendar: <a href=\"maintenance.ics\">maintenance.ics</a></p>"));
    assert!(index.contains(
        "<a href=\"incidents.json\">JSON</a> <a href=\"maintenance.ics\">Calendar</a></nav>"
    ));
    assert!(
        index.contains("<time datetime=\"2026-04-12T06:00:00Z\">Apr 12, 2026, 6:00 AM UTC</time>")
    );
    let ics = std::fs::read_to_string(out.join("maintenance.ics")).unwrap();
    assert_eq!(
        ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//postmortem//status page//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Shop maintenance\r\n\
         BEGIN:VEVENT\r\nUID:2026-04-12-search-upgrade@status.example.com\r\nDTSTAMP:20260408T100000Z\r\nSEQUENCE:0\r\nLAST-MODIFIED:20260408T100000Z\r\nDTSTART:20260412T060000Z\r\nDTEND:20260412T070000Z\r\n\
         SUMMARY:Search upgrade\r\nDESCRIPTION:We will upgrade search.\r\nCATEGORIES:Search\r\nURL:https://status.example.com/incidents/2026-04-12-search-upgrade/\r\n\
         STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn a_local_logo_is_copied_and_linked_relatively() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            url: https://status.example.com/shop/
            logo: assets/Logo.SVG
        "})
        .file(
            "assets/Logo.SVG",
            r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#,
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("logo.svg").is_file());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<img src=\"logo.svg\" alt=\"Shop\" height=\"32\">"));
    assert!(
        std::fs::read_to_string(out.join("feed.rss"))
            .unwrap()
            .contains("<url>https://status.example.com/shop/logo.svg</url>")
    );
    std::fs::remove_file(repo.join("assets/Logo.SVG")).unwrap();
    let o = build(&repo, &tmp.path().join("other"));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: the logo `assets/Logo.SVG` named in postmortem.yaml: no such file; nothing built\n"
    );
}

#[test]
fn hostile_text_in_every_field_never_runs_on_any_page_and_feeds_stay_well_formed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&root().join("tests/fixtures/xss"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = tree(&out);
    let pages: Vec<&String> = files.keys().filter(|n| n.ends_with(".html")).collect();
    assert_eq!(
        pages,
        [
            "components/api/history/2025-01/index.html",
            "components/api/history/index.html",
            "components/api/index.html",
            "components/svg-onload-alert-1/history/2025-01/index.html",
            "components/svg-onload-alert-1/history/index.html",
            "components/svg-onload-alert-1/index.html",
            "history/2025-01/index.html",
            "history/index.html",
            "incidents/2025-01-01-hostile/index.html",
            "index.html"
        ]
    );
    for name in pages {
        common::assert_no_active_content(&text(&files, name));
    }
    let index = text(&files, "index.html");
    // The config name and the component names are shown, escaped.
    assert!(index.contains("<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co status</h1>"));
    assert!(index.contains("<a class=\"component-name\" href=\"components/svg-onload-alert-1/\">&lt;svg onload=alert(1)&gt;</a>"));
    let badge = text(&files, "components/svg-onload-alert-1/badge.svg");
    assert!(
        badge.contains("<title>&lt;svg onload=alert(1)&gt;: operational</title>"),
        "{badge}"
    );
    common::assert_well_formed(&badge);
    for feed in [
        "feed.rss",
        "feed.atom",
        "components/svg-onload-alert-1/feed.rss",
        "components/svg-onload-alert-1/feed.atom",
    ] {
        common::assert_well_formed(&text(&files, feed));
    }
    serde_json::from_str::<serde_json::Value>(&text(&files, "incidents.json")).expect("valid JSON");
}

/// The cost per record, counted rather than timed: twice the records, twice the page renders;
/// the feeds and the front page add a bounded number, whatever the count.
#[test]
fn building_twice_the_records_renders_each_template_the_same_number_of_times_per_record() {
    use postmortem::check::{Context, check_bytes};
    use postmortem::config::Config;
    let text = std::fs::read_to_string(
        root().join("examples/flatfile/incidents/2025-04-02-spaces-503s.yaml"),
    )
    .unwrap();
    let config = Config::defaults(Path::new("."));
    let cx = Context {
        config: &config,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    let records = |n: usize| -> Vec<postmortem::model::Record> {
        (0..n)
            .map(|i| {
                let mut r = check_bytes(Path::new("r.yaml"), text.as_bytes(), &cx)
                    .record
                    .unwrap();
                r.id = format!("record-{i:04}");
                r
            })
            .collect()
    };
    let tmp = tempfile::tempdir().unwrap();
    let now = chrono::DateTime::from_timestamp(1_775_779_200, 0).unwrap();
    let small =
        postmortem::site::build(&config, &records(100), &tmp.path().join("a"), now, false).unwrap();
    let large =
        postmortem::site::build(&config, &records(200), &tmp.path().join("b"), now, false).unwrap();
    assert_eq!(large.renders - small.renders, 2 * 100);
    // Pages and Markdown (2 per record), the postmortems of the 50 newest feed entries (the
    // component's feeds hold the same records: each is rendered once), the index.
    // The component's page, the archive's index and its one month, the component's archive's
    // index and its one month.
    assert_eq!(small.renders, 2 * 100 + 50 + 1 + 1 + 2 + 2);
}

#[cfg(unix)]
#[test]
fn a_logo_linked_to_a_file_outside_the_repository_is_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            url: https://status.example.com/shop/
            logo: assets/logo.png
        "})
        .build_in(&tmp.path().join("repo"));
    std::fs::create_dir_all(repo.join("assets")).unwrap();
    std::fs::write(tmp.path().join("secret.png"), "not for the public").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.png"), repo.join("assets/logo.png"))
        .unwrap();
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: the logo `assets/logo.png` named in postmortem.yaml: leads outside the repository (to {}); only files inside it are read; nothing built\n",
            tmp.path()
                .join("secret.png")
                .canonicalize()
                .unwrap()
                .display()
        )
    );
    // Nothing was made: no site, no workspace beside it.
    assert_eq!(names(tmp.path()), ["repo", "secret.png"]);
}

#[test]
fn catalogue_groups_show_their_worst_status_with_members_inside_details() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            components:
              - {name: API, group: Core}
              - {name: Checkout}
              - {name: Web, group: Core}
        "})
        .record(
            "2026-04-09-web-slow",
            indoc! {"
                title: Web is slow
                severity: minor
                components: [Web]
                impact:
                  windows:
                    - component: Web
                      status: degraded_performance
                      start: 2026-04-09T22:00:00Z
                updates:
                  - at: 2026-04-09T22:05:00Z
                    status: identified
                    body: A slow query.
            "},
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let heads: Vec<&str> = index
        .lines()
        .filter(|l| l.starts_with("<summary>") || l.starts_with("<div class=\"component-head\">"))
        .collect();
    assert_eq!(
        heads,
        [
            "<summary><span class=\"component-head\"><span class=\"component-name\">Core</span><span class=\"component-status\"><span class=\"dot degraded_performance\" aria-hidden=\"true\"></span>Degraded performance</span></span></summary>",
            "<div class=\"component-head\"><a class=\"component-name\" href=\"components/api/\">API</a><span class=\"component-status\"><span class=\"dot operational\" aria-hidden=\"true\"></span>Operational</span></div>",
            "<div class=\"component-head\"><a class=\"component-name\" href=\"components/web/\">Web</a><span class=\"component-status\"><span class=\"dot degraded_performance\" aria-hidden=\"true\"></span>Degraded performance</span></div>",
            "<div class=\"component-head\"><a class=\"component-name\" href=\"components/checkout/\">Checkout</a><span class=\"component-status\"><span class=\"dot operational\" aria-hidden=\"true\"></span>Operational</span></div>",
        ]
    );
    // The group's members are inside its <details>; Checkout is outside any.
    let details = &index[index.find("<details>").unwrap()..index.find("</details>").unwrap()];
    assert!(details.contains("components/web/") && details.contains("components/api/"));
    assert!(!details.contains("components/checkout/"));
}

/// A record a month, from `first` (`YYYY-MM`) for `months` months, each on the 10th.
fn monthly_records(mut repo: Repo, first: (i32, u32), months: u32) -> Repo {
    let (mut y, mut m) = first;
    for _ in 0..months {
        let id = format!("{y}-{m:02}-10-api-down");
        repo = repo.record(
            &id,
            &format!(
                "title: API down {y}-{m:02}\nseverity: minor\ncomponents: [API]\nimpact:\n  windows:\n    - component: API\n      status: major_outage\n      start: {y}-{m:02}-10T10:00:00Z\n      end: {y}-{m:02}-10T11:00:00Z\nupdates:\n  - at: {y}-{m:02}-10T10:05:00Z\n    status: investigating\n    body: Down.\n  - at: {y}-{m:02}-10T11:00:00Z\n    status: resolved\n    body: Up.\n"
            ),
        );
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    repo
}

#[test]
fn three_years_of_history_live_in_the_archive_and_the_front_page_keeps_the_last_90_days() {
    let tmp = tempfile::tempdir().unwrap();
    // May 2023 to April 2026: 36 records, one a month; built as of 2026-04-10.
    let repo = monthly_records(Repo::new().config("name: Shop\n"), (2023, 5), 36)
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = tree(&out);
    let index = text(&files, "index.html");
    let listed: Vec<&str> = index
        .lines()
        .filter_map(|l| l.strip_prefix("<li><a href=\"incidents/"))
        .map(|l| &l[..l.find('/').unwrap()])
        .collect();
    // 2026-01-11 is the bar's first day: January 10th is just outside it.
    assert_eq!(
        listed,
        [
            "2026-04-10-api-down",
            "2026-03-10-api-down",
            "2026-02-10-api-down"
        ]
    );
    assert!(index.contains("<a href=\"history/\">Older incidents: the history archive</a>"));
    let months: Vec<&String> = files
        .keys()
        .filter(|n| n.starts_with("history/") && n.len() == "history/2026-04/index.html".len())
        .collect();
    assert_eq!(months.len(), 36);
    for (y, m) in (0..36).map(|i| (2023 + (i + 4) / 12, (i + 4) % 12 + 1)) {
        let page = text(&files, &format!("history/{y}-{m:02}/index.html"));
        let ids: Vec<&str> = page
            .lines()
            .filter_map(|l| l.strip_prefix("<li><a href=\"../../incidents/"))
            .map(|l| &l[..l.find('/').unwrap()])
            .collect();
        assert_eq!(ids, [format!("{y}-{m:02}-10-api-down")], "{y}-{m:02}");
    }
    let first = text(&files, "history/2023-05/index.html");
    assert!(first.contains("<a href=\"../../history/2023-06/\">Newer: June 2023</a>"));
    assert!(!first.contains("Older:"));
    let mid = text(&files, "history/2024-01/index.html");
    assert!(mid.contains("<a href=\"../../history/2024-02/\">Newer: February 2024</a>"));
    assert!(mid.contains("<a href=\"../../history/2023-12/\">Older: December 2023</a>"));
    let archive = text(&files, "history/index.html");
    let years: Vec<&str> = archive
        .lines()
        .filter_map(|l| l.strip_prefix("<h2>"))
        .collect();
    assert_eq!(years, ["2026</h2>", "2025</h2>", "2024</h2>", "2023</h2>"]);
    assert_eq!(
        archive
            .matches("<span class=\"muted\">1 record</span>")
            .count(),
        36
    );
    // The front page does not grow with the history.
    assert!(index.len() < 40_000, "{}", index.len());
}

/// The ids listed by a history page, from its links to records (`prefix` is the page's root
/// followed by `incidents/`).
fn listed_ids<'a>(page: &'a str, prefix: &str) -> Vec<&'a str> {
    page.lines()
        .filter_map(|l| l.strip_prefix(&format!("<li><a href=\"{prefix}")))
        .map(|l| &l[..l.find('/').unwrap()])
        .collect()
}

#[test]
fn ten_years_of_a_component_live_in_its_archive_and_its_page_keeps_the_last_90_days() {
    let tmp = tempfile::tempdir().unwrap();
    // May 2016 to April 2026: 120 API records, one a month; and one Web record of
    // March 2026, which no page of the API's lists. Built as of 2026-04-10.
    let repo = monthly_records(Repo::new().config("name: Shop\n"), (2016, 5), 120)
        .record(
            "2026-03-20-web-slow",
            indoc! {"
                title: Web slow
                severity: minor
                components: [Web]
                updates:
                  - at: 2026-03-20T10:00:00Z
                    status: investigating
                    body: Slow.
                  - at: 2026-03-20T11:00:00Z
                    status: resolved
                    body: Fast.
            "},
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = tree(&out);

    // The component's page: the bar's 90 days only (2026-01-11 on), and a link to its archive.
    let page = text(&files, "components/api/index.html");
    assert_eq!(
        listed_ids(&page, "../../incidents/"),
        [
            "2026-04-10-api-down",
            "2026-03-10-api-down",
            "2026-02-10-api-down"
        ]
    );
    assert!(page.contains("<p class=\"archive\"><a href=\"../../components/api/history/\">Older incidents of API: its history archive</a></p>"));
    // It does not grow with the history.
    assert!(page.len() < 20_000, "{}", page.len());

    // Its archive: exactly an index and a page per month with a record of API.
    let api_archive: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|n| n.starts_with("components/api/history/"))
        .collect();
    assert_eq!(api_archive.len(), 121);
    assert_eq!(api_archive[0], "components/api/history/2016-05/index.html");
    assert_eq!(
        api_archive[119],
        "components/api/history/2026-04/index.html"
    );
    assert_eq!(api_archive[120], "components/api/history/index.html");
    let index = text(&files, "components/api/history/index.html");
    assert!(index.contains("<title>API history · Shop status</title>"));
    assert!(index.contains("<p class=\"crumbs\"><a href=\"../../../\">Shop status</a> › <a href=\"../../../components/api/\">API</a></p>\n<h1>API history</h1>"));
    let years: Vec<&str> = index
        .lines()
        .filter_map(|l| l.strip_prefix("<h2>"))
        .collect();
    assert_eq!(
        years,
        (2016..=2026)
            .rev()
            .map(|y| format!("{y}</h2>"))
            .collect::<Vec<_>>()
    );
    assert!(index.contains("<li><a href=\"../../../components/api/history/2026-04/\">April</a> <span class=\"muted\">1 record</span></li>\n<li><a href=\"../../../components/api/history/2026-03/\">March</a> <span class=\"muted\">1 record</span></li>"), "March counts API's record only, not Web's: {index}");
    // Every month lists exactly its one API record, with links to the neighbouring months
    // of API's archive.
    for i in 0..120 {
        let (y, m) = (2016 + (i + 4) / 12, (i + 4) % 12 + 1);
        let month = text(
            &files,
            &format!("components/api/history/{y}-{m:02}/index.html"),
        );
        assert_eq!(
            listed_ids(&month, "../../../../incidents/"),
            [format!("{y}-{m:02}-10-api-down")],
            "{y}-{m:02}"
        );
        assert!(month.contains("<p class=\"crumbs\"><a href=\"../../../../\">Shop status</a> › <a href=\"../../../../components/api/\">API</a> › <a href=\"../../../../components/api/history/\">History</a></p>"));
    }
    let mid = text(&files, "components/api/history/2021-01/index.html");
    assert!(mid.contains("<title>January 2021 · API · Shop status</title>"));
    assert!(mid.contains("<a href=\"../../../../components/api/history/2021-02/\">Newer: February 2021</a>\n<a href=\"../../../../components/api/history/2020-12/\">Older: December 2020</a>"));
    let first = text(&files, "components/api/history/2016-05/index.html");
    assert!(!first.contains("Older:"));
    let last = text(&files, "components/api/history/2026-04/index.html");
    assert!(!last.contains("Newer:"));
    assert!(
        last.contains(
            "<a href=\"../../../../components/api/history/2026-03/\">Older: March 2026</a>"
        )
    );

    // Web's page and archive hold its one record only.
    let web = text(&files, "components/web/index.html");
    assert_eq!(
        listed_ids(&web, "../../incidents/"),
        ["2026-03-20-web-slow"]
    );
    let web_archive: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|n| n.starts_with("components/web/history/"))
        .collect();
    assert_eq!(
        web_archive,
        [
            "components/web/history/2026-03/index.html",
            "components/web/history/index.html"
        ]
    );
    let web_march = text(&files, "components/web/history/2026-03/index.html");
    assert_eq!(
        listed_ids(&web_march, "../../../../incidents/"),
        ["2026-03-20-web-slow"]
    );
    assert!(!web_march.contains("<nav class=\"pager\""));
    // The site's archive has both in March.
    assert_eq!(
        listed_ids(
            &text(&files, "history/2026-03/index.html"),
            "../../incidents/"
        ),
        ["2026-03-20-web-slow", "2026-03-10-api-down"]
    );
}

#[test]
fn a_rebuild_drops_the_months_a_component_no_longer_has() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = monthly_records(Repo::new().config("name: Shop\n"), (2025, 1), 3)
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    assert!(build(&repo, &out).status.success());
    std::fs::remove_file(repo.join("incidents/2025-02-10-api-down.yaml")).unwrap();
    assert!(build(&repo, &out).status.success());
    let archive: Vec<String> = tree(&out)
        .into_keys()
        .filter(|n| n.starts_with("components/api/history/"))
        .collect();
    assert_eq!(
        archive,
        [
            "components/api/history/2025-01/index.html",
            "components/api/history/2025-03/index.html",
            "components/api/history/index.html"
        ]
    );
    let index = std::fs::read_to_string(out.join("components/api/history/index.html")).unwrap();
    assert!(!index.contains("2025-02"));
}

#[test]
fn a_component_has_its_page_feeds_calendar_and_badge() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(
        build(&root().join("examples/latitude"), &out)
            .status
            .success()
    );
    let files = tree(&out);
    let page = text(&files, "components/web-app/index.html");
    // The ECR outage: 1h 56m on April 7 of 7, 30 and 90 days up to April 10.
    let rows: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("<tr><th scope=\"row\">"))
        .collect();
    assert_eq!(
        rows,
        [
            "<tr><th scope=\"row\">Last 7 days</th><td>98.849%</td></tr>",
            "<tr><th scope=\"row\">Last 30 days</th><td>99.731%</td></tr>",
            "<tr><th scope=\"row\">Last 90 days</th><td>99.910%</td></tr>",
        ]
    );
    assert!(page.contains("<p class=\"overall operational\" role=\"status\">Operational</p>"));
    assert!(page.contains("<li><a href=\"../../incidents/2026-04-07-ecr-image-expiry/\">"));
    assert!(page.contains("<li><a href=\"../../incidents/2026-04-07-api-health-down/\">"));
    assert_eq!(page.matches("<li><a href=\"../../incidents/").count(), 2);
    assert!(page.contains("<pre><code>[![Web app status](https://status.latitude.so/components/web-app/badge.svg)](https://status.latitude.so/components/web-app/)</code></pre>"));
    assert!(page.contains("<pre><code>&lt;a href=&quot;https://status.latitude.so/components/web-app/&quot;&gt;&lt;img src=&quot;https://status.latitude.so/components/web-app/badge.svg&quot; alt=&quot;Web app status&quot;&gt;&lt;/a&gt;</code></pre>"));
    // Its feeds hold only the entries of records naming it, each with its components.
    let rss = text(&files, "components/web-app/feed.rss");
    assert_eq!(rss.matches("<item>").count(), 3);
    assert_eq!(
        rss.matches("<category domain=\"component\">Web app</category>")
            .count(),
        3
    );
    assert!(rss.contains("<atom:link href=\"https://status.latitude.so/components/web-app/feed.rss\" rel=\"self\" type=\"application/rss+xml\"/>"));
    let atom = text(&files, "components/web-app/feed.atom");
    assert_eq!(atom.matches("<entry>").count(), 3);
    assert!(atom.contains("<category term=\"Web app\" scheme=\"https://status.latitude.so/components/\" label=\"Web app\"/>"));
    // The site's feed names the components of every entry too, after its status.
    let site_rss = text(&files, "feed.rss");
    assert!(site_rss.contains("<category domain=\"status\">completed</category>\n      <category domain=\"component\">Cache</category>\n      <category domain=\"component\">Database</category>"));
    let ics = text(&files, "components/cache/maintenance.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("X-WR-CALNAME:Latitude Cache maintenance\r\n"));
    let web_ics = text(&files, "components/web-app/maintenance.ics");
    assert_eq!(web_ics.matches("BEGIN:VEVENT").count(), 0);
    let badge = text(&files, "components/web-app/badge.svg");
    assert!(badge.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"137\" height=\"20\" role=\"img\" aria-label=\"Web app: operational\"><title>Web app: operational</title>"), "{badge}");
    assert!(badge.contains("fill=\"#1a7f37\"/>"));
    let site_badge = text(&files, "badge.svg");
    assert!(
        site_badge.contains("<title>Latitude: operational</title>"),
        "{site_badge}"
    );
}

#[test]
fn a_build_without_a_configuration_says_it_publishes_the_placeholder_url() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new().build_in(&tmp.path().join("repo"));
    let o = build(&repo, &tmp.path().join("site"));
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    let first = stderr.lines().next().unwrap();
    assert_eq!(
        first,
        "note: no postmortem.yaml found: the feeds, the calendar, the JSON and the badges' snippets link to the placeholder URL https://status.example.com/; set `url` in postmortem.yaml to the site's address"
    );
    // With a configuration that sets the address, no note.
    let repo = Repo::new()
        .config("name: Shop\nurl: https://status.shop.test/\n")
        .build_in(&tmp.path().join("configured"));
    let o = build(&repo, &tmp.path().join("site2"));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("note:"));
}

#[test]
fn a_build_with_the_url_init_writes_without_url_says_it_is_the_placeholder() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(&repo)
        .args(["init"])
        .output()
        .unwrap();
    assert_eq!(init.status.code(), Some(0));
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(&repo)
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .args(["build"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.lines().next().unwrap(),
        "note: `url` in postmortem.yaml is unset or the placeholder `init` writes: the feeds, the calendar, the JSON and the badges' snippets link to the placeholder URL https://status.example.com/; set `url` in postmortem.yaml to the site's address"
    );
}

#[test]
fn relative_links_in_feed_entries_are_made_absolute_and_stay_relative_on_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            url: https://status.shop.example/
        "})
        .record(
            "2026-04-09-checkout-slow",
            indoc! {"
                title: Checkout is slow
                severity: minor
                components: [Checkout]
                updates:
                  - at: 2026-04-09T10:00:00Z
                    status: resolved
                    body: See [the runbook](runbook.html) and ![the graph](graph.png).
            "},
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = tree(&out);
    let page = "https://status.shop.example/incidents/2026-04-09-checkout-slow/";
    let body = format!(
        "&lt;p&gt;See &lt;a href=&quot;{page}runbook.html&quot; rel=&quot;noopener noreferrer nofollow&quot;&gt;the runbook&lt;/a&gt; and &lt;img src=&quot;{page}graph.png&quot; alt=&quot;the graph&quot;&gt;.&lt;/p&gt;"
    );
    for feed in ["feed.rss", "feed.atom"] {
        let text = text(&files, feed);
        assert!(text.contains(&body), "{feed}: {text}");
    }
    // The page keeps them relative: they resolve against the page itself.
    let html = text(&files, "incidents/2026-04-09-checkout-slow/index.html");
    assert!(
        html.contains("<a href=\"runbook.html\" rel=\"noopener noreferrer nofollow\">the runbook</a> and <img src=\"graph.png\" alt=\"the graph\">"),
        "{html}"
    );
}

#[test]
fn a_maintenance_not_yet_begun_reads_as_scheduled_not_as_ongoing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&root().join("tests/fixtures/statuspage-api"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("Shop has scheduled maintenance on April 12, 2026 affecting Search."),
        "{index}"
    );
}

#[test]
fn a_maintenance_under_way_reads_as_being_performed() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config("name: Shop\n")
        .record(
            "2026-04-09-db-upgrade",
            indoc! {"
                title: Database upgrade
                kind: maintenance
                components: [Database]
                scheduled:
                  start: 2026-04-09T22:00:00Z
                  end: 2026-04-09T23:00:00Z
                updates:
                  - at: 2026-04-08T09:00:00Z
                    status: scheduled
                    body: We will upgrade the database.
                  - at: 2026-04-09T22:00:00Z
                    status: in_progress
                    body: The upgrade has begun.
            "},
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page =
        std::fs::read_to_string(out.join("incidents/2026-04-09-db-upgrade/index.html")).unwrap();
    assert!(
        page.contains("<p class=\"lede\">Shop is performing scheduled maintenance on April 9, 2026 affecting Database.</p>"),
        "{page}"
    );
}

/// An open incident's latest update on the front page links and shows images as on the
/// record's own page: relative targets resolved against the record's page (as the feeds do),
/// written relative to the site's root; absolute ones and the record's own page untouched.
#[test]
fn relative_links_of_an_update_resolve_on_the_front_page() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            url: https://status.shop.example/
            components: [{name: Checkout}]
        "})
        .record(
            "2026-04-09-checkout-slow",
            indoc! {"
                title: Checkout is slow
                severity: minor
                components: [Checkout]
                impact:
                  windows:
                    - component: Checkout
                      status: partial_outage
                      start: 2026-04-09T22:00:00Z
                updates:
                  - at: 2026-04-09T22:05:00Z
                    status: identified
                    body: |
                      See [notes](notes.html), [the API](https://api.example.com/x) and
                      ![graph](../../img/g.png).
            "},
        )
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains(
            "<div class=\"update-body\"><p>See <a href=\"incidents/2026-04-09-checkout-slow/notes.html\" rel=\"noopener noreferrer nofollow\">notes</a>, \
             <a href=\"https://api.example.com/x\" rel=\"noopener noreferrer nofollow\">the API</a> and\n\
             <img src=\"img/g.png\" alt=\"graph\">.</p></div>"
        ),
        "{index}"
    );
    let page =
        std::fs::read_to_string(out.join("incidents/2026-04-09-checkout-slow/index.html")).unwrap();
    assert!(
        page.contains("<a href=\"notes.html\" rel=\"noopener noreferrer nofollow\">notes</a>")
            && page.contains("<img src=\"../../img/g.png\" alt=\"graph\">"),
        "{page}"
    );
}

/// A maintenance under way is listed under its own heading, not as upcoming, in every
/// language (here English and German), as `scheduled-maintenances/active.json` has it.
#[test]
fn a_maintenance_under_way_is_not_listed_as_upcoming() {
    for (language, heading, upcoming) in [
        ("en", "Maintenance in progress", "Upcoming maintenance"),
        ("de", "Laufende Wartungen", "Geplante Wartungen"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let repo = Repo::new()
            .config(&format!("name: Shop\nlanguage: {language}\ncomponents: [{{name: Search}}, {{name: Cache}}]\n"))
            .record(
                "2026-04-09-search-upgrade",
                indoc! {"
                    title: Search upgrade
                    kind: maintenance
                    components: [Search]
                    scheduled:
                      start: 2026-04-09T23:00:00Z
                      end: 2026-04-10T01:00:00Z
                    updates:
                      - at: 2026-04-08T10:00:00Z
                        status: scheduled
                        body: We will upgrade search.
                      - at: 2026-04-09T23:00:00Z
                        status: in_progress
                        body: Under way.
                "},
            )
            .record(
                "2026-04-12-cache-upgrade",
                indoc! {"
                    title: Cache upgrade
                    kind: maintenance
                    components: [Cache]
                    scheduled:
                      start: 2026-04-12T06:00:00Z
                      end: 2026-04-12T07:00:00Z
                    updates:
                      - at: 2026-04-08T10:00:00Z
                        status: scheduled
                        body: We will upgrade the cache.
                "},
            )
            .build_in(&tmp.path().join("repo"));
        let out = tmp.path().join("site");
        let o = build(&repo, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        let section = |id: &str| -> Vec<String> {
            let start = index
                .find(&format!("<section aria-labelledby=\"{id}\">"))
                .unwrap_or_else(|| panic!("{language}: no {id} in {index}"));
            let part = &index[start..];
            let part = &part[..part.find("</section>").unwrap()];
            part.lines()
                .filter(|l| l.starts_with("<h2") || l.starts_with("<li>"))
                .map(|l| l.split("</a>").next().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            section("in-progress"),
            [
                format!("<h2 id=\"in-progress\">{heading}</h2>"),
                "<li><a href=\"incidents/2026-04-09-search-upgrade/\">Search upgrade".to_owned(),
            ],
            "{language}"
        );
        assert_eq!(
            section("upcoming"),
            [
                format!("<h2 id=\"upcoming\">{upcoming}</h2>"),
                "<li><a href=\"incidents/2026-04-12-cache-upgrade/\">Cache upgrade".to_owned(),
            ],
            "{language}"
        );
    }
}

/// The lines of `maintenance.ics`'s one event that tell a calendar which version it is.
fn ics_version(site: &Path) -> Vec<String> {
    let ics = std::fs::read_to_string(site.join("maintenance.ics")).unwrap();
    ics.split("\r\n")
        .filter(|l| {
            [
                "DTSTAMP:",
                "SEQUENCE:",
                "LAST-MODIFIED:",
                "DTSTART:",
                "DTEND:",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .map(str::to_owned)
        .collect()
}

/// A window moved and announced by an update (`postmortem update ID -m …`, the guide's rule)
/// is a new version of the event for calendars: SEQUENCE one higher, DTSTAMP and
/// LAST-MODIFIED the update's time (RFC 5545 §3.8.7.4; Google Calendar keeps a subscribed
/// event whose SEQUENCE did not change). A window moved without an update changes only
/// DTSTART/DTEND: a stateless build cannot tell an edit from the first version. Each build
/// is the same bytes from the same records.
#[test]
fn a_moved_window_announced_by_an_update_raises_the_events_sequence() {
    let tmp = tempfile::tempdir().unwrap();
    let record = |start: &str, end: &str| {
        format!(
            "title: Search upgrade\nkind: maintenance\ncomponents: [Search]\nscheduled:\n  start: {start}\n  end: {end}\nupdates:\n  - at: 2026-04-08T10:00:00Z\n    status: scheduled\n    body: We will upgrade search.\n"
        )
    };
    let repo = Repo::new()
        .config("name: Shop\ncomponents: [{name: Search}]\n")
        .record(
            "2026-04-12-search-upgrade",
            &record("2026-04-12T06:00:00Z", "2026-04-12T07:00:00Z"),
        )
        .build_in(&tmp.path().join("repo"));
    let file = repo.join("incidents/2026-04-12-search-upgrade.yaml");
    let site = |n: &str| {
        let out = tmp.path().join(n);
        let o = build(&repo, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let first = site("first");
    assert_eq!(
        ics_version(&first),
        [
            "DTSTAMP:20260408T100000Z",
            "SEQUENCE:0",
            "LAST-MODIFIED:20260408T100000Z",
            "DTSTART:20260412T060000Z",
            "DTEND:20260412T070000Z"
        ]
    );

    std::fs::write(
        &file,
        record("2026-04-12T08:00:00Z", "2026-04-12T09:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        ics_version(&site("silent")),
        [
            "DTSTAMP:20260408T100000Z",
            "SEQUENCE:0",
            "LAST-MODIFIED:20260408T100000Z",
            "DTSTART:20260412T080000Z",
            "DTEND:20260412T090000Z"
        ]
    );

    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("-C")
        .arg(&repo)
        .args([
            "update",
            "2026-04-12-search-upgrade",
            "--status",
            "scheduled",
            "--at",
            "2026-04-09T12:00:00Z",
            "-m",
            "Moved to 08:00–09:00 UTC.",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let announced = site("announced");
    let version = [
        "DTSTAMP:20260409T120000Z",
        "SEQUENCE:1",
        "LAST-MODIFIED:20260409T120000Z",
        "DTSTART:20260412T080000Z",
        "DTEND:20260412T090000Z",
    ];
    assert_eq!(ics_version(&announced), version);
    let again = site("again");
    assert_eq!(
        std::fs::read(announced.join("maintenance.ics")).unwrap(),
        std::fs::read(again.join("maintenance.ics")).unwrap()
    );
}

/// A site's own `entry.html` is each record's line in every history list, with the list
/// page's `root` and `site`.
#[test]
fn a_sites_own_entry_html_is_the_line_of_every_history_list() {
    let tmp = tempfile::tempdir().unwrap();
    let line = "<li data-root=\"{{ root }}\" data-site=\"{{ site.name }}\">{{ e.title }}</li>";
    let mut repo = Repo::new();
    for (path, bytes) in tree(&root().join("examples/latitude")) {
        repo = repo.file(&path, bytes);
    }
    let repo = repo
        .file("templates/entry.html", line)
        .build_in(&tmp.path().join("repo"));
    let out = tmp.path().join("site");
    let o = build(&repo, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = tree(&out);
    let li = |root: &str, title: &str| {
        format!("<li data-root=\"{root}\" data-site=\"Latitude\">{title}</li>")
    };
    for (page, root, title) in [
        ("index.html", "", "app.latitude.so/api/health"),
        (
            "history/2025-05/index.html",
            "../../",
            "Cache &amp; Database upgrade",
        ),
        (
            "history/2025-05/index.html",
            "../../",
            "May 30th, 2025 – Postmortem",
        ),
        (
            "components/web-app/index.html",
            "../../",
            "app.latitude.so/api/health",
        ),
        (
            "components/database/history/2025-05/index.html",
            "../../../../",
            "Cache &amp; Database upgrade",
        ),
    ] {
        assert!(
            text(&files, page).contains(&li(root, title)),
            "{page}: {}",
            text(&files, page)
        );
    }
}
