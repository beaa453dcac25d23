//! Markdown from records: to safe HTML for pages and feeds, and escaping for Markdown output.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// CommonMark with GitHub's extensions: tables, strikethrough, task lists, footnotes.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// The sanitiser every piece of record Markdown goes through before it reaches a page or a
/// feed: ammonia's allow-list (no `<script>`, no event handlers, no `javascript:`/`data:`
/// URLs), plus: images only from relative URLs, so that nothing loads from another host.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("img", "src") if !is_relative(value) => None,
            ("input", "type") if value != "checkbox" => None,
            _ => Some(Cow::Borrowed(value)),
        })
        .link_rel(Some("noopener noreferrer nofollow"));
    b
});

fn is_relative(url: &str) -> bool {
    let url = url.trim();
    !url.starts_with("//") && !url.contains(':')
}

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, options());
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Linkify::new(parser));
    CLEANER.clean(&raw).to_string()
}

/// Turns bare `http(s)://` and `www.` URLs in text into links, as GitHub does.
struct Linkify<'a, I: Iterator<Item = Event<'a>>> {
    inner: I,
    queue: std::collections::VecDeque<Event<'a>>,
    in_link: usize,
}

impl<'a, I: Iterator<Item = Event<'a>>> Linkify<'a, I> {
    fn new(inner: I) -> Self {
        Linkify {
            inner,
            queue: Default::default(),
            in_link: 0,
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Linkify<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.queue.pop_front() {
            return Some(e);
        }
        let event = self.inner.next()?;
        match &event {
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::CodeBlock(_)) => self.in_link += 1,
            Event::End(TagEnd::Link) | Event::End(TagEnd::CodeBlock) => {
                self.in_link = self.in_link.saturating_sub(1)
            }
            Event::Text(text) if self.in_link == 0 => {
                let pieces = split_urls(text);
                if pieces.len() > 1 || pieces.first().is_some_and(|(_, url)| *url) {
                    for (piece, is_url) in pieces {
                        let piece = piece.to_owned();
                        if is_url {
                            let href = if piece.starts_with("www.") { format!("https://{piece}") } else { piece.clone() };
                            self.queue.push_back(Event::Start(Tag::Link {
                                link_type: pulldown_cmark::LinkType::Autolink,
                                dest_url: CowStr::from(href),
                                title: CowStr::from(""),
                                id: CowStr::from(""),
                            }));
                            self.queue.push_back(Event::Text(CowStr::from(piece)));
                            self.queue.push_back(Event::End(TagEnd::Link));
                        } else {
                            self.queue.push_back(Event::Text(CowStr::from(piece)));
                        }
                    }
                    return self.queue.pop_front();
                }
            }
            _ => {}
        }
        Some(event)
    }
}

/// Splits text into runs, marking the bare URLs.
fn split_urls(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| rest.find(p))
        .filter(|&i| i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric()))
        .min()
    {
        let tail = &rest[start..];
        let mut end = tail.find(|c: char| c.is_whitespace() || c == '<').unwrap_or(tail.len());
        while end > 0 && tail[..end].ends_with(['.', ',', ':', ';', '!', '?', ')', '"', '\'']) {
            end -= 1;
        }
        let url = &tail[..end];
        if url.len() <= 8 {
            // Just a scheme or `www.`: not a link. Keep it as text and move on.
            let skip = start + tail.chars().next().map_or(1, char::len_utf8);
            out.push((&rest[..skip], false));
            rest = &rest[skip..];
            continue;
        }
        if start > 0 {
            out.push((&rest[..start], false));
        }
        out.push((url, true));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// Escapes plain text (a title, a name) so that Markdown shows it literally: the characters
/// that start inline syntax anywhere, and those that start a block at the beginning.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, (byte, c)) in text.char_indices().enumerate() {
        match c {
            '&' if looks_like_entity(&text[byte..]) => out.push_str("\\&"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `&amp;`, `&#38;`, `&#x26;`: text that Markdown would read as a character reference.
fn looks_like_entity(s: &str) -> bool {
    let body = &s[1..];
    let end = body.find(';').unwrap_or(0);
    end > 0 && end <= 32 && body[..end].trim_start_matches('#').chars().all(|c| c.is_ascii_alphanumeric())
}

/// Makes Markdown fit one GFM table cell: pipes escaped, lines joined with `<br>`.
pub fn table_cell(markdown: &str) -> String {
    markdown
        .trim()
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .split('\n')
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_extensions_render() {
        assert_eq!(to_html("~~old~~ **new**"), "<p><del>old</del> <strong>new</strong></p>\n");
        assert!(to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"));
        assert!(to_html("- [x] done\n").contains("<input disabled=\"\" type=\"checkbox\" checked=\"\">"));
    }

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            to_html("See https://example.com/a_b, then www.example.org."),
            "<p>See <a href=\"https://example.com/a_b\" rel=\"noopener noreferrer nofollow\">https://example.com/a_b</a>, then <a href=\"https://www.example.org\" rel=\"noopener noreferrer nofollow\">www.example.org</a>.</p>\n"
        );
        assert_eq!(to_html("`https://x.example`"), "<p><code>https://x.example</code></p>\n");
    }

    #[test]
    fn nothing_executable_survives() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1))\n\n\
             ![b](https://evil.example/x.png)\n\n<a href=\"data:text/html,x\">d</a>\n\n![c](img/graph.png)",
        );
        assert_eq!(
            html,
            "\n<img src=\"x\">\n<p><a rel=\"noopener noreferrer nofollow\">a</a></p>\n<p><img alt=\"b\"></p>\n\
             <p><a rel=\"noopener noreferrer nofollow\">d</a></p>\n<p><img src=\"img/graph.png\" alt=\"c\"></p>\n"
        );
    }

    #[test]
    fn escaping_for_markdown() {
        assert_eq!(escape_inline("a <b> *c* [d](e) #1 2026-04-07"), "a \\<b\\> \\*c\\* \\[d\\](e) #1 2026-04-07");
        assert_eq!(escape_inline("# not a heading"), "\\# not a heading");
        assert_eq!(escape_inline("Q&A &amp; more"), "Q&A \\&amp; more");
        assert_eq!(table_cell("a | b\nc"), "a \\| b<br>c");
    }
}
