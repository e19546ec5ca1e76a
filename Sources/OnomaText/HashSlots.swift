/// The slots of an open-addressing hash table whose entries its owner keeps (in an arena, in arrays): linear
/// probing, at most half full, one 64-bit word per slot.
///
/// A slot is 0 when empty, else the upper 32 bits of the entry's hash and the entry's number (an index or an
/// offset below 2³² − 1) plus one in the lower 32, so a probe compares most other entries away without reading
/// them. The batch job's per-name cache (`NameTable`), the normalization memo's word tables and the matcher's key
/// indexes (`KeyIndex`) share it.
///
/// `package` and `@inlinable`: the probe loop is on the hot path of its callers in other modules.
package struct HashSlots: Sendable {
    @usableFromInline var slots: [UInt64] = []

    /// An empty table; its first ``grow()`` gives it slots.
    @inlinable package init() {}

    /// An empty table with room for `count` entries before it must grow.
    @inlinable package init(roomFor count: Int) {
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
    }

    /// A table over `storage`, the ``storage`` of a table saved earlier; nil when its size is not a power of two
    /// (zero included), which no table has.
    @inlinable package init?(storage: [UInt64]) {
        guard storage.isEmpty || storage.count & (storage.count - 1) == 0 else { return nil }
        slots = storage
    }

    /// The slots as they are, to save and give back to ``init(storage:)``.
    @inlinable package var storage: [UInt64] { slots }

    /// The number of slots, for memory reports.
    @inlinable package var capacity: Int { slots.count }

    /// Whether the table must ``grow()`` before holding `count + 1` entries.
    @inlinable package func needsGrowth(toHold count: Int) -> Bool { (count + 1) * 2 > slots.count }

    /// Doubles the number of slots (1,024 at least) and empties them all: the owner places its entries again.
    @inlinable package mutating func grow() {
        slots = [UInt64](repeating: 0, count: max(1024, slots.count * 2))
    }

    /// Empties every slot, keeping their number.
    @inlinable package mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Records `entry` under `hash`; the table must have room (``needsGrowth(toHold:)``).
    @inlinable package mutating func place(_ entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeMutableBufferPointer { slots in
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
        }
    }

    /// The first entry placed under a hash with `hash`'s upper 32 bits that `isMatch` accepts, or nil.
    @inlinable package func first(hash: UInt64, where isMatch: (Int) -> Bool) -> Int? {
        if slots.isEmpty { return nil }
        let mask = slots.count - 1
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots -> Int? in
            while true {
                let slot = slots[index]
                if slot == 0 { return nil }
                if slot & 0xFFFF_FFFF_0000_0000 == tag, case let entry = Int(slot & 0xFFFF_FFFF) - 1, isMatch(entry) {
                    return entry
                }
                index = (index + 1) & mask
            }
        }
    }
}
