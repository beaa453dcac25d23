//! How failures end a run: a closed stdout is not one.

use std::process::{Command, Output};

/// Runs the binary with stdout a pipe whose reading end is already closed, as
/// `postmortem schema | head -c 0` leaves it: every write fails with a broken pipe.
fn into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1775779200")
        .args(args)
        .stdout(writer)
        .output()
        .expect("the binary runs")
}

#[test]
fn a_closed_stdout_ends_the_run_quietly_with_success() {
    for args in [
        &["schema"][..],
        &["completions", "bash"],
        &["man"],
        &["-C", "examples/latitude", "stats"],
        &[
            "-C",
            "tests/fixtures/open",
            "render",
            "incidents/2025-11-01-checkout-slow.yaml",
        ],
    ] {
        let o = into_closed_pipe(args);
        assert_eq!(String::from_utf8_lossy(&o.stderr), "", "{args:?}");
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn a_closed_stdout_does_not_hide_the_verdict_of_check() {
    // The problems go to the closed stdout; the exit code still says there were errors.
    let o = into_closed_pipe(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/enum-typo.yaml",
    ]);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_path_that_does_not_exist_is_wrong_usage() {
    for command in ["check", "stats"] {
        let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([command, "tests/fixtures/nope.yaml"])
            .output()
            .expect("the binary runs");
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            "error: tests/fixtures/nope.yaml: no such file or folder\n",
            "{command}"
        );
    }
}

#[test]
fn a_build_that_cannot_write_keeps_the_io_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let config = postmortem::config::Config::defaults(tmp.path());
    let now = chrono::DateTime::from_timestamp(1_775_779_200, 0).unwrap();
    let e = postmortem::site::build(&config, &[], &file.join("site"), now, false).unwrap_err();
    let postmortem::site::BuildError::Io { path, source } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(path, &file);
    assert_eq!(source.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(
        e.to_string(),
        format!("{}: File exists (os error 17)", file.display())
    );
    assert_eq!(
        std::error::Error::source(&e).map(ToString::to_string),
        Some("File exists (os error 17)".to_owned())
    );
}
