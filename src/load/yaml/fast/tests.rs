//! The fast reader against the saphyr path: whenever it accepts a text, the document must
//! be the one saphyr's events build.

mod corpus;

use super::super::{Document, Pos, Span, Step, Value, locate, parse, parse_with_saphyr};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Runs both readers; panics if the fast one accepts `s` and differs. True if it accepted.
fn same(s: &str) -> bool {
    match super::parse(s) {
        None => false,
        Some(fast) => {
            let slow = parse_with_saphyr(s);
            assert_eq!(Ok(&fast), slow.as_ref(), "the readers differ on:\n{s}");
            true
        }
    }
}

fn declines(s: &str) {
    assert!(super::parse(s).is_none(), "the fast reader accepted:\n{s}");
}

fn doc(s: &str) -> Document {
    assert!(same(s), "the fast reader declined:\n{s}");
    super::parse(s).unwrap()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !matches!(name.to_str(), Some("target" | ".git" | "node_modules")) {
                yaml_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_yaml_file_of_the_repository_reads_the_same() {
    let mut files = Vec::new();
    yaml_files(&repo(), &mut files);
    files.sort();
    assert!(files.len() > 60, "{}", files.len());
    let mut accepted = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if same(&text) {
            accepted += 1;
        }
    }
    assert!(accepted > files.len() / 2, "{accepted} of {}", files.len());
}

#[test]
fn every_example_and_starter_file_is_read_by_the_fast_reader() {
    let mut files = Vec::new();
    yaml_files(&repo().join("examples"), &mut files);
    files.push(repo().join("src/cmd/init/example.yaml"));
    assert!(files.len() >= 7, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(same(&text), "declined {}", path.display());
    }
}

/// xorshift64*: the same pseudo-random documents on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Whether this document keeps to what the fast reader should accept.
static CLEAN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

fn clean() -> bool {
    CLEAN.load(std::sync::atomic::Ordering::Relaxed)
}

/// A pick from `items`, whose first `safe` entries are inside the subset and the rest
/// outside it (taken only in documents that are not clean).
fn pick<'a>(r: &mut Rng, items: &[&'a str], safe: usize) -> &'a str {
    if clean() {
        items[r.below(safe)]
    } else {
        r.pick(items)
    }
}

const PLAIN: &[&str] = &[
    "word",
    "two words",
    "Web app",
    "1",
    "-3",
    "+4",
    "007",
    "1.5",
    "-0.25",
    "1e3",
    "2E-2",
    ".5",
    "5.",
    "0x1f",
    "0o17",
    "0xZZ",
    "true",
    "False",
    "TRUE",
    "null",
    "Null",
    "~",
    "yes",
    "2025-04-02",
    "2025-04-02T17:53:40Z",
    "2025-05-30T18:22:00+02:00",
    "18:22",
    "https://status.example.com/a?b=c#d",
    "C#",
    "it's",
    "say \"hi\"",
    "ünïcödé",
    "日本語 テキスト",
    "x,y",
    "a[0]",
    "{not} flow",
    "-x",
    "a:b",
    "a - b",
    "99.9%",
    "x # comment",
    "x   #  c: d",
    "key: v",
    "ends:",
    "- x",
    "?x",
    ":x",
    "%x",
    "@x",
    "`x`",
    "*x",
    "&x y",
    "!x y",
    "|x",
    ">x",
    "x\ty",
];
const PLAIN_SAFE: usize = 42;

const SINGLE: &[&str] = &[
    "'plain'",
    "''",
    "'it''s'",
    "'a: b # c'",
    "'\"x\"'",
    "'ü''ö'",
    "'1'",
    "'true'",
    "'  spaced  '",
    "'\\n stays'",
    "'open",
];
const SINGLE_SAFE: usize = 10;

const DOUBLE: &[&str] = &[
    "\"plain\"",
    "\"\"",
    "\"a: b # c\"",
    "\"tab\\tnew\\nline\"",
    "\"q\\\"q\\\\\"",
    "\"\\x41\\u00e9\\U0001F600\"",
    "\"\\/\\0\\a\\b\\e\\f\\v\\r\"",
    "\"\\N\\_\\L\\P\\ \"",
    "\"it's\"",
    "\"ünï\"",
    "\"1.5\"",
    "\"bad \\q\"",
    "\"bad \\ud800\"",
    "\"bad \\x4\"",
    "\"open",
    "\"x\" y",
];
const DOUBLE_SAFE: usize = 11;

const FLOW: &[&str] = &[
    "{target: 99.9, window: 30d}",
    "{ }",
    "{}",
    "{\"w\": x y, 'k': 'v' }  # c",
    "{a: 1, a: 2}",
    "{title: Validate configuration in CI, owner: platform, due: 2026-05-01, status: open}",
    "{1.0: ~, true: \"\\u00e9\"}",
    "[Gateway]",
    "[Web app, API]",
    "[ a , b ,c ]",
    "[]",
    "[ ]",
    "[\"x, y\", 'z']",
    "[1, 2.5, true, null, ~]",
    "[SRE team]  # who",
    "[a,]",
    "[a: b]",
    "[a, [b]]",
    "[a, {b: c}]",
    "[a # c]",
    "[-a]",
    "[a]x",
    "[a",
    "{a}",
    "{a: }",
    "{a:1}",
    "{a: b: c}",
    "{a: [b]}",
    "{? a: b}",
    "{a: 1,}",
    "{a : 1}",
    "{a: 1",
    "{a: -}",
    "{a: b}c",
];
const FLOW_SAFE: usize = 15;

const KEYS: &[&str] = &[
    "title",
    "severity",
    "a",
    "b",
    "two words",
    "with-dash",
    "under_score",
    "1",
    "1.0",
    "0x1f",
    "true",
    "~",
    "null",
    "é",
    "日本",
    "\"quoted: key\"",
    "'single # key'",
    "\"title\"",
    "\"\\u00e9\"",
    "a:b",
    "x ",
    "? x",
    "-k",
    "&a k",
];
const KEYS_SAFE: usize = 20;

const WORDS: &[&str] = &[
    "alpha", "beta", "gamma", "ünï", "x", "#", "# not", "a: b", "- c", "'q'", "\"d\"", "|",
];

fn comment(r: &mut Rng) -> &'static str {
    match r.below(10) {
        0 => "  # a comment",
        1 => " # c: with 'quotes'",
        2 if !clean() => "#nospace",
        3 => "   ",
        _ => "",
    }
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

/// Lines between entries: nothing, blank lines, comment lines at any indentation.
fn filler(r: &mut Rng, out: &mut String) {
    for _ in 0..r.below(3).saturating_sub(1) {
        match r.below(4) {
            0 => out.push('\n'),
            1 => {
                let _ = writeln!(out, "{}", spaces(r.below(6)));
            }
            _ => {
                let _ = writeln!(out, "{}# note {}", spaces(r.below(8)), r.below(9));
            }
        }
    }
}

fn block_scalar(r: &mut Rng, out: &mut String, indent: usize) {
    let header = pick(r, &["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-", "|x"], 6);
    let _ = writeln!(out, " {header}{}", r.pick(&["", "", "  # why", " "]));
    let m = indent + 1 + r.below(4);
    let wide = if clean() { 1 } else { 3 };
    if r.chance(20) {
        let _ = writeln!(out, "{}", spaces(r.below(m + wide)));
    }
    for i in 0..1 + r.below(5) {
        match if i == 0 { 9 } else { r.below(10) } {
            0 if i > 0 => out.push('\n'),
            1 if i > 0 => {
                let _ = writeln!(out, "{}", spaces(r.below(m + wide)));
            }
            2 if !clean() || header.starts_with('|') => {
                let _ = writeln!(out, "{}{} more", spaces(m + 1 + r.below(3)), r.pick(WORDS));
            }
            3 => {
                let _ = writeln!(out, "{}{} trailing  ", spaces(m), r.pick(WORDS));
            }
            _ => {
                let _ = writeln!(out, "{}{} {}", spaces(m), r.pick(WORDS), r.pick(WORDS));
            }
        }
    }
    for _ in 0..r.below(3) {
        let _ = writeln!(out, "{}", spaces(r.below(m + 1)));
    }
}

/// A value after `key:` or `- ` on the same line (or below it), in a collection indented
/// by `indent`.
fn value(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    let roll = r.below(100);
    if depth < 6 && roll < 22 {
        let _ = writeln!(out, "{}", comment(r));
        filler(r, out);
        let child = indent + 1 + r.below(4);
        if r.chance(50) {
            map(r, out, child, depth + 1);
        } else {
            seq(r, out, child, depth + 1);
        }
        return;
    }
    match roll {
        22..=26 => {
            let _ = writeln!(out, "{}", comment(r));
        }
        27..=34 => block_scalar(r, out, indent),
        35..=44 => {
            let _ = writeln!(out, " {}{}", pick(r, FLOW, FLOW_SAFE), comment(r));
        }
        45..=54 => {
            let _ = writeln!(out, " {}{}", pick(r, SINGLE, SINGLE_SAFE), comment(r));
        }
        55..=66 => {
            let _ = writeln!(out, " {}{}", pick(r, DOUBLE, DOUBLE_SAFE), comment(r));
        }
        _ => {
            let _ = writeln!(
                out,
                "{}{}{}",
                spaces(1 + r.below(2) * r.below(3)),
                pick(r, PLAIN, PLAIN_SAFE),
                comment(r)
            );
        }
    }
}

fn map(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    for i in 0..1 + r.below(5) {
        if i > 0 {
            filler(r, out);
        }
        let _ = write!(out, "{}{}:", spaces(indent), pick(r, KEYS, KEYS_SAFE));
        if depth < 6 && r.chance(12) {
            // An indentless sequence: the `-` at the key's own column.
            let _ = writeln!(out, "{}", comment(r));
            seq(r, out, indent, depth + 1);
            continue;
        }
        value(r, out, indent, depth);
    }
}

fn seq(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    for i in 0..1 + r.below(4) {
        if i > 0 {
            filler(r, out);
        }
        let _ = write!(out, "{}-", spaces(indent));
        match r.below(10) {
            0 if depth < 6 => {
                // `- key: value` and more keys below it.
                let pad = 1 + r.below(3);
                let col = indent + 1 + pad;
                let _ = write!(out, "{}", spaces(pad));
                let mut compact = String::new();
                map(r, &mut compact, col, depth + 1);
                out.push_str(&compact[col..]);
            }
            1 if depth < 6 => {
                let pad = 1 + r.below(2);
                let col = indent + 1 + pad;
                let _ = write!(out, "{}", spaces(pad));
                let mut nested = String::new();
                seq(r, &mut nested, col, depth + 1);
                out.push_str(&nested[col..]);
            }
            2 => {
                let _ = writeln!(out, "{}", r.pick(&["", " ", " # empty"]));
            }
            _ => value(r, out, indent, depth),
        }
    }
}

fn document(r: &mut Rng) -> String {
    let mut out = String::new();
    if r.chance(20) {
        out.push_str("# leading comment\n");
    }
    if r.chance(15) {
        out.push_str(pick(
            r,
            &[
                "---\n",
                "--- \n",
                "---\n\n",
                "--- # c\n",
                "%YAML 1.2\n---\n",
            ],
            3,
        ));
    }
    if r.chance(80) {
        map(r, &mut out, 0, 0);
    } else {
        seq(r, &mut out, 0, 0);
    }
    filler(r, &mut out);
    if r.chance(10) {
        // Without the final newline.
        out.pop();
    }
    if !clean() && r.chance(10) {
        out.push_str(r.pick(&["---\nb: 1\n", "...\n", "\n\n"]));
    }
    out
}

/// Small damage: a character removed, doubled or replaced, to reach the edges of the subset.
fn mutate(r: &mut Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let at = r.below(chars.len());
    let mut out: Vec<char> = chars.clone();
    let extra = [
        '-', ':', ' ', '#', '\'', '"', '\n', '[', ']', ',', '|', '>', '\\', 'x', '&', '\t',
    ];
    match r.below(3) {
        0 => {
            out.remove(at);
        }
        1 => out.insert(at, extra[r.below(extra.len())]),
        _ => out[at] = extra[r.below(extra.len())],
    }
    out.into_iter().collect()
}

#[test]
fn pseudo_random_documents_read_the_same() {
    let mut r = Rng(0x1234_5678_9ABC_DEF1);
    let (mut total, mut accepted) = (0, 0);
    // More rounds on demand: `YAML_FAST_ROUNDS=200000 cargo test --lib fast`.
    let rounds = std::env::var("YAML_FAST_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6000);
    for i in 0..rounds {
        CLEAN.store(i % 4 != 0, std::sync::atomic::Ordering::Relaxed);
        let text = document(&mut r);
        total += 1;
        if same(&text) {
            accepted += 1;
        }
        let damaged = mutate(&mut r, &text);
        same(&damaged);
    }
    // Most of the generated documents stay inside the subset, so the comparison means
    // something; the rest test the refusals.
    assert!(accepted * 3 > total * 2, "{accepted} of {total}");
}

/// The YAML spec's examples that saphyr-parser ships with its tests, when its source is in
/// the local cargo registry (it is wherever this crate has been built from crates.io).
fn saphyr_spec_examples() -> Option<Vec<String>> {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).ok()?;
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"saphyr-parser\""))?
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))?
        .trim_end_matches('"')
        .to_owned();
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let registry = home.join("registry/src");
    let inc = std::fs::read_dir(registry)
        .ok()?
        .flatten()
        .find_map(|index| {
            let file = index
                .path()
                .join(format!("saphyr-parser-{version}/tests/specexamples.rs.inc"));
            std::fs::read_to_string(file).ok()
        })?;
    // `const EX2_1 : &str =\n    "…";`: the string literals, unescaped (a few examples
    // name another one instead).
    let mut out = Vec::new();
    for part in inc.split("&str =").skip(1) {
        let Some(body) = part.trim_start().strip_prefix('"') else {
            continue;
        };
        let mut text = String::new();
        let mut chars = body.chars();
        loop {
            match chars.next()? {
                '"' => break,
                '\\' => match chars.next()? {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'r' => text.push('\r'),
                    '0' => text.push('\0'),
                    c => text.push(c),
                },
                c => text.push(c),
            }
        }
        out.push(text);
    }
    Some(out)
}

#[test]
fn the_yaml_spec_examples_read_the_same() {
    let Some(examples) = saphyr_spec_examples() else {
        eprintln!("saphyr-parser's source is not in the cargo registry: skipped");
        return;
    };
    assert!(examples.len() > 100, "{}", examples.len());
    let mut r = Rng(7);
    let mut accepted = 0;
    for text in &examples {
        let ended = format!("{}\n", text.trim_end_matches('\n'));
        for t in [text.clone(), ended] {
            if same(&t) {
                accepted += 1;
            }
            for _ in 0..50 {
                same(&mutate(&mut r, &t));
            }
        }
    }
    // Example 2.1, 2.2, 2.3 and others of plain block collections.
    assert!(accepted >= 10, "{accepted}");
}

#[test]
fn spans_follow_saphyr_where_it_is_not_obvious() {
    let d = doc(concat!(
        "a: |\n",
        "  one\n",
        "\n",
        "  two\n",
        "\n",
        "# after\n",
        "b:\n",
        "- x\n",
        "-   # empty\n",
        "c: [p, 'q']  # c\n",
        "d:\n",
        "  - k: v\n",
        "    e:\n",
    ));
    let Value::Map(entries) = &d.root.value else {
        panic!("{d:?}")
    };
    let span = |i: usize| {
        let s = entries[i].1.span;
        ((s.start.line, s.start.col), (s.end.line, s.end.col))
    };
    // A block scalar: from its first content line to the start of the line that ends it.
    assert_eq!(entries[0].1.value, Value::String("one\n\ntwo\n".into()));
    assert_eq!(span(0), ((2, 3), (6, 1)));
    // An indentless sequence starts at its first item's content, an empty item's null at
    // the end of its line; the sequence ends where the next key starts.
    assert_eq!(span(1), ((8, 3), (10, 1)));
    assert_eq!(entries[1].1.index(1).unwrap().span, Span::point(9, 12));
    // A flow sequence ends at the end of its line, comment included.
    assert_eq!(span(2), ((10, 4), (10, 17)));
    // A mapping's empty value sits on its `:`; collections close at the end of the text.
    let e = locate(&d.root, &[Step::Key("d"), Step::Index(0), Step::Key("e")]);
    assert_eq!(e.node.span, Span::point(13, 6));
    assert_eq!(e.node.value, Value::Null);
    assert_eq!(span(3), ((12, 3), (14, 1)));
    assert_eq!(d.root.span.end, Pos { line: 14, col: 1 });
    // A flow mapping too, and its duplicate keys are found as in a block one.
    let d = doc("a: {t: 9.9, 'w': x y, t: 1}  # c\n");
    let a = d.root.get("a").unwrap();
    assert_eq!(
        a.span,
        Span {
            start: Pos { line: 1, col: 4 },
            end: Pos { line: 1, col: 33 }
        }
    );
    assert_eq!(a.get("w").unwrap().as_str(), Some("x y"));
    assert_eq!(
        d.duplicates[0].first,
        Span {
            start: Pos { line: 1, col: 5 },
            end: Pos { line: 1, col: 6 }
        }
    );
    // Without a final newline the text still ends at the start of the line after.
    let d = doc("a: 1\nb: [x]");
    assert_eq!(d.root.span.end, Pos { line: 3, col: 1 });
    assert_eq!(d.root.get("b").unwrap().span.end, Pos { line: 2, col: 7 });
}

#[test]
fn values_and_duplicates_are_the_builders() {
    let d = doc(
        "1.0: a\n0x1f: \"\\u00e9\\x41\"\n~: 'it''s'\ntitle: x\ntitle: y\nf: >-\n  a\n  b\n\n  c\n",
    );
    let keys: Vec<&str> = match &d.root.value {
        Value::Map(e) => e.iter().map(|(k, _)| k.text.as_str()).collect(),
        _ => panic!(),
    };
    assert_eq!(keys, ["1", "31", "null", "title", "f"]);
    assert_eq!(d.root.get("31").unwrap().as_str(), Some("éA"));
    assert_eq!(d.root.get("null").unwrap().as_str(), Some("it's"));
    assert_eq!(d.root.get("f").unwrap().as_str(), Some("a b\nc"));
    assert_eq!(d.duplicates.len(), 1);
    assert_eq!(
        d.duplicates[0].span,
        Span {
            start: Pos { line: 5, col: 1 },
            end: Pos { line: 5, col: 6 }
        }
    );
}

#[test]
fn what_the_fast_reader_leaves_to_saphyr() {
    for s in [
        // A block scalar or a comment up to the end of a text without a final newline,
        // CR LF, a BOM, tabs, control characters.
        "a: |\n  x\n  ",
        "a:\n  b:\n    c: 1\n# c",
        "a: 1\r\n",
        "\u{feff}a: 1\n",
        "a:\t1\n",
        "a: \u{1}\n",
        // Anchors, aliases, tags, nested flow collections, complex keys, directives,
        // documents.
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: {b: [1]}\n",
        "? a\n: 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "--- a\n",
        // Multi-line plain and quoted scalars, a plain scalar with `: ` inside.
        "a: one\n  two\n",
        "a: \"one\n  two\"\n",
        "a: 'one\n  two'\n",
        "a: b: c\n",
        // Block scalars: explicit indentation, more-indented folded lines, empty ones.
        "a: |2\n   x\n",
        "a: >\n  x\n    y\n",
        "a: |\nb: 1\n",
        // A root scalar, an empty document, a root that does not start at column 1.
        "just text\n",
        "# only a comment\n",
        "  a: 1\n",
        // Errors: saphyr words them.
        "a: 1\n b: 2\n",
        "a: [1, 2\n",
        "a: \"bad \\q\"\n",
        "- a\nb: 1\n",
        "a: 'x' y\n",
    ] {
        declines(s);
        same(s);
    }
    // Deeper than the fast reader goes: saphyr reports the limit, as before.
    let deep: String = (0..70)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    declines(&deep);
    assert_eq!(
        parse(&deep).unwrap_err().code,
        crate::diagnostic::Code::TooDeep
    );
}
