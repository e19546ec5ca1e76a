import Foundation
import OnomaText

/// An open-addressing hash table from a name's UTF-8 bytes to a value: the batch job's cache of results per
/// distinct name.
///
/// The names' bytes sit back to back in one arena and a look-up hashes the caller's bytes in place, so neither a
/// look-up nor an entry allocates a key of its own (a `Dictionary` keyed by byte arrays allocated one array per row
/// and hashed it with SipHash). Keys are compared by bytes: byte equality is what "the same input" means here.
struct NameTable<Value> {
    // MARK: - Stored state

    private var bytes: [UInt8] = []
    /// Entry `e`'s name is `bytes[starts[e]..<starts[e + 1]]`.
    private var starts: [UInt32] = [0]
    private var hashes: [UInt64] = []
    private var values: [Value] = []
    /// 0 for an empty slot, else the hash's upper 32 bits and the entry number plus one in the lower 32.
    private var slots: [UInt64] = []

    // MARK: - API

    /// The number of names held.
    var count: Int { values.count }

    /// The hash a name is looked up and stored under.
    @inline(__always)
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(name, seed: 0x6E61_6D65) }

    /// The value for `name` (whose ``hash(_:)`` is `hash`), if held.
    func value(for name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        if values.isEmpty { return nil }
        let mask = slots.count - 1
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots -> Value? in
            while true {
                let slot = slots[index]
                if slot == 0 { return nil }
                if slot & 0xFFFF_FFFF_0000_0000 == tag {
                    let entry = Int(slot & 0xFFFF_FFFF) - 1
                    if hashes[entry] == hash, matches(entry, name) { return values[entry] }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Stores `value` for `name` (whose ``hash(_:)`` is `hash`); the name must not be held yet.
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value) {
        if (values.count + 1) * 2 > slots.count { grow() }
        bytes.append(contentsOf: name)
        starts.append(UInt32(truncatingIfNeeded: bytes.count))
        hashes.append(hash)
        values.append(value)
        place(values.count - 1, hash: hash)
    }

    /// Whether the arena has room for `extra` more bytes (offsets are 32-bit).
    func hasRoom(for extra: Int) -> Bool { bytes.count + extra < Int(UInt32.max) }

    // MARK: - Private

    @inline(__always)
    private func matches(_ entry: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[entry])
        let end = Int(starts[entry + 1])
        guard end - start == name.count else { return false }
        if name.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { all in
            memcmp(all.baseAddress! + start, name.baseAddress!, name.count) == 0
        }
    }

    private mutating func place(_ entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeMutableBufferPointer { slots in
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
        }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: max(1024, slots.count * 2))
        for entry in 0..<hashes.count { place(entry, hash: hashes[entry]) }
    }
}
