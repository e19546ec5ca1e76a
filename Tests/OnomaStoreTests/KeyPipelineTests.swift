import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import Synchronization
import Testing

@Suite struct KeyPipelineTests {
    /// 200 names in four languages: 50 chunks of 4, so that a window of 3 chunks holds the workers back often.
    static let inputs: [TermKeys.Input] = (0..<200).map { i in
        let names = ["Nikol Pashinyan \(i)", "Пашинян \(i)", "Փաշինյան \(i)", "Paşinyan \(i)"]
        let languages = ["en", "ru", "hy", "tr"]
        return TermKeys.Input(text: names[i % 4], language: tag(languages[i % 4]))
    }

    static func expected(_ index: Int) throws -> TermKeys {
        try TermKeys(text: inputs[index].text, language: inputs[index].language)
    }

    @Test(arguments: [(4, 3), (4, 64), (7, 1), (2048, 64), (1, 1)])
    func readerGetsEveryInputsKeysInOrder(chunkSize: Int, window: Int) throws {
        let done = Counter()
        let pipeline = KeyPipeline(Self.inputs, normalizer: NameNormalizer(), chunkSize: chunkSize, window: window,
                                   progress: { _ = done.add($0) })
        var reader = pipeline.reader()
        for i in Self.inputs.indices {
            #expect(try reader.keys(at: i).get() == Self.expected(i), "input \(i)")
        }
        reader.finish()
        #expect(done.add(0) == Self.inputs.count, "every chunk computed once")
    }

    /// The inputs read from concepts (a first import): concepts of 0 to 3 terms, empty ones among them and at the end.
    @Test(arguments: [4, 2048])
    func termsOfConceptsAreTheInputsInOrder(chunkSize: Int) throws {
        var concepts: [Concept] = []
        var listed: [TermKeys.Input] = []
        var starts: [Int] = []
        var next = 0
        for c in 0..<60 {
            starts.append(listed.count)
            let count = c % 4 == 1 || c >= 58 ? 0 : c % 3 + 1
            let terms = (0..<count).map { _ -> Term in
                defer { next += 1 }
                return Term(text: Self.inputs[next].text, language: Self.inputs[next].language)
            }
            for term in terms { listed.append(TermKeys.Input(text: term.text, language: term.language)) }
            concepts.append(Concept(id: "person-\(c)", type: .person, terms: terms))
        }
        starts.append(listed.count)
        let source = KeyPipeline.Source.terms(concepts, starts: starts)
        #expect(source.count == listed.count)
        #expect((0..<listed.count).map { source.input(at: $0) } == listed)
        let pipeline = KeyPipeline(source: source, normalizer: NameNormalizer(), chunkSize: chunkSize, window: 3)
        var reader = pipeline.reader()
        for i in listed.indices {
            #expect(try reader.keys(at: i).get() == Self.expected(i), "input \(i)")
        }
        reader.finish()
    }

    @Test func skippedChunksAreNotNeededAndEarlierInputsAreComputedAgain() throws {
        let pipeline = KeyPipeline(Self.inputs, normalizer: NameNormalizer(), chunkSize: 4, window: 2)
        var reader = pipeline.reader()
        // Jump over whole chunks (a replace that leaves concepts unchanged), then back (a fallback).
        for i in [1, 2, 41, 42, 43, 150, 199, 3, 0] {
            #expect(try reader.keys(at: i).get() == Self.expected(i), "input \(i)")
        }
        reader.finish()
        #expect(try reader.keys(at: 120).get() == Self.expected(120), "after finish: computed on the spot")
    }

    @Test func finishingEarlyStopsTheWorkers() throws {
        // The reader stops after one input; the workers, held back by the window, must end all the same.
        let many = (0..<20_000).map { Self.inputs[$0 % Self.inputs.count] }
        let pipeline = KeyPipeline(many, normalizer: NameNormalizer(), chunkSize: 16, window: 2)
        var reader = pipeline.reader()
        #expect(try reader.keys(at: 0).get() == Self.expected(0))
        reader.finish()
        reader.finish()
    }

    @Test func aTermThatIsNotANameFails() {
        var inputs = Self.inputs
        inputs[77] = TermKeys.Input(text: " \u{200B} ", language: tag("en"))
        let pipeline = KeyPipeline(inputs, normalizer: NameNormalizer(), chunkSize: 8, window: 4)
        var reader = pipeline.reader()
        defer { reader.finish() }
        for i in 0..<77 { #expect((try? reader.keys(at: i).get()) != nil) }
        #expect(throws: NameError.self) { try reader.keys(at: 77).get() }
    }
}

@Suite struct LargeImportTests {
    @Test func aBadTermLateInALargeBatchChangesNothing() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        try store.import([nato])
        let indexQuery = "SELECT name FROM sqlite_master WHERE tbl_name = 'term' AND type IN ('index', 'trigger') "
            + "ORDER BY name"
        let indexesBefore = try store.stringsForTesting(indexQuery)
        var concepts = syntheticConcepts(12_000, languages: ["en", "ru"])
        concepts[11_000].terms[1].text = "a\u{0}b"
        #expect {
            try store.import(concepts)
        } throws: { error in
            (error as? StoreError)?.code == .invalidConcept && "\(error)".contains("person-11000")
        }
        #expect(try store.counts() == (1, 2))
        #expect(try store.integrityCheck() == ["ok"])
        let indexes = try store.stringsForTesting(indexQuery)
        #expect(indexes.count >= 6 && indexes == indexesBefore,
                "the suspended indexes and triggers are back: \(indexes)")
        // The import turned foreign keys off for its transaction only: removing a concept still removes its terms.
        #expect(try store.remove(id: "nato"))
        #expect(try store.counts() == (0, 0))
    }

    @Test func aNewTermTakenForAStoredOneGetsItsKeysWhenWritten() throws {
        // A hash collision in StoredTerms, or a term another connection removed after the import read the store:
        // the import skipped the term's keys, and computes them when it writes the term.
        let store = try makeStore()
        try store.import([nato])
        var grown = nato
        grown.terms.append(Term(text: "НАТО", language: tag("ru"), kind: .acronym))
        let summary = try store.import([grown], mode: .merge, dryRun: false, progress: nil,
                                       extraStored: [("nato", grown.terms[2])])
        #expect(summary.termsAdded == 1)
        #expect(try store.terms(latinKey: "nato").map(\.text).sorted() == ["NATO", "НАТО"])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func storedTermsAreFoundFromTheirBytesOrTheirStrings() {
        var stored = StoredTerms()
        #expect(stored.isEmpty)
        var (id, language, text) = ("nikol-pashinyan", "hy", "Փաշինյան")
        id.withUTF8 { id in
            language.withUTF8 { language in
                text.withUTF8 { text in
                    stored.insert(conceptId: UnsafeRawBufferPointer(id), language: UnsafeRawBufferPointer(language),
                                  text: UnsafeRawBufferPointer(text))
                }
            }
        }
        #expect(stored.contains(conceptId: "nikol-pashinyan", term: Term(text: "Փաշինյան", language: tag("hy"))))
        #expect(!stored.contains(conceptId: "nikol-pashinyan", term: Term(text: "Փաշինյան", language: tag("ru"))))
        #expect(!stored.contains(conceptId: "nikol-pashinya", term: Term(text: "nՓաշինյան", language: tag("hy"))))
    }

    @Test func replacingWithLargelyUnchangedConceptsWritesOnlyTheChanges() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        var concepts = syntheticConcepts(6_000, languages: ["en", "ru", "hy"])
        try store.import(concepts)
        concepts[5_000].terms[2].text = "Փաշինյան"
        let summary = try store.import(concepts, mode: .replace)
        #expect(summary.conceptsUnchanged == 5_999 && summary.conceptsUpdated == 1)
        #expect(try store.concept(id: "person-5000") == concepts[5_000])
        #expect(try store.terms(latinKey: "pashinyan").map(\.conceptId).contains("person-5000"))
        #expect(try store.integrityCheck() == ["ok"])
    }
}
