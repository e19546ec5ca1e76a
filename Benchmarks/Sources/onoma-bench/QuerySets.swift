import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

/// One query: a name as written, the language it is written in, and what it should find.
struct Query {
    /// The name as written.
    var text: String
    /// The language it is written in (the lookup's hint).
    var language: LanguageTag
    /// The concept it names, when that concept is in the store.
    var gold: String?
    /// The English name of the gold concept (a curated concept with the same English name stands for a CLDR one).
    var goldEnglish: String?
    /// The stored name it was made from (typos), which a same-named concept also holds.
    var original: String?
}

/// A named list of queries, with what each is.
struct QuerySet {
    /// Short name for the tables (`exact`, `typo-2`).
    var name: String
    /// One line saying what the queries are.
    var summary: String
    /// Whether the set goes through the cascade past the exact step (counts in the cascade target).
    var isCascade: Bool
    /// Whether its queries name a stored concept (a match is expected); false for names the store does not have.
    var expectsMatch: Bool
    var queries: [Query]
}

/// Draws the query sets from the benchmark store and the shipped CLDR data.
enum QuerySets {
    static let english = LanguageTag(canonical: "en")

    /// What one streaming pass over the store's terms collects.
    struct StoreScan {
        /// A uniform sample of the stored terms, as written.
        var exact: [Query] = []
        /// A uniform sample of Latin-script terms of 10 letters or more (typo sources).
        var typoSources: [Query] = []
        /// A uniform sample of the synthetic persons' English names (Polish respelling sources).
        var respellSources: [Query] = []
        /// Every stored term's text, for the plain-dictionary floor.
        var dictionary: [String: Int32] = [:]
        var terms = 0
    }

    /// Samples `count` queries of each kind from the store in one pass, and fills the dictionary floor.
    static func scan(_ store: GlossaryStore, count: Int, generator: inout SeededGenerator) throws -> StoreScan {
        var exact = Reservoir<IndexedTerm>(capacity: count)
        var typos = Reservoir<IndexedTerm>(capacity: count)
        var respell = Reservoir<IndexedTerm>(capacity: count)
        var dictionary: [String: Int32] = [:]
        dictionary.reserveCapacity(1 << 20)
        var terms = 0
        try store.forEachTerm { term in
            terms += 1
            dictionary[term.text] = Int32(truncatingIfNeeded: term.id)
            exact.offer(term, using: &generator)
            if term.keys.script == "Latin", term.text.unicodeScalars.filter(\.properties.isAlphabetic).count >= 10 {
                typos.offer(term, using: &generator)
            }
            if term.conceptId.hasPrefix("person-"), term.language == english {
                respell.offer(term, using: &generator)
            }
        }
        func query(_ term: IndexedTerm) -> Query {
            Query(text: term.text, language: term.language, gold: term.conceptId, original: term.text)
        }
        var scan = StoreScan(dictionary: dictionary, terms: terms)
        // Shuffled: a reservoir's first slots are biased towards the first terms of the stream.
        scan.exact = exact.items.shuffled(using: &generator).map(query)
        scan.typoSources = typos.items.shuffled(using: &generator).map(query)
        scan.respellSources = respell.items.shuffled(using: &generator).map(query)
        return scan
    }

    /// The stored names with two letters changed: `count` of them, from Latin-script names of 10+ letters.
    static func typos(_ sources: [Query], generator: inout SeededGenerator) -> [Query] {
        sources.compactMap { source in
            var query = source
            query.text = misspell(source.text, edits: 2, using: &generator)
            return query.text == source.text ? nil : query
        }
    }

    /// `text` with `edits` of its ASCII letters replaced by other letters, case kept.
    static func misspell(_ text: String, edits: Int, using generator: inout SeededGenerator) -> String {
        var characters = Array(text)
        var positions = characters.indices.filter { characters[$0].isASCII && characters[$0].isLetter }
        positions.shuffle(using: &generator)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        for position in positions.prefix(edits) {
            let original = characters[position]
            var replacement = original
            while replacement.lowercased() == original.lowercased() {
                replacement = alphabet.randomElement(using: &generator) ?? "x"
            }
            characters[position] = original.isUppercase ? Character(replacement.uppercased()) : replacement
        }
        return String(characters)
    }

    /// The Polish way of writing names from Russian, Armenian, Azerbaijani … (sz, cz, ż, ch, w, j), applied to an
    /// English spelling: left to right, longest rule first.
    static let polish: [(from: String, to: String)] = [
        ("shch", "szcz"), ("sh", "sz"), ("zh", "ż"), ("kh", "ch"), ("ch", "cz"), ("ts", "c"), ("ya", "ja"),
        ("yu", "ju"), ("ye", "je"), ("yo", "jo"), ("v", "w"), ("x", "ks"),
    ]

    /// Synthetic persons' English names respelled the Polish way (*Pashinyan* → *Paszinjan*), queried as Polish;
    /// names the rules leave unchanged are skipped.
    static func respelled(_ sources: [Query]) -> [Query] {
        sources.compactMap { source in
            let words = source.text.split(separator: " ").map { word -> String in
                let lower = word.lowercased()
                var out = ""
                var i = lower.startIndex
                while i < lower.endIndex {
                    if let rule = polish.first(where: { lower[i...].hasPrefix($0.from) }) {
                        out += rule.to
                        i = lower.index(i, offsetBy: rule.from.count)
                    } else {
                        out.append(lower[i])
                        i = lower.index(after: i)
                    }
                }
                return word.first?.isUppercase == true ? out.prefix(1).uppercased() + out.dropFirst() : out
            }
            let text = words.joined(separator: " ")
            guard text != source.text else { return nil }
            return Query(text: text, language: LanguageTag(canonical: "pl"), gold: source.gold, original: source.text)
        }
    }

    /// The CLDR names (in ``BenchmarkStore/queryLanguages``) the benchmark store lacks: the removed exonyms of the
    /// places it keeps, and the names of the places it left out (plus their English names).
    static func heldOut() throws -> (exonyms: [Query], absent: [Query], absentIDs: [String], exonymIDs: [String]) {
        var exonyms: [Query] = [], absent: [Query] = []
        var absentIDs: [String] = [], exonymIDs: [String] = []
        for (concept, holdout) in try BenchmarkStore.heldOutPlaces() {
            var seen = Set<String>()
            let english = concept.canonicalTerm(in: english)?.text
            for term in concept.terms where BenchmarkStore.isLatin(term.text) {
                let language = term.language.language
                guard seen.insert(language + "\t" + term.text).inserted else { continue }
                let tag = LanguageTag(canonical: language)
                if holdout == .exonymsRemoved, BenchmarkStore.queryLanguages.contains(language),
                   !BenchmarkStore.keepsTerm(term) {
                    exonyms.append(Query(text: term.text, language: tag, gold: concept.id, goldEnglish: english))
                } else if holdout == .absent, BenchmarkStore.queryLanguages.contains(language) || language == "en" {
                    // The English name tells a curated twin (same place, same English name: Syria, Turkey) found
                    // for it from a false match.
                    absent.append(Query(text: term.text, language: tag, goldEnglish: english))
                }
            }
            if holdout == .absent { absentIDs.append(concept.id) } else { exonymIDs.append(concept.id) }
        }
        return (exonyms, absent, absentIDs, exonymIDs)
    }
}
