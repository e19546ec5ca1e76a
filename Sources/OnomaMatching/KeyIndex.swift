import OnomaText

/// A hash index from byte strings (a term's normalized form, key, Latin key or transcription key) to the numbers of
/// the entries that have them, in a few flat arrays.
///
/// A `Dictionary<ByteKey, [Int32]>` holds two heap objects per distinct key (the key's bytes and the list); over a
/// million terms that is most of a matcher's memory and a cache miss per object. Here the distinct keys' bytes are
/// concatenated, each key's entries are a range of one array (in the order they were added), and an open-addressing
/// table of 64-bit slots (a 32-bit fragment of the hash, the key's number) finds a key with, usually, one probe and
/// one comparison of bytes.
///
/// ```swift
/// var builder = KeyIndex.Builder()
/// builder.add("pashinyan", entry: 0)
/// builder.add("pashinyan", entry: 7)
/// let index = builder.finish()
/// index.entries(for: "pashinyan")   // [0, 7]
/// ```
struct KeyIndex: Sendable {
    /// Key numbers by hash.
    private let slots: HashSlots
    private let keyBytes: [UInt8]
    /// Key `i` is `keyBytes[starts[2i]..<starts[2i + 2]]`, its entries `entries[starts[2i + 1]..<starts[2i + 3]]`
    /// (side by side, so that one cache line has both).
    private let starts: [UInt32]
    private let entries: [Int32]

    /// An empty index.
    init() { self = Builder().finish() }

    /// The number of distinct keys.
    var count: Int { starts.count / 2 - 1 }

    /// The entries added with `key`, in the order they were added; empty when none was.
    func entries(for key: String) -> ArraySlice<Int32> {
        var key = key
        return key.withUTF8 { entries(for: $0) }
    }

    /// The entries added with the key `bytes`.
    func entries(for bytes: UnsafeBufferPointer<UInt8>) -> ArraySlice<Int32> {
        guard let number = number(of: bytes) else { return entries[0..<0] }
        return entries(ofKey: number)
    }

    /// The number of the key `bytes`, if it was added.
    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        keyBytes.withUnsafeBufferPointer { stored in
            slots.first(hash: Self.hash(bytes)) { number in
                let start = Int(starts[2 * number]), end = Int(starts[2 * number + 2])
                return end - start == bytes.count && Self.equal(stored, start, bytes)
            }
        }
    }

    /// The bytes of key `number`.
    func key(_ number: Int) -> ArraySlice<UInt8> {
        keyBytes[Int(starts[2 * number])..<Int(starts[2 * number + 2])]
    }

    /// The entries of key `number`.
    func entries(ofKey number: Int) -> ArraySlice<Int32> {
        entries[Int(starts[2 * number + 1])..<Int(starts[2 * number + 3])]
    }

    /// Bytes held, for memory reports.
    var byteCount: Int { slots.capacity * 8 + keyBytes.count + starts.count * 4 + entries.count * 4 }

    // MARK: - Building

    /// Collects (key, entry) pairs, then lays them out.
    struct Builder {
        private var slots = HashSlots(roomFor: 0)
        private var keyBytes: [UInt8] = []
        private var keyStarts: [UInt32] = [0]
        /// Per pair added, its key's number and its entry.
        private var pairKeys: [UInt32] = []
        private var pairEntries: [Int32] = []

        /// A builder expecting about `keys` distinct keys and `pairs` pairs.
        init(keys: Int = 0, pairs: Int = 0) {
            slots = HashSlots(roomFor: keys)
            keyStarts.reserveCapacity(keys + 1)
            pairKeys.reserveCapacity(pairs)
            pairEntries.reserveCapacity(pairs)
        }

        /// Adds `entry` under `key`.
        mutating func add(_ key: String, entry: Int32) {
            var key = key
            key.withUTF8 { add($0, entry: entry) }
        }

        /// Adds `entry` under key `number` (from ``number(inserting:)``).
        mutating func add(number: Int, entry: Int32) {
            pairKeys.append(UInt32(number))
            pairEntries.append(entry)
        }

        /// Adds `entry` under the key `bytes`.
        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, entry: Int32) {
            pairKeys.append(UInt32(number(inserting: bytes)))
            pairEntries.append(entry)
        }

        /// The number of the key `bytes`, added as a new key when it is not yet known.
        mutating func number(inserting bytes: UnsafeBufferPointer<UInt8>) -> Int {
            let hash = KeyIndex.hash(bytes)
            let known = keyBytes.withUnsafeBufferPointer { stored in
                slots.first(hash: hash) { number in
                    let start = Int(keyStarts[number]), end = Int(keyStarts[number + 1])
                    return end - start == bytes.count && KeyIndex.equal(stored, start, bytes)
                }
            }
            if let known { return known }
            let number = keyStarts.count - 1
            precondition(number < 0xFFFF_FFFE && keyBytes.count + bytes.count < 0xFFFF_FFFF,
                         "KeyIndex holds at most 4 GiB of keys")
            keyBytes.append(contentsOf: bytes)
            keyStarts.append(UInt32(keyBytes.count))
            if slots.needsGrowth(toHold: number) { grow() }
            slots.place(number, hash: hash)
            return number
        }

        /// Doubles the table and places every key again.
        private mutating func grow() {
            slots.grow()
            keyBytes.withUnsafeBufferPointer { stored in
                for number in 0..<(keyStarts.count - 2) {
                    let start = Int(keyStarts[number]), end = Int(keyStarts[number + 1])
                    slots.place(number, hash: KeyIndex.hash(UnsafeBufferPointer(rebasing: stored[start..<end])))
                }
            }
        }

        /// The index: each key's entries in the order they were added.
        func finish() -> KeyIndex {
            let keyCount = keyStarts.count - 1
            var entryStarts = [UInt32](repeating: 0, count: keyCount + 1)
            for key in pairKeys { entryStarts[Int(key) + 1] += 1 }
            for i in 0..<keyCount { entryStarts[i + 1] += entryStarts[i] }
            var next = entryStarts
            var entries = [Int32](repeating: 0, count: pairEntries.count)
            for (key, entry) in zip(pairKeys, pairEntries) {
                entries[Int(next[Int(key)])] = entry
                next[Int(key)] += 1
            }
            var starts = [UInt32](repeating: 0, count: 2 * (keyCount + 1))
            for i in 0...keyCount {
                starts[2 * i] = keyStarts[i]
                starts[2 * i + 1] = entryStarts[i]
            }
            return KeyIndex(slots: slots, keyBytes: keyBytes, starts: starts, entries: entries)
        }
    }

    private init(slots: HashSlots, keyBytes: [UInt8], starts: [UInt32], entries: [Int32]) {
        self.slots = slots
        self.keyBytes = keyBytes
        self.starts = starts
        self.entries = entries
    }

    // MARK: - Saving

    /// The arrays an index is made of: what a matcher snapshot saves, and ``init(parts:)`` takes back.
    struct Parts {
        var slots: [UInt64]
        var keyBytes: [UInt8]
        var starts: [UInt32]
        var entries: [Int32]
    }

    /// The index's arrays as they are.
    var parts: Parts { Parts(slots: slots.storage, keyBytes: keyBytes, starts: starts, entries: entries) }

    /// The index made of `parts` with the largest entry number it holds plus one (0 when none), after checks that
    /// make every look-up stay within the arrays; nil when they fail (a damaged snapshot).
    ///
    /// Checked: the hash table's size and an empty slot in it, that key and entry offsets ascend from 0 to the
    /// arrays' ends, that every slot names a key, and that no entry is negative.
    static func checked(_ parts: Parts) -> (index: KeyIndex, entryBound: Int)? {
        guard let slots = HashSlots(storage: parts.slots), parts.starts.count >= 2, parts.starts.count % 2 == 0
        else { return nil }
        let keys = parts.starts.count / 2 - 1
        // Each check is a loop without an early exit, which the compiler vectorizes: with a branch per element, the
        // checks of a default store's snapshot (1.7 million slots, offsets and entries) took 3.5 ms of its load.
        let ascending = parts.starts.withUnsafeBufferPointer { starts -> Bool in
            guard starts[0] == 0, starts[1] == 0, Int(starts[2 * keys]) == parts.keyBytes.count,
                  Int(starts[2 * keys + 1]) == parts.entries.count
            else { return false }
            // Key offsets at even places, entry offsets at odd ones: each at most the next of its kind.
            var descents: UInt32 = 0
            for i in 0..<(2 * keys) { descents |= starts[i] > starts[i + 2] ? 1 : 0 }
            return descents == 0
        }
        // A probe ends at an empty slot (0), so a table without one would never end a miss; a slot's low half is
        // its key's number plus one.
        let (lowestSlot, highestKey) = parts.slots.withUnsafeBufferPointer { slots -> (UInt64, UInt64) in
            var lowest = UInt64.max, highest: UInt64 = 0
            for slot in slots {
                lowest = min(lowest, slot)
                highest = max(highest, slot & 0xFFFF_FFFF)
            }
            return (lowest, highest)
        }
        let (leastEntry, greatestEntry) = parts.entries.withUnsafeBufferPointer { entries -> (Int32, Int32) in
            var least = Int32.max, greatest: Int32 = -1
            for entry in entries {
                least = min(least, entry)
                greatest = max(greatest, entry)
            }
            return (least, greatest)
        }
        guard ascending, parts.slots.isEmpty || lowestSlot == 0, highestKey <= UInt64(keys), leastEntry >= 0
        else { return nil }
        return (KeyIndex(slots: slots, keyBytes: parts.keyBytes, starts: parts.starts, entries: parts.entries),
                Int(greatestEntry) + 1)
    }

    /// The same index with a hash table sized for its keys: a builder's table is sized for the keys it expected
    /// (as many as entries, for the matcher's indexes), often several times more than there were. Look-ups find
    /// the same keys.
    func compacted() -> KeyIndex {
        var compact = HashSlots(roomFor: count)
        keyBytes.withUnsafeBufferPointer { stored in
            for number in 0..<count {
                let start = Int(starts[2 * number]), end = Int(starts[2 * number + 2])
                compact.place(number, hash: Self.hash(UnsafeBufferPointer(rebasing: stored[start..<end])))
            }
        }
        return KeyIndex(slots: compact, keyBytes: keyBytes, starts: starts, entries: entries)
    }

    // MARK: - Private

    /// Whether `stored[start..<start + bytes.count]` equals `bytes`.
    @inline(__always)
    private static func equal(_ stored: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        for i in 0..<bytes.count where stored[start + i] != bytes[i] { return false }
        return true
    }

    /// A 64-bit hash of `bytes`, eight at a time (multiply-fold mixing, as in wyhash); stable across runs.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(h, 0x9E37_79B9_7F4A_7C15) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = mix(h ^ word, 0x9E37_79B9_7F4A_7C15)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return mix(h ^ tail ^ 0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB)
    }
}
