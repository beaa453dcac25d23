//! `postmortem`: incident postmortems as code.
//!
//! The data flows one way: [`load`] (YAML with positions, from [`yaml`]) → [`check`]
//! (the [`schema`] and the semantic rules, every problem as a [`diagnostic`]) → [`model`]
//! (the typed record) → [`figures`] (durations and availability) → output.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod figures;
pub mod files;
pub mod import;
pub mod load;
pub mod model;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod stats;
pub mod suggest;
pub mod write;
pub mod yaml;
pub mod yamlout;
