//! `postmortem import`.

use std::collections::HashSet;

use crate::check::ids::new_stem;
use crate::check::{Context, check_bytes};
use crate::cli::ImportArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::{Colors, Severity, render_human};
use crate::formats::yaml::quoted;
use crate::import::{self, Written, to_yaml};
use crate::write::{write_atomic, write_if_missing};

use super::new::relative_schema_path;
use super::{Failure, io_at, shown, stderr_colors, write_stdout};

pub fn run(config: &Config, args: ImportArgs, now: Now) -> Result<(), Failure> {
    crate::load::files::regular_file(&args.file).map_err(Failure::file_argument)?;
    let source = shown(&args.file);
    let text = import::read(&args.file).map_err(|e| Failure::Failed(e.to_string()))?;
    let parsed = import::parse(&text).map_err(|e| Failure::Failed(format!("{source}: {e}")))?;
    for w in &parsed.warnings {
        match &w.at {
            Some(at) => eprintln!("{source}:{at}: warning: {}", w.message),
            None => eprintln!("{source}: warning: {}", w.message),
        }
    }
    let drafts = parsed.drafts;
    let out = args.out.clone().unwrap_or_else(|| config.incidents.clone());
    let modeline = relative_schema_path(&out, &config.root);
    let source_name = args
        .file
        .file_name()
        .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned());

    // Everything is rendered before anything is written.
    let mut taken: HashSet<String> = HashSet::new();
    let mut planned = Vec::new();
    for draft in &drafts {
        let day = draft
            .updates
            .first()
            .map(|u| {
                u.at.with_timezone(&config.timezone)
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_default();
        let base = new_stem(&day, &draft.title, "incident");
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let (yaml, todo) = to_yaml(draft, &source_name, &modeline);
        planned.push((out.join(format!("{id}.yaml")), yaml, todo));
    }

    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    // Every record is checked as it will be written, before anything is written.
    let mut written: Vec<Written> = planned
        .into_iter()
        .zip(&drafts)
        .map(|((path, yaml, todo), draft)| {
            let problems = check_file_bytes(&path, &yaml, &cx);
            Written {
                path,
                title: draft.title.clone(),
                kind: draft.kind,
                statuses: draft.updates.iter().map(|u| u.status).collect(),
                inferred: draft.updates.iter().filter(|u| u.inferred).count(),
                todo,
                problems,
                yaml,
            }
        })
        .collect();

    if args.dry_run {
        let mut listing = String::new();
        for w in &written {
            listing.push_str(&format!("{}: {}\n", shown(&w.path), summary(w)));
        }
        write_stdout(&listing)?;
        report(&written, &[], &source, &out, true);
        return verdict(&written);
    }

    std::fs::create_dir_all(&out).map_err(io_at(&out))?;
    let schema_file = config.root.join("schema/incident.schema.json");
    write_if_missing(
        &schema_file,
        crate::load::schema::INCIDENT_SCHEMA.as_bytes(),
    )
    .map_err(io_at(&schema_file))?;
    let mut skipped = Vec::new();
    let mut kept = Vec::with_capacity(written.len());
    for w in written.drain(..) {
        let wrote = if args.force {
            write_atomic(&w.path, w.yaml.as_bytes()).map_err(io_at(&w.path))?;
            true
        } else {
            write_if_missing(&w.path, w.yaml.as_bytes()).map_err(io_at(&w.path))?
        };
        if wrote {
            kept.push(w);
        } else {
            skipped.push(w.path);
        }
    }
    let written = kept;

    let mut listing = String::new();
    for w in &written {
        listing.push_str(&shown(&w.path));
        listing.push('\n');
    }
    write_stdout(&listing)?;
    report(&written, &skipped, &source, &out, false);
    verdict(&written)
}

/// What `check` finds in a record about to be written at `path`.
fn check_file_bytes(
    path: &std::path::Path,
    yaml: &str,
    cx: &Context<'_>,
) -> Vec<crate::diagnostic::Diagnostic> {
    check_bytes(path, yaml.as_bytes(), cx).diagnostics
}

/// Exit 0 only when every record written passes `check` (warnings allowed).
fn verdict(written: &[Written]) -> Result<(), Failure> {
    let failing: Vec<String> = written
        .iter()
        .filter(|w| w.fails())
        .map(|w| shown(&w.path))
        .collect();
    if failing.is_empty() {
        return Ok(());
    }
    Err(Failure::Failed(format!(
        "{} record{} {} not pass `check`: {}",
        failing.len(),
        if failing.len() == 1 { "" } else { "s" },
        if failing.len() == 1 { "does" } else { "do" },
        failing.join(", ")
    )))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `incident "Title": investigating → resolved`.
fn summary(w: &Written) -> String {
    let statuses: Vec<&str> = w.statuses.iter().map(|s| s.as_str()).collect();
    format!(
        "{} {}: {} ({})",
        w.kind.as_str(),
        quoted(&w.title),
        plural(w.statuses.len(), "update", "updates"),
        statuses.join(" → ")
    )
}

fn report(
    written: &[Written],
    skipped: &[std::path::PathBuf],
    source: &str,
    out: &std::path::Path,
    dry_run: bool,
) {
    let colors = Colors {
        enabled: stderr_colors(),
    };
    let updates: usize = written.iter().map(|w| w.statuses.len()).sum();
    eprintln!(
        "{} {} ({}) from {source} into {}",
        if dry_run { "would import" } else { "imported" },
        plural(written.len(), "record", "records"),
        plural(updates, "update", "updates"),
        shown(out)
    );
    for w in written {
        let mut line = format!(
            "  {}: {}",
            shown(&w.path),
            plural(w.statuses.len(), "update", "updates")
        );
        if w.inferred > 0 {
            line.push_str(&format!(
                ", {} inferred from the text (marked `# inferred`)",
                plural(w.inferred, "status", "statuses")
            ));
        }
        if !w.todo.is_empty() {
            line.push_str(&format!("; to complete: {}", w.todo.join("; ")));
        }
        let errors = w
            .problems
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = w.problems.len() - errors;
        if !w.problems.is_empty() {
            line.push_str(&format!(
                "; `check` finds {}",
                match (errors, warnings) {
                    (0, w) => plural(w, "warning", "warnings"),
                    (e, 0) => plural(e, "error", "errors"),
                    (e, w) => format!(
                        "{} and {}",
                        plural(e, "error", "errors"),
                        plural(w, "warning", "warnings")
                    ),
                }
            ));
        }
        eprintln!("{line}");
        for d in &w.problems {
            let mut d = d.clone();
            d.path = shown(&d.path).into();
            eprint!("{}", render_human(&d, Some(&w.yaml), colors));
        }
    }
    for p in skipped {
        eprintln!(
            "  skipped {}: it exists (use --force to replace it)",
            shown(p)
        );
    }
}
