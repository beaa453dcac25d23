//! What the tool never does: replace a folder it did not build, read through a link out of
//! the repository, hang on a FIFO, or lose a record to another with the same id. Each case
//! reproduces what a careless or hostile user could do and asserts the exact outcome.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::{flatfile_repo, names, tree};
use indoc::indoc;

fn pm(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let o = Command::new("mkfifo")
        .arg(path)
        .output()
        .expect("mkfifo runs");
    assert!(o.status.success());
}

const HOLDS_USER_FILES: &str = "holds files that `postmortem build` did not write (a site it built holds `.postmortem-site`), and a build replaces the whole folder: give --out a new or empty folder, or pass --force to replace this one and everything in it\n";
const NEVER_THERE: &str = "a build replaces the whole folder it writes to, so it never builds there; give --out a folder of its own, such as `site`\n";

// 1. Never destroy what the tool did not make.

#[test]
fn a_folder_of_the_users_files_is_refused_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    let docs = repo.join("docs");
    std::fs::create_dir_all(docs.join("notes")).unwrap();
    std::fs::write(docs.join("index.html"), "my own page").unwrap();
    std::fs::write(docs.join("notes/plan.md"), "my plan").unwrap();
    let before = tree(&docs);
    let listing = names(&repo);
    for _ in 0..2 {
        let o = pm(&repo, &["build", "--out", "docs"]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(stderr(&o), format!("error: `docs` {HOLDS_USER_FILES}"));
        assert_eq!(tree(&docs), before);
        // No workspace was made beside it.
        assert_eq!(names(&repo), listing);
    }
    // --force replaces it; the site is then the tool's, and later builds replace it freely.
    let o = pm(&repo, &["build", "--out", "docs", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        docs.join("incidents/2025-04-02-spaces-503s/index.html")
            .is_file()
    );
    assert!(!docs.join("notes").exists());
    let o = pm(&repo, &["build", "--out", "docs"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_new_or_empty_folder_and_a_site_built_before_are_built_into() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    std::fs::create_dir(repo.join("empty")).unwrap();
    for out in ["empty", "new/deeper", "site"] {
        let o = pm(&repo, &["build", "--out", out]);
        assert!(o.status.success(), "{out}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(repo.join(out).join(".postmortem-site")).unwrap(),
            "This folder is a status page built by `postmortem build`.\nThe next build replaces it whole: keep nothing of your own in it.\n"
        );
    }
    // The default folder, again: it is a site built before.
    let o = pm(&repo, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn the_folders_a_site_is_made_from_are_refused_even_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    std::fs::create_dir(repo.join("templates")).unwrap();
    std::fs::write(repo.join("templates/style.css"), "body{}").unwrap();
    std::fs::create_dir_all(repo.join("vendored/.git")).unwrap();
    std::fs::create_dir_all(repo.join("other-site")).unwrap();
    std::fs::write(repo.join("other-site/postmortem.yaml"), "name: Other\n").unwrap();
    // A marker planted in the repository does not make it a site.
    std::fs::write(repo.join(".postmortem-site"), "").unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let cases = [
        (".", "`.` is the repository"),
        ("..", "`..` is a folder that holds the repository"),
        ("/", "`/` is the root folder `/`"),
        ("incidents", "`incidents` is the records folder"),
        ("templates", "`templates` is the templates folder"),
        ("vendored", "`vendored` is a folder that holds `.git`"),
        (
            "other-site",
            "`other-site` is a folder that holds `postmortem.yaml`",
        ),
    ];
    let before = tree(tmp.path());
    for (out, why) in cases {
        for force in [false, true] {
            let mut args = vec!["build", "--out", out];
            if force {
                args.push("--force");
            }
            let o = pm(&repo, &args);
            assert_eq!(o.status.code(), Some(1), "{out}");
            assert_eq!(stderr(&o), format!("error: {why}: {NEVER_THERE}"));
            assert_eq!(tree(tmp.path()), before, "{out} changed something");
        }
    }
    let home_out = home.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(&repo)
        .env("HOME", &home)
        .args(["build", "--force", "--out", home_out])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("error: `{home_out}` is the home folder: {NEVER_THERE}")
    );
    assert_eq!(names(&home), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn an_out_link_is_judged_by_where_it_leads() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    let www = tmp.path().join("www");
    std::fs::create_dir(&www).unwrap();
    std::fs::write(www.join("index.html"), "the user's page").unwrap();
    symlink(&www, repo.join("public")).unwrap();
    let o = pm(&repo, &["build", "--out", "public"]);
    assert_eq!(o.status.code(), Some(1));
    let real = www.canonicalize().unwrap();
    assert_eq!(
        stderr(&o),
        format!(
            "error: `public` (a link to `{}`) {HOLDS_USER_FILES}",
            real.display()
        )
    );
    // Nothing was written into the user's folder, nor beside it; the link is still a link.
    assert_eq!(names(&www), ["index.html"]);
    assert_eq!(names(tmp.path()), ["repo", "www"]);
    assert!(
        std::fs::symlink_metadata(repo.join("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // A link to a site built before: the site is replaced where the link leads, twice.
    let built = tmp.path().join("built");
    let o = pm(&repo, &["build", "--out", built.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::remove_file(repo.join("public")).unwrap();
    symlink(&built, repo.join("public")).unwrap();
    for _ in 0..2 {
        let o = pm(&repo, &["build", "--out", "public"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            std::fs::symlink_metadata(repo.join("public"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            built
                .join("incidents/2025-04-02-spaces-503s/index.html")
                .is_file()
        );
    }
    // A link to the repository itself is the repository.
    std::fs::remove_file(repo.join("public")).unwrap();
    symlink(&repo, repo.join("public")).unwrap();
    let o = pm(&repo, &["build", "--out", "public", "--force"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: `public` (a link to `{}`) is the repository: {NEVER_THERE}",
            repo.canonicalize().unwrap().display()
        )
    );
}

#[test]
fn leftovers_of_someone_else_beside_the_site_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    // Names a workspace could have, but not made by a build (no marker inside).
    std::fs::create_dir(repo.join(".site.postmortem-mine")).unwrap();
    std::fs::write(repo.join(".site.postmortem-mine/keep.txt"), "mine").unwrap();
    std::fs::write(repo.join(".site.postmortem-file"), "mine too").unwrap();
    for _ in 0..3 {
        let o = pm(&repo, &["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(repo.join(".site.postmortem-mine/keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join(".site.postmortem-file")).unwrap(),
        "mine too"
    );
}

// 2. Never leave the repository.

#[cfg(unix)]
#[test]
fn a_link_loop_in_the_records_folder_finds_each_record_once() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    symlink(".", repo.join("incidents/a")).unwrap();
    std::fs::create_dir(repo.join("incidents/2024")).unwrap();
    symlink("..", repo.join("incidents/2024/up")).unwrap();
    symlink("2024", repo.join("incidents/same-as-2024")).unwrap();
    let started = Instant::now();
    let o = pm(&repo, &["check"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "checked 1 file: no problems\n");
    let o = pm(&repo, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The live preview's watcher walks the same folders and ends too.
    let seen = postmortem::serve::watch::fingerprint(&[repo.join("incidents")]);
    assert_eq!(seen.len(), 1, "{seen:?}");
}

#[cfg(unix)]
#[test]
fn a_record_linked_out_of_the_repository_is_refused_and_never_printed() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    let secret = tmp.path().join("shadow");
    std::fs::write(&secret, "root:SECRET-HASH:19000:0:99999:7:::\n").unwrap();
    symlink(&secret, repo.join("incidents/s.yaml")).unwrap();
    let secrets_dir = tmp.path().join("secrets");
    std::fs::create_dir(&secrets_dir).unwrap();
    std::fs::write(secrets_dir.join("k.yaml"), "key: SECRET-KEY\n").unwrap();
    symlink(&secrets_dir, repo.join("incidents/more")).unwrap();
    let real = tmp.path().canonicalize().unwrap();
    for format in ["human", "json", "github"] {
        let o = pm(&repo, &["check", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains("SECRET"), "{all}");
        if format == "human" {
            assert_eq!(
                stderr(&o),
                format!(
                    "incidents/more:1:1: error: leads outside the repository (to {}/secrets); only files inside it are read [outside-repository]\nincidents/s.yaml:1:1: error: leads outside the repository (to {}/shadow); only files inside it are read [outside-repository]\nchecked 3 files: 2 errors\n",
                    real.display(),
                    real.display()
                )
            );
        }
    }
    // Named on the command line, the link is refused the same way.
    let o = pm(&repo, &["check", "incidents/s.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stdout(&o).contains("SECRET"));
    let o = pm(&repo, &["render", "incidents/s.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: incidents/s.yaml: leads outside the repository (to {}/shadow); only files inside it are read\n",
            real.display()
        )
    );
    // And the build refuses to publish anything.
    let o = pm(&repo, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains("SECRET"));
    assert!(!repo.join("site").exists());
}

#[cfg(unix)]
#[test]
fn a_template_linked_out_of_the_repository_is_refused() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    let secret = tmp.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:SECRET:/root:/bin/sh\n").unwrap();
    std::fs::create_dir(repo.join("templates")).unwrap();
    symlink(&secret, repo.join("templates/index.html")).unwrap();
    let listing = names(&repo);
    let o = pm(&repo, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}/templates/index.html: leads outside the repository (to {}/passwd); only files inside it are read\n",
            repo.display(),
            tmp.path().canonicalize().unwrap().display()
        )
    );
    assert_eq!(names(&repo), listing, "something was written");
}

#[test]
fn paths_in_the_configuration_stay_inside_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    std::fs::write(
        repo.join("postmortem.yaml"),
        indoc! {"
            name: Flatfile
            incidents: /etc
            templates: ../elsewhere
        "},
    )
    .unwrap();
    let o = pm(&repo, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "postmortem.yaml:2:12: error: `/etc` is outside the repository [incidents]\n  |\n2 | incidents: /etc\n  |            ^^^^ give a path inside the repository, relative to postmortem.yaml (the records folder)\npostmortem.yaml:3:12: error: `../elsewhere` is outside the repository [templates]\n  |\n3 | templates: ../elsewhere\n  |            ^^^^^^^^^^^^ give a path inside the repository, relative to postmortem.yaml (the templates folder)\n"
    );
}

// 3. Never hang on what is not a file.

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    mkfifo(&repo.join("incidents/pipe.yaml"));
    let started = Instant::now();
    let o = pm(&repo, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "incidents/pipe.yaml:1:1: error: not a regular file (a FIFO); give the path of a file [not-a-file]\nchecked 2 files: 1 error\n"
    );
    let o = pm(&repo, &["render", "incidents/pipe.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: incidents/pipe.yaml: not a regular file (a FIFO); give the path of a file\n"
    );
    std::fs::remove_file(repo.join("incidents/pipe.yaml")).unwrap();

    let o = pm(&repo, &["import", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: /dev/zero: not a regular file (a device); give the path of a file\n"
    );
    mkfifo(&tmp.path().join("feed.rss"));
    let o = pm(
        &repo,
        &["import", tmp.path().join("feed.rss").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("feed.rss: not a regular file (a FIFO); give the path of a file\n")
    );

    std::fs::create_dir(repo.join("templates")).unwrap();
    mkfifo(&repo.join("templates/index.html"));
    let o = pm(&repo, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}/templates/index.html: not a regular file (a FIFO); give the path of a file\n",
            repo.display()
        )
    );
    std::fs::remove_dir_all(repo.join("templates")).unwrap();

    std::fs::write(
        repo.join("postmortem.yaml"),
        "name: Flatfile\nurl: https://status.flatfile.test/\nlogo: logo.png\n",
    )
    .unwrap();
    mkfifo(&repo.join("logo.png"));
    let o = pm(&repo, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: the logo `logo.png` named in postmortem.yaml: not a regular file (a FIFO); give the path of a file; nothing built\n"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(!repo.join("site").exists());
}

#[test]
fn a_logo_has_a_size_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    std::fs::write(
        repo.join("postmortem.yaml"),
        "name: Flatfile\nurl: https://status.flatfile.test/\nlogo: logo.png\n",
    )
    .unwrap();
    std::fs::write(repo.join("logo.png"), vec![0u8; 3 * 1024 * 1024]).unwrap();
    let o = pm(&repo, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: the logo `logo.png` named in postmortem.yaml: file is 3145728 bytes, over the limit of 2097152 bytes (2 MiB) for a logo; nothing built\n"
    );
    assert_eq!(names(&repo), ["incidents", "logo.png", "postmortem.yaml"]);
}

// 4. Never lose a record to another.

#[test]
fn the_same_id_in_two_folders_is_an_error_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    std::fs::create_dir(repo.join("incidents/2025")).unwrap();
    std::fs::copy(
        repo.join("incidents/2025-04-02-spaces-503s.yaml"),
        repo.join("incidents/2025/2025-04-02-spaces-503s.yaml"),
    )
    .unwrap();
    let o = pm(&repo, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "incidents/2025-04-02-spaces-503s.yaml:1:1: error: record id `2025-04-02-spaces-503s` is used twice: by incidents/2025/2025-04-02-spaces-503s.yaml and by this file [duplicate-id]\n  = help: ids come from file names and must be unique in the records folder: rename one of the files\nchecked 2 files: 1 error\n"
    );
    let o = pm(&repo, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!repo.join("site").exists());
}

// 5. Paths on the command line are read from `-C DIR`, as git and cargo read them.

#[test]
fn dash_c_applies_to_paths_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    let o = pm(
        tmp.path(),
        &[
            "-C",
            "repo",
            "render",
            "incidents/2025-04-02-spaces-503s.yaml",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("# Intermittent 503 errors loading Spaces\n"));
    let o = pm(
        tmp.path(),
        &[
            "-C",
            "repo",
            "check",
            "incidents/2025-04-02-spaces-503s.yaml",
        ],
    );
    assert_eq!(stderr(&o), "checked 1 file: no problems\n");
    let o = pm(tmp.path(), &["-C", "repo", "build", "--out", "public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(repo.join("public/index.html").is_file());
}

#[test]
fn an_out_that_is_a_file_or_a_link_to_nothing_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_repo(tmp.path(), "repo");
    std::fs::write(repo.join("notes.txt"), "my notes").unwrap();
    let o = pm(&repo, &["build", "--out", "notes.txt", "--force"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: `notes.txt` exists and is not a folder: give --out a folder of its own, such as `site`\n"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("notes.txt")).unwrap(),
        "my notes"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.path().join("gone"), repo.join("public")).unwrap();
        let o = pm(&repo, &["build", "--out", "public"]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(
            stderr(&o),
            "error: `public` is a link to nothing: point it at a folder, or remove it\n"
        );
        assert!(!tmp.path().join("gone").exists());
    }
    assert_eq!(names(&repo), {
        let mut n = vec!["incidents", "notes.txt", "postmortem.yaml"];
        if cfg!(unix) {
            n.push("public");
        }
        n.sort();
        n
    });
}
