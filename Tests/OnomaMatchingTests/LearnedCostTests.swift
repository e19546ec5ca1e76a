import Foundation
import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import TestResources
import Testing

/// The fuzzy step's learned edit costs (`Rules/edit-costs.tsv`, `Similarity.learnedDistance`) on real names.
@Suite struct LearnedCostTests {
    static let en = LanguageTag(canonical: "en")

    /// English names only: the queries below are other languages' spellings, which no rule table turns into them.
    static let concepts: [Concept] = ["Riyadh", "Bhutan", "Azores", "Lisbon", "Dhaka", "Taipei", "Tunis"].map { name in
        Concept(id: name.lowercased(), type: .place, terms: [Term(text: name, language: en)])
    }

    static let matcher: EntityMatcher = {
        do { return try EntityMatcher(concepts: concepts) } catch { fatalError("learned-cost matcher: \(error)") }
    }()

    /// The shipped rule tables without `edit-costs.tsv`: no learned rule, the fuzzy step as it was before it.
    static let unlearnedMatcher: EntityMatcher = {
        do {
            let folder = try TemporaryFiles.directory("no-costs").appendingPathComponent("Rules")
            try FileManager.default.copyItem(at: TranscriptionRules.bundledRules(), to: folder)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("edit-costs.tsv"))
            return try EntityMatcher(concepts: concepts, rules: TranscriptionRules(directory: folder))
        } catch { fatalError("unlearned matcher: \(error)") }
    }()

    /// Spellings that differ from the English name by edits that spellings of one place make often (a final *h*
    /// dropped, an *h* after a first consonant, *-oa*/*-on*, a plural *-en*/*-s*, *-eh*/*-ei*).
    static let spellings: [(query: String, language: String, concept: String)] = [
        ("Riad", "de", "riyadh"), ("Rijád", "cs", "riyadh"), ("Riyad", "fr", "riyadh"),
        ("Bután", "es", "bhutan"), ("Butão", "pt", "bhutan"), ("Lisboa", "pt", "lisbon"),
        ("Azoren", "nl", "azores"), ("Dakka", "tr", "dhaka"), ("Taipeh", "de", "taipei"),
    ]

    @Test(arguments: spellings)
    func learnedCostsFindSpellings(_ row: (query: String, language: String, concept: String)) throws {
        let tag = LanguageTag(canonical: row.language)
        let best = try #require(Self.matcher.lookup(row.query, language: tag, target: Self.en).best,
                                "\(row.language) \(row.query): no match")
        #expect(best.conceptID == row.concept && best.method == .fuzzy, "\(best.explanation)")
        #expect(best.score >= EntityMatcher.threshold)
        // Without the learned rule, the same spelling is no match.
        #expect(Self.unlearnedMatcher.lookup(row.query, language: tag, target: Self.en).best == nil)
    }

    @Test func aKeyThatIsTheOtherPlusVowelsIsNoMatch() {
        // The country named after its capital: without Tunisia, its names must not find Tunis.
        for (query, language) in [("Tunisie", "fr"), ("Tunesien", "de"), ("Tunisia", "it"), ("Tunezja", "pl")] {
            let result = Self.matcher.lookup(query, language: LanguageTag(canonical: language), target: Self.en)
            #expect(result.best == nil, "\(query) → \(String(describing: result.best?.explanation))")
        }
    }

    @Test func costsByLetterAndPosition() throws {
        let costs = try EditCosts(text: "# test\nsub\tou\tF\t0.20\t1\t1\nsub\tou\tI\t0.40\nindel\th\tM\t0.5\n")
        func distance(_ a: String, _ b: String) -> Int {
            Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in
                Similarity.learnedDistance(x, y, costs: costs)
            } }
        }
        #expect(distance("mosku", "mosko") == 20)       // listed, at the end, either order
        #expect(distance("moskou", "mosku") == 100)     // an o dropped at the end: unlisted, one edit
        #expect(distance("ukra", "okra") == 80)          // listed at the first letter, doubled
        #expect(distance("kura", "koro") == 200)         // u/o inside: unlisted; a/o at the end: unlisted
        #expect(distance("bhutan", "butan") == 50)       // h dropped inside
        #expect(distance("abc", "abc") == 0 && distance("", "ab") == 300)
        #expect(throws: RulesError.self) { try EditCosts(text: "sub\tou\tX\t0.2\n") }
        #expect(throws: RulesError.self) { try EditCosts(text: "indel\tab\tM\t0.2\n") }
    }

    @Test func shippedTableLoads() throws {
        // Learned from the dev slice: a final vowel dropped costs less than a consonant for another inside.
        let costs = try #require(TranscriptionRules.shared.editCosts)
        #expect(costs.indel(0x6F, at: .end) < EditCosts.unit)
        #expect(costs.substitution(0x61, 0x61, at: .first) == 0)
        #expect(costs.substitution(0x6B, 0x72, at: .inside) >= EditCosts.unit)
    }
}
