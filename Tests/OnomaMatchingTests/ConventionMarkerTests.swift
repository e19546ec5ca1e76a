import OnomaGlossary
import OnomaMatching
import OnomaText
import Testing

/// The convention markers (`Rules/convention-markers.txt`): which writing conventions a Latin name of unknown
/// language is also read with, on real names, and what that gives the cascade.
@Suite struct ConventionMarkerTests {
    let en = LanguageTag(canonical: "en")

    static let marked: [(name: String, conventions: [String])] = [
        ("szewczenko", ["pl", "hu"]),        // sz: Polish and Hungarian
        ("chruščov", ["cs", "hr"]),          // č, š: Czech and Croatian
        ("tschaikowski", ["de"]),            // sch
        ("łukaszenka", ["pl", "hu"]),        // ł; sz
        ("çavuşoğlu", ["tr", "az", "pt", "fr", "ro"]),  // ğ: tr, az; ç also pt, fr; ş (cedilla) also ro
        ("gdańsk", ["pl"]),
        ("são tomé", ["pt"]),
        ("dušanbė", ["lt", "cs", "hr"]),     // ė: Lithuanian; š
        ("erevāna", ["lv"]),                 // ā: Latvian
        ("hruštšov", ["cs", "hr", "fi"]),    // tš: Finnish and Estonian; š
        ("shqipëri", ["sq", "fr"]),          // ë: Albanian, French
        ("putin", []), ("vladimir poutine", []), ("pashinyan", []),
    ]

    @Test(arguments: marked)
    func markersChooseConventions(_ row: (name: String, conventions: [String])) {
        let found = TranscriptionRules.shared.conventions(markedIn: row.name)
        #expect(Set(found) == Set(row.conventions), "\(row.name): \(found)")
    }

    /// Without `--from`, a Polish, German or Czech spelling of a name stored in English and Russian is a
    /// transcription (its convention's table reads it), not a fuzzy match: Polish *Chruszczow* met *Khrushchev* only
    /// at fuzzy 0.57 before.
    @Test(arguments: [("Chruszczow", "pl"), ("Chruščov", "cs"), ("Czajkowski", "pl"), ("Chruschtschow", "de")])
    func markedNamesAreTranscriptions(_ row: (query: String, convention: String)) {
        let result = MatcherFixtures.matcher.lookup(row.query, target: en)
        #expect(result.best?.method == .transcription, "\(row.query) → \(String(describing: result.best))")
        #expect(result.best?.explanation.contains("transcription \(row.convention):") == true,
                "\(result.best?.explanation ?? "no match")")
        // With the language given, that language's table alone, as before.
        let given = MatcherFixtures.matcher.lookup(row.query, language: LanguageTag(canonical: row.convention),
                                                   target: en)
        #expect(given.best?.conceptID == result.best?.conceptID)
    }

    /// An inflected marked name is found by the fuzzy step on its convention's key, which only that reading gives
    /// (Czech *j* is *y*, *dž* *j*: *azerbayjanek*, against the common key's *azerbajjanek*): the keys of a script's
    /// also-readings (``TranscriptionRules/alsoReadingConventions``) are the ones kept from that step, not these.
    @Test(arguments: ["Ázerbájdžánek", "Azerbajdžanek"])
    func markedNamesReachTheFuzzyStep(_ query: String) {
        let result = MatcherFixtures.englishPlaces(["Azerbaijan"]).lookup(query, target: en)
        #expect(result.best?.conceptID == "azerbaijan" && result.best?.method == .fuzzy,
                "\(query) → \(result.best?.explanation ?? "no match")")
    }

    /// A markers line naming a language without a table is an error naming the line.
    @Test func markersOfAnUnknownLanguageAreRejected() throws {
        let error = try MatcherFixtures.rulesLoadError([
            ("skeleton", "a > b ;\n"), ("transcription-common", "a > b ;\n"), ("transcription-pl", "sz > sh ;\n"),
            ("convention-markers", "# test\npl: sz\nxx: q\n"),
        ])
        #expect(error?.contains("convention-markers.txt line 3") == true, "\(error ?? "accepted")")
    }
}
