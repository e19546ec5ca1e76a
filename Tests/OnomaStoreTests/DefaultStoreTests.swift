import Dispatch
import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import Synchronization
import TestResources
import Testing

/// A temporary `Glossaries/` folder and cache directory, and the environment that points `onoma` at them.
struct GlossaryFixture {
    let root: URL
    var glossaries: URL { root.appendingPathComponent("Glossaries") }
    var cache: URL { root.appendingPathComponent("cache") }
    var environment: [String: String] { ["ONOMA_GLOSSARIES": glossaries.path, "XDG_CACHE_HOME": cache.path] }

    init() throws {
        root = try temporaryDirectory("default")
        try write("curated/people.tsv", [pashinyan])
        try write("places.tsv", try sampleConcepts().filter { $0.type == .place })
        try write("examples/sample.tsv", [nato])  // examples are not shipped data
        try write("README.md", [])
    }

    func write(_ relativePath: String, _ concepts: [Concept]) throws {
        let url = glossaries.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(tsv(concepts).utf8).write(to: url)
    }

    /// The files in the store's cache directory.
    func cacheFiles() -> [String] {
        let directory = cache.appendingPathComponent("onoma").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

@Suite struct DefaultStoreTests {
    @Test func builtOnFirstUseAndRebuiltWhenAFileChanges() throws {
        let fixture = try GlossaryFixture()
        let store = try GlossaryStore.openDefault(environment: fixture.environment)
        #expect(store.isDefault)
        #expect(store.path.hasPrefix(fixture.cache.appendingPathComponent("onoma/default-").path))
        #expect(Set(try store.concepts().map(\.id)) == ["nikol-pashinyan", "yerevan", "nagorno-karabakh"])
        #expect(try store.concept(id: "nato") == nil, "Glossaries/examples/ is skipped")
        // What the TSV file holds of the concept (it has no per-term sources nor ids other than Wikidata).
        let shipped = try GlossaryReader.read(Array(tsv([pashinyan]).utf8), file: "people.tsv", format: .tsv)
        #expect(try store.concept(id: "nikol-pashinyan") == shipped.first)
        let fingerprint = try #require(try store.stats().defaultStoreFingerprint)
        #expect(store.path.contains(String(fingerprint.prefix(16))))
        let built = try FileManager.default.attributesOfItem(atPath: store.path)[.modificationDate] as? Date

        // Opening again reuses the built store.
        let again = try GlossaryStore.openDefault(environment: fixture.environment)
        #expect(again.path == store.path)
        #expect(try FileManager.default.attributesOfItem(atPath: store.path)[.modificationDate] as? Date == built)
        #expect(try again.stats().defaultStoreFingerprint == fingerprint)

        // Editing a shipped file gives a new store with the new data.
        try fixture.write("curated/people.tsv", [pashinyan, nato])
        let rebuilt = try GlossaryStore.openDefault(environment: fixture.environment)
        #expect(rebuilt.path != store.path)
        #expect(try rebuilt.concept(id: "nato")?.terms == nato.terms)
        #expect(try rebuilt.stats().defaultStoreFingerprint != fingerprint)
        // Adding a file does too.
        try fixture.write("more/orgs.tsv", [Concept(id: "osce", type: .organization,
                                                    terms: [Term(text: "OSCE", language: tag("en"), kind: .acronym)])])
        #expect(try GlossaryStore.openDefault(environment: fixture.environment).concept(id: "osce") != nil)
        #expect(fixture.cacheFiles().allSatisfy { !$0.contains("building") }, "\(fixture.cacheFiles())")
    }

    @Test func fingerprintFollowsPathsSizesAndTimes() throws {
        let fixture = try GlossaryFixture()
        let files = try DefaultStore.files(in: fixture.glossaries)
        #expect(files.map(\.relativePath) == ["curated/people.tsv", "places.tsv"])
        let fingerprint = DefaultStore.fingerprint(of: files)
        #expect(fingerprint.count == 32)
        #expect(DefaultStore.fingerprint(of: files) == fingerprint)
        var touched = files
        touched[1].modified = touched[1].modified.addingTimeInterval(1)
        #expect(DefaultStore.fingerprint(of: touched) != fingerprint)
        var renamed = files
        renamed[0].relativePath = "curated/persons.tsv"
        #expect(DefaultStore.fingerprint(of: renamed) != fingerprint)
    }

    @Test func missingGlossariesTellTheUserToPassAStore() throws {
        #expect {
            try GlossaryStore.openDefault(environment: ["ONOMA_GLOSSARIES": "/nonexistent/Glossaries"])
        } throws: { error in
            (error as? StoreError)?.code == .glossariesNotFound && "\(error)".contains("--store")
                && "\(error)".contains("/nonexistent/Glossaries")
        }
    }

    @Test func shippedGlossariesAreFoundAboveTheExecutable() throws {
        let found = try DefaultStore.locateGlossaries(environment: [:])
        #expect(found.standardizedFileURL.path
                == CorpusFixtures.packageRoot.appendingPathComponent("Glossaries").standardizedFileURL.path)
    }

    @Test func malformedShippedFileIsReportedAndNothingIsLeftBehind() throws {
        let fixture = try GlossaryFixture()
        let bad = fixture.glossaries.appendingPathComponent("bad.tsv")
        try Data("id\ttype\ten\nnato\torganization\tNATO\nBad Id\tperson\tX\n".utf8).write(to: bad)
        #expect {
            try GlossaryStore.openDefault(environment: fixture.environment)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .glossaryFile && error?.glossaryError?.line == 3
                && error?.description.hasPrefix("shipped glossary Glossaries/bad.tsv:3:") == true
        }
        #expect(fixture.cacheFiles().allSatisfy { !$0.hasSuffix(".sqlite") }, "\(fixture.cacheFiles())")
    }

    @Test func concurrentFirstUsesBuildOneStore() throws {
        let fixture = try GlossaryFixture()
        let results = Mutex<[ProcessResult]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            if let result = try? onoma(["glossary", "stats"], environment: fixture.environment) {
                results.withLock { $0.append(result) }
            }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 3)
        for result in all {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("(embedded default store)") && result.stdout.contains("concepts: 3"),
                    "\(result.stdout)")
        }
        let stores = fixture.cacheFiles().filter { $0.hasSuffix(".sqlite") }
        #expect(stores.count == 1 && stores[0].hasPrefix("default-"), "\(fixture.cacheFiles())")
        #expect(fixture.cacheFiles().allSatisfy { !$0.contains("building") })
    }

    @Test func commandsWithoutAStoreUseTheDefaultOneForReadingOnly() throws {
        let fixture = try GlossaryFixture()
        let search = try onoma(["glossary", "search", "pash"], environment: fixture.environment)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("nikol-pashinyan\tperson\t"))
        let path = fixture.root.appendingPathComponent("x.tsv").path
        try Data(tsv([nato]).utf8).write(to: URL(fileURLWithPath: path))
        let result = try onoma(["glossary", "import", path], environment: fixture.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--store PATH or set ONOMA_STORE"), "\(result.stderr)")
    }

    @Test func missingGlossariesMakeTheCommandFailClearly() throws {
        let result = try onoma(["glossary", "stats"], environment: [
            "ONOMA_GLOSSARIES": "/nonexistent/Glossaries", "XDG_CACHE_HOME": try temporaryDirectory().path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("onoma: no glossary store given"), "\(result.stderr)")
        #expect(result.stderr.contains("--store"))
    }
}

@Suite struct StoreSelectionTests {
    @Test func onomaStoreEnvironmentVariableIsUsed() throws {
        let path = try temporaryStorePath()
        let imported = try onoma(["glossary", "import", sampleGlossaryURL.path, "--quiet"],
                                 environment: ["ONOMA_STORE": path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try GlossaryStore.open(path: path).counts().concepts == 4)
        let stats = try onoma(["glossary", "stats"], environment: ["ONOMA_STORE": path])
        #expect(stats.stdout.hasPrefix("store: \(path)\n"), "\(stats.stdout)")
        // --store wins over the environment.
        let other = try temporaryStorePath()
        let explicit = try onoma(["glossary", "stats", "--store", other], environment: ["ONOMA_STORE": path])
        #expect(explicit.stdout.hasPrefix("store: \(other)\n"), "\(explicit.stdout)")
    }

    @Test func nonexistentStorePathIsCreatedEmpty() throws {
        let path = try temporaryStorePath("new.sqlite")
        let result = try onoma(["glossary", "stats", "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("concepts: 0\n") && result.stdout.contains("terms: 0"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try GlossaryStore.open(path: path).counts() == (0, 0))
    }
}
