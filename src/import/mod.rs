//! `import`: an existing status page's history into records. Reads RSS 2.0 and Atom feeds
//! (this tool's own, Better Stack style, Statuspage's `history.rss`/`history.atom`) and
//! Statuspage's `incidents.json`; the format is told by the content, not the file name.

pub mod feed;
mod statuspage;
pub mod when;
mod write;

use chrono::{DateTime, FixedOffset};

use crate::formats::yaml::quoted;
use crate::model::{Kind, Severity, UpdateStatus};

pub use write::{Written, to_yaml};

/// Largest file `import` reads.
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// Why a source could not be imported. The messages of a source's content do not name its
/// file: the command adds it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file may not or cannot be read.
    #[error(transparent)]
    File(#[from] crate::load::files::FileError),
    #[error("{}: not UTF-8 (at byte {at})", path.display())]
    NotUtf8 { path: std::path::PathBuf, at: usize },
    #[error("this is an HTML page, not a feed: give the address of its RSS or Atom feed")]
    Html,
    #[error("not a feed: expected RSS or Atom (XML) or Statuspage's incidents.json")]
    Unknown,
    /// `at` is `line:column`.
    #[error("{at}: malformed XML: {source}")]
    Xml {
        at: String,
        #[source]
        source: quick_xml::Error,
    },
    #[error(
        "{at}: the document declares its own entities (a DTD): refused, as entity expansion can blow up"
    )]
    Dtd { at: String },
    #[error("{at}: not a feed: the document is a <{root}>, not <rss> or <feed>")]
    NotFeed { at: String, root: String },
    #[error("{at}: unknown entity `&{name};`")]
    Entity { at: String, name: String },
    #[error("not a feed: no XML element found")]
    NoElement,
    #[error("the feed has no items: nothing to import")]
    NoItems,
    /// `first` is the first reason, with its place, or empty.
    #[error("none of the feed's items can be used ({items} in all){first}")]
    NothingUsable { items: usize, first: String },
    #[error("{}:{}: malformed JSON: {source}", source.line(), source.column())]
    Json {
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "not a document this tool reads: it looks like {looks_like}; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds"
    )]
    NoIncidentList { looks_like: String },
    #[error("the document has no incidents: nothing to import")]
    NoIncidents,
    /// Incident `n` (from 0) has no name.
    #[error("incident {n}: no `name`")]
    NoName { n: usize },
    #[error("incident {n} ({title}): no updates with a time and a status")]
    NoUpdates { n: usize, title: String },
}

/// One update of a record being imported.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftUpdate {
    pub at: DateTime<FixedOffset>,
    pub status: UpdateStatus,
    /// The status was guessed from the words, not given by the source.
    pub inferred: bool,
    /// Markdown.
    pub body: String,
}

/// A postmortem found in a long body, split at its headings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftPostmortem {
    pub published_at: Option<DateTime<FixedOffset>>,
    pub summary: String,
    pub impact: Option<String>,
    pub root_cause: Option<String>,
    pub trigger: Option<String>,
    pub detection: Option<String>,
    pub resolution: Option<String>,
    pub sections: Vec<(String, String)>,
}

/// A record being imported, before it is written as YAML.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub title: String,
    pub link: String,
    pub kind: Kind,
    /// `None`: the source does not say (a placeholder is written and reported).
    pub severity: Option<Severity>,
    /// Empty: the source does not say.
    pub components: Vec<String>,
    pub scheduled: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    pub updates: Vec<DraftUpdate>,
    pub postmortem: Option<DraftPostmortem>,
}

/// What the source holds that could not be used as it is, with its place (`line:column`)
/// when it has one: reported, never dropped silently.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub at: Option<String>,
    pub message: String,
}

/// The drafts of a source, and what was skipped or guessed on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub drafts: Vec<Draft>,
    pub warnings: Vec<Warning>,
}

/// Reads an import source: size-limited, UTF-8.
pub fn read(path: &std::path::Path) -> Result<String, ImportError> {
    let bytes = crate::load::files::read_regular(
        path,
        MAX_IMPORT_BYTES as u64,
        "an import: split the feed",
    )?;
    String::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_owned(),
        at: e.utf8_error().valid_up_to(),
    })
}

/// Parses an import source into drafts, telling the format from the content.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return statuspage::parse(start).map(|drafts| Parsed {
            drafts,
            warnings: Vec::new(),
        });
    }
    if start.starts_with('<') {
        let lower: String = start
            .chars()
            .take(200)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Err(ImportError::Html);
        }
        return from_feed(feed::parse(start)?);
    }
    Err(ImportError::Unknown)
}

/// The state prefixes AWS Health puts before an event's title, one per entry.
const STATE_PREFIXES: &[&str] = &[
    "informational message:",
    "service degradation:",
    "service disruption:",
    "performance issues:",
    "service impact:",
    "service is operating normally:",
];

/// What a title is about: `app.latitude.so/api/health` of `… went down`, `Increased API
/// Errors` of AWS Health's `Service is operating normally: [RESOLVED] Increased API Errors`.
fn subject(title: &str) -> &str {
    let mut t = title.trim();
    for prefix in STATE_PREFIXES {
        if t.len() >= prefix.len()
            && t.is_char_boundary(prefix.len())
            && t[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            t = t[prefix.len()..].trim_start();
            break;
        }
    }
    if let Some(rest) = t.strip_prefix("[RESOLVED]") {
        t = rest.trim_start();
    }
    for suffix in [
        " went down",
        " recovered",
        " is down",
        " is up",
        " is back up",
        " is degraded",
        " is now operational",
    ] {
        if let Some(s) = t.strip_suffix(suffix) {
            return s;
        }
    }
    t
}

/// The status an item stands for, as far as it tells: its category, its title's state
/// words, else its words.
fn item_status(item: &feed::Item) -> UpdateStatus {
    item.status
        .as_deref()
        .and_then(status_word)
        .or_else(|| status_from_title(&item.title))
        .unwrap_or_else(|| infer(&item.body))
}

/// The service part of an AWS Health guid (`…/#ec2-us-east-1_1566533912` → `ec2-us-east-1`):
/// entries of one event share it, each with its own instant.
fn guid_base(id: &str) -> Option<&str> {
    let (_, fragment) = id.rsplit_once('#')?;
    let (base, stamp) = fragment.rsplit_once('_')?;
    (!stamp.is_empty() && stamp.bytes().all(|b| b.is_ascii_digit())).then_some(base)
}

fn status_from_title(title: &str) -> Option<UpdateStatus> {
    let t = title.to_ascii_lowercase();
    if t.ends_with(" went down") || t.ends_with(" is down") || t.ends_with(" is degraded") {
        Some(UpdateStatus::Investigating)
    } else if t.ends_with(" recovered")
        || t.ends_with(" is up")
        || t.ends_with(" is back up")
        || t.ends_with(" is now operational")
        || t.ends_with(" to operational")
    {
        Some(UpdateStatus::Resolved)
    } else {
        None
    }
}

/// A status word as Statuspage and this tool write it (`In progress`, `in_progress`, …).
pub fn status_word(word: &str) -> Option<UpdateStatus> {
    Some(
        match word
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "investigating" => UpdateStatus::Investigating,
            "identified" => UpdateStatus::Identified,
            "monitoring" => UpdateStatus::Monitoring,
            "resolved" => UpdateStatus::Resolved,
            "postmortem" | "post_mortem" => UpdateStatus::Postmortem,
            "scheduled" => UpdateStatus::Scheduled,
            "in_progress" => UpdateStatus::InProgress,
            "verifying" => UpdateStatus::Verifying,
            "completed" => UpdateStatus::Completed,
            _ => return None,
        },
    )
}

/// Guesses a status from the words of an update.
fn infer(text: &str) -> UpdateStatus {
    let t = text.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "maintenance completed",
        "maintenance has been completed",
        "maintenance is complete",
    ]) {
        UpdateStatus::Completed
    } else if has(&[
        "maintenance is in progress",
        "maintenance is now in progress",
        "maintenance has started",
    ]) {
        UpdateStatus::InProgress
    } else if has(&[
        "scheduled maintenance",
        "we are going to",
        "we will be performing",
        "will be performing",
    ]) {
        UpdateStatus::Scheduled
    } else if has(&[
        "has been resolved",
        "is resolved",
        "recovered",
        "fully restored",
        "operating normally",
        "is now operational",
        "to operational",
        "back to normal",
    ]) {
        UpdateStatus::Resolved
    } else if has(&[
        "monitoring",
        "fix has been implemented",
        "fix has been deployed",
    ]) {
        UpdateStatus::Monitoring
    } else if has(&["identified", "root cause has been found"]) {
        UpdateStatus::Identified
    } else {
        UpdateStatus::Investigating
    }
}

/// Whether a body is a written postmortem: long Markdown with headings.
fn is_postmortem_text(markdown: &str) -> bool {
    markdown.len() > 300
        && markdown
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            >= 2
}

/// Splits a Markdown postmortem at its headings into the postmortem's fields and sections.
pub fn split_postmortem(markdown: &str) -> DraftPostmortem {
    let mut parts: Vec<(Option<String>, String)> = vec![(None, String::new())];
    let mut fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
        }
        let heading = line.trim_start();
        if !fence && heading.starts_with('#') {
            let title = heading
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim();
            parts.push((Some(title.to_owned()), String::new()));
        } else if let Some(last) = parts.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    let mut pm = DraftPostmortem::default();
    for (title, body) in parts {
        // Horizontal rules between sections carry nothing.
        let body = body
            .trim()
            .trim_end_matches("---")
            .trim_start_matches("---")
            .trim()
            .to_owned();
        let Some(title) = title else {
            if !body.is_empty() {
                pm.summary = body;
            }
            continue;
        };
        let key = title.to_ascii_lowercase();
        // This tool's own feed opens the postmortem with "Postmortem / Published … by …".
        if key == "postmortem" && body.starts_with("Published ") {
            continue;
        }
        let slot = match key.as_str() {
            "summary" | "executive summary" | "incident summary" | "introduction" | "overview"
                if pm.summary.is_empty() =>
            {
                pm.summary = body;
                continue;
            }
            "impact" | "impact assessment" => &mut pm.impact,
            "root cause" | "root causes" => &mut pm.root_cause,
            "trigger" => &mut pm.trigger,
            "detection" => &mut pm.detection,
            "resolution" | "resolution & fix" | "resolution and fix" => &mut pm.resolution,
            _ => {
                pm.sections.push((title, body));
                continue;
            }
        };
        if slot.is_none() && !body.is_empty() {
            *slot = Some(body);
        } else {
            pm.sections.push((title, body));
        }
    }
    if pm.summary.is_empty() && !pm.sections.is_empty() {
        let (_, body) = pm.sections.remove(0);
        pm.summary = body;
    }
    pm
}

/// HTML from a feed, as Markdown.
pub fn html_to_markdown(html: &str) -> String {
    htmd::convert(html)
        .unwrap_or_else(|_| html.to_owned())
        .trim()
        .to_owned()
}

/// Statuspage's `history.rss` packs an incident's updates into one item:
/// `Apr 2, 19:08 UTC  \n**Resolved** - This incident has been resolved.` per paragraph.
///
/// Statuspage lists the updates newest first, at minute precision: the blocks are returned
/// oldest first by reversing the source's order, so that updates posted in the same minute
/// keep the order in which they were posted.
fn statuspage_blocks(
    markdown: &str,
    year_of: DateTime<FixedOffset>,
    warnings: &mut Vec<String>,
) -> Blocks {
    let mut out: Vec<(DraftUpdate, Label)> = Vec::new();
    let mut shaped = false;
    for para in markdown.split("\n\n") {
        match statuspage_block(para, year_of) {
            Block::Update(update, label) => {
                shaped = true;
                out.push((*update, label));
            }
            Block::BadTime { label, when, error } => {
                shaped = true;
                warnings.push(format!(
                    "the `{label}` update of `{when}`: {error}: the update is skipped"
                ));
            }
            // A paragraph that starts no update continues the one before (a long postmortem).
            Block::None => {
                if let Some((last, _)) = out.last_mut() {
                    last.body.push_str("\n\n");
                    last.body.push_str(para.trim_end());
                }
            }
        }
    }
    out.reverse();
    // `Update` keeps the status of the update before it; the first update of an incident
    // that is an `Update` opens it (`investigating`, or `scheduled` in a maintenance).
    let maintenance = out
        .iter()
        .any(|(_, l)| matches!(l, Label::Is(s) if s.kind() == Kind::Maintenance));
    let mut previous: Option<UpdateStatus> = None;
    let mut updates = Vec::with_capacity(out.len());
    for (mut update, label) in out {
        match label {
            Label::Is(status) => update.status = status,
            Label::Keep => match previous {
                Some(status) => update.status = status,
                None => {
                    update.status = if maintenance {
                        UpdateStatus::Scheduled
                    } else {
                        UpdateStatus::Investigating
                    };
                    update.inferred = true;
                }
            },
        }
        previous = Some(update.status);
        updates.push(update);
    }
    Blocks { updates, shaped }
}

/// The updates of a Statuspage item; `shaped` when it has the shape at all (some paragraph
/// is a time and a `**Label** -` line), even if no time could be read.
struct Blocks {
    updates: Vec<DraftUpdate>,
    shaped: bool,
}

enum Block {
    Update(Box<DraftUpdate>, Label),
    /// A known label under a time that cannot be read.
    BadTime {
        label: String,
        when: String,
        error: when::WhenError,
    },
    None,
}

/// A Statuspage label: a status, or `Update` (and any label it does not have), which keeps
/// the status before it.
enum Label {
    Is(UpdateStatus),
    Keep,
}

/// Statuspage's labels, exactly (`In progress`, `Postmortem`, …); `Update` is no status.
fn statuspage_label(label: &str) -> Option<Label> {
    match label.trim().to_ascii_lowercase().as_str() {
        "update" => Some(Label::Keep),
        _ => status_word(label).map(Label::Is),
    }
}

/// A group's updates in the order of events: feeds list their items newest first (an item
/// per update), so a group whose first item is not older than its last is reversed; then a
/// stable sort by time, which keeps that order among updates of the same time.
fn in_order_of_events(mut per_item: Vec<Vec<DraftUpdate>>) -> Vec<DraftUpdate> {
    let first = per_item.iter().find_map(|u| u.first().map(|u| u.at));
    let last = per_item.iter().rev().find_map(|u| u.last().map(|u| u.at));
    if let (Some(first), Some(last)) = (first, last)
        && first >= last
    {
        per_item.reverse();
    }
    let mut updates: Vec<DraftUpdate> = per_item.into_iter().flatten().collect();
    updates.sort_by_key(|u| u.at);
    updates
}

fn statuspage_block(para: &str, year_of: DateTime<FixedOffset>) -> Block {
    let mut lines = para.lines();
    let (Some(when), Some(rest)) = (lines.next(), lines.next()) else {
        return Block::None;
    };
    let Some((status, text)) = rest
        .trim()
        .strip_prefix("**")
        .and_then(|rest| rest.split_once("**"))
    else {
        return Block::None;
    };
    let Some(text) = text.strip_prefix(" -").or_else(|| text.strip_prefix(" –")) else {
        return Block::None;
    };
    let known = statuspage_label(status);
    let at = match when::parse(when.trim(), year_of) {
        Ok(at) => at,
        Err(error) if known.is_some() => {
            return Block::BadTime {
                label: status.to_owned(),
                when: when.trim().to_owned(),
                error,
            };
        }
        Err(_) => return Block::None,
    };
    let mut body = text.trim().to_owned();
    for more in lines {
        body.push('\n');
        body.push_str(more);
    }
    // A label Statuspage does not have (a page's own wording) keeps the status before it,
    // marked as a guess.
    let (label, inferred) = match known {
        Some(label) => (label, false),
        None => (Label::Keep, true),
    };
    Block::Update(
        Box::new(DraftUpdate {
            at,
            status: UpdateStatus::Investigating,
            inferred,
            body: body.trim().to_owned(),
        }),
        label,
    )
}

/// Groups a feed's items into drafts: items that share a link are one incident (items that
/// point at the page itself, like monitor events, are grouped by what they are about).
fn from_feed(feed: feed::Feed) -> Result<Parsed, ImportError> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: std::collections::HashMap<String, Vec<feed::Item>> =
        std::collections::HashMap::new();
    for item in feed.items {
        // The source's own identity of an incident: a link of its own; else what the entry
        // is about, within the service its guid names (AWS Health).
        let key = if item.link.is_empty() || item.link == feed.link {
            format!(
                "subject:{}:{}",
                guid_base(&item.id).unwrap_or(""),
                subject(&item.title)
            )
        } else {
            format!("link:{}", item.link)
        };
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(item);
    }
    // One title reused later is another incident: a group by subject is split after an
    // entry that resolves it, and where more than a day passes between two entries.
    let mut split_order = Vec::new();
    for key in order {
        if !key.starts_with("subject:") {
            split_order.push(key);
            continue;
        }
        let Some(mut items) = groups.remove(&key) else {
            continue;
        };
        items.sort_by_key(|i| i.date);
        let mut parts: Vec<Vec<feed::Item>> = Vec::new();
        for item in items {
            let new = match parts.last().and_then(|p| p.last()) {
                None => true,
                Some(prev) => {
                    item_status(prev) == UpdateStatus::Resolved
                        || matches!((prev.date, item.date), (Some(a), Some(b)) if b - a > chrono::TimeDelta::days(1))
                }
            };
            if new {
                parts.push(vec![item]);
            } else if let Some(last) = parts.last_mut() {
                last.push(item);
            }
        }
        // Newest first, as the feed lists them.
        for (n, part) in parts.into_iter().enumerate().rev() {
            let k = format!("{key}#{n}");
            groups.insert(k.clone(), part);
            split_order.push(k);
        }
    }
    let order = split_order;
    let mut parsed = Parsed::default();
    let items = groups.values().map(Vec::len).sum::<usize>();
    for key in order {
        if let Some(items) = groups.remove(&key)
            && let Some(draft) = draft_from_items(items, &mut parsed.warnings)
        {
            parsed.drafts.push(draft);
        }
    }
    if parsed.drafts.is_empty() {
        return Err(ImportError::NothingUsable {
            items,
            first: parsed.warnings.first().map_or_else(String::new, |w| {
                format!(
                    ": {}{}",
                    w.at.as_ref()
                        .map_or_else(String::new, |at| format!("{at}: ")),
                    w.message
                )
            }),
        });
    }
    Ok(parsed)
}

fn draft_from_items(items: Vec<feed::Item>, warnings: &mut Vec<Warning>) -> Option<Draft> {
    let first = items.first()?;
    let title = subject(&first.title).to_owned();
    let link = first.link.clone();
    let mut per_item: Vec<Vec<DraftUpdate>> = Vec::new();
    let mut postmortem: Option<DraftPostmortem> = None;
    for item in &items {
        let mut updates = Vec::new();
        if let Some(note) = &item.date_note {
            warnings.push(Warning {
                at: Some(item.at.clone()),
                message: format!("{}: {note}", quoted(&item.title)),
            });
        }
        let Some(at) = item.date else {
            warnings.push(Warning {
                at: Some(item.at.clone()),
                message: if item.date_text.is_empty() {
                    format!(
                        "{}: the item has no date: it is skipped",
                        quoted(&item.title)
                    )
                } else {
                    format!(
                        "{}: the date `{}` cannot be read: the item is skipped",
                        quoted(&item.title),
                        item.date_text
                    )
                },
            });
            continue;
        };
        let body = if item.html && !item.body.contains("<p") {
            // Text with HTML in it, without paragraphs (AWS Health's): `<br>`s in a row
            // end a paragraph, as in Statuspage's JSON.
            statuspage::body_markdown(&item.body)
        } else if item.html {
            html_to_markdown(&item.body)
        } else {
            item.body.trim().to_owned()
        };
        // This tool's own feeds carry each update's Markdown: it is the body, exactly.
        if let Some(markdown) = &item.markdown
            && let Some(status) = item.status.as_deref().and_then(status_word)
        {
            if status == UpdateStatus::Postmortem {
                let mut pm = split_postmortem(&body);
                pm.published_at = Some(at);
                if !pm.summary.is_empty() {
                    postmortem = Some(pm);
                }
            }
            per_item.push(vec![DraftUpdate {
                at,
                status,
                inferred: false,
                body: markdown.clone(),
            }]);
            continue;
        }
        // Statuspage's blocks carry no year: it comes from the newest date of the item.
        let mut problems = Vec::new();
        let blocks =
            statuspage_blocks(&body, item.updated.map_or(at, |u| u.max(at)), &mut problems);
        if blocks.shaped && item.status.is_none() {
            for message in problems {
                warnings.push(Warning {
                    at: Some(item.at.clone()),
                    message: format!("{}: {message}", quoted(&item.title)),
                });
            }
            for mut block in blocks.updates {
                if block.status == UpdateStatus::Postmortem {
                    let mut pm = split_postmortem(&block.body);
                    pm.published_at = Some(block.at);
                    if !pm.summary.is_empty() {
                        postmortem = Some(pm);
                        block.body.clear();
                    }
                }
                updates.push(block);
            }
            per_item.push(updates);
            continue;
        }
        let given = item.status.as_deref().and_then(status_word);
        let titled = status_from_title(&item.title);
        let is_pm = given == Some(UpdateStatus::Postmortem)
            || (given.is_none() && is_postmortem_text(&body));
        if is_pm {
            let mut pm = split_postmortem(&body);
            pm.published_at = Some(at);
            if !pm.summary.is_empty() {
                postmortem = Some(pm);
            }
            updates.push(DraftUpdate {
                at,
                status: UpdateStatus::Postmortem,
                inferred: given.is_none(),
                body: String::new(),
            });
            per_item.push(updates);
            continue;
        }
        let (status, inferred) = match given.or(titled) {
            Some(s) => (s, false),
            None => (infer(&body), true),
        };
        updates.push(DraftUpdate {
            at,
            status,
            inferred,
            body,
        });
        per_item.push(updates);
    }
    let mut updates = in_order_of_events(per_item);
    if updates.is_empty() {
        return None;
    }
    // The kind is the source's: a status it gives. Only a feed that gives no status at all
    // (Better Stack's) is told by the words of its updates.
    let maintenance = |u: &DraftUpdate| u.status.kind() == Kind::Maintenance;
    let kind = if updates.iter().any(|u| !u.inferred && maintenance(u))
        || (updates.iter().all(|u| u.inferred) && updates.iter().any(maintenance))
    {
        Kind::Maintenance
    } else {
        Kind::Incident
    };
    if kind == Kind::Incident {
        // Maintenance words guessed in an incident: the incident status they stand for.
        for u in updates.iter_mut().filter(|u| u.inferred) {
            u.status = match u.status {
                UpdateStatus::Scheduled => UpdateStatus::Investigating,
                UpdateStatus::InProgress => UpdateStatus::Identified,
                UpdateStatus::Verifying => UpdateStatus::Monitoring,
                UpdateStatus::Completed => UpdateStatus::Resolved,
                s => s,
            };
        }
    } else {
        // Guessed incident words in a maintenance: the first is its announcement.
        for (i, u) in updates.iter_mut().enumerate() {
            if u.status.kind() == Kind::Incident && u.inferred {
                u.status = match (i, u.status) {
                    (_, UpdateStatus::Resolved) => UpdateStatus::Completed,
                    (0, _) => UpdateStatus::Scheduled,
                    _ => UpdateStatus::InProgress,
                };
            }
        }
    }
    Some(Draft {
        title,
        link,
        kind,
        severity: None,
        components: Vec::new(),
        scheduled: None,
        updates,
        postmortem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each way a source is refused, with the words (unchanged since they were strings).
    #[test]
    fn refused_sources_say_why_and_where() {
        let cases: &[(&str, &str)] = &[
            (
                "hello",
                "not a feed: expected RSS or Atom (XML) or Statuspage's incidents.json",
            ),
            (
                "<!DOCTYPE html><html></html>",
                "this is an HTML page, not a feed: give the address of its RSS or Atom feed",
            ),
            (
                "<?xml version=\"1.0\"?>\n<html><body/></html>",
                "this is an HTML page, not a feed: give the address of its RSS or Atom feed",
            ),
            (
                "<svg>\n</svg>",
                "1:1: not a feed: the document is a <svg>, not <rss> or <feed>",
            ),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss/>",
                "2:1: the document declares its own entities (a DTD): refused, as entity expansion can blow up",
            ),
            (
                "<rss><channel><item><title>a &nbsp; b</title></item></channel></rss>",
                "1:30: unknown entity `&nbsp;`",
            ),
            (
                "<rss><channel></channel></rss>",
                "the feed has no items: nothing to import",
            ),
            ("<!-- nothing -->", "not a feed: no XML element found"),
            (
                "{\"incidents\": [}",
                "1:16: malformed JSON: expected value at line 1 column 16",
            ),
            (
                "{}",
                "not a document this tool reads: it looks like an empty JSON object; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "{\"incidents\": []}",
                "the document has no incidents: nothing to import",
            ),
            ("{\"incidents\": [{}]}", "incident 0: no `name`"),
            (
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
                "not a document this tool reads: it looks like a JSON Feed; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "[{\"id\": \"x\", \"service_name\": \"Cloud SQL\", \"most_recent_update\": {}}]",
                "not a document this tool reads: it looks like Google Cloud's incident list (incidents.json of status.cloud.google.com); import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "{\"page\": {}, \"incident\": {\"name\": \"Down\", \"incident_updates\": []}}",
                "incident 0 (Down): no updates with a time and a status",
            ),
            (
                "{\"incidents\": [{\"name\": \"Down\", \"incident_updates\": []}]}",
                "incident 0 (Down): no updates with a time and a status",
            ),
        ];
        for (text, message) in cases {
            let e = parse(text).expect_err(text);
            assert_eq!(e.to_string(), *message, "{text}");
        }
        let e = parse("<rss><channel><item><title>a</b></item></channel></rss>").unwrap_err();
        assert!(matches!(e, ImportError::Xml { .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "1:29: malformed XML: ill-formed document: expected `</title>`, but `</b>` was found"
        );
    }

    #[test]
    fn a_source_that_is_not_utf8_says_at_which_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.rss");
        std::fs::write(&path, b"<rss>\xff</rss>").unwrap();
        let e = read(&path).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: not UTF-8 (at byte 5)", path.display())
        );
        let missing = dir.path().join("missing.rss");
        let e = read(&missing).unwrap_err();
        assert!(
            matches!(&e, ImportError::File(f) if f.path() == missing),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!("{}: no such file", missing.display())
        );
    }

    #[test]
    fn statuses_are_inferred_from_words() {
        assert_eq!(
            infer("This incident has been resolved."),
            UpdateStatus::Resolved
        );
        assert_eq!(
            infer("A fix has been implemented and we are monitoring the results."),
            UpdateStatus::Monitoring
        );
        assert_eq!(
            infer("We are investigating an issue"),
            UpdateStatus::Investigating
        );
        assert_eq!(infer("Maintenance completed"), UpdateStatus::Completed);
        assert_eq!(
            infer("We are going to upgrade our main database"),
            UpdateStatus::Scheduled
        );
        assert_eq!(
            status_from_title("app.latitude.so/api/health went down"),
            Some(UpdateStatus::Investigating)
        );
        assert_eq!(
            status_from_title("app.latitude.so/api/health recovered"),
            Some(UpdateStatus::Resolved)
        );
        assert_eq!(status_word("In progress"), Some(UpdateStatus::InProgress));
    }

    #[test]
    fn update_keeps_the_status_before_it_and_opens_an_incident() {
        let item = DateTime::parse_from_rfc2822("Thu, 24 Apr 2025 19:11:00 +0000").unwrap();
        let statuses = |md: &str| -> Vec<(UpdateStatus, bool)> {
            statuspage_blocks(md, item, &mut Vec::new())
                .updates
                .iter()
                .map(|u| (u.status, u.inferred))
                .collect()
        };
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Update** - It is resolved for some.\n\nApr 2, 17:53 UTC  \n**Identified** - Found."
            ),
            [
                (UpdateStatus::Identified, false),
                (UpdateStatus::Identified, false)
            ]
        );
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Resolved** - Done.\n\nApr 2, 17:53 UTC  \n**Update** - We will be performing a rollback."
            ),
            [
                (UpdateStatus::Investigating, true),
                (UpdateStatus::Resolved, false)
            ]
        );
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Completed** - Done.\n\nApr 2, 17:53 UTC  \n**Update** - Soon."
            ),
            [
                (UpdateStatus::Scheduled, true),
                (UpdateStatus::Completed, false)
            ]
        );
        assert_eq!(
            statuses(
                "Apr 2, 19:08 UTC  \n**Behoben** - Fertig.\n\nApr 2, 17:53 UTC  \n**Monitoring** - Watching."
            ),
            [
                (UpdateStatus::Monitoring, false),
                (UpdateStatus::Monitoring, true)
            ]
        );
    }

    #[test]
    fn a_postmortem_splits_at_its_headings() {
        let pm = split_postmortem(
            "## Executive summary\nA gap.\n\n---\n\n## Impact\nDown.\n\n## Root cause\nExpiry.\n\n## Contributing factors\n1. Tight retention\n",
        );
        assert_eq!(pm.summary, "A gap.");
        assert_eq!(pm.impact.as_deref(), Some("Down."));
        assert_eq!(pm.root_cause.as_deref(), Some("Expiry."));
        assert_eq!(
            pm.sections,
            [(
                "Contributing factors".to_owned(),
                "1. Tight retention".to_owned()
            )]
        );
    }

    #[test]
    fn statuspage_blocks_take_the_year_from_the_item() {
        let item = DateTime::parse_from_rfc2822("Thu, 24 Apr 2025 19:11:00 +0000").unwrap();
        let md = "Apr 24, 19:11 UTC  \n**Postmortem** - # Introduction\n\nApr 2, 19:08 UTC  \n**Resolved** - This incident has been resolved.\n\nApr 2, 17:53 UTC  \n**Investigating** - We are investigating";
        let updates = statuspage_blocks(md, item, &mut Vec::new()).updates;
        let got: Vec<(String, UpdateStatus)> = updates
            .iter()
            .map(|u| (u.at.to_rfc3339(), u.status))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "2025-04-02T17:53:00+00:00".to_owned(),
                    UpdateStatus::Investigating
                ),
                (
                    "2025-04-02T19:08:00+00:00".to_owned(),
                    UpdateStatus::Resolved
                ),
                (
                    "2025-04-24T19:11:00+00:00".to_owned(),
                    UpdateStatus::Postmortem
                ),
            ]
        );
    }
}
