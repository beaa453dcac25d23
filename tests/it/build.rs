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
            "feed.atom",
            "feed.rss",
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
    assert!(index.contains("<h3>April 2026</h3>"));
    assert!(index.contains("<h3>May 2025</h3>"));
    let april = index.find("<h3>April 2026</h3>").unwrap();
    let may = index.find("<h3>May 2025</h3>").unwrap();
    assert!(april < may, "newest month first");
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
    assert!(index.contains("<span class=\"component-name\">Checkout</span><span class=\"component-status\"><span class=\"dot partial_outage\" aria-hidden=\"true\"></span>Partial outage</span>"));
    assert!(index.contains("<h2 id=\"upcoming\">Upcoming maintenance</h2>"));
    assert!(
        index.contains("<time datetime=\"2026-04-12T06:00:00Z\">Apr 12, 2026, 06:00 AM UTC</time>")
    );
    let ics = std::fs::read_to_string(out.join("maintenance.ics")).unwrap();
    assert_eq!(
        ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//postmortem//status page//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Shop maintenance\r\n\
         BEGIN:VEVENT\r\nUID:2026-04-12-search-upgrade@status.example.com\r\nDTSTAMP:20260408T100000Z\r\nDTSTART:20260412T060000Z\r\nDTEND:20260412T070000Z\r\n\
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
            .contains("<url>https://status.example.com/logo.svg</url>")
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
    assert_eq!(pages.len(), 2);
    for name in pages {
        common::assert_no_active_content(&text(&files, name));
    }
    let index = text(&files, "index.html");
    // The config name and the component names are shown, escaped.
    assert!(index.contains("<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co status</h1>"));
    assert!(index.contains("<span class=\"component-name\">&lt;svg onload=alert(1)&gt;</span>"));
    for feed in ["feed.rss", "feed.atom"] {
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
    // Pages and Markdown (2 per record), the postmortems of the 50 newest feed entries, the index.
    assert_eq!(small.renders, 2 * 100 + 50 + 1);
}

#[cfg(unix)]
#[test]
fn a_logo_linked_to_a_file_outside_the_repository_is_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
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
