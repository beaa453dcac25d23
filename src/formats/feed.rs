//! RSS 2.0 and Atom 1.0, written with quick-xml so that any text — `]]>`, `&`, emoji,
//! right-to-left text, control characters XML 1.0 forbids — still yields a well-formed feed.

use std::borrow::Cow;
use std::io;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use sha2::{Digest, Sha256};

use crate::model::{Public, UpdateStatus};

use crate::render::view::{SiteView, status_word};
use crate::render::{RecordView, Renderer, TemplateError};
use fluent_bundle::FluentValue;

/// The Source namespace (http://source.scripting.com/), whose `<source:markdown>` carries
/// an item's Markdown beside its HTML.
pub const SOURCE_NS: &str = "http://source.scripting.com/";

/// The class of the paragraph that opens an RSS item's description with the record's
/// summary sentence (`import` leaves it out: it is not the update's text).
pub const SUMMARY_CLASS: &str = "record-summary";

/// One feed entry: an update of a record, or a postmortem published without an update.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub record_id: String,
    pub title: String,
    pub link: String,
    pub at: DateTime<FixedOffset>,
    pub status: UpdateStatus,
    /// The record's affected components: a `<category>` each, so a reader can filter.
    pub components: Vec<String>,
    /// The entry's body as HTML (sanitised).
    pub html: String,
    /// The record's summary sentence in the site's language (Atom's `<summary>`, the first
    /// paragraph of RSS's `<description>`).
    pub summary: String,
    /// The update's body as written in the record (Markdown), so that `import` gets it back
    /// exactly: `<source:markdown>` of the Source namespace (http://source.scripting.com/).
    pub markdown: String,
    /// `{link}#{sha256 hex of id, time and status}`: the same entry always has the same guid.
    pub guid: String,
}

/// The stable guid of an entry.
pub fn guid(link: &str, id: &str, at: &DateTime<FixedOffset>, status: UpdateStatus) -> String {
    let key = format!(
        "{id}\n{}\n{}",
        at.to_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true),
        status.as_str()
    );
    let digest = Sha256::digest(key.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(link.len() + 65);
    out.push_str(link);
    out.push('#');
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// The moment and status of every entry [`entries`] makes of a record: cheap, for choosing
/// the newest entries of a whole site before rendering any.
pub fn entry_keys(record: &Public<'_>) -> Vec<(DateTime<FixedOffset>, UpdateStatus)> {
    let mut keys: Vec<_> = record.updates.iter().map(|u| (u.at, u.status)).collect();
    if let Some(pm) = &record.postmortem
        && !record
            .updates
            .iter()
            .any(|u| u.status == UpdateStatus::Postmortem)
        && let Some(at) = pm.published_at
    {
        keys.push((at, UpdateStatus::Postmortem));
    }
    keys
}

/// The entries of one record, oldest first.
pub fn entries(
    renderer: &Renderer,
    site: &SiteView,
    record: &Public<'_>,
    view: &RecordView,
) -> Result<Vec<Entry>, TemplateError> {
    let postmortem_html = match &view.postmortem {
        Some(_) => Some(renderer.postmortem_fragment(site, view)?),
        None => None,
    };
    let entry =
        |at: DateTime<FixedOffset>, status: UpdateStatus, html: String, markdown: &str| Entry {
            record_id: record.id.clone(),
            title: record.title.clone(),
            link: view.link.clone(),
            guid: guid(&view.link, &record.id, &at, status),
            at,
            status,
            components: record.components.clone(),
            html: absolute_links(&html, &view.link).into_owned(),
            summary: view.summary_sentence.clone(),
            markdown: markdown.to_owned(),
        };
    let mut out = Vec::with_capacity(record.updates.len() + 1);
    for (u, uv) in record.updates.iter().zip(&view.updates) {
        let body = uv.body.as_ref().map(|b| b.html.clone()).unwrap_or_default();
        let html = match (&postmortem_html, u.status) {
            (Some(pm), UpdateStatus::Postmortem) if body.is_empty() => pm.clone(),
            (Some(pm), UpdateStatus::Postmortem) => format!("{body}\n{pm}"),
            _ => body,
        };
        out.push(entry(u.at, u.status, html, &u.body));
    }
    let has_postmortem_update = record
        .updates
        .iter()
        .any(|u| u.status == UpdateStatus::Postmortem);
    if let (Some(pm), Some(html), false) =
        (&record.postmortem, postmortem_html, has_postmortem_update)
        && view.postmortem.is_some()
        && let Some(at) = pm.published_at
    {
        out.push(entry(at, UpdateStatus::Postmortem, html, ""));
    }
    Ok(out)
}

/// `html` (sanitised HTML, as the renderer writes it: every attribute value in double quotes,
/// every `<` of text escaped) with relative `href` and `src` values made absolute against
/// `base`, the record's page: a feed reader resolves them against the feed, not the page.
pub fn absolute_links<'a>(html: &'a str, base: &str) -> Cow<'a, str> {
    let Ok(base) = url::Url::parse(base) else {
        return Cow::Borrowed(html);
    };
    if !html.contains("href=\"") && !html.contains("src=\"") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        // The tag runs to the first `>` outside a quoted value.
        let mut quoted = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(rest.len(), |(i, _)| i + 1);
        out.push_str(&absolute_in_tag(&rest[..end], &base));
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One tag with its relative `href="…"` and `src="…"` values resolved against `base`.
fn absolute_in_tag(tag: &str, base: &url::Url) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    loop {
        let next = [" href=\"", " src=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
            .min();
        let Some((at, len)) = next else { break };
        let value_start = at + len;
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_start + value_len];
        let raw = value.replace("&amp;", "&").replace("&quot;", "\"");
        let relative = url::Url::parse(&raw).is_err();
        match base.join(&raw) {
            Ok(joined) if relative => {
                out.push_str(&joined.as_str().replace('&', "&amp;").replace('"', "&quot;"));
            }
            _ => out.push_str(value),
        }
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

/// The feeds' order of two entries given as (instant, record id, guid): newest first, ties
/// by record id, then guid, so that the order never varies.
pub fn order(
    a: (&DateTime<FixedOffset>, &str, &str),
    b: (&DateTime<FixedOffset>, &str, &str),
) -> std::cmp::Ordering {
    b.0.cmp(a.0)
        .then_with(|| a.1.cmp(b.1))
        .then_with(|| a.2.cmp(b.2))
}

/// The entries in the feeds' [`order`], at most `limit`.
pub fn newest_first(mut entries: Vec<Entry>, limit: usize) -> Vec<Entry> {
    entries.sort_by(|a, b| {
        order(
            (&a.at, &a.record_id, &a.guid),
            (&b.at, &b.record_id, &b.guid),
        )
    });
    entries.truncate(limit);
    entries
}

/// Drops the characters XML 1.0 cannot carry (see [`crate::render::printable`]).
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    crate::render::printable(s)
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

fn rfc2822(t: &DateTime<FixedOffset>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn finish(w: Writer<Vec<u8>>) -> String {
    let mut s = String::from_utf8(w.into_inner()).unwrap_or_default();
    s.push('\n');
    s
}

/// What a feed is about: the whole site, or one component of it.
#[derive(Clone, Debug)]
pub struct Channel<'a> {
    pub title: String,
    pub description: String,
    /// The page the feed follows: the site, or the component's page.
    pub link: String,
    /// The folder the feed files are published in (`feed.rss`, `feed.atom`).
    pub base: String,
    pub site: &'a SiteView,
}

impl<'a> Channel<'a> {
    /// The feeds of the whole site.
    pub fn site(site: &'a SiteView) -> Channel<'a> {
        let m = &site.messages;
        let name = || [("site", FluentValue::from(site.name.as_str()))];
        Channel {
            title: m.format("feed-title", &name()),
            description: m.format("feed-description", &name()),
            link: site.url.clone(),
            base: site.url.clone(),
            site,
        }
    }

    /// The feeds of one component, published in `{url}{folder}` (`components/web-app/`).
    pub fn component(site: &'a SiteView, name: &str, folder: &str) -> Channel<'a> {
        let link = format!("{}{folder}", site.url);
        let m = &site.messages;
        let names = || {
            [
                ("component", FluentValue::from(name)),
                ("site", FluentValue::from(site.name.as_str())),
            ]
        };
        Channel {
            title: m.format("component-feed-title", &names()),
            description: m.format("component-feed-description", &names()),
            base: link.clone(),
            link,
            site,
        }
    }
}

/// An RSS item's description: the record's summary sentence as a paragraph of its own
/// (RSS has no summary element; readers show the description), then the entry's HTML.
fn rss_description(e: &Entry) -> Cow<'_, str> {
    if e.summary.is_empty() {
        return Cow::Borrowed(&e.html);
    }
    let mut out = String::with_capacity(e.summary.len() + e.html.len() + 40);
    out.push_str("<p class=\"");
    out.push_str(SUMMARY_CLASS);
    out.push_str("\">");
    for c in e.summary.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out.push_str("</p>");
    if !e.html.is_empty() {
        out.push('\n');
        out.push_str(&e.html);
    }
    Cow::Owned(out)
}

/// The RSS 2.0 feed, shaped like the status-page feeds it replaces.
pub fn rss(site: &SiteView, logo_url: Option<&str>, entries: &[Entry]) -> String {
    rss_of(&Channel::site(site), logo_url, entries)
}

/// The Atom 1.0 feed: the same entries.
pub fn atom(site: &SiteView, logo_url: Option<&str>, entries: &[Entry]) -> String {
    atom_of(&Channel::site(site), logo_url, entries)
}

/// The RSS 2.0 feed of `channel`.
pub fn rss_of(channel: &Channel<'_>, logo_url: Option<&str>, entries: &[Entry]) -> String {
    let site = channel.site;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let result: io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("rss")
            .with_attribute(("version", "2.0"))
            .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
            .with_attribute(("xmlns:source", SOURCE_NS))
            .write_inner_content(|w| {
                w.create_element("channel").write_inner_content(|w| {
                    let title = &channel.title;
                    text(w, "title", title)?;
                    text(w, "link", &channel.link)?;
                    text(w, "description", &channel.description)?;
                    text(w, "language", &site.language)?;
                    w.create_element("atom:link")
                        .with_attribute((
                            "href",
                            xml_safe(&format!("{}feed.rss", channel.base)).as_ref(),
                        ))
                        .with_attribute(("rel", "self"))
                        .with_attribute(("type", "application/rss+xml"))
                        .write_empty()?;
                    if let Some(newest) = entries.first() {
                        text(w, "lastBuildDate", &rfc2822(&newest.at))?;
                    }
                    if let Some(logo) = logo_url {
                        w.create_element("image").write_inner_content(|w| {
                            text(w, "url", logo)?;
                            text(w, "title", title)?;
                            text(w, "link", &channel.link)
                        })?;
                    }
                    for e in entries {
                        w.create_element("item").write_inner_content(|w| {
                            text(w, "title", &e.title)?;
                            text(w, "link", &e.link)?;
                            text(w, "description", &rss_description(e))?;
                            if !e.markdown.is_empty() {
                                text(w, "source:markdown", &e.markdown)?;
                            }
                            text(w, "pubDate", &rfc2822(&e.at))?;
                            w.create_element("guid")
                                .with_attribute(("isPermaLink", "false"))
                                .write_text_content(BytesText::new(&xml_safe(&e.guid)))?;
                            w.create_element("category")
                                .with_attribute(("domain", "status"))
                                .write_text_content(BytesText::new(e.status.as_str()))?;
                            for c in &e.components {
                                w.create_element("category")
                                    .with_attribute(("domain", "component"))
                                    .write_text_content(BytesText::new(&xml_safe(c)))?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })();
    // Writing into a Vec cannot fail.
    debug_assert!(result.is_ok());
    finish(w)
}

/// The Atom 1.0 feed of `channel`.
pub fn atom_of(channel: &Channel<'_>, logo_url: Option<&str>, entries: &[Entry]) -> String {
    let site = channel.site;
    let scheme = format!("{}components/", site.url);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let result: io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("feed")
            .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
            .with_attribute(("xmlns:source", SOURCE_NS))
            .with_attribute(("xml:lang", xml_safe(&site.language).as_ref()))
            .write_inner_content(|w| {
                text(w, "title", &channel.title)?;
                text(w, "subtitle", &channel.description)?;
                text(w, "id", &channel.link)?;
                w.create_element("link")
                    .with_attribute(("rel", "alternate"))
                    .with_attribute(("type", "text/html"))
                    .with_attribute(("href", xml_safe(&channel.link).as_ref()))
                    .write_empty()?;
                w.create_element("link")
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", "application/atom+xml"))
                    .with_attribute((
                        "href",
                        xml_safe(&format!("{}feed.atom", channel.base)).as_ref(),
                    ))
                    .write_empty()?;
                // A feed with no entries still needs `updated`; the epoch keeps it stable.
                let updated = entries
                    .first()
                    .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |e| rfc3339(&e.at));
                text(w, "updated", &updated)?;
                w.create_element("author")
                    .write_inner_content(|w| text(w, "name", &site.name))?;
                if let Some(logo) = logo_url {
                    text(w, "logo", logo)?;
                }
                for e in entries {
                    w.create_element("entry").write_inner_content(|w| {
                        text(w, "title", &e.title)?;
                        text(w, "id", &e.guid)?;
                        w.create_element("link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("type", "text/html"))
                            .with_attribute(("href", xml_safe(&e.link).as_ref()))
                            .write_empty()?;
                        text(w, "published", &rfc3339(&e.at))?;
                        text(w, "updated", &rfc3339(&e.at))?;
                        w.create_element("category")
                            .with_attribute(("term", e.status.as_str()))
                            .with_attribute((
                                "label",
                                status_word(&site.messages, e.status).as_str(),
                            ))
                            .write_empty()?;
                        for c in &e.components {
                            let c = xml_safe(c);
                            w.create_element("category")
                                .with_attribute(("term", c.as_ref()))
                                .with_attribute(("scheme", xml_safe(&scheme).as_ref()))
                                .with_attribute(("label", c.as_ref()))
                                .write_empty()?;
                        }
                        // Before the content: readers show it in lists, and as the text of
                        // an entry they do not show the content of.
                        if !e.summary.is_empty() {
                            w.create_element("summary")
                                .with_attribute(("type", "text"))
                                .write_text_content(BytesText::new(&xml_safe(&e.summary)))?;
                        }
                        w.create_element("content")
                            .with_attribute(("type", "html"))
                            .write_text_content(BytesText::new(&xml_safe(&e.html)))?;
                        if !e.markdown.is_empty() {
                            text(w, "source:markdown", &e.markdown)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })();
    debug_assert!(result.is_ok());
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_and_images_are_made_absolute_against_the_page() {
        let base = "https://status.example.com/incidents/a/";
        assert_eq!(
            absolute_links(
                r#"<p>See <a href="runbook.html#step-2">the runbook</a>, <a href="/about/">us</a>, <a href="https://x.example/?a=1&amp;b=2">x</a> and <a href="mailto:ops@example.com">mail</a>.</p><p><img src="graph.png" alt="a &lt;b href=&quot;c&quot;&gt; graph"></p><pre><code>&lt;a href="keep.html"&gt;</code></pre>"#,
                base
            ),
            r#"<p>See <a href="https://status.example.com/incidents/a/runbook.html#step-2">the runbook</a>, <a href="https://status.example.com/about/">us</a>, <a href="https://x.example/?a=1&amp;b=2">x</a> and <a href="mailto:ops@example.com">mail</a>.</p><p><img src="https://status.example.com/incidents/a/graph.png" alt="a &lt;b href=&quot;c&quot;&gt; graph"></p><pre><code>&lt;a href="keep.html"&gt;</code></pre>"#
        );
        let plain = "<p>No links at all.</p>";
        assert!(matches!(absolute_links(plain, base), Cow::Borrowed(_)));
    }

    #[test]
    fn the_summary_sentence_opens_an_rss_description() {
        let mut e = Entry {
            record_id: "a".into(),
            title: "A".into(),
            link: "https://status.example.com/incidents/a/".into(),
            at: DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap(),
            status: UpdateStatus::Resolved,
            components: vec![],
            html: "<p>Fixed.</p>".into(),
            summary: "A & <B> hatte am 1. Januar 2025 eine Störung.".into(),
            markdown: "Fixed.".into(),
            guid: "g".into(),
        };
        assert_eq!(
            rss_description(&e),
            "<p class=\"record-summary\">A &amp; &lt;B&gt; hatte am 1. Januar 2025 eine \
             Störung.</p>\n<p>Fixed.</p>"
        );
        e.html.clear();
        assert_eq!(
            rss_description(&e),
            "<p class=\"record-summary\">A &amp; &lt;B&gt; hatte am 1. Januar 2025 eine \
             Störung.</p>"
        );
        e.summary.clear();
        assert_eq!(rss_description(&e), "");
    }

    #[test]
    fn forbidden_control_characters_are_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\td\ne\u{FFFF}"), "abc\td\ne");
        assert!(matches!(xml_safe("plain ✓ עברית"), Cow::Borrowed(_)));
    }

    #[test]
    fn guids_are_stable_and_distinct() {
        let t = DateTime::parse_from_rfc3339("2025-04-02T19:53:40+02:00").unwrap();
        let u = DateTime::parse_from_rfc3339("2025-04-02T17:53:40Z").unwrap();
        let a = guid("https://s/incidents/x/", "x", &t, UpdateStatus::Resolved);
        // The same instant written with another offset is the same entry.
        assert_eq!(
            a,
            guid("https://s/incidents/x/", "x", &u, UpdateStatus::Resolved)
        );
        assert_ne!(
            a,
            guid("https://s/incidents/x/", "x", &t, UpdateStatus::Monitoring)
        );
        assert!(a.starts_with("https://s/incidents/x/#"));
        assert_eq!(a.len(), "https://s/incidents/x/#".len() + 64);
    }
}
