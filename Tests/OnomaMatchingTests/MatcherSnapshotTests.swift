import Foundation
import OnomaGlossary
@testable import OnomaMatching
import OnomaStore
import OnomaText
import TestResources
import Testing

/// A matcher loaded from its snapshot answers as one built from the store; a write to the store, or a damaged
/// snapshot, makes it build from the store again.
@Suite struct MatcherSnapshotTests {
    /// A store holding shipped glossaries, with a snapshot directory of its own.
    struct Fixture {
        let store: GlossaryStore
        let snapshots: MatcherSnapshots
        /// The shipped concepts imported.
        let concepts: [Concept]

        /// The curated glossaries and two CLDR files (generated concepts, some duplicating curated ones).
        static let files = ["curated/organizations.tsv", "curated/other.tsv", "curated/people.tsv",
                            "curated/places.tsv", "cldr/scripts.tsv", "cldr/territories.tsv"]

        /// One store of ``files`` for the tests that do not write to it (importing the files takes a while in
        /// a debug build).
        static let shared: Result<(store: GlossaryStore, concepts: [Concept]), any Error> = Result {
            try makeStore(files)
        }

        /// A new store of `files` in a new directory.
        static func makeStore(_ files: [String]) throws -> (store: GlossaryStore, concepts: [Concept]) {
            let path = try temporaryDirectory().appendingPathComponent("store.sqlite").path
            let store = try GlossaryStore.open(path: path)
            var concepts: [Concept] = []
            let glossaries = CorpusFixtures.packageRoot.appendingPathComponent("Glossaries")
            for file in files {
                let bytes = Array(try Data(contentsOf: glossaries.appendingPathComponent(file)))
                let read = try GlossaryReader.read(bytes, file: file, format: .tsv)
                try store.import(read)
                concepts += read
            }
            return (store, concepts)
        }

        static func temporaryDirectory() throws -> URL {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("onoma-snapshot-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        /// The shared store (`ownStore` false) or a new one of the curated glossaries, and a new snapshot directory.
        init(ownStore: Bool = false) throws {
            (store, concepts) = ownStore ? try Self.makeStore(Array(Self.files.prefix(4))) : try Self.shared.get()
            snapshots = MatcherSnapshots(directory: try Self.temporaryDirectory().appendingPathComponent("cache"))
        }

        func cached() throws -> EntityMatcher { try EntityMatcher.cached(store: store, snapshots: snapshots) }

        /// The snapshot file of the store.
        var snapshotURL: URL {
            get throws { try #require(snapshots.url(forStoreAt: store.path)) }
        }
    }

    /// Queries beyond the stored terms: other spellings that reach the transliteration, transcription and fuzzy
    /// steps, an article to drop, and a name nobody has.
    static let spellings: [(text: String, language: String?)] = [
        ("Pachinian", "fr"), ("Erevan", "fr"), ("Paschinjan", "de"), ("Bakou", "fr"), ("Eriwan", "de"),
        ("Pashinian", nil), ("Pachinyan", "fr"), ("Khrouchtchev", "fr"), ("Tbilissi", "fr"), ("Moscou", "fr"),
        ("Stepanakert", "ru"), ("Степанакерт", nil), ("Aliev", "fr"), ("Ilham Aliev", "fr"), ("la Russie", "fr"),
        ("die Türkei", "de"), ("Haut-Karabakh", "fr"), ("Nagorny Karabach", "de"), ("Azerbaïdjan", "fr"),
        ("Georgien", "de"), ("Géorgie", "fr"), ("Pashinyann", "en"), ("Jamajka", "pl"), ("Îles Salomon", "fr"),
        ("Пашиньян", "ru"), ("Пуцін", "be"), ("Stepanakurt", "en"), ("Pashinjiyan", "en"), ("Tbilissio", "fr"),
        ("Aliyef", "en"), ("Tschetschenien", "de"), ("Zzyzx Qwerty", "en"),
    ]

    /// The matches of `query` from `matcher`, explanations included.
    static func matches(_ matcher: EntityMatcher, _ text: String, _ language: String?) -> [Match] {
        matcher.lookup(text, language: language.map { LanguageTag(canonical: $0) },
                       target: LanguageTag(canonical: "en"), limit: 5).matches
    }

    @Test func loadedMatcherGivesTheSameLookupsAsTheStore() throws {
        let fixture = try Fixture()
        let built = try EntityMatcher(store: fixture.store)
        let first = try fixture.cached()
        #expect(!first.stats.fromSnapshot)
        #expect(FileManager.default.fileExists(atPath: try fixture.snapshotURL.path))
        let loaded = try fixture.cached()
        #expect(loaded.stats.fromSnapshot)
        #expect(loaded.stats.terms == built.stats.terms && loaded.stats.concepts == built.stats.concepts)

        // Every curated and CLDR-script term, every seventh territory term, in its own language, and the other
        // spellings.
        var queries = Self.spellings
        var territoryTerms = 0
        for concept in fixture.concepts {
            let isTerritory = concept.id.hasPrefix("region-")
            for term in concept.terms {
                if isTerritory {
                    territoryTerms += 1
                    if territoryTerms % 7 != 0 { continue }
                }
                queries.append((term.text, term.language.description))
            }
        }
        #expect(queries.count > 8_000)
        var differences = 0
        var methods = Set<MatchMethod>()
        for (text, language) in queries {
            let expected = Self.matches(built, text, language)
            let got = Self.matches(loaded, text, language)
            methods.formUnion(expected.map(\.method))
            if got != expected {
                differences += 1
                if differences <= 5 { Issue.record("\(language ?? "-") \"\(text)\": loaded \(got), built \(expected)") }
            }
        }
        #expect(differences == 0)
        // The queries reach every step of the cascade, so every index of the snapshot is read.
        #expect(methods == Set(MatchMethod.allCases))
        for concept in fixture.concepts.prefix(500) {
            #expect(loaded.concept(id: concept.id) == built.concept(id: concept.id))
        }
    }

    @Test func writeToTheStoreRetiresTheSnapshot() throws {
        let fixture = try Fixture(ownStore: true)
        _ = try fixture.cached()
        #expect(try fixture.cached().stats.fromSnapshot)

        // A new concept: the next matcher is built from the store and finds it, then is saved and loaded.
        let before = try fixture.store.writeStamp()
        try fixture.store.add(Concept(id: "zzyzx", type: .place, terms: [
            Term(text: "Zzyzx Qwerty", language: LanguageTag(canonical: "en")),
        ]))
        #expect(try fixture.store.writeStamp() != before)
        let afterAdd = try fixture.cached()
        #expect(!afterAdd.stats.fromSnapshot)
        #expect(Self.matches(afterAdd, "Zzyzx Qwerty", "en").first?.conceptID == "zzyzx")
        let reloaded = try fixture.cached()
        #expect(reloaded.stats.fromSnapshot)
        #expect(Self.matches(reloaded, "Zzyzx Qwerty", "en").first?.conceptID == "zzyzx")

        // A removal, through another connection to the same file (as another process would write).
        let other = try GlossaryStore.open(path: fixture.store.path)
        #expect(try other.remove(id: "nikol-pashinyan"))
        let afterRemove = try fixture.cached()
        #expect(!afterRemove.stats.fromSnapshot)
        #expect(!Self.matches(afterRemove, "Pashinyan", "en").contains { $0.conceptID == "nikol-pashinyan" })

        // An import that changes only a term's status changes the stamp too.
        let stamp = try fixture.store.writeStamp()
        try fixture.store.import([Concept(id: "zzyzx", type: .place, terms: [
            Term(text: "Zzyzx Qwerty", language: LanguageTag(canonical: "en"), status: .deprecated),
        ])], mode: .replace)
        #expect(try fixture.store.writeStamp() != stamp)
        #expect(!(try fixture.cached().stats.fromSnapshot))

        // A dry run changes nothing, so the snapshot stays good.
        _ = try fixture.cached()
        let unchanged = try fixture.store.writeStamp()
        try fixture.store.import([Concept(id: "zzyzx-2", type: .place, terms: [
            Term(text: "Zzyzx Two", language: LanguageTag(canonical: "en")),
        ])], dryRun: true)
        #expect(try fixture.store.writeStamp() == unchanged)
        #expect(try fixture.cached().stats.fromSnapshot)
    }

    /// Ways a snapshot file can be unusable.
    enum Damage: String, CaseIterable, Sendable {
        case truncatedToHalf, truncatedToHeader, empty, garbage, flippedByte, otherKey, otherFormat
    }

    @Test(arguments: Damage.allCases)
    func damagedSnapshotIsIgnoredAndReplaced(_ damage: Damage) throws {
        let fixture = try Fixture()
        let built = try fixture.cached()
        let url = try fixture.snapshotURL
        var bytes = Array(try Data(contentsOf: url))
        switch damage {
        case .truncatedToHalf: bytes.removeLast(bytes.count / 2)
        case .truncatedToHeader: bytes.removeLast(bytes.count - 40)
        case .empty: bytes = []
        case .garbage:
            var random = SplitMix(seed: 5)
            bytes = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case .flippedByte: bytes[bytes.count * 2 / 3] ^= 0x20
        case .otherKey:
            // The same snapshot under another store's write stamp.
            let text = String(decoding: bytes.prefix(600), as: UTF8.self)
            let stamp = try fixture.store.writeStamp()
            #expect(text.contains(stamp))
            let at = try #require(bytes.firstRange(of: Array(stamp.utf8)))
            bytes.replaceSubrange(at, with: Array(String(repeating: "0", count: stamp.utf8.count).utf8))
        case .otherFormat: bytes[7] = UInt8(ascii: "0")
        }
        try Data(bytes).write(to: url)

        let rebuilt = try fixture.cached()
        #expect(!rebuilt.stats.fromSnapshot)
        for (text, language) in Self.spellings {
            #expect(Self.matches(rebuilt, text, language) == Self.matches(built, text, language))
        }
        // Written again, whole.
        #expect(try fixture.cached().stats.fromSnapshot)
    }

    @Test func unwritableDirectoryOnlyCostsTheBuild() throws {
        let fixture = try Fixture()
        // A directory under a regular file cannot be created, even by root.
        let file = try Fixture.temporaryDirectory().appendingPathComponent("file")
        try Data("not a directory".utf8).write(to: file)
        let snapshots = MatcherSnapshots(directory: file.appendingPathComponent("cache"))
        let first = try EntityMatcher.cached(store: fixture.store, snapshots: snapshots)
        let second = try EntityMatcher.cached(store: fixture.store, snapshots: snapshots)
        #expect(!first.stats.fromSnapshot && !second.stats.fromSnapshot)
        #expect(Self.matches(second, "Pachinian", "fr").first?.conceptID == "nikol-pashinyan")
        // No directory at all: never a snapshot.
        let none = try EntityMatcher.cached(store: fixture.store, snapshots: MatcherSnapshots(directory: nil))
        #expect(!none.stats.fromSnapshot)
    }

    @Test func snapshotsOfRemovedStoresAreRemoved() throws {
        let fixture = try Fixture()
        _ = try fixture.cached()
        let directory = try #require(fixture.snapshots.directory)
        // A snapshot written for a store that has since been deleted, and a stray file of another format.
        let gone = try fixture.snapshotURL.deletingLastPathComponent().appendingPathComponent("matcher-gone.bin")
        var bytes = Array(try Data(contentsOf: try fixture.snapshotURL))
        let path = Array(fixture.store.path.utf8)
        let at = try #require(bytes.firstRange(of: path))
        bytes.replaceSubrange(at, with: Array(String(repeating: "x", count: path.count).utf8))
        try Data(bytes).write(to: gone)
        try Data("junk".utf8).write(to: directory.appendingPathComponent("matcher-junk.bin"))
        // Another store's first build writes its snapshot and clears those.
        let other = try GlossaryStore.open(path: directory.deletingLastPathComponent()
            .appendingPathComponent("other.sqlite").path)
        _ = try EntityMatcher.cached(store: other, snapshots: fixture.snapshots)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count == 2 && !names.contains("matcher-gone.bin") && !names.contains("matcher-junk.bin"))
    }
}
