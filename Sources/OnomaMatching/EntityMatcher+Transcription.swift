import Foundation
import OnomaStore
import OnomaText
import Synchronization

// MARK: - The transcription step's index, built on first use

extension EntityMatcher {
    /// The entries' transcription keys and skeletons, as pairs of interned strings: what the transcription and fuzzy
    /// steps read.
    ///
    /// Built from every entry's Latin key with ICU transforms (or read from the ``TranscriptionCache``), which is
    /// most of what building a matcher costs beyond reading the store; so it is built by the first query that needs
    /// it (``EntityMatcher/transcriptionIndex``), not by `init`. Immutable, so `Sendable`; queries read it through one
    /// atomic load.
    final class TranscriptionIndex: Sendable {
        /// Entry `i`'s transcription keys are the pairs `entryPairs[entryPairStarts[i]..<entryPairStarts[i + 1]]`, in
        /// the order `TranscriptionRules.keys` gave them.
        let entryPairStarts: [UInt32]
        let entryPairs: [UInt32]
        /// Per pair (a distinct transcription key with its skeleton): the key's number in `byTranscription` and the
        /// skeleton's in `skeletonNames`.
        let pairKeys: [UInt32]
        let pairSkeletons: [UInt32]
        /// The skeletons of transcription keys, interned.
        let skeletonNames: KeyIndex
        /// Transcription key → the entries that have it.
        let byTranscription: KeyIndex

        init(entryPairStarts: [UInt32], entryPairs: [UInt32], pairKeys: [UInt32], pairSkeletons: [UInt32],
             skeletonNames: KeyIndex, byTranscription: KeyIndex) {
            self.entryPairStarts = entryPairStarts
            self.entryPairs = entryPairs
            self.pairKeys = pairKeys
            self.pairSkeletons = pairSkeletons
            self.skeletonNames = skeletonNames
            self.byTranscription = byTranscription
        }

        /// The transcription-key pairs of `entry`, in the order of its keys.
        @inline(__always)
        func pairs(ofEntry entry: Int) -> ArraySlice<UInt32> {
            entryPairs[Int(entryPairStarts[entry])..<Int(entryPairStarts[entry + 1])]
        }
    }

    /// The terms given to `init`, then those of them read without their qualifier
    /// (``OnomaStore/IndexedTerm/unqualified(normalizer:)``), numbered on: two arrays, as a store's million terms
    /// copied into one would be held twice while the matcher is built.
    struct TermList: Sendable {
        var stored: [IndexedTerm]
        var unqualified: [IndexedTerm]

        var count: Int { stored.count + unqualified.count }

        /// Where the terms read without their qualifier begin.
        var unqualifiedStart: Int { stored.count }

        subscript(index: Int) -> IndexedTerm {
            index < stored.count ? stored[index] : unqualified[index - stored.count]
        }
    }

    /// What the transcription index is built from: the terms and which of them are entries (entry `e` is
    /// `terms[kept[e]]`).
    struct TranscriptionSource: Sendable {
        var terms: TermList
        var kept: [Int]
    }

    /// The transcription index: once built, one atomic load; the first caller builds it (on all cores) while callers
    /// on other threads wait for it.
    var transcriptionIndex: TranscriptionIndex {
        if let index = transcriptionReference.load() { return index }
        return transcriptionSource.withLock { source -> TranscriptionIndex in
            if let index = transcriptionReference.load() { return index }
            // The source is only dropped once the index is stored (under this lock), so it is here.
            guard let terms = source else { preconditionFailure("transcription index source dropped before its build") }
            let built = Self.buildTranscriptionIndex(terms, rules: rules)
            source = nil
            return transcriptionReference.storeIfNil(built)
        }
    }

    /// Builds the transcription step's index now rather than on the first query that needs it.
    ///
    /// - Returns: the seconds spent (0 when it was already built).
    @discardableResult
    public func prepareTranscriptionIndex() -> Double {
        if transcriptionReference.load() != nil { return 0 }
        let start = Date()
        _ = transcriptionIndex
        return Date().timeIntervalSince(start)
    }

    // The accessors the explanations and tests use (a hot loop takes `transcriptionIndex` once instead).

    var entryPairStarts: [UInt32] { transcriptionIndex.entryPairStarts }
    var pairKeys: [UInt32] { transcriptionIndex.pairKeys }
    var pairSkeletons: [UInt32] { transcriptionIndex.pairSkeletons }
    var skeletonNames: KeyIndex { transcriptionIndex.skeletonNames }
    var byTranscription: KeyIndex { transcriptionIndex.byTranscription }

    /// The transcription-key pairs of `entry`, in the order of its keys.
    func pairs(ofEntry entry: Int) -> ArraySlice<UInt32> { transcriptionIndex.pairs(ofEntry: entry) }

    /// Computes (or reads from the cache) every entry's transcription keys and skeletons and interns them.
    /// What a stored term's transcription keys are made from: its prepared text, the convention it is read with, and
    /// whether it is an English name written in Latin letters that may get the keys only such names get (letters it
    /// borrowed, a plural ending, a soft *g*): such a name is a unit of its own; other English names share their unit
    /// with a transliteration spelt alike.
    typealias TranscriptionUnit = (text: String, convention: String?, english: Bool)

    /// The ``TranscriptionUnit`` of a stored term with these forms.
    static func transcriptionUnit(latin: String, normalized: String, language: LanguageTag,
                                  rules: TranscriptionRules) -> TranscriptionUnit {
        let isLatin = latin == normalized
        let convention = isLatin ? rules.latinConvention(language.language) : "en"
        let text = TranscriptionRules.prepare(latin: latin, written: normalized)
        return (text, convention, isLatin && language.language == "en"
            && (TranscriptionRules.mayHoldBorrowedLetters(text) || TranscriptionRules.pluralStem(text) != nil
                || TranscriptionRules.mayHoldSoftG(text)))
    }

    /// The readings of a stored name that give keys beyond its tables' (``transcriptionKeys(of:rules:)``).
    enum StoredReading: Sendable {
        case spokenFinalE, borrowedLetters, pluralStem, softG
    }

    /// A unit's transcription keys, once each: its tables' (reading nil), then its last *e* spoken, then, for an
    /// English name, its borrowed letters read as their language does, its plural's stem and its soft *g*. What the
    /// index holds (the readings only for explanations).
    static func transcriptionKeys(of unit: TranscriptionUnit, rules: TranscriptionRules)
        -> [(key: String, reading: StoredReading?)]
    {
        var keys: [(key: String, reading: StoredReading?)] =
            ((try? rules.keys(prepared: unit.text, convention: unit.convention)) ?? []).map { ($0, nil) }
        var extras = [(try? rules.spokenFinalEKey(prepared: unit.text), StoredReading.spokenFinalE)]
        if unit.english {
            extras += [(try? rules.borrowedSpellingKey(prepared: unit.text), .borrowedLetters),
                       (try? rules.pluralStemKey(prepared: unit.text), .pluralStem),
                       (try? rules.softGKey(prepared: unit.text), .softG)]
        }
        for case let (key?, reading) in extras where !keys.contains(where: { $0.key == key }) {
            keys.append((key, reading))
        }
        return keys
    }

    private static func buildTranscriptionIndex(_ source: TranscriptionSource, rules: TranscriptionRules)
        -> TranscriptionIndex
    {
        let indexedTerms = source.terms
        // Transcription keys and skeletons cost ICU transforms: computed on all cores, once per distinct
        // (convention, text), since the same spelling recurs across languages.
        let prepare = { @Sendable (term: IndexedTerm) -> TranscriptionUnit in
            Self.transcriptionUnit(latin: term.keys.latin, normalized: term.keys.normalized, language: term.language,
                                   rules: rules)
        }
        let prepared = Self.parallelMap(indexedTerms.stored, prepare) + indexedTerms.unqualified.map(prepare)
        var distinct: [String: Int] = [:]
        distinct.reserveCapacity(prepared.count)
        var units: [TranscriptionUnit] = []
        units.reserveCapacity(prepared.count)
        // A unit's id is the cache's key for it.
        var unitIDs: [String] = []
        unitIDs.reserveCapacity(prepared.count)
        let unitOf: [Int] = prepared.map { item in
            let id = (item.convention ?? "") + (item.english ? "\u{1}" : "") + "\u{0}" + item.text
            if let index = distinct[id] { return index }
            distinct[id] = units.count
            units.append(item)
            unitIDs.append(id)
            return units.count - 1
        }
        distinct = [:]
        let cache = TranscriptionCache(rules: rules)
        let loaded = cache.load(units: unitIDs)
        var known = loaded.keys
        let missing = units.indices.filter { known[$0] == nil }
        let computed = Self.parallelMap(missing.map { units[$0] }) { unit -> TranscriptionCache.Keys in
            let keys = Self.transcriptionKeys(of: unit, rules: rules).map(\.key)
            // Aligned with the keys: skeletons[i] is the skeleton of keys[i].
            return (keys, keys.map { (try? rules.skeleton($0)) ?? "" })
        }
        for (index, keys) in zip(missing, computed) { known[index] = keys }
        if !missing.isEmpty { cache.save(appending: missing.map { (unitIDs[$0], known[$0]!) }, to: loaded) }
        let folded = known.map { $0! }
        known = []

        // The transcription keys as pairs of interned strings, per unit then per entry.
        let kept = source.kept
        var entryPairStarts: [UInt32] = [0], entryPairs: [UInt32] = []
        entryPairStarts.reserveCapacity(kept.count + 1)
        entryPairs.reserveCapacity(kept.count * 3 / 2)
        var pairKeys: [UInt32] = [], pairSkeletons: [UInt32] = []
        var pairNumbers: [UInt64: UInt32] = [:]
        // Unit `u`'s pairs are `unitPairs[unitPairStarts[u]..<unitPairStarts[u] + folded[u].keys.count]` once seen.
        var unitPairStarts = [Int32](repeating: -1, count: units.count)
        var unitPairs: [UInt32] = []
        var transcriptions = KeyIndex.Builder(keys: units.count, pairs: indexedTerms.count * 3 / 2)
        var skeletons = KeyIndex.Builder(keys: units.count)
        for (entry, i) in kept.enumerated() {
            let unit = unitOf[i]
            if unitPairStarts[unit] < 0 {
                unitPairStarts[unit] = Int32(unitPairs.count)
                let (keys, keySkeletons) = folded[unit]
                for (key, skeleton) in zip(keys, keySkeletons) {
                    var key = key, skeleton = skeleton
                    let keyNumber = key.withUTF8 { transcriptions.number(inserting: $0) }
                    let skeletonNumber = skeleton.withUTF8 { skeletons.number(inserting: $0) }
                    let id = UInt64(keyNumber) << 32 | UInt64(skeletonNumber)
                    if let pair = pairNumbers[id] {
                        unitPairs.append(pair)
                    } else {
                        let pair = UInt32(pairKeys.count)
                        pairNumbers[id] = pair
                        pairKeys.append(UInt32(keyNumber))
                        pairSkeletons.append(UInt32(skeletonNumber))
                        unitPairs.append(pair)
                    }
                }
            }
            let start = Int(unitPairStarts[unit])
            for pair in unitPairs[start..<(start + folded[unit].keys.count)] {
                transcriptions.add(number: Int(pairKeys[Int(pair)]), entry: Int32(entry))
                entryPairs.append(pair)
            }
            entryPairStarts.append(UInt32(entryPairs.count))
        }
        return TranscriptionIndex(entryPairStarts: entryPairStarts, entryPairs: entryPairs, pairKeys: pairKeys,
                                  pairSkeletons: pairSkeletons, skeletonNames: skeletons.finish(),
                                  byTranscription: transcriptions.finish())
    }
}
