import OnomaGlossary
@testable import OnomaMatching
import OnomaStore
import OnomaText
import Testing

/// Names with a qualifier in parentheses (*Myanmar (Burma)*, *Cocos (Keeling) Islands*): stored so, they are also
/// found by the name without it; asked so, they keep it.
@Suite struct QualifierTests {
    static let en = LanguageTag(canonical: "en")

    /// Names as CLDR's territories write them, and what remains without the qualifier (nil: no qualifier).
    static let splits: [(String, String?)] = [
        ("Myanmar (Burma)", "Myanmar"),
        ("Cocos (Keeling) Islands", "Cocos Islands"),
        ("São Martinho (Sint Maarten)", "São Martinho"),
        ("Хонгконг (САО Кине)", "Хонгконг"),
        ("Макаа, САР (Кітай)", "Макаа, САР"),
        ("科科斯（基林）群岛", "科科斯群岛"),
        ("ማይናማር(በርማ)", "ማይናማር"),
        // A dash between spaces parts a qualifier in some names and a name's two parts in others.
        ("Congo - Brazzaville", nil),
        ("Папуа — Жаңа Гвинея", nil),
        ("Guinea-Bissau", nil),
        ("(Burma)", nil),
        ("Myanmar (Burma", nil),
        ("Myanmar Burma)", nil),
        ("Myanmar ()", nil),
    ]

    @Test(arguments: splits)
    func theQualifierIsTheParenthesizedPart(name: String, base: String?) {
        #expect(IndexedTerm.withoutQualifier(name)?.base == base)
    }

    /// The CLDR territories, generated concepts named in hundreds of locales.
    static let territories = MatcherFixtures.shipped(["cldr/territories.tsv"])

    /// Every territory name with a qualifier whose base is no name of its concept in that language: the base, asked
    /// in the name's language, finds the concept (among others that share it: *Конга*, both Congos).
    @Test func territoriesAreFoundWithoutTheirQualifier() throws {
        let matcher = try EntityMatcher(concepts: Self.territories)
        var asked = 0, found = 0, missed: [String] = []
        for concept in Self.territories {
            for term in concept.terms {
                guard let (base, _) = IndexedTerm.withoutQualifier(term.text),
                      !concept.terms.contains(where: { $0.text == base && $0.language == term.language })
                else { continue }
                asked += 1
                let result = matcher.lookup(base, language: term.language, target: Self.en, limit: 10,
                                            explain: false)
                if result.matches.contains(where: { $0.conceptID == concept.id }) {
                    found += 1
                } else {
                    missed.append("\(term.language) \(base)")
                }
            }
        }
        // 336 such names, all found (142 without the mechanism); a base may also be another territory's name.
        #expect(asked > 300)
        #expect(found * 100 >= asked * 97, "\(found) of \(asked); missed: \(missed.prefix(20))")
    }

    /// The matcher over a store that writes Myanmar only with its qualifier.
    static let myanmar: EntityMatcher = {
        let concepts = [
            Concept(id: "myanmar", type: .place, terms: [MatcherFixtures.term("Myanmar (Burma)", "en")]),
            Concept(id: "yerevan", type: .place, terms: [MatcherFixtures.term("Yerevan", "en")]),
        ]
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("qualifier fixture: \(error)") }
    }()

    @Test func theNameWithoutItsQualifierIsAKeyMatchThatSaysSo() throws {
        let bare = try #require(Self.myanmar.lookup("Myanmar", language: Self.en, target: Self.en).best)
        #expect(bare.conceptID == "myanmar" && bare.method == .key && bare.score == EntityMatcher.keyScore)
        #expect(bare.matchedTerm.text == "Myanmar (Burma)")
        #expect(bare.explanation.hasSuffix("= en \"Myanmar (Burma)\" without \"(Burma)\""), "\(bare.explanation)")
        // The stored name as written is still an exact match, and says nothing of a qualifier.
        let whole = try #require(Self.myanmar.lookup("Myanmar (Burma)", language: Self.en, target: Self.en).best)
        #expect(whole.method == .exact && !whole.explanation.contains("without"))
        // The later steps read the name without it too: German *Mjanma*.
        let german = Self.myanmar.lookup("Mjanma", language: LanguageTag(canonical: "de"), target: Self.en).best
        #expect(german?.conceptID == "myanmar", "\(String(describing: german))")
    }

    /// A query keeps its qualifier, which may say which place it is not: *Myanmar (Birmanie)*, asked of a store
    /// without the country, is not the Burmese language its first word names.
    @Test func aQueryKeepsItsQualifier() throws {
        let concepts = [
            Concept(id: "burmese", type: .language, terms: [MatcherFixtures.term("Myanmar", "fr")]),
            Concept(id: "yerevan", type: .place, terms: [MatcherFixtures.term("Yerevan", "en")]),
        ]
        let matcher = try EntityMatcher(concepts: concepts)
        let french = LanguageTag(canonical: "fr")
        #expect(matcher.lookup("Myanmar (Birmanie)", language: french, target: Self.en).best == nil)
        #expect(matcher.lookup("Myanmar", language: french, target: Self.en).best?.conceptID == "burmese")
    }
}
