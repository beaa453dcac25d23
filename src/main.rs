use std::process::ExitCode;

// mimalloc: loading thousands of records is allocation-heavy, across threads; glibc's
// malloc showed as a fifth of `check`'s profile (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Commits arena memory as it is used rather than up front (a 10,000-record build peaks at
/// about 110 MB instead of 150 MB). mimalloc reads its options when it initialises, at the
/// first allocation, so this runs as an ELF constructor, before the Rust runtime starts.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn configure() {
        /// `mi_option_arena_eager_commit` in mimalloc.h's `mi_option_t` (v2 and v3 alike).
        const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
        // SAFETY: sets a process-wide option before any allocation or thread exists.
        unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
    }
    configure
};

fn main() -> ExitCode {
    postmortem::cmd::main(std::env::args_os())
}
