import Foundation
import OnomaText
import Synchronization

// MARK: - The fuzzy step

// What the step finds: for each transcription key of the query of 4 letters or more, the entries that
//   1. are candidates: they have a skeleton equal to the key's skeleton, or a trigram among the key's rarest
//      (n - needed + 1 of its n distinct trigrams, rarest by the number of entries holding them, needed = n / 2);
//   2. have a key whose length is within the similarity bound (the entry's shortest key not too long, its longest not
//      too short);
//   3. have a key (with its skeleton) that `pairSimilarity` finds close: the entry's similarity is the best such
//      pair's. Generic-word keys (`salomon I`) are close only to keys with the same tokens, and compare on their words.
//      A pair that replaces a word of the key by another is not close (`replacesWord`: *Ministry of Defence of
//      Ukraine*, *… of Armenia*);
//   4. have no generic-word tokens that contradict the query's (`tokens(of:)`: north and south).
//
// How it finds them without reading every candidate: the index is over *pairs* (a distinct transcription key with
// its skeleton; far fewer than entries, since spellings recur across languages), and each trigram's list holds, next
// to each pair, the pair's length and a signature of its letter counts. Only pairs within the edit budget by length,
// and by a lower bound on the edit distance from letter counts, are verified (bit-parallel Levenshtein); the entries
// of the pairs that pass are then checked against 1 and 2 exactly. A pair is listed under the trigrams and skeletons
// of every entry holding it (its own and those of the entry's other keys), so an entry that is a candidate through
// one key and similar through another is still found. Same entries, same similarities as reading every candidate.

extension EntityMatcher {
    /// The fuzzy step's index over transcription-key pairs.
    struct FuzzyIndex: Sendable, Equatable {
        /// Pair `p`'s key without spaces is `keyBytes[keyStarts[p]..<keyStarts[p + 1]]`.
        var keyBytes: [UInt8] = []
        var keyStarts: [UInt32] = [0]
        /// Skeleton `s` (a number of `skeletonNames`) without spaces.
        var skeletonBytes: [UInt8] = []
        var skeletonStarts: [UInt32] = [0]
        /// Per pair, its letter-count signature.
        var signatures: [UInt64] = []
        /// Pair `p`'s entries, ascending: `pairEntries[pairEntryStarts[p]..<pairEntryStarts[p + 1]]`.
        var pairEntryStarts: [UInt32] = []
        var pairEntries: [Int32] = []
        /// Trigram (as `trigrams(of:)` gives it) → its number.
        var gramNumbers: [UInt32: Int32] = [:]
        /// Per trigram, the number of entries holding it (what orders a query's trigrams, rarest first).
        var gramEntryCounts: [Int32] = []
        /// Trigram `g`'s pairs are `gramPairs[gramStarts[g]..<gramStarts[g + 1]]`, with each pair's key length
        /// (255 for 255 or more) and signature alongside, so that filtering them reads memory in order.
        var gramStarts: [UInt32] = [0]
        var gramPairs: [UInt32] = []
        var gramLengths: [UInt8] = []
        var gramSignatures: [UInt64] = []
        /// Skeleton `s`'s pairs (those of every entry with that skeleton): `skeletonPairs[skeletonPairStarts[s]..<…]`.
        var skeletonPairStarts: [UInt32] = [0]
        var skeletonPairs: [UInt32] = []
        /// Byte value → signature bucket (0–15): the 15 most frequent bytes of the keys have their own.
        var buckets: [UInt8] = []

        /// Bytes held, for memory reports.
        var byteCount: Int {
            keyBytes.count + keyStarts.count * 4 + skeletonBytes.count + skeletonStarts.count * 4
                + signatures.count * 8 + pairEntryStarts.count * 4 + pairEntries.count * 4 + gramNumbers.count * 16
                + gramEntryCounts.count * 4 + gramStarts.count * 4 + gramPairs.count * 13
                + skeletonPairStarts.count * 4 + skeletonPairs.count * 4
        }

        /// Where pair `pair`'s key is in `keyBytes`.
        func keyRange(_ pair: Int) -> Range<Int> { Int(keyStarts[pair])..<Int(keyStarts[pair + 1]) }

        /// Where skeleton `skeleton` is in `skeletonBytes`.
        func skeletonRange(_ skeleton: Int) -> Range<Int> {
            Int(skeletonStarts[skeleton])..<Int(skeletonStarts[skeleton + 1])
        }

        /// The letter-count signature of `bytes`: 16 counts of 4 bits, each capped at 7.
        func signature(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var signature: UInt64 = 0
            for byte in bytes {
                let shift = UInt64(buckets[Int(byte)]) * 4
                if (signature >> shift) & 0xF < 7 { signature += 1 << shift }
            }
            return signature
        }

        /// The signature bits that count no vowel: the nibbles of the buckets of consonants alone (a bucket shared
        /// by a vowel and a consonant is left out).
        var consonantBits: UInt64 {
            var vowels: UInt64 = 0
            for vowel in "aeiou".utf8 { vowels |= 0xF << (UInt64(buckets[Int(vowel)]) * 4) }
            return ~vowels
        }

        /// Whether a pair whose signature is `b` may be close to a key whose signature is `a`
        /// (``pairSimilarity(_:_:skeletons:distance:skeletonDistance:costs:)``): within `budget` edits by their letter
        /// counts, or within `reach` with their consonants' counts (`consonants`, ``consonantBits``) within `budget`,
        /// as keys whose stems (without their last vowels) are within the budget have.
        @inline(__always)
        static func mayBeClose(_ a: UInt64, _ b: UInt64, budget: Int, reach: Int, consonants: UInt64) -> Bool {
            let bound = distanceBound(a, b)
            return bound <= budget || bound <= reach && distanceBound(a & consonants, b & consonants) <= budget
        }

        /// A lower bound of the Levenshtein distance of two strings from their signatures: every edit changes one
        /// count by one on each side at most, so the distance is at least the larger of the counts one side has
        /// in excess (bucketing letters and capping counts only lower that sum).
        @inline(__always)
        static func distanceBound(_ a: UInt64, _ b: UInt64) -> Int {
            let high: UInt64 = 0x8888_8888_8888_8888
            let low: UInt64 = 0x7777_7777_7777_7777
            @inline(__always) func excess(_ a: UInt64, _ b: UInt64) -> Int {
                // Per nibble 8 + a - b (counts ≤ 7, so no nibble borrows from the next); its top bit says a ≥ b.
                let difference = (a | high) &- b
                let positive = difference & low & (((difference & high) >> 3) &* 0xF)
                let bytes = (positive & 0x0F0F_0F0F_0F0F_0F0F) &+ ((positive >> 4) & 0x0F0F_0F0F_0F0F_0F0F)
                return Int((bytes &* 0x0101_0101_0101_0101) >> 56)
            }
            return max(excess(a, b), excess(b, a))
        }
    }

    /// The built fuzzy index, shared by reference.
    ///
    /// Queries on every thread read it through ``fuzzyIndexReference`` with one atomic load: neither a lock nor a
    /// copy of the index value, whose ~20 arrays two threads would otherwise retain and release on the same
    /// reference counts for every query. Immutable, so `Sendable`.
    final class FuzzyIndexStorage: Sendable {
        let index: FuzzyIndex
        /// Whether it was read from the matcher's ``fuzzyFile`` rather than built.
        let loaded: Bool

        init(_ index: FuzzyIndex, loaded: Bool = false) {
            self.index = index
            self.loaded = loaded
        }
    }

    /// Builds the fuzzy step's index now rather than on the first query that needs it (or reads it from the file a
    /// matcher with a snapshot saved it in, ``cached(store:snapshots:normalizer:rules:)``).
    ///
    /// - Returns: the seconds spent (0 when it was already there).
    @discardableResult
    public func prepareFuzzyIndex() -> Double {
        let start = Date()
        var built = false
        _ = fuzzyIndexStorage { built = true }
        return built ? Date().timeIntervalSince(start) : 0
    }

    /// The fuzzy index (built by the first caller if need be).
    func fuzzyIndexValue() -> FuzzyIndex { fuzzyIndexStorage().index }

    /// The fuzzy index: once there, one atomic load; before that, the first caller reads it from ``fuzzyFile`` or
    /// builds it (and saves it there) under ``fuzzyIndexBuildLock`` (`onBuild` is called then) while the others wait
    /// for it there.
    func fuzzyIndexStorage(onBuild: () -> Void = {}) -> FuzzyIndexStorage {
        if let storage = fuzzyIndexReference.load() { return storage }
        var built: FuzzyIndex?
        let storage = fuzzyIndexBuildLock.withLock { _ in
            if let storage = fuzzyIndexReference.load() { return storage }
            onBuild()
            let transcription = transcriptionIndex
            if let fuzzyFile, let index = MatcherSnapshot.readFuzzy(
                fuzzyFile, pairs: transcription.pairKeys.count, skeletons: transcription.skeletonNames.count,
                entries: entries.count) {
                return fuzzyIndexReference.storeIfNil(FuzzyIndexStorage(index, loaded: true))
            }
            built = buildFuzzyIndex()
            return fuzzyIndexReference.storeIfNil(FuzzyIndexStorage(built!))
        }
        // Saved once the waiting queries have the index.
        if let built, let fuzzyFile { MatcherSnapshot.writeFuzzy(built, to: fuzzyFile) }
        return storage
    }

    /// How close two keys are, as the fuzzy step decides it: their similarity, or 0 when they are not close.
    ///
    /// - Keys (bytes without spaces) compare only when their generic-word tokens (trailing capitals) are the same, and
    ///   on their letters only.
    /// - Keys of ``fuzzyFullLength`` letters or more are close when their Levenshtein similarity and their
    ///   skeletons' both reach ``fuzzySimilarity`` (the smaller of the two is the similarity), or when their weighted
    ///   similarity (``Similarity/weightedDistance(_:_:)``: vowel, *h* and kin-consonant edits cost half, first-letter
    ///   edits double) reaches ``weightedSimilarity``; the larger of the two counts. The weighted rule also reaches
    ///   keys beyond the Levenshtein budget of ``fuzzySimilarity``, up to ``reach(longest:)`` (two vowel edits in
    ///   seven letters; keys of up to ``weightedReachLength`` letters), when their stems (without their last
    ///   vowels) are within the budget (their lengths always are): a language's ending of a country's or city's
    ///   name (*Irlanda*/*Ireland*, *Bielorrusia*/*Belarus*, *Stoccolma*/*Stockholm*), not a vowel added inside
    ///   (*Paraguay*/*Prague*) nor two inside (*Angola*/*Anguilla*, *Letonia*/*Lithuania*).
    /// - Shorter keys (``fuzzyMinimumLength`` letters or more) are close only when they differ by one vowel or kin
    ///   letter in their last two letters (*japon*/*japan*, *kabil*/*kabul*) or by a final *a*, *o* or *u*
    ///   (*chin*/*china*); not elsewhere (*patin*/*putin*), not by a final *i* (*tunis*/*tunisi*): one edit
    ///   anywhere else in a five-letter name joins unrelated names.
    /// - Keys of any length from ``fuzzyMinimumLength`` within one Levenshtein edit (or within the budget of
    ///   ``fuzzySimilarity``) are also close when their learned similarity (``Similarity/learnedDistance(_:_:costs:)``
    ///   with `costs`: edits cost what pairs of spellings of one place against look-alike pairs taught) reaches
    ///   ``learnedSimilarity`` (*mosku*/*moskou*, *riad*/*riadh*, *bahami*/*bahamas*), unless one is the other plus
    ///   vowels (*tunis*/*tunisi*).
    ///
    /// - Parameters:
    ///   - distance: the Levenshtein distance of `a` and `b`, or any value above its argument once it exceeds it.
    ///   - skeletonDistance: the Levenshtein distance of their skeletons.
    ///   - costs: the learned edit costs (``TranscriptionRules/editCosts``); nil leaves the learned rule out.
    static func pairSimilarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                               skeletons: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>),
                               distance: (Int) -> Int, skeletonDistance: () -> Int,
                               costs: EditCosts? = nil) -> Double {
        let tokens = GenericWords.tokenCount(a)
        guard tokens == GenericWords.tokenCount(b),
              tokens == 0 || a[(a.count - tokens)...].elementsEqual(b[(b.count - tokens)...]) else { return 0 }
        let x = UnsafeBufferPointer(rebasing: a[..<(a.count - tokens)])
        let y = UnsafeBufferPointer(rebasing: b[..<(b.count - tokens)])
        let shorter = min(x.count, y.count), longer = max(x.count, y.count)
        guard shorter >= fuzzyMinimumLength else { return 0 }
        // The learned rule, for pairs within the Levenshtein budget (at least one edit).
        func learned(_ value: Double, edits: Int) -> Double {
            guard let costs, edits <= max(1, Similarity.editBudget(longest: longer, atLeast: fuzzySimilarity)) else {
                return value
            }
            // Not a key that is the other plus vowels: Tunis/Tunisia, Alger/Algeria (a country and its capital)
            // differ so as often as two spellings of one place; on the unseen slice this doubled false matches.
            let (short, long) = x.count < y.count ? (x, y) : (y, x)
            if Similarity.addsOnlyVowels(long, to: short) { return value }
            let similarity = 1 - Double(Similarity.learnedDistance(x, y, costs: costs)) / 100 / Double(longer)
            return similarity >= learnedSimilarity ? max(value, similarity) : value
        }
        if shorter < fuzzyFullLength {
            var value = 0.0
            var common = 0
            while common < shorter, x[common] == y[common] { common += 1 }
            // Of added letters, only a final a, o or u (French drops it: Chine/China, Malte/Malta, Le Caire/Cairo).
            // Not a final i, which is what the -ia of a country named after a city leaves in a key (Tunis/Tunisia,
            // Alger/Algeria), nor a letter inside (birt/birut) or an h (suri/surih): in a store of a million names,
            // each of these finds a neighbour for many short names.
            var close = common >= shorter - 2
            if close, longer > shorter {
                let added = (x.count > y.count ? x : y)[shorter]
                close = common == shorter && (added == 0x61 || added == 0x6F || added == 0x75)
            }
            if close {
                let weighted = Similarity.weightedDistance(x, y)
                if weighted <= 1 { value = 1 - Double(weighted) / 2 / Double(longer) }
            } else if x.count > y.count ? Similarity.addsFirstH(x, to: y) : Similarity.addsFirstH(y, to: x) {
                // An h left unwritten (*aiti*, *haiti*): half an edit, as the weighted distance has it, doubled at the
                // first letter, as any edit there is.
                value = 1 - 1 / Double(longer)
            }
            return costs == nil ? value : learned(value, edits: distance(1))
        }
        // Equal tokens end both keys, so the distance of the whole keys is that of their letters. Keys further apart
        // than the weighted rule reaches are not close.
        let budget = Similarity.editBudget(longest: longer, atLeast: fuzzySimilarity)
        let reach = Self.reach(longest: longer)
        guard longer - shorter <= budget else { return 0 }
        let edits = distance(reach)
        guard edits <= reach else { return 0 }
        if edits > budget {
            // Beyond the Levenshtein budget, only keys whose other edits are in their last vowels.
            func stem(_ key: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
                var end = key.count
                while end > 1, Similarity.isVowel(key[end - 1]) { end -= 1 }
                return UnsafeBufferPointer(rebasing: key[..<end])
            }
            guard Similarity.levenshtein(stem(x), stem(y), limit: budget) <= budget else { return 0 }
        }
        var value = 0.0
        let keySimilarity = 1 - Double(edits) / Double(longer)
        let skeletonLength = max(skeletons.0.count, skeletons.1.count) - GenericWords.tokenCount(skeletons.0)
        let skeletonSimilarity = skeletonLength <= 0 ? 1 : 1 - Double(skeletonDistance()) / Double(skeletonLength)
        if keySimilarity >= fuzzySimilarity, skeletonSimilarity >= fuzzySimilarity {
            value = min(keySimilarity, skeletonSimilarity)
        }
        let weighted = 1 - Double(Similarity.weightedDistance(x, y)) / 2 / Double(longer)
        if weighted >= weightedSimilarity { value = max(value, weighted) }
        return learned(value, edits: edits)
    }

    /// The generic-word tokens of a name (the trailing capitals of its generic-word keys, ``GenericWords``), all
    /// its keys together: *Pivnichna Karolina* has `N` (north).
    static func tokens<Key: BidirectionalCollection<UInt8>>(of keys: some Sequence<Key>) -> Set<UInt8> {
        var tokens = Set<UInt8>()
        for key in keys {
            for byte in key.reversed() {
                guard byte >= 0x41, byte <= 0x5A else { break }
                tokens.insert(byte)
            }
        }
        return tokens
    }

    /// The fewest letters a word needs to tell two names apart in ``replacesWord(_:_:)``: shorter ones (*of*, *de*,
    /// *al*) are function words or initials more often than names.
    static let distinctWordLength = 4

    /// Whether two transcription keys name different things built alike: each holds a word of
    /// ``distinctWordLength`` letters or more that the other does not hold (*Ministry of Defence of Ukraine* and
    /// *… of Armenia*, *Armed Forces of Russia* and *… of Turkey*, *Armenian SSR* and *Azerbaijan SSR*). A long
    /// shared part makes such names similar as wholes, but a word replaced by another is no respelling.
    ///
    /// A word is held by the other key when it is close to one of its words, or to two or three of them written
    /// together (*Bergkarabach*, *Berg Karabach*): within a third of its letters in edits, or, when a writer's
    /// vowels differ more (*Pauer*, *Power*; *Zhan*, *Jean*), within a third of its consonant skeleton's (at least
    /// one edit), or when it is the other's stem but for its last letter (*Karabakh*, Russian *Karabakhskaya*;
    /// *Ukraine*, French *ukrainien*). A word added (*Recep Tayyip Erdoğan*, *Tayyip Erdoğan*) is no replaced word.
    /// Generic-word tokens (trailing capitals) take no part.
    ///
    /// With ``tokens(of:)``: the curated concepts left out of the shipped store and looked up by their names in nine
    /// languages found a wrong concept 68 times in 3,358 instead of 136 (`Benchmarks/matching/curated_eval.py`),
    /// places left out of it 4.9 % of the time instead of 5.1 %; the CLDR set's nine languages are unchanged.
    ///
    /// - Parameter skeleton: the consonant skeleton of a word (``TranscriptionRules/skeleton(_:)``).
    static func replacesWord(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>,
                             skeleton: ([UInt8]) -> [UInt8]) -> Bool {
        func words(_ key: some Collection<UInt8>) -> [[UInt8]] {
            Array(key).split(separator: 0x20).filter { word in !word.allSatisfy { $0 >= 0x41 && $0 <= 0x5A } }
                .map(Array.init)
        }
        let first = words(a), second = words(b)
        guard first.count > 1 || second.count > 1 else { return false }
        // Neighbours swapped count as one edit: a typing error (*Saitn*, *Aladn*) is no other word.
        func close(_ x: [UInt8], _ y: [UInt8], atLeast least: Int) -> Bool {
            let budget = max(least, max(x.count, y.count) / 3)
            return abs(x.count - y.count) <= budget && Similarity.transpositionDistance(x, y) <= budget
        }
        // A noun and its adjective (*Karabakh*, Russian *Karabakhskaya*; *Ukraine*, French *ukrainien*).
        func sharesStem(_ x: [UInt8], _ y: [UInt8]) -> Bool {
            let (short, long) = x.count <= y.count ? (x, y) : (y, x)
            return short.count >= distinctWordLength && long.starts(with: short.prefix(short.count - 1))
        }
        // Runs of one to three words written together, each with the words it spans.
        func runs(_ words: [[UInt8]]) -> [(text: [UInt8], words: Range<Int>)] {
            words.indices.flatMap { start in
                (start..<min(words.count, start + 3)).map { end in
                    (Array(words[start...end].joined()), start..<(end + 1))
                }
            }
        }
        let firstRuns = runs(first), secondRuns = runs(second)
        // A word is held when it is close to a run of the other key, or when a run of its own key holding it is
        // within the word's own budget of letters from one, so that the words may be cut elsewhere on each side
        // (Punjabi *ku alalpur*, *kuala lumpur*) but a long shared part never hides a replaced word. Skeletons,
        // the dearest test, last.
        func holdsForeignWord(_ words: [[UInt8]], _ own: [(text: [UInt8], words: Range<Int>)],
                              against other: [(text: [UInt8], words: Range<Int>)]) -> Bool {
            words.indices.contains { i in
                guard words[i].count >= distinctWordLength else { return false }
                let letters = words[i].count / 3
                return !own.contains { run in
                    guard run.words.contains(i) else { return false }
                    if run.words.count > 1 {
                        // Letters only: in a run's skeleton, a short word's few consonants vanish.
                        return other.contains {
                            abs(run.text.count - $0.text.count) <= letters
                                && Similarity.transpositionDistance(run.text, $0.text) <= letters
                        }
                    }
                    return other.contains { close(run.text, $0.text, atLeast: 0) || sharesStem(run.text, $0.text) }
                        || other.contains { close(skeleton(run.text), skeleton($0.text), atLeast: 1) }
                }
            }
        }
        return holdsForeignWord(first, firstRuns, against: secondRuns)
            && holdsForeignWord(second, secondRuns, against: firstRuns)
    }

    /// The query languages a fuzzy index may be scoped to (``fuzzyIndexStorage(for:)``): a language's number, or one
    /// of these.
    static let unknownLanguageScope = -1
    static let unnumberedLanguageScope = -2

    /// Fuzzy queries before the scoped index is built: its build (~0.1 s) pays for itself over a few thousand
    /// queries, and a lookup of a few names never waits for it.
    static let scopedFuzzyThreshold = 4_096

    /// A fuzzy index whose lists hold only the entries queries of one language can match.
    final class ScopedFuzzyIndex: Sendable {
        /// The query language: ``unknownLanguageScope``, ``unnumberedLanguageScope`` (a language the store has no
        /// name in) or a language number.
        let scope: Int
        let storage: FuzzyIndexStorage

        init(scope: Int, storage: FuzzyIndexStorage) {
            self.scope = scope
            self.storage = storage
        }
    }

    /// The fuzzy index to read for queries of `scope`: the scoped one once built for that scope, else the whole one.
    ///
    /// The fuzzy step's matches are taken only from entries in the query's scope (`isInScope` in
    /// ``candidates(name:language:types:explain:minimumScore:bestOnly:)``): curated ones, English ones, and a
    /// generated concept's names in the query's language (for a query of unknown language, in the languages of the
    /// convention markers). On the default store, those are about a third of the entries: lists over them alone hold
    /// the same matches in scope and are read faster. The first scope to reach ``scopedFuzzyThreshold`` queries has
    /// one built (a batch job queries in one language); the others keep reading the whole index.
    func fuzzyIndexStorage(for scope: Int) -> FuzzyIndexStorage {
        if let scoped = scopedFuzzyReference.load() {
            return scoped.scope == scope ? scoped.storage : fuzzyIndexStorage()
        }
        let whole = fuzzyIndexStorage()
        guard fuzzyQueryCount.wrappingAdd(1, ordering: .relaxed).newValue >= Self.scopedFuzzyThreshold else {
            return whole
        }
        scopedFuzzyBuildLock.withLockIfAvailable { _ in buildScopedFuzzyIndex(scope: scope, from: whole.index) }
        if let scoped = scopedFuzzyReference.load(), scoped.scope == scope { return scoped.storage }
        return whole
    }

    /// Builds the scoped fuzzy index for queries in `language` (nil: of unknown language) now, unless one was built;
    /// a batch job's queries have it built once they are many.
    func prepareScopedFuzzyIndex(language: String?) {
        let scope = language.map { languageNumbers[$0].map(Int.init) ?? Self.unnumberedLanguageScope }
            ?? Self.unknownLanguageScope
        let whole = fuzzyIndexStorage()
        scopedFuzzyBuildLock.withLock { _ in buildScopedFuzzyIndex(scope: scope, from: whole.index) }
    }

    /// Builds the scoped index for `scope` and publishes it, unless one was; under ``scopedFuzzyBuildLock``.
    private func buildScopedFuzzyIndex(scope: Int, from whole: FuzzyIndex) {
        guard scopedFuzzyReference.load() == nil else { return }
        let storage = FuzzyIndexStorage(scopedFuzzyIndex(from: whole, scope: scope))
        _ = scopedFuzzyReference.storeIfNil(ScopedFuzzyIndex(scope: scope, storage: storage))
    }

    /// `whole` with lists over the entries that queries of `scope` can match by the fuzzy step.
    func scopedFuzzyIndex(from whole: FuzzyIndex, scope: Int) -> FuzzyIndex {
        let english = languageNumbers["en"]
        let marked = scope == Self.unknownLanguageScope
            ? Set(rules.markedConventions.compactMap { languageNumbers[$0] }) : []
        let own = PairTrigrams(of: whole) { whole.gramNumbers[$0] }
        var index = whole
        Self.setFuzzyLists(of: &index, from: whole, own: own, transcription: transcriptionIndex,
                           entryCount: entries.count) { number in
            let entry = entries[number]
            if entry.isAcronym { return false }
            if !entry.isGenerated || entry.language == english { return true }
            return scope >= 0 ? Int(entry.language) == scope : marked.contains(entry.language)
        }
        return index
    }

    /// Entries whose transcription key is close to one of `keys`, best first.
    ///
    /// - Parameter scope: the query's language (``fuzzyIndexStorage(for:)``); entries out of its scope may or may
    ///   not be among those returned.
    func fuzzy(keys: [String], scope: Int) -> [(entry: Int32, similarity: Double, key: String)] {
        var found: [(entry: Int32, similarity: Double, key: String)] = []
        let eligible = keys.filter { key in
            key.utf8.lazy.filter { $0 != 0x20 && ($0 < 0x41 || $0 > 0x5A) }.count >= Self.fuzzyMinimumLength
        }
        guard !eligible.isEmpty else { return [] }
        let storage = fuzzyIndexStorage(for: scope)
        let tokens = Self.tokens(of: keys.map(\.utf8))
        for key in eligible {
            for (entry, similarity) in fuzzy(key: key, index: storage.index, tokens: tokens) {
                found.append((entry, similarity, key))
            }
        }
        // Ties resolve the same way on every run.
        return found.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.entry < $1.entry }
    }

    /// For a query key of one length, the key lengths whose difference from it is within the edit budget (an
    /// interval), each with that budget and the most edits a pair of that length may have (the weighted rule's
    /// reach).
    struct LengthBudgets: Sendable {
        /// Per length under 256, its budget and reach side by side; -1 for a length outside the budget.
        private var table = [Int16](repeating: -1, count: 512)
        /// The shortest and longest lengths under 255 within the budget.
        private(set) var window = (low: 255, high: -1)

        init(length: Int) {
            for other in 0..<255 {
                // At least one edit, for the short keys' rule (one half edit among four or five letters).
                let longer = max(length, other)
                let budget = max(1, Similarity.editBudget(longest: longer, atLeast: EntityMatcher.fuzzySimilarity))
                if abs(length - other) <= budget {
                    table[2 * other] = Int16(clamping: budget)
                    table[2 * other + 1] = Int16(clamping: max(1, EntityMatcher.reach(longest: longer)))
                    window = (min(window.low, other), max(window.high, other))
                }
            }
        }

        /// The budget and reach of keys of `other` letters (under 256): -1 and -1 outside the budget.
        @inline(__always)
        subscript(other: Int) -> (budget: Int, reach: Int) { (Int(table[2 * other]), Int(table[2 * other + 1])) }
    }

    /// `key` with each *j* before *e* or *i* read as *g*, or nil when it has none.
    static func softGVariant(of key: String) -> String? {
        var bytes = Array(key.utf8), changed = false
        for index in bytes.indices where bytes[index] == 0x6A && Similarity.precedesEOrI(bytes, index) {
            bytes[index] = 0x67
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// ``LengthBudgets`` for every query key length under 256, made once: each query made its table of 255 lengths
    /// (two edit budgets in floating point each) anew.
    static let lengthBudgets: [LengthBudgets] = (0..<256).map { LengthBudgets(length: $0) }

    /// The entries found for one key, with their similarity, in no particular order.
    ///
    /// - Parameter tokens: the query's generic-word tokens (``tokens(of:)``), which an entry's must not contradict.
    private func fuzzy(key: String, index: FuzzyIndex, tokens: Set<UInt8>) -> [(entry: Int32, similarity: Double)] {
        let transcription = transcriptionIndex
        let skeleton = (try? rules.skeleton(key)) ?? ""
        let keyBytes = Self.compact(key)
        let length = keyBytes.count
        // The query's trigrams, rarest first; the candidates hold one of the first n - needed + 1. Each trigram's
        // number and count are looked up once, not in every comparison of the sort.
        let grams = Set(Self.trigrams(of: keyBytes)).map { gram -> (count: Int32, gram: UInt32, number: Int32?) in
            let number = index.gramNumbers[gram]
            return (number.map { index.gramEntryCounts[Int($0)] } ?? 0, gram, number)
        }.sorted { a, b in (a.count, a.gram) < (b.count, b.gram) }
        let needed = max(1, grams.count / 2)
        let candidates = grams.prefix(grams.count - needed + 1)
        let candidateGrams = candidates.map(\.gram)
        func skeletonNumber(_ skeleton: String) -> Int? {
            guard !skeleton.isEmpty else { return nil }
            var skeleton = skeleton
            return skeleton.withUTF8 { transcription.skeletonNames.number(of: $0) }
        }
        // A j before e or i may be English's soft g (``Similarity/weightedDistance(_:_:)``), so the key also probes
        // the skeleton its g would give: one letter changed inside a six-letter key leaves it one trigram of four
        // (Yoruba *Aljeria*, *aljiri*, and Algeria, *algiri*), and that one is rarely among the rarest.
        let plain = skeletonNumber(skeleton)
        let softG = Self.softGVariant(of: key).flatMap { (try? rules.skeleton($0)).flatMap(skeletonNumber) }
        let skeletonNumbers = [plain, softG == plain ? nil : softG].compactMap { $0 }

        let budgets = length < Self.lengthBudgets.count ? Self.lengthBudgets[length] : LengthBudgets(length: length)
        let lengthWindow = budgets.window
        let signature = keyBytes.withUnsafeBufferPointer { index.signature($0) }
        let consonants = index.consonantBits

        // 1. Pairs that may be similar: listed under a candidate trigram or the skeleton, within the length and
        // letter-count bounds.
        // A trigram's list is sorted by key length, so only the part within the length window is read, then the
        // keys of 255 bytes or more (their length is not recorded, so they are always verified).
        var pairs: [UInt32] = []
        for case let (_, _, number?) in candidates {
            let start = Int(index.gramStarts[Int(number)]), end = Int(index.gramStarts[Int(number) + 1])
            index.gramLengths.withUnsafeBufferPointer { lengths in
                index.gramSignatures.withUnsafeBufferPointer { signatures in
                    if lengthWindow.low <= lengthWindow.high {
                        let first = Self.firstIndex(in: lengths, start..<end, atLeast: lengthWindow.low)
                        let last = Self.firstIndex(in: lengths, first..<end, atLeast: lengthWindow.high + 1)
                        for i in first..<last {
                            let (budget, reach) = budgets[Int(lengths[i])]
                            if budget < 0 || !FuzzyIndex.mayBeClose(signature, signatures[i], budget: budget,
                                                                     reach: reach, consonants: consonants) {
                                continue
                            }
                            pairs.append(index.gramPairs[i])
                        }
                    }
                    for i in Self.firstIndex(in: lengths, start..<end, atLeast: 255)..<end {
                        pairs.append(index.gramPairs[i])
                    }
                }
            }
        }
        for skeletonNumber in skeletonNumbers {
            let start = Int(index.skeletonPairStarts[skeletonNumber])
            for pair in index.skeletonPairs[start..<Int(index.skeletonPairStarts[skeletonNumber + 1])] {
                let other = index.keyRange(Int(pair)).count
                if other < 255 {
                    let (budget, reach) = budgets[other]
                    if budget < 0 || !FuzzyIndex.mayBeClose(signature, index.signatures[Int(pair)], budget: budget,
                                                             reach: reach, consonants: consonants) {
                        continue
                    }
                }
                pairs.append(pair)
            }
        }
        pairs.sort()

        // 2. Their similarity, as the step defines it; the entries of similar pairs checked against the candidate
        // and length rules, with the best similarity over all their keys.
        let skeletonBytes = Self.compact(skeleton)
        let keyPattern = BitParallelPattern(keyBytes)
        let skeletonPattern = BitParallelPattern(skeletonBytes)
        var similarities: [UInt32: Double] = [:]
        let queryHasSpace = key.utf8.contains(0x20)
        // The skeletons `replacesWord` asks for, once each: the query's words come back for every pair.
        var wordSkeletons: [[UInt8]: [UInt8]] = [:]
        func wordSkeleton(_ word: [UInt8]) -> [UInt8] {
            if let known = wordSkeletons[word] { return known }
            let value = Array(((try? rules.skeleton(String(decoding: word, as: UTF8.self))) ?? "").utf8)
            wordSkeletons[word] = value
            return value
        }
        func similarity(_ pair: UInt32) -> Double {
            if let known = similarities[pair] { return known }
            let p = Int(pair)
            let s = Int(transcription.pairSkeletons[p])
            let value = keyBytes.withUnsafeBufferPointer { query in
                skeletonBytes.withUnsafeBufferPointer { querySkeleton in
                    index.keyBytes.withUnsafeBufferPointer { keys in
                        index.skeletonBytes.withUnsafeBufferPointer { skeletons in
                            let other = UnsafeBufferPointer(rebasing: keys[index.keyRange(p)])
                            let otherSkeleton = UnsafeBufferPointer(rebasing: skeletons[index.skeletonRange(s)])
                            return Self.pairSimilarity(
                                query, other, skeletons: (querySkeleton, otherSkeleton),
                                distance: { keyPattern.distance(to: other, limit: $0) },
                                skeletonDistance: { skeletonPattern.distance(to: otherSkeleton) },
                                costs: rules.editCosts)
                        }
                    }
                }
            }
            let spaced = transcription.byTranscription.key(Int(transcription.pairKeys[p]))
            let kept = value > 0 && (queryHasSpace || spaced.contains(0x20))
                ? (Self.replacesWord(key.utf8, spaced, skeleton: wordSkeleton) ? 0 : value) : value
            similarities[pair] = kept
            return kept
        }
        let shortest = UInt16(clamping: Int((Double(length) * Self.fuzzySimilarity).rounded(.up)))
        let longest = UInt16(clamping: Int((Double(length) / Self.fuzzySimilarity).rounded(.down)))
        var found: [(entry: Int32, similarity: Double)] = []
        var seen = Set<Int32>()
        var previous: UInt32?
        for pair in pairs where pair != previous {
            previous = pair
            guard similarity(pair) >= Self.fuzzySimilarity else { continue }
            let entries = Int(index.pairEntryStarts[Int(pair)])..<Int(index.pairEntryStarts[Int(pair) + 1])
            for entry in index.pairEntries[entries] where seen.insert(entry).inserted {
                let entryPairs = transcription.pairs(ofEntry: Int(entry))
                // A candidate: a skeleton equal to the key's (or its soft g's), or one of the candidate trigrams.
                let isCandidate = entryPairs.contains { other in
                    if skeletonNumbers.contains(Int(transcription.pairSkeletons[Int(other)])) { return true }
                    return Self.hasTrigram(of: index.keyBytes[index.keyRange(Int(other))], in: candidateGrams)
                }
                guard isCandidate else { continue }
                // Names whose generic words contradict (*North* and *South Carolina*, whose Ukrainian names
                // *Pivnichna* and *Pivdenna Karolina* are close as wholes): neither's tokens hold the other's.
                if !tokens.isEmpty {
                    let entryTokens = Self.tokens(of: entryPairs.map { index.keyBytes[index.keyRange(Int($0))] })
                    if !entryTokens.isEmpty, !entryTokens.isSubset(of: tokens), !tokens.isSubset(of: entryTokens) {
                        continue
                    }
                }
                // The length filter, on the entry's shortest and longest keys.
                let lengths = entryPairs.map { index.keyRange(Int($0)).count }
                let bounds = (min: UInt16(clamping: lengths.min() ?? 0), max: UInt16(clamping: lengths.max() ?? 0))
                if bounds.max < shortest || bounds.min > longest { continue }
                found.append((entry, entryPairs.map(similarity).max() ?? 0))
            }
        }
        return found
    }

    // MARK: - Abjad readings

    /// The least consonants an abjad reading must have (``consonantCount(_:)``). A reading whose skeleton has fewer
    /// than three (*tugu*, *توگو*, Togo; *jwba*, *جوبا*, Juba; *shusha*, *شوشا*, Shusha) meets a key only from
    /// ``abjadShortSimilarity``.
    static let abjadMinimumSkeleton = 2

    /// The letters of a key's skeleton (`Rules/skeleton.txt`: its first letter, then its consonants but *h*) before
    /// it collapses two alike that a vowel parted: *shusha* (Arabic *شوشا*, Shusha) has two, though its skeleton is
    /// *s*. The second of a doubled letter (*ss*) does not count.
    static func consonantCount(_ key: String) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in key.utf8 where byte >= 0x61 && byte <= 0x7A {
            if count == 0 || byte != 0x68 && byte != previous && !Similarity.isVowel(byte) { count += 1 }
            previous = byte
        }
        return count
    }

    /// The least similarity of a reading of fewer than three consonants to a key: few vowels to tell such names apart
    /// (*num*, *نوم*, Nome, and Noumea's *numi* at 0.94 before its last vowel cost half an edit).
    static let abjadShortSimilarity = 0.93

    /// Languages that write an English *a* said /æ/ or /eɪ/ with ya (Urdu *پیرس*, *pyrs*, Paris; *کینیڈا* Canada):
    /// their reading's *i* for a key's *a* costs a quarter edit, not half.
    static let yaForA: Set<String> = ["ur", "ks", "sd"]

    /// The least similarity (``Similarity/abjadDistance(_:_:uForO:iForA:finalVowels:)``) of an abjad reading to a
    /// key.
    static let abjadSimilarity = 0.9

    /// The letters an abjad writes for sounds it has no letter of, per script, as (letter, sound) pairs of key
    /// bytes: Arabic writes a foreign *p* with ب (*b*), a *v* with ف (*f*) and a *g* with ج (*j*) as often as with
    /// غ (*gh*, which the common table already reads as *g*): *باريس* *bārys* is Paris, *فادوز* *fādwz* Vaduz.
    /// Hebrew's פ is *p* or *f* by a dot unwritten in names, and BGN/PCGN romanizes it *f*: *פורטוגל* *fwrtwgl* is
    /// Portugal; its ב is *b* or *v* by the same dot, which ICU romanizes *b*: *סראטוב* *srʼtwb* is Saratov. Tamil,
    /// read as an abjad for its inherent vowel, has one letter for *k* and *g*, *t* and *d*, *p* and *b*, which ICU
    /// writes voiceless: *டாகர்* *ṭākar* is Dakar. Waw and vav are the consonant *v* as well as the vowel *u* the
    /// reading makes them after a letter (`Rules/abjad-Arabic.txt`): their *u* is also read as *v* (Persian *ایروان*,
    /// *airuan*, is Yerevan, not Iran; Hebrew *רואנדה*, *ruanda*, Rwanda; Sindhi *توالو*, *tualu*, Tuvalu).
    static let abjadStandIns: [String: [(letter: UInt8, sound: UInt8)]] = [
        "Arabic": standInPairs("b>p f>v j>g u>v"), "Hebrew": standInPairs("f>p b>v u>v"),
        "Tamil": standInPairs("k>g t>d p>b"),
    ]

    /// Entries whose transcription key fits the abjad reading of a name written in Arabic or Hebrew letters: same
    /// consonant skeleton, and a similarity of ``abjadSimilarity`` or more where a vowel the reading lacks costs a
    /// quarter of an edit (`Rules/abjad-Arabic.txt`, `Rules/abjad-Hebrew.txt`). A letter the script writes for a
    /// sound it lacks is also read as that sound (``abjadStandIns``), for a quarter of an edit too.
    ///
    /// Their romanization keeps the vowel letters as consonants (ו, و → *w*, *v*; י, ي → *y*) and has no short
    /// vowels, so the keys of the other steps seldom meet a Latin spelling: Hebrew *לאגוס* is *l'gws*, read here as
    /// *lagus*, which fits *Lagos*.
    ///
    /// A name in an Indic script (``TranscriptionRules/inherentVowelScripts``) is read so too, without the vowel its
    /// consonant letters carry unwritten (`Rules/abjad-Indic.txt`), which stands for any vowel of a foreign name or
    /// none: *एडमंटन* *ēḍamaṇṭana* is read *idmntn*, which fits *Edmonton*. Its first vowel is a written letter (no
    /// other first vowel is read, as after an alef), and a reading that only adds vowels to a key does not fit it
    /// (Tunisia, *ट्युनिसिया*, is not Tunis).
    ///
    /// - Parameters:
    ///   - latin: the name's Latin form.
    ///   - script: its script (``OnomaText/NormalizedName/script``); only a script with an `abjad-<Script>.txt` table,
    ///     or an Indic one, has a reading.
    ///   - original: the name in its own script (``OnomaText/NormalizedName/normalized``), for the vowels of its
    ///     first alefs, which its Latin form omits.
    ///   - language: the language the name is written in, when known (``yaForA``).
    /// - Returns: the reading's key, and the entries found with their similarity and the reading that found them
    ///   (the key, or the key with stand-in letters read as their sound or another first vowel, ``AbjadReading``), in
    ///   no particular order; nil when the name has no reading or one of fewer than ``abjadMinimumSkeleton``
    ///   consonants (``consonantCount(_:)``).
    func abjadMatches(latin: String, script: String, original: String = "", language: String? = nil)
        -> (key: String, found: [(entry: Int32, similarity: Double, reading: AbjadReading)])?
    {
        guard let key = (try? rules.abjadKey(latin: latin, script: script, original: original)) ?? nil, !key.isEmpty,
              let skeleton = try? rules.skeleton(key),
              Self.consonantCount(key) >= Self.abjadMinimumSkeleton else { return nil }
        let isAbjad = TranscriptionRules.isAbjad(script)
        // A ha or he inside a word after a letter romanized t, k, s, g, z or p is an h of its own, which the tables
        // take for the second letter of th, kh, sh, gh, zh or ph (*تهران*, *thrạn*, Tehran, is read *tran*; *استکهلم*,
        // *stkhlm*, Stockholm, *asthlm*; Hebrew *טהרן*, *thrn*, *trn*, met Tirane): the name is also romanized with a
        // mark between the two letters, which the tables leave alone and the reading then loses. Pashto and Sindhi
        // write an aspirate so (*تهامس*, Thomas), which the reading as written keeps finding.
        var partedKey: String?
        if isAbjad, let parted = Self.partingHa(original),
           let icuScript = ICU.Script(named: script),
           let partedLatin = try? normalizer.latinForm(parted, script: icuScript, language: LanguageHint(language)),
           partedLatin.split(separator: " ").count == latin.split(separator: " ").count,
           var partedReading = (try? rules.abjadKey(latin: partedLatin, script: script, original: original)) ?? nil {
            partedReading.removeAll { $0 == Character(Self.haMark) }
            if partedReading != key { partedKey = partedReading }
        }
        let transcription = transcriptionIndex
        let index = fuzzyIndexValue()
        var found: [Int32: (similarity: Double, reading: AbjadReading)] = [:]
        let uForO = isAbjad || script == "Khmer" ? 1 : 2
        let iForA = language.map { Self.yaForA.contains($0) } == true ? 2 : 4
        // An abjad writes a name's last vowel; an Indic script too when the name ends in a consonant letter without
        // its vowel (virama, pulli, chillu: Tamil *கெய்ன்*, *keyṉ*, Cayenne, is not Kenya), not when it ends in one
        // with it (Sinhala *කොළඹ*, *koḷaba*, Colombo).
        let finalVowels = isAbjad || TranscriptionRules.inherentVowelScripts.contains(script)
            && latin.decomposedStringWithCanonicalMapping.unicodeScalars.last(where: \.properties.isAlphabetic)
                .map { !"aeiou".unicodeScalars.contains($0) } == true
        let prothesis = script == "Arabic" && language.map(Self.prothesisLanguages.contains) != false
        var variants = Self.abjadReadings(of: Self.compact(key), script: script).flatMap { reading in
            isAbjad ? Self.initialVowelReadings(reading, prothesis: prothesis)
                : [AbjadReading(letters: reading.reading, standIns: reading.standIns, firstVowel: false)]
        }
        if let partedKey {
            variants += Self.abjadReadings(of: Self.compact(partedKey), script: script).flatMap { reading in
                Self.initialVowelReadings(reading, prothesis: prothesis).map { variant in
                    var parted = variant
                    parted.partedHa = true
                    return parted
                }
            }
        }
        // A last ha (ه, ہ, ة, ה), read *a*, is an *e* as often in Persian and Hebrew, which a key drops after a
        // consonant as it drops any final *e* (`transcription-common.txt`): the reading without it too (*دوشنبه*,
        // *dushnba*, meets Dushanbe's *dushanb*; *לומה* Lomé).
        if isAbjad, original.last.map(TranscriptionRules.finalHaLetters.contains) == true {
            variants += variants.filter { variant in
                let letters = variant.letters
                return letters.count > 3 && letters.last == 0x61 && !Similarity.isVowel(letters[letters.count - 2])
            }.map { variant in
                var withoutLastVowel = variant
                withoutLastVowel.letters.removeLast()
                return withoutLastVowel
            }
        }
        for variant in variants {
            let (reading, standIns) = (variant.letters, variant.standIns)
            // The reading's skeleton: the key's own, or, with stand-ins, another first vowel or a ha read, the rules'
            // for it.
            guard var readingSkeleton = standIns == 0 && !variant.firstVowel && !variant.partedHa
                    ? skeleton : try? rules.skeleton(String(decoding: reading, as: UTF8.self)),
                  let skeletonNumber = readingSkeleton.withUTF8({ transcription.skeletonNames.number(of: $0) })
            else { continue }
            let start = Int(index.skeletonPairStarts[skeletonNumber])
            for pair in index.skeletonPairs[start..<Int(index.skeletonPairStarts[skeletonNumber + 1])]
            where Int(transcription.pairSkeletons[Int(pair)]) == skeletonNumber {
                let range = index.keyRange(Int(pair))
                // An Indic reading does not meet a key it only adds vowels to: Tunis and the *-ia* of Tunisia, as in
                // the fuzzy step. (An abjad's does: without it, Arabic, Urdu, Sindhi, Uyghur lost names on the CLDR
                // set.)
                if !isAbjad, reading.count > range.count,
                   Similarity.addsOnlyVowels(reading, to: index.keyBytes[range]) {
                    continue
                }
                // In eighths of an edit: a stand-in letter read as its sound costs a quarter, and so does a first
                // alef's vowel read as one the foreign name lacks.
                let distance = 2 * standIns + (variant.prothesis ? 2 : 0) + reading.withUnsafeBufferPointer { query in
                    index.keyBytes.withUnsafeBufferPointer { keys in
                        Similarity.abjadDistance(query, .init(rebasing: keys[range]), uForO: uForO,
                                                 iForA: iForA, finalVowels: finalVowels)
                    }
                }
                let similarity = 1 - Double(distance) / 8 / Double(max(range.count, reading.count))
                let least = readingSkeleton.utf8.count < 3 ? Self.abjadShortSimilarity : Self.abjadSimilarity
                guard similarity >= least else { continue }
                let entries = Int(index.pairEntryStarts[Int(pair)])..<Int(index.pairEntryStarts[Int(pair) + 1])
                for entry in index.pairEntries[entries] where similarity > found[entry]?.similarity ?? 0 {
                    found[entry] = (similarity, variant)
                }
            }
        }
        return (key, found.map { ($0.key, $0.value.similarity, $0.value.reading) })
    }

    /// The mark ``partingHa(_:)`` puts between a letter and a ha: a digit, which the transliterators and the rule
    /// tables pass through unread.
    static let haMark: Unicode.Scalar = "0"

    /// The letters a ha or he after them would join to in their romanization (ت ط ث ٹ ټ ט ת *t*, ک ك ڪ ק *k*, س ص ס
    /// *s*, گ ګ ג *g*, ز ذ ض ظ ז *z*, پ *p*): the common table reads *th*, *kh*, *sh*, *gh*, *zh*, *ph* as one sound.
    static let lettersBeforeAnH: Set<Unicode.Scalar> = ["ت", "ط", "ث", "ٹ", "ټ", "ک", "ك", "ڪ", "س", "ص", "گ", "ګ",
                                                        "ز", "ذ", "ض", "ظ", "پ", "ט", "ת", "ק", "ס", "ג", "ז"]

    /// The letters for *h* that ``partingHa(_:)`` parts from the letter before them: ha (ه, Urdu ہ) and he (ה).
    static let haLetters: Set<Unicode.Scalar> = ["ه", "ہ", "ה"]

    /// `original` with ``haMark`` between each of ``lettersBeforeAnH`` and a ha or he (``haLetters``) that a letter of
    /// the same word follows (not a last one, which is a vowel, nor one before a zero-width non-joiner, which ends its
    /// word's joined letters); nil when it has none, or holds a digit of its own.
    static func partingHa(_ original: String) -> String? {
        guard original.unicodeScalars.contains(where: haLetters.contains) else { return nil }
        let scalars = Array(original.unicodeScalars)
        var parted = String.UnicodeScalarView()
        var found = false
        for (i, scalar) in scalars.enumerated() {
            if scalar.properties.numericType != nil { return nil }
            if i > 0, i + 1 < scalars.count, haLetters.contains(scalar), lettersBeforeAnH.contains(scalars[i - 1]),
               scalars[i + 1].properties.isAlphabetic {
                parted.append(haMark)
                found = true
            }
            parted.append(scalar)
        }
        return found ? String(parted) : nil
    }

    /// A reading that starts with the *a* of an alef (or of an ayin or hamza), and the same reading with each other
    /// vowel there: a word's first alef carries any vowel, which the script leaves unwritten (Persian *اسلو* is
    /// *aslu*, Oslo; *اردوغان*, *ardugan*, Erdoğan). Before a vowel letter (waw, ya; a hamza's vowel sign) the alef
    /// only carries it, so the reading without it too (Arabic *أوغندا*, *augnda*, Uganda). The skeleton keeps a name's
    /// first letter, vowel or not, so without these the reading would only meet names that start with an *a*.
    ///
    /// With `prothesis`, a reading whose *a* comes before an *s* and a consonant is also read without it, for a quarter
    /// of an edit (``prothesisLanguages``).
    static func initialVowelReadings(_ reading: (reading: [UInt8], standIns: Int), prothesis: Bool = false)
        -> [AbjadReading]
    {
        let own = AbjadReading(letters: reading.reading, standIns: reading.standIns, firstVowel: false)
        guard reading.reading.first == 0x61 else { return [own] }
        let rest = reading.reading.dropFirst()
        var readings = [own] + "eiou".utf8.map { vowel in
            AbjadReading(letters: [vowel] + rest, standIns: reading.standIns, firstVowel: true)
        }
        if let next = rest.first, Similarity.isVowel(next), rest.count > 1 {
            readings.append(AbjadReading(letters: Array(rest), standIns: reading.standIns, firstVowel: true))
        }
        if prothesis, rest.count > 2, rest.first == 0x73, !Similarity.isVowel(rest[rest.startIndex + 1]) {
            readings.append(AbjadReading(letters: Array(rest), standIns: reading.standIns, firstVowel: true,
                                         prothesis: true))
        }
        return readings
    }

    /// The languages that put a vowel before a foreign name's first *s* and consonant, and write it with an alef the
    /// name's own spelling lacks (Persian *استکهلم* Stockholm, *اسردنکولیمسک* Srednekolymsk; Arabic *إسبانيا* Spain;
    /// Urdu *اسپین*): their abjad reading is also read without that vowel (``initialVowelReadings(_:prothesis:)``), as
    /// is a name in Arabic letters of no known language. The alef may carry the name's own vowel (*اسمره*, Asmara, is
    /// not Samara), hence the quarter edit. Not Pashto's nor the Hebrew script's: read so, their Asmara (*اسماره*,
    /// *אַסמאַראַ*, the vowel after the *m* written) found Samara.
    static let prothesisLanguages: Set<String> = ["fa", "ar", "ur"]

    /// One reading of an abjad key: its letters, how many stand-in letters it reads as their sound
    /// (``abjadStandIns``), and whether it reads a first alef's vowel otherwise
    /// (``initialVowelReadings(_:prothesis:)``) or a ha as an h of its own (``partingHa(_:)``), which the explanation
    /// names.
    struct AbjadReading {
        var letters: [UInt8]
        var standIns: Int
        var firstVowel: Bool
        /// Whether the first alef's vowel is left out as one Persian or Arabic puts before an *s* and consonant.
        var prothesis = false
        /// Whether it reads a ha after t, k, s, g, z or p as an h of its own (``partingHa(_:)``).
        var partedHa = false
    }

    /// `reading` and its variants with some of its stand-in letters (``abjadStandIns``, the first
    /// ``mostStandIns`` of them) read as their sound, each with how many it reads so.
    static func abjadReadings(of reading: [UInt8], script: String) -> [(reading: [UInt8], standIns: Int)] {
        guard let pairs = abjadStandIns[script] else { return [(reading, 0)] }
        return standInReadings(of: reading, pairs: pairs)
    }

    // MARK: - Stand-in letters

    /// The letters a language's alphabet writes for sounds the language lacks, as (letter, sound) pairs of key bytes
    /// (a non-Latin name's key is its transliteration's): the writer spells a foreign name with the nearest letter
    /// the language has. From the languages' phonologies (Wikipedia "Hausa language", "Tongan language", "Maori
    /// language", "Luganda", "Shambala language", "Makonde language", "Nkore language", "Yoruba phonology", "Kaingang
    /// language", "Nheengatu language", "Somali phonology", "Romanization of Russian", "Belarusian phonology", "Nepali
    /// language", "Chakma language", "Colognian", "Uzbek alphabet"):
    /// - Hausa has no /p/ or /v/: *f* and *b* stand for them (*Nefal* Nepal, *Maldibi* Maldives);
    /// - Tongan and Māori have no voiced stops, and one liquid: *p k t* stand for *b g d* too, Tongan *l* for *r*,
    ///   Māori *r* for *l* (*Palāsili* Brazil, *Anakora* Angola); Tongan has no *j*, *z* or *ch*: *s* stands for
    ///   them (*Siapani* Japan, *Fisi* Fiji);
    /// - Bantu languages with one liquid write it *l* (Shambala, Makonde, Sangu, Bena: *Aluba* Aruba) or *r*
    ///   (Runyankore, Rukiga: *Marawi* Malawi); Luganda and Soga write either by the vowel before it;
    /// - Yoruba has no /v/: *f* stands for it (*Maladifi*);
    /// - Kaingang has no voiced stops but *m*, *n* said [mb], [nd], and no /l/ (*Mogota* Bogota, *Kamur* Kabul);
    ///   Nheengatu has no /l/: *r* stands for it, and *u* for one that ends a syllable (*Manira* Manila, *Nepau*
    ///   Nepal);
    /// - Somali has no /p/ or /v/: *b* and *f* stand for them (*Mabuuto* Maputo, *Denfar* Denver);
    /// - Russian writes a foreign *h* with г (*Гаити* Gaiti, Haiti), and so do the languages that take foreign names
    ///   through Russian, in Cyrillic or Latin letters (Uzbek *Gonolulu*, Turkmen *Gaiti*, Kazakh, Kyrgyz, Tatar,
    ///   Bashkir, Chuvash, Yakut, Chechen, Ossetian, Tajik, Mongolian); Belarusian and Ukrainian г is an *h*, which
    ///   BGN/PCGN writes, and also writes a foreign *g* (*Кігалі* Kihali, Kigali); Belarusian spells as it says, and
    ///   says an unstressed *o* as *a* (akanye), in a foreign name too (*Кордава* Córdoba, *Эдмантан* Edmonton): its
    ///   *a* is also read as *o* (Wikipedia "Belarusian phonology", "Akanye");
    /// - Uzbek writes the a of names it took early with its o, a back a [ɒ] (*Toshkent*, *Boku* Baku, *Qobul* Kabul,
    ///   *Pokiston* Pakistan): an *o* is also read as *a*;
    /// - Colognian says a *g* between vowels and at a word's start as a *j*, and writes it so (*Juam* Guam, *Toojo*
    ///   Togo);
    /// - Nepali has no /z/: ज *j* stands for it (*बेलिज* *belija*, Belize); nor has Chakma: 𑄎 *j* (*𑄝𑄬𑄣𑄨𑄎𑄴* *bēlij*,
    ///   Belize). Nor have the Bengali, Odia, Telugu and Kannada scripts a letter for it, nor do Maithili writers
    ///   dot their ज: Bengali, Assamese, Odia, Telugu, Kannada and Maithili write a foreign *z* with their *j*
    ///   (*বেলিজ*, *జాగ్రెబ్* Zagreb), and so, where their झ *jh* does not, do Marathi and Konkani; Bodo's ज is its
    ///   /z/ (Wikipedia "Bengali alphabet", "Odia script", "Telugu script", "Kannada script", "Bodo language");
    /// - Cherokee's *g* and *d* syllables are its plain, unaspirated *k* and *t*, and write a foreign *k* and *t* as
    ///   often as its *k* and *t* ones (*ᎩᎦᎵ* *gigali*, Kigali; *ᎹᏊᏙ* *makwudo*, Maputo), and its *kw* syllables,
    ///   read *b* by the Cherokee table, a *p* as often as a *b* (Wikipedia "Cherokee language", phonology);
    /// - Kabyle has three vowels, *a*, *i* and *u*, and no /p/ or /v/: *u* stands for *o* (*Munaku* Monaco), *f* for
    ///   *p* (*Singafur*) and *b* for *v* (*Maldib*) (Wikipedia "Kabyle language", phonology); Yangben writes a
    ///   foreign *b*, *g*, *d* and *r* with *p*, *k*, *t* and *l* (*Pelíse* Belize, *kuyáan* Guyana), Aghem an *r*
    ///   with *l* (*Àlubà* Aruba), as Tongan does (the spelling their CLDR locales use throughout, every name of a
    ///   country so; no phonology was at hand);
    /// - a stand-in is read as the sound's letter in a key, where the common table has folded *z* into *s* (Korean,
    ///   Nepali and Chakma *j* is read *s*; Thai and Lao ซ, written *s*, needs no reading);
    /// - Tamazight (Standard Moroccan, Tachelhit, Central Atlas) has no /p/ or /v/: *b* and *f* stand for them, as in
    ///   the Arabic it borrows foreign names through (Tifinagh *ⴱⵉⵔⵓ* *biru*, Peru; *ⴱⵓⵍⵉⴼⵢⴰ* *bulifya*, Bolivia);
    /// - Chinese (and Cantonese, whose characters Onoma reads in pinyin) writes a foreign *l* and *r* alike, with
    ///   *l* before a vowel and 尔 *ěr* after one, which the Chinese table reads as *r*: an *r* is also read as *l*
    ///   (伊斯坦布尔 *istambur*, Istanbul; 喀布尔 *kabur*, Kabul), and an *l* as *r* (the table keeps a name's first *l*:
    ///   罗马尼亚 *lomani*, Romania). Mandarin has no voiced stops: pinyin *b d g* are [p t k] and *p t k* their
    ///   aspirated kin, and Chinese names write a foreign *p*, *t* or *k* with either (巴基斯坦 *bajistan*, Pakistan;
    ///   不丹 *budan*, Bhutan; 加拿大 *ganada*, Canada): *b d g* are also read as *p t k*. A name in Chinese characters
    ///   without `--from` is read so too, as its script's reading table is Chinese's;
    /// - Korean has no /f/, /v/ or /z/: ㅍ *p*, ㅂ *b* and ㅈ *j* stand for them (*피지* *piji*, Fiji; *베트남* *beteunam*,
    ///   Vietnam), and one liquid, ㄹ, which ICU writes *l* and its table reads *r* only before a vowel inside a word:
    ///   an *l* is also read as *r* (*루마니아* *lumania*, Romania); Japanese has no /v/: バ *b* and, for a final Russian
    ///   *v*, フ *fu* (*ハバナ* *habana*, Havana; *サラトフ* *saratofu*, Saratov), and one liquid, the ラ row, which its table
    ///   reads *l*: an *l* is also read as *r* (*フランス*, *flans*, France); Thai and Lao have no /g/: ก *k* (*กานา*
    ///   *kana*, Ghana); Burmese has no /f/ or /v/: ဖ *ph* and ဗ *b* (*ဖင်လန်*, Finland); Greek writes /d/ and /g/ with
    ///   ντ and γκ, so a foreign *nt* and *nk* come out as BGN's *nd* and *ng* too (*Αντίγκουα*, *Andíngoua*, Antigua);
    ///   Khmer reads a vowel sign by the series of its consonant, which the UNGEGN romanization does not keep, so its
    ///   *u* (ូ, ុ) is also a foreign *o* (*អូមស្កិ៍* *umsk*, Omsk; *ម៉ុលដាវី* *muldavi*, Moldova).
    ///   (Wikipedia "Korean phonology", "Transcription into Japanese", "Thai language", "Burmese phonology", "Modern
    ///   Greek phonology", "Khmer alphabet".) As for Chinese, a name in these scripts without `--from` is read so too.
    static let standInLetters: [String: [(letter: UInt8, sound: UInt8)]] = {
        var written: [String: String] = [
            "ha": "f>p b>v", "to": "p>b k>g t>d l>r s>j", "mi": "p>b k>g t>d r>l", "yo": "f>v", "kgp": "m>b n>d r>l",
            "yrl": "r>l u>l u>o", "so": "b>p f>v", "ru": "g>h", "be": "h>g a>o", "uk": "h>g", "ne": "j>s", "ccp": "j>s",
            "ksh": "j>g",
        ]
        for language in ["ksb", "kde", "sbp", "bez"] { written[language] = "l>r" }
        for language in ["cgg", "nyn"] { written[language] = "r>l" }
        for language in ["lg", "xog"] { written[language] = "l>r r>l" }
        for language in ["zgh", "shi", "tzm"] { written[language] = "b>p f>v" }
        for language in ["zh", "yue"] { written[language] = "r>l l>r b>p d>t g>k" }
        for language in ["uz", "tk", "kk", "ky", "tt", "ba", "cv", "sah", "ce", "os", "tg", "mn"] {
            written[language] = "g>h"
        }
        written["uz", default: ""] += " o>a"
        written["ko"] = "p>f b>v j>s l>r"
        written["ja"] = "b>v f>v l>r"
        for language in ["th", "lo"] { written[language] = "k>g" }
        written["km"] = "u>o"
        written["my"] = "b>v p>f"
        written["chr"] = "l>r g>k d>t b>p"
        for language in ["bn", "as", "or", "te", "kn", "mai", "brx", "kok", "mr"] { written[language] = "j>s" }
        written["el"] = "d>t g>k"
        written["kab"] = "u>o f>p b>v"
        written["yav"] = "p>b k>g t>d l>r"
        written["agq"] = "l>r"
        return written.mapValues(standInPairs)
    }()

    /// The most stand-in letters of one key or abjad reading read as their other sound (``standInLetters``,
    /// ``abjadStandIns``): 2^4 variants at most, 3^4 for Nheengatu's *u*, which stands for two.
    static let mostStandIns = 4

    /// Stand-in pairs written `letter>sound`, space-separated (`"f>p b>v"`), as key bytes.
    static func standInPairs(_ text: String) -> [(letter: UInt8, sound: UInt8)] {
        text.split(separator: " ").map { pair in (pair.utf8.first!, pair.utf8.last!) }
    }

    /// The variants of a name's transcription keys with some of its language's stand-in letters (``standInLetters``)
    /// read as the sound they stand for, each with the key it comes from and how many letters it reads so; none when
    /// the language has no stand-ins or the keys hold none of its letters.
    static func standInVariants(of keys: [String], language: String?) -> [(key: String, of: String, standIns: Int)] {
        guard let language, let pairs = standInLetters[language] else { return [] }
        var variants: [(key: String, of: String, standIns: Int)] = []
        for key in keys {
            // Generic-word tokens (capitals) are no letters of the name: the pairs are lower-case letters.
            for (reading, standIns) in standInReadings(of: Array(key.utf8), pairs: pairs)
            where standIns > 0 {
                let variant = String(decoding: reading, as: UTF8.self)
                if !keys.contains(variant), !variants.contains(where: { $0.key == variant }) {
                    variants.append((variant, key, standIns))
                }
            }
        }
        return variants
    }

    /// The variants of a name's transcription keys with each *v* that is a glide read as one, each with the key it
    /// comes from and how many *v* it reads so; none when the keys hold no such *v*.
    ///
    /// A key writes *w* as *v*, for German's and Polish's sake, so the *w* a writer puts where English writes a
    /// vowel, or none, becomes a consonant the key of the English name lacks:
    /// - between two vowels, one of them *o* or *u*, a *v* is the glide such a hiatus is said with, which Bantu and
    ///   Indic spellings write (*Samowa*, ಸಮೋವಾ *samōvā*, Samoa; *Lawos*, Laos; *Palawu*, Palau; *Guwam*): dropped;
    /// - after a consonant and before a vowel, or after a vowel and before a consonant or the end, it is the *u*
    ///   of English's *gua* (*Gwam*, Guam; *Gwadelupa*, Guadeloupe) or a *w* for *o*, *u* in a script without them
    ///   (Tamazight *ⵙⴰⵎⵡⴰ* *samwa*, Samoa; *ⵍⴰⵡⵙ* *laws*, Laos): read *u*. Not after a *j*, English's [dʒ] or the
    ///   Slavic glide [j], neither of which a *w* glide follows: the *v* of Serbian *Тајван*, *tajvan* (Taiwan), read
    ///   *u* met Tijuana in ten languages of the CLDR set.
    /// Keys of four or five letters differ so in a letter the fuzzy step allows nowhere but in their last two, and
    /// share no trigram with the English key (*gvam*, *guam*); longer ones lose the trigrams around it.
    static func glideVariants(of keys: [String]) -> [(key: String, of: String, glides: Int)] {
        var variants: [(key: String, of: String, glides: Int)] = []
        for key in keys {
            let bytes = Array(key.utf8)
            guard bytes.contains(0x76) else { continue }
            // Letters only: spaces and generic-word tokens (capitals) are no neighbours.
            func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
            var reading: [UInt8] = [], glides = 0
            reading.reserveCapacity(bytes.count)
            for (index, byte) in bytes.enumerated() {
                guard byte == 0x76 else {
                    reading.append(byte)
                    continue
                }
                let before = index > 0 ? bytes[index - 1] : 0x20
                let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                let (vowelBefore, vowelAfter) = (Similarity.isVowel(before), Similarity.isVowel(after))
                if vowelBefore, vowelAfter, before == 0x6F || before == 0x75 || after == 0x6F || after == 0x75 {
                    glides += 1
                } else if isLetter(before) && !vowelBefore && before != 0x6A && vowelAfter
                            || vowelBefore && !vowelAfter {
                    reading.append(0x75)
                    glides += 1
                } else {
                    reading.append(byte)
                }
            }
            guard glides > 0 else { continue }
            let variant = String(decoding: reading, as: UTF8.self)
            if !keys.contains(variant), !variants.contains(where: { $0.key == variant }) {
                variants.append((variant, key, glides))
            }
        }
        return variants
    }

    /// `reading` and its variants with some of its stand-in letters (the first ``mostStandIns`` of them, a letter of
    /// `pairs`) read as their sound, or one of their sounds when `pairs` gives a letter more than one, each with how
    /// many it reads so; the first is `reading` itself.
    static func standInReadings(of reading: [UInt8], pairs: [(letter: UInt8, sound: UInt8)])
        -> [(reading: [UInt8], standIns: Int)]
    {
        // Each stand-in letter's position and the sounds it is read as; the sounds gathered only for the positions
        // kept, as this runs for every abjad reading.
        let standIns = reading.indices.filter { i in pairs.contains { $0.letter == reading[i] } }.prefix(mostStandIns)
            .map { i in (position: i, sounds: pairs.compactMap { $0.letter == reading[i] ? $0.sound : nil }) }
        // Each position read otherwise in every reading so far: with one sound a letter, the order of a binary count.
        var readings: [(reading: [UInt8], standIns: Int)] = [(reading, 0)]
        for standIn in standIns {
            readings += readings.flatMap { earlier in
                standIn.sounds.map { sound in
                    var variant = earlier.reading
                    variant[standIn.position] = sound
                    return (variant, earlier.standIns + 1)
                }
            }
        }
        return readings
    }

    // MARK: - Building

    /// Lays out the fuzzy index from the entries' transcription pairs.
    private func buildFuzzyIndex() -> FuzzyIndex {
        var index = FuzzyIndex()
        let transcription = transcriptionIndex
        let pairCount = transcription.pairKeys.count
        let entryCount = entries.count

        // Keys and skeletons without spaces; the signature buckets from the keys' byte frequencies.
        index.keyBytes.reserveCapacity(pairCount * 16)
        index.keyStarts.reserveCapacity(pairCount + 1)
        var frequencies = [Int](repeating: 0, count: 256)
        for pair in 0..<pairCount {
            for byte in transcription.byTranscription.key(Int(transcription.pairKeys[pair])) where byte != 0x20 {
                index.keyBytes.append(byte)
                frequencies[Int(byte)] += 1
            }
            index.keyStarts.append(UInt32(index.keyBytes.count))
        }
        for skeleton in 0..<transcription.skeletonNames.count {
            index.skeletonBytes += transcription.skeletonNames.key(skeleton).filter { $0 != 0x20 }
            index.skeletonStarts.append(UInt32(index.skeletonBytes.count))
        }
        index.buckets = [UInt8](repeating: 15, count: 256)
        let frequent = (0..<256).filter { frequencies[$0] > 0 }
            .sorted { (frequencies[$0], -$0) > (frequencies[$1], -$1) }
        for (bucket, byte) in frequent.prefix(15).enumerated() { index.buckets[byte] = UInt8(bucket) }
        index.signatures = index.keyBytes.withUnsafeBufferPointer { bytes in
            (0..<pairCount).map { pair in index.signature(UnsafeBufferPointer(rebasing: bytes[index.keyRange(pair)])) }
        }

        // Each pair's own trigrams, numbered in order of first appearance.
        var gramNumbers: [UInt32: Int32] = [:]
        gramNumbers.reserveCapacity(1 << 16)
        let own = PairTrigrams(of: index) { gram in
            if let number = gramNumbers[gram] { return number }
            let number = Int32(gramNumbers.count)
            gramNumbers[gram] = number
            return number
        }
        index.gramNumbers = gramNumbers

        // Entries per pair; trigram counts over entries.
        var pairEntryCounts = [UInt32](repeating: 0, count: pairCount + 1)
        index.gramEntryCounts = [Int32](repeating: 0, count: index.gramNumbers.count)
        var union: [Int32] = []
        // An entry's pairs, each once (its keys are distinct, so they normally are).
        func distinctPairs(_ entry: Int) -> [UInt32] {
            let pairs = transcription.pairs(ofEntry: entry)
            guard pairs.count > 1 else { return Array(pairs) }
            return pairs.enumerated().filter { i, pair in !pairs.prefix(i).contains(pair) }.map(\.element)
        }
        for entry in 0..<entryCount {
            let pairs = transcription.pairs(ofEntry: entry)
            if pairs.count == 1 {
                pairEntryCounts[Int(pairs.first!) + 1] += 1
            } else {
                for pair in distinctPairs(entry) { pairEntryCounts[Int(pair) + 1] += 1 }
            }
            if pairs.count == 1 {
                for gram in own[Int(pairs.first!)] { index.gramEntryCounts[Int(gram)] += 1 }
                continue
            }
            union.removeAll(keepingCapacity: true)
            for pair in pairs { union += own[Int(pair)] }
            union.sort()
            for gram in union.uniqued() { index.gramEntryCounts[Int(gram)] += 1 }
        }
        for pair in 0..<pairCount { pairEntryCounts[pair + 1] += pairEntryCounts[pair] }
        index.pairEntryStarts = pairEntryCounts
        var next = pairEntryCounts
        index.pairEntries = [Int32](repeating: 0, count: Int(pairEntryCounts[pairCount]))
        for entry in 0..<entryCount {
            let pairs = transcription.pairs(ofEntry: entry)
            for pair in pairs.count == 1 ? Array(pairs) : distinctPairs(entry) {
                index.pairEntries[Int(next[Int(pair)])] = Int32(entry)
                next[Int(pair)] += 1
            }
        }
        let keyed = index
        Self.setFuzzyLists(of: &index, from: keyed, own: own, transcription: transcription,
                           entryCount: entryCount) { _ in true }
        return index
    }

    /// Each pair's own trigrams, as numbers, sorted and distinct: what the trigram lists are made from.
    struct PairTrigrams {
        /// Pair `p`'s are `grams[starts[p]..<starts[p + 1]]`.
        private var starts: [UInt32] = [0]
        private var grams: [Int32] = []

        /// The trigrams of every pair of `index`'s keys, numbered by `number` (a trigram it gives nil is left out).
        init(of index: FuzzyIndex, number: (UInt32) -> Int32?) {
            let pairCount = index.keyStarts.count - 1
            starts.reserveCapacity(pairCount + 1)
            grams.reserveCapacity(index.keyBytes.count)
            var numbers: [Int32] = []
            for pair in 0..<pairCount {
                numbers.removeAll(keepingCapacity: true)
                EntityMatcher.forEachTrigram(of: index.keyBytes[index.keyRange(pair)]) { gram in
                    if let value = number(gram) { numbers.append(value) }
                }
                numbers.sort()
                for (i, value) in numbers.enumerated() where i == 0 || numbers[i - 1] != value { grams.append(value) }
                starts.append(UInt32(grams.count))
            }
        }

        /// The trigrams of all pairs together.
        var count: Int { grams.count }

        /// Pair `pair`'s trigrams.
        subscript(pair: Int) -> ArraySlice<Int32> { grams[Int(starts[pair])..<Int(starts[pair + 1])] }
    }

    /// Sets the trigram and skeleton lists of `lists` over the entries `includes` accepts: each pair of such an entry
    /// under its own trigrams and skeleton and those of the other pairs of such entries it shares one with (its
    /// siblings); a pair of no such entry under none.
    ///
    /// - Parameters:
    ///   - index: the index whose keys, signatures and trigram numbers the lists are made from.
    ///   - own: each pair's own trigrams.
    static func setFuzzyLists(of lists: inout FuzzyIndex, from index: FuzzyIndex, own: PairTrigrams,
                              transcription: TranscriptionIndex, entryCount: Int, includes: (Int) -> Bool) {
        let pairCount = index.keyStarts.count - 1
        var included = [Bool](repeating: false, count: pairCount)
        var siblingLinks: [UInt64] = []
        for entry in 0..<entryCount where includes(entry) {
            let pairs = transcription.pairs(ofEntry: entry)
            for pair in pairs {
                included[Int(pair)] = true
                for other in pairs where other != pair { siblingLinks.append(UInt64(pair) << 32 | UInt64(other)) }
            }
        }
        siblingLinks.sort()
        let links = siblingLinks.uniqued()
        siblingLinks = []
        var siblingStarts = [UInt32](repeating: 0, count: pairCount + 1)
        for link in links { siblingStarts[Int(link >> 32) + 1] += 1 }
        for pair in 0..<pairCount { siblingStarts[pair + 1] += siblingStarts[pair] }
        let siblings = links.map { UInt32(truncatingIfNeeded: $0) }
        func siblingsOf(_ pair: Int) -> ArraySlice<UInt32> {
            siblings[Int(siblingStarts[pair])..<Int(siblingStarts[pair + 1])]
        }

        // Trigram lists: each pair under its own trigrams and its siblings'.
        // Pair `p`'s trigrams, its siblings' included: `expanded[expandedStarts[p]..<expandedStarts[p + 1]]`.
        var expandedStarts: [UInt32] = [0]
        var expanded: [Int32] = []
        expandedStarts.reserveCapacity(pairCount + 1)
        expanded.reserveCapacity(own.count * 5 / 4)
        var gramCounts = [UInt32](repeating: 0, count: index.gramNumbers.count + 1)
        var grams: [Int32] = []
        for pair in 0..<pairCount {
            if !included[pair] {
                // Listed nowhere.
            } else if siblingsOf(pair).isEmpty {
                expanded += own[pair]
            } else {
                grams.removeAll(keepingCapacity: true)
                grams += own[pair]
                for sibling in siblingsOf(pair) { grams += own[Int(sibling)] }
                grams.sort()
                for (i, gram) in grams.enumerated() where i == 0 || grams[i - 1] != gram { expanded.append(gram) }
            }
            expandedStarts.append(UInt32(expanded.count))
        }
        for gram in expanded { gramCounts[Int(gram) + 1] += 1 }
        for gram in 0..<index.gramNumbers.count { gramCounts[gram + 1] += gramCounts[gram] }
        lists.gramStarts = gramCounts
        let total = Int(gramCounts[index.gramNumbers.count])
        lists.gramPairs = [UInt32](repeating: 0, count: total)
        lists.gramLengths = [UInt8](repeating: 0, count: total)
        lists.gramSignatures = [UInt64](repeating: 0, count: total)
        // Filled in order of key length (then of pair), so that each trigram's list is sorted by length and a query
        // reads only the part within its length window.
        var lengthStarts = [Int](repeating: 0, count: 257)
        for pair in 0..<pairCount { lengthStarts[min(index.keyRange(pair).count, 255) + 1] += 1 }
        for length in 0..<256 { lengthStarts[length + 1] += lengthStarts[length] }
        var byLength = [Int](repeating: 0, count: pairCount)
        for pair in 0..<pairCount {
            let length = min(index.keyRange(pair).count, 255)
            byLength[lengthStarts[length]] = pair
            lengthStarts[length] += 1
        }
        var slot = gramCounts
        for pair in byLength {
            let length = UInt8(clamping: index.keyRange(pair).count)
            for gram in expanded[Int(expandedStarts[pair])..<Int(expandedStarts[pair + 1])] {
                let i = Int(slot[Int(gram)])
                lists.gramPairs[i] = UInt32(pair)
                lists.gramLengths[i] = length
                lists.gramSignatures[i] = index.signatures[pair]
                slot[Int(gram)] += 1
            }
        }
        expanded = []

        // Skeleton lists: each pair under its own skeleton and its siblings' (never the empty skeleton).
        var skeletonLinks: [UInt64] = []
        for pair in 0..<pairCount where included[pair] {
            let ownSkeleton = transcription.pairSkeletons[pair]
            for skeleton in [ownSkeleton] + siblingsOf(pair).map({ transcription.pairSkeletons[Int($0)] })
            where !transcription.skeletonNames.key(Int(skeleton)).isEmpty {
                skeletonLinks.append(UInt64(skeleton) << 32 | UInt64(pair))
            }
        }
        skeletonLinks.sort()
        let skeletonPairs = skeletonLinks.uniqued()
        var skeletonStarts = [UInt32](repeating: 0, count: transcription.skeletonNames.count + 1)
        for link in skeletonPairs { skeletonStarts[Int(link >> 32) + 1] += 1 }
        for skeleton in 0..<transcription.skeletonNames.count {
            skeletonStarts[skeleton + 1] += skeletonStarts[skeleton]
        }
        lists.skeletonPairStarts = skeletonStarts
        lists.skeletonPairs = skeletonPairs.map { UInt32(truncatingIfNeeded: $0) }
    }

    // MARK: - Keys

    /// The bytes of a key without its spaces.
    static func compact(_ key: String) -> [UInt8] { Array(key.utf8.filter { $0 != 0x20 }) }

    /// Calls `body` with each trigram of a key without spaces, as ``trigrams(of:)`` lists them.
    static func forEachTrigram(of bytes: ArraySlice<UInt8>, _ body: (UInt32) -> Void) {
        guard bytes.count >= 3 else {
            if !bytes.isEmpty { body(bytes.reduce(0) { $0 << 8 | UInt32($1) }) }
            return
        }
        var i = bytes.startIndex
        while i + 2 < bytes.endIndex {
            body(UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]))
            i += 1
        }
    }

    /// Whether a key without spaces has one of `grams` among its trigrams (as ``trigrams(of:)`` lists them).
    static func hasTrigram(of bytes: ArraySlice<UInt8>, in grams: [UInt32]) -> Bool {
        guard bytes.count >= 3 else {
            return !bytes.isEmpty && grams.contains(bytes.reduce(0) { $0 << 8 | UInt32($1) })
        }
        var i = bytes.startIndex
        while i + 2 < bytes.endIndex {
            if grams.contains(UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])) { return true }
            i += 1
        }
        return false
    }

    /// The first index of `range` whose length is `length` or more, in `lengths` sorted ascending over `range`
    /// (`range.upperBound` when none is).
    @inline(__always)
    static func firstIndex(in lengths: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, atLeast length: Int) -> Int {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if Int(lengths[middle]) < length { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The trigrams of a key without spaces, as numbers; a key of one or two bytes is its own one "trigram".
    static func trigrams(of bytes: [UInt8]) -> [UInt32] {
        guard bytes.count >= 3 else { return bytes.isEmpty ? [] : [UInt32(bytes.reduce(0) { $0 << 8 | UInt32($1) })] }
        return (0...(bytes.count - 3)).map { i in
            UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
        }
    }
}

extension Array where Element: Equatable {
    /// The elements without consecutive repeats (on a sorted array: without duplicates).
    fileprivate func uniqued() -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self where result.last != element { result.append(element) }
        return result
    }
}

extension ArraySlice where Element: Equatable {
    /// The elements without consecutive repeats.
    fileprivate func uniqued() -> [Element] { Array(self).uniqued() }
}
