use std::process::ExitCode;

fn main() -> ExitCode {
    postmortem::cmd::main(std::env::args_os())
}
