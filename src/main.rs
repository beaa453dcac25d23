use std::process::ExitCode;

// mimalloc: loading thousands of records is allocation-heavy, across threads; glibc's
// malloc showed as a fifth of `check`'s profile (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    postmortem::cmd::main(std::env::args_os())
}
