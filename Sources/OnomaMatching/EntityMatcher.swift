import Dispatch
import Foundation
import Synchronization
public import OnomaGlossary
public import OnomaStore
public import OnomaText

/// Finds the concepts a name refers to, in any language or script, through one cascade of increasingly tolerant
/// steps: exact form, comparison key, transliteration, transcription conventions, then fuzzy keys.
///
/// ```swift
/// let matcher = try EntityMatcher(store: store)
/// let result = matcher.lookup("Pachinian", language: LanguageTag(canonical: "fr"), target: LanguageTag(canonical: "en"))
/// result.best?.canonical?.text   // "Nikol Pashinyan"
/// result.best?.method            // .transcription
/// ```
///
/// All indexes are built in memory once, from the store's terms; queries never scan the terms.
///
/// `Sendable` notes: the indexes are immutable after `init`; the normalizer and the rule tables are thread-safe.
public final class EntityMatcher: Sendable {
    /// Scores at or above this are matches; below it a result is `no match`.
    ///
    /// The fuzzy step maps similarity 0.755 to this score: on the CLDR development set
    /// (`Benchmarks/transcription/`), that similarity kept false matches at or under 2 % of the queries whose concept
    /// was removed.
    public static let threshold = 0.5

    /// The score of each certain step; fuzzy scores lie in [``threshold``, 0.89].
    public static let stepScores: [MatchMethod: Double] = [
        .exact: 1.0, .key: 0.97, .transliteration: 0.94, .transcription: 0.9,
    ]

    /// Similarity of transcription keys that counts as a fuzzy match.
    public static let fuzzySimilarity = 0.755

    /// Keys shorter than this (letters, spaces not counted) get no fuzzy match: one edit in a five-letter key
    /// already joins unrelated names (*Patten* and *Putin*, *Olive* and *Aliev*).
    public static let fuzzyMinimumLength = 6

    struct Entry: Sendable {
        var concept: Int32
        var term: Term
        var normalized: String
        var key: String
        var latinKey: String
        var isLatin: Bool
        var transcription: [String]
        /// `skeletons[i]` is the skeleton of `transcription[i]`.
        var skeletons: [String]
        /// The keys and skeletons as bytes without spaces, for the fuzzy step's edit distances.
        var transcriptionBytes: [[UInt8]]
        var skeletonBytes: [[UInt8]]
    }

    let concepts: [Concept]
    /// Whether each concept comes from a generated gazetteer (CLDR) rather than curated data.
    let generated: [Bool]
    let entries: [Entry]
    static let english = LanguageTag(canonical: "en")
    private let byNormalized: [ByteKey: [Int32]]
    private let byKey: [ByteKey: [Int32]]
    private let byLatinKey: [ByteKey: [Int32]]
    private let byTranscription: [ByteKey: [Int32]]
    /// The fuzzy step's candidate indexes, built on its first use (many runs never reach it).
    private let fuzzyIndex = Mutex<FuzzyIndex?>(nil)

    /// Candidate indexes of the fuzzy step: skeletons and trigrams of transcription keys.
    struct FuzzyIndex: Sendable {
        var bySkeleton: [ByteKey: [Int32]] = [:]
        var byTrigram: [UInt32: [Int32]] = [:]
        /// Per entry, the shortest and longest key length: a contiguous array the length filter reads without
        /// touching the entries themselves.
        var lengths: [(min: UInt16, max: UInt16)] = []
    }
    private let normalizer: NameNormalizer
    private let rules: TranscriptionRules

    /// Figures about the index, for benchmarks and `stats`.
    public struct IndexStats: Sendable {
        /// Concepts and terms indexed.
        public var concepts: Int
        public var terms: Int
        /// Seconds spent building.
        public var buildSeconds: Double
    }

    /// What the build measured.
    public let stats: IndexStats

    /// Builds the indexes from every term of `store`.
    public convenience init(store: GlossaryStore, normalizer: NameNormalizer = NameNormalizer(),
                            rules: TranscriptionRules = .shared) throws {
        let start = Date()
        let concepts = try store.concepts()
        let terms = try store.allTerms()
        try self.init(concepts: concepts, indexedTerms: terms, normalizer: normalizer, rules: rules, start: start)
    }

    /// Builds the indexes from concepts and terms already read from a store (so a caller that also needs them, such
    /// as the text linker, reads the store once).
    public convenience init(concepts: [Concept], indexedTerms: [IndexedTerm], normalizer: NameNormalizer = NameNormalizer(),
                            rules: TranscriptionRules = .shared) throws {
        try self.init(concepts: concepts, indexedTerms: indexedTerms, normalizer: normalizer, rules: rules,
                      start: Date())
    }

    /// Builds the indexes from concepts in memory (their keys are computed here).
    public convenience init(concepts: [Concept], normalizer: NameNormalizer = NameNormalizer(),
                            rules: TranscriptionRules = .shared) throws {
        let start = Date()
        var terms: [IndexedTerm] = []
        for concept in concepts {
            for (position, term) in concept.terms.enumerated() {
                guard let keys = try? TermKeys(text: term.text, language: term.language, normalizer: normalizer)
                else { continue }
                terms.append(IndexedTerm(id: Int64(terms.count), conceptId: concept.id, text: term.text,
                                         language: term.language, status: term.status, kind: term.kind, keys: keys,
                                         position: position))
            }
        }
        try self.init(concepts: concepts, indexedTerms: terms, normalizer: normalizer, rules: rules, start: start)
    }

    private init(concepts: [Concept], indexedTerms: [IndexedTerm], normalizer: NameNormalizer,
                 rules: TranscriptionRules, start: Date) throws {
        self.normalizer = normalizer
        self.rules = rules
        try rules.validate()
        var conceptIndex: [String: Int32] = [:]
        for (i, concept) in concepts.enumerated() { conceptIndex[concept.id] = Int32(i) }
        self.concepts = concepts
        self.generated = concepts.map { concept in concept.sources.contains { $0.hasPrefix("Unicode CLDR") } }

        // Transcription keys and skeletons cost ICU transforms: computed on all cores, once per distinct
        // (convention, text), since the same spelling recurs across languages.
        let prepared: [(text: String, convention: String?)] = indexedTerms.map { term in
            let isLatin = term.keys.latin == term.keys.normalized
            return (TranscriptionRules.prepare(term.keys.latin), isLatin ? term.language.language : "en")
        }
        var distinct: [String: Int] = [:]
        var units: [(text: String, convention: String?)] = []
        units.reserveCapacity(prepared.count)
        let unitOf: [Int] = prepared.map { item in
            let id = (item.convention ?? "") + "\u{0}" + item.text
            if let index = distinct[id] { return index }
            distinct[id] = units.count
            units.append(item)
            return units.count - 1
        }
        let cache = TranscriptionCache(rules: rules)
        var cached = cache.load()
        let unitIDs = units.map { ($0.convention ?? "") + "\u{0}" + $0.text }
        let missing = units.indices.filter { cached[unitIDs[$0]] == nil }
        let computed = Self.parallelMap(missing.map { units[$0] }) { unit -> TranscriptionCache.Keys in
            let keys = (try? rules.keys(prepared: unit.text, convention: unit.convention)) ?? []
            // Aligned with the keys: skeletons[i] is the skeleton of keys[i].
            return (keys, keys.map { (try? rules.skeleton($0)) ?? "" })
        }
        for (index, keys) in zip(missing, computed) { cached[unitIDs[index]] = keys }
        if !missing.isEmpty { cache.save(cached) }
        let folded = unitIDs.map { cached[$0]! }

        var entries: [Entry] = []
        entries.reserveCapacity(indexedTerms.count)
        for (i, term) in indexedTerms.enumerated() {
            guard let concept = conceptIndex[term.conceptId] else { continue }
            let (keys, skeletons) = folded[unitOf[i]]
            entries.append(Entry(concept: concept, term: term.term, normalized: term.normalized, key: term.key,
                                 latinKey: term.latinKey, isLatin: term.keys.latin == term.keys.normalized,
                                 transcription: keys, skeletons: skeletons,
                                 transcriptionBytes: keys.map(Self.compact), skeletonBytes: skeletons.map(Self.compact)))
        }
        self.entries = entries

        var byNormalized: [ByteKey: [Int32]] = [:]
        var byKey: [ByteKey: [Int32]] = [:]
        var byLatinKey: [ByteKey: [Int32]] = [:]
        var byTranscription: [ByteKey: [Int32]] = [:]
        for (i, entry) in entries.enumerated() {
            let index = Int32(i)
            byNormalized[ByteKey(utf8: entry.normalized), default: []].append(index)
            byKey[ByteKey(utf8: entry.key), default: []].append(index)
            if !entry.isLatin { byLatinKey[ByteKey(utf8: entry.latinKey), default: []].append(index) }
            for key in entry.transcription { byTranscription[ByteKey(utf8: key), default: []].append(index) }
        }
        self.byNormalized = byNormalized
        self.byKey = byKey
        self.byLatinKey = byLatinKey
        self.byTranscription = byTranscription
        self.stats = IndexStats(concepts: concepts.count, terms: entries.count,
                                buildSeconds: Date().timeIntervalSince(start))
    }

    // MARK: - Lookup

    /// Looks up one name.
    ///
    /// - Parameters:
    ///   - text: the name as written.
    ///   - language: the language it is written in, when known (selects French elision, transliteration and the
    ///     transcription conventions).
    ///   - target: the language of the canonical forms returned.
    ///   - types: when given, only concepts of these types.
    ///   - limit: the most matches returned.
    public func lookup(_ text: String, language: LanguageTag? = nil, target: LanguageTag,
                       types: Set<ConceptType>? = nil, limit: Int = 5) -> LookupResult {
        let name: NormalizedName
        do { name = try normalizer.normalize(text, language: language?.description) } catch {
            return LookupResult(query: text, name: nil, matches: [], error: error.description)
        }
        return lookup(name: name, language: language, target: target, types: types, limit: limit)
    }

    /// Looks up a name already normalized (by the batch job) with the same language hint.
    ///
    /// - Parameters:
    ///   - explain: false skips building the explanation lines (the batch job does not print them).
    ///   - fuzzy: false stops after the transcription step (callers whose threshold is above every fuzzy score).
    public func lookup(name: NormalizedName, language: LanguageTag? = nil, target: LanguageTag,
                       types: Set<ConceptType>? = nil, limit: Int = 5, explain: Bool = true,
                       fuzzy allowFuzzy: Bool = true) -> LookupResult {
        let text = name.input
        let source = language?.language
        let label = source.map { "\($0) " } ?? ""
        // Per concept, its best way to match: `rank` orders (the score, less a small penalty for non-preferred and
        // short forms, so a preferred full name wins a tie); `score` is what users see.
        var best: [Int32: (rank: Double, score: Double, entry: Int32, method: MatchMethod, explanation: String)] = [:]

        func consider(_ indexes: [Int32]?, _ method: MatchMethod, score: Double, _ why: (Entry) -> String) {
            for index in indexes ?? [] {
                let entry = entries[Int(index)]
                if let types, !types.contains(concepts[Int(entry.concept)].type) { continue }
                let rank = score - Self.penalty(entry.term)
                    + (entry.term.language.language == source ? 0.003 : 0)  // the query's own language first
                    - (generated[Int(entry.concept)] ? 0.004 : 0)  // curated before generated
                if let current = best[entry.concept], current.rank >= rank { continue }
                best[entry.concept] = (rank, score, index, method, explain ? why(entry) : "")
            }
        }
        func describe(_ entry: Entry) -> String { "\(entry.term.language) \"\(entry.term.text)\"" }

        // 1. Exact normalized form; 2. comparison key.
        consider(byNormalized[ByteKey(utf8: name.normalized)], .exact, score: Self.stepScores[.exact]!) { entry in
            "\(label)\"\(text)\" = \(describe(entry))"
        }
        consider(byKey[ByteKey(utf8: name.key)], .key, score: Self.stepScores[.key]!) { entry in
            "\(label)\"\(text)\" → key \(name.key) = \(describe(entry))"
        }
        // 3. Transliteration, both ways.
        let queryIsLatin = name.latin == name.normalized
        // Computed as the store computes its terms' Latin keys, so both sides meet.
        let latinKey = (try? TermKeys.latinKey(of: name, language: language?.description, normalizer: normalizer)) ?? ""
        if best.isEmpty, !latinKey.isEmpty {
            if !queryIsLatin {
                consider(byKey[ByteKey(utf8: latinKey)], .transliteration, score: Self.stepScores[.transliteration]!) { entry in
                    "\(label)\"\(text)\" → Latin \(name.latin) → key \(latinKey) = \(describe(entry))"
                }
            }
            consider(byLatinKey[ByteKey(utf8: latinKey)], .transliteration, score: Self.stepScores[.transliteration]!) { entry in
                "\(label)\"\(text)\" → key \(latinKey) = Latin key of \(describe(entry))"
            }
        }
        // 4. Transcription conventions; 5. fuzzy keys.
        if best.isEmpty {
            let convention = queryIsLatin ? source : "en"
            let prepared = TranscriptionRules.prepare(name.latin)
            let keys = (try? rules.keys(prepared: prepared, convention: convention)) ?? []
            // One explanation per key (at most two), not per candidate.
            var explanations: [String: String] = [:]
            for key in keys where explain {
                explanations[key] = explainTranscription(text: text, label: label, prepared: prepared,
                                                         convention: convention, key: key,
                                                         latin: queryIsLatin ? nil : name.latin)
            }
            let explainKey = { (key: String) -> String in explanations[key] ?? key }
            for key in keys {
                consider(byTranscription[ByteKey(utf8: key)], .transcription, score: Self.stepScores[.transcription]!) { entry in
                    "\(explainKey(key)) = \(describe(entry))"
                }
            }
            if best.isEmpty, allowFuzzy {
                for found in fuzzy(keys: keys) {
                    let score = Self.threshold
                        + (found.similarity - Self.fuzzySimilarity) / (1 - Self.fuzzySimilarity) * 0.39
                    consider([found.entry], .fuzzy, score: score) { entry in
                        "\(explainKey(found.key)) ≈ \(entry.transcription.first ?? "") (similarity "
                            + String(format: "%.2f", found.similarity) + ") = \(describe(entry))"
                    }
                }
            }
        }

        if best.isEmpty, let rest = Self.withoutArticle(name, language: source) {
            // "la Russie", "die Türkei": retry without the leading article, and say so.
            let retried = lookup(name: rest, language: language, target: target, types: types, limit: limit,
                                 explain: explain, fuzzy: allowFuzzy)
            return LookupResult(query: text, name: name, matches: retried.matches.map { match in
                var match = match
                match.explanation = "\(label)\"\(text)\" → without article: " + match.explanation
                return match
            }, error: nil)
        }
        // A generated gazetteer concept that duplicates a curated one (same type, same English canonical form) is
        // the same entity twice: the curated concept stands for both.
        var curatedNames = Set<String>()
        for conceptIndex in best.keys where !generated[Int(conceptIndex)] {
            let concept = concepts[Int(conceptIndex)]
            if let english = concept.canonicalTerm(in: Self.english)?.text { curatedNames.insert("\(concept.type)\t\(english)") }
        }
        let ranked = best.filter { conceptIndex, _ in
            let concept = concepts[Int(conceptIndex)]
            guard generated[Int(conceptIndex)], let english = concept.canonicalTerm(in: Self.english)?.text else { return true }
            return !curatedNames.contains("\(concept.type)\t\(english)")
        }.sorted { a, b in
            a.value.rank != b.value.rank ? a.value.rank > b.value.rank : a.key < b.key
        }.prefix(limit)
        let matches = ranked.map { conceptIndex, found -> Match in
            let concept = concepts[Int(conceptIndex)]
            return Match(conceptID: concept.id, type: concept.type, domain: concept.domain, note: concept.note,
                         canonical: concept.canonicalTerm(in: target), matchedTerm: entries[Int(found.entry)].term,
                         method: found.method, score: min(1, found.score),
                         explanation: found.explanation)
        }
        return LookupResult(query: text, name: name, matches: matches, error: nil)
    }

    /// Leading articles per language, dropped when a name finds nothing with them ("la Russie" → "Russie").
    public static let articles: [String: Set<String>] = [
        "fr": ["le", "la", "les"], "de": ["der", "die", "das", "den", "dem", "des"], "es": ["el", "la", "los", "las"],
        "it": ["il", "lo", "la", "i", "gli", "le"], "pt": ["o", "a", "os", "as"], "nl": ["de", "het"],
        "en": ["the"], "ca": ["el", "la", "els", "les"],
    ]

    /// `name` without its leading article, when it has one and more words after it.
    static func withoutArticle(_ name: NormalizedName, language: String?) -> NormalizedName? {
        guard let language, let articles = articles[language] else { return nil }
        let words = name.normalized.split(separator: " ", maxSplits: 1)
        guard words.count == 2, articles.contains(words[0].lowercased()) else { return nil }
        let keyWords = name.key.split(separator: " ", maxSplits: 1)
        guard keyWords.count == 2 else { return nil }
        let latinWords = name.latin.split(separator: " ", maxSplits: 1)
        return NormalizedName(input: String(words[1]), normalized: String(words[1]), key: String(keyWords[1]),
                              script: name.script, latin: latinWords.count == 2 ? String(latinWords[1]) : name.latin)
    }

    /// The concept with `id`, if indexed.
    public func concept(id: String) -> Concept? { concepts.first { $0.id == id } }

    // MARK: - Private

    /// Small rank adjustments so that, at equal method, a preferred full name beats a deprecated or short form.
    private static func penalty(_ term: Term) -> Double {
        (term.status == .preferred ? 0 : term.status == .admitted ? 0.002 : 0.01) + (term.kind == .full ? 0 : 0.001)
    }

    /// Entries whose transcription key is close to one of `keys`: candidates from the skeleton and trigram
    /// indexes, kept when both the keys and their skeletons are similar enough.
    private func fuzzy(keys: [String]) -> [(entry: Int32, similarity: Double, key: String)] {
        var found: [(entry: Int32, similarity: Double, key: String)] = []
        let index = fuzzyIndex.withLock { index -> FuzzyIndex in
            if let index { return index }
            var built = FuzzyIndex()
            built.lengths = entries.map { entry in
                let counts = entry.transcriptionBytes.map(\.count)
                return (UInt16(clamping: counts.min() ?? 0), UInt16(clamping: counts.max() ?? 0))
            }
            for (i, entry) in entries.enumerated() {
                for skeleton in Set(entry.skeletons) where !skeleton.isEmpty {
                    built.bySkeleton[ByteKey(utf8: skeleton), default: []].append(Int32(i))
                }
                var grams = Set<UInt32>()
                for key in entry.transcription { grams.formUnion(Self.trigrams(key)) }
                for gram in grams { built.byTrigram[gram, default: []].append(Int32(i)) }
            }
            index = built
            return built
        }
        for key in keys where key.utf8.filter({ $0 != 0x20 }).count >= Self.fuzzyMinimumLength {
            let skeleton = (try? rules.skeleton(key)) ?? ""
            var candidates = Set(index.bySkeleton[ByteKey(utf8: skeleton)] ?? [])
            // Entries sharing at least half the key's trigrams. Prefix filtering: such an entry must hold one of the
            // (n - needed + 1) rarest trigrams, so only those postings are read; common trigrams ("ani", "sta")
            // never are. The similarity test below is the real filter.
            let grams = Set(Self.trigrams(key)).sorted {
                (index.byTrigram[$0]?.count ?? 0, $0) < (index.byTrigram[$1]?.count ?? 0, $1)
            }
            let needed = max(1, grams.count / 2)
            for gram in grams.prefix(grams.count - needed + 1) {
                candidates.formUnion(index.byTrigram[gram] ?? [])
            }
            let keyBytes = Self.compact(key)
            let skeletonBytes = Self.compact(skeleton)
            // Similarity ≥ s needs |len a − len b| ≤ (1 − s)·max(len): checked on the contiguous length table first.
            let length = Double(keyBytes.count)
            let shortest = UInt16(clamping: Int((length * Self.fuzzySimilarity).rounded(.up)))
            let longest = UInt16(clamping: Int((length / Self.fuzzySimilarity).rounded(.down)))
            for candidate in candidates {
                let bounds = index.lengths[Int(candidate)]
                if bounds.max < shortest || bounds.min > longest { continue }
                var similarity = 0.0
                for (entryKey, entrySkeleton) in zip(entries[Int(candidate)].transcriptionBytes,
                                                     entries[Int(candidate)].skeletonBytes) {
                    let keySimilarity = Similarity.levenshteinSimilarity(keyBytes, entryKey, atLeast: Self.fuzzySimilarity)
                    if keySimilarity < Self.fuzzySimilarity { continue }
                    similarity = max(similarity, min(keySimilarity, Similarity.levenshteinSimilarity(
                        skeletonBytes, entrySkeleton, atLeast: 0)))
                }
                if similarity >= Self.fuzzySimilarity { found.append((candidate, similarity, key)) }
            }
        }
        // Candidates come out of sets: order them so ties resolve the same way on every run.
        return found.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.entry < $1.entry }
    }

    /// `fr "Pachinian" → key pachinian → transcription fr: ch→sh → pashinian → common → pashinian`.
    private func explainTranscription(text: String, label: String, prepared: String, convention: String?,
                                      key: String, latin: String?) -> String {
        var line = "\(label)\"\(text)\""
        if let latin { line += " → Latin \(latin)" }
        line += " → \(prepared)"
        var current = prepared
        if let convention, rules.languages.contains(convention),
           let converted = try? rules.applyConvention(prepared, convention: convention), converted != prepared {
            let fired = rules.firedRules(convention, on: prepared)
            let changes = fired.isEmpty ? Self.changes(from: prepared, to: converted) : fired
            line += " → transcription \(convention): \(changes.joined(separator: ", ")) → \(converted)"
            current = converted
        }
        if current != key {
            let fired = rules.firedRules("common", on: current)
            line += " → common: \((fired.isEmpty ? Self.changes(from: current, to: key) : fired).joined(separator: ", "))"
        }
        return line + " → \(key)"
    }

    /// The replaced segments between two short strings, by longest common subsequence (`ch→sh`, `ia→ya`).
    static func changes(from a: String, to b: String) -> [String] {
        let x = Array(a), y = Array(b)
        guard x.count <= 200, y.count <= 200 else { return ["\(a)→\(b)"] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [String] = []
        var i = 0, j = 0
        var removed = "", added = ""
        func flush() {
            if !removed.isEmpty || !added.isEmpty {
                result.append("\(removed.isEmpty ? "∅" : removed)→\(added.isEmpty ? "∅" : added)")
            }
            removed = ""
            added = ""
        }
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                flush()
                i += 1
                j += 1
            } else if j < y.count, i == x.count || table[i][j + 1] >= table[i + 1][j] {
                added.append(y[j])
                j += 1
            } else {
                removed.append(x[i])
                i += 1
            }
        }
        flush()
        return result.isEmpty ? ["no change"] : result
    }

    /// The bytes of a key without its spaces.
    static func compact(_ key: String) -> [UInt8] { Array(key.utf8.filter { $0 != 0x20 }) }

    static func trigrams(_ key: String) -> [UInt32] {
        let bytes = Array(key.utf8.filter { $0 != 0x20 })
        guard bytes.count >= 3 else { return bytes.isEmpty ? [] : [UInt32(bytes.reduce(0) { $0 << 8 | UInt32($1) })] }
        return (0...(bytes.count - 3)).map { UInt32(bytes[$0]) << 16 | UInt32(bytes[$0 + 1]) << 8 | UInt32(bytes[$0 + 2]) }
    }

    /// Maps `items` on all cores, keeping order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        Parallel.mapRanges(count: items.count, slices: items.count < 64 ? 1 : Parallel.workers * 4) { _, range in
            range.map { transform(items[$0]) }
        }
    }
}
