import Foundation
import OnomaGlossary
import OnomaStore
import OnomaText

/// The store the matching benchmarks run on: the shipped `Glossaries/` (curated and CLDR) with some CLDR places
/// held out, plus synthetic persons up to a number of terms.
///
/// Held out, by a stable hash of the concept id, among the CLDR places (time-zone cities `tz-…` and territories
/// `region-…`):
/// - 15 % **absent**: the concept is not imported at all; its names are real names the store does not know;
/// - 30 % **exonyms removed**: the concept keeps its English names and its names in non-Latin scripts, and loses
///   its other Latin-script names (fr *Erevan*, de *Eriwan*, es *Ereván* …); those are names of a stored concept
///   written in a way the store does not have.
///
/// The synthetic persons come from `Benchmarks/generate-glossary.py` (real given names and surnames of several
/// origins, each person spelled the en, fr, de, es, tr, ru, uk and hy way: 8 terms per concept).
enum BenchmarkStore {
    /// What happens to a shipped concept in the benchmark store.
    enum Holdout: Equatable {
        case kept
        case exonymsRemoved
        case absent
    }

    /// The languages whose CLDR names are queried (those the transcription rule tables cover).
    static let queryLanguages: Set<String> = ["fr", "de", "es", "it", "pl", "cs", "tr", "nl", "pt"]

    /// Terms per synthetic concept (`generate-glossary.py` writes 8 language columns).
    static let termsPerSyntheticConcept = 8

    /// The CLDR gazetteer files whose places are held out.
    static let placeFiles = ["cldr/cities.tsv", "cldr/territories.tsv"]

    /// How `concept` is held out.
    static func holdout(_ concept: Concept) -> Holdout {
        guard concept.type == .place, concept.id.hasPrefix("tz-") || concept.id.hasPrefix("region-") else {
            return .kept
        }
        switch stableHash("holdout:" + concept.id) % 100 {
        case ..<15: return .absent
        case ..<45: return .exonymsRemoved
        default: return .kept
        }
    }

    /// Whether a term survives in a concept whose exonyms are removed: English, or not in the Latin script.
    static func keepsTerm(_ term: Term) -> Bool {
        term.language.language == "en" || !isLatin(term.text)
    }

    /// Whether every letter of `text` is a Latin letter (Basic Latin to Latin Extended-B, IPA, Latin Extended
    /// Additional, -C, -D, -E), and it has one.
    static func isLatin(_ text: String) -> Bool {
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            let v = scalar.value
            let latin = v < 0x2B0 || (0x1E00...0x1EFF).contains(v) || (0x2C60...0x2C7F).contains(v)
                || (0xA720...0xA7FF).contains(v) || (0xAB30...0xAB6F).contains(v)
            if !latin { return false }
            letters += 1
        }
        return letters > 0
    }

    /// The package root: the folder holding the shipped `Glossaries/`.
    static func packageRoot() throws -> URL {
        try DefaultStore.locateGlossaries().deletingLastPathComponent()
    }

    /// The shipped glossary files (as the default store reads them: `**/*.tsv` but `examples/`), read.
    static func shippedConcepts() throws -> [(file: String, concepts: [Concept])] {
        let glossaries = try DefaultStore.locateGlossaries()
        return try DefaultStore.files(in: glossaries).map { file in
            let bytes = Array(try Data(contentsOf: file.url))
            return (file.relativePath,
                    try GlossaryReader.read(bytes, file: "Glossaries/" + file.relativePath, format: .tsv))
        }
    }

    /// The CLDR places of the shipped glossaries, with how each is held out.
    static func heldOutPlaces() throws -> [(concept: Concept, holdout: Holdout)] {
        let glossaries = try DefaultStore.locateGlossaries()
        return try placeFiles.flatMap { file in
            let bytes = Array(try Data(contentsOf: glossaries.appendingPathComponent(file)))
            return try GlossaryReader.read(bytes, file: "Glossaries/" + file, format: .tsv)
                .map { (concept: $0, holdout: holdout($0)) }
                .filter { $0.holdout != .kept }
        }
    }

    /// The default store path for a size: `Benchmarks/out/lookup-<terms>.sqlite`.
    static func defaultPath(terms: Int) throws -> String {
        try packageRoot().appendingPathComponent("Benchmarks/out/lookup-\(terms).sqlite").path
    }

    /// The file a build writes its report to, next to the store (read back when the store is reused).
    static func reportPath(store: String) -> String { store + ".build.txt" }

    // MARK: - Building

    /// Builds a new store at `path` with at least `terms` terms, printing each step.
    ///
    /// - Returns: the report lines (also written to ``reportPath(store:)``).
    static func build(path: String, terms: Int) throws -> [String] {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: path) else {
            throw BenchmarkError(description: "\(path) exists; remove it (and its -wal, -shm files) to rebuild")
        }
        try fileManager.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                        withIntermediateDirectories: true)
        var report: [String] = []
        func say(_ line: String) {
            print(line)
            flushOutput()
            report.append(line)
        }
        let total = Stopwatch.clock.now

        // 1. The shipped glossaries, held-out places removed.
        let (readSeconds, shipped) = try Stopwatch.time { try shippedConcepts() }
        var files: [(name: String, concepts: [Concept])] = []
        var shippedTerms = 0
        var counts = (absent: 0, exonyms: 0, removedTerms: 0)
        for (file, concepts) in shipped {
            var kept: [Concept] = []
            for var concept in concepts {
                switch holdout(concept) {
                case .kept:
                    break
                case .absent:
                    counts.absent += 1
                    counts.removedTerms += concept.terms.count
                    continue
                case .exonymsRemoved:
                    counts.exonyms += 1
                    let before = concept.terms.count
                    concept.terms = concept.terms.filter(keepsTerm)
                    counts.removedTerms += before - concept.terms.count
                }
                shippedTerms += concept.terms.count
                kept.append(concept)
            }
            files.append(("Glossaries/" + file, kept))
        }
        say("  shipped glossaries: \(files.count) files read in \(Format.seconds(readSeconds)); "
            + "\(Format.count(shippedTerms)) terms kept; CLDR places held out: \(counts.absent) absent, "
            + "\(counts.exonyms) with exonyms removed (\(Format.count(counts.removedTerms)) terms removed)")

        // 2. Synthetic persons up to `terms`.
        // 0.1 % more, for the few terms an import merges (the same text twice in a concept and language).
        let missing = Double(terms - shippedTerms) * 1.001
        let syntheticConcepts = max(0, Int((missing / Double(termsPerSyntheticConcept)).rounded(.up)))
        if syntheticConcepts > 0 {
            let directory = (path as NSString).deletingLastPathComponent
            let tsv = (directory as NSString).appendingPathComponent("synthetic-\(syntheticConcepts).tsv")
            if !fileManager.fileExists(atPath: tsv) {
                let script = try packageRoot().appendingPathComponent("Benchmarks/generate-glossary.py").path
                let (seconds, _) = try Stopwatch.time { try runPython(script, "\(syntheticConcepts)", tsv) }
                say("  synthetic persons: \(tsv) generated by generate-glossary.py in \(Format.seconds(seconds))")
            } else {
                say("  synthetic persons: \(tsv) (generated earlier by generate-glossary.py)")
            }
            let (seconds, concepts) = try Stopwatch.time {
                try GlossaryReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: tsv))),
                                        file: (tsv as NSString).lastPathComponent, format: .tsv)
            }
            say("    \(Format.count(concepts.count)) concepts, "
                + "\(Format.count(concepts.reduce(0) { $0 + $1.terms.count })) terms, read in \(Format.seconds(seconds))")
            files.append(((tsv as NSString).lastPathComponent, concepts))
        }

        // 3. One import per file, each one transaction, as the default store is built.
        let temporary = path + ".building"
        for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: temporary + suffix) }
        let store = try GlossaryStore.open(path: temporary)
        var importSeconds = 0.0
        for (name, concepts) in files {
            let (seconds, summary) = try Stopwatch.time { try store.import(concepts, mode: .merge) }
            importSeconds += seconds
            say("  import \(name): \(Format.seconds(seconds)) (\(summary))")
        }
        let stats = try store.stats()
        try store.close()
        for suffix in ["-wal", "-shm"] { try? fileManager.removeItem(atPath: temporary + suffix) }
        try fileManager.moveItem(atPath: temporary, toPath: path)
        let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? stats.sizeOnDisk
        let memory = ResidentMemory.read()
        say("  store built in \(Format.seconds(Stopwatch.seconds(Stopwatch.clock.now - total))) "
            + "(imports \(Format.seconds(importSeconds)), \(Format.count(Int(Double(stats.termCount) / importSeconds))) "
            + "terms/s): \(Format.count(stats.conceptCount)) concepts, \(Format.count(stats.termCount)) terms, "
            + "\(Format.megabytes(size)) on disk; peak memory of the build \(Format.megabytes(memory.peak))")
        let stamp = ISO8601DateFormatter().string(from: Date())
        try (["built \(stamp) by onoma-bench store --terms \(terms)"] + report).joined(separator: "\n")
            .appending("\n").write(toFile: reportPath(store: path), atomically: true, encoding: .utf8)
        return report
    }

    /// Runs `python3 script arguments…`, failing with its standard error.
    private static func runPython(_ script: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(description: "python3 \(script) failed (\(process.terminationStatus)): "
                                 + String(decoding: message, as: UTF8.self))
        }
    }
}

/// `onoma-bench store`: builds the benchmark store alone (`lookup` runs it in a child process when its store is
/// missing, so that the store's build does not count in the matcher's memory figures).
enum StoreBenchmark: Benchmark {
    static let name = "store"
    static let abstract = "build the ≥ 1M-term store the matching benchmarks use (lookup does it when needed)"
    static let help = """
        usage: onoma-bench store [--store PATH] [--terms N]

        Builds a new glossary store of at least N terms: the shipped Glossaries/ (curated + CLDR gazetteer), with
        15 % of the CLDR places left out and 30 % stripped of their non-English Latin-script names (the query sets
        of `lookup`), plus synthetic persons from Benchmarks/generate-glossary.py (8 terms each) up to N terms.
        Reports the time of each import, the store's size on disk and the build's peak memory, and writes that
        report next to the store (PATH.build.txt). Needs python3 for the synthetic glossary (cached next to the
        store as synthetic-<concepts>.tsv).

        options:
          --store PATH   the store to create; must not exist (default Benchmarks/out/lookup-<N>.sqlite)
          --terms N      at least this many terms (default 1000000; 1M, 200k accepted)

        """

    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, valued: ["store", "terms"])
        let terms = try options.count("terms", default: 1_000_000)
        let path = try options.string("store") ?? BenchmarkStore.defaultPath(terms: terms)
        print("== building the benchmark store \(path) (at least \(Format.count(terms)) terms)")
        _ = try BenchmarkStore.build(path: path, terms: terms)
    }
}
