//! A second, faster reader for the plain YAML that records are written in.
//!
//! It reads the common subset straight from the text, line by line, and feeds the same
//! [`Builder`] the saphyr path feeds, so the tree, its spans, the duplicate keys and the
//! limits come out the same. Whenever it meets anything it is not certain about (anchors,
//! tags, nested flow collections, multi-line plain or quoted scalars, tabs, CR, directives, a second
//! document, an error of any kind…) it gives up and returns `None`, and [`super::parse`]
//! reads the file again with saphyr. It never reports an error itself: every message comes
//! from the saphyr path, as before.
//!
//! The subset: block mappings and sequences (compact `- key: value` and `- - item`
//! included), plain, single- and double-quoted scalars on one line, literal and folded
//! block scalars with a chomping indicator, flow sequences and mappings of scalars on one
//! line,
//! comments, blank lines and a leading `---`, in LF text. The spans follow saphyr's: a collection
//! starts at its first key or `-` (an indentless sequence at its first item's content) and
//! ends where the next token starts; a block scalar runs from its first content line to
//! where the scanner stops after it; a flow collection ends at the end of its line.

use super::{Builder, Document, Frame, Map, Node, Pos, Span, Value, resolve_plain};

/// Deepest nesting the fast path reads; deeper files go to saphyr (which reports the limit).
const MAX_FAST_DEPTH: usize = 32;
/// Longest key the fast path reads (saphyr refuses simple keys over 1024 characters).
const MAX_KEY_BYTES: usize = 512;

/// Reads `source` into a document, or `None` when the saphyr path must read it.
pub(super) fn parse(source: &str) -> Option<Document> {
    if !plain_text(source.as_bytes()) {
        return None;
    }
    // saphyr ends the text at the start of the line after the last one, newline or not.
    let ended = source.ends_with('\n');
    let body = source.strip_suffix('\n').unwrap_or(source);
    let lines: Vec<&str> = body.split('\n').collect();
    // Without it, after a last line of blanks or a comment, saphyr closes the innermost
    // collection at the very end and the others on the line after: left to saphyr.
    if !ended && lines.last().is_none_or(|l| is_blank_or_comment(l)) {
        return None;
    }
    let mut reader = Reader {
        lines,
        ended,
        li: 0,
        ascii: source.is_ascii(),
        depth: 0,
        builder: Builder::default(),
    };
    reader.document()?;
    let root = reader.builder.root?;
    Some(Document {
        root,
        duplicates: reader.builder.duplicates,
    })
}

/// No tab, CR or other control character, no BOM, no U+0085, U+2028 or U+2029: text where
/// a line is what ends in LF and indentation is spaces.
fn plain_text(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {}
            0..0x20 | 0x7f => return false,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return false,
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                return false;
            }
            0xef if bytes.get(i + 1) == Some(&0xbb) && bytes.get(i + 2) == Some(&0xbf) => {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

struct Reader<'a> {
    lines: Vec<&'a str>,
    /// Whether the text ends with a newline.
    ended: bool,
    /// The line being read (0-based); `lines.len()` at the end of the text.
    li: usize,
    ascii: bool,
    depth: usize,
    builder: Builder,
}

/// What a line holds once its indentation is skipped.
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether the line holds nothing but spaces or a comment.
fn is_blank_or_comment(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('#')
}

/// Whether `line` holds a `-` entry indicator at byte `at`.
fn dash_at(line: &str, at: usize) -> bool {
    let b = line.as_bytes();
    b.get(at) == Some(&b'-') && matches!(b.get(at + 1), None | Some(b' '))
}

/// Where saphyr's `-` token at byte `at` ends: after the spaces that follow it, and after
/// the rest of the line if that is a comment.
fn entry_end(line: &str, at: usize) -> usize {
    if rest_is_trivia(line, at + 1, false) {
        line.len()
    } else {
        skip_spaces(line, at + 1)
    }
}

/// Skips spaces from byte `at`.
fn skip_spaces(line: &str, at: usize) -> usize {
    let b = line.as_bytes();
    let mut i = at;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// Whether the rest of the line from `at` (after spaces) is empty or a comment. A comment
/// needs a space before its `#`, unless it is at `at` and `at` follows a space already.
fn rest_is_trivia(line: &str, at: usize, space_before: bool) -> bool {
    let i = skip_spaces(line, at);
    match line.as_bytes().get(i) {
        None => true,
        Some(b'#') => i > at || space_before,
        Some(_) => false,
    }
}

/// Characters that cannot start a plain scalar here (`-` is handled by its caller).
fn bad_plain_start(c: u8) -> bool {
    matches!(
        c,
        b'?' | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Whether a plain scalar may start at byte `at` of `line`.
fn plain_start(line: &str, at: usize) -> bool {
    let b = line.as_bytes();
    match b.get(at) {
        None => false,
        Some(b'-') => !matches!(b.get(at + 1), None | Some(b' ')),
        Some(&c) => !bad_plain_start(c),
    }
}

/// Where a plain key that starts at `at` ends: the byte of its `:` (followed by a space or
/// the end of the line). `None` if the line holds no such key.
fn plain_key_end(line: &str, at: usize) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = at;
    while i < b.len() {
        match b[i] {
            b':' if matches!(b.get(i + 1), None | Some(b' ')) => return Some(i),
            b'#' if i > at && b[i - 1] == b' ' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Reads a single-quoted scalar whose `'` is at `at`: its text and the byte after its
/// closing quote. `None` if it does not close on this line.
fn single_quoted(line: &str, at: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let rest = line.get(at + 1..)?;
    let mut start = 0;
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' {
            out.push_str(&rest[start..i]);
            if b.get(i + 1) == Some(&b'\'') {
                out.push('\'');
                i += 2;
                start = i;
                continue;
            }
            return Some((out, at + 1 + i + 1));
        }
        i += 1;
    }
    None
}

/// Reads a double-quoted scalar whose `"` is at `at`: its text and the byte after its
/// closing quote. `None` if it does not close on this line or holds an escape the fast
/// path leaves to saphyr.
fn double_quoted(line: &str, at: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let rest = line.get(at + 1..)?;
    let b = rest.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                out.push_str(&rest[start..i]);
                return Some((out, at + 1 + i + 1));
            }
            b'\\' => {
                out.push_str(&rest[start..i]);
                let e = *b.get(i + 1)?;
                let simple = match e {
                    b'0' => Some('\0'),
                    b'a' => Some('\u{7}'),
                    b'b' => Some('\u{8}'),
                    b't' => Some('\t'),
                    b'n' => Some('\n'),
                    b'v' => Some('\u{b}'),
                    b'f' => Some('\u{c}'),
                    b'r' => Some('\r'),
                    b'e' => Some('\u{1b}'),
                    b' ' => Some(' '),
                    b'"' => Some('"'),
                    b'/' => Some('/'),
                    b'\\' => Some('\\'),
                    b'N' => Some('\u{85}'),
                    b'_' => Some('\u{a0}'),
                    b'L' => Some('\u{2028}'),
                    b'P' => Some('\u{2029}'),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    i += 2;
                } else {
                    let len = match e {
                        b'x' => 2,
                        b'u' => 4,
                        b'U' => 8,
                        _ => return None,
                    };
                    let hex = rest.get(i + 2..i + 2 + len)?;
                    if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                        return None;
                    }
                    let code = u32::from_str_radix(hex, 16).ok()?;
                    out.push(char::from_u32(code)?);
                    i += 2 + len;
                }
                start = i;
            }
            _ => i += 1,
        }
    }
    None
}

impl<'a> Reader<'a> {
    fn line(&self) -> &'a str {
        self.lines.get(self.li).copied().unwrap_or("")
    }

    /// The position of byte `at` of line `li`.
    fn pos(&self, li: usize, at: usize) -> Pos {
        let col = if self.ascii {
            at
        } else {
            self.lines[li][..at].chars().count()
        };
        Pos {
            line: li + 1,
            col: col + 1,
        }
    }

    fn point(&self, li: usize, at: usize) -> Span {
        let p = self.pos(li, at);
        Span { start: p, end: p }
    }

    fn span(&self, li: usize, from: usize, to: usize) -> Span {
        Span {
            start: self.pos(li, from),
            end: self.pos(li, to),
        }
    }

    /// Moves to the next line that holds content; refuses document markers and directives.
    fn next_content(&mut self) -> Option<()> {
        while self.li < self.lines.len() {
            let line = self.lines[self.li];
            if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
                return None;
            }
            if !is_blank_or_comment(line) {
                return Some(());
            }
            self.li += 1;
        }
        Some(())
    }

    /// The indentation of the current line, `None` at the end of the text.
    fn current_indent(&self) -> Option<usize> {
        (self.li < self.lines.len()).then(|| indent_of(self.lines[self.li]))
    }

    /// Where the next token starts: the current line's content, or the end of the text.
    fn next_token(&self) -> Span {
        match self.current_indent() {
            Some(i) => self.point(self.li, i),
            None => Span::point(self.lines.len() + 1, 1),
        }
    }

    fn document(&mut self) -> Option<()> {
        // Comments, blank lines and one `---` alone on its line before the content.
        while self.li < self.lines.len() && is_blank_or_comment(self.lines[self.li]) {
            self.li += 1;
        }
        if let Some(rest) = self.line().strip_prefix("---")
            && rest.bytes().all(|b| b == b' ')
        {
            self.li += 1;
        }
        self.next_content()?;
        if self.current_indent()? != 0 {
            return None;
        }
        if dash_at(self.line(), 0) {
            self.seq(0, false)?;
        } else {
            self.map(0)?;
        }
        // Only the end of the text may follow the root.
        (self.li == self.lines.len()).then_some(())
    }

    fn open(&mut self, frame: Frame, start: Span) -> Option<()> {
        self.depth += 1;
        if self.depth > MAX_FAST_DEPTH {
            return None;
        }
        self.builder.open(frame, start, 0).ok()
    }

    fn close(&mut self) -> Option<()> {
        self.depth -= 1;
        let end = self.next_token();
        self.builder.close(end).ok()
    }

    fn emit(&mut self, value: Value, span: Span) -> Option<()> {
        self.builder.finish(Node { value, span }, 0).ok()
    }

    /// A block mapping whose first key starts at byte `n` of the current line.
    fn map(&mut self, n: usize) -> Option<()> {
        let start = self.point(self.li, n);
        self.open(Frame::Map(Map::default()), start)?;
        loop {
            let after = self.key(n)?;
            self.map_value(n, after)?;
            match self.current_indent() {
                Some(i) if i == n => continue,
                Some(i) if i < n => break,
                None => break,
                Some(_) => return None,
            }
        }
        self.close()
    }

    /// The key at byte `at` of the current line; returns the byte after its `:`.
    fn key(&mut self, at: usize) -> Option<usize> {
        let li = self.li;
        let line = self.line();
        let b = line.as_bytes();
        let (value, span, colon) = match b.get(at)? {
            b'"' | b'\'' => {
                let (text, end) = if b[at] == b'"' {
                    double_quoted(line, at)?
                } else {
                    single_quoted(line, at)?
                };
                if b.get(end) != Some(&b':') {
                    return None;
                }
                (Value::String(text), self.span(li, at, end), end)
            }
            _ => {
                if !plain_start(line, at) {
                    return None;
                }
                let colon = plain_key_end(line, at)?;
                let text = &line[at..colon];
                if text.ends_with(' ') || text.len() > MAX_KEY_BYTES {
                    return None;
                }
                (resolve_plain(text), self.span(li, at, colon), colon)
            }
        };
        if !matches!(b.get(colon + 1), None | Some(b' ')) {
            return None;
        }
        self.emit(value, span)?;
        Some(colon + 1)
    }

    /// The value of a mapping entry (the mapping's keys at byte `n`) whose `:` ends just
    /// before byte `after` of the current line. Leaves the reader on the next content line.
    fn map_value(&mut self, n: usize, after: usize) -> Option<()> {
        let li = self.li;
        let line = self.line();
        let at = skip_spaces(line, after);
        if rest_is_trivia(line, after, false) {
            self.li += 1;
            self.next_content()?;
            return match self.current_indent() {
                Some(i) if i > n => self.nested(),
                Some(i) if i == n && dash_at(self.line(), i) => self.seq(n, true),
                _ => self.emit(Value::Null, self.point(li, after - 1)),
            };
        }
        if at == after {
            return None;
        }
        self.inline_value(n, at)
    }

    /// A collection that starts on the current line, below a key or `-` with nothing after.
    fn nested(&mut self) -> Option<()> {
        let i = self.current_indent()?;
        if dash_at(self.line(), i) {
            self.seq(i, false)
        } else {
            self.map(i)
        }
    }

    /// A scalar or flow collection that starts at byte `at` of the current line, in a
    /// collection indented by `n`. Leaves the reader on the next content line.
    fn inline_value(&mut self, n: usize, at: usize) -> Option<()> {
        let li = self.li;
        let line = self.line();
        match line.as_bytes()[at] {
            b'|' | b'>' => return self.block_scalar(n, at),
            b'[' | b'{' => self.flow(at)?,
            b'"' | b'\'' => {
                let (text, end) = if line.as_bytes()[at] == b'"' {
                    double_quoted(line, at)?
                } else {
                    single_quoted(line, at)?
                };
                if !rest_is_trivia(line, end, false) {
                    return None;
                }
                self.emit(Value::String(text), self.span(li, at, end))?;
            }
            _ => {
                if !plain_start(line, at) {
                    return None;
                }
                let b = line.as_bytes();
                let mut end = b.len();
                let mut i = at;
                while i < b.len() {
                    if b[i] == b'#' && b[i - 1] == b' ' {
                        end = i;
                        break;
                    }
                    i += 1;
                }
                let text = line[at..end].trim_end_matches(' ');
                if text.contains(": ") || text.ends_with(':') {
                    return None;
                }
                let end = at + text.len();
                self.emit(resolve_plain(text), self.span(li, at, end))?;
            }
        }
        self.li += 1;
        self.next_content()?;
        // A deeper line after a one-line value would continue it, or be an error.
        match self.current_indent() {
            Some(i) if i > n => None,
            _ => Some(()),
        }
    }

    /// A block sequence whose first `-` is at byte `n` of the current line. An indentless
    /// sequence (a mapping's value at the mapping's own indentation) starts at its first
    /// item's content, as saphyr has it.
    fn seq(&mut self, n: usize, indentless: bool) -> Option<()> {
        let li = self.li;
        let start = if indentless {
            self.point(li, entry_end(self.line(), n))
        } else {
            self.point(li, n)
        };
        self.open(Frame::Seq(Vec::new()), start)?;
        loop {
            self.item(n)?;
            match self.current_indent() {
                Some(i) if i == n && dash_at(self.line(), i) => continue,
                Some(i) if i == n && indentless => break,
                Some(i) if i < n => break,
                None => break,
                Some(_) => return None,
            }
        }
        self.close()
    }

    /// The item whose `-` is at byte `n` of the current line.
    fn item(&mut self, n: usize) -> Option<()> {
        let li = self.li;
        let line = self.line();
        if !dash_at(line, n) {
            return None;
        }
        let after = n + 1;
        if rest_is_trivia(line, after, false) {
            self.li += 1;
            self.next_content()?;
            return match self.current_indent() {
                Some(i) if i > n => self.nested(),
                _ => self.emit(Value::Null, self.point(li, line.len())),
            };
        }
        let at = skip_spaces(line, after);
        if dash_at(line, at) {
            return self.seq(at, false);
        }
        let is_key = match line.as_bytes()[at] {
            b'"' => double_quoted(line, at)
                .is_some_and(|(_, end)| line.as_bytes().get(end) == Some(&b':')),
            b'\'' => single_quoted(line, at)
                .is_some_and(|(_, end)| line.as_bytes().get(end) == Some(&b':')),
            _ => plain_start(line, at) && plain_key_end(line, at).is_some(),
        };
        if is_key {
            return self.map(at);
        }
        self.inline_value(n, at)
    }

    /// A flow sequence (`[`) or mapping (`{`) of scalars that opens at byte `at`, all on
    /// the current line; a mapping's entries are `key: value` pairs.
    fn flow(&mut self, at: usize) -> Option<()> {
        let li = self.li;
        let line = self.line();
        let b = line.as_bytes();
        let is_map = b[at] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let frame = if is_map {
            Frame::Map(Map::default())
        } else {
            Frame::Seq(Vec::new())
        };
        self.open(frame, self.point(li, at))?;
        let mut i = skip_spaces(line, at + 1);
        if b.get(i) != Some(&close) {
            loop {
                if is_map {
                    i = self.flow_scalar(li, i, close, true)?;
                    // `key: value`, the `:` right after the key.
                    if b.get(i) != Some(&b':') || b.get(i + 1) != Some(&b' ') {
                        return None;
                    }
                    i = skip_spaces(line, i + 1);
                }
                i = self.flow_scalar(li, i, close, false)?;
                i = skip_spaces(line, i);
                match *b.get(i)? {
                    c if c == close => break,
                    b',' => {
                        i = skip_spaces(line, i + 1);
                        if matches!(b.get(i), None | Some(b']' | b'}' | b',')) {
                            return None;
                        }
                    }
                    _ => return None,
                }
            }
        }
        // The closing bracket at byte `i`: only blanks or a comment may follow, and saphyr
        // ends the collection at the end of the line.
        if !rest_is_trivia(line, i + 1, false) {
            return None;
        }
        self.depth -= 1;
        let end = self.point(li, line.len());
        self.builder.close(end).ok()
    }

    /// A scalar inside a flow collection closed by `close`, at byte `i` of line `li`
    /// (a mapping's key when `key`); returns the byte after it.
    fn flow_scalar(&mut self, li: usize, i: usize, close: u8, key: bool) -> Option<usize> {
        let line = self.lines[li];
        let b = line.as_bytes();
        match *b.get(i)? {
            b'"' | b'\'' => {
                let (text, end) = if b[i] == b'"' {
                    double_quoted(line, i)?
                } else {
                    single_quoted(line, i)?
                };
                self.emit(Value::String(text), self.span(li, i, end))?;
                Some(end)
            }
            c => {
                if c == b'-' || bad_plain_start(c) {
                    return None;
                }
                let mut j = i;
                while let Some(&c) = b.get(j) {
                    match c {
                        b',' => break,
                        c if c == close => break,
                        // A key ends at its `: `; any other `:` is left to saphyr.
                        b':' if key && b.get(j + 1) == Some(&b' ') => break,
                        b'[' | b']' | b'{' | b'}' | b'#' | b':' => return None,
                        // saphyr refuses `-` before a flow indicator.
                        b'-' if matches!(b.get(j + 1), Some(b',' | b']' | b'}')) => {
                            return None;
                        }
                        _ => j += 1,
                    }
                }
                let text = line[i..j].trim_end_matches(' ');
                if key && text.len() != j - i {
                    return None;
                }
                let end = i + text.len();
                self.emit(resolve_plain(text), self.span(li, i, end))?;
                Some(j)
            }
        }
    }

    /// A literal or folded block scalar whose indicator is at byte `at` of the current
    /// line, in a collection indented by `n`. Leaves the reader on the next content line.
    fn block_scalar(&mut self, n: usize, at: usize) -> Option<()> {
        let line = self.line();
        let b = line.as_bytes();
        let folded = b[at] == b'>';
        let mut h = at + 1;
        let chomp = match b.get(h) {
            Some(b'-') => {
                h += 1;
                Chomp::Strip
            }
            Some(b'+') => {
                h += 1;
                Chomp::Keep
            }
            _ => Chomp::Clip,
        };
        if !matches!(b.get(h), None | Some(b' ')) || !rest_is_trivia(line, h, false) {
            return None;
        }
        // Leading empty lines, then the first content line sets the indentation.
        let mut li = self.li + 1;
        let mut leading = 0;
        while li < self.lines.len() && self.lines[li].bytes().all(|c| c == b' ') {
            leading += 1;
            li += 1;
        }
        let first = li;
        let m = indent_of(self.lines.get(first)?);
        if m <= n {
            return None;
        }
        for l in &self.lines[self.li + 1..first] {
            if l.len() > m {
                return None;
            }
        }
        let mut text = String::new();
        for _ in 0..leading {
            text.push('\n');
        }
        // Content lines, with the empty lines between them counted.
        let mut empty = 0usize;
        let mut any = false;
        while li < self.lines.len() {
            let l = self.lines[li];
            if l.bytes().all(|c| c == b' ') && (l.len() <= m || folded) {
                if l.len() > m {
                    return None;
                }
                empty += 1;
                li += 1;
                continue;
            }
            let k = indent_of(l);
            if k < m {
                break;
            }
            if folded && k > m {
                return None;
            }
            if any {
                if folded {
                    if empty == 0 {
                        text.push(' ');
                    }
                    for _ in 0..empty {
                        text.push('\n');
                    }
                } else {
                    for _ in 0..=empty {
                        text.push('\n');
                    }
                }
            }
            text.push_str(&l[m..]);
            any = true;
            empty = 0;
            li += 1;
        }
        // A block scalar that runs to the end of a text without a final newline is left to
        // saphyr, which ends and chomps it its own way.
        if !self.ended && li == self.lines.len() {
            return None;
        }
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => text.push('\n'),
            Chomp::Keep => {
                for _ in 0..=empty {
                    text.push('\n');
                }
            }
        }
        let start = self.pos(first, m);
        self.li = li;
        // The scanner stops after the indentation of the line that ends the scalar.
        let end = match self.current_indent() {
            Some(i) => self.pos(self.li, i),
            None => Pos {
                line: self.lines.len() + 1,
                col: 1,
            },
        };
        self.emit(Value::String(text), Span { start, end })?;
        self.next_content()?;
        match self.current_indent() {
            Some(i) if i > n => None,
            _ => Some(()),
        }
    }
}

#[derive(Clone, Copy)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

#[cfg(test)]
mod tests;
