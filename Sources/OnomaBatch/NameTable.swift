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
    /// Entry numbers by hash.
    private var slots = HashSlots()

    // MARK: - API

    /// The number of names held.
    var count: Int { values.count }

    /// The hash a name is looked up and stored under.
    @inline(__always)
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(name, seed: 0x6E61_6D65) }

    /// The value for `name` (whose ``hash(_:)`` is `hash`), if held.
    func value(for name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        if values.isEmpty { return nil }
        return slots.first(hash: hash) { hashes[$0] == hash && matches($0, name) }.map { values[$0] }
    }

    /// Stores `value` for `name` (whose ``hash(_:)`` is `hash`); the name must not be held yet.
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value) {
        if slots.needsGrowth(toHold: values.count) { grow() }
        bytes.append(contentsOf: name)
        starts.append(UInt32(truncatingIfNeeded: bytes.count))
        hashes.append(hash)
        values.append(value)
        slots.place(values.count - 1, hash: hash)
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

    private mutating func grow() {
        slots.grow()
        for entry in 0..<hashes.count { slots.place(entry, hash: hashes[entry]) }
    }
}
