import Foundation

// MARK: - The fuzzy step's index

/// The fuzzy step's index (``EntityMatcher/FuzzyIndex``) saved beside a matcher's snapshot.
///
/// A matcher from ``EntityMatcher/cached(store:snapshots:normalizer:rules:)`` builds that index on the first query
/// that reaches the fuzzy step, as any matcher does, and saves it in `matcher-<hash>-fuzzy.bin` next to its snapshot;
/// the next process over the same store reads it there instead (about 0.13 s of a build for the default store, most
/// of an `onoma lookup` of a name that is in no glossary). A file apart rather than sections of the snapshot: most
/// runs never reach the fuzzy step (a batch of known names, a look-up found exactly), and they read none of it.
///
/// Same layout as the snapshot (magic, header, payload length and checksum, sections), with the snapshot's key
/// prefixed by `fuzzy; `: a file written by another build, for another state of the store or other tables is
/// ignored and replaced. Its sections are the index's arrays, the trigram table as the trigrams in number order;
/// every number in them is checked against the arrays it indexes before use.
extension MatcherSnapshot {
    /// Where a matcher saves and reads its fuzzy index, and under which key.
    struct FuzzyFile: Sendable {
        var url: URL
        var storePath: String
        var key: String
    }

    /// The fuzzy-index file of the snapshot at `url`, written under the snapshot's `key`.
    static func fuzzyFile(snapshot url: URL, storePath: String, key: String) -> FuzzyFile {
        let name = url.deletingPathExtension().lastPathComponent + "-fuzzy.bin"
        return FuzzyFile(url: url.deletingLastPathComponent().appendingPathComponent(name), storePath: storePath,
                         key: "fuzzy; " + key)
    }

    /// The number of sections of a fuzzy-index file.
    static let fuzzySectionCount = 16

    /// Saves `index` in `file`, replacing it atomically; failures are ignored (the file is an optimization).
    static func writeFuzzy(_ index: EntityMatcher.FuzzyIndex, to file: FuzzyFile) {
        var grams = [UInt32](repeating: 0, count: index.gramNumbers.count)
        for (gram, number) in index.gramNumbers { grams[Int(number)] = gram }
        var payload = Writer()
        payload.array(index.keyBytes)
        payload.array(index.keyStarts)
        payload.array(index.skeletonBytes)
        payload.array(index.skeletonStarts)
        payload.array(index.signatures)
        payload.array(index.pairEntryStarts)
        payload.array(index.pairEntries)
        payload.array(grams)
        payload.array(index.gramEntryCounts)
        payload.array(index.gramStarts)
        payload.array(index.gramPairs)
        payload.array(index.gramLengths)
        payload.array(index.gramSignatures)
        payload.array(index.skeletonPairStarts)
        payload.array(index.skeletonPairs)
        payload.array(index.buckets)
        save(framed(payload.bytes, storePath: file.storePath, key: file.key), to: file.url)
    }

    /// The index saved in `file`, or nil when the file is missing, damaged, has another key or does not fit a
    /// transcription index of `pairs` pairs and `skeletons` skeletons over `entries` entries.
    static func readFuzzy(_ file: FuzzyFile, pairs: Int, skeletons: Int, entries: Int) -> EntityMatcher.FuzzyIndex? {
        withPayload(file.url, key: file.key) { reader -> EntityMatcher.FuzzyIndex? in
            guard let sections = reader.sections(fuzzySectionCount) else { return nil }
            var arrays = ArrayCursor(reader: reader, sections: sections[...])
            var index = EntityMatcher.FuzzyIndex()
            guard let keyBytes: [UInt8] = arrays.next(), let keyStarts: [UInt32] = arrays.next(),
                  let skeletonBytes: [UInt8] = arrays.next(), let skeletonStarts: [UInt32] = arrays.next(),
                  let signatures: [UInt64] = arrays.next(), let pairEntryStarts: [UInt32] = arrays.next(),
                  let pairEntries: [Int32] = arrays.next(), let grams: [UInt32] = arrays.next(),
                  let gramEntryCounts: [Int32] = arrays.next(), let gramStarts: [UInt32] = arrays.next(),
                  let gramPairs: [UInt32] = arrays.next(), let gramLengths: [UInt8] = arrays.next(),
                  let gramSignatures: [UInt64] = arrays.next(), let skeletonPairStarts: [UInt32] = arrays.next(),
                  let skeletonPairs: [UInt32] = arrays.next(), let buckets: [UInt8] = arrays.next()
            else { return nil }
            guard keyStarts.count == pairs + 1, isOffsets(keyStarts, end: keyBytes.count),
                  skeletonStarts.count == skeletons + 1, isOffsets(skeletonStarts, end: skeletonBytes.count),
                  signatures.count == pairs,
                  pairEntryStarts.count == pairs + 1, isOffsets(pairEntryStarts, end: pairEntries.count),
                  pairEntries.allSatisfy({ $0 >= 0 && Int($0) < entries }),
                  gramEntryCounts.count == grams.count,
                  gramStarts.count == grams.count + 1, isOffsets(gramStarts, end: gramPairs.count),
                  gramLengths.count == gramPairs.count, gramSignatures.count == gramPairs.count,
                  gramPairs.allSatisfy({ Int($0) < pairs }),
                  skeletonPairStarts.count == skeletons + 1, isOffsets(skeletonPairStarts, end: skeletonPairs.count),
                  skeletonPairs.allSatisfy({ Int($0) < pairs }),
                  buckets.count == 256, buckets.allSatisfy({ $0 < 16 })
            else { return nil }
            index.gramNumbers.reserveCapacity(grams.count)
            for (number, gram) in grams.enumerated() {
                // Each trigram once.
                guard index.gramNumbers.updateValue(Int32(number), forKey: gram) == nil else { return nil }
            }
            index.keyBytes = keyBytes
            index.keyStarts = keyStarts
            index.skeletonBytes = skeletonBytes
            index.skeletonStarts = skeletonStarts
            index.signatures = signatures
            index.pairEntryStarts = pairEntryStarts
            index.pairEntries = pairEntries
            index.gramEntryCounts = gramEntryCounts
            index.gramStarts = gramStarts
            index.gramPairs = gramPairs
            index.gramLengths = gramLengths
            index.gramSignatures = gramSignatures
            index.skeletonPairStarts = skeletonPairStarts
            index.skeletonPairs = skeletonPairs
            index.buckets = buckets
            return index
        }
    }
}
