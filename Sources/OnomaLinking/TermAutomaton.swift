import Foundation
public import OnomaGlossary
public import OnomaStore
public import OnomaText

/// Every term of a store as a sequence of word keys, in a trie that finds the longest term starting at each word of
/// a text in one walk.
///
/// A term's comparison key (`haut karabakh`, `caucase du sud`, `fédération de russie` → `federation de russie`) is
/// split into words; each distinct word gets a symbol and each term a path of symbols. Linking walks the text's
/// word keys along the paths, so a mention costs one hash look-up per word whatever the number of terms, and
/// multiword, hyphenated, case and diacritic variants all meet on the same path.
///
/// Built once per store and shared: `Sendable`, immutable after `init`.
public final class TermAutomaton: Sendable {
    /// What the surface of a mention must look like for a term to apply: a capitalized term wants a capitalized
    /// surface, an all-capitals one an acronym (or a capitalized word of four letters or more, *Otan*), a lower-case
    /// or uncased one anything, one with an inner capital (*ministère russe de la Défense*) anything.
    typealias CaseRequirement = WrittenCase

    /// One term on a trie path.
    struct Entry: Sendable {
        var concept: Int32
        var term: Term
        var normalized: String
        var requirement: CaseRequirement
        /// The term's base language (`hy` of `hy-Latn`).
        var baseLanguage: String
    }

    /// Figures about the build, for benchmarks and `--verbose` output.
    public struct Stats: Sendable {
        /// Terms on a path and trie nodes.
        public var terms: Int
        public var nodes: Int
        /// Distinct word keys.
        public var words: Int
        /// Seconds spent reading the store and building.
        public var buildSeconds: Double
    }

    let concepts: [Concept]
    /// Per concept, the index of its type in ``types``: a session decides which concepts it links per type, not per
    /// concept, so opening one costs nothing on a store of a million terms.
    let typeIndexes: [UInt16]
    /// The distinct concept types of the store.
    let types: [ConceptType]
    /// Whether each concept comes from a generated gazetteer (CLDR) rather than curated data.
    let generated: [Bool]
    let entries: [Entry]
    /// Per concept, its type and English canonical form: a generated concept with the identity of a curated one is
    /// the same entity twice.
    let identities: [String?]
    /// Word key → symbol. Keyed by UTF-8 bytes: most probes of a text's word miss or pass keys in other
    /// scripts (*москва*, *երևան*), and a `String` key would compare those by canonical equivalence, normalizing
    /// both.
    let vocabulary: [UTF8Key: Int32]
    /// The symbol standing for a comma between two words of a term, or -1 when no term has one.
    let commaSymbol: Int32
    /// `(node << 32) | symbol` → child node; node 0 is the root.
    let transitions: [UInt64: Int32]
    /// Entries of the terms ending at node `n`: `terminalEntries[terminalStarts[n]..<terminalStarts[n + 1]]` (one
    /// array read per step of a walk, no hashing).
    let terminalStarts: [Int32]
    let terminalEntries: [Int32]
    /// Concept id → its index in ``concepts``.
    let conceptIndex: [String: Int32]
    /// The indexed terms, kept for building a matcher for the cascade without reading the store again.
    let indexedTerms: [IndexedTerm]
    /// What the build measured.
    public let stats: Stats

    /// Reads every concept and term of `store` (in one scan, ``OnomaStore/GlossaryStore/contents()``) and builds the
    /// trie.
    public convenience init(store: GlossaryStore) throws(StoreError) {
        let start = Date()
        let contents = try store.contents()
        self.init(concepts: contents.concepts, terms: contents.terms, start: start)
    }

    /// Builds the trie over the terms of concepts held in memory (their keys are computed here).
    public convenience init(concepts: [Concept], normalizer: NameNormalizer = NameNormalizer()) {
        let start = Date()
        self.init(concepts: concepts, terms: IndexedTerm.indexing(concepts, normalizer: normalizer), start: start)
    }

    /// Builds the trie over `terms`, whose concepts are `concepts`.
    public convenience init(concepts: [Concept], terms: [IndexedTerm]) {
        self.init(concepts: concepts, terms: terms, start: Date())
    }

    private init(concepts: [Concept], terms: [IndexedTerm], start: Date) {
        var conceptIndex: [String: Int32] = [:]
        for (i, concept) in concepts.enumerated() { conceptIndex[concept.id] = Int32(i) }
        var vocabulary: [UTF8Key: Int32] = [:]
        var wordCount: Int32 = 0
        var transitions: [UInt64: Int32] = [:]
        var terminals: [Int32: [Int32]] = [:]
        var entries: [Entry] = []
        entries.reserveCapacity(terms.count)
        var nodes: Int32 = 1
        // A text's word key is in NFC or in NFD (NFC when it keeps a mark); a term's word may be in the other form
        // when another word of the term kept a mark (its whole key is then NFC). Both forms name one symbol, as when
        // the vocabulary compared strings by canonical equivalence.
        func symbolInserting(_ word: String) -> Int32 {
            let key = UTF8Key(word)
            if let known = vocabulary[key] { return known }
            var forms: [UTF8Key] = []
            if word.utf8.contains(where: { $0 >= 0x80 }) {
                for form in [ICU.NormalizationForm.nfc, .nfd] {
                    if let other = try? ICU.normalize(word, form), !other.utf8.elementsEqual(word.utf8) {
                        forms.append(UTF8Key(other))
                    }
                }
            }
            for form in forms {
                if let known = vocabulary[form] {
                    vocabulary[key] = known
                    return known
                }
            }
            let symbol = wordCount
            wordCount += 1
            vocabulary[key] = symbol
            for form in forms { vocabulary[form] = symbol }
            return symbol
        }
        func step(_ node: Int32, _ word: String) -> Int32 {
            let symbol = symbolInserting(word)
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: symbol))
            if let child = transitions[edge] { return child }
            transitions[edge] = nodes
            nodes += 1
            return nodes - 1
        }
        for term in terms {
            guard let concept = conceptIndex[term.conceptId], !term.key.isEmpty else { continue }
            // Split on the bytes: splitting the `String` walks its grapheme clusters.
            let words = term.key.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
            var node: Int32 = 0
            for word in words { node = step(node, word) }
            terminals[node, default: []].append(Int32(entries.count))
            // A term written with a comma (*Washington, DC*, *Knox, Indiana*) also has a path with the comma, so that
            // the text's comma, which otherwise ends a name, may stand there.
            if let breaks = Self.commaBreaks(term.normalized, wordCount: words.count) {
                node = 0
                for (i, word) in words.enumerated() {
                    if breaks.contains(i) { node = step(node, Self.commaWord) }
                    node = step(node, word)
                }
                terminals[node, default: []].append(Int32(entries.count))
            }
            entries.append(Entry(concept: concept, term: term.term, normalized: term.normalized,
                                 requirement: WrittenCase.of(term.text), baseLanguage: term.language.language))
        }
        self.concepts = concepts
        var types: [ConceptType] = []
        var typeIndex: [ConceptType: UInt16] = [:]
        var typeIndexes: [UInt16] = []
        typeIndexes.reserveCapacity(concepts.count)
        for concept in concepts {
            if let known = typeIndex[concept.type] {
                typeIndexes.append(known)
            } else {
                typeIndex[concept.type] = UInt16(types.count)
                typeIndexes.append(UInt16(types.count))
                types.append(concept.type)
            }
        }
        self.types = types
        self.typeIndexes = typeIndexes
        self.generated = concepts.map { concept in concept.sources.contains { $0.hasPrefix("Unicode CLDR") } }
        let english = LanguageTag(canonical: "en")
        self.identities = concepts.map { concept in
            concept.canonicalTerm(in: english).map { "\(concept.type)\t\($0.text)" }
        }
        self.entries = entries
        self.commaSymbol = vocabulary[UTF8Key(Self.commaWord)] ?? -1
        self.vocabulary = vocabulary
        self.transitions = transitions
        // Entries grouped by their end node, in entry order.
        var starts = [Int32](repeating: 0, count: Int(nodes) + 1)
        for (node, list) in terminals { starts[Int(node) + 1] = Int32(list.count) }
        for n in 0..<Int(nodes) { starts[n + 1] += starts[n] }
        var flat = [Int32](repeating: 0, count: Int(starts[Int(nodes)]))
        for (node, list) in terminals {
            for (k, entry) in list.enumerated() { flat[Int(starts[Int(node)]) + k] = entry }
        }
        self.terminalStarts = starts
        self.terminalEntries = flat
        self.conceptIndex = conceptIndex
        self.indexedTerms = terms
        self.stats = Stats(terms: entries.count, nodes: Int(nodes), words: Int(wordCount),
                           buildSeconds: Date().timeIntervalSince(start))
    }

    /// The symbol of a word key, or -1 when no term holds that word.
    @inline(__always)
    func symbol(_ word: String) -> Int32 { vocabulary[UTF8Key(word)] ?? -1 }

    /// The entries of the terms ending at `node`; empty when none does.
    @inline(__always)
    func terminals(_ node: Int32) -> ArraySlice<Int32> {
        terminalEntries[Int(terminalStarts[Int(node)])..<Int(terminalStarts[Int(node) + 1])]
    }

    /// The child of `node` along `symbol`, if any.
    @inline(__always)
    func child(_ node: Int32, _ symbol: Int32) -> Int32? {
        transitions[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: symbol))]
    }

    /// The pseudo-word of a comma on a trie path; no word key contains a comma.
    static let commaWord = ","

    /// The positions of `normalized`'s key words that follow a comma, or `nil` when the term has no comma between
    /// words or its written words cannot be aligned with its `wordCount` key words (then it has no comma path).
    static func commaBreaks(_ normalized: String, wordCount: Int) -> Set<Int>? {
        // Looked for in the bytes: `String.contains(_:)` goes through Foundation's search, which on every term was a
        // fifth of the automaton's build.
        var previous: UInt8 = 0
        guard normalized.utf8.contains(where: { byte in
            defer { previous = byte }
            return previous == 0x2C && byte == 0x20
        }) else { return nil }
        var breaks = Set<Int>()
        var words = 0
        for (i, part) in normalized.components(separatedBy: ", ").enumerated() {
            if i > 0 { breaks.insert(words) }
            // Words as the key counts them: runs of letters, marks and digits (*D.C.* is two).
            var inWord = false
            for scalar in part.unicodeScalars {
                let properties = scalar.properties
                let isWordScalar = properties.isAlphabetic || properties.numericType != nil
                    || properties.generalCategory == .nonspacingMark
                if isWordScalar && !inWord { words += 1 }
                inWord = isWordScalar
            }
        }
        guard words == wordCount, !breaks.contains(0), !breaks.contains(wordCount) else { return nil }
        return breaks
    }

    /// The concept at `index`.
    func concept(_ index: Int32) -> Concept { concepts[Int(index)] }
}

/// A string as a dictionary key hashed and compared by its UTF-8 bytes, not by canonical equivalence: a probe that
/// meets a key of another script, or of non-ASCII letters, compares bytes instead of normalizing both strings. Two
/// spellings of one text in different normalization forms are two keys.
///
/// The bytes' hash is computed once and compared first: a probe that misses (most words of a text hold no term)
/// passes several keys, and each costs one integer comparison.
struct UTF8Key: Hashable {
    let text: String
    let digest: UInt64

    init(_ text: String) {
        var text = text
        self.digest = text.withUTF8 { ByteHash.hash($0, seed: 0) }
        self.text = text
    }

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        guard lhs.digest == rhs.digest else { return false }
        return lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}
