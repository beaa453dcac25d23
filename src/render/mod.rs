//! Rendering records: Markdown and HTML through templates (tera), feeds and JSON in code.
//!
//! The built-in templates are the files in `templates/`, embedded in the binary. A site's own
//! `templates/` folder overrides any of them by file name (and may add more for `include`),
//! as mdBook and Zola let users override theme files.

pub mod i18n;
pub mod markdown;
pub mod report;
pub mod timeline;
pub mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::load::files::{self, FileError, Repo};

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

pub use i18n::Messages;
pub use view::{Options, RecordView, SiteView, feed_view, record_view};

/// The built-in templates, by file name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "incident.html",
        include_str!("../../templates/incident.html"),
    ),
    (
        "postmortem.html",
        include_str!("../../templates/postmortem.html"),
    ),
    (
        "postmortem.md",
        include_str!("../../templates/postmortem.md"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("history.html", include_str!("../../templates/history.html")),
    ("month.html", include_str!("../../templates/month.html")),
    ("entry.html", include_str!("../../templates/entry.html")),
    (
        "component.html",
        include_str!("../../templates/component.html"),
    ),
    ("report.html", include_str!("../../templates/report.html")),
];

/// Largest template file read from a site's `templates/` folder.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The built-in stylesheet.
pub const STYLESHEET: &str = include_str!("../../templates/style.css");

/// A template problem: a site's templates folder or override that cannot be read, does not
/// parse or fails to render.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{}: cannot read templates folder: {source}", dir.display())]
    Folder {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An override that may not or cannot be read.
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}: not UTF-8 (at byte {at})", path.display())]
    NotUtf8 { path: PathBuf, at: usize },
    /// The templates do not parse.
    #[error("templates: {}", describe(source))]
    Parse {
        #[source]
        source: tera::Error,
    },
    /// Template `name` failed to render.
    #[error("{name}: {}", describe(source))]
    Render {
        name: String,
        #[source]
        source: tera::Error,
    },
    /// The site's catalogue cannot be read or does not parse.
    #[error(transparent)]
    Catalogue(#[from] i18n::CatalogueError),
    /// A view that cannot be made into template values.
    #[error("{}", describe(source))]
    Values {
        #[source]
        source: tera::Error,
    },
}

fn describe(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// Whether a character may not appear in an HTML or XML document at all: C0 controls other
/// than tab, line feed and carriage return, and the noncharacters (U+FDD0–U+FDEF, U+xFFFE,
/// U+xFFFF).
fn forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// The text without the characters no page or feed may carry.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    // Fast path on bytes: every forbidden character is a C0 control or starts with a lead
    // byte of 0xEF or above (U+FDD0 and up); most text has neither.
    // In blocks without an early exit, so that the compiler can vectorise the test.
    let suspicious = s.as_bytes().chunks(64).any(|block| {
        block.iter().fold(false, |seen, &b| {
            seen | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b >= 0xEF)
        })
    });
    if suspicious && s.chars().any(forbidden) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !forbidden(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// [`printable`] for a text the caller owns: no copy when nothing is removed.
pub fn into_printable(s: String) -> String {
    if let std::borrow::Cow::Owned(clean) = printable(&s) {
        return clean;
    }
    s
}

/// Tera's HTML escaping (`&`, `<`, `>`, `"`, `'`), byte for byte the same, but writing each
/// run of plain text at once: Tera's own writes every byte through the output separately,
/// and it was a tenth of a build's instructions.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

/// Templates parsed once, with the site's overrides applied.
pub struct Renderer {
    tera: Tera,
    messages: Arc<Messages>,
    stylesheet: String,
    /// How many times a template was rendered (for tests of the build's cost per record).
    renders: std::sync::atomic::AtomicUsize,
}

/// A view made into template values once, for every template that shows it: the values
/// share their text, so handing them to a second template copies nothing.
#[derive(Clone)]
pub struct Values(tera::Value);

impl Values {
    pub fn of<T: Serialize>(view: &T) -> Result<Values, TemplateError> {
        tera::Value::try_from_serializable(view)
            .map(Values)
            .map_err(|source| TemplateError::Values { source })
    }
}

/// What a page template sees: the site, the record, the way from the page to the site's
/// root (`../../` in a built site), and the stylesheet itself for a page that must stand
/// alone (`render --format html`).
fn page_context(site: &Values, record: &Values, root: &str, inline_css: Option<&str>) -> Context {
    let mut context = Context::new();
    context.insert_value("site", site.0.clone());
    context.insert_value("record", record.0.clone());
    context.insert("root", root);
    context.insert("inline_css", &inline_css);
    context
}

impl Renderer {
    /// The built-in templates, overridden by the files in `overrides` (if given and present),
    /// none of which may be a link out of `repo`, in English.
    pub fn new(overrides: Option<&Path>, repo: Option<&Repo>) -> Result<Renderer, TemplateError> {
        Renderer::localised(overrides, repo, Messages::english())
    }

    /// The renderer of a site: its templates, in its language (with its own catalogue).
    pub fn for_site(config: &crate::config::Config) -> Result<Renderer, TemplateError> {
        let messages = Messages::for_site(config)?;
        Renderer::localised(
            config.templates.as_deref(),
            Some(&config.repo),
            Arc::new(messages),
        )
    }

    /// As [`Renderer::new`], with the words of `messages` (the templates' `t()`).
    pub fn localised(
        overrides: Option<&Path>,
        repo: Option<&Repo>,
        messages: Arc<Messages>,
    ) -> Result<Renderer, TemplateError> {
        let mut tera = Tera::new();
        let words = messages.clone();
        // `t(id="days-ago", days=90)`: a message of the catalogue, with named values.
        tera.register_function("t", move |kwargs: Kwargs, _: &State| {
            let id: &str = kwargs.must_get("id")?;
            words
                .template_message(id, &kwargs)
                .map_err(tera::Error::message)
        });
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("md_escape", |s: &str, _: Kwargs, _: &State| {
            markdown::escape_inline(s)
        });
        tera.register_filter("md_cell", |s: &str, _: Kwargs, _: &State| {
            markdown::table_cell(s)
        });
        let mut templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
        let mut stylesheet = STYLESHEET.to_owned();
        if let Some(dir) = overrides.filter(|d| d.is_dir()) {
            let entries = std::fs::read_dir(dir).map_err(|source| TemplateError::Folder {
                dir: dir.to_owned(),
                source,
            })?;
            let mut files: Vec<_> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| !p.is_dir())
                .collect();
            files.sort();
            for path in files {
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                let used = name == "style.css"
                    || name.ends_with(".html")
                    || name.ends_with(".md")
                    || name.ends_with(".xml");
                if !used {
                    continue;
                }
                if let Some(repo) = repo {
                    repo.guard(&path)?;
                }
                let bytes = files::read_regular(&path, MAX_TEMPLATE_BYTES, "a template")?;
                let text = String::from_utf8(bytes).map_err(|e| TemplateError::NotUtf8 {
                    at: e.utf8_error().valid_up_to(),
                    path: path.clone(),
                })?;
                if name == "style.css" {
                    stylesheet = text;
                } else {
                    templates.retain(|(n, _)| *n != name);
                    templates.push((name, text));
                }
            }
        }
        // Each message without variables is written into the templates once, rather than
        // looked up by a call of `t()` at every use (about 80 per record).
        for (_, text) in &mut templates {
            *text = messages.inline_plain(text);
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|source| TemplateError::Parse { source })?;
        Ok(Renderer {
            tera,
            messages,
            stylesheet,
            renders: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Renders template `name` with `context`.
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<String, TemplateError> {
        let context = Context::from_serialize(context).map_err(|source| TemplateError::Render {
            name: name.to_owned(),
            source,
        })?;
        self.render_context(name, &context)
    }

    fn render_context(&self, name: &str, context: &Context) -> Result<String, TemplateError> {
        self.renders
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.tera
            .render(name, context)
            .map(into_printable)
            .map_err(|source| TemplateError::Render {
                name: name.to_owned(),
                source,
            })
    }

    /// The words it renders with.
    pub fn messages(&self) -> &Arc<Messages> {
        &self.messages
    }

    /// How many templates this renderer has rendered so far.
    pub fn renders(&self) -> usize {
        self.renders.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The stylesheet (the site's `style.css` if it has one).
    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    /// One record as Markdown.
    pub fn markdown(&self, site: &SiteView, record: &RecordView) -> Result<String, TemplateError> {
        self.markdown_of(&Values::of(site)?, &Values::of(record)?, &site.url)
    }

    /// One record as Markdown, from values made once; `url` is the site's address.
    pub fn markdown_of(
        &self,
        site: &Values,
        record: &Values,
        url: &str,
    ) -> Result<String, TemplateError> {
        let mut text =
            self.render_context("postmortem.md", &page_context(site, record, url, None))?;
        tidy_markdown(&mut text);
        Ok(text)
    }

    /// One record's page. `root` leads to the site's root; `inline_css` makes it stand alone.
    pub fn incident_page(
        &self,
        site: &SiteView,
        record: &RecordView,
        root: &str,
        standalone: bool,
    ) -> Result<String, TemplateError> {
        self.incident_page_of(&Values::of(site)?, &Values::of(record)?, root, standalone)
    }

    /// One record's page, from values made once.
    pub fn incident_page_of(
        &self,
        site: &Values,
        record: &Values,
        root: &str,
        standalone: bool,
    ) -> Result<String, TemplateError> {
        self.render_context(
            "incident.html",
            &page_context(site, record, root, standalone.then_some(self.stylesheet())),
        )
    }

    /// The postmortem part of a record as an HTML fragment (for feeds).
    pub fn postmortem_fragment(
        &self,
        site: &SiteView,
        record: &RecordView,
    ) -> Result<String, TemplateError> {
        self.render_context(
            "postmortem.html",
            &page_context(&Values::of(site)?, &Values::of(record)?, &site.url, None),
        )
        .map(|s| s.trim().to_owned())
    }
}

/// Where the first `\n` of `bytes` is: eight bytes at a time (a line of Markdown is some 50
/// bytes long, and a byte at a time was most of [`tidy_markdown`]'s cost).
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        // A byte of `x` is zero where the word has a newline; the lowest flagged byte is the
        // first zero (a borrow only flags bytes above a zero byte).
        let x = u64::from_le_bytes(word) ^ NEWLINES;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(at + (zeros.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = words.remainder();
    tail.iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// Collapses runs of blank lines that conditional template blocks leave behind, and ends the
/// text with exactly one newline. Lines as [`str::lines`] splits them (a `\r\n` ends a line
/// as `\n` does, and is written `\n`); a line of only white space counts as blank (and is
/// written empty) outside a ```` ``` ```` fence. In one pass over the bytes, copying the kept
/// text in runs: most lines are kept as they are, and are only scanned for their end.
fn tidy_markdown(text: &mut String) {
    let src = text.as_str();
    let bytes = src.as_bytes();
    let mut out = String::with_capacity(src.len() + 1);
    // The source from `run` to the current line is kept as it is, not yet copied.
    let mut run = 0;
    let mut blank = 0;
    let mut in_fence = false;
    let mut start = 0;
    while start < bytes.len() {
        let newline = find_newline(&bytes[start..]);
        let (mut end, next) = match newline {
            Some(i) => (start + i, start + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        if newline.is_some() && end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        // The common line starts with a letter, `#`, `|`, `-` or `*`: neither blank nor a fence.
        let plain = bytes
            .get(start)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_whitespace() && *b != b'`');
        let (fence, is_blank) = if plain {
            (false, false)
        } else {
            let trimmed = src[start..end].trim_start();
            (trimmed.starts_with("```"), trimmed.is_empty())
        };
        if fence {
            in_fence = !in_fence;
        }
        if is_blank && !in_fence {
            blank += 1;
            // Written as an empty line: as it is when it is one.
            let same = newline.is_some() && next == start + 1;
            if blank > 1 || !same {
                out.push_str(&src[run..start]);
                if blank == 1 {
                    out.push('\n');
                }
                run = next;
            }
        } else {
            blank = 0;
            // The line and its `\n`: as it is unless it ended in `\r\n` or not at all.
            if end + 1 != next {
                out.push_str(&src[run..end]);
                out.push('\n');
                run = next;
            }
        }
        start = next;
    }
    out.push_str(&src[run..]);
    let kept = out.trim_end().len();
    out.truncate(kept);
    let leading = out.len() - out.trim_start().len();
    out.drain(..leading);
    out.push('\n');
    *text = out;
}

/// Where a local logo file is published in a site: `logo.<ext>` at the root. `None` for a
/// logo given as a URL, or no logo.
pub fn published_logo_name(config: &crate::config::Config) -> Option<String> {
    config.logo.as_ref()?.published_name()
}

/// The logo's absolute URL, for feeds.
pub fn logo_url(config: &crate::config::Config) -> Option<String> {
    match (&config.logo, published_logo_name(config)) {
        (_, Some(name)) => Some(format!("{}{name}", config.url)),
        (Some(crate::config::Logo::Url(url)), None) => Some(url.clone()),
        (Some(crate::config::Logo::File(_)), None) => None,
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_problems_name_the_file_or_the_template() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("postmortem.md");
        std::fs::write(&md, b"ok \xff").unwrap();
        let e = Renderer::new(Some(dir.path()), None).err().unwrap();
        assert!(matches!(e, TemplateError::NotUtf8 { at: 3, .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            format!("{}: not UTF-8 (at byte 3)", md.display())
        );

        std::fs::write(&md, "{% if %}").unwrap();
        let e = Renderer::new(Some(dir.path()), None).err().unwrap();
        assert!(matches!(e, TemplateError::Parse { .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "templates: error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`\n --> postmortem.md:1:7\n  |\n1 | {% if %}\n  |       ^^"
        );

        std::fs::write(&md, "{{ nope.missing }}").unwrap();
        let renderer = Renderer::new(Some(dir.path()), None).unwrap();
        let e = renderer
            .render(
                "postmortem.md",
                &std::collections::BTreeMap::<String, String>::new(),
            )
            .unwrap_err();
        assert!(
            matches!(&e, TemplateError::Render { name, .. } if name == "postmortem.md"),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "postmortem.md: error: Variable `nope` is not defined.\n --> postmortem.md:1:4\n  |\n1 | {{ nope.missing }}\n  |    ^^^^"
        );
    }

    /// `tidy_markdown` as it was first written, line by line: the reference.
    fn tidy_by_lines(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut blank = 0;
        let mut in_fence = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            }
            if line.trim().is_empty() && !in_fence {
                blank += 1;
                if blank > 1 {
                    continue;
                }
                out.push('\n');
            } else {
                blank = 0;
                out.push_str(line);
                out.push('\n');
            }
        }
        out.trim().to_owned() + "\n"
    }

    #[test]
    fn newlines_are_found_where_they_are() {
        for len in 0..40 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'\n';
                // A byte that borrows in the subtraction (0x0b) and one above the newline.
                if at + 1 < len {
                    bytes[at + 1] = b'\n' + 1;
                }
                if at > 0 {
                    bytes[at - 1] = 0x8a;
                }
                assert_eq!(find_newline(&bytes), Some(at), "{bytes:?}");
            }
            assert_eq!(find_newline(&vec![0x0b; len]), None);
            assert_eq!(find_newline(&vec![0x8a; len]), None);
        }
    }

    #[test]
    fn markdown_is_tidied_line_by_line() {
        let pieces = [
            "# Title",
            "",
            " ",
            "\t \u{3000}",
            "text",
            "  indented",
            "```",
            "  ```rust",
            "\u{a0}",
            "é",
            "`code`",
            "- item",
            "\r",
            "a\rb",
        ];
        let ends = ["\n", "\r\n", ""];
        // Every sequence of up to four lines of `pieces`, each with each ending.
        let mut cases = vec![String::new(), "\n\n\n".to_owned(), "x".to_owned()];
        let n = pieces.len() * ends.len();
        for a in 0..n {
            for b in 0..n {
                for c in [0, 5, 17, 22, 30, 41] {
                    let mut t = String::new();
                    for i in [a, b, c % n, (a + b) % n] {
                        t.push_str(pieces[i / ends.len()]);
                        t.push_str(ends[i % ends.len()]);
                    }
                    cases.push(t);
                }
            }
        }
        for case in cases {
            let mut ours = case.clone();
            tidy_markdown(&mut ours);
            assert_eq!(ours, tidy_by_lines(&case), "{case:?}");
        }
        let mut t = "\n\n# A\r\n\n  \n\n\ntext\n```\n\n\n```\n \n\n".to_owned();
        tidy_markdown(&mut t);
        assert_eq!(t, "# A\n\ntext\n```\n\n\n```\n");
    }

    #[test]
    fn escaping_is_teras() {
        for text in [
            "",
            "plain",
            "&",
            "<a href=\"x\">it's</a> & more > less",
            "\"'\"'",
            "é & ü — 東京 <",
            "trailing &",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(teras).unwrap()
            );
        }
        let mut out = Vec::new();
        escape_html("<a href=\"x\">it's</a> & more", &mut out).unwrap();
        assert_eq!(
            out,
            b"&lt;a href=&quot;x&quot;&gt;it&#39;s&lt;/a&gt; &amp; more".as_slice()
        );
    }

    #[test]
    fn printable_drops_only_what_no_document_may_carry() {
        // At every position around the 64-byte blocks of the fast test.
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 200] {
            for (bad, kept) in [
                ("\u{1}", ""),
                ("\u{1f}", ""),
                ("\u{fdd0}", ""),
                ("\u{fffe}", ""),
                ("\u{1ffff}", ""),
                ("\t\n\r", "\t\n\r"),
                ("\u{feff}é\u{fffd}", "\u{feff}é\u{fffd}"),
            ] {
                let text = format!("{}{bad}{}", "a".repeat(at), "b".repeat(70));
                let want = format!("{}{kept}{}", "a".repeat(at), "b".repeat(70));
                assert_eq!(printable(&text), want, "{bad:?} at {at}");
                assert_eq!(into_printable(text), want, "{bad:?} at {at}");
            }
        }
    }
}
