//! The words of a site in its language: Fluent catalogues (`locales/<language>.ftl`), built
//! in like the templates and overridden message by message by a site's own `locales/`
//! folder, and dates in that language (month and weekday names from the C library's locale
//! data, by way of chrono; the patterns from the catalogue).
//!
//! A catalogue is resolved once per run: every message without variables is formatted when
//! it is loaded and handed out as a ready string (and as a ready template value); only
//! messages with variables are formatted when asked for.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use crate::load::files::{self, FileError, Repo};

/// The built-in catalogues, by language tag. English comes first: every other catalogue
/// has exactly its messages, and a site's catalogue of another language is laid over it.
pub const LOCALES: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.ftl")),
    ("de", include_str!("../../locales/de.ftl")),
    ("es", include_str!("../../locales/es.ftl")),
    ("fr", include_str!("../../locales/fr.ftl")),
    ("ja", include_str!("../../locales/ja.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR.ftl")),
];

/// Largest catalogue read from a site's `locales/` folder.
pub const MAX_CATALOGUE_BYTES: u64 = 1024 * 1024;

/// The folder of a site's own catalogues, beside `postmortem.yaml`.
pub const FOLDER: &str = "locales";

/// Languages whose script runs right to left (a site's catalogue may still say otherwise
/// with `direction`).
const RTL: &[&str] = &["ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"];

/// A catalogue that cannot be read or does not parse.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}: not UTF-8 (at byte {at})", path.display())]
    NotUtf8 { path: PathBuf, at: usize },
    /// A syntax error of Fluent, at its position.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A date pattern chrono cannot read, or a locale glibc does not have.
    #[error("{}: message `{id}`: {message}", path.display())]
    Value {
        path: PathBuf,
        id: String,
        message: String,
    },
}

/// The languages a site can use: the built-in ones and those of its `locales/` folder
/// (`locales/<language>.ftl`), sorted, each once.
pub fn available(site_locales: Option<&Path>) -> Vec<String> {
    let mut out: Vec<String> = LOCALES.iter().map(|(l, _)| (*l).to_owned()).collect();
    if let Some(entries) = site_locales.and_then(|d| std::fs::read_dir(d).ok()) {
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".ftl")) else {
                continue;
            };
            if !stem.is_empty() && !out.iter().any(|l| l == stem) {
                out.push(stem.to_owned());
            }
        }
    }
    out.sort();
    out
}

/// The message ids of a catalogue's text, in order (`None` if it does not parse).
pub fn message_ids(source: &str) -> Option<Vec<String>> {
    let resource = FluentResource::try_new(source.to_owned()).ok()?;
    Some(ids_of(&resource))
}

fn ids_of(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

type Bundle = fluent_bundle::concurrent::FluentBundle<FluentResource>;

thread_local! {
    /// The cache key of a template's message, built in place for every call.
    static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A template's value as Fluent sees it: a number, or text.
fn fluent_value(v: &tera::Value) -> FluentValue<'static> {
    if let Some(n) = v.as_i128() {
        FluentValue::from(n as f64)
    } else if let Some(n) = v.as_f64() {
        FluentValue::from(n)
    } else if let Some(s) = v.as_str() {
        FluentValue::from(s.to_owned())
    } else {
        FluentValue::from(v.to_string())
    }
}

/// The forms the site writes a moment in, each a date pattern of the catalogue (the one
/// owner of how a language writes a date or a time: pages, feeds and the timeline alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `Apr 02, 2025, 05:53 PM UTC` (`date-time`).
    DateTime,
    /// `April 2, 2025` (`date-long`).
    DateLong,
    /// `Apr 2, 2025` (`date-short`).
    DateShort,
    /// `April 2026` (`month-year`).
    MonthYear,
    /// `April` (`month-name`).
    MonthName,
    /// `05:53 PM` (`time-of-day`).
    Time,
    /// `05:53:40 PM` (`time-of-day-seconds`).
    TimeSeconds,
    /// `Apr 2` (`date-day-month`).
    DayMonth,
    /// `Apr` (`date-month-short`).
    MonthShort,
    /// `2025` (`date-year`).
    Year,
    /// `date-long` on the first day of a month (French `1er décembre 2026`).
    DateLongFirst,
}

/// Each form's message.
const FORMS: [(Form, &str); 11] = [
    (Form::DateTime, "date-time"),
    (Form::DateLong, "date-long"),
    (Form::DateShort, "date-short"),
    (Form::MonthYear, "month-year"),
    (Form::MonthName, "month-name"),
    (Form::Time, "time-of-day"),
    (Form::TimeSeconds, "time-of-day-seconds"),
    (Form::DayMonth, "date-day-month"),
    (Form::MonthShort, "date-month-short"),
    (Form::Year, "date-year"),
    (Form::DateLongFirst, "date-long-first"),
];

/// A two-digit field of a moment.
#[derive(Clone, Copy, Debug)]
enum Field {
    Month,
    Day,
    Hour,
    Hour12,
    Minute,
    Second,
}

/// A piece of a date pattern, written by hand ([`Messages::write`]): what chrono's
/// `format_localized` writes for it, without parsing the pattern or formatting the zone's
/// name into a new string for every moment.
#[derive(Clone, Debug)]
enum Piece {
    Text(Box<str>),
    /// `%Y` (written by chrono outside 1000–9999, where it adds a sign or zeros).
    Year(chrono::format::Pad),
    Two(Field, chrono::format::Pad),
    /// `%b`, `%B`, `%a`, `%A`, `%p`, `%P`: a name of the locale, formatted once.
    Name(NameKind),
    /// `%Z`: the zone's abbreviation, else its offset.
    Zone,
    /// Anything else, written by chrono.
    Other(Item<'static>),
}

#[derive(Clone, Copy, Debug)]
enum NameKind {
    MonthShort,
    MonthLong,
    WeekdayShort,
    WeekdayLong,
    UpperAmPm,
    LowerAmPm,
}

/// The locale's names, formatted once by chrono: months from January, weekdays from
/// Monday, AM and PM.
#[derive(Debug, Default)]
struct Names {
    month_short: Vec<String>,
    month_long: Vec<String>,
    weekday_short: Vec<String>,
    weekday_long: Vec<String>,
    upper_am_pm: Vec<String>,
    lower_am_pm: Vec<String>,
}

impl Names {
    fn of(locale: chrono::Locale) -> Names {
        let name = |t: chrono::NaiveDateTime, fixed: chrono::format::Fixed| {
            t.and_utc()
                .format_localized_with_items(std::iter::once(Item::Fixed(fixed)), locale)
                .to_string()
        };
        let at = |month: u32, day: u32, hour: u32| {
            NaiveDate::from_ymd_opt(2001, month, day)
                .and_then(|d| d.and_hms_opt(hour, 0, 0))
                .unwrap_or_default()
        };
        use chrono::format::Fixed as F;
        // 2001-01-01 was a Monday.
        Names {
            month_short: (1..=12)
                .map(|m| name(at(m, 1, 0), F::ShortMonthName))
                .collect(),
            month_long: (1..=12)
                .map(|m| name(at(m, 1, 0), F::LongMonthName))
                .collect(),
            weekday_short: (1..=7)
                .map(|d| name(at(1, d, 0), F::ShortWeekdayName))
                .collect(),
            weekday_long: (1..=7)
                .map(|d| name(at(1, d, 0), F::LongWeekdayName))
                .collect(),
            upper_am_pm: [1, 13].map(|h| name(at(1, 1, h), F::UpperAmPm)).to_vec(),
            lower_am_pm: [1, 13].map(|h| name(at(1, 1, h), F::LowerAmPm)).to_vec(),
        }
    }
}

/// A date pattern's items as pieces written by hand.
fn pieces(items: Vec<Item<'static>>) -> Vec<Piece> {
    use chrono::format::{Fixed as F, Numeric as N};
    let mut out: Vec<Piece> = Vec::with_capacity(items.len());
    for item in items {
        let piece = match item {
            Item::Literal(s) | Item::Space(s) => Piece::Text(s.into()),
            Item::OwnedLiteral(s) | Item::OwnedSpace(s) => Piece::Text(s),
            Item::Numeric(N::Year, pad) => Piece::Year(pad),
            Item::Numeric(N::Month, pad) => Piece::Two(Field::Month, pad),
            Item::Numeric(N::Day, pad) => Piece::Two(Field::Day, pad),
            Item::Numeric(N::Hour, pad) => Piece::Two(Field::Hour, pad),
            Item::Numeric(N::Hour12, pad) => Piece::Two(Field::Hour12, pad),
            Item::Numeric(N::Minute, pad) => Piece::Two(Field::Minute, pad),
            Item::Numeric(N::Second, pad) => Piece::Two(Field::Second, pad),
            Item::Fixed(F::ShortMonthName) => Piece::Name(NameKind::MonthShort),
            Item::Fixed(F::LongMonthName) => Piece::Name(NameKind::MonthLong),
            Item::Fixed(F::ShortWeekdayName) => Piece::Name(NameKind::WeekdayShort),
            Item::Fixed(F::LongWeekdayName) => Piece::Name(NameKind::WeekdayLong),
            Item::Fixed(F::UpperAmPm) => Piece::Name(NameKind::UpperAmPm),
            Item::Fixed(F::LowerAmPm) => Piece::Name(NameKind::LowerAmPm),
            Item::Fixed(F::TimezoneName) => Piece::Zone,
            other => Piece::Other(other),
        };
        // Neighbouring texts as one.
        if let (Piece::Text(b), Some(Piece::Text(a))) = (&piece, out.last_mut()) {
            *a = format!("{a}{b}").into();
        } else {
            out.push(piece);
        }
    }
    out
}

/// Two digits as chrono writes a two-digit field with `pad`.
fn push_two(o: &mut String, v: u32, pad: chrono::format::Pad) {
    use chrono::format::Pad;
    match (v / 10, pad) {
        (0, Pad::None) => {}
        (0, Pad::Space) => o.push(' '),
        (tens, _) => o.push(char::from(b'0' + (tens % 10) as u8)),
    }
    o.push(char::from(b'0' + (v % 10) as u8));
}

/// A value of a [`Template`].
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Text(&'a str),
    Int(i64),
}

impl Arg<'_> {
    fn fluent(&self) -> FluentValue<'_> {
        match *self {
            Arg::Text(s) => FluentValue::from(s),
            Arg::Int(n) => FluentValue::from(n as f64),
        }
    }
}

/// The first of the private-use characters that stand for a template's values while its
/// message is formatted once.
const SLOT: u32 = 0xF_0000;

#[derive(Clone, Debug)]
enum Part {
    Text(Box<str>),
    Value(usize),
}

/// A message with values, formatted once per run with stand-ins for its values and kept as
/// the text between them ([`Messages::template`]): filling it in writes the same text
/// Fluent would, without formatting the message again. A message that chooses on a value
/// (a plural, a selector) or calls a function is formatted by Fluent at every use.
#[derive(Clone, Debug)]
pub struct Template {
    id: Box<str>,
    names: &'static [&'static str],
    parts: Option<Box<[Part]>>,
}

/// Whether a pattern writes its values as they are: text, values, literals; no selector,
/// function or reference.
fn only_values(pattern: &ast::Pattern<&str>) -> bool {
    fn expression(e: &ast::Expression<&str>) -> bool {
        match e {
            ast::Expression::Inline(i) => inline(i),
            ast::Expression::Select { .. } => false,
        }
    }
    fn inline(e: &ast::InlineExpression<&str>) -> bool {
        match e {
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::VariableReference { .. } => true,
            ast::InlineExpression::Placeable { expression: e } => expression(e),
            _ => false,
        }
    }
    pattern.elements.iter().all(|e| match e {
        ast::PatternElement::TextElement { .. } => true,
        ast::PatternElement::Placeable { expression: e } => expression(e),
    })
}

fn template_of(bundle: &Bundle, id: &str, names: &'static [&'static str]) -> Template {
    let parts = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .filter(|p| only_values(p))
        .and_then(|pattern| {
            let slots: Vec<String> = (0..names.len())
                .map(|i| {
                    char::from_u32(SLOT + i as u32)
                        .unwrap_or('\u{fffd}')
                        .to_string()
                })
                .collect();
            let mut args = FluentArgs::with_capacity(names.len());
            for (name, slot) in names.iter().zip(&slots) {
                args.set(*name, FluentValue::from(slot.as_str()));
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                return None;
            }
            let mut parts = Vec::new();
            let mut plain = 0;
            for (i, c) in text.char_indices() {
                let slot = (c as u32).wrapping_sub(SLOT) as usize;
                if slot < names.len() {
                    if plain < i {
                        parts.push(Part::Text(text[plain..i].into()));
                    }
                    parts.push(Part::Value(slot));
                    plain = i + c.len_utf8();
                }
            }
            if plain < text.len() {
                parts.push(Part::Text(text[plain..].into()));
            }
            Some(parts.into_boxed_slice())
        });
    Template {
        id: id.into(),
        names,
        parts,
    }
}

/// Digits of `n`, without the formatting machinery.
fn push_int(o: &mut String, n: i64) {
    if n < 0 {
        o.push('-');
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut a = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (a % 10) as u8;
        a /= 10;
        if a == 0 {
            break;
        }
    }
    for b in &buf[i..] {
        o.push(char::from(*b));
    }
}

/// One language's messages, resolved for a run.
pub struct Messages {
    language: String,
    direction: &'static str,
    bundle: Bundle,
    /// Every message without variables, formatted once.
    plain: HashMap<String, String>,
    /// The same, as template values (which share their text when copied).
    values: HashMap<String, tera::Value>,
    locale: chrono::Locale,
    /// The date patterns, in the order of [`FORMS`].
    forms: Vec<Vec<Piece>>,
    names: Names,
    /// `duration-days`, `duration-hours`, `duration-minutes`.
    durations: [Template; 3],
    /// The site's name and time zone, for messages that a template gives only those
    /// ([`Messages::inline_plain`]): set by [`Messages::for_site`].
    site: Option<(String, String)>,
    /// The timeline's words, made on first use ([`Messages::timeline`]).
    timeline: std::sync::OnceLock<super::timeline::Words>,
    decimal: String,
    /// Formatted messages with variables, by id and values: a page shows the same few many
    /// times ("90 days ago", the statuses of a day).
    cache: std::sync::RwLock<HashMap<String, tera::Value>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

static ENGLISH: LazyLock<Arc<Messages>> = LazyLock::new(|| {
    // The built-in catalogue is tested (`every_builtin_catalogue_loads…`): it loads.
    #[allow(clippy::expect_used)]
    Arc::new(Messages::load("en", None, None).expect("the built-in English catalogue loads"))
});

/// Whether a language tag names the same language as `tag`, ignoring case and `_`/`-`.
fn same_tag(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            x.eq_ignore_ascii_case(&y) || (x == b'_' && y == b'-') || (x == b'-' && y == b'_')
        })
}

/// The built-in catalogue of `language`, if there is one: the catalogue of that very tag,
/// else of its language alone (`en-GB` reads `en`; `pt` does not read `pt-BR`).
pub fn builtin(language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    LOCALES
        .iter()
        .find(|(l, _)| same_tag(l, language))
        .or_else(|| LOCALES.iter().find(|(l, _)| same_tag(l, primary)))
        .map(|(_, s)| *s)
}

/// Whether a site in `language` has a catalogue: a built-in one, or its own
/// `locales/<language>.ftl`.
pub fn has_catalogue(language: &str, site_locales: Option<&Path>) -> bool {
    builtin(language).is_some()
        || site_locales.is_some_and(|d| {
            let p = d.join(format!("{language}.ftl"));
            p.is_file() || p.is_symlink()
        })
}

fn parse(path: &Path, source: String) -> Result<FluentResource, CatalogueError> {
    FluentResource::try_new(source).map_err(|(resource, errors)| {
        let text = resource.source();
        let first = &errors[0];
        let at = first.pos.start.min(text.len());
        let mut at = at;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        CatalogueError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: first.to_string(),
        }
    })
}

/// The glibc locale for a language tag: `pt-BR` → `pt_BR`, `de` → `de_DE`, `ar` → `ar_EG`
/// (a language's usual country where it is not the language's own code).
fn locale_for(language: &str) -> Option<chrono::Locale> {
    let underscored = language.replace('-', "_");
    if let Ok(l) = chrono::Locale::try_from(underscored.as_str()) {
        return Some(l);
    }
    let primary = underscored.split('_').next().unwrap_or_default();
    const USUAL: &[(&str, &str)] = &[
        ("ar", "ar_EG"),
        ("cs", "cs_CZ"),
        ("da", "da_DK"),
        ("el", "el_GR"),
        ("en", "en_US"),
        ("fa", "fa_IR"),
        ("he", "he_IL"),
        ("ja", "ja_JP"),
        ("ko", "ko_KR"),
        ("nb", "nb_NO"),
        ("sv", "sv_SE"),
        ("uk", "uk_UA"),
        ("ur", "ur_PK"),
        ("zh", "zh_CN"),
    ];
    let usual = USUAL.iter().find(|(l, _)| *l == primary).map_or_else(
        || format!("{primary}_{}", primary.to_ascii_uppercase()),
        |(_, n)| (*n).to_owned(),
    );
    chrono::Locale::try_from(usual.as_str()).ok()
}

impl Messages {
    /// English, built in (for what has no site: tests, benchmarks, `Renderer::new`).
    pub fn english() -> Arc<Messages> {
        ENGLISH.clone()
    }

    /// The messages of a site: its `language`, with its own `locales/` folder (what `build`,
    /// `render`, `serve` and `notify` speak).
    pub fn for_site(config: &crate::config::Config) -> Result<Messages, CatalogueError> {
        let mut m = Messages::load(
            &config.language,
            Some(&config.root.join(FOLDER)),
            Some(&config.repo),
        )?;
        m.site = Some((config.name.clone(), config.timezone.name().to_owned()));
        Ok(m)
    }

    /// The messages of `language`: English, then the built-in catalogue of the language,
    /// then the site's own `locales/<language>.ftl` (if `site_locales` holds one), each
    /// message of a later one replacing the same of an earlier one. A site's file is read
    /// only if it lies inside `repo`.
    pub fn load(
        language: &str,
        site_locales: Option<&Path>,
        repo: Option<&Repo>,
    ) -> Result<Messages, CatalogueError> {
        let mut sources: Vec<(PathBuf, String)> =
            vec![(PathBuf::from("locales/en.ftl"), LOCALES[0].1.to_owned())];
        if let Some(text) = builtin(language).filter(|t| *t != LOCALES[0].1) {
            sources.push((
                PathBuf::from(format!("locales/{language}.ftl")),
                text.to_owned(),
            ));
        }
        let mut site: Option<(PathBuf, String)> = None;
        if let Some(dir) = site_locales {
            let path = dir.join(format!("{language}.ftl"));
            if path.is_file() || path.is_symlink() {
                if let Some(repo) = repo {
                    repo.guard(&path)?;
                }
                let bytes = files::read_regular(&path, MAX_CATALOGUE_BYTES, "a catalogue")?;
                let text = String::from_utf8(bytes).map_err(|e| CatalogueError::NotUtf8 {
                    at: e.utf8_error().valid_up_to(),
                    path: path.clone(),
                })?;
                site = Some((path, text));
            }
        }
        let langid: unic_langid::LanguageIdentifier = language.parse().unwrap_or_default();
        let mut bundle = Bundle::new_concurrent(vec![langid]);
        // No Unicode isolation marks around values: the pages say `dir` themselves.
        bundle.set_use_isolating(false);
        for (path, text) in sources {
            bundle.add_resource_overriding(parse(&path, text)?);
        }
        // The file a bad date pattern is reported in: the site's, else the built-in one.
        let mut last_path = PathBuf::from(format!("locales/{language}.ftl"));
        let mut site_ids: Vec<String> = Vec::new();
        if let Some((path, text)) = site {
            let resource = parse(&path, text)?;
            site_ids = ids_of(&resource);
            bundle.add_resource_overriding(resource);
            last_path = path;
        }
        let mut plain = HashMap::default();
        let mut values = HashMap::default();
        let ids: Vec<String> = ids_of(&FluentResource::try_new(LOCALES[0].1.to_owned()).map_err(
            |_| CatalogueError::Value {
                path: "locales/en.ftl".into(),
                id: String::new(),
                message: "does not parse".into(),
            },
        )?)
        .into_iter()
        .chain(site_ids.iter().cloned())
        .collect();
        for id in ids {
            let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned();
            if errors.is_empty() {
                values.insert(id.clone(), tera::Value::from(text.as_str()));
                plain.insert(id, text);
            }
        }
        let get = |id: &str| plain.get(id).cloned().unwrap_or_default();
        let direction = match get("direction").as_str() {
            "rtl" => "rtl",
            "ltr"
                if !site_ids.iter().any(|i| i == "direction")
                    && builtin(language).is_none()
                    && RTL.contains(&language.split(['-', '_']).next().unwrap_or_default()) =>
            {
                "rtl"
            }
            _ => "ltr",
        };
        let locale_name =
            if site_ids.iter().any(|i| i == "date-locale") || builtin(language).is_some() {
                get("date-locale")
            } else {
                String::new()
            };
        let locale = chrono::Locale::try_from(locale_name.as_str())
            .ok()
            .or_else(|| locale_for(language))
            .unwrap_or(chrono::Locale::POSIX);
        let pattern = |id: &str| -> Result<Vec<Piece>, CatalogueError> {
            let text = get(id);
            let items = StrftimeItems::new_with_locale(&text, locale)
                .parse_to_owned()
                .map_err(|e| CatalogueError::Value {
                    path: last_path.clone(),
                    id: id.to_owned(),
                    message: format!("`{text}` is not a date pattern ({e})"),
                })?;
            Ok(pieces(items))
        };
        let forms = FORMS
            .iter()
            .map(|(_, id)| pattern(id))
            .collect::<Result<Vec<_>, _>>()?;
        // The catalogue's own short month names (`months-short`), in place of the locale's.
        let mut names = Names::of(locale);
        let text = get("months-short");
        if !text.trim().is_empty() {
            let short: Vec<String> = text.split('|').map(|n| n.trim().to_owned()).collect();
            if short.len() != 12 {
                return Err(CatalogueError::Value {
                    path: last_path.clone(),
                    id: "months-short".to_owned(),
                    message: format!(
                        "`{text}` has {} names; it needs the 12 months' short names, separated by `|`",
                        short.len()
                    ),
                });
            }
            names.month_short = short;
        }
        let decimal = get("decimal-separator");
        let durations = [
            template_of(&bundle, "duration-days", &["n"]),
            template_of(&bundle, "duration-hours", &["n"]),
            template_of(&bundle, "duration-minutes", &["n"]),
        ];
        Ok(Messages {
            language: language.to_owned(),
            direction,
            bundle,
            plain,
            values,
            locale,
            forms,
            names,
            durations,
            site: None,
            timeline: std::sync::OnceLock::new(),
            decimal,
            cache: Default::default(),
        })
    }

    /// The language tag.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// `ltr` or `rtl`.
    pub fn direction(&self) -> &'static str {
        self.direction
    }

    /// Whether the catalogue has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message without variables (its id if there is none: every id the code asks for
    /// is in the English catalogue, which is always laid under).
    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.plain.get(id).map_or(id, String::as_str)
    }

    /// A message with variables.
    pub fn format(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            fluent_args.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// A message for a template: `id` with the template's other named values (strings,
    /// numbers), formatted once per distinct set of values.
    pub fn template_message(&self, id: &str, kwargs: &tera::Kwargs) -> Result<tera::Value, String> {
        let mut args: Vec<(&str, &tera::Value)> = kwargs
            .iter()
            .filter_map(|(k, v)| k.as_str().filter(|k| *k != "id").map(|k| (k, v)))
            .collect();
        if args.is_empty()
            && let Some(v) = self.values.get(id)
        {
            return Ok(v.clone());
        }
        if !self.has(id) {
            return Err(format!(
                "no message `{id}` in the `{}` catalogue",
                self.language
            ));
        }
        // The values in a stable order, whatever order the template wrote them in.
        args.sort_unstable_by_key(|(k, _)| *k);
        KEY.with_borrow_mut(|key| {
            use std::fmt::Write;
            key.clear();
            key.push_str(id);
            for (k, v) in &args {
                key.push('\u{1f}');
                key.push_str(k);
                key.push('\u{1e}');
                let _ = write!(key, "{v}");
            }
            if let Ok(cache) = self.cache.read()
                && let Some(v) = cache.get(key.as_str())
            {
                return Ok(v.clone());
            }
            let values: Vec<(&str, FluentValue<'_>)> =
                args.iter().map(|(k, v)| (*k, fluent_value(v))).collect();
            let value = tera::Value::from(self.format(id, &values));
            if let Ok(mut cache) = self.cache.write()
                && cache.len() < 10_000
            {
                cache.insert(key.clone(), value.clone());
            }
            Ok(value)
        })
    }

    /// A template's source with every `t(id="…")` of a message without variables (no other
    /// named value, an id the catalogue formats once per run), or whose only values are the
    /// site's name and time zone (`site=site.name`, `timezone=site.timezone`, with
    /// [`Messages::for_site`]), replaced by that message as a string literal: the same value
    /// (escaped like any other), without a function call per use. Only inside `{{ }}` and `{% %}` (not in comments, text or `{% raw %}`); lines
    /// stay where they were (a newline is written `\n`). Anything else is left for `t()`.
    pub fn inline_plain(&self, source: &str) -> String {
        let mut out = String::with_capacity(source.len());
        let mut rest = source;
        let mut raw = false;
        while let Some(open) = rest.find(['{']) {
            let (text, tail) = rest.split_at(open);
            out.push_str(text);
            let close = match tail.as_bytes().get(1) {
                Some(b'{') => "}}",
                Some(b'%') => "%}",
                Some(b'#') => "#}",
                _ => {
                    out.push('{');
                    rest = &tail[1..];
                    continue;
                }
            };
            let Some(end) = tail[2..].find(close).map(|e| e + 4) else {
                out.push_str(tail);
                return out;
            };
            let tag = &tail[..end];
            let words = tag[2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
            if close == "%}" && (words == "raw" || words == "endraw") {
                raw = words == "raw";
                out.push_str(tag);
            } else if raw || close == "#}" {
                out.push_str(tag);
            } else {
                self.inline_in_tag(tag, &mut out);
            }
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }

    /// The named values of a `t()` call from just after its id to its `)` included, if each
    /// is one the run knows (`site.name`, `site.timezone`: [`Messages::for_site`]), with the
    /// length of that text; `None` for any other value (a variable of the page, a filter).
    fn site_args<'s>(&'s self, text: &str) -> Option<(Vec<(&'s str, FluentValue<'s>)>, usize)> {
        let mut args = Vec::new();
        let mut rest = text.trim_start();
        loop {
            if let Some(after) = rest.strip_prefix(')') {
                return Some((args, text.len() - after.len()));
            }
            rest = rest.strip_prefix(',')?.trim_start();
            let name_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
            let (name, after) = rest.split_at(name_len);
            let after = after.trim_start().strip_prefix('=')?.trim_start();
            let expr_len = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(after.len());
            let (expr, after) = after.split_at(expr_len);
            let (site, timezone) = self.site.as_ref()?;
            let value = match expr {
                "site.name" => site.as_str(),
                "site.timezone" => timezone.as_str(),
                _ => return None,
            };
            // The name as the catalogue spells it (this call's text is gone by then).
            let name = ["site", "timezone", "zone"]
                .into_iter()
                .find(|n| *n == name)?;
            args.push((name, FluentValue::from(value)));
            rest = after.trim_start();
        }
    }

    /// [`Messages::inline_plain`] within one tag.
    fn inline_in_tag(&self, tag: &str, out: &mut String) {
        let mut rest = tag;
        while let Some(at) = rest.find("t(id=") {
            let starts_name = rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
            let after = &rest[at + 5..];
            let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'');
            let literal = quote.filter(|_| starts_name).and_then(|q| {
                let id_len = after[1..].find(q)?;
                let id = &after[1..1 + id_len];
                let call_len = 5 + 1 + id_len + 1;
                let (args, args_len) = self.site_args(&after[1 + id_len + 1..])?;
                let text: std::borrow::Cow<'_, str> = if args.is_empty() {
                    self.plain.get(id)?.as_str().into()
                } else if self.has(id) {
                    self.format(id, &args).into()
                } else {
                    return None;
                };
                Some((call_len + args_len, text))
            });
            match literal {
                Some((len, text)) => {
                    out.push_str(&rest[..at]);
                    out.push('"');
                    for c in text.chars() {
                        match c {
                            '"' => out.push_str("\\\""),
                            '\\' => out.push_str("\\\\"),
                            '\n' => out.push_str("\\n"),
                            '\r' => out.push_str("\\r"),
                            '\t' => out.push_str("\\t"),
                            c => out.push(c),
                        }
                    }
                    out.push('"');
                    rest = &rest[at + len..];
                }
                None => {
                    out.push_str(&rest[..at + 5]);
                    rest = &rest[at + 5..];
                }
            }
        }
        out.push_str(rest);
    }

    /// [`Messages::template_message`] with the values as a list (for tests).
    #[cfg(test)]
    fn template_value(
        &self,
        id: &str,
        args: &[(String, tera::Value)],
    ) -> Result<tera::Value, String> {
        let mut map = tera::Map::default();
        for (k, v) in args {
            map.insert(tera::value::Key::from(k.clone()), v.clone());
        }
        self.template_message(id, &tera::Kwargs::new(Arc::new(map)))
    }

    /// Appends `t` as the catalogue writes `form`, in `t`'s zone.
    pub fn write<Tz: TimeZone>(&self, form: Form, o: &mut String, t: &DateTime<Tz>)
    where
        Tz::Offset: std::fmt::Display,
    {
        use chrono::{Datelike, Timelike};
        let chrono_writes = |o: &mut String, item: &Item<'static>| {
            use std::fmt::Write;
            let _ = write!(
                o,
                "{}",
                t.format_localized_with_items(std::iter::once(item), self.locale)
            );
        };
        // The local date and time once: each field of `t` would add its offset again.
        let local = t.naive_local();
        for piece in &self.forms[form as usize] {
            match piece {
                Piece::Text(s) => o.push_str(s),
                Piece::Year(pad) => {
                    let y = local.year();
                    if (1000..=9999).contains(&y) {
                        push_two(o, (y / 100) as u32, chrono::format::Pad::Zero);
                        push_two(o, (y % 100) as u32, chrono::format::Pad::Zero);
                    } else {
                        chrono_writes(o, &Item::Numeric(chrono::format::Numeric::Year, *pad));
                    }
                }
                Piece::Two(field, pad) => {
                    let v = match field {
                        Field::Month => local.month(),
                        Field::Day => local.day(),
                        Field::Hour => local.hour(),
                        Field::Hour12 => local.hour12().1,
                        Field::Minute => local.minute(),
                        // A leap second is 60, as chrono writes it.
                        Field::Second => local.second() + local.nanosecond() / 1_000_000_000,
                    };
                    push_two(o, v, *pad);
                }
                Piece::Name(kind) => {
                    let n = &self.names;
                    let (list, i) = match kind {
                        NameKind::MonthShort => (&n.month_short, local.month0()),
                        NameKind::MonthLong => (&n.month_long, local.month0()),
                        NameKind::WeekdayShort => {
                            (&n.weekday_short, local.weekday().num_days_from_monday())
                        }
                        NameKind::WeekdayLong => {
                            (&n.weekday_long, local.weekday().num_days_from_monday())
                        }
                        NameKind::UpperAmPm => (&n.upper_am_pm, u32::from(local.hour12().0)),
                        NameKind::LowerAmPm => (&n.lower_am_pm, u32::from(local.hour12().0)),
                    };
                    o.push_str(list.get(i as usize).map_or("", String::as_str));
                }
                Piece::Zone => {
                    use std::fmt::Write;
                    let _ = write!(o, "{}", t.offset());
                }
                Piece::Other(item) => chrono_writes(o, item),
            }
        }
    }

    /// `t` as the catalogue writes `form`.
    pub fn moment<Tz: TimeZone>(&self, form: Form, t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        let mut o = String::with_capacity(32);
        self.write(form, &mut o, t);
        o
    }

    /// `Apr 2, 2025, 5:53 PM UTC`.
    pub fn date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        self.moment(Form::DateTime, t)
    }

    /// `April 2, 2025` (`date-long`; `date-long-first` on the first day of a month).
    pub fn date_long<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        use chrono::Datelike;
        if t.day() == 1 {
            self.moment(Form::DateLongFirst, t)
        } else {
            self.moment(Form::DateLong, t)
        }
    }

    /// `April 2026`.
    pub fn month_year<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        self.moment(Form::MonthYear, t)
    }

    /// `April`.
    pub fn month_name<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        self.moment(Form::MonthName, t)
    }

    /// `Apr 7, 2026`, for a day of an uptime bar (a time or zone in the pattern is
    /// midnight UTC's).
    pub fn day_short(&self, day: NaiveDate) -> String {
        self.moment(
            Form::DateShort,
            &day.and_time(chrono::NaiveTime::MIN).and_utc(),
        )
    }

    /// A message with the values `names` (in that order), made once for filling in many
    /// times ([`Messages::fill`]).
    pub fn template(&self, id: &str, names: &'static [&'static str]) -> Template {
        template_of(&self.bundle, id, names)
    }

    /// Appends `template` with `args` (in the order of its names).
    pub fn fill(&self, o: &mut String, template: &Template, args: &[Arg<'_>]) {
        match &template.parts {
            Some(parts) => {
                for part in parts.iter() {
                    match part {
                        Part::Text(s) => o.push_str(s),
                        Part::Value(i) => match args.get(*i) {
                            Some(Arg::Text(s)) => o.push_str(s),
                            Some(Arg::Int(n)) => push_int(o, *n),
                            None => {}
                        },
                    }
                }
            }
            None => {
                let values: Vec<(&str, FluentValue<'_>)> = template
                    .names
                    .iter()
                    .zip(args)
                    .map(|(k, v)| (*k, v.fluent()))
                    .collect();
                o.push_str(&self.format(&template.id, &values));
            }
        }
    }

    /// The timeline's words in this language, made once per run.
    pub fn timeline(&self) -> &super::timeline::Words {
        self.timeline
            .get_or_init(|| super::timeline::Words::new(self))
    }

    /// `99.910%`: a share (0 to 1) as a percentage with three decimals.
    pub fn percent(&self, share: f64) -> String {
        let number = format!("{:.3}", share * 100.0);
        let number = if self.decimal == "." {
            number
        } else {
            number.replace('.', &self.decimal)
        };
        self.format("percent", &[("value", FluentValue::from(number))])
    }

    /// `A`, `A and B`, `A, B and C`.
    pub fn join(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.format(
                "list-and",
                &[
                    (
                        "init",
                        FluentValue::from(init.join(self.get("list-separator"))),
                    ),
                    ("last", FluentValue::from(last.as_str())),
                ],
            ),
        }
    }

    /// A duration for people, floored to minutes: `1d 2h 5m`, `0m`, `<1m` (as
    /// [`crate::figures::display`] writes it in English).
    pub fn duration(&self, d: TimeDelta) -> String {
        let mut o = String::with_capacity(12);
        self.write_duration(&mut o, d);
        o
    }

    /// Appends [`Messages::duration`].
    pub fn write_duration(&self, o: &mut String, d: TimeDelta) {
        if d <= TimeDelta::zero() {
            if d.is_zero() {
                o.push_str(self.get("duration-zero"));
            } else {
                o.push('-');
                self.write_duration(o, -d);
            }
            return;
        }
        let minutes = d.num_minutes();
        if minutes == 0 {
            o.push_str(self.get("duration-under-minute"));
            return;
        }
        let mut first = true;
        for (n, template) in [minutes / 1440, minutes % 1440 / 60, minutes % 60]
            .into_iter()
            .zip(&self.durations)
        {
            if n > 0 {
                if !first {
                    o.push_str(self.get("duration-separator"));
                }
                first = false;
                self.fill(o, template, &[Arg::Int(n)]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_durations_are_the_figures_own() {
        let m = Messages::english();
        for minutes in [-90, -1, 0, 1, 59, 60, 61, 1439, 1440, 1441, 3000, 100_000] {
            let d = TimeDelta::minutes(minutes);
            assert_eq!(
                m.duration(d),
                crate::figures::display(d),
                "{minutes} minutes"
            );
        }
        let d = TimeDelta::seconds(30);
        assert_eq!(m.duration(d), crate::figures::display(d));
    }

    #[test]
    fn every_builtin_catalogue_loads_and_formats_its_dates() {
        let t = DateTime::parse_from_rfc3339("2026-04-07T14:05:00Z").unwrap();
        let want = [
            ("en", "Apr 7, 2026, 2:05 PM +00:00", "April 7, 2026"),
            ("de", "07.04.2026, 14:05 +00:00", "7. April 2026"),
            ("es", "7 abr 2026, 14:05 +00:00", "7 de abril de 2026"),
            ("fr", "7 avr. 2026, 14:05 +00:00", "7 avril 2026"),
            ("ja", "2026/04/07 14:05 +00:00", "2026年4月7日"),
            ("pt-BR", "07/04/2026, 14:05 +00:00", "7 de abril de 2026"),
        ];
        for (language, time, date) in want {
            let m = Messages::load(language, None, None).unwrap();
            assert_eq!(m.date_time(&t), time, "{language}");
            assert_eq!(m.date_long(&t), date, "{language}");
            assert_eq!(m.direction(), "ltr");
        }
    }

    /// What chrono's `format_localized` writes for `items`, with the catalogue's own short
    /// month names (`months-short`) where `%b` stands.
    fn chronos<Tz: TimeZone>(m: &Messages, items: &[Item<'static>], t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        use chrono::Datelike;
        use chrono::format::Fixed;
        let is_month = |i: &Item<'_>| matches!(i, Item::Fixed(Fixed::ShortMonthName));
        let mut out = String::new();
        for (n, part) in items.split(is_month).enumerate() {
            if n > 0 {
                out.push_str(&m.names.month_short[t.month0() as usize]);
            }
            out.push_str(
                &t.format_localized_with_items(part.iter(), m.locale)
                    .to_string(),
            );
        }
        out
    }

    /// Every date pattern of every built-in catalogue, written by hand, is what chrono's
    /// `format_localized` writes: in zones with and without abbreviations, across changes
    /// of the clocks, at every hour, minute and month, in years of every width.
    #[test]
    fn hand_written_dates_are_chronos() {
        use chrono::{Datelike, TimeZone, Utc};
        let zones = [
            chrono_tz::UTC,
            chrono_tz::Europe::Madrid,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::Asia::Kathmandu,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::America::St_Johns,
        ];
        let mut checked = 0;
        for (language, _) in LOCALES {
            let m = Messages::load(language, None, None).unwrap();
            let items: Vec<Vec<Item<'static>>> = FORMS
                .iter()
                .map(|(_, id)| {
                    StrftimeItems::new_with_locale(m.get(id), m.locale)
                        .parse_to_owned()
                        .unwrap()
                })
                .collect();
            let mut t = Utc.with_ymd_and_hms(1899, 12, 31, 23, 59, 59).unwrap();
            while t.year() < 2040 {
                for tz in zones {
                    let local = t.with_timezone(&tz);
                    for ((form, id), items) in FORMS.iter().zip(&items) {
                        let chrono = chronos(&m, items, &local);
                        assert_eq!(m.moment(*form, &local), chrono, "{language} {id} {local}");
                        checked += 1;
                    }
                }
                // An odd step, so that every hour, minute and month comes up.
                t += TimeDelta::seconds(3_600 * 67 + 60 * 7 + 13) * 7;
            }
            for year in [33, 999, 12_000, -44] {
                let t = Utc.with_ymd_and_hms(year, 3, 15, 9, 5, 0).unwrap();
                for ((form, _), items) in FORMS.iter().zip(&items) {
                    let chrono = chronos(&m, items, &t);
                    assert_eq!(m.moment(*form, &t), chrono, "{language} {year}");
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
        // The forms each language writes (the chart's axis and labels use the last five).
        let t = DateTime::parse_from_rfc3339("2026-04-07T19:41:20Z")
            .unwrap()
            .with_timezone(&chrono_tz::Europe::Madrid);
        let want = [
            ("en", ["9:41 PM", "9:41:20 PM", "Apr 7", "Apr", "2026"]),
            ("de", ["21:41", "21:41:20", "7. Apr.", "Apr.", "2026"]),
            ("es", ["21:41", "21:41:20", "7 abr", "abr", "2026"]),
            ("fr", ["21:41", "21:41:20", "7 avr.", "avr.", "2026"]),
            ("ja", ["21:41", "21:41:20", "4月7日", "4月", "2026年"]),
            ("pt-BR", ["21:41", "21:41:20", "7 de abr.", "abr.", "2026"]),
        ];
        for (language, forms) in want {
            let m = Messages::load(language, None, None).unwrap();
            let got = [
                Form::Time,
                Form::TimeSeconds,
                Form::DayMonth,
                Form::MonthShort,
                Form::Year,
            ]
            .map(|f| m.moment(f, &t));
            assert_eq!(got, forms, "{language}");
        }
        // A site's pattern with a weekday and the time of a day.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("en.ftl"),
            "time-of-day = %-I:%M %P\ndate-short = %A %e %B %H:%M:%S %z\n",
        )
        .unwrap();
        let m = Messages::load("en", Some(dir.path()), None).unwrap();
        assert_eq!(m.date_time(&t), "Apr 7, 2026, 9:41 pm CEST");
        assert_eq!(
            m.day_short(t.date_naive()),
            "Tuesday  7 April 00:00:00 +0000"
        );
    }

    /// A template writes what Fluent writes; a message that chooses on its value is
    /// formatted by Fluent at each use.
    #[test]
    fn templates_write_what_fluent_writes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("de.ftl"),
            "duration-minutes = { $n ->\n    [one] { $n } Minute\n   *[other] { $n } Minuten\n}\n\
             timeline-title = »{ $title }« { \"–\" } { $title }\n",
        )
        .unwrap();
        for m in [
            Messages::load("de", None, None).unwrap(),
            Messages::load("de", Some(dir.path()), None).unwrap(),
            Messages::load("ja", None, None).unwrap(),
        ] {
            for minutes in [0, 1, 2, 61, 1441, 100_000] {
                let d = TimeDelta::minutes(minutes);
                let parts: Vec<String> = [
                    (minutes / 1440, "duration-days"),
                    (minutes % 1440 / 60, "duration-hours"),
                    (minutes % 60, "duration-minutes"),
                ]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, id)| m.format(id, &[("n", FluentValue::from(*n as f64))]))
                .collect();
                let want = if minutes == 0 {
                    m.get("duration-zero").to_owned()
                } else {
                    parts.join(m.get("duration-separator"))
                };
                assert_eq!(m.duration(d), want, "{} {minutes}", m.language());
            }
            let template = m.template("timeline-title", &["title"]);
            let mut o = String::from("> ");
            m.fill(&mut o, &template, &[Arg::Text("A & B")]);
            let want = m.format("timeline-title", &[("title", FluentValue::from("A & B"))]);
            assert_eq!(o, format!("> {want}"));
        }
        let m = Messages::load("de", Some(dir.path()), None).unwrap();
        assert_eq!(m.duration(TimeDelta::minutes(61)), "1 Std. 1 Minute");
        assert_eq!(m.duration(TimeDelta::minutes(62)), "1 Std. 2 Minuten");
        let mut o = String::new();
        m.fill(
            &mut o,
            &m.template("timeline-title", &["title"]),
            &[Arg::Text("X")],
        );
        assert_eq!(o, "»X« – X");
        let ja = Messages::load("ja", None, None).unwrap();
        assert_eq!(ja.duration(TimeDelta::minutes(1501)), "1日1時間1分");
    }

    #[test]
    fn plurals_follow_the_language() {
        let m = Messages::english();
        let one = [("count".to_owned(), tera::Value::from(1))];
        let two = [("count".to_owned(), tera::Value::from(2))];
        assert_eq!(
            m.template_value("record-count", &one).unwrap().as_str(),
            Some("1 record")
        );
        assert_eq!(
            m.template_value("record-count", &two).unwrap().as_str(),
            Some("2 records")
        );
        assert_eq!(
            m.template_value("nope", &[]).unwrap_err(),
            "no message `nope` in the `en` catalogue"
        );
        let fr = Messages::load("fr", None, None).unwrap();
        assert_eq!(fr.percent(0.99910), "99,910\u{202f}%");
        assert_eq!(m.percent(0.99910), "99.910%");
        assert_eq!(m.join(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }

    #[test]
    fn days_are_counted_in_each_languages_plural() {
        let want: [(&str, [&str; 4]); 6] = [
            (
                "en",
                [
                    "1 day ago",
                    "Last 1 day",
                    "No incidents in the last 1 day.",
                    "API: 99.910% available over the last 1 day",
                ],
            ),
            (
                "de",
                [
                    "vor 1 Tag",
                    "Letzter Tag",
                    "Keine Störungen am letzten Tag.",
                    "API: 99,910\u{a0}% verfügbar am letzten Tag",
                ],
            ),
            (
                "es",
                [
                    "hace 1 día",
                    "Último día",
                    "No hubo incidentes en el último día.",
                    "API: 99,910\u{a0}% de disponibilidad en el último día",
                ],
            ),
            (
                "fr",
                [
                    "il y a 1 jour",
                    "Dernier jour",
                    "Aucun incident au cours du dernier jour.",
                    "API\u{a0}: 99,910\u{202f}% de disponibilité sur le dernier jour",
                ],
            ),
            (
                "ja",
                [
                    "1日前",
                    "過去1日間",
                    "過去1日間にインシデントはありません。",
                    "API: 過去1日間の稼働率 99.910%",
                ],
            ),
            (
                "pt-BR",
                [
                    "há 1 dia",
                    "Último dia",
                    "Nenhum incidente no último dia.",
                    "API: 99,910% de disponibilidade no último dia",
                ],
            ),
        ];
        let ninety: [(&str, [&str; 4]); 6] = [
            (
                "en",
                [
                    "90 days ago",
                    "Last 90 days",
                    "No incidents in the last 90 days.",
                    "API: 99.910% available over the last 90 days",
                ],
            ),
            (
                "de",
                [
                    "vor 90 Tagen",
                    "Letzte 90 Tage",
                    "Keine Störungen in den letzten 90 Tagen.",
                    "API: 99,910\u{a0}% verfügbar in den letzten 90 Tagen",
                ],
            ),
            (
                "es",
                [
                    "hace 90 días",
                    "Últimos 90 días",
                    "No hubo incidentes en los últimos 90 días.",
                    "API: 99,910\u{a0}% de disponibilidad en los últimos 90 días",
                ],
            ),
            (
                "fr",
                [
                    "il y a 90 jours",
                    "90 derniers jours",
                    "Aucun incident au cours des 90 derniers jours.",
                    "API\u{a0}: 99,910\u{202f}% de disponibilité sur les 90 derniers jours",
                ],
            ),
            (
                "ja",
                [
                    "90日前",
                    "過去90日間",
                    "過去90日間にインシデントはありません。",
                    "API: 過去90日間の稼働率 99.910%",
                ],
            ),
            (
                "pt-BR",
                [
                    "há 90 dias",
                    "Últimos 90 dias",
                    "Nenhum incidente nos últimos 90 dias.",
                    "API: 99,910% de disponibilidade nos últimos 90 dias",
                ],
            ),
        ];
        for (days, table) in [(1, want), (90, ninety)] {
            for (language, expected) in table {
                let m = Messages::load(language, None, None).unwrap();
                let d = [("days", FluentValue::from(days))];
                let label = [
                    ("component", FluentValue::from("API")),
                    ("availability", FluentValue::from(m.percent(0.9991))),
                    ("days", FluentValue::from(days)),
                ];
                let got = [
                    m.format("days-ago", &d),
                    m.format("last-days", &d),
                    m.format("no-recent-incidents", &d),
                    m.format("uptime-label", &label),
                ];
                assert_eq!(got, expected, "{language}, {days}");
                // The component page's sentence is the front page's.
                assert_eq!(m.format("no-incidents-days", &d), got[2], "{language}");
            }
        }
    }

    /// With no component known yet, each summary sentence leaves out what is affected.
    #[test]
    fn summary_sentences_without_components() {
        let want = [
            (
                "en",
                [
                    "Acme Cloud experienced an incident on December 1, 2026, lasting 2h.",
                    "Acme Cloud experienced a minor incident on December 1, 2026, still ongoing.",
                    "Acme Cloud performed scheduled maintenance on December 1, 2026, lasting 2h.",
                    "Acme Cloud is performing scheduled maintenance on December 1, 2026.",
                    "Acme Cloud has scheduled maintenance on December 1, 2026.",
                ],
            ),
            (
                "de",
                [
                    "Acme Cloud hatte am 1. Dezember 2026 eine Störung, die 2 Std. dauerte.",
                    "Acme Cloud hat seit dem 1. Dezember 2026 eine kleinere Störung, die noch andauert.",
                    "Acme Cloud hat am 1. Dezember 2026 eine geplante Wartung von 2 Std. durchgeführt.",
                    "Acme Cloud führt am 1. Dezember 2026 eine geplante Wartung durch.",
                    "Acme Cloud hat für den 1. Dezember 2026 eine Wartung geplant.",
                ],
            ),
            (
                "es",
                [
                    "Acme Cloud sufrió un incidente el 1 de diciembre de 2026, con una duración de 2 h.",
                    "Acme Cloud sufre desde el 1 de diciembre de 2026 un incidente menor, aún en curso.",
                    "Acme Cloud realizó un mantenimiento programado el 1 de diciembre de 2026, con una duración de 2 h.",
                    "Acme Cloud está realizando un mantenimiento programado el 1 de diciembre de 2026.",
                    "Acme Cloud tiene un mantenimiento programado el 1 de diciembre de 2026.",
                ],
            ),
            (
                "fr",
                [
                    "Acme Cloud a subi un incident le 1er décembre 2026, d’une durée de 2 h.",
                    "Acme Cloud subit depuis le 1er décembre 2026 un incident mineur, toujours en cours.",
                    "Acme Cloud a effectué une maintenance planifiée le 1er décembre 2026, d’une durée de 2 h.",
                    "Acme Cloud effectue une maintenance planifiée le 1er décembre 2026.",
                    "Acme Cloud a planifié une maintenance le 1er décembre 2026.",
                ],
            ),
            (
                "ja",
                [
                    "Acme Cloudでは2026年12月1日にインシデントが発生しました。継続時間は2時間でした。",
                    "Acme Cloudでは2026年12月1日に軽微なインシデントが発生し、現在も継続中です。",
                    "Acme Cloudは2026年12月1日に計画メンテナンスを実施しました。所要時間は2時間でした。",
                    "Acme Cloudは2026年12月1日に計画メンテナンスを実施中です。",
                    "Acme Cloudは2026年12月1日に計画メンテナンスを予定しています。",
                ],
            ),
            (
                "pt-BR",
                [
                    "Acme Cloud teve um incidente em 1º de dezembro de 2026, com duração de 2 h.",
                    "Acme Cloud tem desde 1º de dezembro de 2026 um incidente menor, ainda em andamento.",
                    "Acme Cloud realizou uma manutenção programada em 1º de dezembro de 2026, com duração de 2 h.",
                    "Acme Cloud está realizando uma manutenção programada em 1º de dezembro de 2026.",
                    "Acme Cloud tem uma manutenção programada em 1º de dezembro de 2026.",
                ],
            ),
        ];
        let t = DateTime::parse_from_rfc3339("2026-12-01T09:00:00+01:00").unwrap();
        for (language, expected) in want {
            let m = Messages::load(language, None, None).unwrap();
            let args = |severity: &str| {
                vec![
                    ("site", FluentValue::from("Acme Cloud")),
                    ("day", FluentValue::from(m.date_long(&t))),
                    ("components", FluentValue::from("")),
                    ("count", FluentValue::from(0)),
                    ("severity", FluentValue::from(severity.to_owned())),
                    (
                        "duration",
                        FluentValue::from(m.duration(TimeDelta::hours(2))),
                    ),
                ]
            };
            let got = [
                m.format("summary-incident", &args("none")),
                m.format("summary-incident-ongoing", &args("minor")),
                m.format("summary-maintenance", &args("none")),
                m.format("summary-maintenance-underway", &args("none")),
                m.format("summary-maintenance-scheduled", &args("none")),
            ];
            assert_eq!(got, expected, "{language}");
        }
        // With components, the affecting part is there.
        let m = Messages::english();
        let sentence = m.format(
            "summary-maintenance-scheduled",
            &[
                ("site", FluentValue::from("Acme Cloud")),
                ("day", FluentValue::from("December 5, 2026")),
                ("components", FluentValue::from("CDN")),
                ("count", FluentValue::from(1)),
            ],
        );
        assert_eq!(
            sentence,
            "Acme Cloud has scheduled maintenance on December 5, 2026 affecting CDN."
        );
    }

    /// Each language's dates in the forms a reader expects: unpadded where the language
    /// writes them so, the first of the month as French and Brazilian Portuguese write it.
    #[test]
    fn dates_on_the_first_and_fifth_of_december() {
        let tz = chrono_tz::Europe::Berlin;
        let first = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .with_timezone(&tz);
        let fifth = DateTime::parse_from_rfc3339("2026-12-05T02:00:00Z")
            .unwrap()
            .with_timezone(&tz);
        let want = [
            (
                "en",
                "December 1, 2026",
                "Dec 5, 2026, 3:00 AM CET",
                "Dec 1, 2026",
            ),
            (
                "de",
                "1. Dezember 2026",
                "05.12.2026, 03:00 CET",
                "1. Dez. 2026",
            ),
            (
                "es",
                "1 de diciembre de 2026",
                "5 dic 2026, 03:00 CET",
                "1 dic 2026",
            ),
            (
                "fr",
                "1er décembre 2026",
                "5 déc. 2026, 03:00 CET",
                "1 déc. 2026",
            ),
            (
                "ja",
                "2026年12月1日",
                "2026/12/05 03:00 CET",
                "2026年12月1日",
            ),
            (
                "pt-BR",
                "1º de dezembro de 2026",
                "05/12/2026, 03:00 CET",
                "1 de dez. de 2026",
            ),
        ];
        for (language, long, time, short) in want {
            let m = Messages::load(language, None, None).unwrap();
            assert_eq!(
                (
                    m.date_long(&first).as_str(),
                    m.date_time(&fifth).as_str(),
                    m.day_short(first.date_naive()).as_str()
                ),
                (long, time, short),
                "{language}"
            );
        }
        let want = [
            ("en", "December 5, 2026"),
            ("de", "5. Dezember 2026"),
            ("es", "5 de diciembre de 2026"),
            ("fr", "5 décembre 2026"),
            ("ja", "2026年12月5日"),
            ("pt-BR", "5 de dezembro de 2026"),
        ];
        for (language, long) in want {
            let m = Messages::load(language, None, None).unwrap();
            assert_eq!(m.date_long(&fifth), long, "{language}");
        }
        // May is not abbreviated in German, nor given a full stop.
        let de = Messages::load("de", None, None).unwrap();
        let may = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(de.day_short(may), "1. Mai 2026");
        let sept = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        assert_eq!(de.day_short(sept), "30. Sept. 2026");
        // French abbreviates April as CLDR does, where glibc writes it in full.
        let fr = Messages::load("fr", None, None).unwrap();
        let april = NaiveDate::from_ymd_opt(2026, 4, 7).unwrap();
        assert_eq!(fr.day_short(april), "7 avr. 2026");
    }

    #[test]
    fn a_sites_catalogue_overrides_and_a_bad_one_is_located() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("de.ftl"), "today = Jetzt\n").unwrap();
        let m = Messages::load("de", Some(dir.path()), None).unwrap();
        assert_eq!(m.get("today"), "Jetzt");
        assert_eq!(m.get("history"), "Verlauf");

        std::fs::write(dir.path().join("ar.ftl"), "today = اليوم\n").unwrap();
        let m = Messages::load("ar", Some(dir.path()), None).unwrap();
        assert_eq!(m.direction(), "rtl");
        assert_eq!(m.get("today"), "اليوم");
        assert_eq!(m.get("history"), "History");
        let t = DateTime::parse_from_rfc3339("2026-04-07T14:05:00Z").unwrap();
        assert_eq!(m.month_name(&t), "أبريل");

        std::fs::write(dir.path().join("he.ftl"), "today = היום\ndirection = ltr\n").unwrap();
        let m = Messages::load("he", Some(dir.path()), None).unwrap();
        assert_eq!(m.direction(), "ltr");

        let bad = dir.path().join("es.ftl");
        std::fs::write(&bad, "today = Hoy\nhistory = { $x\n").unwrap();
        let e = Messages::load("es", Some(dir.path()), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:3:1: Expected a token starting with \"}}\"",
                bad.display()
            )
        );
        std::fs::write(&bad, "date-long = %Q\n").unwrap();
        let e = Messages::load("es", Some(dir.path()), None).unwrap_err();
        assert!(
            e.to_string().starts_with(&format!(
                "{}: message `date-long`: `%Q` is not a date pattern",
                bad.display()
            )),
            "{e}"
        );
        assert_eq!(
            available(Some(dir.path())),
            ["ar", "de", "en", "es", "fr", "he", "ja", "pt-BR"]
        );
    }

    /// The variables a message uses (`{ $name }`, selectors included).
    fn variables(pattern: &ast::Pattern<&str>, out: &mut std::collections::BTreeSet<String>) {
        fn inline(e: &ast::InlineExpression<&str>, out: &mut std::collections::BTreeSet<String>) {
            match e {
                ast::InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_owned());
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        fn expr(e: &ast::Expression<&str>, out: &mut std::collections::BTreeSet<String>) {
            match e {
                ast::Expression::Inline(i) => inline(i, out),
                ast::Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        variables(&v.value, out);
                    }
                }
            }
        }
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expr(expression, out);
            }
        }
    }

    /// Each message of a catalogue with the variables it uses.
    fn messages_of(source: &str) -> Vec<(String, std::collections::BTreeSet<String>)> {
        let resource = FluentResource::try_new(source.to_owned()).expect("parses");
        resource
            .entries()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => {
                    let mut vars = std::collections::BTreeSet::new();
                    if let Some(p) = &m.value {
                        variables(p, &mut vars);
                    }
                    Some((m.id.name.to_owned(), vars))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_builtin_catalogue_has_exactly_the_english_messages() {
        let english = messages_of(LOCALES[0].1);
        let english_ids: Vec<&str> = english.iter().map(|(id, _)| id.as_str()).collect();
        let mut sorted = english_ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), english_ids.len(), "an id twice in en.ftl");
        let mut problems = Vec::new();
        for (language, source) in LOCALES {
            let theirs = messages_of(source);
            let ids: Vec<&str> = theirs.iter().map(|(id, _)| id.as_str()).collect();
            for id in &english_ids {
                if !ids.contains(id) {
                    problems.push(format!("locales/{language}.ftl: missing `{id}`"));
                }
            }
            for (id, vars) in &theirs {
                match english.iter().find(|(e, _)| e == id) {
                    None => problems.push(format!("locales/{language}.ftl: extra `{id}`")),
                    Some((_, english_vars)) if !vars.is_subset(english_vars) => problems.push(
                        format!(
                            "locales/{language}.ftl: `{id}` uses {vars:?}; English gives only {english_vars:?}"
                        ),
                    ),
                    Some(_) => {}
                }
            }
            if ids.len()
                != theirs
                    .iter()
                    .map(|(i, _)| i)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
            {
                problems.push(format!("locales/{language}.ftl: an id twice"));
            }
            // Every message formats without an error, given what English gives it.
            let m = Messages::load(language, None, None).unwrap();
            for (id, vars) in &english {
                let args: Vec<(&str, FluentValue<'_>)> = vars
                    .iter()
                    .map(|v| (v.as_str(), FluentValue::from(2.0)))
                    .collect();
                let pattern = m.bundle.get_message(id).and_then(|x| x.value()).unwrap();
                let mut fluent_args = FluentArgs::new();
                for (k, v) in args {
                    fluent_args.set(k, v);
                }
                let mut errors = Vec::new();
                let text = m
                    .bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors);
                // Only the space between durations and between the chart's sentences, the
                // word before a range and the short months (the C library's) may be nothing.
                let may_be_empty = [
                    "duration-separator",
                    "timeline-desc-separator",
                    "time-from",
                    "months-short",
                ]
                .contains(&id.as_str());
                if !errors.is_empty() || text.trim().is_empty() && !may_be_empty {
                    problems.push(format!(
                        "locales/{language}.ftl: `{id}`: {errors:?} {text:?}"
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Where `text` (the template `name`) shows words that are not a message: letters
    /// outside `{{ }}`, `{% %}` and `{# #}`, in the text between HTML tags or in an
    /// attribute people read (`alt`, `title`, `aria-label`, `placeholder`, a description's
    /// `content`). Each as `templates/<name>:<line>: `<text>``.
    pub(crate) fn english_literals(name: &str, text: &str) -> Vec<String> {
        // Blank out every template construct, keeping lines and offsets.
        let mut masked: Vec<u8> = text.as_bytes().to_vec();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            let close = match &bytes[i..i + 2] {
                b"{{" => Some("}}"),
                b"{%" => Some("%}"),
                b"{#" => Some("#}"),
                _ => None,
            };
            if let Some(close) = close {
                let end = text[i + 2..]
                    .find(close)
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                for b in &mut masked[i..end] {
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
                i = end;
            } else {
                i += 1;
            }
        }
        let masked = String::from_utf8_lossy(&masked).into_owned();
        let line_of = |at: usize| text[..at].matches('\n').count() + 1;
        let mut found = Vec::new();
        let mut report = |at: usize, words: &str| {
            let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
            found.push(format!("templates/{name}:{}: `{words}`", line_of(at)));
        };
        let has_letters = |s: &str| s.chars().any(char::is_alphabetic);
        let html = name.ends_with(".html") || name.ends_with(".xml");
        let mut at = 0;
        while at < masked.len() {
            let rest = &masked[at..];
            if html && rest.starts_with('<') {
                let end = rest.find('>').map_or(masked.len(), |e| at + e + 1);
                let tag = &masked[at..end];
                let is_description = tag.contains("name=\"description\"");
                let mut search = 0;
                while let Some(eq) = tag[search..].find("=\"") {
                    let eq = search + eq;
                    let attr: String = tag[..eq]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let value_start = eq + 2;
                    let value_end = tag[value_start..]
                        .find('"')
                        .map_or(tag.len(), |e| value_start + e);
                    let value = &tag[value_start..value_end];
                    let read = matches!(
                        attr.as_str(),
                        "alt" | "title" | "aria-label" | "placeholder"
                    ) || (attr == "content" && is_description);
                    if read && has_letters(value) {
                        report(at + value_start, value);
                    }
                    search = value_end.min(tag.len());
                    if search >= tag.len() {
                        break;
                    }
                    search += 1;
                }
                at = end;
            } else {
                let end = if html {
                    rest.find('<').map_or(masked.len(), |e| at + e)
                } else {
                    rest.find('\n').map_or(masked.len(), |e| at + e + 1)
                };
                let piece = &masked[at..end];
                if has_letters(piece) {
                    let first = piece.find(|c: char| !c.is_whitespace()).unwrap_or(0);
                    report(at + first, piece);
                }
                at = end;
            }
        }
        found
    }

    #[test]
    fn no_template_shows_words_that_are_not_in_the_catalogue() {
        let mut problems = Vec::new();
        // The reliability report is for the team, in English like `stats` and `check`
        // (docs/guide.md, "Languages"); every page of the site speaks the site's language.
        for (name, text) in crate::render::TEMPLATES {
            if *name == "report.html" {
                continue;
            }
            problems.extend(english_literals(name, text));
        }
        assert!(
            problems.is_empty(),
            "English text in templates; put it in locales/en.ftl (and every other catalogue) \
             and write {{{{ t(id=\"…\") }}}} in its place:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn every_message_a_template_asks_for_is_in_the_catalogue() {
        let m = Messages::english();
        let mut missing = Vec::new();
        for (name, text) in crate::render::TEMPLATES {
            for (n, line) in text.lines().enumerate() {
                for piece in line.split("t(id=\"").skip(1) {
                    let id = piece.split('"').next().unwrap_or_default();
                    if !m.has(id) {
                        missing.push(format!("templates/{name}:{}: `{id}`", n + 1));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn every_message_without_values_in_a_template_is_written_in_once() {
        // What is left for `t()` at render time: only messages given values.
        let m = Messages::english();
        let mut called = Vec::new();
        for (name, text) in crate::render::TEMPLATES {
            for (n, line) in m.inline_plain(text).lines().enumerate() {
                for piece in line.split("t(id=").skip(1) {
                    let call = piece.split(')').next().unwrap_or_default();
                    if !call.contains(',') {
                        called.push(format!("templates/{name}:{}: t(id={call})", n + 1));
                    }
                }
            }
        }
        assert!(called.is_empty(), "{}", called.join("\n"));
    }

    #[test]
    fn messages_without_values_are_written_into_the_templates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("en.ftl"),
            "today = Say \"now\" \\ <b>&\n    on two lines\n",
        )
        .unwrap();
        let m = Arc::new(Messages::load("en", Some(dir.path()), None).unwrap());
        let source = "<h1>{{ t(id=\"history\") }}</h1>{{t(id='history' )|upper}}\n\
                      {% set x = t(id=\"today\") %}{{ t(id=\"days-ago\", days=3) }}\n\
                      {{ t(id=\"nope\") }}{{ at(id=\"history\") }}{# t(id=\"history\") #}\n\
                      t(id=\"history\") {% raw %}{{ t(id=\"history\") }}{% endraw %}\
                      {{ t(id=\"history\") }}{{ t(id=\"history\"";
        assert_eq!(
            m.inline_plain(source),
            "<h1>{{ \"History\" }}</h1>{{\"History\"|upper}}\n\
             {% set x = \"Say \\\"now\\\" \\\\ <b>&\\non two lines\" %}\
             {{ t(id=\"days-ago\", days=3) }}\n\
             {{ t(id=\"nope\") }}{{ at(id=\"history\") }}{# t(id=\"history\") #}\n\
             t(id=\"history\") {% raw %}{{ t(id=\"history\") }}{% endraw %}\
             {{ \"History\" }}{{ t(id=\"history\""
        );
        // The literal is the same value as the call, escaped the same, and lines stay.
        let mut tera = tera::Tera::new();
        let for_t = m.clone();
        tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| {
            let id: &str = kwargs.must_get("id")?;
            for_t
                .template_message(id, &kwargs)
                .map_err(tera::Error::message)
        });
        tera.autoescape_on([".html"]);
        let page = "<p>{{ t(id=\"today\") }}</p>\n<p title=\"{{ t(id='today') }}\">{{ t(id=\"record-count\", count=2) }}</p>";
        tera.add_raw_template("called.html", page).unwrap();
        tera.add_raw_template("inlined.html", &m.inline_plain(page))
            .unwrap();
        let context = tera::Context::new();
        let called = tera.render("called.html", &context).unwrap();
        assert_eq!(
            called,
            "<p>Say &quot;now&quot; \\ &lt;b&gt;&amp;\non two lines</p>\n\
             <p title=\"Say &quot;now&quot; \\ &lt;b&gt;&amp;\non two lines\">2 records</p>"
        );
        assert_eq!(tera.render("inlined.html", &context).unwrap(), called);
    }

    #[test]
    fn messages_given_only_the_sites_name_and_zone_are_written_in_once() {
        let mut m = Messages::load("de", None, None).unwrap();
        m.site = Some(("A \"&\" B".to_owned(), "Europe/Berlin".to_owned()));
        let source = "<title>{{ t(id=\"site-title\", site=site.name) }}</title>\n\
                      <p>{{ t(id='footer' , timezone = site.timezone, site=site.name ) }}</p>\n\
                      {{ t(id=\"site-title\", site=site.name | upper) }}\
                      {{ t(id=\"site-title\", site=page.name) }}\
                      {{ t(id=\"component-feed-title\", component=component.name, site=site.name) }}\
                      {{ t(id=\"nope\", site=site.name) }}";
        assert_eq!(
            m.inline_plain(source),
            "<title>{{ \"A \\\"&\\\" B Status\" }}</title>\n\
             <p>{{ \"A \\\"&\\\" B · Zeiten in Europe/Berlin\" }}</p>\n\
             {{ t(id=\"site-title\", site=site.name | upper) }}\
             {{ t(id=\"site-title\", site=page.name) }}\
             {{ t(id=\"component-feed-title\", component=component.name, site=site.name) }}\
             {{ t(id=\"nope\", site=site.name) }}"
        );
        // Without the site's values (`Messages::load`), such a call stays a call.
        m.site = None;
        assert_eq!(m.inline_plain(source), source);
    }

    #[test]
    fn the_scan_names_the_file_and_line_of_each_english_text() {
        let html = "<h1>{{ t(id=\"x\") }}</h1>\n<p>{{ a }} to {{ b }}</p>\n\
                    <img alt=\"Logo\" src=\"x.png\"><img alt=\"{{ t(id='y') }}\">\n\
                    {# a comment #}<span>·</span><b>{% if x %}Maintenance{% endif %}</b>\n\
                    <meta name=\"description\" content=\"Status of {{ x }}\">\
                    <meta name=\"color-scheme\" content=\"light dark\">";
        assert_eq!(
            english_literals("page.html", html),
            [
                "templates/page.html:2: `to`",
                "templates/page.html:3: `Logo`",
                "templates/page.html:4: `Maintenance`",
                "templates/page.html:5: `Status of`",
            ]
        );
        assert_eq!(
            english_literals(
                "page.md",
                "## {{ t(id=\"a\") }}\n\n| Figure | {{ b }} |\n|---|---|\n"
            ),
            ["templates/page.md:3: `| Figure | |`"]
        );
    }
}
