@testable import OnomaMatching
import Testing

/// `KeyIndex.checked` takes back the arrays of an index as a snapshot saved them, and rejects arrays a look-up could
/// read past or loop on.
@Suite struct KeyIndexTests {
    /// An index of a few keys, some with several entries.
    static func parts() -> KeyIndex.Parts {
        var builder = KeyIndex.Builder()
        for (entry, key) in ["pashinyan", "yerevan", "pashinyan", "baku", "nato", "otan", "baku"].enumerated() {
            builder.add(key, entry: Int32(entry))
        }
        return builder.finish().compacted().parts
    }

    @Test func checkedIndexFindsWhatTheBuiltOneFinds() throws {
        let checked = try #require(KeyIndex.checked(Self.parts()))
        #expect(checked.entryBound == 7)
        #expect(Array(checked.index.entries(for: "pashinyan")) == [0, 2])
        #expect(Array(checked.index.entries(for: "baku")) == [3, 6])
        #expect(checked.index.entries(for: "tbilisi").isEmpty)
        let empty = try #require(KeyIndex.checked(KeyIndex().parts))
        #expect(empty.entryBound == 0 && empty.index.count == 0)
    }

    /// Ways the arrays can be wrong.
    enum Damage: String, CaseIterable, Sendable {
        case keyOffsetsDescend, entryOffsetsDescend, lastKeyOffsetShort, slotNamesNoKey, noEmptySlot, negativeEntry
    }

    @Test(arguments: Damage.allCases)
    func damagedArraysAreRejected(_ damage: Damage) throws {
        var parts = Self.parts()
        let keys = parts.starts.count / 2 - 1
        switch damage {
        case .keyOffsetsDescend: parts.starts[2] = parts.starts[4] + 1
        case .entryOffsetsDescend: parts.starts[3] = parts.starts[5] + 1
        case .lastKeyOffsetShort: parts.starts[2 * keys] -= 1
        case .slotNamesNoKey:
            let slot = try #require(parts.slots.firstIndex { $0 != 0 })
            parts.slots[slot] = parts.slots[slot] & 0xFFFF_FFFF_0000_0000 | UInt64(keys + 1)
        case .noEmptySlot:
            let used = try #require(parts.slots.first { $0 != 0 })
            parts.slots = parts.slots.map { $0 == 0 ? used : $0 }
        case .negativeEntry: parts.entries[1] = -1
        }
        #expect(KeyIndex.checked(parts) == nil)
    }
}
