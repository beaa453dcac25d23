//! Reading a YAML file from disk into a located tree, and from there into typed values
//! through the schema. Shared by records and the site configuration.

pub mod files;
pub mod schema;
pub mod yaml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic};
use schema::Which;
use yaml::{Document, Span};

/// A file's text and its tree, or the problems that stopped loading it.
pub struct Loaded {
    pub path: PathBuf,
    /// The file's text, kept for snippets in diagnostics (empty if it could not be read).
    pub source: String,
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses `path`. Never panics on any input: every failure is a diagnostic.
pub fn read(path: &Path) -> Loaded {
    match files::read_regular(path, yaml::MAX_FILE_BYTES as u64, yaml::LIMITED) {
        Ok(bytes) => from_bytes(path, &bytes),
        Err(e) => Loaded {
            path: path.to_owned(),
            source: String::new(),
            document: None,
            diagnostics: vec![Diagnostic::error(
                path,
                Span::point(1, 1),
                e.code(),
                e.message(),
            )],
        },
    }
}

/// Parses the bytes of a file named `path` (the name is only used in messages).
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    let mut loaded = Loaded {
        path: path.to_owned(),
        source: String::new(),
        document: None,
        diagnostics: Vec::new(),
    };
    let text = match yaml::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            loaded
                .diagnostics
                .push(Diagnostic::error(path, e.span, e.code, e.message));
            return loaded;
        }
    };
    loaded.source = text.to_owned();
    match yaml::parse(text) {
        Ok(doc) => {
            for dup in &doc.duplicates {
                loaded.diagnostics.push(
                    Diagnostic::error(
                        path,
                        dup.span,
                        Code::DuplicateKey,
                        format!("duplicate key `{}`", dup.key),
                    )
                    .with_help(format!(
                        "`{}` is already set on line {}",
                        dup.key, dup.first.start.line
                    )),
                );
            }
            loaded.document = Some(doc);
        }
        Err(e) => loaded
            .diagnostics
            .push(Diagnostic::error(path, e.span, e.code, e.message)),
    }
    loaded
}

/// Checks a loaded tree against a schema and reads it into `T`.
///
/// When the schema finds problems they are all reported, and then the keys at fault are
/// pruned and the rest is read anyway: if what remains still makes a `T` (the faulty keys
/// were optional), the semantic rules can run on it too, so that one run reports as much as
/// it can. Only mapping keys are pruned, never list items, so positions stay right.
pub fn typed<T: DeserializeOwned>(which: Which, loaded: &mut Loaded) -> Option<T> {
    typed_with_faults(which, loaded).0
}

/// [`typed`], and the JSON pointers of the values the schema found fault with (none when it
/// accepted the document), for the rules that can still run on the rest of the tree.
pub fn typed_with_faults<T: DeserializeOwned>(
    which: Which,
    loaded: &mut Loaded,
) -> (Option<T>, Vec<String>) {
    let Some(doc) = loaded.document.as_ref() else {
        return (None, Vec::new());
    };
    let mut json = doc.root.to_json();
    let problems = schema::validate(which, &loaded.path, &doc.root, &json);
    if problems.is_empty() {
        let typed = match serde_json::from_value(json) {
            Ok(v) => Some(v),
            Err(e) => {
                // The schema accepted the document, so the schema and the types disagree:
                // a defect, reported rather than a panic.
                loaded.diagnostics.push(Diagnostic::error(
                    &loaded.path,
                    doc.root.span,
                    Code::Internal,
                    format!("the record passed the schema but could not be read: {e}"),
                ));
                None
            }
        };
        return (typed, Vec::new());
    }
    let faulty = schema::faulty_keys(which, &json);
    prune(&mut json, &faulty);
    loaded.diagnostics.extend(problems);
    (serde_json::from_value(json).ok(), faulty)
}

/// Removes the object keys that `pointers` (JSON pointers) name, where they name one. The
/// keys of one object go in one pass, so that pruning many keys stays linear.
fn prune(json: &mut serde_json::Value, pointers: &[String]) {
    let mut by_parent: HashMap<&str, HashSet<String>> = HashMap::new();
    for pointer in pointers {
        if let Some((parent, key)) = pointer.rsplit_once('/') {
            let key = key.replace("~1", "/").replace("~0", "~");
            by_parent.entry(parent).or_default().insert(key);
        }
    }
    for (parent, keys) in by_parent {
        if let Some(serde_json::Value::Object(map)) = json.pointer_mut(parent) {
            map.retain(|k, _| !keys.contains(k));
        }
    }
}
