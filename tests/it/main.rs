//! The integration tests, one binary (it links once): the real `postmortem` binary on real
//! files, and the library's public parts. `tests/fixtures/` holds their inputs.

mod actions;
mod api;
mod build;
mod cli;
mod clock;
mod common;
mod crash;
mod drafts;
mod errors;
mod fuzz;
mod i18n;
mod import;
mod init;
mod l10n;
mod notify;
mod properties;
mod render;
mod report;
mod safety;
mod serve;
mod slo;
mod update;
