public import Foundation
import OnomaGlossary
public import OnomaStore
public import OnomaText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where matchers keep snapshots of their built indexes, so that a process over an unchanged store starts without
/// reading the store's terms or building anything.
///
/// ```swift
/// let matcher = try EntityMatcher.cached(store: store)                  // in $XDG_CACHE_HOME/onoma
/// let inTests = try EntityMatcher.cached(store: store, snapshots: MatcherSnapshots(directory: temporary))
/// ```
///
/// A snapshot is one file per store and executable (`matcher-<hash of their paths>.bin`, so that two builds of Onoma
/// used in turn on one store do not replace each other's) holding everything the matcher builds from the store, the
/// transcription step's index included, in flat arrays mapped from the file and copied into place. It is used only
/// when its key is the current one: the store's write stamp
/// (``OnomaStore/GlossaryStore/writeStamp()``, new with every write), the key format, the transcription tables'
/// text and key version, the ICU version, the snapshot format and the running executable's size and modification
/// time (so a rebuilt Onoma whose matcher lays out its state differently never reads an older build's snapshot). A
/// file that is missing, truncated, damaged (a checksum covers it all), foreign or stale is ignored and replaced; a
/// directory that cannot be written leaves the matcher built from the store each time.
public struct MatcherSnapshots: Sendable {
    /// The directory, or nil for none (every matcher is built from its store).
    public var directory: URL?

    /// Snapshots in `directory` (nil: none).
    public init(directory: URL?) {
        self.directory = directory
    }

    /// The user's cache directory for Onoma, where the default store lives: `$XDG_CACHE_HOME/onoma`, else
    /// `~/.cache/onoma`; none when the environment variable `ONOMA_NO_SNAPSHOTS` is set (to anything), for a
    /// machine whose cache must stay small (a snapshot takes 170–200 bytes per term: 20 MB for the default store,
    /// and the fuzzy step's index saved beside it, once a name has reached that step, 10.7 MB more).
    public static var `default`: MatcherSnapshots {
        if ProcessInfo.processInfo.environment["ONOMA_NO_SNAPSHOTS"] != nil { return MatcherSnapshots(directory: nil) }
        return MatcherSnapshots(directory: DefaultStore.cacheDirectory())
    }

    /// The snapshot file of the store at `path` for the running executable.
    func url(forStoreAt path: String) -> URL? {
        var hasher = FNV1a()
        hasher.add(path + "\u{0}" + MatcherSnapshot.executable.path)
        return directory?.appendingPathComponent("matcher-\(String(hasher.value, radix: 16)).bin")
    }
}

extension EntityMatcher {
    /// A matcher over every term of `store`: loaded from its snapshot when the store has not changed since the
    /// snapshot was written, else built from the store (as ``init(store:normalizer:rules:)``) and saved as the
    /// new snapshot.
    ///
    /// The same look-ups either way, match for match. On the default store (117,691 terms) the load takes a tenth of
    /// the build. A saved matcher has its transcription index built (`prepareTranscriptionIndex()`), so the first
    /// build after a change of the store pays for it once.
    ///
    /// ```swift
    /// let matcher = try EntityMatcher.cached(store: try GlossaryStore.openDefault())
    /// matcher.stats.fromSnapshot   // true from the second run on
    /// ```
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - snapshots: where snapshots are kept.
    /// - Throws: what reading the store or validating `rules` throws; never a snapshot's problem.
    public static func cached(store: GlossaryStore, snapshots: MatcherSnapshots = .default,
                              normalizer: NameNormalizer = NameNormalizer(),
                              rules: TranscriptionRules = .shared) throws -> EntityMatcher {
        let start = Date()
        guard let url = snapshots.url(forStoreAt: store.path) else {
            return try EntityMatcher(store: store, normalizer: normalizer, rules: rules)
        }
        let stamp = try store.writeStamp()
        let key = MatcherSnapshot.key(stamp: stamp, rules: rules)
        if let state = MatcherSnapshot.read(url, key: key) {
            // No `rules.validate()`: the key holds the tables' text and the ICU version, and the snapshot was
            // written by a matcher that validated those tables with that ICU.
            let matcher = EntityMatcher(state: state.matcher, transcription: .built(state.transcription),
                                        normalizer: normalizer, rules: rules, start: start, fromSnapshot: true,
                                        fuzzyFile: MatcherSnapshot.fuzzyFile(snapshot: url, storePath: store.path,
                                                                             key: key))
            return matcher
        }
        // The stamp read with the terms, in their transaction: a write since the one above must not be saved
        // under the older stamp.
        let contents = try store.contents()
        let builtKey = MatcherSnapshot.key(stamp: contents.writeStamp, rules: rules)
        let matcher = try EntityMatcher(concepts: contents.concepts, indexedTerms: contents.terms,
                                        normalizer: normalizer, rules: rules, start: start,
                                        fuzzyFile: MatcherSnapshot.fuzzyFile(snapshot: url, storePath: store.path,
                                                                             key: builtKey))
        matcher.prepareTranscriptionIndex()
        MatcherSnapshot.write(matcher, to: url, storePath: store.path, key: builtKey)
        return matcher
    }
}

/// The snapshot file's format: how a matcher's state is saved and read back.
///
/// Layout (little-endian): the magic `ONOMAMS1`; the length of the header text (32 bits), then the text
/// (`store PATH`, `executable PATH`, `key KEY`, one per line); zeros to a multiple of 8; the payload's length and
/// checksum (``checksum(_:)``, 64 bits each); the payload: sections one after the other, each its byte count (64
/// bits), its bytes and zeros to a multiple of 8. Strings are numbers into one string table (the UTF-8 bytes of all
/// of them and where each ends).
///
/// The concepts' section is 32-bit words (``WordReader``): the terms' language tags (their count, then each tag's
/// string); the concepts (their count, then per concept its id, type, domain and note (`UInt32.max` for none), its
/// sources (count, then each), its external ids (count, then each scheme and id) and its terms (count, then four
/// words per term: its text, its tag's number among the tags, its status and kind numbers (`status | kind << 8`) and
/// its source or `UInt32.max`)); the extra terms (count, then four words each); the language numbers (count, then
/// each name and number). A load checks every number of these words but decodes only the tags, the concepts' ids and
/// types and the extra terms: a concept is decoded on its first use (``ConceptTable``).
enum MatcherSnapshot {
    /// The version of the layout and of what the matcher builds: a new value for any change to either.
    static let formatVersion = 5

    static let magic = Array("ONOMAMS1".utf8)

    /// Term statuses and kinds by their number in a snapshot (`allCases` makes a new array at each call).
    static let statuses = TermStatus.allCases
    static let kinds = TermKind.allCases

    /// What a snapshot holds: the matcher's state and its transcription index.
    struct Loaded {
        var matcher: EntityMatcher.State
        var transcription: EntityMatcher.TranscriptionIndex
    }

    /// The key a snapshot must carry to be used with a store whose write stamp is `stamp` and with `rules`.
    static func key(stamp: String, rules: TranscriptionRules) -> String {
        var hasher = FNV1a()
        hasher.add(rules.fingerprintSource)
        return "format \(formatVersion); store \(stamp); keys \(NameNormalizer.keyFormatVersion); "
            + "transcription \(TranscriptionRules.keyVersion) \(String(hasher.value, radix: 16)); icu \(ICU.version); "
            + "executable \(executable.identity); \(1.littleEndian == 1 ? "le" : "be")"
    }

    /// The running executable's path (symbolic links resolved), and its size and modification time to the
    /// nanosecond ("unknown" when they cannot be read).
    static let executable: (path: String, identity: String) = {
        #if os(Linux)
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        #else
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
        var info = stat()
        guard stat(path, &info) == 0 else { return (path, "unknown") }
        #if os(Linux)
        let time = info.st_mtim
        #else
        let time = info.st_mtimespec
        #endif
        return (path, "\(info.st_size) \(time.tv_sec).\(time.tv_nsec)")
    }()

    /// What a snapshot's header says: the store and executable it was written for, and its key.
    struct Header {
        var store: String
        var executable: String
        var key: String
    }

    // MARK: - Reading

    /// The state saved in `url` under `key`, or nil when the file is missing, unreadable, damaged or has another
    /// key.
    static func read(_ url: URL, key: String) -> Loaded? {
        withPayload(url, key: key) { reader in decode(&reader) }
    }

    /// `body` on a reader at the payload of the file `url` (mapped, not read), or nil when the file is missing,
    /// unreadable, has another key or a payload whose length or checksum is not the header's.
    static func withPayload<T>(_ url: URL, key: String, _ body: (inout Reader) -> T?) -> T? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> T? in
            var reader = Reader(raw)
            guard let header = reader.header(), header.key == key,
                  let length = reader.u64(), let sum = reader.u64(), length == UInt64(reader.remaining),
                  checksum(UnsafeRawBufferPointer(rebasing: raw[reader.offset...])) == sum
            else { return nil }
            return body(&reader)
        }
    }

    /// The header of the snapshot in `url`, reading only that.
    static func header(of url: URL) -> Header? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: 12), start.count == 12 else { return nil }
        let length = start.withUnsafeBytes { raw in
            Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        }
        guard length <= 1 << 16, let text = try? handle.read(upToCount: length), text.count == length
        else { return nil }
        var bytes = Data(start)
        bytes.append(text)
        return bytes.withUnsafeBytes { raw in
            var reader = Reader(raw)
            return reader.header()
        }
    }

    /// The number of sections in a payload: six of strings, concepts and entries, then three key indexes of four
    /// sections each, four arrays and two key indexes of the transcription index.
    static let sectionCount = 6 + 3 * 4 + 4 + 2 * 4

    /// The state from the payload, every number checked against the arrays it indexes (so that a snapshot this
    /// build wrote wrong fails here rather than in a look-up); nil when anything does not hold.
    private static func decode(_ reader: inout Reader) -> Loaded? {
        guard let sections = reader.sections(sectionCount) else { return nil }
        // Read in order on one core: on two, the halves (then 12 and 20 ms for the default store) took as long in all,
        // their page faults contending for the process's memory map.
        let concepts = decodeConcepts(sections[0..<6], reader)
        let indexes = decodeIndexes(sections[6...], reader)
        guard let concepts, let indexes else { return nil }
        let entries = concepts.entries.count
        // What the halves cannot check alone: the indexes' entries are entries.
        guard indexes.entryPairStarts.count == entries + 1,
              [indexes.byNormalized, indexes.byKey, indexes.byLatinKey, indexes.byTranscription]
                  .allSatisfy({ $0.entryBound <= entries })
        else { return nil }
        let state = EntityMatcher.State(concepts: concepts.concepts, generated: concepts.generated,
                                        identities: concepts.identities, entries: concepts.entries,
                                        extraTerms: concepts.extraTerms, languageNumbers: concepts.languageNumbers,
                                        byNormalized: indexes.byNormalized.index, byKey: indexes.byKey.index,
                                        byLatinKey: indexes.byLatinKey.index)
        let transcription = EntityMatcher.TranscriptionIndex(
            entryPairStarts: indexes.entryPairStarts, entryPairs: indexes.entryPairs, pairKeys: indexes.pairKeys,
            pairSkeletons: indexes.pairSkeletons, skeletonNames: indexes.skeletonNames.index,
            byTranscription: indexes.byTranscription.index)
        return Loaded(matcher: state, transcription: transcription)
    }

    /// The first half of a snapshot: the concepts and the entries.
    struct Concepts {
        var concepts: ConceptTable
        var generated: [Bool]
        var identities: [Int32]
        var entries: [EntityMatcher.Entry]
        var extraTerms: [Term]
        var languageNumbers: [String: UInt16]
    }

    /// The second half: the key indexes (each with the largest entry number it holds, plus one) and the
    /// transcription index's arrays.
    struct Indexes {
        var byNormalized: (index: KeyIndex, entryBound: Int)
        var byKey: (index: KeyIndex, entryBound: Int)
        var byLatinKey: (index: KeyIndex, entryBound: Int)
        var entryPairStarts: [UInt32]
        var entryPairs: [UInt32]
        var pairKeys: [UInt32]
        var pairSkeletons: [UInt32]
        var skeletonNames: (index: KeyIndex, entryBound: Int)
        var byTranscription: (index: KeyIndex, entryBound: Int)
    }

    private static func decodeConcepts(_ sections: ArraySlice<Range<Int>>, _ reader: Reader) -> Concepts? {
        var arrays = ArrayCursor(reader: reader, sections: sections)
        guard let stringBytes: [UInt8] = arrays.next(), let stringEnds: [UInt32] = arrays.next(),
              let words: [UInt32] = arrays.next(), let identities: [Int32] = arrays.next(),
              let generatedBytes: [UInt8] = arrays.next(),
              let strings = StringBytes(bytes: stringBytes, ends: stringEnds)
        else { return nil }

        // The terms' language tags, then the concepts: every number of their words checked, where each concept and
        // its terms start noted, only ids and types decoded (the rest when a concept is first used, ``ConceptTable``).
        var reading = WordReader(words: words, strings: strings, tags: [])
        guard let tagCount = reading.count() else { return nil }
        var tags: [LanguageTag] = []
        tags.reserveCapacity(tagCount)
        for _ in 0..<tagCount {
            guard let tag = reading.checkString() else { return nil }
            tags.append(LanguageTag(canonical: strings.string(tag)))
        }
        reading.tags = tags
        guard let conceptCount = reading.count() else { return nil }
        var starts: [UInt32] = [], termStarts: [UInt32] = [], termCounts: [UInt32] = []
        var ids: [String] = [], types: [ConceptType] = []
        starts.reserveCapacity(conceptCount)
        termStarts.reserveCapacity(conceptCount)
        termCounts.reserveCapacity(conceptCount)
        ids.reserveCapacity(conceptCount)
        types.reserveCapacity(conceptCount)
        for _ in 0..<conceptCount {
            starts.append(UInt32(reading.offset))
            guard let checked = reading.checkConcept() else { return nil }
            ids.append(strings.string(checked.id))
            types.append(ConceptType(rawValue: strings.string(checked.type)))
            termStarts.append(UInt32(checked.termStart))
            termCounts.append(UInt32(checked.terms))
        }
        // The extra terms and the language numbers, decoded (a few).
        guard let extraCount = reading.count() else { return nil }
        var extraTerms: [Term] = []
        for _ in 0..<extraCount {
            let start = reading.offset
            guard reading.checkTerm() else { return nil }
            reading.offset = start
            extraTerms.append(reading.term())
        }
        guard let languageCount = reading.count() else { return nil }
        var languageNumbers: [String: UInt16] = [:]
        for _ in 0..<languageCount {
            guard let name = reading.next(), Int(name) < strings.count, let number = reading.next(),
                  number < languageCount
            else { return nil }
            languageNumbers[strings.string(Int(name))] = UInt16(number)
        }
        guard reading.isAtEnd, languageNumbers.count == languageCount, identities.count == conceptCount,
              generatedBytes.count == conceptCount
        else { return nil }

        // The entries (the sixth section), three words each, read where they lie in the snapshot rather than copied
        // to an array of words first.
        let entryBytes = UnsafeRawBufferPointer(rebasing: reader.raw[sections[sections.startIndex + 5]])
        guard entryBytes.count % 12 == 0 else { return nil }
        var entriesValid = true
        let entries = [EntityMatcher.Entry](unsafeUninitializedCapacity: entryBytes.count / 12) { buffer, initialized in
            for i in 0..<buffer.count {
                func word(_ k: Int) -> UInt32 {
                    UInt32(littleEndian: entryBytes.loadUnaligned(fromByteOffset: 12 * i + 4 * k, as: UInt32.self))
                }
                let concept = Int32(bitPattern: word(0)), term = Int32(bitPattern: word(1)), rest = word(2)
                let language = UInt16(truncatingIfNeeded: rest)
                guard concept >= 0, Int(concept) < conceptCount, Int(language) < languageCount,
                      term >= 0 ? UInt32(term) < termCounts[Int(concept)] : Int(-1 - term) < extraTerms.count
                else {
                    entriesValid = false
                    return
                }
                buffer.initializeElement(at: i, to: EntityMatcher.Entry(
                    concept: concept, term: term, language: language, traits: UInt8(truncatingIfNeeded: rest >> 16)))
                initialized = i + 1
            }
        }
        guard entriesValid else { return nil }
        let conceptWords = ConceptWords(words: words, strings: strings, tags: tags, starts: starts,
                                        termStarts: termStarts, termCounts: termCounts)
        let concepts = ConceptTable(words: conceptWords, ids: ids, types: types)
        return Concepts(concepts: concepts, generated: generatedBytes.map { $0 != 0 }, identities: identities,
                        entries: entries, extraTerms: extraTerms, languageNumbers: languageNumbers)
    }

    private static func decodeIndexes(_ sections: ArraySlice<Range<Int>>, _ reader: Reader) -> Indexes? {
        var arrays = ArrayCursor(reader: reader, sections: sections)
        func keyIndex() -> (index: KeyIndex, entryBound: Int)? {
            guard let slots: [UInt64] = arrays.next(), let keyBytes: [UInt8] = arrays.next(),
                  let starts: [UInt32] = arrays.next(), let entries: [Int32] = arrays.next()
            else { return nil }
            return KeyIndex.checked(KeyIndex.Parts(slots: slots, keyBytes: keyBytes, starts: starts, entries: entries))
        }
        guard let byNormalized = keyIndex(), let byKey = keyIndex(), let byLatinKey = keyIndex(),
              let entryPairStarts: [UInt32] = arrays.next(), let entryPairs: [UInt32] = arrays.next(),
              let pairKeys: [UInt32] = arrays.next(), let pairSkeletons: [UInt32] = arrays.next(),
              let skeletonNames = keyIndex(), let byTranscription = keyIndex()
        else { return nil }
        guard isOffsets(entryPairStarts, end: entryPairs.count),
              entryPairs.allSatisfy({ Int($0) < pairKeys.count }), pairKeys.count == pairSkeletons.count,
              pairKeys.allSatisfy({ Int($0) < byTranscription.index.count }),
              pairSkeletons.allSatisfy({ Int($0) < skeletonNames.index.count })
        else { return nil }
        return Indexes(byNormalized: byNormalized, byKey: byKey, byLatinKey: byLatinKey,
                       entryPairStarts: entryPairStarts, entryPairs: entryPairs, pairKeys: pairKeys,
                       pairSkeletons: pairSkeletons, skeletonNames: skeletonNames, byTranscription: byTranscription)
    }

    // MARK: - Writing

    /// Saves `matcher`'s state (its transcription index built) in `url`, replacing the file atomically, then
    /// removes the snapshots of stores that no longer exist; failures are ignored (a snapshot is an optimization).
    static func write(_ matcher: EntityMatcher, to url: URL, storePath: String, key: String) {
        guard save(encode(matcher, storePath: storePath, key: key), to: url) else { return }
        removeOrphans(in: url.deletingLastPathComponent())
    }

    /// Writes `bytes` to `url` atomically, creating its directory; whether that worked.
    @discardableResult
    static func save(_ bytes: [UInt8], to url: URL) -> Bool {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
            return true
        } catch {
            return false
        }
    }

    /// A file's bytes around `payload`: the magic, the header text (`store`, `executable` and `key` lines), the
    /// payload's length and checksum.
    static func framed(_ payload: [UInt8], storePath: String, key: String) -> [UInt8] {
        var file = Writer()
        file.bytes = magic
        let header = Array("store \(storePath)\nexecutable \(executable.path)\nkey \(key)\n".utf8)
        file.u32(UInt32(header.count))
        file.bytes += header
        file.pad()
        file.u64(UInt64(payload.count))
        file.u64(payload.withUnsafeBytes(checksum))
        file.bytes += payload
        return file.bytes
    }

    /// The bytes of a snapshot of `matcher`.
    static func encode(_ matcher: EntityMatcher, storePath: String, key: String) -> [UInt8] {
        var strings = StringTable()
        var words: [UInt32] = []
        // The terms' language tags, numbered as first met: a few hundred, written before the concepts that use them.
        var tagNumbers: [String: UInt32] = [:]
        var tags: [UInt32] = []
        func string(_ text: String) { words.append(strings.number(text)) }
        func optional(_ text: String?) { words.append(text.map { strings.number($0) } ?? UInt32.max) }
        func term(_ term: Term) {
            string(term.text)
            let tag = term.language.description
            if let number = tagNumbers[tag] {
                words.append(number)
            } else {
                tagNumbers[tag] = UInt32(tags.count)
                words.append(UInt32(tags.count))
                tags.append(strings.number(tag))
            }
            words.append(UInt32(statuses.firstIndex(of: term.status) ?? 0)
                         | UInt32(kinds.firstIndex(of: term.kind) ?? 0) << 8)
            optional(term.source)
        }
        words.append(UInt32(matcher.concepts.count))
        for concept in matcher.concepts.lazy.map(\.concept) {
            string(concept.id)
            string(concept.type.rawValue)
            optional(concept.domain)
            optional(concept.note)
            words.append(UInt32(concept.sources.count))
            concept.sources.forEach(string)
            words.append(UInt32(concept.externalIDs.count))
            for (scheme, id) in concept.externalIDs.sorted(by: { $0.key < $1.key }) {
                string(scheme)
                string(id)
            }
            words.append(UInt32(concept.terms.count))
            concept.terms.forEach(term)
        }
        words.append(UInt32(matcher.extraTerms.count))
        matcher.extraTerms.forEach(term)
        words.append(UInt32(matcher.languageNumbers.count))
        for (name, number) in matcher.languageNumbers.sorted(by: { $0.value < $1.value }) {
            string(name)
            words.append(UInt32(number))
        }
        words = [UInt32(tags.count)] + tags + words
        var entryWords: [UInt32] = []
        entryWords.reserveCapacity(matcher.entries.count * 3)
        for entry in matcher.entries {
            entryWords.append(UInt32(bitPattern: entry.concept))
            entryWords.append(UInt32(bitPattern: entry.term))
            entryWords.append(UInt32(entry.language) | UInt32(entry.traits) << 16)
        }

        var payload = Writer()
        let table = strings.finish()
        payload.array(table.bytes)
        payload.array(table.ends)
        payload.array(words)
        payload.array(matcher.identities)
        payload.array(matcher.generated.map { $0 ? UInt8(1) : 0 })
        payload.array(entryWords)
        payload.keyIndex(matcher.byNormalized)
        payload.keyIndex(matcher.byKey)
        payload.keyIndex(matcher.byLatinKey)
        let transcription = matcher.transcriptionIndex
        payload.array(transcription.entryPairStarts)
        payload.array(transcription.entryPairs)
        payload.array(transcription.pairKeys)
        payload.array(transcription.pairSkeletons)
        payload.keyIndex(transcription.skeletonNames)
        payload.keyIndex(transcription.byTranscription)

        return framed(payload.bytes, storePath: storePath, key: key)
    }

    /// Removes the snapshots in `directory` whose store or executable is gone (temporary stores, default stores
    /// rebuilt from changed glossaries and removed, builds deleted), or of another format, so that they do not pile
    /// up.
    static func removeOrphans(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix("matcher-") && name.hasSuffix(".bin") {
            let url = directory.appendingPathComponent(name)
            // A file without a readable header is no snapshot of this format (files are replaced whole, never
            // seen half-written).
            if let header = header(of: url), FileManager.default.fileExists(atPath: header.store),
               FileManager.default.fileExists(atPath: header.executable)
            {
                continue
            }
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// A 64-bit hash of `bytes`, four 8-byte words at a time in four independent lanes (multiply-fold mixing, as
    /// ``KeyIndex/hash(_:)``): a damaged snapshot's check, at memory speed.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        var i = 0
        while i + 32 <= bytes.count {
            lanes.0 = mix(lanes.0 ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self), k)
            lanes.1 = mix(lanes.1 ^ bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self), k)
            lanes.2 = mix(lanes.2 ^ bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self), k)
            lanes.3 = mix(lanes.3 ^ bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self), k)
            i += 32
        }
        var h = mix(lanes.0 ^ UInt64(bytes.count), lanes.1 ^ k) ^ mix(lanes.2, lanes.3 ^ k)
        while i < bytes.count {
            h = mix(h ^ UInt64(bytes[i]), k)
            i += 1
        }
        return h
    }
}

// MARK: - Reading and writing sections

extension MatcherSnapshot {
    /// Appends sections to a byte array.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func u32(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }

        mutating func u64(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }

        /// Zeros up to a multiple of 8 bytes.
        mutating func pad() {
            while bytes.count % 8 != 0 { bytes.append(0) }
        }

        /// A section: the byte count of `values`, their bytes, zeros to a multiple of 8.
        mutating func array<T: FixedWidthInteger>(_ values: [T]) {
            u64(UInt64(values.count * MemoryLayout<T>.stride))
            values.withUnsafeBytes { bytes += $0 }
            pad()
        }

        mutating func keyIndex(_ index: KeyIndex) {
            let parts = index.compacted().parts
            array(parts.slots)
            array(parts.keyBytes)
            array(parts.starts)
            array(parts.entries)
        }
    }

    /// Reads sections from bytes, failing (nil) rather than reading past their end.
    struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        init(_ raw: UnsafeRawBufferPointer) {
            self.raw = raw
        }

        var remaining: Int { raw.count - offset }

        mutating func u32() -> UInt32? {
            guard remaining >= 4 else { return nil }
            defer { offset += 4 }
            return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }

        mutating func u64() -> UInt64? {
            guard remaining >= 8 else { return nil }
            defer { offset += 8 }
            return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        /// The magic and the header text: the store's and executable's paths and the key.
        mutating func header() -> Header? {
            guard remaining >= 12, raw.prefix(8).elementsEqual(MatcherSnapshot.magic) else { return nil }
            offset = 8
            guard let length = u32(), remaining >= Int(length) else { return nil }
            let text = String(decoding: raw[offset..<(offset + Int(length))], as: UTF8.self)
            offset = (offset + Int(length) + 7) & ~7
            var store: String?, executable: String?, key: String?
            for line in text.split(separator: "\n") {
                if line.hasPrefix("store ") { store = String(line.dropFirst(6)) }
                if line.hasPrefix("executable ") { executable = String(line.dropFirst(11)) }
                if line.hasPrefix("key ") { key = String(line.dropFirst(4)) }
            }
            guard let store, let executable, let key else { return nil }
            return Header(store: store, executable: executable, key: key)
        }

        /// Where the bytes of the next `count` sections are, which must end the payload; nil when they do not.
        mutating func sections(_ count: Int) -> [Range<Int>]? {
            var sections: [Range<Int>] = []
            for _ in 0..<count {
                guard let range = section() else { return nil }
                sections.append(range)
            }
            return remaining == 0 ? sections : nil
        }

        /// Where the bytes of the next section (written by ``Writer/array(_:)``) are, skipping them.
        mutating func section() -> Range<Int>? {
            guard let count = u64(), count <= UInt64(remaining) else { return nil }
            let range = offset..<(offset + Int(count))
            offset = min(raw.count, (range.upperBound + 7) & ~7)
            return range
        }

        /// The values in the bytes `range`.
        func array<T: FixedWidthInteger>(in range: Range<Int>, of type: T.Type = T.self) -> [T]? {
            guard range.count % MemoryLayout<T>.stride == 0 else { return nil }
            let count = range.count / MemoryLayout<T>.stride
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let destination = UnsafeMutableRawBufferPointer(buffer)
                Self.prefault(destination)
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[range]))
                initialized = count
            }
        }

        /// Maps the pages of `buffer`, new memory about to be written whole, in one system call rather than one page
        /// fault per page as the copy reaches them (Linux 5.14 and later, `MADV_POPULATE_WRITE`; elsewhere, or on an
        /// older kernel, which answers `EINVAL`, the copy faults them in).
        ///
        /// A load copies 20 MB out of the default store's snapshot into new arrays: their 5,000 page faults were
        /// most of its time (on our VMs, a fault costs 2–2.5 µs), and mapping them this way cut the load from 23 to
        /// 17 ms.
        static func prefault(_ buffer: UnsafeMutableRawBufferPointer) {
            #if os(Linux)
            // Small arrays mostly lie in pages the allocator holds mapped already.
            guard buffer.count >= 1 << 16, let base = buffer.baseAddress else { return }
            let start = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(pageSize - 1)
            guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(first, end - start, MADV_POPULATE_WRITE)
            #endif
        }

        /// The size of a memory page.
        static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))
    }

    /// The arrays of sections, read one after the other.
    struct ArrayCursor {
        let reader: Reader
        var sections: ArraySlice<Range<Int>>

        /// The values of the next section; nil when there is none or its bytes are not whole values.
        mutating func next<T: FixedWidthInteger>(_ type: T.Type = T.self) -> [T]? {
            guard let range = sections.popFirst() else { return nil }
            return reader.array(in: range)
        }
    }

    /// Whether `starts` are offsets into an array of `end` values: ascending from 0 to `end` (where item `i` starts
    /// and item `i + 1` ends).
    static func isOffsets(_ starts: [UInt32], end: Int) -> Bool {
        starts.first == 0 && starts.last.map(Int.init) == end && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// A snapshot's string table: the UTF-8 bytes of every string, and where each ends (checked: the ends ascend
    /// and the last is within the bytes, so every string number below ``count`` decodes).
    struct StringBytes: Sendable {
        /// The strings' bytes, one after the other.
        let bytes: [UInt8]
        /// Where each string ends in ``bytes`` (and the next starts).
        let ends: [UInt32]

        /// The table of `bytes` and `ends`; nil when an end is below the one before it or beyond the bytes.
        init?(bytes: [UInt8], ends: [UInt32]) {
            var previous: UInt32 = 0
            for end in ends {
                guard end >= previous else { return nil }
                previous = end
            }
            guard Int(previous) <= bytes.count else { return nil }
            self.bytes = bytes
            self.ends = ends
        }

        /// The number of strings.
        var count: Int { ends.count }

        /// String `number` (below ``count``).
        func string(_ number: Int) -> String {
            let start = number == 0 ? 0 : Int(ends[number - 1]), end = Int(ends[number])
            return bytes.withUnsafeBufferPointer { bytes in
                String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
        }
    }

    /// A snapshot's concepts as saved, every number of their words checked at load: what a loaded
    /// ``ConceptTable`` decodes each concept from on its first use, and finds canonical terms in without decoding
    /// the concept.
    struct ConceptWords: Sendable {
        /// The words of the language tags, concepts, extra terms and language numbers (``WordReader``).
        let words: [UInt32]
        /// The strings that words name by number.
        let strings: StringBytes
        /// The terms' language tags, by number.
        let tags: [LanguageTag]
        /// Where each concept's words start.
        let starts: [UInt32]
        /// Where each concept's first term starts (its terms follow, ``WordReader/termWords`` words each).
        let termStarts: [UInt32]
        /// Each concept's number of terms.
        let termCounts: [UInt32]

        /// The number of concepts.
        var count: Int { starts.count }

        /// Concept `number`, whose `id` and `type` are known.
        func concept(_ number: Int, id: String, type: ConceptType) -> Concept {
            var reading = WordReader(words: words, strings: strings, tags: tags)
            reading.offset = Int(starts[number])
            return reading.concept(id: id, type: type)
        }

        /// Concept `number`'s canonical form in `language`, by the rule of ``OnomaGlossary/Concept/canonicalTerm(in:)``
        /// (``OnomaGlossary/Concept/canonicalTermIndex(in:count:term:)``) over its terms' tags, statuses and kinds:
        /// only the term chosen is decoded.
        func canonicalTerm(_ number: Int, in language: LanguageTag) -> Term? {
            let first = Int(termStarts[number])
            let statuses = MatcherSnapshot.statuses, kinds = MatcherSnapshot.kinds
            let index = Concept.canonicalTermIndex(in: language, count: Int(termCounts[number])) { i in
                let term = first + WordReader.termWords * i
                let traits = words[term + 2]
                return (tags[Int(words[term + 1])], statuses[Int(traits & 0xFF)], kinds[Int(traits >> 8)])
            }
            guard let index else { return nil }
            var reading = WordReader(words: words, strings: strings, tags: tags)
            reading.offset = first + WordReader.termWords * index
            return reading.term()
        }
    }

    /// Reads the concepts' words: numbers, and strings by their number in the table.
    ///
    /// The layout is ``MatcherSnapshot/encode(_:storePath:key:)``'s. The `check…` methods read an item's numbers,
    /// checking each against what it counts or numbers (nil or false when one is out of range); the others decode an
    /// item that was checked, so they cannot fail (a word read past the end, or a number out of range, would trap).
    struct WordReader {
        /// The words.
        let words: [UInt32]
        /// The strings that words name by number.
        let strings: StringBytes
        /// The language tags that terms name by number (empty until they are read).
        var tags: [LanguageTag]
        /// The next word's place.
        var offset = 0

        /// The words of one term: its text, its language tag's number, its status and kind, its source.
        static let termWords = 4

        /// Whether every word was read.
        var isAtEnd: Bool { offset == words.count }

        /// The next word; nil past the end.
        mutating func next() -> UInt32? {
            guard offset < words.count else { return nil }
            defer { offset += 1 }
            return words[offset]
        }

        /// A count of items that take a word at least each, so never more than the words left.
        mutating func count() -> Int? {
            guard let value = next(), Int(value) <= words.count - offset else { return nil }
            return Int(value)
        }

        // MARK: Checking

        /// Reads a string's number: nil when it is out of range.
        mutating func checkString() -> Int? {
            guard let number = next(), Int(number) < strings.count else { return nil }
            return Int(number)
        }

        /// Reads an optional string's number (nil written as `UInt32.max`): false when it is out of range.
        mutating func checkOptional() -> Bool {
            guard let number = next() else { return false }
            return number == UInt32.max || Int(number) < strings.count
        }

        /// Reads a term's words: false when a number is out of range.
        mutating func checkTerm() -> Bool {
            guard checkString() != nil, let tag = next(), Int(tag) < tags.count, let traits = next(),
                  Int(traits & 0xFF) < statuses.count, Int(traits >> 8) < kinds.count
            else { return false }
            return checkOptional()
        }

        /// Reads a concept's words: its id's and type's string numbers, where its terms start and how many there
        /// are; nil when a number is out of range.
        mutating func checkConcept() -> (id: Int, type: Int, termStart: Int, terms: Int)? {
            guard let id = checkString(), let type = checkString(), checkOptional(), checkOptional(),
                  let sourceCount = count()
            else { return nil }
            for _ in 0..<sourceCount where checkString() == nil { return nil }
            guard let idCount = count() else { return nil }
            for _ in 0..<(2 * idCount) where checkString() == nil { return nil }
            guard let termCount = count() else { return nil }
            let termStart = offset
            for _ in 0..<termCount where !checkTerm() { return nil }
            return (id, type, termStart, termCount)
        }

        // MARK: Decoding what was checked

        /// The next word.
        private mutating func word() -> UInt32 {
            defer { offset += 1 }
            return words[offset]
        }

        /// The string the next word names.
        private mutating func string() -> String {
            strings.string(Int(word()))
        }

        /// The string the next word names, or nil for `UInt32.max`.
        private mutating func optional() -> String? {
            let number = word()
            return number == UInt32.max ? nil : strings.string(Int(number))
        }

        /// A term checked by ``checkTerm()`` (``tags`` read).
        mutating func term() -> Term {
            let text = string(), language = tags[Int(word())], traits = word()
            return Term(text: text, language: language, status: statuses[Int(traits & 0xFF)],
                        kind: kinds[Int(traits >> 8)], source: optional())
        }

        /// A concept checked by ``checkConcept()``, whose `id` and `type` are known (their words are skipped).
        mutating func concept(id: String, type: ConceptType) -> Concept {
            offset += 2
            let domain = optional(), note = optional()
            let sources = (0..<Int(word())).map { _ in string() }
            var externalIDs: [String: String] = [:]
            for _ in 0..<Int(word()) {
                let scheme = string()
                externalIDs[scheme] = string()
            }
            let terms = (0..<Int(word())).map { _ in term() }
            return Concept(id: id, type: type, domain: domain, note: note, sources: sources,
                           externalIDs: externalIDs, terms: terms)
        }
    }

    /// Strings numbered as first added, each once, as one array of UTF-8 bytes and the end of each: a key index's
    /// builder, whose hashing of bytes costs a fraction of a `Dictionary<String, …>`'s.
    struct StringTable {
        private var builder = KeyIndex.Builder(keys: 1 << 16)

        mutating func number(_ text: String) -> UInt32 {
            var text = text
            return UInt32(text.withUTF8 { builder.number(inserting: $0) })
        }

        /// The strings' bytes, and where each ends.
        func finish() -> (bytes: [UInt8], ends: [UInt32]) {
            let parts = builder.finish().parts
            return (parts.keyBytes, stride(from: 2, to: parts.starts.count, by: 2).map { parts.starts[$0] })
        }
    }
}
