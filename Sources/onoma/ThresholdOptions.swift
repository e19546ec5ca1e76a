import ArgumentParser
import OnomaMatching

/// `--threshold SCORE`: the lowest score `lookup` and `normalize` keep as a match.
///
/// The cascade's floor, ``EntityMatcher/threshold`` (0.5), is the default: every match. A higher value trades names
/// found for fewer wrong links; the help states what the fuzzy band is worth on the default store, as
/// `Benchmarks/matching/score_reliability.py` measures it.
struct ThresholdOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Lowest score kept as a match (default 0.5: every match). Fuzzy matches score 0.50-0.89; generic words "
            + "0.88, names as lists write them (words in another order, initials, a title, given names left out) "
            + "and inflected names (Moskwie, Путиным) at most 0.88, "
            + "transcription 0.90, transliteration 0.94, key 0.97, exact 1.0. On the default store, fuzzy matches "
            + "under 0.70 were right about one time in three when half of the names asked were not in the store: 0.7 "
            + "keeps fewer wrong links and finds fewer misspelt names; 0.9 keeps no fuzzy match.",
        valueName: "score"))
    var threshold: Double = EntityMatcher.threshold

    func validate() throws {
        // NaN fails the test too.
        guard (EntityMatcher.threshold...1).contains(threshold) else {
            throw ValidationError("--threshold must be between 0.5 (every match, the default) and 1 (exact forms "
                                  + "only); got \(threshold)")
        }
    }
}
