//! `postmortem import`.

use std::collections::HashSet;

use crate::check::ids::new_stem;
use crate::check::{Context, check_file};
use crate::cli::ImportArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::{Colors, Severity, render_human};
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

    std::fs::create_dir_all(&out).map_err(io_at(&out))?;
    let schema_file = config.root.join("schema/incident.schema.json");
    write_if_missing(
        &schema_file,
        crate::load::schema::INCIDENT_SCHEMA.as_bytes(),
    )
    .map_err(io_at(&schema_file))?;
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    let mut written: Vec<Written> = Vec::new();
    let mut skipped = Vec::new();
    for (path, yaml, todo) in planned {
        let wrote = if args.force {
            write_atomic(&path, yaml.as_bytes()).map_err(io_at(&path))?;
            true
        } else {
            write_if_missing(&path, yaml.as_bytes()).map_err(io_at(&path))?
        };
        if !wrote {
            skipped.push(path);
            continue;
        }
        let checked = check_file(&path, &cx);
        let problems = checked
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        written.push(Written {
            path,
            todo,
            problems,
        });
    }

    let mut listing = String::new();
    for w in &written {
        listing.push_str(&shown(&w.path));
        listing.push('\n');
    }
    write_stdout(&listing)?;
    report(&written, &skipped, &source, &out);
    Ok(())
}

fn report(
    written: &[Written],
    skipped: &[std::path::PathBuf],
    source: &str,
    out: &std::path::Path,
) {
    let colors = Colors {
        enabled: stderr_colors(),
    };
    eprintln!(
        "imported {} record{} from {source} into {}",
        written.len(),
        if written.len() == 1 { "" } else { "s" },
        shown(out)
    );
    for w in written.iter().filter(|w| !w.todo.is_empty()) {
        eprintln!("  {}: to complete: {}", shown(&w.path), w.todo.join("; "));
    }
    for w in written.iter().filter(|w| !w.problems.is_empty()) {
        eprintln!("  {}: does not pass `check` yet:", shown(&w.path));
        let source = std::fs::read_to_string(&w.path).unwrap_or_default();
        for d in &w.problems {
            let mut d = d.clone();
            d.path = shown(&d.path).into();
            eprint!("{}", render_human(&d, Some(&source), colors));
        }
    }
    for p in skipped {
        eprintln!(
            "  skipped {}: it exists (use --force to replace it)",
            shown(p)
        );
    }
}
