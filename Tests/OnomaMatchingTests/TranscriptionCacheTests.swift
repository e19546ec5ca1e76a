import Foundation
@testable import OnomaMatching
import TestResources
import Testing

/// The disk cache of transcription keys: a build reads only the entries it asks for and appends its new ones.
@Suite struct TranscriptionCacheTests {
    static func temporaryFile() throws -> URL {
        try TemporaryFiles.directory("cache").appendingPathComponent("transcription-test.bin")
    }

    /// Real units and keys: the French and German spellings of Pashinyan and Yerevan.
    static let entries: [(unit: String, keys: TranscriptionCache.Keys)] = [
        ("fr\u{0}pachinian", (["pashinian", "pashinian"], ["pshnn", "pshnn"])),
        ("de\u{0}paschinjan", (["pashinian"], ["pshnn"])),
        ("fr\u{0}erevan", (["erevan"], ["rvn"])),
        ("en\u{0}yerevan", (["ierevan", "erevan"], ["rvn", "rvn"])),
    ]

    @Test func aBuildReadsWhatItAsksForAndAppendsWhatItComputed() throws {
        let cache = TranscriptionCache(url: try Self.temporaryFile())
        // No file yet: nothing found; the first build writes its two entries.
        let first = cache.load(units: Self.entries.prefix(2).map(\.unit))
        #expect(first.keys.allSatisfy { $0 == nil })
        cache.save(appending: Array(Self.entries.prefix(2)), to: first)

        // A second build (another store) asks for one stored unit and two new ones.
        let asked = [Self.entries[3].unit, Self.entries[1].unit, Self.entries[2].unit]
        let second = cache.load(units: asked)
        #expect(second.keys[0] == nil && second.keys[2] == nil)
        #expect(second.keys[1]?.keys == ["pashinian"] && second.keys[1]?.skeletons == ["pshnn"])
        cache.save(appending: [Self.entries[3], Self.entries[2]], to: second)

        // Every entry is there once, with its keys.
        let all = cache.load(units: Self.entries.map(\.unit) + ["it\u{0}not cached"])
        for (index, entry) in Self.entries.enumerated() {
            #expect(all.keys[index]?.keys == entry.keys.keys, "\(entry.unit)")
            #expect(all.keys[index]?.skeletons == entry.keys.skeletons, "\(entry.unit)")
        }
        #expect(all.keys[4] == nil)
    }

    @Test func aDamagedFileIsIgnoredAndReplaced() throws {
        let url = try Self.temporaryFile()
        let cache = TranscriptionCache(url: url)
        cache.save(appending: Self.entries, to: cache.load(units: []))
        // Cut in the middle of an entry: the file is no cache any more.
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 3).write(to: url)
        let damaged = cache.load(units: Self.entries.map(\.unit))
        #expect(damaged.keys.allSatisfy { $0 == nil })
        cache.save(appending: [Self.entries[0]], to: damaged)
        let replaced = cache.load(units: Self.entries.map(\.unit))
        #expect(replaced.keys[0]?.keys == Self.entries[0].keys.keys)
        #expect(replaced.keys[1...].allSatisfy { $0 == nil })
    }
}
