//! Writes a deterministic synthetic postmortem repository for benchmarks:
//! `cargo run --release --example gen_corpus -- N DIR`.
//!
//! N records with the size and shape of real ones: 2–8 updates, 1–3 windows, a postmortem
//! with a few paragraphs of Markdown on half of them, a 20-component catalogue, and dates
//! spread over five years. The same N always gives the same files.

use std::fmt::Write as _;
use std::path::PathBuf;

include!("corpus.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus N DIR";
    let n: usize = args.next().ok_or(usage)?.parse()?;
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let incidents = dir.join("incidents");
    std::fs::create_dir_all(&incidents)?;
    let mut config = String::from(
        "name: Benchmark\nurl: https://status.example.com/\ntimezone: Europe/Madrid\ncomponents:\n",
    );
    for c in COMPONENTS {
        let _ = writeln!(config, "  - name: {c}");
    }
    std::fs::write(dir.join("postmortem.yaml"), config)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = 1_577_836_800; // 2020-01-01T00:00:00Z
    for i in 0..n {
        let (id, text) = record(&mut rng, i, start);
        std::fs::write(incidents.join(format!("{id}.yaml")), text)?;
    }
    println!("wrote {n} records to {}", incidents.display());
    Ok(())
}
