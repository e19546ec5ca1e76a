import OnomaGlossary
import OnomaMatching
import OnomaText
import Testing

/// Which of a curated concept's names the fuzzy step reads, on the shipped curated glossaries with the query
/// language's names left out: a name in another script than Latin is written by sound, so it is compared with the
/// concept's names in such scripts too, where its English name may be spelt otherwise (Persian *دونالد ترامپ*,
/// Russian *Дональд Трамп*, English *Donald Trump*). A Latin name is not compared with a third language's. (Persian
/// *بایدن* was the example until alef and ya were read as an English *i*: it now meets *Biden* itself.)
@Suite struct CuratedScopeTests {
    static let found: [(query: String, language: String, concept: String)] = [
        ("دونالد ترامپ", "fa", "donald-trump"),
        ("Грузия", "ru", "georgia-country"),
        ("Белый дом", "ru", "white-house"),
    ]

    @Test(arguments: found)
    func otherScriptsNamesAreRead(_ row: (query: String, language: String, concept: String)) throws {
        let best = try WordReplacementTests.expectFuzzyMatch(row)
        // What found it is a name in another script than Latin, in neither the query's language nor English.
        let matched = try #require(best?.matchedTerm)
        #expect(matched.language.language != row.language && matched.language.language != "en")
        #expect(ICU.Script.dominant(in: matched.text) != .latin)
    }
}
