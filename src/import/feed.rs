//! Reading RSS 2.0 and Atom 1.0 into plain items, with quick-xml, refusing what could blow
//! up: DTD entity declarations (entity expansion attacks) and unknown entities.

use chrono::{DateTime, FixedOffset};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::ImportError;

/// One `<item>` or `<entry>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    /// `line:column` of the item in the document.
    pub at: String,
    pub title: String,
    pub link: String,
    pub id: String,
    pub date: Option<DateTime<FixedOffset>>,
    /// The text of the date element, as found (for messages).
    pub date_text: String,
    /// Why the date was not taken as it is, when it was not (a weekday that does not match).
    pub date_note: Option<String>,
    /// Atom's `<updated>`, when the entry has one.
    pub updated: Option<DateTime<FixedOffset>>,
    /// The body as found: HTML when `html` is true, else plain text (often Markdown).
    pub body: String,
    pub html: bool,
    /// `<source:markdown>` (this tool's own feeds): the update's Markdown exactly.
    pub markdown: Option<String>,
    /// `<category domain="status">` (RSS) or `<category term>` (Atom) values.
    pub status: Option<String>,
}

/// A whole feed: its link and items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    pub link: String,
    pub items: Vec<Item>,
}

/// Line and column of a byte offset, for errors.
fn place(text: &str, offset: u64) -> String {
    let mut offset = (offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{col}")
}

/// An RSS description without the summary sentence this tool's own feeds open it with
/// (`formats::feed`): the record's words, not the update's.
fn without_summary(description: String) -> String {
    let open = format!("<p class=\"{}\">", crate::formats::feed::SUMMARY_CLASS);
    match description
        .strip_prefix(&open)
        .and_then(|rest| rest.split_once("</p>"))
    {
        Some((_, rest)) => rest.strip_prefix('\n').unwrap_or(rest).to_owned(),
        None => description,
    }
}

fn name_of(e: &BytesStart<'_>) -> String {
    let name: &str = e.local_name().into_inner();
    name.to_ascii_lowercase()
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let k: &str = a.key.local_name().into_inner();
        (k == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .ok()
        })?
    })
}

fn entity(name: &str) -> Option<String> {
    Some(
        match name {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            "apos" => "'",
            _ => return None,
        }
        .to_owned(),
    )
}

fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    DateTime::parse_from_rfc2822(s)
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .or_else(|_| DateTime::parse_from_rfc2822(&s.replace("-0000", "+0000")))
        .ok()
}

/// A date whose only fault is its weekday (`Mon, 07 Apr 2026 …`, a Tuesday): the date
/// without it, and what to tell the user.
fn date_without_weekday(s: &str) -> Option<(DateTime<FixedOffset>, String)> {
    let (weekday, rest) = s.trim().split_once(',')?;
    let date = parse_date(rest)?;
    let note = format!(
        "the date `{}` names the wrong weekday ({} is a {}): the date is kept",
        s.trim(),
        date.format("%Y-%m-%d"),
        date.format("%A")
    );
    (weekday.trim().len() >= 3).then_some((date, note))
}

/// Parses an RSS 2.0 or Atom 1.0 document.
pub fn parse(text: &str) -> Result<Feed, ImportError> {
    let mut reader = Reader::from_str(text);
    let mut feed = Feed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut buf = String::new();
    let mut atom = false;
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|source| ImportError::Xml {
            at: place(text, at),
            source,
        })?;
        match event {
            Event::DocType(d) => {
                let d: &str = d.as_ref();
                if d.contains("<!ENTITY") || d.contains('[') {
                    return Err(ImportError::Dtd {
                        at: place(text, at),
                    });
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_start = matches!(event, Event::Start(_));
                let name = name_of(e);
                if !root_seen {
                    root_seen = true;
                    match name.as_str() {
                        "rss" | "rdf" => {}
                        "feed" => atom = true,
                        "html" => return Err(ImportError::Html),
                        other => {
                            return Err(ImportError::NotFeed {
                                at: place(text, at),
                                root: other.to_owned(),
                            });
                        }
                    }
                }
                match name.as_str() {
                    "item" | "entry" => {
                        item = Some(Item {
                            at: place(text, at),
                            ..Item::default()
                        })
                    }
                    "link" if atom => {
                        let rel = attr(e, "rel").unwrap_or_else(|| "alternate".into());
                        if rel == "alternate" {
                            let href = attr(e, "href").unwrap_or_default();
                            match &mut item {
                                Some(i) if i.link.is_empty() => i.link = href,
                                None if feed.link.is_empty() => feed.link = href,
                                _ => {}
                            }
                        }
                    }
                    "category" => {
                        if let Some(i) = &mut item {
                            if atom {
                                if let Some(term) = attr(e, "term") {
                                    i.status.get_or_insert(term);
                                }
                            } else if attr(e, "domain").as_deref() == Some("status") {
                                i.status = Some(String::new());
                            }
                        }
                    }
                    "content" | "summary" if atom => {
                        if let Some(i) = &mut item {
                            i.html =
                                matches!(attr(e, "type").as_deref(), Some("html") | Some("xhtml"));
                        }
                    }
                    _ => {}
                }
                buf.clear();
                if is_start {
                    stack.push(name);
                }
            }
            Event::Text(t) => {
                let t: &str = t.as_ref();
                buf.push_str(t);
            }
            Event::CData(c) => {
                let c: &str = c.as_ref();
                buf.push_str(c);
            }
            Event::GeneralRef(r) => {
                let name: &str = r.as_ref();
                match entity(name) {
                    Some(s) => buf.push_str(&s),
                    None => match r.resolve_char_ref() {
                        Ok(Some(c)) => buf.push(c),
                        _ => {
                            return Err(ImportError::Entity {
                                at: place(text, at),
                                name: name.to_owned(),
                            });
                        }
                    },
                }
            }
            Event::End(e) => {
                let name: &str = e.local_name().into_inner();
                let name = name.to_ascii_lowercase();
                stack.pop();
                let parent = stack.last().map(String::as_str);
                let value = std::mem::take(&mut buf);
                match (&mut item, name.as_str()) {
                    (Some(_), "item" | "entry") => {
                        if let Some(i) = item.take() {
                            feed.items.push(i);
                        }
                    }
                    (Some(i), field) if matches!(parent, Some("item" | "entry")) => match field {
                        "title" => i.title = value.trim().to_owned(),
                        "link" if !atom => i.link = value.trim().to_owned(),
                        "guid" | "id" => i.id = value.trim().to_owned(),
                        "pubdate" | "published" | "date" => {
                            i.date_text = value.trim().to_owned();
                            match parse_date(&value) {
                                Some(d) => i.date = Some(d),
                                None => {
                                    if let Some((d, note)) = date_without_weekday(&value) {
                                        i.date = Some(d);
                                        i.date_note = Some(note);
                                    }
                                }
                            }
                        }
                        "updated" => {
                            i.updated = parse_date(&value);
                            if i.date.is_none() {
                                i.date = i.updated;
                            }
                        }
                        "markdown" => i.markdown = Some(value),
                        "description" => {
                            i.body = without_summary(value);
                            // AWS Health escapes its HTML once more inside CDATA.
                            if !looks_like_html(&i.body) {
                                let unescaped = unescape_once(&i.body);
                                if looks_like_html(&unescaped) {
                                    i.body = unescaped;
                                }
                            }
                            i.html = looks_like_html(&i.body);
                        }
                        // RSS's `content:encoded` is HTML by definition.
                        "encoded" if !atom => {
                            i.body = value;
                            i.html = true;
                        }
                        "encoded" | "content" => i.body = value,
                        "summary" if i.body.is_empty() => i.body = value,
                        "category" if i.status.as_deref() == Some("") => {
                            i.status = Some(value.trim().to_owned())
                        }
                        _ => {}
                    },
                    (None, "link")
                        if !atom && parent == Some("channel") && feed.link.is_empty() =>
                    {
                        feed.link = value.trim().to_owned()
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(ImportError::NoElement);
    }
    if feed.items.is_empty() {
        return Err(ImportError::NoItems);
    }
    Ok(feed)
}

/// `&lt;br&gt;` as `<br>`: the five XML entities decoded once (`&amp;` last).
fn unescape_once(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Whether a description is HTML (escaped or CDATA) rather than plain text.
pub fn looks_like_html(s: &str) -> bool {
    [
        "<p>", "<p ", "<br", "<strong>", "<div", "<ul>", "<ol>", "<h1", "<h2", "<h3", "<a href",
        "<em>", "<section",
    ]
    .iter()
    .any(|t| s.contains(t))
}
