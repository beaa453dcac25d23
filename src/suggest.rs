//! "Did you mean" suggestions for near-miss keys and values.

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
    }
}
