//! `postmortem`: incident postmortems as code.
//!
//! The folders are the pipeline, and data flows one way through them:
//!
//! 1. [`load`]: files are read ([`load::files`]: regular files only, never out of the
//!    repository), parsed into a tree with a span on every node ([`load::yaml`]) and checked
//!    against the JSON Schema ([`load::schema`]);
//! 2. [`check`]: the semantic rules, every problem a [`diagnostic::Diagnostic`];
//! 3. [`model`]: the typed record;
//! 4. [`figures`]: durations and availability, and reports over periods;
//! 5. [`render`]: views of records for templates, sentences, safe Markdown;
//! 6. [`formats`]: the documents other programs read: feeds, Statuspage JSON, iCalendar,
//!    YAML;
//! 7. [`site`]: the whole status page, published atomically ([`write`] for single files).
//!
//! Beside the pipeline: [`import`] reads other status pages into drafts, [`notify`] tells
//! subscribers what changed since the last published site, [`serve`] is the live preview,
//! [`config`] is `postmortem.yaml`, [`clock`] is the moment of a run, and [`cmd`] with
//! [`cli`] is the command line (`docs/design.md` has the map).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod check;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod figures;
pub mod formats;
pub mod import;
pub mod load;
pub mod model;
pub mod notify;
pub mod render;
pub mod serve;
pub mod site;
pub mod write;
