import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import Testing

/// Names written with initials (*V. Putin*, *Путин В. В.*, *Nikol V. Pashinyan*): found through their other words at
/// ``EntityMatcher/nameFormScore``, when one of the concept's full names has words with those initials.
@Suite struct InitialsTests {
    static let en = LanguageTag(canonical: "en")

    @Test(arguments: [
        ("V. Putin", "Putin", ["V"], EntityMatcher.Initials.Position.leading),
        ("V.V. Putin", "Putin", ["V", "V"], .leading), ("J.-P. Raffarin", "Raffarin", ["J", "P"], .leading),
        ("Putin V. V.", "Putin", ["V", "V"], .trailing), ("В. Путин", "Путин", ["В"], .leading),
        ("John F. Kennedy", "John Kennedy", ["F"], .middle), ("John F Kennedy", "John Kennedy", ["F"], .middle),
        ("U.S. Virgin Islands", "Virgin Islands", ["U", "S"], .leading),
    ])
    func initialsAndTheOtherWords(_ row: (text: String, rest: String, letters: [String],
                                          position: EntityMatcher.Initials.Position)) throws {
        let initials = try #require(EntityMatcher.Initials(of: row.text))
        #expect(initials.rest == row.rest && initials.letters == row.letters && initials.position == row.position,
                "\(initials)")
    }

    /// No initials: a lower-case letter is a word (Polish *i*, Czech *a*), so is a Cherokee syllable and a capital
    /// alone first or last (Welsh *Y*, the article; Kinyarwanda *U*), other words must be there and have three
    /// letters, and initials on both sides of them are no name's.
    @Test(arguments: ["Vladimir Putin", "Turks i Caicos", "Svatý Kryštof a Nevis", "A. B.", "Xi J.", "V. Putin V.",
                      "St. Lucia", "VV Putin", "Ꮖ Winamak", "Y Swistir", "U Rwanda", "Putin V"])
    func noInitials(_ text: String) {
        #expect(EntityMatcher.Initials(of: text) == nil, "\(text)")
    }

    /// The curated people with their full names only (no short form such as *Putin*): each person's English name
    /// of two words, its given name cut to initials (*V. Putin*, *J.-P. Raffarin*) and also written after the family
    /// name (*Putin V.*), finds the person among its matches; with an initial none of the person's names begins
    /// with, it does not (nor through the fuzzy step, whose keys hold the initial as a letter).
    @Test func curatedPeopleAreFoundByInitialsAndFamilyName() throws {
        let people = WordOrderTests.concepts.filter { $0.type == .person }.map { concept in
            var full = concept
            full.terms = concept.terms.filter { $0.kind == .full }
            return full
        }
        let matcher = try EntityMatcher(concepts: people)
        var asked = 0
        for concept in people {
            for term in concept.terms where term.language == Self.en {
                // Two words: a given name (*Jean-Yves* is *J.-Y.*) and a family name (not *Le Drian*).
                let words = term.text.split(separator: " ")
                guard words.count == 2, words.allSatisfy({ $0.first?.isUppercase == true }) else { continue }
                let initials = words[0].split(separator: "-").map { "\($0.first!)." }.joined(separator: "-")
                for query in ["\(initials) \(words.last!)", "\(words.last!) \(initials)"] {
                    asked += 1
                    let result = matcher.lookup(query, language: Self.en, target: Self.en, limit: 10)
                    #expect(result.matches.contains { $0.conceptID == concept.id }, "\(query)")
                    #expect(result.best?.score == EntityMatcher.nameFormScore, "\(query)")
                }
                let wrong = "Q. \(words.last!)"
                let found = matcher.lookup(wrong, language: Self.en, target: Self.en, limit: 10).matches
                #expect(!found.contains { $0.conceptID == concept.id }, "\(wrong)")
            }
        }
        #expect(asked > 100, "\(asked)")
    }

    /// On the curated glossaries as shipped: Cyrillic initials, a register's order, French with a short form, a middle
    /// initial (only dropped); wrong initials find nothing (French *M.*, *Monsieur*, is a title: `PersonTitleTests`).
    static let shipped: [(query: String, language: String?, concept: String?)] = [
        ("В. Путин", nil, "vladimir-putin"), ("Путин В. В.", nil, "vladimir-putin"),
        ("V. Poutine", "fr", "vladimir-putin"), ("H. Aliyev", "en", "heydar-aliyev"),
        ("I. Aliyev", "en", "ilham-aliyev"), ("Nikol V. Pashinyan", "en", "nikol-pashinyan"),
        ("X. Poutine", "fr", nil), ("Q. Putin", "en", nil),
    ]

    @Test(arguments: shipped)
    func shippedGlossaries(_ row: (query: String, language: String?, concept: String?)) throws {
        let language = row.language.map { LanguageTag(canonical: $0) }
        let result = WordOrderTests.matcher.lookup(row.query, language: language, target: Self.en)
        #expect(result.best?.conceptID == row.concept, "\(row.query) → \(String(describing: result.best))")
        guard let best = result.best else { return }
        #expect(best.score == EntityMatcher.nameFormScore && best.explanation.contains("initials"),
                "\(best.explanation)")
        // The batch job's short path finds the same.
        let name = try NameNormalizer().normalize(row.query, language: row.language)
        let short = WordOrderTests.matcher.bestMatch(name: name, language: language, target: Self.en)
        #expect(short?.conceptID == row.concept && short?.score == best.score)
    }
}
