//! `postmortem completions`: a shell completion script, from the clap definitions.

use crate::cli::{Cli, CompletionsArgs};

use super::{Failure, write_stdout};

pub fn run(args: CompletionsArgs) -> Result<(), Failure> {
    let mut buf = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "postmortem",
        &mut buf,
    );
    write_stdout(&String::from_utf8_lossy(&buf))
}
