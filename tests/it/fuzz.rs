//! The fuzz seeds: `fuzz/seed.sh` reads the test fixtures where they are, so the seeds kept
//! in `fuzz/seeds/` are only those found nowhere else.

use crate::common::{root, tree};

#[test]
fn no_committed_fuzz_seed_is_a_copy_of_a_fixture() {
    let fixtures: Vec<Vec<u8>> = ["tests/fixtures", "examples"]
        .iter()
        .flat_map(|dir| tree(&root().join(dir)).into_values())
        .collect();
    let copies: Vec<String> = tree(&root().join("fuzz/seeds"))
        .into_iter()
        .filter(|(_, bytes)| fixtures.contains(bytes))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        copies,
        Vec::<String>::new(),
        "seeds that fuzz/seed.sh reads from the fixtures"
    );
}
