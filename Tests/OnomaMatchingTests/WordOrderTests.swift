import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Testing

/// Names written with their words in another order than the store's (a register's *Putin, Vladimir*, a list's
/// *PASHINYAN Nikol*): found through their transcription keys with the words reordered, at
/// ``EntityMatcher/nameFormScore``, and only when nothing matches in the written order.
@Suite struct WordOrderTests {
    static let en = LanguageTag(canonical: "en")

    /// The shipped curated people and places.
    static let concepts = MatcherFixtures.shipped(["curated/people.tsv", "curated/places.tsv"])

    static let matcher: EntityMatcher = {
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("curated matcher: \(error)") }
    }()

    @Test(arguments: [
        ("Putin", [String]()), ("putin vladimir", ["vladimir putin"]),
        ("putin vladimir vladimirovich", ["vladimir vladimirovich putin", "vladimirovich putin vladimir"]),
        ("garcia marquez gabriel", ["marquez gabriel garcia", "gabriel garcia marquez"]),
        ("a b c d", ["b c d a", "d a b c"]), ("a b c d e", []), ("tbilisi tbilisi", []),
    ])
    func wordOrdersMoveTheFirstWordLastOrTheLastFirst(_ row: (key: String, orders: [String])) {
        #expect(EntityMatcher.wordOrders(of: row.key) == row.orders)
    }

    /// A register's comma says where the family name ends: *LE DRIAN, Jean-Yves* is read *jean yves le drian*.
    @Test(arguments: [
        ("LE DRIAN, Jean-Yves", "le drian jean yves", ["drian jean yves le", "yves le drian jean", "jean yves le drian"]),
        ("Putin, Vladimir", "putin vladimir", ["vladimir putin"]),
        ("García Márquez, Gabriel", "garcia marquez gabriel", ["marquez gabriel garcia", "gabriel garcia marquez"]),
        ("Paris, Texas, USA", "paris texas usa", ["texas usa paris", "usa paris texas"]),
    ])
    func aCommaSaysWhereTheFamilyNameEnds(_ row: (text: String, key: String, orders: [String])) {
        let commaWords = EntityMatcher.wordsBeforeComma(row.text)
        #expect(EntityMatcher.wordOrders(of: row.key, commaWords: commaWords) == row.orders, "\(row.text)")
    }

    @Test func aFamilyNameOfTwoWordsBeforeTheCommaIsFound() {
        let best = Self.matcher.lookup("LE DRIAN, Jean-Yves", language: LanguageTag(canonical: "fr"), target: Self.en)
            .best
        #expect(best?.conceptID == "jean-yves-le-drian" && best?.score == EntityMatcher.nameFormScore,
                "\(String(describing: best))")
    }

    /// Every curated person's full names in English, French, German and Russian, written family name first as a
    /// register does (*Poutine, Vladimir*) and as a list does (*POUTINE Vladimir*), with the name's language: each
    /// finds its person, through the reordered keys.
    @Test func everyCuratedPersonIsFoundFamilyNameFirst() throws {
        let people = Self.concepts.filter { $0.type == .person }
        var asked = 0
        for concept in people {
            for term in concept.terms
            where term.kind == .full && ["en", "fr", "de", "ru"].contains(term.language.language) {
                let words = term.text.split(separator: " ")
                guard (2...4).contains(words.count) else { continue }
                let family = String(words.last!), given = words.dropLast().joined(separator: " ")
                for query in ["\(family), \(given)", "\(family.uppercased()) \(given)"] {
                    asked += 1
                    let result = Self.matcher.lookup(query, language: term.language, target: Self.en, limit: 1)
                    let best = try #require(result.best, "\(query)")
                    #expect(best.conceptID == concept.id, "\(query) → \(best.conceptID)")
                    #expect(best.score == EntityMatcher.nameFormScore, "\(query): \(best.method) \(best.score)")
                    #expect(best.explanation.contains("words in another order: "), "\(best.explanation)")
                }
            }
        }
        // Most of the ~120 people have names of two to four words in several of the languages.
        #expect(asked > 400, "\(asked)")
    }

    /// A glossary of English and native names only: the French, German and Polish names, family name first, are
    /// found by their transcription keys reordered.
    @Test(arguments: [
        ("Pachinian, Nikol", "fr", "nikol-pashinyan"), ("POUTINE Vladimir", "fr", "vladimir-putin"),
        ("Alijew, Ilham", "de", "ilham-aliyev"), ("Chruszczow Nikita", "pl", "nikita-khrushchev"),
        ("TSCHAIKOWSKI, Pjotr Iljitsch", "de", "pyotr-tchaikovsky"),
        ("Джокович, Новак", "ru", "novak-djokovic"),
    ])
    func aTranscribedNameFamilyNameFirstIsFound(_ row: (query: String, language: String, concept: String)) throws {
        let result = MatcherFixtures.matcher.lookup(row.query, language: LanguageTag(canonical: row.language),
                                                    target: Self.en)
        let best = try #require(result.best, "\(row.query)")
        #expect(best.conceptID == row.concept && best.score == EntityMatcher.nameFormScore,
                "\(row.query) → \(best.conceptID) \(best.method) \(best.score)")
        #expect(best.explanation.contains("words in another order: "), "\(best.explanation)")
        // The batch job's short path finds the same.
        let name = try NameNormalizer().normalize(row.query, language: row.language)
        let short = MatcherFixtures.matcher.bestMatch(name: name, language: LanguageTag(canonical: row.language),
                                                      target: Self.en)
        #expect(short?.conceptID == row.concept && short?.score == best.score)
    }

    /// The written order comes first: a name found in it is not reordered, and running text's minimum score (0.9),
    /// above ``EntityMatcher/nameFormScore``, reads no other order (two names in a row are two names there).
    @Test func theWrittenOrderComesFirstAndRunningTextReadsNoOther() throws {
        let written = try #require(Self.matcher.lookup("Vladimir Putin", target: Self.en).best)
        #expect(written.method == .exact && written.score == 1)
        let name = try NameNormalizer().normalize("Putin, Vladimir", language: nil)
        #expect(Self.matcher.lookup(name: name, target: Self.en, minimumScore: 0.9).best == nil)
        #expect(Self.matcher.lookup(name: name, target: Self.en).best?.conceptID == "vladimir-putin")
    }
}
