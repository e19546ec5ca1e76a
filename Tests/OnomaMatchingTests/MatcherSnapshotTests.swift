import Foundation
import OnomaGlossary
@testable import OnomaMatching
import OnomaStore
import OnomaText
import Synchronization
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
            try TemporaryFiles.directory("snapshot")
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

        // The batch job's short path, in English and in French (a language listed after hundreds of others in the
        // CLDR concepts), on every third query.
        differences = 0
        let normalizer = NameNormalizer()
        for (n, (text, language)) in queries.enumerated() where n % 3 == 0 {
            guard let name = try? normalizer.normalize(text, language: language) else { continue }
            for target in ["en", "fr"].map(LanguageTag.init(canonical:)) {
                let tag = language.map { LanguageTag(canonical: $0) }
                let got = loaded.bestMatch(name: name, language: tag, target: target)
                let expected = built.bestMatch(name: name, language: tag, target: target)
                if got?.conceptID != expected?.conceptID || got?.canonical != expected?.canonical
                    || got?.method != expected?.method || got?.score != expected?.score
                {
                    differences += 1
                    if differences <= 5 {
                        let query = "\(language ?? "-") \"\(text)\" in \(target)"
                        let answers = "loaded \(String(describing: got)), built \(String(describing: expected))"
                        Issue.record("\(query): \(answers)")
                    }
                }
            }
        }
        #expect(differences == 0)
        for concept in fixture.concepts {
            #expect(loaded.concept(id: concept.id) == built.concept(id: concept.id))
        }
    }

    /// A loaded matcher finds a concept's canonical form in the snapshot's words, decoding no concept; the same
    /// form as the concept decoded, in every language of the concepts and in one none has.
    @Test func canonicalTermsFromTheWordsAreTheConceptsOwn() throws {
        let fixture = try Fixture()
        _ = try fixture.cached()
        let loaded = try fixture.cached()
        #expect(loaded.stats.fromSnapshot)
        let concepts = loaded.concepts
        // The concepts in the matcher's order: the store's.
        let stored = try fixture.store.contents().concepts
        #expect(concepts.ids == stored.map(\.id))
        // Every seventh language of the terms (a debug build takes a while over them all), regional variants among
        // them, English, French and one no term has.
        let all = Set(stored.flatMap { $0.terms.map(\.language) }).sorted()
        #expect(all.count > 100)
        var languages = stride(from: 0, to: all.count, by: 7).map { all[$0] }
        languages += ["en", "fr", "tlh"].map(LanguageTag.init(canonical:))
        #expect(languages.contains { $0.description.contains("-") })
        var differences = 0
        // Every language before any concept is decoded: all but the first are found in the words at each call.
        for language in languages {
            for number in concepts.indices {
                let expected = stored[number].canonicalTerm(in: language)
                if concepts.canonicalTerm(number, in: language) != expected {
                    differences += 1
                    if differences <= 5 { Issue.record("\(concepts.ids[number]) in \(language)") }
                }
            }
        }
        #expect(differences == 0)
        // The same once decoded.
        for number in concepts.indices {
            #expect(concepts.concept(number) == stored[number])
            #expect(concepts.canonicalTerm(number, in: languages[1]) == stored[number].canonicalTerm(in: languages[1]))
        }
    }

    /// The same on random concepts, whose terms' statuses and kinds decide their canonical forms more often than
    /// the shipped glossaries' do (where the first term of a language is nearly always its preferred full name).
    @Test func canonicalTermsFromTheWordsOnRandomConcepts() throws {
        let tags = ["en", "en-GB", "fr", "fr-CA", "fr-FR", "de", "hy", "hy-Latn", "ru", "az-Cyrl", "az"]
            .map(LanguageTag.init(canonical:))
        var generator = SplitMix(seed: 11)
        let concepts = (0..<400).map { n in
            Concept(id: "c\(n)", type: .place, terms: (0..<Int.random(in: 1...9, using: &generator)).map { i in
                Term(text: "c\(n) t\(i)", language: tags.randomElement(using: &generator)!,
                     status: TermStatus.allCases.randomElement(using: &generator)!,
                     kind: TermKind.allCases.randomElement(using: &generator)!)
            })
        }
        let directory = try Fixture.temporaryDirectory()
        let store = try GlossaryStore.open(path: directory.appendingPathComponent("store.sqlite").path)
        try store.import(concepts)
        let snapshots = MatcherSnapshots(directory: directory.appendingPathComponent("cache"))
        _ = try EntityMatcher.cached(store: store, snapshots: snapshots)
        let loaded = try EntityMatcher.cached(store: store, snapshots: snapshots)
        #expect(loaded.stats.fromSnapshot)
        let stored = try store.contents().concepts
        #expect(loaded.concepts.ids == stored.map(\.id))
        for language in tags + [LanguageTag(canonical: "tlh")] {
            for number in stored.indices {
                let expected = stored[number].canonicalTerm(in: language)
                #expect(loaded.concepts.canonicalTerm(number, in: language) == expected,
                        "\(stored[number].terms) in \(language)")
            }
        }
    }

    /// Eight threads that ask a loaded matcher for its concepts at once, each decoding some that others decode at
    /// the same moment, all get the concepts the store holds.
    @Test func concurrentFirstUsesGiveTheSameConcepts() throws {
        let fixture = try Fixture()
        _ = try fixture.cached()
        let expected = try fixture.store.contents().concepts
        let english = LanguageTag(canonical: "en")
        /// What the threads share.
        final class Race: Sendable {
            /// The threads started.
            let started = Atomic(0)
            /// The answers that differed from the store's.
            let mismatches = Atomic(0)
        }
        for round in 1...3 {
            let loaded = try fixture.cached()
            #expect(loaded.stats.fromSnapshot)
            let concepts = loaded.concepts
            let count = concepts.count
            #expect(count == expected.count)
            let race = Race(), group = DispatchGroup()
            for thread in 0..<8 {
                group.enter()
                Thread {
                    // All threads start together, each from its own place in the same order, so that neighbours
                    // meet on the concepts they decode.
                    race.started.add(1, ordering: .relaxed)
                    while race.started.load(ordering: .relaxed) < 8 { sched_yield() }
                    var wrong = 0
                    for step in 0..<count {
                        let number = (step + thread * round) % count
                        if thread % 2 == 0,
                           concepts.canonicalTerm(number, in: english) != expected[number].canonicalTerm(in: english)
                        {
                            wrong += 1
                        }
                        if concepts.concept(number) != expected[number] || concepts[number].id != expected[number].id {
                            wrong += 1
                        }
                    }
                    race.mismatches.add(wrong, ordering: .relaxed)
                    group.leave()
                }.start()
            }
            group.wait()
            #expect(race.mismatches.load(ordering: .relaxed) == 0)
            for number in 0..<count {
                #expect(concepts.canonicalTerm(number, in: english) == expected[number].canonicalTerm(in: english))
            }
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

    /// Numbers in a snapshot's concept words and entries that a concept decoded later would trip on: each is
    /// rejected at load, though the file's checksum matches.
    enum WordDamage: String, CaseIterable, Sendable {
        /// A term's text names a string past the table's end.
        case termTextString
        /// A concept's note names a string past the table's end.
        case noteString
        /// A language tag names a string past the table's end.
        case tagString
        /// A term names a language tag past the tags' end.
        case termTag
        /// A term's status is no status.
        case termStatus
        /// An entry names a term past its concept's terms.
        case entryTerm
        /// Nothing changed, the checksum computed again: the snapshot loads (so the others fail for their change).
        case none
    }

    @Test(arguments: WordDamage.allCases)
    func damagedWordsAreRejectedAtLoad(_ damage: WordDamage) throws {
        let fixture = try Fixture()
        _ = try fixture.cached()
        let url = try fixture.snapshotURL
        let key = MatcherSnapshot.key(stamp: try fixture.store.writeStamp(), rules: .shared)
        #expect(MatcherSnapshot.read(url, key: key) != nil)
        var file = try SnapshotFile(Array(try Data(contentsOf: url)))
        let stringCount = UInt32(file.section(1).count / 4)
        // The words: the tags (count, string numbers), the concepts (count, then each: id, type, domain, note,
        // sources with their count, external ids with theirs, terms with theirs, four words each).
        let words = file.section(2).lowerBound
        let tagCount = file.u32(at: words)
        let concept = words + 4 * (Int(tagCount) + 2)
        let sources = concept + 16
        let ids = sources + 4 * (1 + Int(file.u32(at: sources)))
        let terms = ids + 4 * (1 + 2 * Int(file.u32(at: ids)))
        #expect(file.u32(at: terms) > 0)
        let firstTerm = terms + 4
        switch damage {
        case .termTextString: file.setU32(stringCount, at: firstTerm)
        case .noteString: file.setU32(stringCount + 7, at: concept + 12)
        case .tagString: file.setU32(stringCount, at: words + 4)
        case .termTag: file.setU32(tagCount, at: firstTerm + 4)
        case .termStatus: file.setU32(UInt32(TermStatus.allCases.count), at: firstTerm + 8)
        case .entryTerm:
            // Entry 0's concept, and a term number past that concept's terms (entries are three words).
            let entries = file.section(5).lowerBound
            file.setU32(UInt32(Int32.max), at: entries + 4)
        case .none: break
        }
        file.updateChecksum()
        try Data(file.bytes).write(to: url)
        #expect((MatcherSnapshot.read(url, key: key) != nil) == (damage == .none))
        #expect(try fixture.cached().stats.fromSnapshot == (damage == .none))
    }

    /// A snapshot file's bytes, read as ``MatcherSnapshot`` lays them out.
    struct SnapshotFile {
        var bytes: [UInt8]
        /// Where the payload's length and checksum are.
        let lengthAt: Int
        /// Each section's bytes.
        private(set) var sections: [Range<Int>] = []

        init(_ bytes: [UInt8], sectionCount: Int = MatcherSnapshot.sectionCount) throws {
            self.bytes = bytes
            let headerLength = Int(bytes[8..<12].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
            lengthAt = (12 + headerLength + 7) & ~7
            var offset = lengthAt + 16
            while offset < bytes.count {
                let count = Int(bytes[offset..<(offset + 8)].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                sections.append((offset + 8)..<(offset + 8 + count))
                offset = (offset + 8 + count + 7) & ~7
            }
            try #require(sections.count == sectionCount)
        }

        func section(_ number: Int) -> Range<Int> { sections[number] }

        func u32(at offset: Int) -> UInt32 {
            bytes[offset..<(offset + 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        }

        mutating func setU32(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 4), with: $0) }
        }

        /// The payload's checksum computed again, so that only the checks of the numbers can reject the file.
        mutating func updateChecksum() {
            let sum = bytes[(lengthAt + 16)...].withUnsafeBytes { MatcherSnapshot.checksum($0) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange((lengthAt + 8)..<(lengthAt + 16), with: $0) }
        }
    }

    /// The fuzzy step's index, built by a matcher with a snapshot on its first fuzzy query, is saved beside the
    /// snapshot; the next matcher reads it there instead of building it: the same index, the same answers.
    @Test func fuzzyIndexIsSavedAndReadBack() throws {
        let fixture = try Fixture()
        let first = try fixture.cached()
        let file = try #require(first.fuzzyFile)
        #expect(!FileManager.default.fileExists(atPath: file.url.path))
        let expected = Self.spellings.map { Self.matches(first, $0.text, $0.language) }
        #expect(expected.contains { $0.contains { $0.method == .fuzzy } })
        #expect(!first.fuzzyIndexStorage().loaded)
        #expect(FileManager.default.fileExists(atPath: file.url.path))

        let second = try fixture.cached()
        #expect(second.stats.fromSnapshot && second.fuzzyFile?.url == file.url)
        #expect(second.fuzzyIndexStorage().loaded)
        #expect(second.fuzzyIndexValue() == first.fuzzyIndexValue())
        #expect(Self.spellings.map { Self.matches(second, $0.text, $0.language) } == expected)
        // A matcher without snapshots has no file.
        #expect(try EntityMatcher(store: fixture.store).fuzzyFile == nil)
    }

    /// Ways a fuzzy-index file can be unusable: damaged bytes, a number outside the array it indexes (the checksum
    /// made good again, so that only the load's checks can reject it), another key.
    enum FuzzyDamage: String, CaseIterable, Sendable {
        case flippedByte, truncated, pairPastThePairs, entryPastTheEntries, gramTwice, bucketPastTheSignature, otherKey
        /// Nothing changed, the checksum computed again: the file loads (so the others fail for their change).
        case none
    }

    @Test(arguments: FuzzyDamage.allCases)
    func damagedFuzzyIndexIsBuiltAgain(_ damage: FuzzyDamage) throws {
        let fixture = try Fixture()
        let first = try fixture.cached()
        first.prepareFuzzyIndex()
        let file = try #require(first.fuzzyFile)
        var bytes = Array(try Data(contentsOf: file.url))
        var sections = try SnapshotFile(bytes, sectionCount: MatcherSnapshot.fuzzySectionCount)
        switch damage {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x20
        case .truncated: bytes.removeLast(100)
        case .pairPastThePairs:
            // The first trigram's first pair (section 10, the trigram lists' pairs).
            let pairs = UInt32(first.transcriptionIndex.pairKeys.count)
            sections.setU32(pairs, at: sections.section(10).lowerBound)
        case .entryPastTheEntries:
            sections.setU32(UInt32(first.stats.terms), at: sections.section(6).lowerBound)
        case .gramTwice:
            let grams = sections.section(7).lowerBound
            sections.setU32(sections.u32(at: grams), at: grams + 4)
        case .bucketPastTheSignature: sections.bytes[sections.section(15).lowerBound] = 16
        case .otherKey:
            var other = file
            other.key += " (another build)"
            MatcherSnapshot.writeFuzzy(first.fuzzyIndexValue(), to: other)
        case .none: break
        }
        switch damage {
        case .flippedByte, .truncated: try Data(bytes).write(to: file.url)
        case .otherKey: break
        default:
            sections.updateChecksum()
            try Data(sections.bytes).write(to: file.url)
        }
        let second = try fixture.cached()
        #expect(second.fuzzyIndexStorage().loaded == (damage == .none))
        #expect(second.fuzzyIndexValue() == first.fuzzyIndexValue())
        // Built again and saved: the next matcher reads it.
        #expect(try fixture.cached().fuzzyIndexStorage().loaded)
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
