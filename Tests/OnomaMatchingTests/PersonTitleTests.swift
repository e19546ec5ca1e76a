import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Testing

/// Titles before a person's name (`Rules/person-titles.txt`): dropped when the name finds nothing with them, and only
/// people (or concepts of no type) kept.
@Suite struct PersonTitleTests {
    static let en = LanguageTag(canonical: "en")

    /// News and lists in several languages, on the shipped curated glossaries.
    static let titled: [(query: String, language: String?, concept: String, title: String)] = [
        ("M. Poutine", "fr", "vladimir-putin", "M."), ("le président Poutine", "fr", "vladimir-putin", "président"),
        ("Premier ministre Pachinian", "fr", "nikol-pashinyan", "Premier ministre"),
        ("President Putin", "en", "vladimir-putin", "President"),
        ("Prime Minister Nikol Pashinyan", "en", "nikol-pashinyan", "Prime Minister"),
        ("Foreign Minister Lavrov", "en", "sergey-lavrov", "Foreign Minister"),
        ("Mr Pashinyan", nil, "nikol-pashinyan", "Mr"), ("президент Путин", "ru", "vladimir-putin", "президент"),
        ("Präsident Erdoğan", "de", "recep-tayyip-erdogan", "Präsident"),
        // No short form Sullivan: the full names that end with it.
        ("Herr Sullivan", "de", "jake-sullivan", "Herr"), ("господин Салливан", "ru", "jake-sullivan", "господин"),
        ("M. Selçuk Bayraktar", "fr", "selcuk-bayraktar", "M."),
    ]

    /// A family name two people share, with no short form for either (Haluk and Selçuk Bayraktar): no match, where
    /// either would be a coin flip.
    @Test func aFamilyNameTwoPeopleShareFindsNeither() throws {
        let result = WordOrderTests.matcher.lookup("M. Bayraktar", language: LanguageTag(canonical: "fr"),
                                                   target: Self.en)
        #expect(result.best == nil, "\(String(describing: result.best))")
        let one = WordOrderTests.matcher.lookup("M. Selçuk Bayraktar", language: LanguageTag(canonical: "fr"),
                                                target: Self.en)
        #expect(one.best?.conceptID == "selcuk-bayraktar")
    }

    @Test(arguments: titled)
    func aTitleBeforeAPersonsNameIsDropped(_ row: (query: String, language: String?, concept: String, title: String))
        throws {
        let language = row.language.map { LanguageTag(canonical: $0) }
        let best = try #require(WordOrderTests.matcher.lookup(row.query, language: language, target: Self.en).best,
                                "\(row.query)")
        #expect(best.conceptID == row.concept && best.score == EntityMatcher.nameFormScore,
                "\(row.query) → \(best.conceptID) \(best.score)")
        #expect(best.explanation.contains("without the title \(row.title): "), "\(best.explanation)")
        // The batch job's short path finds the same.
        let name = try NameNormalizer().normalize(row.query, language: row.language)
        #expect(WordOrderTests.matcher.bestMatch(name: name, language: language, target: Self.en)?.conceptID
            == row.concept)
    }

    /// A title stands before a person's name: before a place's, the rest finds the place, which is not kept.
    @Test(arguments: [("Président Erevan", "fr"), ("President Yerevan", "en"), ("Monsieur Stepanakert", "fr")])
    func aTitleBeforeAPlaceFindsNothing(_ row: (query: String, language: String)) throws {
        let language = LanguageTag(canonical: row.language)
        let result = WordOrderTests.matcher.lookup(row.query, language: language, target: Self.en)
        #expect(!result.matches.contains { $0.explanation.contains("without the title") },
                "\(row.query) → \(String(describing: result.best))")
        // Without the title, the place is found: the test can fail.
        let place = String(row.query.split(separator: " ")[1])
        #expect(WordOrderTests.matcher.lookup(place, language: language, target: Self.en).best?.type == .place)
    }

    @Test(arguments: [
        ("M. Poutine", 1), ("Premier ministre Pachinian", 2), ("premier-ministre Pachinian", 2), ("Dr. Who", 1),
        ("Président", nil), ("Poutine", nil), ("Vladimir Poutine", nil), ("Premier League", 1),
    ])
    func theShippedTableReadsTitles(_ row: (text: String, length: Int?)) {
        let titles = TranscriptionRules.shared.personTitles
        #expect(titles.titleLength(PersonTitles.words(of: row.text)) == row.length, "\(row.text)")
    }

    @Test(arguments: [("fr: m, mme\nen mr, mrs", 2), ("fr: m,, mme", 1)])
    func aMalformedLineIsNamed(_ row: (text: String, line: Int)) {
        #expect { try PersonTitles(text: row.text) } throws: { error in
            "\(error)".contains("person-titles.txt line \(row.line)")
        }
    }
}
