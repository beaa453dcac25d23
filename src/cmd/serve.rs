//! `postmortem serve`: build into a temporary folder, serve it on 127.0.0.1, rebuild on change.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::cli::ServeArgs;
use crate::clock::Now;
use crate::config::{self, Config, ConfigError};
use crate::diagnostic::{Colors, render_human};
use crate::serve::watch::fingerprint;
use crate::serve::{State, run as serve_forever};

use super::build::{check_and_build, summary};
use super::{Failure, shown};

/// The files a site is built from.
fn watched(start: &Path, config: &Config) -> Vec<PathBuf> {
    let mut paths = vec![
        config.incidents.clone(),
        config.root.join("templates"),
        config.root.join(crate::render::i18n::FOLDER),
    ];
    paths.extend(config.templates.clone());
    paths.push(
        config
            .file
            .clone()
            .unwrap_or_else(|| start.join(config::FILE_NAME)),
    );
    paths
}

/// The report of what is wrong with a configuration.
fn config_report(e: &ConfigError) -> String {
    e.diagnostics
        .iter()
        .map(|d| render_human(d, Some(&e.source), Colors::default()))
        .collect()
}

/// Rebuilds the site at `now`'s [later](Now::later) moment: with `SOURCE_DATE_EPOCH` set every
/// rebuild is made at that moment, as `build` would make it; without, each takes the clock
/// afresh, so that the preview's open windows and uptime bars advance while it runs.
fn rebuild(start: &Path, out: &Path, state: &State, now: Now) -> Option<Config> {
    // The page shows the same report as the terminal, so neither has colours.
    let colors = Colors::default();
    let config = match config::discover(start) {
        Ok(c) => c,
        Err(e) => {
            let report = config_report(&e);
            eprint!("{report}");
            state.set_errors(Some(report));
            return None;
        }
    };
    match check_and_build(&config, out, now.later(), colors, false, false, false) {
        Ok(built) => {
            eprintln!("{}", summary(&built, out));
            state.set_errors(None);
        }
        Err(e) => {
            let report = e.report(out, colors);
            eprint!("{report}");
            state.set_errors(Some(report));
        }
    }
    Some(config)
}

pub fn run(start: &Path, args: ServeArgs, now: Now) -> Result<(), Failure> {
    stop_on_signals();
    let scratch = tempfile::tempdir()?;
    let out = scratch.path().join("site");
    std::fs::create_dir_all(&out)?;
    let state = Arc::new(State::default());
    let paths = |config: &Option<Config>| match config {
        Some(c) => watched(start, c),
        None => vec![start.join(config::FILE_NAME)],
    };
    // What a build is made from is read before the build, so that a change saved while it
    // runs is seen by the next look.
    let mut config = config::discover(start).ok();
    let mut seen = fingerprint(&paths(&config));
    config = rebuild(start, &out, &state, now).or(config);
    let listener = TcpListener::bind(("127.0.0.1", args.port)).map_err(|source| Failure::Io {
        at: Some(format!("cannot listen on 127.0.0.1:{}", args.port)),
        source,
    })?;
    let port = listener.local_addr()?.port();
    eprintln!("serving http://127.0.0.1:{port}/ (rebuilds on change; Ctrl-C to stop)");
    let (root, shared) = (out.clone(), Arc::clone(&state));
    std::thread::spawn(move || serve_forever(listener, root, shared));
    while !STOP.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(250));
        let watched = paths(&config);
        let now_seen = fingerprint(&watched);
        if now_seen != seen {
            seen = now_seen;
            config = rebuild(start, &out, &state, now).or(config);
            // A new configuration may name other files (a templates folder).
            if paths(&config) != watched {
                seen = fingerprint(&paths(&config));
            }
        }
    }
    eprintln!("stopped; removing {}", shown(scratch.path()));
    drop(scratch);
    Ok(())
}

/// Set by Ctrl-C (SIGINT) or SIGTERM: `serve` then stops and removes its temporary folder.
static STOP: AtomicBool = AtomicBool::new(false);

#[cfg(target_os = "linux")]
fn stop_on_signals() {
    extern "C" fn stop(_: libc::c_int) {
        STOP.store(true, Ordering::Relaxed);
    }
    let handler: extern "C" fn(libc::c_int) = stop;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

#[cfg(not(target_os = "linux"))]
fn stop_on_signals() {}
