//! `postmortem import`.

use std::collections::HashSet;

use crate::check::ids::new_stem;
use crate::check::{Context, check_bytes};
use crate::cli::ImportArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::{Colors, Severity, render_human};
use crate::formats::yaml::quoted;
use crate::import::{self, Merged, Written, to_yaml};
use crate::write::{write_atomic, write_if_missing};

use super::new::relative_schema_path;
use super::{Failure, io_at, shown, stderr_colors, write_stdout};

/// The document to import: a file, `-` (standard input) or an http(s) URL; its text and
/// the name records say they came from.
fn read_source(given: &std::path::Path) -> Result<(String, String, String), Failure> {
    let arg = given.to_string_lossy().into_owned();
    if arg == "-" {
        let text = import::read_stdin(std::io::stdin().lock())
            .map_err(|e| Failure::Failed(e.to_string()))?;
        return Ok((
            text,
            "standard input".to_owned(),
            "standard input".to_owned(),
        ));
    }
    if import::fetch::is_url(&arg) {
        let text = import::fetch::get(&arg).map_err(|e| Failure::Failed(e.to_string()))?;
        return Ok((text, arg.clone(), arg));
    }
    crate::load::files::regular_file(given).map_err(Failure::file_argument)?;
    let text = import::read(given).map_err(|e| Failure::Failed(e.to_string()))?;
    let source = shown(given);
    let name = given
        .file_name()
        .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned());
    Ok((text, source, name))
}

pub fn run(config: &Config, args: ImportArgs, now: Now) -> Result<(), Failure> {
    let (text, source, source_name) = read_source(&args.file)?;
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

    // The source's component catalogue: into postmortem.yaml when it has none (the records
    // are checked against it), else shown for the user to merge.
    let catalogue = match &parsed.catalogue {
        Some(c) if config.components.is_none() => {
            // With the components its records name that the page no longer lists.
            let mut all = c.clone();
            for name in drafts.iter().flat_map(|d| d.components.iter()) {
                if !all.iter().any(|k| &k.name == name) {
                    all.push(crate::config::Component {
                        name: name.clone(),
                        description: None,
                        group: None,
                        slo: None,
                    });
                }
            }
            Some(catalogue_plan(config, &all)?)
        }
        _ => None,
    };
    let mut config = config.clone();
    if let Some(plan) = &catalogue {
        config.components = Some(plan.components.clone());
    }
    let config = &config;

    // Records already imported from this source, by its id: merged, not written again.
    let existing = import::merge::source_ids(&out);

    // Everything is rendered before anything is written.
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    let mut taken: HashSet<String> = HashSet::new();
    let mut written: Vec<Written> = Vec::with_capacity(drafts.len());
    for draft in &drafts {
        if let Some(path) = draft.source_id.as_ref().and_then(|id| existing.get(id)) {
            written.push(merge_plan(path, draft, &cx)?);
            continue;
        }
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
        let path = out.join(format!("{id}.yaml"));
        // Every record is checked as it will be written, before anything is written.
        let problems = check_file_bytes(&path, &yaml, &cx);
        written.push(Written {
            path,
            title: draft.title.clone(),
            kind: draft.kind,
            statuses: draft.updates.iter().map(|u| u.status).collect(),
            inferred: draft.updates.iter().filter(|u| u.inferred).count(),
            todo,
            problems,
            yaml,
            merged: None,
        });
    }

    if args.dry_run {
        let mut listing = String::new();
        for w in &written {
            listing.push_str(&format!("{}: {}\n", shown(&w.path), summary(w)));
        }
        write_stdout(&listing)?;
        report_catalogue(
            catalogue.as_ref(),
            parsed.catalogue.as_deref(),
            config,
            true,
        );
        report(&written, &[], &source, &out, true);
        report_capped(parsed.capped);
        return verdict(&written);
    }

    if let Some(plan) = &catalogue {
        write_atomic(&plan.path, plan.text.as_bytes()).map_err(io_at(&plan.path))?;
    }
    if !written.is_empty() {
        std::fs::create_dir_all(&out).map_err(io_at(&out))?;
        let schema_file = config.root.join("schema/incident.schema.json");
        write_if_missing(
            &schema_file,
            crate::load::schema::INCIDENT_SCHEMA.as_bytes(),
        )
        .map_err(io_at(&schema_file))?;
    }
    let mut skipped = Vec::new();
    let mut kept = Vec::with_capacity(written.len());
    for w in written.drain(..) {
        let wrote = match w.merged {
            // A merge that `check` fails leaves the file as it was.
            Some(Merged::Added(_)) if !w.fails() => {
                write_atomic(&w.path, w.yaml.as_bytes()).map_err(io_at(&w.path))?;
                true
            }
            Some(_) => false,
            None if args.force => {
                write_atomic(&w.path, w.yaml.as_bytes()).map_err(io_at(&w.path))?;
                true
            }
            None => write_if_missing(&w.path, w.yaml.as_bytes()).map_err(io_at(&w.path))?,
        };
        if wrote || w.merged.is_some() {
            kept.push((w, wrote));
        } else {
            skipped.push(w.path);
        }
    }
    let mut listing = String::new();
    for (w, wrote) in &kept {
        if *wrote {
            listing.push_str(&shown(&w.path));
            listing.push('\n');
        }
    }
    let written: Vec<Written> = kept.into_iter().map(|(w, _)| w).collect();
    write_stdout(&listing)?;
    report_catalogue(
        catalogue.as_ref(),
        parsed.catalogue.as_deref(),
        config,
        false,
    );
    report(&written, &skipped, &source, &out, false);
    report_capped(parsed.capped);
    verdict(&written)
}

/// The catalogue to write into `postmortem.yaml`: its new text, made sure to load.
struct CataloguePlan {
    path: std::path::PathBuf,
    text: String,
    components: Vec<crate::config::Component>,
}

fn catalogue_plan(
    config: &Config,
    catalogue: &[crate::config::Component],
) -> Result<CataloguePlan, Failure> {
    let path = config
        .file
        .clone()
        .unwrap_or_else(|| config.root.join("postmortem.yaml"));
    let before = match &config.file {
        Some(file) => {
            let bytes = crate::load::files::read_regular(
                file,
                crate::load::yaml::MAX_FILE_BYTES as u64,
                crate::load::yaml::LIMITED,
            )
            .map_err(|e| Failure::Failed(e.to_string()))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        None => String::new(),
    };
    let text = import::catalogue::added_to(&before, catalogue);
    // The new text must load as a configuration with exactly this catalogue: tried in a
    // folder of its own before the real file is touched.
    let tried = tempfile::tempdir().map_err(io_at(&config.root))?;
    let file = tried.path().join("postmortem.yaml");
    std::fs::write(&file, &text).map_err(io_at(&file))?;
    match crate::config::load_file(&file) {
        Ok(loaded) if loaded.components.as_deref() == Some(catalogue) => Ok(CataloguePlan {
            path,
            text,
            components: catalogue.to_vec(),
        }),
        _ => Err(Failure::Failed(format!(
            "{}: the component catalogue cannot be added to it as it is written; add this to it by hand and import again:\n{}",
            shown(&path),
            import::catalogue::to_yaml(catalogue).trim_end()
        ))),
    }
}

/// A record imported before from the same source: the updates it does not have yet.
fn merge_plan(
    path: &std::path::Path,
    draft: &import::Draft,
    cx: &Context<'_>,
) -> Result<Written, Failure> {
    let bytes = crate::load::files::read_regular(
        path,
        crate::load::yaml::MAX_FILE_BYTES as u64,
        crate::load::yaml::LIMITED,
    )
    .map_err(|e| Failure::Failed(e.to_string()))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let before = check_bytes(path, text.as_bytes(), cx);
    let unchanged = |merged: Merged, problems| Written {
        path: path.to_owned(),
        title: draft.title.clone(),
        kind: draft.kind,
        statuses: before
            .record
            .as_ref()
            .map(|r| r.updates.iter().map(|u| u.status).collect())
            .unwrap_or_default(),
        inferred: 0,
        todo: Vec::new(),
        problems,
        yaml: text.clone(),
        merged: Some(merged),
    };
    let Some(record) = &before.record else {
        // A record that does not load is left to its owner: what `check` says is reported.
        return Ok(unchanged(Merged::Unchanged, before.diagnostics.clone()));
    };
    let changes = import::merge::changes(record, draft);
    if changes.is_empty() {
        return Ok(unchanged(Merged::Unchanged, Vec::new()));
    }
    let added = changes.updates.len();
    let Some((yaml, todo)) = import::merge::apply(&text, record, draft, &changes) else {
        return Ok(unchanged(Merged::NotPlaced(added), Vec::new()));
    };
    let after = check_bytes(path, yaml.as_bytes(), cx);
    Ok(Written {
        path: path.to_owned(),
        title: draft.title.clone(),
        kind: draft.kind,
        statuses: after
            .record
            .as_ref()
            .map(|r| r.updates.iter().map(|u| u.status).collect())
            .unwrap_or_default(),
        inferred: changes.updates.iter().filter(|u| u.inferred).count(),
        todo,
        problems: after.diagnostics,
        yaml,
        merged: Some(Merged::Added(added)),
    })
}

/// What became of the source's component catalogue.
fn report_catalogue(
    plan: Option<&CataloguePlan>,
    listed: Option<&[crate::config::Component]>,
    config: &Config,
    dry_run: bool,
) {
    if let Some(plan) = plan {
        let groups: HashSet<&str> = plan
            .components
            .iter()
            .filter_map(|c| c.group.as_deref())
            .collect();
        eprintln!(
            "{} the component catalogue ({}{}) to {}",
            if dry_run { "would add" } else { "added" },
            plural(plan.components.len(), "component", "components"),
            if groups.is_empty() {
                String::new()
            } else {
                format!(" in {}", plural(groups.len(), "group", "groups"))
            },
            shown(&plan.path)
        );
        return;
    }
    let (Some(listed), Some(known)) = (listed, &config.components) else {
        return;
    };
    let missing: Vec<&crate::config::Component> = listed
        .iter()
        .filter(|c| !known.iter().any(|k| k.name == c.name))
        .collect();
    if missing.is_empty() {
        return;
    }
    let path = config
        .file
        .as_deref()
        .map_or_else(|| "postmortem.yaml".to_owned(), shown);
    eprintln!(
        "{path} has a `components` catalogue already, so it is left as it is; the source's catalogue, to merge by hand ({} not in yours: {}):\n{}",
        plural(missing.len(), "component", "components"),
        missing
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect::<Vec<_>>()
            .join(", "),
        import::catalogue::to_yaml(listed).trim_end()
    );
}

/// Statuspage's `incidents.json` keeps its newest 50 incidents only.
fn report_capped(capped: bool) {
    if capped {
        eprintln!(
            "note: Statuspage's incidents.json holds only the page's newest {} incidents: import its history feed too (history.atom or history.rss, beside the page) for the older ones; incidents already imported are merged, never written twice",
            crate::formats::statuspage::API_LIST_LIMIT
        );
    }
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
    let fresh: Vec<&Written> = written.iter().filter(|w| w.merged.is_none()).collect();
    let updates: usize = fresh.iter().map(|w| w.statuses.len()).sum();
    let mut head = format!(
        "{} {} ({}) from {source} into {}",
        if dry_run { "would import" } else { "imported" },
        plural(fresh.len(), "record", "records"),
        plural(updates, "update", "updates"),
        shown(out)
    );
    let merged: Vec<usize> = written
        .iter()
        .filter_map(|w| match w.merged {
            Some(Merged::Added(n)) => Some(n),
            _ => None,
        })
        .collect();
    let known = written.len() - fresh.len();
    let unplaced: usize = written
        .iter()
        .filter_map(|w| match w.merged {
            Some(Merged::NotPlaced(n)) => Some(n),
            _ => None,
        })
        .sum();
    let added: usize = merged.iter().sum();
    if known > 0 {
        head.push_str(&format!(
            "; {} imported before: ",
            plural(known, "record", "records")
        ));
        if added == 0 && unplaced == 0 {
            head.push_str("nothing new");
        } else if added == 0 {
            head.push_str(&plural(unplaced, "new update", "new updates"));
        } else {
            head.push_str(&format!(
                "{} {} to {} of them",
                plural(added, "new update", "new updates"),
                if dry_run { "would be added" } else { "added" },
                merged.len()
            ));
        }
        if unplaced > 0 {
            head.push_str(if added == 0 {
                " left to add by hand"
            } else {
                ""
            });
            if added > 0 {
                head.push_str(&format!(", {unplaced} left to add by hand"));
            }
        }
    }
    eprintln!("{head}");
    for w in written {
        let mut line = match w.merged {
            None => format!(
                "  {}: {}",
                shown(&w.path),
                plural(w.statuses.len(), "update", "updates")
            ),
            Some(Merged::Added(n)) => format!(
                "  {}: {} (the same source id), {} in all",
                shown(&w.path),
                plural(n, "new update", "new updates"),
                w.statuses.len()
            ),
            Some(Merged::Unchanged) => format!(
                "  {}: imported before (the same source id), nothing new: unchanged",
                shown(&w.path)
            ),
            Some(Merged::NotPlaced(n)) => format!(
                "  {}: imported before; what is new ({}) is not added: the file is not laid out as `import` writes it, so it is left as it is; add it by hand",
                shown(&w.path),
                plural(n, "new update", "new updates")
            ),
        };
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
            if matches!(w.merged, Some(Merged::Added(_))) && errors > 0 {
                line.push_str(" in the result, so the file is left as it was");
            }
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
