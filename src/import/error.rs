//! Why a source could not be imported.

/// Why a source could not be imported. The messages of a source's content do not name its
/// file: the command adds it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file may not or cannot be read.
    #[error(transparent)]
    File(#[from] crate::load::files::FileError),
    #[error("standard input: {reason}")]
    Stdin { reason: String },
    /// `import URL` could not get the document.
    #[error("{url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("{}: not UTF-8 (at byte {at})", path.display())]
    NotUtf8 { path: std::path::PathBuf, at: usize },
    #[error("this is an HTML page, not a feed: give the address of its RSS or Atom feed")]
    Html,
    #[error("not a feed: expected RSS or Atom (XML) or Statuspage's incidents.json")]
    Unknown,
    /// `at` is `line:column`.
    #[error("{at}: malformed XML: {source}")]
    Xml {
        at: String,
        #[source]
        source: quick_xml::Error,
    },
    #[error(
        "{at}: the document declares its own entities (a DTD): refused, as entity expansion can blow up"
    )]
    Dtd { at: String },
    #[error("{at}: not a feed: the document is a <{root}>, not <rss> or <feed>")]
    NotFeed { at: String, root: String },
    #[error("{at}: unknown entity `&{name};`")]
    Entity { at: String, name: String },
    #[error("not a feed: no XML element found")]
    NoElement,
    #[error("the feed has no items: nothing to import")]
    NoItems,
    /// `first` is the first reason, with its place, or empty.
    #[error("none of the feed's items can be used ({items} in all){first}")]
    NothingUsable { items: usize, first: String },
    /// `at` is `line:column`; `message` serde's, without its own place.
    #[error("{at}: not the shape of Statuspage's API v2: {message}")]
    Shape { at: String, message: String },
    #[error("{}:{}: malformed JSON: {source}", source.line(), source.column())]
    Json {
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "not a document this tool reads: it looks like {looks_like}; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds"
    )]
    NoIncidentList { looks_like: String },
    #[error("the document has no incidents: nothing to import")]
    NoIncidents,
    /// Incident `n` (from 0) has no name.
    #[error("incident {n}: no `name`")]
    NoName { n: usize },
    #[error("incident {n} ({title}): no updates with a time and a status")]
    NoUpdates { n: usize, title: String },
}
