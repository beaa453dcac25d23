//! The semantic rules (docs/guide.md, "Rule codes") that a schema cannot say: order of times, references
//! between fields, statuses that fit the record's kind, and the warnings.

use std::path::Path;

use chrono::{NaiveDate, SecondsFormat};

use crate::config::Config;
use crate::diagnostic::suggest::did_you_mean_help;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::yaml::{Node, Span, Step, locate};
use crate::model::{ActionStatus, ComponentStatus, Kind, Record, Severity, UpdateStatus};

/// What the rules need besides the record itself.
pub struct Context<'a> {
    pub config: &'a Config,
    /// Today's date in the site's zone, for overdue action items.
    pub today: NaiveDate,
}

struct Out<'a> {
    path: &'a Path,
    root: &'a Node,
    found: Vec<Diagnostic>,
}

impl Out<'_> {
    fn span(&self, path: &[Step<'_>]) -> Span {
        locate(self.root, path).node.span
    }

    fn error(&mut self, path: &[Step<'_>], code: Code, message: String) -> &mut Diagnostic {
        let d = Diagnostic::error(self.path, self.span(path), code, message);
        self.found.push(d);
        self.found.last_mut().unwrap_or_else(|| unreachable!())
    }

    fn warning(&mut self, path: &[Step<'_>], code: Code, message: String) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.path, self.span(path), code, message);
        self.found.push(d);
        self.found.last_mut().unwrap_or_else(|| unreachable!())
    }
}

fn help(d: &mut Diagnostic, text: impl Into<String>) {
    d.help = Some(text.into());
}

use Step::{Index as I, Key as K};

/// Runs every semantic rule on a record that passed the schema.
pub fn check(record: &Record, root: &Node, path: &Path, cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Out {
        path,
        root,
        found: Vec::new(),
    };
    times_in_order(record, &mut out);
    let names = Names {
        listed: record
            .components
            .iter()
            .map(String::as_str)
            .enumerate()
            .collect(),
        complete: true,
        windows: (record.impact.windows.iter())
            .map(|w| w.component.as_str())
            .enumerate()
            .collect(),
    };
    components(&names, &mut out, cx.config);
    statuses(record, &mut out);
    warnings(record, &mut out, cx.today);
    out.found
}

/// The rules that read only the components a record names, for a record the schema refused:
/// run on the values it accepted (`faulty`: JSON pointers of those it did not), so that a
/// typo in one value does not hide an unknown component elsewhere.
pub fn check_names(
    root: &Node,
    faulty: &[String],
    path: &Path,
    cx: &Context<'_>,
) -> Vec<Diagnostic> {
    let mut out = Out {
        path,
        root,
        found: Vec::new(),
    };
    let accepted = |pointer: String| !faulty.contains(&pointer);
    fn items(node: Option<&Node>) -> Option<&[Node]> {
        match node.map(|n| &n.value) {
            Some(crate::load::yaml::Value::Seq(items)) => Some(items),
            _ => None,
        }
    }
    let listed = items(root.get("components"));
    let names = Names {
        listed: (listed.into_iter().flatten().enumerate())
            .filter(|(i, _)| accepted(format!("/components/{i}")))
            .filter_map(|(i, n)| Some((i, n.as_str()?)))
            .collect(),
        // A window is compared with the record's list only when the list is whole.
        complete: listed.is_some_and(|l| l.iter().all(|n| n.as_str().is_some())),
        windows: (items(root.get("impact").and_then(|i| i.get("windows"))).into_iter())
            .flatten()
            .enumerate()
            .filter(|(i, _)| accepted(format!("/impact/windows/{i}/component")))
            .filter_map(|(i, w)| Some((i, w.get("component")?.as_str()?)))
            .collect(),
    };
    components(&names, &mut out, cx.config);
    out.found
}

/// The components a record names: its `components` (by index) and each window's (by index).
struct Names<'a> {
    listed: Vec<(usize, &'a str)>,
    /// Whether `listed` is the whole list (no item refused by the schema).
    complete: bool,
    windows: Vec<(usize, &'a str)>,
}

fn times_in_order(r: &Record, out: &mut Out<'_>) {
    for (i, pair) in r.updates.windows(2).enumerate() {
        if pair[1].at < pair[0].at {
            let d = out.error(
                &[K("updates"), I(i + 1), K("at")],
                Code::Order,
                format!(
                    "this update is earlier than the one before it ({})",
                    pair[0].at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                ),
            );
            help(d, "list updates oldest first");
        }
    }
    for (i, w) in r.impact.windows.iter().enumerate() {
        if let Some(end) = w.end
            && end < w.start
        {
            let d = out.error(
                &[K("impact"), K("windows"), I(i), K("end")],
                Code::Order,
                format!(
                    "window ends before it starts ({})",
                    w.start.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                ),
            );
            help(d, "`end` must not be before `start`");
        }
    }
    if let Some(pm) = &r.postmortem {
        for (i, pair) in pm.timeline.windows(2).enumerate() {
            if pair[1].at < pair[0].at {
                let d = out.error(
                    &[K("postmortem"), K("timeline"), I(i + 1), K("at")],
                    Code::Order,
                    format!(
                        "this timeline entry is earlier than the one before it ({})",
                        pair[0].at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                    ),
                );
                help(d, "list the timeline oldest first");
            }
        }
    }
    if let (Some(detected), Some(ack)) = (r.detected_at, r.acknowledged_at)
        && ack < detected
    {
        let d = out.error(
            &[K("acknowledged_at")],
            Code::Order,
            format!(
                "acknowledged before it was detected ({})",
                detected.to_rfc3339_opts(SecondsFormat::AutoSi, true)
            ),
        );
        help(d, "`acknowledged_at` must not be before `detected_at`");
    }
    resolved_at_in_order(r, out);
    if let Some(s) = &r.scheduled
        && s.end < s.start
    {
        out.error(
            &[K("scheduled"), K("end")],
            Code::Order,
            format!(
                "scheduled window ends before it starts ({})",
                s.start.to_rfc3339_opts(SecondsFormat::AutoSi, true)
            ),
        );
    }
}

/// `resolved_at` is at or after the last window end, not after a `resolved` (or `completed`)
/// update that announces the resolution, and before any `postmortem` update.
fn resolved_at_in_order(r: &Record, out: &mut Out<'_>) {
    let Some(resolved) = r.resolved_at else {
        return;
    };
    let stamp = |t: &crate::model::Timestamp| t.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    let last_end = r
        .impact
        .windows
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.end.map(|e| (i, e)))
        .max_by_key(|(_, e)| *e);
    if let Some((i, end)) = last_end
        && resolved < end
    {
        let d = out.error(
            &[K("resolved_at")],
            Code::Order,
            format!(
                "resolved before the end of window {} ({})",
                i + 1,
                stamp(&end)
            ),
        );
        help(
            d,
            "`resolved_at` is at or after the last window end: users were affected until then",
        );
    }
    if let Some(u) = r
        .updates
        .iter()
        .find(|u| u.status == UpdateStatus::Postmortem)
        && resolved >= u.at
    {
        let d = out.error(
            &[K("resolved_at")],
            Code::Order,
            format!(
                "resolved at or after the `postmortem` update ({})",
                stamp(&u.at)
            ),
        );
        help(d, "a postmortem is published after the resolution");
    } else if let Some(u) = r
        .updates
        .iter()
        .find(|u| matches!(u.status, UpdateStatus::Resolved | UpdateStatus::Completed))
        && resolved > u.at
    {
        let d = out.error(
            &[K("resolved_at")],
            Code::Order,
            format!(
                "resolved after the `{}` update that announced it ({})",
                u.status.as_str(),
                stamp(&u.at)
            ),
        );
        help(
            d,
            "`resolved_at` is when it was resolved: not after the update that says so",
        );
    }
}

fn components(names: &Names<'_>, out: &mut Out<'_>, config: &Config) {
    let listed: Vec<&str> = names.listed.iter().map(|(_, c)| *c).collect();
    for &(i, component) in names.windows.iter().filter(|_| names.complete) {
        if !listed.contains(&component) {
            let d = out.error(
                &[K("impact"), K("windows"), I(i), K("component")],
                Code::UnknownComponent,
                format!("window names `{component}`, which is not in this record's `components`"),
            );
            match did_you_mean_help(component, listed.iter().copied()) {
                Some(h) => help(d, h),
                None => help(
                    d,
                    format!(
                        "add it to `components`, or use one of: {}",
                        listed.join(", ")
                    ),
                ),
            }
        }
    }
    let Some(catalogue) = &config.components else {
        return;
    };
    for &(i, c) in &names.listed {
        if !config.knows_component(c) {
            let d = out.error(
                &[K("components"), I(i)],
                Code::UnknownComponent,
                format!("component `{c}` is not in the catalogue of postmortem.yaml"),
            );
            let names = catalogue.iter().map(|c| c.name.as_str());
            match did_you_mean_help(c, names) {
                Some(h) => help(d, h),
                None => help(
                    d,
                    format!(
                        "known components: {}",
                        catalogue
                            .iter()
                            .map(|c| c.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
    }
}

fn statuses(r: &Record, out: &mut Out<'_>) {
    for (i, u) in r.updates.iter().enumerate() {
        if u.status.kind() != r.kind {
            let d = out.error(
                &[K("updates"), I(i), K("status")],
                Code::StatusKind,
                format!(
                    "`{}` is not a status of {} updates",
                    u.status.as_str(),
                    r.kind.as_str()
                ),
            );
            help(
                d,
                format!(
                    "use one of: {}",
                    r.kind
                        .statuses()
                        .map(UpdateStatus::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    let closing = r
        .updates
        .iter()
        .position(|u| u.status.closes() && u.status.kind() == r.kind);
    if let Some(c) = closing {
        for (i, u) in r.updates.iter().enumerate().skip(c + 1) {
            if u.status != UpdateStatus::Postmortem && u.status.kind() == r.kind {
                let d = out.error(
                    &[K("updates"), I(i), K("status")],
                    Code::AfterResolution,
                    format!(
                        "`{}` update after the {} was {}",
                        u.status.as_str(),
                        r.kind.as_str(),
                        r.updates[c].status.as_str()
                    ),
                );
                help(d, "only `postmortem` updates may follow the resolution");
            }
        }
        for (i, w) in r.impact.windows.iter().enumerate() {
            if w.end.is_none() {
                let d = out.error(
                    &[K("impact"), K("windows"), I(i)],
                    Code::OpenWindow,
                    format!(
                        "window of `{}` has no `end`, but the {} is {}",
                        w.component,
                        r.kind.as_str(),
                        r.updates[c].status.as_str()
                    ),
                );
                help(d, "add `end:` with the time users stopped being affected");
            }
        }
    }
    if r.kind == Kind::Maintenance {
        for (i, w) in r.impact.windows.iter().enumerate() {
            if w.status != ComponentStatus::UnderMaintenance {
                let d = out.error(
                    &[K("impact"), K("windows"), I(i), K("status")],
                    Code::StatusKind,
                    format!(
                        "a maintenance window is `under_maintenance`, not `{}`",
                        w.status.as_str()
                    ),
                );
                help(
                    d,
                    "unplanned downtime during maintenance belongs in an incident record",
                );
            }
        }
    }
}

fn warnings(r: &Record, out: &mut Out<'_>, today: NaiveDate) {
    if r.severity == Some(Severity::None)
        && let Some(i) = r
            .impact
            .windows
            .iter()
            .position(|w| w.status == ComponentStatus::MajorOutage)
    {
        let d = out.warning(
            &[K("severity")],
            Code::SeverityMismatch,
            format!("severity `none`, but window {} is a `major_outage`", i + 1),
        );
        help(d, "raise the severity, or lower the window's status");
    }
    if r.postmortem.is_none()
        && let Some(i) = r
            .updates
            .iter()
            .position(|u| u.status == UpdateStatus::Postmortem)
    {
        let d = out.warning(
            &[K("updates"), I(i), K("status")],
            Code::MissingPostmortem,
            "a `postmortem` update, but the record has no `postmortem:` block".into(),
        );
        help(
            d,
            "write the postmortem, or post this update once it is written",
        );
    }
    if r.resolved_at.is_none()
        && r.kind == Kind::Incident
        && let Some(i) = r.updates.iter().position(|u| u.status.closes())
        && r.updates[i].status == UpdateStatus::Postmortem
    {
        let d = out.warning(
            &[K("updates"), I(i), K("status")],
            Code::MissingResolvedAt,
            "resolved only by its `postmortem` update, and no `resolved_at`".into(),
        );
        help(
            d,
            "add `resolved_at:` with the time it was resolved, or time to resolve runs to the postmortem",
        );
    }
    if r.components.is_empty()
        && let Some(u) = r.resolution()
    {
        // At the key: the span of a flow list can run on over a comment after it.
        let span = locate(out.root, &[K("components")])
            .key
            .map_or_else(|| out.span(&[K("components")]), |k| k.span);
        out.found.push(
            Diagnostic::warning(
                out.path,
                span,
                Code::NoComponents,
                format!(
                    "the {} is {}, but names no component",
                    r.kind.as_str(),
                    u.status.as_str()
                ),
            )
            .with_help(
                "add the affected components: only those named count in figures and component pages",
            ),
        );
    }
    if let Some(pm) = &r.postmortem {
        for (i, item) in pm.action_items.iter().enumerate() {
            if let Some(due) = item.due
                && item.status == ActionStatus::Open
                && due < today
            {
                let d = out.warning(
                    &[K("postmortem"), K("action_items"), I(i), K("due")],
                    Code::Overdue,
                    format!(
                        "action item `{}` was due {due} and is still open",
                        item.title
                    ),
                );
                help(d, "close it, move `due`, or set `status: in_progress`");
            }
        }
        if let Some(resolved) = r.resolution()
            && let Some(published_at) = pm.published_at
            && published_at < resolved.at
            && resolved.status != UpdateStatus::Postmortem
        {
            let d = out.warning(
                &[K("postmortem"), K("published_at")],
                Code::EarlyPostmortem,
                format!(
                    "postmortem published before the resolution ({})",
                    resolved.at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                ),
            );
            help(d, "check the date: a postmortem follows the resolution");
        }
    }
}
