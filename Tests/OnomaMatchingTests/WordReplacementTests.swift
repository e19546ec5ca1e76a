import Foundation
import OnomaGlossary
@testable import OnomaMatching
import OnomaText
import TestResources
import Testing

/// Names built alike that differ in one word (*Ministry of Defence of Ukraine*, *… of Armenia*) are different
/// things: the fuzzy step must not give one for the other, however long their shared part. Respellings of every
/// word of a name (*Жан Кастекс*, *Jean Castex*) must still match. On the shipped curated glossaries.
@Suite struct WordReplacementTests {
    /// The curated concepts (Glossaries/curated), read once.
    static let curated: [Concept] = {
        let folder = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries/curated")
        return ["organizations.tsv", "other.tsv", "people.tsv", "places.tsv"].flatMap { file -> [Concept] in
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(file)),
                  let read = try? GlossaryReader.read(Array(bytes), file: file, format: .tsv) else { return [] }
            return read
        }
    }()

    /// A matcher over the curated concepts without `absent`, and without the terms of `language` in `stripped`.
    static func matcher(without absent: String, stripping language: String? = nil, of stripped: String? = nil)
        throws -> EntityMatcher
    {
        let concepts = curated.filter { $0.id != absent }.map { concept in
            guard concept.id == stripped, let language else { return concept }
            var copy = concept
            copy.terms.removeAll { $0.language.language == language }
            return copy
        }
        return try EntityMatcher(concepts: concepts)
    }

    /// Names of a concept the store does not hold, and the concept built alike that they resembled as wholes.
    static let absent: [(query: String, language: String, absent: String, alike: String)] = [
        ("Министерство обороны Украины", "ru", "ministry-of-defence-ukraine", "ministry-of-defence-armenia"),
        ("Вооружённые силы Турции", "ru", "turkish-armed-forces", "russian-armed-forces"),
        ("Азербайджанская Советская Социалистическая Республика", "ru", "azerbaijan-ssr", "armenian-ssr"),
        ("Российско-грузинская война", "ru", "russo-georgian-war", "russo-ukrainian-war"),
        ("Министерство иностранных дел Азербайджана", "ru", "ministry-of-foreign-affairs-azerbaijan",
         "ministry-of-foreign-affairs-armenia"),
        // Close as wholes, but their generic words (Rules/generic-words.txt) contradict: north, south.
        ("Північна Кароліна", "uk", "north-carolina", "south-carolina"),
    ]

    @Test(arguments: absent)
    func replacedWordIsNoMatch(_ row: (query: String, language: String, absent: String, alike: String)) throws {
        #expect(Self.curated.contains { $0.id == row.alike }, "the alike concept \(row.alike) is in the glossary")
        let result = try Self.matcher(without: row.absent)
            .lookup(row.query, language: LanguageTag(canonical: row.language), target: LanguageTag(canonical: "en"))
        #expect(result.best == nil, "\(row.query) → \(result.best.map { "\($0.conceptID): \($0.explanation)" } ?? "")")
    }

    /// Names whose every word is respelled (a first name adapted, a noun made an adjective), with their language's
    /// terms left out of the glossary: still found. (*Саманта Пауэр*, Samantha Power, is no longer one: the English
    /// reading of Cyrillic, `Rules/transcription-en-Cyrl.txt`, reads *Пауэр* as *power*, and its transcription key is
    /// Power's; `ScriptReadingTests.englishNamesWrittenBySoundMeetTheirSpelling` has it.)
    static let respelled: [(query: String, language: String, concept: String)] = [
        ("Жан Кастекс", "ru", "jean-castex"),
        ("Кристина Ламбрехт", "ru", "christine-lambrecht"),
        ("Нагорно-Карабахская Республика", "ru", "republic-of-artsakh"),
        ("Нагорно-Карабахская автономная область", "ru", "nagorno-karabakh-autonomous-oblast"),
    ]

    /// `row.query` looked up with `--from row.language` in the curated glossaries without that language's names of
    /// `row.concept`; it must find the concept by the fuzzy step. Returns the match.
    @discardableResult
    static func expectFuzzyMatch(_ row: (query: String, language: String, concept: String)) throws -> Match? {
        let result = try matcher(without: "", stripping: row.language, of: row.concept)
            .lookup(row.query, language: LanguageTag(canonical: row.language), target: LanguageTag(canonical: "en"))
        #expect(result.best?.conceptID == row.concept,
                "\(row.query) → \(result.best.map { "\($0.conceptID): \($0.explanation)" } ?? "no match")")
        #expect(result.best?.method == .fuzzy)
        return result.best
    }

    @Test(arguments: respelled)
    func respelledWordsStillMatch(_ row: (query: String, language: String, concept: String)) throws {
        try Self.expectFuzzyMatch(row)
    }

    /// The rule on keys, with the shipped skeleton table.
    @Test func wordsOnKeys() throws {
        let rules = TranscriptionRules.shared
        func replaces(_ a: String, _ b: String) -> Bool {
            EntityMatcher.replacesWord(a.utf8, b.utf8) { word in
                Array(((try? rules.skeleton(String(decoding: word, as: UTF8.self))) ?? "").utf8)
            }
        }
        #expect(replaces("ministirstvo oboroni ukraini", "ministirstvo oboroni armini"))
        #expect(replaces("vorushini sili turtsi", "vorushini sili rosi"))
        #expect(!replaces("shan kastiks", "jian kastiks"))  // a first name respelled, not replaced
        #expect(!replaces("samanta pauir", "samanta povir"))
        #expect(!replaces("rijip taiip irdogan", "taiip irdogan"))  // a word added
        #expect(!replaces("birgkarabah", "birg karabah"))  // words joined
        #expect(!replaces("nagorno karabahskai", "nagorno karabah"))  // an adjective of the noun
        #expect(!replaces("karabah", "karabag"))  // one word each: the fuzzy step's own rules decide
        // A typing error swaps neighbours: one edit, not two (gazetteer_typos.py's *Saitn Martin*, *Ilhas Aladn*).
        #expect(!replaces("saitn martin", "saint martin"))
        #expect(!replaces("ilias aladn", "ilias aland"))
        #expect(Similarity.transpositionDistance(Array("saitn".utf8), Array("saint".utf8)) == 1)
        #expect(Similarity.levenshtein(Array("saitn".utf8), Array("saint".utf8)) == 2)
        #expect(Similarity.transpositionDistance(Array("abcd".utf8), Array("badc".utf8)) == 2)
        #expect(Similarity.transpositionDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        // Words cut elsewhere (Punjabi ਕੁਆਲਾਲੰਪੁਰ, Thai ฟอร์ตเนลสัน after transliteration), within the word's budget.
        #expect(!replaces("ku alalpur", "kuala lumpur"))
        #expect(!replaces("f ortnil san", "fort nilson"))
        // A short replaced word is not lost in a run with the shared words (Turkish Rusya, Türk Silahlı Kuvvetleri).
        #expect(replaces("rusi silahli kuvitliri", "turk silahli kuvitliri"))
        #expect(replaces("rosisko grusinskai voina", "rosisko ukrainskai voina"))
    }
}
