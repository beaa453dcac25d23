//! `init`: the files of a new repository, never overwriting, and that the result works.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{names, root, tree};

/// The files `init` writes, in the order it reports them.
const FILES: [&str; 8] = [
    "postmortem.yaml",
    "incidents/2025-01-15-example.yaml",
    "schema/incident.schema.json",
    "schema/config.schema.json",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".github/workflows/status-page.yml",
    ".vscode/settings.json",
];

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .env_remove("NO_COLOR")
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

fn sorted(paths: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
    v.sort();
    v
}

#[test]
fn init_writes_every_file_and_a_second_run_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(
        tmp.path(),
        &[
            "init",
            "status",
            "--name",
            "Acme",
            "--url",
            "https://status.acme.test/",
            "--timezone",
            "Europe/Madrid",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let wrote: String = FILES
        .iter()
        .map(|f| format!("wrote status/{f}\n"))
        .collect();
    assert_eq!(stdout(&o), wrote);
    let dir = tmp.path().join("status");
    let first = tree(&dir);
    assert_eq!(first.keys().cloned().collect::<Vec<_>>(), sorted(&FILES));
    let config = String::from_utf8(first["postmortem.yaml"].clone()).unwrap();
    assert!(config.contains("\nname: \"Acme\" "), "{config}");
    assert!(
        config.contains("\nurl: \"https://status.acme.test/\" "),
        "{config}"
    );
    assert!(
        config.contains("\ntimezone: \"Europe/Madrid\" "),
        "{config}"
    );
    assert_eq!(
        first[".gitignore"],
        b"# What `postmortem build` writes.\n/site/\n"
    );
    assert_eq!(
        first["schema/incident.schema.json"],
        std::fs::read(root().join("schema/incident.schema.json")).unwrap()
    );
    assert_eq!(
        first["schema/config.schema.json"],
        std::fs::read(root().join("schema/config.schema.json")).unwrap()
    );

    let again = run_in(&dir, &["init"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let skipped: String = FILES
        .iter()
        .map(|f| format!("skipped {f}: it already exists\n"))
        .collect();
    assert_eq!(
        stdout(&again),
        format!("{skipped}nothing written: every file already exists\n")
    );
    assert_eq!(tree(&dir), first);
}

#[test]
fn options_for_a_postmortem_yaml_that_exists_are_said_to_be_not_applied() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(
        run_in(tmp.path(), &["init", "status"]).status.code(),
        Some(0)
    );
    let before = tree(&tmp.path().join("status"));
    let o = run_in(tmp.path(), &["init", "status", "--name", "Other"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "note: status/postmortem.yaml already exists and was kept: --name was not applied; edit status/postmortem.yaml to change `name`\n"
    );
    assert!(stdout(&o).starts_with("skipped status/postmortem.yaml: it already exists\n"));
    let o = run_in(
        &tmp.path().join("status"),
        &[
            "init",
            "--url",
            "https://status.acme.test/",
            "--timezone",
            "UTC",
            "--name",
            "A",
        ],
    );
    assert_eq!(
        stderr(&o),
        "note: postmortem.yaml already exists and was kept: --name, --url, --timezone were not applied; edit postmortem.yaml to change `name`, `url`, `timezone`\n"
    );
    assert_eq!(tree(&tmp.path().join("status")), before);
    // Without options there is nothing to say but what stdout says.
    let o = run_in(&tmp.path().join("status"), &["init"]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn init_keeps_a_file_that_exists_and_writes_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "target/\n").unwrap();
    let o = run_in(tmp.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: String = FILES
        .iter()
        .map(|f| {
            if *f == ".gitignore" {
                "skipped .gitignore: it already exists\n".to_owned()
            } else {
                format!("wrote {f}\n")
            }
        })
        .collect();
    assert_eq!(stdout(&o), report);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
}

#[test]
fn the_new_repository_passes_check_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(run_in(tmp.path(), &["init"]).status.code(), Some(0));
    let check = run_in(tmp.path(), &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(stderr(&check), "checked 1 file: no problems\n");
    let build = run_in(tmp.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert_eq!(
        names(&tmp.path().join("site")),
        [
            ".postmortem-site",
            "api",
            "badge.svg",
            "components",
            "feed.atom",
            "feed.rss",
            "history",
            "incidents",
            "incidents.json",
            "index.html",
            "maintenance.ics",
            "style.css"
        ]
    );
}

#[test]
fn copied_templates_build_the_same_site_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain");
    let themed = tmp.path().join("themed");
    assert_eq!(
        run_in(tmp.path(), &["init", "plain"]).status.code(),
        Some(0)
    );
    let o = run_in(tmp.path(), &["init", "themed", "--templates"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let templates = [
        "base.html",
        "incident.html",
        "postmortem.html",
        "postmortem.md",
        "index.html",
        "history.html",
        "month.html",
        "entry.html",
        "component.html",
        "report.html",
        "style.css",
    ];
    let wrote: String = FILES
        .iter()
        .map(|f| (*f).to_owned())
        .chain(templates.iter().map(|t| format!("templates/{t}")))
        .map(|f| format!("wrote themed/{f}\n"))
        .collect();
    assert_eq!(stdout(&o), wrote);
    for t in templates {
        assert_eq!(
            std::fs::read(themed.join("templates").join(t)).unwrap(),
            std::fs::read(root().join("templates").join(t)).unwrap(),
            "{t}"
        );
    }
    for dir in [&plain, &themed] {
        let b = run_in(dir, &["build", "--out", "out"]);
        assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    }
    let (a, b) = (tree(&plain.join("out")), tree(&themed.join("out")));
    // The pages, feeds and calendar (9 files), Statuspage's API (9), the badge, the
    // history's index and its one month (3), and for each of the two components five files
    // and its own archive: an index, and a month for the one with the record.
    assert_eq!(a.len(), 34);
    assert!(a == b, "the sites differ");
}

#[test]
fn a_bad_timezone_url_or_name_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["--timezone", "Europe/Madird"][..],
            "error: --timezone: `Europe/Madird` is not an IANA time zone: did you mean `Europe/Madrid`?\n",
        ),
        (
            &["--url", "status.acme.test"][..],
            "error: --url: `status.acme.test` is not an http(s) URL with a host: write it like `https://status.example.com/`\n",
        ),
        (
            &["--url", "https://status.acme.test"][..],
            "error: --url: `url` must end with `/`: write `https://status.acme.test/`\n",
        ),
        (
            &["--name", ""][..],
            "error: --name: `name` must not be empty\n",
        ),
    ] {
        let mut all = vec!["init", "new-repo"];
        all.extend_from_slice(args);
        let o = run_in(tmp.path(), &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), message);
        assert_eq!(stdout(&o), "");
        assert!(names(tmp.path()).is_empty(), "{args:?}");
    }
}

#[test]
fn init_into_a_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("taken"), "").unwrap();
    let o = run_in(tmp.path(), &["init", "taken"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "error: taken: not a folder\n");
    assert_eq!(names(tmp.path()), ["taken"]);
}

/// The example workflow in docs/ is the one `init` writes, and both use this release's
/// action and binary; the action installs from this repository's releases, by default this
/// version. (Cargo.toml's `repository` and `version` are the one source of both.)
#[test]
fn the_workflow_uses_this_releases_action_and_docs_show_the_same_file() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(tmp.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written =
        std::fs::read_to_string(tmp.path().join(".github/workflows/status-page.yml")).unwrap();
    let docs = std::fs::read_to_string(root().join("docs/github-action.yml")).unwrap();
    assert_eq!(
        written, docs,
        "docs/github-action.yml is not what `init` writes"
    );

    let version = env!("CARGO_PKG_VERSION");
    let repo = env!("CARGO_PKG_REPOSITORY");
    assert_eq!(repo, "https://github.com/postmortem-rs/postmortem");
    let uses: Vec<&str> = written
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .collect();
    assert_eq!(
        uses,
        [
            "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
            "postmortem-rs/postmortem@v0.1.0",
            "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
            "postmortem-rs/postmortem@v0.1.0",
            "postmortem-rs/postmortem@v0.1.0",
            "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b # v5.0.0",
            "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0",
            "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
        ]
    );
    assert_eq!(
        written
            .matches(&format!("version: \"{version}\"\n"))
            .count(),
        3
    );
    assert!(!written.contains("@@"), "{written}");

    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(
        action.contains(&format!("    default: \"{version}\"\n")),
        "action.yml's default version is not {version}"
    );
    assert!(action.contains(&format!("          {repo}/releases/download \"$dest\"\n")));
}
