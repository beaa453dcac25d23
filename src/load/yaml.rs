//! YAML → a tree with a span on every node, with limits.
//!
//! Built on `saphyr-parser`'s event stream rather than a ready-made DOM so that the loader
//! owns the things a record checker needs: exact positions for keys and values, duplicate
//! keys reported (not silently overwritten), a nesting limit, and a budget on alias
//! expansion so that a "billion laughs" file fails fast instead of eating memory.

use std::collections::HashMap;

use crate::diagnostic::Code;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

mod fast;

/// Largest record or configuration file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may hold once its aliases are expanded.
pub const MAX_NODES: usize = 200_000;

/// A position in a source file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// The start and end of a node in its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    /// A span of one point.
    pub fn point(line: usize, col: usize) -> Span {
        let p = Pos { line, col };
        Span { start: p, end: p }
    }

    fn from_parser(s: saphyr_parser::Span) -> Span {
        Span {
            start: pos(s.start),
            end: pos(s.end),
        }
    }
}

fn pos(m: saphyr_parser::Marker) -> Pos {
    Pos {
        line: m.line(),
        col: m.col() + 1,
    }
}

/// A mapping key: always a scalar, kept as its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub text: String,
    pub span: Span,
}

/// A YAML node with the place it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// The value of a node, resolved with the YAML 1.2 core schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A problem that stops loading: the file cannot be turned into a tree.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub message: String,
    pub span: Span,
    pub code: Code,
}

/// A problem found while loading that does not stop it (the tree is still usable).
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateKey {
    pub key: String,
    pub span: Span,
    pub first: Span,
}

/// A loaded document and the duplicate keys met on the way.
#[derive(Debug, PartialEq)]
pub struct Document {
    pub root: Node,
    pub duplicates: Vec<DuplicateKey>,
}

impl LoadError {
    fn new(code: Code, span: Span, message: impl Into<String>) -> LoadError {
        LoadError {
            message: message.into(),
            span,
            code,
        }
    }
}

/// What the size limit is for, in its message.
pub const LIMITED: &str = "one YAML file";

/// The error for bytes over [`MAX_FILE_BYTES`], worded as a file read over the limit is
/// (see [`crate::load::files::read_regular`]).
pub fn too_large(size: u64) -> LoadError {
    LoadError::new(
        Code::TooLarge,
        Span::point(1, 1),
        crate::load::files::too_large_message(size, MAX_FILE_BYTES as u64, LIMITED),
    )
}

/// Checks the raw bytes of a file (size, NUL bytes, UTF-8, characters YAML forbids) and
/// returns its text.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col_of_byte(bytes, at);
        return Err(LoadError::new(
            Code::Binary,
            Span::point(line, col),
            "file contains a NUL byte: it looks binary, not YAML text",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, col) = line_col_of_byte(bytes, e.valid_up_to());
            return Err(LoadError::new(
                Code::NotUtf8,
                Span::point(line, col),
                "file is not valid UTF-8: save it as UTF-8",
            ));
        }
    };
    if let Some(at) = first_non_printable(bytes) {
        let (line, col) = line_col_of_byte(bytes, at);
        let c = text[at..].chars().next().unwrap_or_default();
        let what = if c.is_control() {
            "control character"
        } else {
            "character"
        };
        return Err(LoadError::new(
            Code::ControlCharacter,
            Span::point(line, col),
            format!(
                "{what} U+{:04X} is not allowed in YAML; write it as an escape (\"{}\") inside a double-quoted string",
                u32::from(c),
                yaml_escape(c)
            ),
        ));
    }
    Ok(text)
}

/// The byte offset of the first character outside YAML 1.2's `c-printable` (TAB, LF, CR,
/// U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD, U+10000 and up), in valid UTF-8.
///
/// One pass over the bytes: C0 controls and DEL are single bytes; the C1 controls
/// U+0080–U+009F are `C2 80`–`C2 9F`; U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`.
/// Surrogates cannot occur in valid UTF-8. (NUL is refused before, with its own message.)
fn first_non_printable(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7f {
                return Some(i);
            }
        } else if b == 0xc2 {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            if (0x80..=0x9f).contains(&next) && next != 0x85 {
                return Some(i);
            }
        } else if b == 0xef
            && bytes.get(i + 1) == Some(&0xbf)
            && matches!(bytes.get(i + 2), Some(0xbe | 0xbf))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// How to write `c` inside a YAML double-quoted string.
fn yaml_escape(c: char) -> String {
    match c {
        '\u{7}' => "\\a".into(),
        '\u{8}' => "\\b".into(),
        '\u{b}' => "\\v".into(),
        '\u{c}' => "\\f".into(),
        '\u{1b}' => "\\e".into(),
        c if u32::from(c) <= 0xff => format!("\\x{:02x}", u32::from(c)),
        c => format!("\\u{:04x}", u32::from(c)),
    }
}

/// The 1-based line and column (in characters) of byte `at`. Lines end as YAML ends them:
/// at LF, CR LF, or a lone CR.
fn line_col_of_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in before.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Parses one YAML document into a tree with spans.
///
/// The common subset records are written in is read by a faster reader of its own
/// (`fast.rs`); anything else, and every error, goes through saphyr. Both give the same
/// document for every text the fast reader accepts.
pub fn parse(source: &str) -> Result<Document, LoadError> {
    match fast::parse(source) {
        Some(doc) => Ok(doc),
        None => parse_with_saphyr(source),
    }
}

/// Parses one YAML document into a tree with spans, through saphyr's event stream.
pub fn parse_with_saphyr(source: &str) -> Result<Document, LoadError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(source);
    let mut documents = 0;
    let mut cursor = Cursor::default();
    while let Some(next) = parser.next_event() {
        let (event, raw) = next.map_err(scan_error)?;
        let mut span = Span::from_parser(raw);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(LoadError::new(
                        Code::MultipleDocuments,
                        span,
                        "a record holds one YAML document; remove the second `---`",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // The parser ends a quoted scalar's span after the blanks and comment that
                // follow it; the scalar ends at its closing quote.
                if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
                    && let Some(end) = cursor.quoted_end(source, raw.start)
                {
                    span.end = end;
                }
                let value = if style == ScalarStyle::Plain && !forced_string(tag.as_deref()) {
                    resolve_plain(&text)
                } else {
                    Value::String(text.into_owned())
                };
                builder.finish(Node { value, span }, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                builder.open(Frame::Seq(Vec::new()), span, anchor)?
            }
            Event::MappingStart(anchor, _) => {
                builder.open(Frame::Map(Map::default()), span, anchor)?
            }
            Event::SequenceEnd | Event::MappingEnd => builder.close(span)?,
            Event::Alias(id) => {
                let Some((node, size)) = builder.anchors.get(&id) else {
                    return Err(LoadError::new(
                        Code::Alias,
                        span,
                        "alias to an unknown anchor",
                    ));
                };
                let (node, size) = (node.clone(), *size);
                builder.aliased += size;
                builder.count(size, span)?;
                builder.push(Node { span, ..node })?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    let root = builder.root.unwrap_or(Node {
        value: Value::Null,
        span: Span::point(1, 1),
    });
    Ok(Document {
        root,
        duplicates: builder.duplicates,
    })
}

/// A place in the source met before, so that finding the byte of a character index walks
/// the text once, not once per scalar.
#[derive(Default)]
struct Cursor {
    chars: usize,
    bytes: usize,
}

impl Cursor {
    /// The byte offset of character `index` of `source`.
    fn byte_of(&mut self, source: &str, index: usize) -> Option<usize> {
        if index < self.chars {
            *self = Cursor::default();
        }
        let mut rest = source.get(self.bytes..)?.char_indices();
        while self.chars < index {
            let (_, c) = rest.next()?;
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        Some(self.bytes)
    }

    /// Where the quoted scalar that opens at `start` ends: just after its closing quote.
    fn quoted_end(&mut self, source: &str, start: saphyr_parser::Marker) -> Option<Pos> {
        let at = self.byte_of(source, start.index())?;
        let mut chars = source.get(at..)?.chars().peekable();
        let quote = chars.next().filter(|q| matches!(q, '"' | '\''))?;
        let (mut line, mut col) = (start.line(), start.col() + 2);
        while let Some(c) = chars.next() {
            match c {
                '\\' if quote == '"' => {
                    col += 1;
                    match chars.next()? {
                        '\n' => (line, col) = (line + 1, 1),
                        '\r' if chars.peek() != Some(&'\n') => (line, col) = (line + 1, 1),
                        '\r' => {}
                        _ => col += 1,
                    }
                    continue;
                }
                '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                    chars.next();
                    col += 2;
                    continue;
                }
                c if c == quote => return Some(Pos { line, col: col + 1 }),
                '\n' => (line, col) = (line + 1, 1),
                '\r' if chars.peek() != Some(&'\n') => (line, col) = (line + 1, 1),
                '\r' => {}
                _ => col += 1,
            }
        }
        None
    }
}

fn scan_error(e: ScanError) -> LoadError {
    let m = e.marker();
    if e.info() == "recursion limit exceeded" {
        return LoadError::new(
            Code::TooDeep,
            Span::point(m.line(), m.col() + 1),
            format!("nesting is deeper than {MAX_DEPTH} levels"),
        );
    }
    LoadError::new(
        Code::Syntax,
        Span::point(m.line(), m.col() + 1),
        format!("invalid YAML: {}", e.info()),
    )
}

fn forced_string(tag: Option<&saphyr_parser::Tag>) -> bool {
    tag.is_some_and(|t| t.suffix == "str")
}

/// Resolves a plain scalar with the YAML 1.2 core schema. Timestamps stay strings.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if is_decimal_int(s)
        && let Ok(i) = s.parse::<i64>()
    {
        return Value::Int(i);
    }
    if let Some(hex) = s.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    }
    if let Some(oct) = s.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    if is_float(s)
        && let Ok(f) = s.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::String(s.to_owned())
}

fn is_decimal_int(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

enum Frame {
    Seq(Vec<Node>),
    Map(Map),
}

/// A mapping being built: its entries, the key waiting for its value, and (once the
/// mapping is large) an index of its keys, so that finding duplicates stays linear.
#[derive(Default)]
struct Map {
    entries: Vec<(Key, Node)>,
    pending: Option<Key>,
    index: HashMap<String, usize>,
}

/// Below this many keys a mapping is searched for duplicates one key at a time.
const INDEX_FROM: usize = 16;

impl Map {
    /// The span of the key `text` if the mapping already has it.
    fn find(&mut self, text: &str) -> Option<Span> {
        if self.entries.len() < INDEX_FROM {
            return self
                .entries
                .iter()
                .find(|(k, _)| k.text == text)
                .map(|(k, _)| k.span);
        }
        if self.index.is_empty() {
            self.index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.text.clone(), i))
                .collect();
        }
        self.index
            .get(text)
            .and_then(|&i| self.entries.get(i))
            .map(|(k, _)| k.span)
    }

    fn insert(&mut self, key: Key, node: Node) {
        if !self.index.is_empty() {
            self.index.insert(key.text.clone(), self.entries.len());
        }
        self.entries.push((key, node));
    }
}

struct Open {
    frame: Frame,
    span: Span,
    anchor: usize,
    nodes_before: usize,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    anchors: HashMap<usize, (Node, usize)>,
    duplicates: Vec<DuplicateKey>,
    nodes: usize,
    /// How many of the nodes are copies made by expanding aliases.
    aliased: usize,
}

impl Builder {
    fn count(&mut self, n: usize, span: Span) -> Result<(), LoadError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            // Past the limit only because of aliases: the plain nodes alone are within it.
            let message = if self.aliased > 0 {
                format!(
                    "document expands to more than {MAX_NODES} nodes (aliases are expanded): \
                     is this an alias bomb?"
                )
            } else {
                format!(
                    "document has more than {MAX_NODES} nodes (keys, values, lists and \
                     mappings), the limit for one file"
                )
            };
            return Err(LoadError::new(Code::TooManyNodes, span, message));
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, span: Span, anchor: usize) -> Result<(), LoadError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(LoadError::new(
                Code::TooDeep,
                span,
                format!("nesting is deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.count(1, span)?;
        self.stack.push(Open {
            frame,
            span,
            anchor,
            nodes_before: self.nodes - 1,
        });
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<(), LoadError> {
        let Some(open) = self.stack.pop() else {
            return Ok(());
        };
        let value = match open.frame {
            Frame::Seq(items) => Value::Seq(items),
            Frame::Map(map) => Value::Map(map.entries),
        };
        let node = Node {
            value,
            span: Span {
                start: open.span.start,
                end: end.end,
            },
        };
        if open.anchor != 0 {
            let size = self.nodes - open.nodes_before;
            self.anchors.insert(open.anchor, (node.clone(), size));
        }
        self.push(node)
    }

    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), LoadError> {
        self.count(1, node.span)?;
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), 1));
        }
        self.push(node)
    }

    fn push(&mut self, node: Node) -> Result<(), LoadError> {
        let Some(top) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut top.frame {
            Frame::Seq(items) => items.push(node),
            Frame::Map(map) => match map.pending.take() {
                None => {
                    let text = match node.value {
                        Value::String(s) => s,
                        Value::Null => "null".to_owned(),
                        Value::Bool(b) => b.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Float(f) => f.to_string(),
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(LoadError::new(
                                Code::ComplexKey,
                                node.span,
                                "a mapping key must be a plain value, not a list or mapping",
                            ));
                        }
                    };
                    map.pending = Some(Key {
                        text,
                        span: node.span,
                    });
                }
                Some(key) => match map.find(&key.text) {
                    Some(first) => self.duplicates.push(DuplicateKey {
                        key: key.text,
                        span: key.span,
                        first,
                    }),
                    None => map.insert(key, node),
                },
            },
        }
        Ok(())
    }
}

impl Node {
    /// The value under `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key and value under `key`, if this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.text == key)
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The item at `index`, if this is a sequence that long.
    pub fn index(&self, index: usize) -> Option<&Node> {
        match &self.value {
            Value::Seq(items) => items.get(index),
            _ => None,
        }
    }

    /// The text of a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Converts the tree into JSON, the form the schema validator and serde read.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or_else(|| J::String(f.to_string()), J::Number)
            }
            Value::String(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.text.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// One step of a path into a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where a path leads: the node, and the key it sits under (if it sits in a mapping).
pub struct Found<'a> {
    pub key: Option<&'a Key>,
    pub node: &'a Node,
}

/// Follows `path` from `root` as far as it goes; returns the deepest node reached.
pub fn locate<'a>(root: &'a Node, path: &[Step<'_>]) -> Found<'a> {
    let mut found = Found {
        key: None,
        node: root,
    };
    for step in path {
        let next = match step {
            Step::Key(k) => found.node.entry(k).map(|(key, node)| Found {
                key: Some(key),
                node,
            }),
            Step::Index(i) => found.node.index(*i).map(|node| Found { key: None, node }),
        };
        match next {
            Some(n) => found = n,
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(s: &str) -> Result<Document, LoadError> {
        parse(s)
    }

    #[test]
    fn spans_are_one_based_lines_and_columns() {
        let doc = load("title: x\nupdates:\n  - at: 2025-04-02T17:53:40Z\n").unwrap();
        let at = locate(
            &doc.root,
            &[Step::Key("updates"), Step::Index(0), Step::Key("at")],
        );
        assert_eq!(at.node.span.start, Pos { line: 3, col: 9 });
        assert_eq!(at.key.unwrap().span.start, Pos { line: 3, col: 5 });
        assert_eq!(at.node.as_str(), Some("2025-04-02T17:53:40Z"));
    }

    #[test]
    fn a_scalar_ends_at_its_last_character_not_at_a_comment_after_it() {
        let span = |text: &str, key: &str| {
            let doc = load(text).unwrap();
            let s = locate(&doc.root, &[Step::Key(key)]).node.span;
            ((s.start.line, s.start.col), (s.end.line, s.end.col))
        };
        let comment = "    # the IANA zone for the pages and the day boundaries\nb: 1\n";
        let quoted = format!("a: \"Europe/Berln\"{comment}");
        assert_eq!(span(&quoted, "a"), ((1, 4), (1, 18)));
        assert_eq!(span("a: 'majr'  # it's \"x\"\n", "a"), ((1, 4), (1, 10)));
        assert_eq!(span("a: majr    # a comment\n", "a"), ((1, 4), (1, 8)));
        // Escaped quotes, doubled single quotes, characters of several bytes before.
        assert_eq!(
            span("é: 1\na: \"x\\\"y\\\\\"  # c\n", "a"),
            ((2, 4), (2, 12))
        );
        assert_eq!(span("ü: 'ö'\na: 'it''s'  # c\n", "a"), ((2, 4), (2, 11)));
        // A quoted scalar over lines ends on its last line.
        assert_eq!(span("a: \"one\n  two\"   # c\n", "a"), ((1, 4), (2, 7)));
        assert_eq!(span("a: \"one\\\n  two\"\n", "a"), ((1, 4), (2, 7)));
        // Inside a flow mapping, and a scalar that opens after its tag.
        assert_eq!(span("{a: \"x\", b: 1}  # c\n", "a"), ((1, 5), (1, 8)));
        assert_eq!(span("a: \"x\"\r\nb: 1\r\n", "a"), ((1, 4), (1, 7)));
    }

    #[test]
    fn core_schema_resolution() {
        let doc = load("a: 1\nb: '1'\nc: 1.5\nd: true\ne:\nf: 2025-04-02\ng: 0x1f\nh: .5\ni: 1e3")
            .unwrap();
        let get = |k| doc.root.get(k).unwrap().value.clone();
        assert_eq!(get("a"), Value::Int(1));
        assert_eq!(get("b"), Value::String("1".into()));
        assert_eq!(get("c"), Value::Float(1.5));
        assert_eq!(get("d"), Value::Bool(true));
        assert_eq!(get("e"), Value::Null);
        assert_eq!(get("f"), Value::String("2025-04-02".into()));
        assert_eq!(get("g"), Value::Int(31));
        assert_eq!(get("h"), Value::Float(0.5));
        assert_eq!(get("i"), Value::Float(1000.0));
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_places() {
        let doc = load("title: a\nkind: incident\ntitle: b\n").unwrap();
        assert_eq!(doc.duplicates.len(), 1);
        assert_eq!(doc.duplicates[0].key, "title");
        assert_eq!(doc.duplicates[0].span.start, Pos { line: 3, col: 1 });
        assert_eq!(doc.duplicates[0].first.start, Pos { line: 1, col: 1 });
        assert_eq!(doc.root.get("title").unwrap().as_str(), Some("a"));
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            s.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let err = load(&s).unwrap_err();
        assert_eq!(err.code, Code::TooManyNodes);
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let s = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = load(&s).unwrap_err();
        assert_eq!(err.code, Code::TooDeep);
        assert_eq!(err.message, "nesting is deeper than 64 levels");
    }

    #[test]
    fn deep_block_nesting_is_stopped_at_the_limit() {
        let s: String = (0..100)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let err = load(&s).unwrap_err();
        assert_eq!(err.code, Code::TooDeep);
        assert_eq!(err.span.start, Pos { line: 65, col: 65 });
    }

    #[test]
    fn non_utf8_is_located() {
        let err = decode(b"title: ok\nbody: caf\xe9\n").unwrap_err();
        assert_eq!(err.code, Code::NotUtf8);
        assert_eq!(err.span.start, Pos { line: 2, col: 10 });
    }

    #[test]
    fn characters_yaml_forbids_are_located() {
        let err = decode(b"a: 1\r\nb: 2\rc: \"\xc3\xa9\x1b\"\n").unwrap_err();
        assert_eq!(err.code, Code::ControlCharacter);
        assert_eq!(err.span.start, Pos { line: 3, col: 6 });
        assert_eq!(
            err.message,
            "control character U+001B is not allowed in YAML; write it as an escape (\"\\e\") inside a double-quoted string"
        );
        for ok in [
            "\t\r\n ~\u{85}\u{a0}\u{d7ff}\u{e000}\u{fffd}\u{10000}\u{10ffff}",
            "\u{feff}a: 1",
        ] {
            assert_eq!(decode(ok.as_bytes()), Ok(ok));
        }
        for (bad, escape) in [
            ("\u{1}", "\\x01"),
            ("\u{b}", "\\v"),
            ("\u{7f}", "\\x7f"),
            ("\u{80}", "\\x80"),
            ("\u{9f}", "\\x9f"),
            ("\u{ffff}", "\\uffff"),
        ] {
            let err = decode(format!("a: {bad}").as_bytes()).unwrap_err();
            assert_eq!(err.span.start, Pos { line: 1, col: 4 }, "{bad:?}");
            assert!(
                err.message.contains(&format!("(\"{escape}\")")),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn aliases_expand_to_copies() {
        let doc = load("a: &x [Web app]\nb: *x\n").unwrap();
        assert_eq!(
            doc.root.get("b").unwrap().to_json(),
            serde_json::json!(["Web app"])
        );
    }
}
