//! The JSON Schemas in `schema/` are the one source of truth for the shape of records and of
//! `postmortem.yaml`: editors load the committed files, and the tool embeds and runs the very
//! same files. This module turns the validator's findings into located, human diagnostics.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::Value as Json;

use crate::diagnostic::suggest::did_you_mean_help;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::yaml::{Node, Span, Step, Value, locate};

/// The record schema, exactly as committed in `schema/incident.schema.json`.
pub const INCIDENT_SCHEMA: &str = include_str!("../../schema/incident.schema.json");
/// The site configuration schema, exactly as committed in `schema/config.schema.json`.
pub const CONFIG_SCHEMA: &str = include_str!("../../schema/config.schema.json");

/// The `pattern` of every URL field of both schemas (the site `url`, a `logo` given as a
/// URL, an action item's `link`): `http` or `https`, then a host (a name or a bracketed IP
/// address; no user information, which would publish a password), then an optional port, then the end or a
/// path, query or fragment. Anything else (`javascript:`, `data:`, `http://` alone) would
/// land in the site's `href`s and feeds.
pub const HTTP_URL_PATTERN: &str =
    r"^https?://(\[[0-9A-Fa-f:.]+\]|[^\s/?#@:\[\]]+)(:[0-9]*)?([/?#]|$)";

fn is_http_url_error(error: &ValidationError<'_>) -> bool {
    matches!(error.kind(), ValidationErrorKind::Pattern { pattern } if pattern == HTTP_URL_PATTERN)
}

/// Which schema a document is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Incident,
    Config,
}

struct Compiled {
    raw: Json,
    validator: Validator,
}

fn compile(text: &str) -> Compiled {
    // The schemas are part of the binary and covered by tests; failing here is a build defect,
    // not something a user can cause.
    #[allow(clippy::expect_used)]
    let raw: Json = serde_json::from_str(text).expect("embedded schema is valid JSON");
    #[allow(clippy::expect_used)]
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&raw)
        .expect("embedded schema compiles");
    Compiled { raw, validator }
}

static INCIDENT: LazyLock<Compiled> = LazyLock::new(|| compile(INCIDENT_SCHEMA));
static CONFIG: LazyLock<Compiled> = LazyLock::new(|| compile(CONFIG_SCHEMA));

/// Validates `root` (whose JSON form is `json`) and returns every problem, located.
pub fn validate(which: Which, path: &Path, root: &Node, json: &Json) -> Vec<Diagnostic> {
    let compiled = match which {
        Which::Incident => &*INCIDENT,
        Which::Config => &*CONFIG,
    };
    // A value that is no http(s) URL with a host gets that one message, not also "not an
    // absolute URL" or "must end with `/`".
    let errors: Vec<ValidationError<'_>> = compiled.validator.iter_errors(json).collect();
    let not_http: Vec<&str> = errors
        .iter()
        .filter(|e| is_http_url_error(e))
        .map(|e| e.instance_path().as_str())
        .collect();
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut seen: HashSet<Diagnostic> = HashSet::new();
    for error in &errors {
        if !is_http_url_error(error)
            && matches!(
                error.kind(),
                ValidationErrorKind::Format { .. } | ValidationErrorKind::Pattern { .. }
            )
            && not_http.contains(&error.instance_path().as_str())
        {
            continue;
        }
        for d in explain(&compiled.raw, path, root, error) {
            if seen.insert(d.clone()) {
                out.push(d);
            }
        }
    }
    out
}

/// The instance path of an error as owned segments.
fn segments(error: &ValidationError<'_>) -> Vec<Result<String, usize>> {
    error
        .instance_path()
        .iter()
        .map(|segment| match segment {
            LocationSegment::Property(p) => Ok(p.into_owned()),
            LocationSegment::Index(i) => Err(i),
        })
        .collect()
}

/// JSON pointers to the keys the schema finds fault with: the failing value's key, or each
/// unexpected key. Used to read what is left of a faulty record.
pub fn faulty_keys(which: Which, json: &Json) -> Vec<String> {
    let compiled = match which {
        Which::Incident => &*INCIDENT,
        Which::Config => &*CONFIG,
    };
    let mut out = Vec::new();
    for error in compiled.validator.iter_errors(json) {
        let at = error.instance_path().as_str().to_owned();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                out.extend(
                    unexpected
                        .iter()
                        .map(|k| format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"))),
                );
            }
            ValidationErrorKind::Required { .. } => {}
            _ => out.push(at),
        }
    }
    out
}

fn steps(segments: &[Result<String, usize>]) -> Vec<Step<'_>> {
    segments
        .iter()
        .map(|s| match s {
            Ok(key) => Step::Key(key),
            Err(i) => Step::Index(*i),
        })
        .collect()
}

/// A short description of what a node holds, for "expected X, found Y".
fn describe(node: &Node) -> String {
    match &node.value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Int(i) => format!("the number {i}"),
        Value::Float(f) => format!("the number {f}"),
        Value::String(s) => format!("the text `{}`", shorten(s)),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// The name of the place a path points to, for messages: `updates[2].at`.
fn dotted(steps: &[Step<'_>]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    if s.is_empty() {
        "the document".into()
    } else {
        s
    }
}

/// Follows a schema path (a JSON pointer into the schema, possibly through `$ref`s) and
/// returns the subschema holding the failing keyword.
fn schema_at<'s>(root: &'s Json, error: &ValidationError<'_>) -> Option<&'s Json> {
    let mut here = root;
    let segments: Vec<String> = error.schema_path().iter().map(|s| s.to_string()).collect();
    let Some((_keyword, parents)) = segments.split_last() else {
        return Some(here);
    };
    for seg in parents {
        if seg == "$ref" {
            let target = here.get("$ref")?.as_str()?;
            here = root.pointer(target.strip_prefix('#')?)?;
        } else {
            here = match here {
                Json::Object(map) => map.get(seg.as_str())?,
                Json::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
    }
    Some(here)
}

fn explain(
    schema: &Json,
    path: &Path,
    root: &Node,
    error: &ValidationError<'_>,
) -> Vec<Diagnostic> {
    let segments = segments(error);
    let steps = steps(&segments);
    let found = locate(root, &steps);
    let node = found.node;
    let at = node.span;
    let name = dotted(&steps);
    let last_key = match steps.last() {
        Some(Step::Key(k)) => Some(*k),
        _ => None,
    };
    let one = |d: Diagnostic| vec![d];
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed: Vec<&str> = schema_at(schema, error)
                .and_then(|s| s.get("properties"))
                .and_then(Json::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            // The keys' places, found in one pass: a record may have thousands of them.
            let places: HashMap<&str, Span> = match &node.value {
                Value::Map(entries) => entries
                    .iter()
                    .map(|(k, _)| (k.text.as_str(), k.span))
                    .collect(),
                _ => HashMap::new(),
            };
            let allowed_list = allowed.join(", ");
            unexpected
                .iter()
                .map(|key| {
                    let span = places.get(key.as_str()).copied().unwrap_or(at);
                    let d = Diagnostic::error(
                        path,
                        span,
                        Code::UnknownKey,
                        format!("unknown key `{key}`"),
                    );
                    match did_you_mean_help(key, allowed.iter().copied()) {
                        Some(h) => d.with_help(h),
                        None => d.with_help(format!("allowed here: {allowed_list}")),
                    }
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let span = found.key.map_or_else(|| first_line(root), |k| k.span);
            let place = if steps.is_empty() {
                "the record".to_owned()
            } else {
                format!("`{name}`")
            };
            let d = Diagnostic::error(
                path,
                span,
                Code::MissingKey,
                format!("missing required key `{key}` in {place}"),
            );
            one(match (steps.is_empty(), key) {
                (true, "severity") => {
                    d.with_help("an incident needs `severity: none | minor | major | critical`")
                }
                (true, "scheduled") => d.with_help("a maintenance needs `scheduled: {start, end}`"),
                (false, "body") => {
                    d.with_help("every update but a `postmortem` one needs a `body`")
                }
                _ => d,
            })
        }
        ValidationErrorKind::FalseSchema => {
            let span = found.key.map_or(at, |k| k.span);
            let key = last_key.unwrap_or("this");
            let d = Diagnostic::error(
                path,
                span,
                Code::NotAllowed,
                format!("`{key}` is not allowed here"),
            );
            one(match key {
                "severity" => d.with_help(
                    "a maintenance has no severity; remove it, or drop `kind: maintenance`",
                ),
                "scheduled" => d.with_help(
                    "`scheduled` is for maintenances; add `kind: maintenance` or remove it",
                ),
                _ => d,
            })
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            // `timezone`'s enum is every IANA name (for editors' completion): reported as
            // the `timezone` rule, with a suggestion, rather than by listing 600 names.
            if last_key == Some("timezone") {
                return one(crate::config::timezone_error(
                    path,
                    at,
                    node.as_str().unwrap_or(""),
                ));
            }
            let d = Diagnostic::error(
                path,
                at,
                Code::InvalidValue,
                format!(
                    "{} is not a valid `{}`: expected one of {}",
                    describe(node),
                    last_key.unwrap_or(&name),
                    options.join(", ")
                ),
            );
            one(
                match node
                    .as_str()
                    .and_then(|v| did_you_mean_help(v, options.iter().copied()))
                {
                    Some(h) => d.with_help(h),
                    None => d,
                },
            )
        }
        ValidationErrorKind::Format { format } => one(format_error(path, at, node, format)),
        ValidationErrorKind::Type { .. } => {
            let expected = schema_at(schema, error)
                .and_then(|s| s.get("type"))
                .map(|t| match t.as_str() {
                    Some("string") => "text".to_owned(),
                    Some("array") => "a list".to_owned(),
                    Some("object") => "a mapping".to_owned(),
                    Some("boolean") => "`true` or `false`".to_owned(),
                    Some(other) => format!("a value of type {other}"),
                    None => t.to_string(),
                })
                .unwrap_or_else(|| "another type".into());
            if steps.is_empty() && node.value == Value::Null {
                return one(Diagnostic::error(
                    path,
                    at,
                    Code::Empty,
                    "the file is empty: a record is a mapping with at least `title`, `components` and `updates`",
                ));
            }
            if steps.is_empty() {
                let found = match node.value {
                    Value::Seq(_) => "a list",
                    Value::String(_) => "a text",
                    Value::Int(_) | Value::Float(_) => "a number",
                    _ => "a single value",
                };
                return one(Diagnostic::error(
                    path,
                    at,
                    Code::WrongType,
                    format!("the file must be a mapping of keys, not {found}"),
                )
                .with_help(
                    "write `key: value` lines at the left margin, with no `- ` before them",
                ));
            }
            let d = Diagnostic::error(
                path,
                at,
                Code::WrongType,
                format!("`{name}` must be {expected}, found {}", describe(node)),
            );
            one(
                if expected == "text"
                    && matches!(node.value, Value::Int(_) | Value::Float(_) | Value::Bool(_))
                {
                    d.with_help("put it in quotes to make it text")
                } else {
                    d
                },
            )
        }
        ValidationErrorKind::MinItems { limit } => one(Diagnostic::error(
            path,
            at,
            Code::TooFew,
            format!(
                "`{name}` needs at least {limit} item{}",
                if *limit == 1 { "" } else { "s" }
            ),
        )),
        ValidationErrorKind::MinLength { .. } => one(Diagnostic::error(
            path,
            at,
            Code::EmptyText,
            format!("`{name}` must not be empty"),
        )),
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => {
            let sub = schema_at(schema, error);
            let bound = |k: &str| sub.and_then(|s| s.get(k)).map(Json::to_string);
            let whole = sub.and_then(|s| s.get("type")).and_then(Json::as_str) == Some("integer");
            let range = match (bound("minimum"), bound("maximum")) {
                (Some(min), Some(max)) => format!("from {min} to {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => format!("in range: {error}"),
            };
            one(Diagnostic::error(
                path,
                at,
                Code::OutOfRange,
                format!(
                    "`{name}` must be {}{range}",
                    if whole { "a whole number " } else { "" }
                ),
            ))
        }
        ValidationErrorKind::UniqueItems => one(Diagnostic::error(
            path,
            at,
            Code::RepeatedItem,
            format!("`{name}` lists the same item twice"),
        )),
        ValidationErrorKind::Pattern { pattern } if pattern == HTTP_URL_PATTERN => {
            let text = node.as_str().unwrap_or_default();
            let d = Diagnostic::error(
                path,
                at,
                Code::Url,
                format!("`{text}` is not an http(s) URL with a host"),
            );
            one(match last_key {
                Some("url") => d.with_help("write it like `https://status.example.com/`"),
                Some("logo") => d.with_help(
                    "give an image's https:// URL, or a path inside the repository (it is copied into the site)",
                ),
                _ => d.with_help("write it like `https://tracker.example.com/PLAT-123`"),
            })
        }
        ValidationErrorKind::Pattern { .. } if last_key == Some("window") => {
            let text = node.as_str().unwrap_or_default();
            let d = Diagnostic::error(
                path,
                at,
                Code::InvalidValue,
                format!(
                    "`{text}` is not an SLO window: expected `Nd` (N from 1 to 999), `month` or `quarter`"
                ),
            );
            one(match did_you_mean_help(text, ["month", "quarter", "30d"]) {
                Some(h) => d.with_help(h),
                None => d.with_help("write `30d` (the last 30 days), `month` or `quarter`"),
            })
        }
        ValidationErrorKind::Pattern { .. } if last_key == Some("language") => {
            let text = node.as_str().unwrap_or_default();
            let tag = text.replace('_', "-");
            let like = if !tag.is_empty()
                && tag
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
            {
                tag
            } else {
                "de-DE".to_owned()
            };
            one(Diagnostic::error(
                path,
                at,
                Code::Schema,
                format!("`{text}` is not a language tag"),
            )
            .with_help(format!("write it as a BCP 47 tag like `{like}`")))
        }
        ValidationErrorKind::Pattern { .. } if last_key == Some("url") => {
            one(
                Diagnostic::error(path, at, Code::InvalidValue, "`url` must end with `/`")
                    .with_help(format!("write `{}/`", node.as_str().unwrap_or_default())),
            )
        }
        _ => one(Diagnostic::error(
            path,
            at,
            Code::Schema,
            format!("`{name}`: {error}"),
        )),
    }
}

fn format_error(path: &Path, at: Span, node: &Node, format: &str) -> Diagnostic {
    let text = node.as_str().unwrap_or_default();
    match format {
        "date-time" if out_of_range(text).is_some() => {
            let why = out_of_range(text).unwrap_or_default();
            Diagnostic::error(
                path,
                at,
                Code::Timestamp,
                format!("`{text}` is not a real time: {why}"),
            )
            .with_help("write it like `2025-04-02T17:53:40Z` or `2025-04-02T19:53:40+02:00`")
        }
        "date" if out_of_range(text).is_some() => {
            let why = out_of_range(text).unwrap_or_default();
            Diagnostic::error(
                path,
                at,
                Code::Date,
                format!("`{text}` is not a real date: {why}"),
            )
            .with_help("write a plain date like `2026-05-01`")
        }
        "date-time" => {
            let d = Diagnostic::error(
                path,
                at,
                Code::Timestamp,
                format!("`{text}` is not an RFC 3339 timestamp with an offset"),
            );
            if looks_like_local_time(text) {
                d.with_help(format!(
                    "add the offset: `{text}Z` for UTC, or the zone's offset such as `{text}+02:00`"
                ))
            } else if text.len() == 10 {
                d.with_help(format!("give a time and an offset: `{text}T00:00:00Z`"))
            } else {
                d.with_help("write it like `2025-04-02T17:53:40Z` or `2025-04-02T19:53:40+02:00`")
            }
        }
        "date" => Diagnostic::error(path, at, Code::Date, format!("`{text}` is not a date"))
            .with_help("write a plain date like `2026-05-01`"),
        "uri" => Diagnostic::error(
            path,
            at,
            Code::Url,
            format!("`{text}` is not an absolute URL"),
        )
        .with_help("write it like `https://tracker.example.com/PLAT-123`"),
        other => Diagnostic::error(
            path,
            at,
            Code::Format,
            format!("`{text}` is not a valid {other}"),
        ),
    }
}

/// Which field of a date or timestamp written in the right shape (`2026-13-01`,
/// `2026-13-01T00:00:00Z`) is out of its range, in words; `None` if none is (or the shape
/// is not that of a date).
fn out_of_range(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let digits = |from: usize, to: usize| -> Option<u32> {
        let part = text.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    if !(1..=12).contains(&month) {
        return Some(format!(
            "there is no month {month:02} (months run from 01 to 12)"
        ));
    }
    let first = chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
    let days = first
        .checked_add_months(chrono::Months::new(1))?
        .signed_duration_since(first)
        .num_days();
    if day == 0 || i64::from(day) > days {
        return Some(format!(
            "{} has no day {day:02} (it has {days} days)",
            first.format("%B %Y")
        ));
    }
    if b.len() < 19 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    let field = |what: &str, n: u32, max: u32| {
        format!("there is no {what} {n:02} ({what}s run from 00 to {max})")
    };
    if hour > 23 {
        return Some(field("hour", hour, 23));
    }
    if minute > 59 {
        return Some(field("minute", minute, 59));
    }
    if second > 60 {
        return Some(field("second", second, 59));
    }
    // The offset, after any fraction of a second: `Z`, or `+HH:MM`.
    let rest = text[19..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = rest.strip_prefix(['+', '-'])?;
    let (h, m) = offset.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 {
        return Some(format!(
            "the offset `{rest}` is out of range (from -23:59 to +23:59)"
        ));
    }
    None
}

/// `2025-04-02T17:50:00` or `2025-04-02 17:50:00.5`: a date and time with no offset.
fn looks_like_local_time(s: &str) -> bool {
    let with_z = format!("{}Z", s.replacen(' ', "T", 1));
    chrono::DateTime::parse_from_rfc3339(&with_z).is_ok()
}

fn first_line(root: &Node) -> Span {
    match &root.value {
        Value::Map(entries) => entries.first().map_or(root.span, |(k, _)| k.span),
        _ => root.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every schema object of both files with a `description` also has a
    /// `markdownDescription`: the Markdown is shown by editors' hovers, the `description`
    /// is the same text without Markdown syntax, for tools that show it raw.
    #[test]
    fn every_description_has_a_markdown_description_and_no_markdown() {
        fn walk(json: &Json, at: &str, found: &mut Vec<String>, count: &mut usize) {
            match json {
                Json::Object(map) => {
                    match (map.get("description"), map.get("markdownDescription")) {
                        (Some(Json::String(plain)), Some(Json::String(md))) => {
                            *count += 1;
                            let stripped = md.replace('`', "");
                            if plain != &stripped {
                                found.push(format!(
                                    "{at}: description {plain:?} is not markdownDescription without backticks ({stripped:?})"
                                ));
                            }
                        }
                        (Some(Json::String(_)), _) => {
                            found.push(format!("{at}: description without markdownDescription"))
                        }
                        (None, Some(_)) => {
                            found.push(format!("{at}: markdownDescription without description"))
                        }
                        _ => {}
                    }
                    for (k, v) in map {
                        // Values, not schemas: an example may well have a `description` key.
                        if !matches!(
                            k.as_str(),
                            "examples" | "default" | "const" | "enum" | "defaultSnippets"
                        ) {
                            walk(v, &format!("{at}/{k}"), found, count);
                        }
                    }
                }
                Json::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, &format!("{at}/{i}"), found, count);
                    }
                }
                _ => {}
            }
        }
        let mut found = Vec::new();
        let mut count = 0;
        walk(
            &INCIDENT.raw,
            "incident.schema.json#",
            &mut found,
            &mut count,
        );
        walk(&CONFIG.raw, "config.schema.json#", &mut found, &mut count);
        assert_eq!(found, Vec::<String>::new());
        assert!(count >= 57, "{count} described schemas");
    }

    /// The names `timezone` may take, as `schema/config.schema.json` lists them: every
    /// IANA name chrono-tz knows, sorted.
    fn timezone_names() -> Vec<&'static str> {
        let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        names.sort_unstable();
        names
    }

    /// The `enum` of `timezone` is generated from chrono-tz: this test makes it again and
    /// compares. After a chrono-tz update, `POSTMORTEM_WRITE_SCHEMA=1 cargo test --lib
    /// timezone_enum` writes the new list into the schema (and the test still fails once,
    /// so that the change is seen and committed).
    #[test]
    fn timezone_enum_is_every_chrono_tz_name() {
        let expected: Vec<Json> = timezone_names().into_iter().map(Json::from).collect();
        let committed = CONFIG.raw.pointer("/properties/timezone/enum");
        if committed != Some(&Json::Array(expected.clone()))
            && std::env::var_os("POSTMORTEM_WRITE_SCHEMA").is_some()
        {
            let file = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/config.schema.json");
            let mut raw = CONFIG.raw.clone();
            if let Some(tz) = raw.pointer_mut("/properties/timezone") {
                tz["enum"] = Json::Array(expected.clone());
            }
            let mut text = serde_json::to_string_pretty(&raw).unwrap();
            text.push('\n');
            std::fs::write(file, text).unwrap();
        }
        let listed: Vec<&str> = committed
            .and_then(Json::as_array)
            .map(|a| a.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        let names = timezone_names();
        let missing: Vec<&&str> = names.iter().filter(|n| !listed.contains(n)).collect();
        let extra: Vec<&&str> = listed.iter().filter(|n| !names.contains(n)).collect();
        assert!(
            listed == names,
            "schema/config.schema.json's timezone enum is not chrono-tz's names (missing \
             {missing:?}, not in chrono-tz {extra:?}, or out of order): run \
             `POSTMORTEM_WRITE_SCHEMA=1 cargo test --lib timezone_enum`"
        );
        assert_eq!(committed, Some(&Json::Array(expected)));
        // The file is exactly serde_json's pretty form, so the write above changes only
        // the list.
        let mut again = serde_json::to_string_pretty(&CONFIG.raw).unwrap();
        again.push('\n');
        assert_eq!(again, CONFIG_SCHEMA);
    }

    #[test]
    fn timezone_outside_the_enum_is_the_timezone_rule_with_a_suggestion() {
        let loaded = crate::load::from_bytes(
            Path::new("postmortem.yaml"),
            b"name: Acme\ntimezone: Europe/Madird\n",
        );
        let root = &loaded.document.as_ref().unwrap().root;
        let json = serde_json::json!({"name": "Acme", "timezone": "Europe/Madird"});
        let found: Vec<String> = validate(Which::Config, Path::new("postmortem.yaml"), root, &json)
            .iter()
            .map(|d| {
                format!(
                    "{}:{}: {:?} {} / {:?}",
                    d.line, d.column, d.code, d.message, d.help
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                "2:11: Timezone `Europe/Madird` is not an IANA time zone / Some(\"did you mean `Europe/Madrid`?\")"
            ]
        );
    }

    #[test]
    fn embedded_schemas_compile() {
        assert!(INCIDENT.raw.get("$defs").is_some());
        assert!(CONFIG.raw.get("properties").is_some());
    }

    /// Every URL field of both schemas has the one pattern the messages are keyed on.
    #[test]
    fn url_fields_use_the_http_url_pattern() {
        let pattern = Json::from(HTTP_URL_PATTERN);
        assert_eq!(
            CONFIG.raw.pointer("/properties/url/allOf/0/pattern"),
            Some(&pattern)
        );
        assert_eq!(
            CONFIG.raw.pointer("/properties/logo/then/pattern"),
            Some(&pattern)
        );
        let link = INCIDENT
            .raw
            .pointer("/$defs")
            .and_then(|defs| find_key(defs, "link"))
            .and_then(|l| l.get("pattern"));
        assert_eq!(link, Some(&pattern));
        assert_eq!(INCIDENT_SCHEMA.matches("\"format\": \"uri\"").count(), 1);
        assert_eq!(CONFIG_SCHEMA.matches("\"format\": \"uri\"").count(), 1);
    }

    fn find_key<'a>(json: &'a Json, key: &str) -> Option<&'a Json> {
        match json {
            Json::Object(map) => map
                .get(key)
                .or_else(|| map.values().find_map(|v| find_key(v, key))),
            Json::Array(items) => items.iter().find_map(|v| find_key(v, key)),
            _ => None,
        }
    }

    #[test]
    fn the_http_url_pattern_wants_a_scheme_and_a_host() {
        let re = regex_lite(HTTP_URL_PATTERN);
        for ok in [
            "https://status.example.com/",
            "http://status.example.com",
            "https://status.example.com:8443/x?y#z",
            "https://[2001:db8::1]:8080/",
            "https://10.0.0.1/",
        ] {
            assert!(re(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)//",
            "http://",
            "https:///path",
            "https://:443/",
            "https://@/",
            "https://user:pw@status.example.com/",
            "https://user@status.example.com/",
            "https://host:port/",
            "https://exa mple.com/",
            "ftp://example.com/",
            "//example.com/",
            " https://example.com/",
            "HTTPS://example.com/",
            "data:text/html,x",
        ] {
            assert!(!re(bad), "{bad}");
        }
    }

    /// The pattern run by the validator itself, on a URL field.
    fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool {
        let schema = serde_json::json!({"type": "string", "pattern": pattern});
        let validator = jsonschema::validator_for(&schema).unwrap();
        move |s| validator.is_valid(&Json::from(s))
    }

    #[test]
    fn local_time_is_recognised() {
        assert!(looks_like_local_time("2025-04-02T17:50:00"));
        assert!(looks_like_local_time("2025-04-02 17:50:00.25"));
        assert!(!looks_like_local_time("yesterday"));
    }
}
