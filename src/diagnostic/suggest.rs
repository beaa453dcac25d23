//! "Did you mean" suggestions for near-miss keys and values: part of a diagnostic's help,
//! so every stage that reports problems (the loader, the rules, the configuration, the
//! command line) can use it without reaching into a later stage.

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        // A cheap lower bound first: most candidates are far off, and the distance is costly
        // (a record may have thousands of unknown keys).
        .filter(|c| lower_bound(word, c) <= limit)
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The help for a near miss: ``did you mean `x`?``, when one of `candidates` is close.
pub fn did_you_mean_help<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    did_you_mean(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// A lower bound of the Damerau–Levenshtein distance of `a` and `b`: the bag distance (how
/// many characters of one are not matched by the other, ignoring order; no edit changes it
/// by more than one) for ASCII text, else the difference in length.
fn lower_bound(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return a.chars().count().abs_diff(b.chars().count());
    }
    let mut counts = [0i32; 128];
    for x in a.bytes() {
        counts[usize::from(x & 0x7f)] += 1;
    }
    for x in b.bytes() {
        counts[usize::from(x & 0x7f)] -= 1;
    }
    let (more, fewer) = counts.iter().fold(
        (0, 0),
        |(m, f), &n| {
            if n > 0 { (m + n, f) } else { (m, f - n) }
        },
    );
    usize::try_from(more.max(fewer)).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_transpositions_and_typos() {
        let keys = ["root_cause", "resolution", "trigger"];
        assert_eq!(did_you_mean("root_casue", keys), Some("root_cause"));
        assert_eq!(did_you_mean("resolutoin", keys), Some("resolution"));
        assert_eq!(did_you_mean("weather", keys), None);
        assert_eq!(did_you_mean("majr", ["minor", "major"]), Some("major"));
        assert_eq!(did_you_mean("café", ["cafe", "caffè"]), Some("cafe"));
    }

    #[test]
    fn the_lower_bound_is_never_above_the_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "root_cause",
            "root_casue",
            "k12345",
            "severity",
            "tags",
            "café",
        ];
        for a in words {
            for b in words {
                assert!(
                    super::lower_bound(a, b) <= strsim::damerau_levenshtein(a, b),
                    "{a} {b}"
                );
            }
        }
        assert_eq!(super::lower_bound("k12345", "severity"), 8);
    }
}
