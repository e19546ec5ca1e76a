import Dispatch
import Foundation
import OnomaGlossary
@testable import OnomaStore
import OnomaText
import Synchronization
import TestResources
import Testing

@Suite struct StoreConcurrencyTests {
    @Test func twoPoolsWritingAtOnceLoseNothing() throws {
        let path = try temporaryStorePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let stores = [try GlossaryStore.open(path: path), try GlossaryStore.open(path: path)]
        let failures = Mutex<[String]>([])
        // Two writers, one small transaction per concept, interleaving; a reader counting all along.
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            do {
                if worker == 2 {
                    var last = 0
                    for _ in 0..<50 {
                        let count = try stores[0].counts().concepts
                        if count < last { failures.withLock { $0.append("count went back from \(last) to \(count)") } }
                        last = count
                    }
                    return
                }
                for concept in syntheticConcepts(60, prefix: "writer\(worker)") { try stores[worker].add(concept) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try stores[1].counts() == (120, 240))
        #expect(try stores[0].integrityCheck() == ["ok"])
    }

    @Test func twoProcessesImportingIntoOneNewStoreLoseNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try (0..<2).map { n in
            let url = directory.appendingPathComponent("part\(n).tsv")
            try Data(tsv(syntheticConcepts(3_000, prefix: "part\(n)", languages: ["en", "ru"])).utf8).write(to: url)
            return url.path
        }
        let store = directory.appendingPathComponent("shared.sqlite").path
        let results = Mutex<[ProcessResult?]>([nil, nil])
        // Both start on a store that does not exist yet: they also race to create and migrate it.
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            let result = try? onoma(["glossary", "import", files[n], "--store", store, "--quiet"])
            results.withLock { $0[n] = result }
        }
        for result in results.withLock({ $0 }) {
            let result = try #require(result)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("3000 concepts added"), "\(result.stdout)")
        }
        let opened = try GlossaryStore.open(path: store)
        #expect(try opened.counts() == (6_000, 12_000))
        #expect(try opened.integrityCheck() == ["ok"])
        #expect(try opened.terms(key: "nikol pashinyan 0").count == 4)
    }

    @Test func processKilledDuringAnImportLeavesTheStoreAsItWas() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store.sqlite").path
        do {
            let opened = try GlossaryStore.open(path: store)
            try opened.import(try sampleConcepts())
            try opened.close()
        }
        let before = try GlossaryStore.open(path: store).counts()

        let big = directory.appendingPathComponent("big.tsv")
        try Data(tsv(syntheticConcepts(200_000, prefix: "big")).utf8).write(to: big)
        let process = Process()
        process.executableURL = CorpusFixtures.onomaExecutable
        process.arguments = ["glossary", "import", big.path, "--store", store, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once the write transaction has spilled pages into the write-ahead log: mid-import.
        let deadline = Date().addingTimeInterval(300)
        var walSize = 0
        while process.isRunning && Date() < deadline {
            let attributes = try? FileManager.default.attributesOfItem(atPath: store + "-wal")
            walSize = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            if walSize > 4 << 20 { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(wasRunning, "the import ended before it could be killed (WAL \(walSize) bytes)")
        #expect(walSize > 4 << 20, "killed while writing, not before")
        #expect(process.terminationReason == .uncaughtSignal)

        let reopened = try GlossaryStore.open(path: store)
        #expect(try reopened.counts() == before)
        #expect(try reopened.integrityCheck() == ["ok"])
        #expect(try reopened.concept(id: "big-0") == nil)
        // And the store is fully usable afterwards.
        #expect(try reopened.import(syntheticConcepts(10, prefix: "after")).conceptsAdded == 10)
        #expect(try reopened.search("otan").map(\.conceptId) == ["nato"])
    }
}
