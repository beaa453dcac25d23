//! How failures end a run.

use std::process::Command;

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
