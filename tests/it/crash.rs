//! Crash-safe publishing: `build` killed (SIGKILL) at many moments leaves the output folder
//! either the complete previous site or the complete new one, never a mix; the next build
//! reuses or removes what the killed ones left behind.

use crate::common;

use std::path::Path;

use crate::common::{root, tree};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn build(repo: &Path, out: &Path, epoch: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postmortem"));
    c.env("SOURCE_DATE_EPOCH", epoch)
        .arg("-C")
        .arg(repo)
        .arg("build")
        .arg("--out")
        .arg(out);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

// Slow (about half a minute): `.ci/run` runs it with `--ignored`.
#[test]
#[ignore]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = common::flatfile_repo(tmp.path(), "repo");
    let record = std::fs::read_to_string(
        root().join("examples/flatfile/incidents/2025-04-02-spaces-503s.yaml"),
    )
    .unwrap();
    for i in 0..300 {
        std::fs::write(
            repo.join(format!("incidents/2025-04-02-spaces-503s-{i}.yaml")),
            &record,
        )
        .unwrap();
    }
    // The two sites differ: "now" moves the uptime bars.
    let (old_epoch, new_epoch) = ("1743638400", "1743724800");
    let reference = tmp.path().join("reference");
    assert!(
        build(&repo, &reference, new_epoch)
            .status()
            .unwrap()
            .success()
    );
    let new_site = tree(&reference);
    let out = tmp.path().join("site");
    assert!(build(&repo, &out, old_epoch).status().unwrap().success());
    let old_site = tree(&out);
    assert_ne!(old_site, new_site);

    let start = Instant::now();
    assert!(
        build(&repo, &tmp.path().join("timing"), new_epoch)
            .status()
            .unwrap()
            .success()
    );
    let full = start.elapsed().as_micros() as u64;

    let (mut saw_old, mut saw_new) = (0, 0);
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..50 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full + full / 4));
        let mut child = build(&repo, &out, new_epoch).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&out);
        if now == old_site {
            saw_old += 1;
        } else if now == new_site {
            saw_new += 1;
            // Put the old site back for the next round.
            assert!(build(&repo, &out, old_epoch).status().unwrap().success());
        } else {
            panic!("after a kill at {delay:?} the site is neither the old one nor the new one");
        }
    }
    assert!(saw_old > 0, "no kill landed before the swap");
    // The next build reuses or removes whatever the killed ones left beside the site.
    assert!(build(&repo, &out, new_epoch).status().unwrap().success());
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // What is left beside the site is one folder: the replaced site, kept for the next build.
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names[0].starts_with(".site.postmortem-"), "{names:?}");
    assert_eq!(names[1..], ["reference", "repo", "site", "timing"]);
    assert!(tmp.path().join(&names[0]).join(".gitignore").is_file());
    assert_eq!(tree(&out), new_site);
    eprintln!("kills: {saw_old} left the old site, {saw_new} the new one");
}
