import Foundation

/// A per-worker memo of word-level results that makes repeated words cost one table look-up.
///
/// Names share words far more than they repeat whole (*Nikol Pashinyan*, *Pashinyan government*), and the costly
/// steps, the comparison key and above all transliteration, work word by word: a name's key is its words' keys
/// joined by spaces, and its Latin form is its words' transliterations. So the normalizer computes each distinct
/// word once per memo.
///
/// Not `Sendable`: give each worker thread or task its own memo. It empties itself past `limit` entries, so memory
/// stays bounded.
public final class NormalizationMemo {
    // MARK: - Stored state

    /// Entries kept per table before it is emptied.
    public let limit: Int
    var keys = WordTable()
    var latin = WordTable()
    /// Scope strings (language tags, transliterator IDs) numbered for the tables; the last one is remembered, since
    /// a batch asks for the same scope name after name.
    private var scopeNumbers: [String: UInt32] = [:]
    private var lastScope: (name: String, number: UInt32)?

    // MARK: - Init

    /// A memo holding at most `limit` words per table.
    public init(limit: Int = 200_000) {
        self.limit = max(1, limit)
    }

    // MARK: - API

    /// Appends the comparison key of `word` to `out` as its next word, computed once per language: keys depend on it
    /// (French elision, Turkic casing).
    ///
    /// - Parameters:
    ///   - word: the word's UTF-8 bytes.
    ///   - language: the language hint the key is computed with.
    ///   - out: the name's key so far; an empty result appends nothing, else a space first when `out` is not empty.
    ///   - compute: computes the key of a word missing from the memo.
    /// - Throws: what `compute` throws.
    @inline(__always)
    func appendKey(_ word: UnsafeBufferPointer<UInt8>, language: LanguageHint, to out: inout [UInt8],
                   compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        try keys.append(word, scope: scope(language.tag ?? ""), limit: limit, to: &out, compute)
    }

    /// Appends the transliteration of `word` by `transliterator` to `out` as its next word, computed once per
    /// transliterator.
    ///
    /// - Parameters:
    ///   - word: the word's UTF-8 bytes.
    ///   - transliterator: the ICU transliterator ID.
    ///   - out: the name's Latin form so far; an empty result appends nothing, else a space first when `out` is not
    ///     empty.
    ///   - compute: transliterates a word missing from the memo.
    /// - Throws: what `compute` throws.
    @inline(__always)
    func appendLatin(_ word: UnsafeBufferPointer<UInt8>, transliterator: String, to out: inout [UInt8],
                     compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        try latin.append(word, scope: scope(transliterator), limit: limit, to: &out, compute)
    }

    // MARK: - Private

    @inline(__always)
    private func scope(_ name: String) -> UInt32 {
        if let last = lastScope, last.name == name { return last.number }
        let number: UInt32
        if let known = scopeNumbers[name] {
            number = known
        } else {
            number = UInt32(scopeNumbers.count)
            scopeNumbers[name] = number
        }
        lastScope = (name, number)
        return number
    }
}

/// An open-addressing hash table from (scope, word bytes) to result bytes, all bytes in one arena.
///
/// A look-up allocates nothing, reads one slot and then the entry's bytes (its header, key and result are
/// contiguous), and a hit copies the result's bytes straight into the caller's output; emptying the table releases
/// no object. Keys are compared by bytes, as "the same word" means for the memo.
struct WordTable {
    /// Entries back to back: a header of three 32-bit numbers (scope, key length, result length), the key's bytes,
    /// the result's bytes.
    private var bytes: [UInt8] = []
    /// 0 for an empty slot, else the hash's upper 32 bits and the entry's offset in `bytes` plus one in the lower 32.
    private var slots: [UInt64] = []
    private(set) var count = 0

    private static let headerSize = 12

    /// Appends the result for (`scope`, `word`) to `out` as its next word, computing and storing it on a miss.
    @inline(__always)
    mutating func append(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, limit: Int, to out: inout [UInt8],
                         _ compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        let hash = Self.hash(scope: scope, word)
        var entry = find(word, scope: scope, hash: hash)
        if entry < 0 {
            let value = try compute(String(decoding: word, as: UTF8.self))
            // Offsets are 32-bit: a table would reach 4 GB only with thousands of huge words, but stay safe.
            if count >= limit || bytes.count + word.count + value.utf8.count + 64 >= Int(UInt32.max) { removeAll() }
            entry = insert(word, scope: scope, hash: hash, value: value)
        }
        bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeRawPointer(all.baseAddress!)
            let keyLength = Int(raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self))
            let valueLength = Int(raw.loadUnaligned(fromByteOffset: entry + 8, as: UInt32.self))
            if valueLength == 0 { return }
            if !out.isEmpty { out.append(0x20) }
            let start = entry + Self.headerSize + keyLength
            out.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<start + valueLength]))
        }
    }

    /// Empties the table, keeping its storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        count = 0
    }

    /// The offset of the entry for (`scope`, `word`), or -1.
    private func find(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64) -> Int {
        if count == 0 { return -1 }
        let mask = slots.count - 1
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { all in
                let raw = UnsafeRawPointer(all.baseAddress!)
                while true {
                    let slot = slots[index]
                    if slot == 0 { return -1 }
                    if slot & 0xFFFF_FFFF_0000_0000 == tag {
                        let entry = Int(slot & 0xFFFF_FFFF) - 1
                        if raw.loadUnaligned(fromByteOffset: entry, as: UInt32.self) == scope,
                           Int(raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self)) == word.count,
                           word.isEmpty
                            || memcmp(raw + entry + Self.headerSize, word.baseAddress!, word.count) == 0
                        {
                            return entry
                        }
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64, value: String)
        -> Int
    {
        if (count + 1) * 2 > slots.count { grow() }
        let entry = bytes.count
        withUnsafeBytes(of: scope.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(word.count).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(value.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: word)
        bytes.append(contentsOf: value.utf8)
        place(entry, hash: hash)
        count += 1
        return entry
    }

    private mutating func place(_ entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeMutableBufferPointer { slots in
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
        }
    }

    /// Doubles the slots and places every entry again (their hashes are computed from the arena).
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: max(1024, slots.count * 2))
        var entry = 0
        while entry < bytes.count {
            let (scope, keyLength, valueLength) = bytes.withUnsafeBufferPointer { all in
                let raw = UnsafeRawPointer(all.baseAddress!)
                return (raw.loadUnaligned(fromByteOffset: entry, as: UInt32.self),
                        Int(raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self)),
                        Int(raw.loadUnaligned(fromByteOffset: entry + 8, as: UInt32.self)))
            }
            let start = entry + Self.headerSize
            let hash = bytes.withUnsafeBufferPointer { all in
                Self.hash(scope: scope, UnsafeBufferPointer(rebasing: all[start..<start + keyLength]))
            }
            place(entry, hash: hash)
            entry = start + keyLength + valueLength
        }
    }

    /// The hash of a word under a scope.
    @inline(__always)
    private static func hash(scope: UInt32, _ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        ByteHash.hash(word, seed: UInt64(scope))
    }
}
