//! `postmortem build`.

use std::path::Path;
use std::time::Instant;

use crate::check::{CollectError, Context, check_all, collect};
use crate::cli::BuildArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::Colors;
use crate::site;

use super::{Failure, error_report, shown, stderr_colors};

pub fn run(config: &Config, args: BuildArgs, now: Now) -> Result<(), Failure> {
    let started = Instant::now();
    let out = args.out.unwrap_or_else(|| config.root.join("site"));
    let colors = Colors {
        enabled: stderr_colors(),
    };
    let result = check_and_build(config, &out, now, colors, args.force, args.drafts, true);
    if let Some(note) = placeholder_note(config) {
        eprintln!("{note}");
    }
    match result {
        Ok(built) => {
            eprintln!("{} in {:.2?}", summary(&built, &out), started.elapsed());
            Ok(())
        }
        Err(e) => {
            eprint!("{}", e.report(&out, colors));
            Err(Failure::Reported)
        }
    }
}

/// Without `postmortem.yaml`, or with the `url` that `init` writes without `--url`, what a
/// build publishes as the site's address: the placeholder.
pub(super) fn placeholder_note(config: &Config) -> Option<String> {
    let links =
        "the feeds, the calendar, the JSON and the badges' snippets link to the placeholder URL";
    match &config.file {
        None => Some(format!(
            "note: no {} found: {links} {}; set `url` in {} to the site's address",
            crate::config::FILE_NAME,
            config.url,
            crate::config::FILE_NAME
        )),
        Some(file) if config.url == crate::config::PLACEHOLDER_URL => Some(format!(
            "note: `url` in {file} is unset or the placeholder `init` writes: {links} {}; set `url` in {file} to the site's address",
            config.url,
            file = shown(file),
        )),
        Some(_) => None,
    }
}

/// Why a site was not built; `out` is untouched.
pub(super) enum NotBuilt {
    /// The records folder could not be listed.
    Collect(CollectError),
    /// Some records have errors: their located errors, rendered.
    Invalid(String),
    Build(site::BuildError),
}

impl NotBuilt {
    /// What to show: the located errors and what happened.
    pub(super) fn report(&self, out: &Path, colors: Colors) -> String {
        match self {
            NotBuilt::Collect(e) => format!("{} {e}\n", colors.error_label()),
            NotBuilt::Invalid(errors) => format!(
                "{errors}{} invalid records: nothing built, {} is untouched\n",
                colors.error_label(),
                shown(out)
            ),
            NotBuilt::Build(site::BuildError::Template(e)) => super::catalogue_report(e)
                .unwrap_or_else(|| format!("{} {e}\n", colors.error_label())),
            NotBuilt::Build(e) => format!("{} {e}\n", colors.error_label()),
        }
    }
}

/// `built 4 records into site (14 files)`
pub(super) fn summary(built: &site::Built, out: &Path) -> String {
    format!(
        "built {} record{} into {} ({} files)",
        built.records,
        if built.records == 1 { "" } else { "s" },
        shown(out),
        built.files
    )
}

/// Checks every record, then builds the site into `out`. On failure `out` is untouched.
/// `exiting`: the process ends right after (a one-shot `build`, not `serve`).
pub(super) fn check_and_build(
    config: &Config,
    out: &Path,
    now: Now,
    colors: Colors,
    force: bool,
    drafts: bool,
    exiting: bool,
) -> Result<site::Built, NotBuilt> {
    let files = if config.incidents.is_dir() {
        collect(std::slice::from_ref(&config.incidents), &config.repo).map_err(NotBuilt::Collect)?
    } else {
        Default::default()
    };
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    let checked = check_all(&files, &cx);
    if checked.iter().any(|c| c.has_errors()) {
        return Err(NotBuilt::Invalid(error_report(&checked, colors)));
    }
    let records: Vec<_> = checked.into_iter().filter_map(|c| c.record).collect();
    let built =
        site::build_site(config, &records, out, now.at(), force, drafts).map_err(NotBuilt::Build);
    if exiting {
        // The process ends right after a one-shot build, and the system takes its memory back
        // at once: freeing the records' strings one by one would cost some 2% of the build,
        // in one thread, at its very end.
        std::mem::forget(records);
    }
    built
}
