// The records the benchmark generator writes (bench/corpus.rs, shared with
// bench/gen_corpus.rs), so that the tests read what the benchmark builds.

#![allow(dead_code)]

use std::fmt::Write as _;

include!("../../../../../bench/corpus.rs");

/// The records of a generated corpus, as `gen_corpus` writes them.
fn records(n: usize) -> Vec<String> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = 1_577_836_800;
    (0..n).map(|i| record(&mut rng, i, start).1).collect()
}

#[test]
fn every_generated_record_is_read_by_the_fast_reader_the_same() {
    let records = records(400);
    for text in &records {
        assert!(super::same(text), "declined a generated record:\n{text}");
    }
    // The site configuration `gen_corpus` writes too.
    let mut config = String::from(
        "name: Benchmark\nurl: https://status.example.com/\ntimezone: Europe/Madrid\ncomponents:\n",
    );
    for c in COMPONENTS {
        let _ = writeln!(config, "  - name: {c}");
    }
    assert!(super::same(&config));
}
