//! Editing a record in place (`update`, `draft`): new lines are inserted where the spans the
//! loader keeps say, and every other byte of the file stays as it was: comments, key order,
//! quoting, blank lines, line endings (LF, CRLF or CR), a missing final line break.
//!
//! Nothing here re-writes the document: an edit is a list of insertions into the original
//! text (and, on request, the removal of a placeholder comment the caller names exactly:
//! the tree is the same without it). New values go through the one YAML emitter ([`crate::formats::yaml`]), so that no
//! text can end its value early or start a key. New items copy the layout of the item before
//! them (its dash, its indentation, block or flow style); a new nested block uses the
//! indentation the file uses elsewhere. The caller re-loads the result and compares it with
//! what it meant to write ([`Editor::finish`] gives the text, [`crate::cmd`] checks it).

use crate::formats::yaml::{quoted, text};
use crate::load::yaml::{Document, LoadError, Node, Pos, Step, Value, parse};

/// A value to write: YAML text written by this tool (a timestamp, an enum), text that must
/// be quoted (a name), Markdown (a literal block where that reads back exactly), or a
/// mapping or list of them.
#[derive(Clone, Debug)]
pub enum Item {
    /// Written as it is: only for values this tool made (timestamps, enums, numbers).
    Plain(String),
    /// Any text: double-quoted.
    Quoted(String),
    /// Markdown: a `|-` block in block style where it reads back exactly, else quoted.
    Text(String),
    /// A comment line (block style only), written before the next entry.
    Comment(String),
    Map(Vec<(String, Item)>),
    Seq(Vec<Item>),
}

impl Item {
    /// The value as the loader reads it back (comments are not values).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Item::Plain(s) | Item::Quoted(s) | Item::Text(s) | Item::Comment(s) => {
                J::String(s.clone())
            }
            Item::Map(entries) => J::Object(
                entries
                    .iter()
                    .filter(|(_, v)| !matches!(v, Item::Comment(_)))
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
            Item::Seq(items) => J::Array(items.iter().map(Item::to_json).collect()),
        }
    }
}

/// A file being edited.
pub struct Editor {
    text: String,
    doc: Document,
    /// The byte offset at which each line starts (lines end at LF, CR LF or a lone CR).
    starts: Vec<usize>,
    eol: &'static str,
    /// How far a nested block is indented, and how far a list's dash is indented under its
    /// key, as the file does it.
    unit: usize,
    dash: usize,
    inserts: Vec<(usize, String)>,
    /// Byte ranges taken out: only the placeholder comments `new` writes, never a value.
    removals: Vec<(usize, usize)>,
}

/// Why an edit cannot be made in place.
#[derive(Debug, PartialEq)]
pub struct Unsupported(pub String);

impl Editor {
    /// Parses `text` for editing.
    pub fn new(text: &str) -> Result<Editor, LoadError> {
        let doc = parse(text)?;
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let eol = if text.contains("\r\n") {
            "\r\n"
        } else if text.contains('\r') {
            "\r"
        } else {
            "\n"
        };
        let mut editor = Editor {
            text: text.to_owned(),
            doc,
            starts,
            eol,
            unit: 2,
            dash: 2,
            inserts: Vec::new(),
            removals: Vec::new(),
        };
        editor.detect_style();
        Ok(editor)
    }

    /// The tree of the original text.
    pub fn root(&self) -> &Node {
        &self.doc.root
    }

    /// The line break the file uses.
    pub fn eol(&self) -> &'static str {
        self.eol
    }

    /// The text with every insertion and removal made.
    pub fn finish(mut self) -> String {
        // Stable: insertions at one offset keep the order they were made in; at the start
        // of a removed range they go where it was.
        self.inserts.sort_by_key(|(at, _)| *at);
        self.removals.sort();
        let mut removals = self.removals.iter().peekable();
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut last = 0;
        for (at, s) in &self.inserts {
            while let Some(&&(from, to)) = removals.peek()
                && to <= *at
            {
                out.push_str(&self.text[last..from.max(last)]);
                last = last.max(to);
                removals.next();
            }
            let at = (*at).max(last);
            out.push_str(&self.text[last..at]);
            out.push_str(s);
            last = at;
        }
        for &(from, to) in removals {
            out.push_str(&self.text[last..from.max(last)]);
            last = last.max(to);
        }
        out.push_str(&self.text[last..]);
        out
    }

    /// Takes out `comment` (whole, `# …`) where it ends the line on which the value at
    /// `path` ends, with the blanks before it: the placeholder comment of a value that is
    /// no longer a placeholder. Returns whether it was there.
    pub fn remove_comment_after(&mut self, path: &[Step<'_>], comment: &str) -> bool {
        let Some((node, _)) = self.find(path) else {
            return false;
        };
        let Ok(end) = self.flow_end(node) else {
            return false;
        };
        let rest = &self.text[end..];
        let line = rest.split(['\n', '\r']).next().unwrap_or(rest);
        let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
        if blanks == 0 || line[blanks..] != *comment {
            return false;
        }
        self.removals.push((end, end + line.len()));
        true
    }

    /// Writes `key: value` to the root mapping in place of the comment lines `template`
    /// (each whole, at the left margin), if the file has them, in that order, between two
    /// keys of the root mapping: the commented example of the key, replaced by the key
    /// itself. Returns whether it was there.
    pub fn replace_template(&mut self, template: &[&str], key: &str, value: Item) -> bool {
        let Some(&first) = template.first() else {
            return false;
        };
        let n = template.len();
        let Some(from) = (1..=self.lines().saturating_sub(n - 1)).find(|&line| {
            self.line(line) == first && (1..n).all(|i| self.line(line + i) == template[i])
        }) else {
            return false;
        };
        // Only comment lines, not lines of a text that runs over several lines.
        fn continues(node: &Node, lines: std::ops::RangeInclusive<usize>) -> bool {
            match &node.value {
                Value::Seq(items) => items.iter().any(|n| continues(n, lines.clone())),
                Value::Map(entries) => entries.iter().any(|(_, n)| continues(n, lines.clone())),
                _ => lines.into_iter().any(|l| {
                    let (start, end) = (node.span.start, node.span.end);
                    start.line < l && (l < end.line || (l == end.line && end.col > 1))
                }),
            }
        }
        if !matches!(self.doc.root.value, Value::Map(_))
            || self.is_flow(&self.doc.root)
            || continues(&self.doc.root, from..=from + n - 1)
        {
            return false;
        }
        let start = self.starts[from - 1];
        let end = self
            .starts
            .get(from + n - 1)
            .copied()
            .unwrap_or(self.text.len());
        let lines = self.entry_lines("", 0, key, &value);
        self.removals.push((start, end));
        let breaks = end == self.text.len() && !self.text[start..end].ends_with(['\n', '\r']);
        self.insert_lines((start, false), &lines);
        if breaks {
            // The template was the last line, without a line break: nor has the new block.
            if let Some((_, s)) = self.inserts.last_mut() {
                let trimmed = s.strip_suffix(self.eol).unwrap_or(s).to_owned();
                *s = trimmed;
            }
        }
        true
    }

    fn line(&self, n: usize) -> &str {
        let Some(&start) = self.starts.get(n.wrapping_sub(1)) else {
            return "";
        };
        let rest = &self.text[start..];
        rest.split(['\n', '\r']).next().unwrap_or(rest)
    }

    fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset of a position (columns count characters).
    fn offset(&self, p: Pos) -> usize {
        let Some(&start) = self.starts.get(p.line.wrapping_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        start
            + rest
                .char_indices()
                .nth(p.col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }

    fn char_at(&self, p: Pos) -> Option<char> {
        self.text[self.offset(p)..].chars().next()
    }

    fn is_flow(&self, node: &Node) -> bool {
        matches!(
            (&node.value, self.char_at(node.span.start)),
            (Value::Seq(_), Some('[')) | (Value::Map(_), Some('{'))
        )
    }

    /// Looks at the file's nested blocks: how far a mapping under a key is indented, and
    /// how far a list's dash is.
    fn detect_style(&mut self) {
        let (mut unit, mut dash) = (None, None);
        let mut queue = std::collections::VecDeque::from([&self.doc.root]);
        while let Some(node) = queue.pop_front() {
            match &node.value {
                Value::Map(entries) if !self.is_flow(node) => {
                    for (k, v) in entries {
                        if v.span.start.line > k.span.start.line && !self.is_flow(v) {
                            match &v.value {
                                Value::Map(inner) if unit.is_none() => {
                                    if let Some((first, _)) = inner.first() {
                                        unit = first.span.start.col.checked_sub(k.span.start.col);
                                    }
                                }
                                Value::Seq(items) if dash.is_none() => {
                                    if let Some(first) = items.first() {
                                        let line = self.line(first.span.start.line);
                                        let col = line.len() - line.trim_start_matches(' ').len();
                                        if line[col..].starts_with('-') {
                                            dash = (col + 1).checked_sub(k.span.start.col);
                                        }
                                    }
                                }
                                _ => {}
                            }
                        }
                        queue.push_back(v);
                    }
                }
                Value::Seq(items) => queue.extend(items.iter()),
                Value::Map(entries) => queue.extend(entries.iter().map(|(_, v)| v)),
                _ => {}
            }
        }
        let dash = dash.filter(|d| *d <= 8);
        self.unit = unit
            .filter(|u| (1..=8).contains(u))
            .or(dash.filter(|d| *d >= 2))
            .unwrap_or(2);
        self.dash = dash.unwrap_or(self.unit);
    }

    /// The node at `path` and the first line after it that belongs to something else (a
    /// following key or item of it or of any of its parents), or past the last line.
    fn find(&self, path: &[Step<'_>]) -> Option<(&Node, usize)> {
        let mut bound = self.lines() + 1;
        let mut node = &self.doc.root;
        for step in path {
            node = match (step, &node.value) {
                (Step::Key(k), Value::Map(entries)) => {
                    let i = entries.iter().position(|(key, _)| key.text == *k)?;
                    if let Some((next, _)) = entries.get(i + 1) {
                        bound = bound.min(next.span.start.line);
                    }
                    &entries[i].1
                }
                (Step::Index(i), Value::Seq(items)) => {
                    if let Some(next) = items.get(i + 1) {
                        bound = bound.min(next.span.start.line);
                    }
                    items.get(*i)?
                }
                _ => return None,
            };
        }
        Some((node, bound))
    }

    /// Where new lines go after a block that starts on line `from` and ends before line
    /// `bound`: after the last line that holds content. A comment line counts as content
    /// only when indented deeper than `indent` (it may be a line of a block scalar: `# h`).
    /// Returns the offset and whether a line break must come first (the file's last line
    /// has none).
    fn after_content(&self, from: usize, bound: usize, indent: usize) -> (usize, bool) {
        let mut last = from;
        for n in from..bound.min(self.lines() + 1) {
            let line = self.line(n);
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.is_empty() {
                continue;
            }
            let depth = line.len() - line.trim_start_matches(' ').len();
            if !trimmed.starts_with('#') || depth > indent {
                last = n;
            }
        }
        match self.starts.get(last) {
            Some(&next) => (next, false),
            None => (self.text.len(), true),
        }
    }

    fn insert_lines(&mut self, (at, break_first): (usize, bool), lines: &[String]) {
        let s = if break_first {
            format!("{}{}", self.eol, lines.join(self.eol))
        } else {
            lines.iter().map(|l| format!("{l}{}", self.eol)).collect()
        };
        self.inserts.push((at, s));
    }

    /// Where a flow collection's next item goes: just after its last item (before any
    /// comma, comment or the closing bracket), or just after its opening bracket; and the
    /// separator to write first.
    fn flow_insertion(&self, node: &Node) -> Result<(usize, &'static str), Unsupported> {
        let last = match &node.value {
            Value::Seq(items) => items.last(),
            Value::Map(entries) => entries.last().map(|(_, v)| v),
            _ => None,
        };
        match last {
            Some(last) => Ok((self.flow_end(last)?, ", ")),
            None => Ok((self.offset(node.span.start) + 1, "")),
        }
    }

    /// The offset just past a node written in flow style (a scalar's span ends there; a
    /// collection ends at its closing bracket, found after its last item).
    fn flow_end(&self, node: &Node) -> Result<usize, Unsupported> {
        let (from, close) = match &node.value {
            Value::Seq(items) if self.is_flow(node) => (items.last(), b']'),
            Value::Map(entries) if self.is_flow(node) => (entries.last().map(|(_, v)| v), b'}'),
            _ => return Ok(self.offset(node.span.end)),
        };
        let mut i = match from {
            Some(child) => self.flow_end(child)?,
            None => self.offset(node.span.start) + 1,
        };
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
                b'#' => {
                    while bytes.get(i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                        i += 1;
                    }
                }
                b if b == close => return Ok(i + 1),
                _ => break,
            }
        }
        Err(Unsupported(
            "cannot find the end of a flow collection".into(),
        ))
    }

    /// Appends `item` to the list at `path`.
    pub fn append(&mut self, path: &[Step<'_>], item: Item) -> Result<(), Unsupported> {
        let (seq, bound) = self
            .find(path)
            .ok_or_else(|| Unsupported(format!("no list at `{}`", shown(path))))?;
        let Value::Seq(items) = &seq.value else {
            return Err(Unsupported(format!("`{}` is not a list", shown(path))));
        };
        if self.is_flow(seq) {
            let (at, sep) = self.flow_insertion(seq)?;
            self.inserts.push((at, format!("{sep}{}", flow(&item))));
            return Ok(());
        }
        let Some(last) = items.last() else {
            return Err(Unsupported(format!("`{}` is an empty list", shown(path))));
        };
        let line = self.line(last.span.start.line);
        let start = self.offset(last.span.start) - self.starts[last.span.start.line - 1];
        let prefix = &line[..start.min(line.len())];
        let dash = prefix.trim_start_matches(' ');
        if !(dash.starts_with('-') && dash[1..].chars().all(|c| c == ' ' || c == '\t')) {
            return Err(Unsupported(format!(
                "the last item of `{}` does not start its line with `- `",
                shown(path)
            )));
        }
        let prefix = prefix.to_owned();
        let indent = prefix.chars().count();
        let mut bound_path = path.to_vec();
        bound_path.push(Step::Index(items.len() - 1));
        let bound = self.find(&bound_path).map_or(bound, |(_, b)| b);
        let lines = if self.char_at(last.span.start) == Some('{') {
            vec![format!("{prefix}{}", flow(&item))]
        } else {
            self.item_lines(&prefix, indent, &item)
        };
        let dash_col = prefix.len() - dash.len();
        let at = self.after_content(last.span.start.line, bound, dash_col);
        self.insert_lines(at, &lines);
        Ok(())
    }

    /// Adds `key: value` at the end of the mapping at `path`.
    pub fn add_key(
        &mut self,
        path: &[Step<'_>],
        key: &str,
        value: Item,
    ) -> Result<(), Unsupported> {
        let (map, bound) = self
            .find(path)
            .ok_or_else(|| Unsupported(format!("no mapping at `{}`", shown(path))))?;
        let Value::Map(entries) = &map.value else {
            return Err(Unsupported(format!("`{}` is not a mapping", shown(path))));
        };
        if self.is_flow(map) {
            let (at, sep) = self.flow_insertion(map)?;
            self.inserts
                .push((at, format!("{sep}{key}: {}", flow(&value))));
            return Ok(());
        }
        let Some((first, _)) = entries.first() else {
            return Err(Unsupported(format!(
                "`{}` is an empty mapping",
                shown(path)
            )));
        };
        let indent = first.span.start.col - 1;
        let pad = " ".repeat(indent);
        let lines = self.entry_lines(&pad, indent, key, &value);
        let at = self.after_content(map.span.start.line, bound, indent);
        self.insert_lines(at, &lines);
        Ok(())
    }

    /// Adds `key: value` to the root mapping, before its key `before` (after the content of
    /// the key above it, so that comments above `before` stay with it).
    pub fn add_root_key_before(
        &mut self,
        before: &str,
        key: &str,
        value: Item,
    ) -> Result<(), Unsupported> {
        let root = &self.doc.root;
        let Value::Map(entries) = &root.value else {
            return Err(Unsupported("the record is not a mapping".into()));
        };
        if self.is_flow(root) {
            return self.add_key(&[], key, value);
        }
        let Some(i) = entries.iter().position(|(k, _)| k.text == before) else {
            return self.add_key(&[], key, value);
        };
        let indent = entries[i].0.span.start.col - 1;
        let pad = " ".repeat(indent);
        let lines = self.entry_lines(&pad, indent, key, &value);
        let at = if i == 0 {
            (self.starts[entries[0].0.span.start.line - 1], false)
        } else {
            let from = entries[i - 1].0.span.start.line;
            self.after_content(from, entries[i].0.span.start.line, indent)
        };
        self.insert_lines(at, &lines);
        Ok(())
    }

    /// The lines of a list item whose first line starts with `prefix` (`  - `), its
    /// mapping's keys at column `indent`.
    fn item_lines(&self, prefix: &str, indent: usize, item: &Item) -> Vec<String> {
        match item {
            Item::Map(entries) => {
                let pad = " ".repeat(indent);
                let mut lines = Vec::new();
                for (k, v) in entries {
                    let mut entry = self.entry_lines(&pad, indent, k, v);
                    if lines.is_empty()
                        && let Some(first) = entry.first_mut()
                    {
                        *first = format!("{prefix}{}", &first[pad.len()..]);
                    }
                    lines.extend(entry);
                }
                lines
            }
            other => {
                let mut lines = self.value_lines(indent, other);
                if let Some(first) = lines.first_mut() {
                    *first = format!("{prefix}{first}");
                }
                lines
            }
        }
    }

    /// `key: value` at `indent`, as lines.
    fn entry_lines(&self, pad: &str, indent: usize, key: &str, value: &Item) -> Vec<String> {
        match value {
            Item::Comment(c) => vec![format!("{pad}{}", crate::formats::yaml::comment(c))],
            Item::Map(entries) if !entries.is_empty() => {
                let inner = indent + self.unit;
                let inner_pad = " ".repeat(inner);
                let mut lines = vec![format!("{pad}{key}:")];
                for (k, v) in entries {
                    lines.extend(self.entry_lines(&inner_pad, inner, k, v));
                }
                lines
            }
            Item::Seq(items) if !items.is_empty() => {
                let dash = indent + self.dash;
                let prefix = format!("{}- ", " ".repeat(dash));
                let mut lines = vec![format!("{pad}{key}:")];
                for item in items {
                    lines.extend(self.item_lines(&prefix, dash + 2, item));
                }
                lines
            }
            other => {
                let mut lines = self.value_lines(indent + self.unit, other);
                if let Some(first) = lines.first_mut() {
                    *first = format!("{pad}{key}: {first}");
                }
                lines
            }
        }
    }

    /// A scalar (or an empty or flow collection) as lines; a block scalar's lines are
    /// indented to `indent`.
    fn value_lines(&self, indent: usize, value: &Item) -> Vec<String> {
        match value {
            Item::Text(s) => text(s, indent).split('\n').map(str::to_owned).collect(),
            other => vec![flow(other)],
        }
    }
}

/// A value in flow style, on one line.
fn flow(item: &Item) -> String {
    match item {
        Item::Plain(s) => s.clone(),
        Item::Quoted(s) | Item::Text(s) | Item::Comment(s) => quoted(s),
        Item::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .filter(|(_, v)| !matches!(v, Item::Comment(_)))
                .map(|(k, v)| format!("{k}: {}", flow(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Item::Seq(items) => {
            let inner: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", inner.join(", "))
        }
    }
}

fn shown(path: &[Step<'_>]) -> String {
    let mut s = String::new();
    for step in path {
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
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index as I, Key as K};

    fn update(at: &str) -> Item {
        Item::Map(vec![
            ("at".into(), Item::Plain(at.into())),
            ("status".into(), Item::Plain("monitoring".into())),
            ("body".into(), Item::Text("A fix is deployed.".into())),
        ])
    }

    fn edited(text: &str, f: impl FnOnce(&mut Editor)) -> String {
        let mut e = Editor::new(text).unwrap();
        f(&mut e);
        e.finish()
    }

    #[test]
    fn a_placeholder_comment_or_template_is_taken_out_only_when_it_is_exactly_there() {
        let template = ["# b:", "#   c: 1"];
        let before = "a: []   # none yet\r\n# b:\r\n#   c: 1\r\nd: 2\r\n";
        let after = edited(before, |e| {
            assert!(e.remove_comment_after(&[K("a")], "# none yet"));
            e.append(&[K("a")], Item::Quoted("x".into())).unwrap();
            let b = Item::Map(vec![("c".into(), Item::Plain("2".into()))]);
            assert!(e.replace_template(&template, "b", b));
        });
        assert_eq!(after, "a: [\"x\"]\r\nb:\r\n  c: 2\r\nd: 2\r\n");
        // Another comment, the template's lines inside a block text, or not all of them:
        // nothing is taken out.
        let before =
            "a: []   # none\nt: |\n  x\n  # b:\n  #   c: 1\nd: |\n # b:\n #   c: 1\ne: 1\n# b:\n";
        let after = edited(before, |e| {
            assert!(!e.remove_comment_after(&[K("a")], "# none yet"));
            assert!(!e.replace_template(&template, "b", Item::Plain("1".into())));
        });
        assert_eq!(after, before);
        // The template as the last lines, without a final line break.
        let after = edited("d: 2\n# b:\n#   c: 1", |e| {
            assert!(e.replace_template(&template, "b", Item::Plain("1".into())));
        });
        assert_eq!(after, "d: 2\nb: 1");
    }

    #[test]
    fn an_item_copies_the_layout_of_the_one_before() {
        let before = "updates:\n    -   at: 1 # one\n        status: x\n\n# about b\nb: 1\n";
        let after = edited(before, |e| e.append(&[K("updates")], update("2")).unwrap());
        assert_eq!(
            after,
            "updates:\n    -   at: 1 # one\n        status: x\n    -   at: 2\n        status: monitoring\n        body: \"A fix is deployed.\"\n\n# about b\nb: 1\n"
        );
    }

    #[test]
    fn flow_lists_and_mappings_get_flow_items() {
        let before = "a: [x, y]   # c\nb: []\nc: {k: 1, l: [2, {m: 3} ] }\nd:\n  - {at: 1}\ne: [a,\n  b, # c\n]\n";
        let after = edited(before, |e| {
            e.append(&[K("a")], Item::Quoted("z\"".into())).unwrap();
            e.append(&[K("b")], Item::Quoted("z".into())).unwrap();
            e.add_key(&[K("c")], "end", Item::Plain("2".into()))
                .unwrap();
            e.append(&[K("d")], update("2")).unwrap();
            e.append(&[K("e")], Item::Plain("c".into())).unwrap();
        });
        assert_eq!(
            after,
            "a: [x, y, \"z\\\"\"]   # c\nb: [\"z\"]\nc: {k: 1, l: [2, {m: 3} ], end: 2 }\nd:\n  - {at: 1}\n  - {at: 2, status: monitoring, body: \"A fix is deployed.\"}\ne: [a,\n  b, c, # c\n]\n"
        );
    }

    #[test]
    fn crlf_and_a_missing_final_break_are_kept() {
        let after = edited("a:\r\n  - 1\r\nb: 2", |e| {
            e.append(&[K("a")], Item::Plain("2".into())).unwrap();
            e.add_key(&[], "c", Item::Plain("3".into())).unwrap();
        });
        assert_eq!(after, "a:\r\n  - 1\r\n  - 2\r\nb: 2\r\nc: 3");
    }

    #[test]
    fn a_comment_line_of_a_block_scalar_is_content() {
        let before = "u:\n  - body: |\n      # Heading\n      text\n# top\n";
        let after = edited(before, |e| {
            e.append(&[K("u")], Item::Plain("x".into())).unwrap()
        });
        assert_eq!(
            after,
            "u:\n  - body: |\n      # Heading\n      text\n  - x\n# top\n"
        );
    }

    #[test]
    fn new_blocks_use_the_files_indentation() {
        let before =
            "title: t\ncomponents:\n- a\nscheduled:\n    start: 1\nupdates:\n    - at: 1\n";
        let window = Item::Map(vec![("component".into(), Item::Quoted("a".into()))]);
        let after = edited(before, |e| {
            e.add_root_key_before(
                "updates",
                "impact",
                Item::Map(vec![("windows".into(), Item::Seq(vec![window]))]),
            )
            .unwrap();
        });
        assert_eq!(
            after,
            "title: t\ncomponents:\n- a\nscheduled:\n    start: 1\nimpact:\n    windows:\n    - component: \"a\"\nupdates:\n    - at: 1\n"
        );
        let e = Editor::new(before).unwrap();
        assert_eq!((e.unit, e.dash), (4, 0));
        let e = Editor::new("a:\n    - 1\n").unwrap();
        assert_eq!((e.unit, e.dash), (4, 4));
        let e = Editor::new("a: 1\n").unwrap();
        assert_eq!((e.unit, e.dash), (2, 2));
    }

    #[test]
    fn a_key_goes_after_the_last_entry_of_its_mapping() {
        let before =
            "w:\n  - component: a\n    start: 1 # s\n\n    # end later\n  - component: b\nx: 1\n";
        let after = edited(before, |e| {
            e.add_key(&[K("w"), I(0)], "end", Item::Plain("2".into()))
                .unwrap()
        });
        assert_eq!(
            after,
            "w:\n  - component: a\n    start: 1 # s\n    end: 2\n\n    # end later\n  - component: b\nx: 1\n"
        );
    }

    #[test]
    fn markdown_becomes_a_block_at_the_right_depth() {
        let before = "u:\n  - at: 1\n";
        let item = Item::Map(vec![("body".into(), Item::Text("a\n\nb".into()))]);
        let after = edited(before, |e| e.append(&[K("u")], item).unwrap());
        assert_eq!(after, "u:\n  - at: 1\n  - body: |-\n      a\n\n      b\n");
    }
}
