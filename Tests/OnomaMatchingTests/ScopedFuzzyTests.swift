import Foundation
import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Synchronization
import Testing
import TestResources

/// The fuzzy index scoped to one query language against the whole index: the same matches, from shorter lists.
@Suite struct ScopedFuzzyTests {
    static let en = LanguageTag(canonical: "en")

    /// The curated places and the CLDR territories (generated concepts named in hundreds of locales).
    static let concepts = MatcherFixtures.shipped(["curated/places.tsv", "cldr/territories.tsv"])

    /// Names of the places in Polish, Spanish, German, French, Turkish, Arabic and Persian with a letter in their
    /// middle dropped (*Jamajka* → *Jamaka*): misspellings the fuzzy step finds, or finds no match for.
    static let queries: [String] = {
        let languages: Set<String> = ["pl", "es", "de", "fr", "tr", "ar", "fa"]
        var queries: [String] = []
        for concept in concepts {
            for term in concept.terms where languages.contains(term.language.description) {
                let letters = Array(term.text)
                guard (8...14).contains(letters.count), letters.allSatisfy(\.isLetter) else { continue }
                queries.append(String(letters[..<(letters.count / 2)] + letters[(letters.count / 2 + 1)...]))
            }
        }
        return Array(Set(queries)).sorted().enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    }()

    @Test(arguments: [String?.none, "pl", "es", "ar"])
    func scopedListsFindTheSameMatches(language: String?) throws {
        let whole = try EntityMatcher(concepts: Self.concepts)
        let scoped = try EntityMatcher(concepts: Self.concepts)
        scoped.prepareScopedFuzzyIndex(language: language)
        let built = scoped.scopedFuzzyReference.load()
        let lists = try #require(built).storage.index
        let all = whole.fuzzyIndexValue()
        // A generated concept's names in other languages than English and the query's are out of scope: most of
        // the territories' names.
        #expect(lists.gramPairs.count * 2 < all.gramPairs.count, "\(lists.gramPairs.count) of \(all.gramPairs.count)")
        #expect(lists.keyBytes == all.keyBytes && lists.gramEntryCounts == all.gramEntryCounts)
        let tag = language.map { LanguageTag(canonical: $0) }
        var fuzzy = 0
        for query in Self.queries {
            let expected = whole.lookup(query, language: tag, target: Self.en, limit: 10)
            let found = scoped.lookup(query, language: tag, target: Self.en, limit: 10)
            #expect(found.matches == expected.matches, "\(query)")
            if expected.best?.method == .fuzzy { fuzzy += 1 }
        }
        // The comparison is about the fuzzy step: many queries must be found by it.
        #expect(Self.queries.count > 100 && fuzzy * 4 > Self.queries.count,
                "\(fuzzy) of \(Self.queries.count) found by the fuzzy step")
    }
}
