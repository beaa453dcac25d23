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
    b.attribute_filter(|element, attribute, value| match (element, attribute) {
        ("img", "src") if !is_relative(value) => None,
        _ => Some(Cow::Borrowed(value)),
    })
    .link_rel(Some("noopener noreferrer nofollow"));
    b
});

fn is_relative(url: &str) -> bool {
    let url = url.trim();
    !url.starts_with("//") && !url.contains(':')
}

/// A link target a page may carry: relative, http(s) or mailto.
fn is_safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    is_relative(&lower)
        || ["https://", "http://", "mailto:"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    plain_html(markdown).unwrap_or_else(|| full_html(markdown))
}

/// Punctuation that means nothing to Markdown inside a line that starts with a letter.
const PLAIN_PUNCTUATION: &str = " ,.;:'\"?()%/=+-@";

/// Whether `c` is a letter, a digit or [`PLAIN_PUNCTUATION`]; an ASCII character is looked up
/// in a table made from it (a search of the string per character was a fifth of
/// [`to_html`]'s cost).
fn plain_char(c: char) -> bool {
    const TABLE: [bool; 128] = {
        let mut table = [false; 128];
        let mut i = 0;
        while i < 128 {
            table[i] = (i as u8).is_ascii_alphanumeric();
            i += 1;
        }
        let punctuation = PLAIN_PUNCTUATION.as_bytes();
        let mut j = 0;
        while j < punctuation.len() {
            table[punctuation[j] as usize] = true;
            j += 1;
        }
        table
    };
    match TABLE.get(c as usize) {
        Some(plain) => *plain,
        None => c.is_alphanumeric(),
    }
}

/// The HTML of Markdown that is nothing but paragraphs of plain words, written directly:
/// the bytes [`full_html`] gives, without parsing and sanitising (most update bodies are
/// such text). `None` for anything else. A property test holds the two paths together.
fn plain_html(markdown: &str) -> Option<String> {
    if markdown.contains("://") || markdown.contains("www.") {
        return None;
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut open = false;
    for line in markdown.split('\n') {
        if line.is_empty() {
            if open {
                out.push_str("</p>\n");
                open = false;
            }
            continue;
        }
        let plain = line.starts_with(char::is_alphabetic)
            && !line.ends_with(' ')
            && line.chars().all(plain_char);
        if !plain {
            return None;
        }
        out.push_str(if open { "\n" } else { "<p>" });
        open = true;
        out.push_str(line);
    }
    if open {
        out.push_str("</p>\n");
    }
    Some(out)
}

/// Markdown to sanitised HTML: pulldown-cmark with [`Linkify`], then ammonia.
fn full_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, options());
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Linkify::new(parser));
    CLEANER.clean(&raw).to_string()
}

/// Prepares Markdown events for a public page:
/// - raw HTML is shown as text, never passed through (a record is Markdown, not HTML);
/// - a link with a scheme other than http(s) or mailto keeps its words and loses the link;
/// - an image from another host becomes a link to it (or just its words inside a link), so
///   that nothing loads from elsewhere;
/// - bare `http(s)://` and `www.` URLs become links, as on GitHub;
/// - task-list boxes become the characters ☑ and ☐ (a status page has no form controls).
struct Linkify<'a, I: Iterator<Item = Event<'a>>> {
    inner: I,
    queue: std::collections::VecDeque<Event<'a>>,
    /// Inside a link that is kept (links do not nest in CommonMark).
    in_link: bool,
    /// Inside a link whose target was dropped.
    dropping_link: bool,
    in_code: bool,
    /// For each open image: what its end becomes.
    images: Vec<ImageEnd>,
}

#[derive(Clone, Copy)]
enum ImageEnd {
    Keep,
    Link,
    Drop,
}

impl<'a, I: Iterator<Item = Event<'a>>> Linkify<'a, I> {
    fn new(inner: I) -> Self {
        Linkify {
            inner,
            queue: Default::default(),
            in_link: false,
            dropping_link: false,
            in_code: false,
            images: Vec::new(),
        }
    }

    fn link_text(&mut self, text: &CowStr<'a>) -> Option<Event<'a>> {
        let pieces = split_urls(text);
        if pieces.len() == 1 && !pieces[0].1 {
            return None;
        }
        for (piece, is_url) in pieces {
            let piece = piece.to_owned();
            if is_url {
                let href = if piece.starts_with("www.") {
                    format!("https://{piece}")
                } else {
                    piece.clone()
                };
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
        self.queue.pop_front()
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Linkify<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.queue.pop_front() {
            return Some(e);
        }
        let event = self.inner.next()?;
        let out = match event {
            Event::TaskListMarker(done) => {
                Event::Text(CowStr::from(if done { "☑ " } else { "☐ " }))
            }
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            Event::Start(Tag::Link { dest_url, .. }) if !is_safe_link(&dest_url) => {
                self.dropping_link = true;
                return self.next();
            }
            Event::End(TagEnd::Link) if self.dropping_link => {
                self.dropping_link = false;
                return self.next();
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_link = true;
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                self.in_link = false;
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_relative(&dest_url) {
                    self.images.push(ImageEnd::Keep);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else if self.in_link || self.dropping_link || !is_safe_link(&dest_url) {
                    self.images.push(ImageEnd::Drop);
                    return self.next();
                } else {
                    self.images.push(ImageEnd::Link);
                    self.in_link = true;
                    Event::Start(Tag::Link {
                        link_type: pulldown_cmark::LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    })
                }
            }
            Event::End(TagEnd::Image) => match self.images.pop() {
                Some(ImageEnd::Link) => {
                    self.in_link = false;
                    Event::End(TagEnd::Link)
                }
                Some(ImageEnd::Drop) => return self.next(),
                _ => Event::End(TagEnd::Image),
            },
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code = true;
                Event::Start(Tag::CodeBlock(kind))
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(text) if !self.in_link && !self.dropping_link && !self.in_code => {
                if let Some(first) = self.link_text(&text) {
                    return Some(first);
                }
                Event::Text(text)
            }
            other => other,
        };
        Some(out)
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
        let mut end = tail
            .find(|c: char| c.is_whitespace() || c == '<')
            .unwrap_or(tail.len());
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
    // Every character it changes is ASCII: the bytes between them are copied in runs.
    let mut plain = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let replacement = match b {
            b'&' if looks_like_entity(&text[i..]) => "\\&",
            b'\\' => "\\\\",
            b'`' => "\\`",
            b'*' => "\\*",
            b'_' => "\\_",
            b'[' => "\\[",
            b']' => "\\]",
            b'<' => "\\<",
            b'>' => "\\>",
            b'|' => "\\|",
            b'~' => "\\~",
            b'#' if i == 0 => "\\#",
            b'+' if i == 0 => "\\+",
            b'-' if i == 0 => "\\-",
            b'=' if i == 0 => "\\=",
            b'\n' | b'\r' => " ",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(replacement);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out
}

/// `&amp;`, `&#38;`, `&#x26;`: text that Markdown would read as a character reference.
fn looks_like_entity(s: &str) -> bool {
    let body = &s[1..];
    let end = body.find(';').unwrap_or(0);
    end > 0
        && end <= 32
        && body[..end]
            .trim_start_matches('#')
            .chars()
            .all(|c| c.is_ascii_alphanumeric())
}

/// Makes Markdown fit one GFM table cell: pipes escaped, lines joined with `<br>`.
pub fn table_cell(markdown: &str) -> String {
    let cell = markdown.trim();
    // Most cells are one line without a pipe: nothing to change.
    if !cell.bytes().any(|b| b == b'|' || b == b'\n') {
        return cell.to_owned();
    }
    cell.replace('|', "\\|")
        .replace("\r\n", "\n")
        .split('\n')
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paragraphs_take_the_short_way() {
        let text = "We're investigating \"503\" errors (about 40%).\nNext update: 18:00 UTC.\n\n\nFixed = done; see @ops.";
        let expected = "<p>We're investigating \"503\" errors (about 40%).\nNext update: 18:00 UTC.</p>\n<p>Fixed = done; see @ops.</p>\n";
        assert_eq!(plain_html(text).as_deref(), Some(expected));
        assert_eq!(full_html(text), expected);
        for not_plain in [
            "1. first",
            "Über *bold*",
            "a  ",
            " indented",
            "see http://x.example",
            "www.example.org",
            "a & b",
            "a\r\nb",
            "Title\n===",
            "a\tb",
        ] {
            assert_eq!(plain_html(not_plain), None, "{not_plain:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Whatever the short way accepts, it renders exactly as the full pipeline does.
        #[test]
        fn the_short_way_gives_the_same_bytes(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "é", "ß", "7", "0", " ", "  ", "\n", "\n\n", ",", ".", ";", ":", "'", "\"",
                "?", "(", ")", "%", "/", "=", "+", "-", "@", "1.", "2)", "*", "_", "`", "[", "]",
                "<", ">", "&", "#", "!", "|", "~", "\\", "\t", "\r", "\u{a0}", "://", "www.",
                "http://x.y", "---", "===", "[^1]", "&amp;", "word", "Word",
            ]), 0..24)
        ) {
            let text: String = pieces.concat();
            if let Some(short) = plain_html(&text) {
                proptest::prop_assert_eq!(short, full_html(&text), "{:?}", text);
            }
        }

        /// The same, on text made only of what the short way may accept.
        #[test]
        fn the_short_way_gives_the_same_bytes_on_plain_text(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "é", "ß", "ж", "7", "0", " ", "  ", "\n", "\n\n", ",", ".", ";", ":", "'",
                "\"", "?", "(", ")", "%", "/", "=", "+", "-", "@", "word", "Word", "1.", "2)",
            ]), 1..16)
        ) {
            let text = format!("A{}", pieces.concat());
            if let Some(short) = plain_html(&text) {
                proptest::prop_assert_eq!(short, full_html(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn the_short_way_takes_most_prose() {
        // Not vacuous: plain sentences, and the generated corpus's bodies, go the short way.
        for text in [
            "We are investigating elevated error rates on the API.",
            "Timeout queue capacity region region capacity timeout.\n\nRetry pool memory rollback.\n",
        ] {
            assert!(plain_html(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn gfm_extensions_render() {
        assert_eq!(
            to_html("~~old~~ **new**"),
            "<p><del>old</del> <strong>new</strong></p>\n"
        );
        assert!(to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"));
        assert_eq!(
            to_html("- [x] done\n- [ ] to do\n"),
            "<ul>\n<li>☑ done</li>\n<li>☐ to do</li>\n</ul>\n"
        );
    }

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            to_html("See https://example.com/a_b, then www.example.org."),
            "<p>See <a href=\"https://example.com/a_b\" rel=\"noopener noreferrer nofollow\">https://example.com/a_b</a>, then <a href=\"https://www.example.org\" rel=\"noopener noreferrer nofollow\">www.example.org</a>.</p>\n"
        );
        assert_eq!(
            to_html("`https://x.example`"),
            "<p><code>https://x.example</code></p>\n"
        );
    }

    #[test]
    fn nothing_executable_survives() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1))\n\n\
             ![b](https://evil.example/x.png)\n\n<a href=\"data:text/html,x\">d</a>\n\n![c](img/graph.png)",
        );
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n<p>&lt;img src=x onerror=alert(1)&gt;\n</p>\n\
             <p>a</p>\n\
             <p><a href=\"https://evil.example/x.png\" rel=\"noopener noreferrer nofollow\">b</a></p>\n\
             <p>&lt;a href=\"data:text/html,x\"&gt;d&lt;/a&gt;</p>\n<p><img src=\"img/graph.png\" alt=\"c\"></p>\n"
        );
    }

    #[test]
    fn an_external_image_inside_a_link_keeps_only_its_words() {
        assert_eq!(
            to_html("[![graph](https://grafana.example/x.png)](https://grafana.example/d/1)"),
            "<p><a href=\"https://grafana.example/d/1\" rel=\"noopener noreferrer nofollow\">graph</a></p>\n"
        );
    }

    #[test]
    fn a_javascript_url_inside_code_is_text_not_a_link() {
        // Found by the `markdown` fuzz target: a code block quoting `href="javascript:…"`.
        let input =
            include_str!("../../fuzz/regressions/markdown/code-block-quoting-javascript.md");
        let html = to_html(input);
        assert!(html.starts_with("<pre><code>"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(
            html.contains("componenthref=\"javascript:tatus"),
            "kept as text: {html}"
        );
    }

    /// The text a fuzz target saw: the input's longest valid UTF-8 prefix, as `arbitrary`
    /// takes a `&str`.
    fn fuzz_input(bytes: &[u8]) -> &str {
        bytes
            .utf8_chunks()
            .next()
            .map(|c| c.valid())
            .unwrap_or_default()
    }

    #[test]
    fn an_https_link_keeps_its_href_whatever_its_path_says() {
        // Found by the `markdown` fuzz target: `data:` inside the path of an https link.
        let input = fuzz_input(include_bytes!(
            "../../fuzz/regressions/markdown/https-link-with-data-in-its-path.md"
        ));
        assert!(input.contains("data:"));
        let html = to_html(input);
        for href in html.split("href=\"").skip(1) {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{html}"
            );
        }
    }

    #[test]
    fn words_in_a_link_target_are_not_attributes() {
        // Found by the `markdown` fuzz target: a fragment link whose text reads like `on…`.
        let input = fuzz_input(include_bytes!(
            "../../fuzz/regressions/markdown/link-fragment-with-on-words.md"
        ));
        let html = to_html(input);
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            // The tag without its quoted values: what is left are element and attribute names.
            let outside: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            assert!(
                outside
                    .split_whitespace()
                    .skip(1)
                    .all(|n| !n.starts_with("on")),
                "{tag}"
            );
        }
    }

    #[test]
    fn plain_characters_are_letters_digits_and_the_plain_punctuation() {
        for n in (0..0x3000).chain([0x1F600, 0x10FFFF]) {
            let Some(c) = char::from_u32(n) else { continue };
            assert_eq!(
                plain_char(c),
                c.is_alphanumeric() || PLAIN_PUNCTUATION.contains(c),
                "{c:?}"
            );
        }
    }

    /// `escape_inline` as first written, a character at a time: the reference.
    fn escape_by_chars(text: &str) -> String {
        let mut out = String::new();
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

    #[test]
    fn escaping_copies_runs_as_escaping_each_character_did() {
        let specials = "&\\`*_[]<>|~#+-=\n\r";
        for first in specials.chars().chain("aé東 ;".chars()) {
            for text in [
                format!("{first}"),
                format!("{first}x{specials}y"),
                format!("{first}&amp; é&#38;東&x;&;& end"),
                format!("{first}plain text é 東京 — ok"),
            ] {
                assert_eq!(escape_inline(&text), escape_by_chars(&text), "{text:?}");
            }
        }
        for cell in ["", " a ", "a|b", " a\r\nb ", "a\rb", "x\ny|z", "plain é"] {
            let slow = cell
                .trim()
                .replace('|', "\\|")
                .replace("\r\n", "\n")
                .split('\n')
                .collect::<Vec<_>>()
                .join("<br>");
            assert_eq!(table_cell(cell), slow, "{cell:?}");
        }
    }

    #[test]
    fn escaping_for_markdown() {
        assert_eq!(
            escape_inline("a <b> *c* [d](e) #1 2026-04-07"),
            "a \\<b\\> \\*c\\* \\[d\\](e) #1 2026-04-07"
        );
        assert_eq!(escape_inline("# not a heading"), "\\# not a heading");
        assert_eq!(escape_inline("Q&A &amp; more"), "Q&A \\&amp; more");
        assert_eq!(table_cell("a | b\nc"), "a \\| b<br>c");
    }
}
