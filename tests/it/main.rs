//! The integration tests, one binary (it links once): the real `postmortem` binary on real
//! files, and the library's public parts. `tests/fixtures/` holds their inputs.

mod api;
mod build;
mod cli;
mod clock;
mod common;
mod crash;
mod errors;
mod fuzz;
mod i18n;
mod import;
mod init;
mod properties;
mod render;
mod safety;
mod serve;
