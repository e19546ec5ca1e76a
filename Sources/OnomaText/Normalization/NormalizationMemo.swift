import Foundation

/// A memo of word-level results that makes repeated words cost one table look-up.
///
/// Names share words far more than they repeat whole (*Nikol Pashinyan*, *Pashinyan government*), and the costly
/// steps, the comparison key and above all transliteration, work word by word: a name's key is its words' keys
/// joined by spaces, and its Latin form is its words' transliterations. So the normalizer computes each distinct
/// word once per memo.
///
/// A memo made with `init(limit:)` is for one thread or task at a time. ``shared(limit:)`` makes one that the
/// workers of a batch use together, so that a word is transliterated once for all of them, not once per worker. It
/// empties itself (a part at a time) past `limit` entries, so memory stays bounded.
///
/// `Sendable` notes: a private memo is used by one thread at a time (its owner's discipline, as before); a shared
/// memo keeps its tables in stripes, each behind its own lock, held only to look a word up or to store a result
/// (never while computing one), and numbers its scopes under a lock.
public final class NormalizationMemo: @unchecked Sendable {
    // MARK: - Stored state

    /// Entries kept per table before it is emptied.
    public let limit: Int
    /// One stripe for a private memo; a shared one spreads words over several, by hash.
    private let stripes: [Stripe]
    private let isShared: Bool
    /// Entries kept per stripe's table.
    private let stripeLimit: Int
    /// Scope strings (language tags, transliterator IDs) numbered for the tables; a private memo remembers the last
    /// one, since a batch asks for the same scope name after name.
    private var scopeNumbers: [String: UInt32] = [:]
    private var lastScope: (name: String, number: UInt32)?
    private let scopeLock = NSLock()

    private final class Stripe {
        let lock = NSLock()
        var keys = WordTable()
        var latin = WordTable()
    }

    // MARK: - Init

    /// A memo for one thread at a time, holding at most `limit` words per table.
    public convenience init(limit: Int = 200_000) {
        self.init(limit: limit, stripes: 1, shared: false)
    }

    /// A memo that several threads may use at once, holding at most about `limit` words per table.
    ///
    /// ```swift
    /// let memo = NormalizationMemo.shared(limit: 500_000)   // one for all the workers of a batch
    /// ```
    ///
    /// - Parameter limit: the words kept per table, over all stripes.
    /// - Returns: the memo.
    public static func shared(limit: Int = 500_000) -> NormalizationMemo {
        NormalizationMemo(limit: limit, stripes: 32, shared: true)
    }

    private init(limit: Int, stripes: Int, shared: Bool) {
        self.limit = max(1, limit)
        self.stripes = (0..<stripes).map { _ in Stripe() }
        self.isShared = shared
        self.stripeLimit = max(1, self.limit / stripes)
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
        try append(word, scope: keyScope(language), latin: false, to: &out, compute)
    }

    /// The scope number of keys in `language`, for ``appendKey(_:scope:to:compute:)``: looked up once per name
    /// rather than once per word (a shared memo numbers scopes behind one lock all threads use).
    func keyScope(_ language: LanguageHint) -> UInt32 { scope(language.tag ?? "") }

    /// The scope number of transliterations by `transliterator`, for ``appendLatin(_:scope:to:compute:)``.
    func latinScope(_ transliterator: String) -> UInt32 { scope(transliterator) }

    /// ``appendKey(_:language:to:compute:)`` with the language's ``keyScope(_:)``.
    @inline(__always)
    func appendKey(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, to out: inout [UInt8],
                   compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        try append(word, scope: scope, latin: false, to: &out, compute)
    }

    /// ``appendLatin(_:transliterator:to:compute:)`` with the transliterator's ``latinScope(_:)``.
    @inline(__always)
    func appendLatin(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, to out: inout [UInt8],
                     compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        try append(word, scope: scope, latin: true, to: &out, compute)
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
        try append(word, scope: scope(transliterator), latin: true, to: &out, compute)
    }

    // MARK: - Private

    @inline(__always)
    private func append(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, latin: Bool, to out: inout [UInt8],
                        _ compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        let hash = WordTable.hash(scope: scope, word)
        guard isShared else {
            let stripe = stripes[0]
            if latin {
                try stripe.latin.append(word, scope: scope, hash: hash, limit: stripeLimit, to: &out, compute)
            } else {
                try stripe.keys.append(word, scope: scope, hash: hash, limit: stripeLimit, to: &out, compute)
            }
            return
        }
        // The stripe from the hash's top bits (the low bits pick the slot within the stripe's table).
        let stripe = stripes[Int(truncatingIfNeeded: hash >> 48) % stripes.count]
        stripe.lock.lock()
        let found = latin
            ? stripe.latin.appendIfPresent(word, scope: scope, hash: hash, to: &out)
            : stripe.keys.appendIfPresent(word, scope: scope, hash: hash, to: &out)
        stripe.lock.unlock()
        if found { return }
        // Computed outside the lock; another worker may compute the same word meanwhile, and it is stored once.
        let value = try compute(String(decoding: word, as: UTF8.self))
        stripe.lock.lock()
        if latin {
            stripe.latin.store(word, scope: scope, hash: hash, value: value, limit: stripeLimit)
        } else {
            stripe.keys.store(word, scope: scope, hash: hash, value: value, limit: stripeLimit)
        }
        stripe.lock.unlock()
        WordTable.appendWord(value.utf8, to: &out)
    }

    @inline(__always)
    private func scope(_ name: String) -> UInt32 {
        if !isShared, let last = lastScope, last.name == name { return last.number }
        if isShared { scopeLock.lock() }
        defer { if isShared { scopeLock.unlock() } }
        let number: UInt32
        if let known = scopeNumbers[name] {
            number = known
        } else {
            number = UInt32(scopeNumbers.count)
            scopeNumbers[name] = number
        }
        if !isShared { lastScope = (name, number) }
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
    /// Entries' offsets in `bytes` by hash.
    private var slots = HashSlots()
    private(set) var count = 0

    private static let headerSize = 12

    /// Appends the result for (`scope`, `word`) to `out` as its next word, computing and storing it on a miss.
    @inline(__always)
    mutating func append(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64, limit: Int,
                         to out: inout [UInt8], _ compute: (String) throws(ICUError) -> String) throws(ICUError)
    {
        if appendIfPresent(word, scope: scope, hash: hash, to: &out) { return }
        let value = try compute(String(decoding: word, as: UTF8.self))
        store(word, scope: scope, hash: hash, value: value, limit: limit)
        Self.appendWord(value.utf8, to: &out)
    }

    /// Appends the result for (`scope`, `word`) to `out` as its next word when the table holds it.
    ///
    /// - Returns: whether it was held.
    @inline(__always)
    func appendIfPresent(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64, to out: inout [UInt8])
        -> Bool
    {
        let entry = find(word, scope: scope, hash: hash)
        if entry < 0 { return false }
        bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeRawPointer(all.baseAddress!)
            let keyLength = Int(raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self))
            let valueLength = Int(raw.loadUnaligned(fromByteOffset: entry + 8, as: UInt32.self))
            let start = entry + Self.headerSize + keyLength
            Self.appendWord(UnsafeBufferPointer(rebasing: all[start..<start + valueLength]), to: &out)
        }
        return true
    }

    /// Stores `value` for (`scope`, `word`) unless held already, emptying the table first when it is full.
    mutating func store(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64, value: String, limit: Int) {
        if find(word, scope: scope, hash: hash) >= 0 { return }
        // Offsets are 32-bit: a table would reach 4 GB only with thousands of huge words, but stay safe.
        if count >= limit || bytes.count + word.count + value.utf8.count + 64 >= Int(UInt32.max) { removeAll() }
        _ = insert(word, scope: scope, hash: hash, value: value)
    }

    /// Appends `value` to `out` as its next word: nothing when it is empty, else a space first when `out` is not.
    @inline(__always)
    static func appendWord<C: Collection>(_ value: C, to out: inout [UInt8]) where C.Element == UInt8 {
        if value.isEmpty { return }
        if !out.isEmpty { out.append(0x20) }
        out.append(contentsOf: value)
    }

    /// Empties the table, keeping its storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        slots.removeAll()
        count = 0
    }

    /// The offset of the entry for (`scope`, `word`), or -1.
    private func find(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64) -> Int {
        if count == 0 { return -1 }
        return bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeRawPointer(all.baseAddress!)
            return slots.first(hash: hash) { entry in
                raw.loadUnaligned(fromByteOffset: entry, as: UInt32.self) == scope
                    && Int(raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self)) == word.count
                    && (word.isEmpty || memcmp(raw + entry + Self.headerSize, word.baseAddress!, word.count) == 0)
            } ?? -1
        }
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, scope: UInt32, hash: UInt64, value: String)
        -> Int
    {
        if slots.needsGrowth(toHold: count) { grow() }
        let entry = bytes.count
        withUnsafeBytes(of: scope.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(word.count).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(value.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: word)
        bytes.append(contentsOf: value.utf8)
        slots.place(entry, hash: hash)
        count += 1
        return entry
    }

    /// Doubles the slots and places every entry again (their hashes are computed from the arena).
    private mutating func grow() {
        slots.grow()
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
            slots.place(entry, hash: hash)
            entry = start + keyLength + valueLength
        }
    }

    /// The hash of a word under a scope.
    @inline(__always)
    static func hash(scope: UInt32, _ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        ByteHash.hash(word, seed: UInt64(scope))
    }
}
