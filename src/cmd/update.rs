//! `postmortem update`: a new update (and component windows) added to a record in place.
//!
//! The shared steps of every in-place edit (`update`, `draft`) live here too: find the
//! record, refuse one that has errors already, and write the result only once it reloads to
//! exactly what was meant and passes `check` (atomically, through `write.rs`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, DurationRound, FixedOffset, SecondsFormat, TimeDelta};
use serde_json::{Value as Json, json};
use strum::VariantArray;

use crate::check::{Context, check_bytes, collect};
use crate::cli::UpdateArgs;
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::{Colors, Severity};
use crate::edit::{Editor, Item, Unsupported};
use crate::load::yaml::{self, Step};
use crate::model::{ComponentStatus, Record};

use super::{Failure, error_report, shown, stderr_colors, write_stdout};

use Step::{Index as I, Key as K};

pub fn run(config: &Config, args: UpdateArgs, now: Now) -> Result<(), Failure> {
    let at = moment(args.at.as_deref(), config, now)?;
    let changes = args
        .components
        .iter()
        .map(|c| component_change(c, config))
        .collect::<Result<Vec<_>, _>>()?;
    let path = find_record(config, &args.id)?;
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    let (text, record) = read_valid(&path, &cx)?;
    let mut editor = Editor::new(&text).map_err(|e| Failure::Failed(e.message))?;
    let mut want = editor.root().to_json();
    let stamp = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    plan(&record, &changes, args.status.closes(), &stamp)
        .apply(&mut editor, &mut want)
        .map_err(|e| unsupported(&path, e))?;
    let mut update = vec![
        ("at".to_owned(), Item::Plain(stamp.clone())),
        (
            "status".to_owned(),
            Item::Plain(args.status.as_str().to_owned()),
        ),
    ];
    let mut update_json = json!({"at": stamp, "status": args.status.as_str()});
    if let Some(m) = &args.message {
        update.push(("body".to_owned(), Item::Text(m.clone())));
        update_json["body"] = json!(m);
    }
    editor
        .append(&[K("updates")], Item::Map(update))
        .map_err(|e| unsupported(&path, e))?;
    push(&mut want, &["updates"], update_json);
    commit(&path, editor, &want, &cx)?;
    write_stdout(&format!("{}\n", shown(&path)))
}

/// The moment of an update: `--at` as given, else now (to the second, in the site's zone).
pub(super) fn moment(
    at: Option<&str>,
    config: &Config,
    now: Now,
) -> Result<DateTime<FixedOffset>, Failure> {
    match at {
        Some(text) => DateTime::parse_from_rfc3339(text).map_err(|_| {
            Failure::Usage(format!(
                "--at `{text}` is not an RFC 3339 timestamp with an offset (like 2026-04-07T19:51:00+02:00 or 2026-04-07T17:51:00Z)"
            ))
        }),
        None => {
            let now = now.at();
            let now = now.duration_trunc(TimeDelta::seconds(1)).unwrap_or(now);
            Ok(now.with_timezone(&config.timezone).fixed_offset())
        }
    }
}

/// `NAME=STATUS`: the component and its status from now on (`None`: operational).
fn component_change(
    arg: &str,
    config: &Config,
) -> Result<(String, Option<ComponentStatus>), Failure> {
    let statuses: Vec<&str> = ComponentStatus::VARIANTS
        .iter()
        .map(|s| s.as_str())
        .chain(["operational"])
        .collect();
    let Some((name, status)) = arg.rsplit_once('=') else {
        return Err(Failure::Usage(format!(
            "--component `{arg}`: write NAME=STATUS, STATUS one of {}",
            statuses.join(", ")
        )));
    };
    let status = match status {
        "operational" => None,
        s => Some(
            ComponentStatus::VARIANTS
                .iter()
                .copied()
                .find(|v| v.as_str() == s)
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "--component `{arg}`: `{s}` is not a component status; use one of {}",
                        statuses.join(", ")
                    ))
                })?,
        ),
    };
    if name.is_empty() {
        return Err(Failure::Usage(format!(
            "--component `{arg}`: the component's name is missing"
        )));
    }
    if !config.knows_component(name) {
        return Err(Failure::Usage(config.unknown_component(name)));
    }
    Ok((name.to_owned(), status))
}

/// What an update does to `components` and `impact.windows`.
struct Plan {
    stamp: String,
    /// Components to add to `components`.
    named: Vec<String>,
    /// Open windows (by index) that end now.
    close: Vec<usize>,
    /// Windows that start now.
    open: Vec<(String, ComponentStatus)>,
    /// Whether the record has `impact`, and `impact.windows`.
    has_impact: bool,
    has_windows: bool,
}

fn plan(
    record: &Record,
    changes: &[(String, Option<ComponentStatus>)],
    closes: bool,
    stamp: &str,
) -> Plan {
    let windows = &record.impact.windows;
    let mut plan = Plan {
        stamp: stamp.to_owned(),
        named: Vec::new(),
        close: Vec::new(),
        open: Vec::new(),
        has_impact: false,
        has_windows: false,
    };
    for (name, status) in changes {
        if !record.components.contains(name) && !plan.named.contains(name) {
            plan.named.push(name.clone());
        }
        let open = windows
            .iter()
            .position(|w| &w.component == name && w.end.is_none());
        match (open, status) {
            (Some(i), Some(s)) if windows[i].status == *s => {}
            (Some(i), s) => {
                plan.close.push(i);
                if let Some(s) = s {
                    plan.open.push((name.clone(), *s));
                }
            }
            (None, Some(s)) => plan.open.push((name.clone(), *s)),
            (None, None) => {}
        }
    }
    if closes {
        for (i, w) in windows.iter().enumerate() {
            if w.end.is_none() && !plan.close.contains(&i) {
                plan.close.push(i);
            }
        }
    }
    plan.close.sort_unstable();
    plan
}

impl Plan {
    /// Makes the plan's insertions, and the same changes to `want` (the JSON the result must
    /// load as).
    fn apply(mut self, editor: &mut Editor, want: &mut Json) -> Result<(), Unsupported> {
        self.has_impact = want.get("impact").is_some();
        self.has_windows = want.pointer("/impact/windows").is_some();
        let empty = want
            .get("components")
            .and_then(Json::as_array)
            .is_some_and(Vec::is_empty);
        if empty && !self.named.is_empty() {
            // The hint `new` writes on an empty list is done with.
            editor.remove_comment_after(&[K("components")], super::new::COMPONENTS_HINT);
        }
        for name in &self.named {
            editor.append(&[K("components")], Item::Quoted(name.clone()))?;
            push(want, &["components"], json!(name));
        }
        for &i in &self.close {
            editor.add_key(
                &[K("impact"), K("windows"), I(i)],
                "end",
                Item::Plain(self.stamp.clone()),
            )?;
            if let Some(w) = want.pointer_mut(&format!("/impact/windows/{i}")) {
                w["end"] = json!(self.stamp);
            }
        }
        if self.open.is_empty() {
            return Ok(());
        }
        let items: Vec<Item> = self
            .open
            .iter()
            .map(|(c, s)| {
                Item::Map(vec![
                    ("component".into(), Item::Quoted(c.clone())),
                    ("status".into(), Item::Plain(s.as_str().into())),
                    ("start".into(), Item::Plain(self.stamp.clone())),
                ])
            })
            .collect();
        for (c, s) in &self.open {
            push(
                want,
                &["impact", "windows"],
                json!({"component": c, "status": s.as_str(), "start": self.stamp}),
            );
        }
        if self.has_windows {
            for item in items {
                editor.append(&[K("impact"), K("windows")], item)?;
            }
        } else if self.has_impact {
            editor.add_key(&[K("impact")], "windows", Item::Seq(items))?;
        } else {
            let impact = Item::Map(vec![("windows".into(), Item::Seq(items))]);
            // In place of the commented example `new` writes, if it is still there.
            if !editor.replace_template(&super::new::IMPACT_TEMPLATE, "impact", impact.clone()) {
                editor.add_root_key_before("updates", "impact", impact)?;
            }
        }
        Ok(())
    }
}

/// Appends `value` to the list at `path` of `json`, making the mappings and the list on
/// the way if missing.
pub(super) fn push(json: &mut Json, path: &[&str], value: Json) {
    let mut node = json;
    for (i, key) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        if !node.is_object() {
            *node = json!({});
        }
        let entry = node
            .as_object_mut()
            .map(|m| m.entry(key.to_string()).or_insert(Json::Null));
        let Some(entry) = entry else { return };
        if entry.is_null() {
            *entry = if last { json!([]) } else { json!({}) };
        }
        node = entry;
    }
    if let Some(items) = node.as_array_mut() {
        items.push(value);
    }
}

/// The record named by `id`: a path to a file, or the id of a record of the records folder.
pub(super) fn find_record(config: &Config, id: &str) -> Result<PathBuf, Failure> {
    let as_path = Path::new(id);
    if as_path.is_file() {
        config
            .repo
            .guard(as_path)
            .map_err(|e| Failure::Failed(e.to_string()))?;
        return Ok(as_path.to_owned());
    }
    let files = if config.incidents.is_dir() {
        collect(std::slice::from_ref(&config.incidents), &config.repo)
            .map_err(|e| Failure::Failed(e.to_string()))?
            .files
    } else {
        Vec::new()
    };
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut found = files.iter().filter(|p| stem(p) == id);
    match (found.next(), found.next()) {
        (Some(p), None) => Ok(p.clone()),
        (Some(a), Some(b)) => Err(Failure::Failed(format!(
            "two records are `{id}`: {} and {}",
            shown(a),
            shown(b)
        ))),
        (None, _) => {
            let stems: Vec<String> = files.iter().map(stem).collect();
            let hint =
                crate::diagnostic::suggest::did_you_mean_help(id, stems.iter().map(String::as_str))
                    .map(|h| format!(": {h}"))
                    .unwrap_or_default();
            Err(Failure::Usage(format!(
                "no record `{id}` in {}{hint}",
                shown(&config.incidents)
            )))
        }
    }
}

/// The text and typed record of `path`, which must pass `check`: a record with errors is
/// not edited (they are shown).
pub(super) fn read_valid(path: &Path, cx: &Context<'_>) -> Result<(String, Record), Failure> {
    let bytes = crate::load::files::read_regular(path, yaml::MAX_FILE_BYTES as u64, yaml::LIMITED)
        .map_err(|e| Failure::Failed(e.to_string()))?;
    let checked = check_bytes(path, &bytes, cx);
    let record = match checked.record {
        Some(r) if !checked.has_errors() => r,
        _ => {
            let colors = Colors {
                enabled: stderr_colors(),
            };
            eprint!("{}", error_report(std::slice::from_ref(&checked), colors));
            return Err(Failure::Failed(format!(
                "{} has errors: fix them first (postmortem check); nothing written",
                shown(path)
            )));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| Failure::Failed("not UTF-8".into()))?;
    Ok((text, record))
}

fn unsupported(path: &Path, e: Unsupported) -> Failure {
    Failure::Failed(format!(
        "{}: cannot be edited in place: {}; nothing written",
        shown(path),
        e.0
    ))
}

/// Writes the edited text over `path` once it loads back as exactly `want` and passes
/// `check`; otherwise writes nothing and says why.
pub(super) fn commit(
    path: &Path,
    editor: Editor,
    want: &Json,
    cx: &Context<'_>,
) -> Result<(), Failure> {
    let text = editor.finish();
    let reloaded = yaml::parse(&text).map(|d| d.root.to_json());
    if reloaded.as_ref().ok() != Some(want) {
        return Err(Failure::Failed(format!(
            "{}: cannot be edited in place safely (the result would not read back as intended); nothing written",
            shown(path)
        )));
    }
    let checked = check_bytes(path, text.as_bytes(), cx);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let help = d
                .help
                .as_deref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            format!(
                "\n  {}{help} [{}]",
                crate::diagnostic::escape_controls(&d.message),
                d.code
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(Failure::Failed(format!(
            "{} not changed: the result would not pass `check`:{}",
            shown(path),
            errors.concat()
        )));
    }
    // Write through a link to where the record really is, so that the link stays a link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    crate::write::write_atomic(&target, text.as_bytes()).map_err(super::io_at(path))
}
