//! `postmortem man`: the man page (roff), from the clap definitions.

use crate::cli::Cli;

use super::{Failure, write_stdout};

pub fn run() -> Result<(), Failure> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf)?;
    write_stdout(&String::from_utf8_lossy(&buf))
}
