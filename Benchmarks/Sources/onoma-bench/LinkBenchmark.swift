import Foundation
import OnomaGlossary
import OnomaLinking
import OnomaStore
import OnomaText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `onoma-bench link`: throughput of entity linking in running text (what `onoma link` does), single-threaded, on
/// at least 20 MB of French news text, with the default store and with a store of a million terms, against a
/// Python Aho-Corasick dictionary tagger over the same terms and the target of 5 MB/s per core.
enum LinkBenchmark: Benchmark {
    static let name = "link"
    static let abstract = "onoma link throughput on ≥ 20 MB of French news: automaton build, memory, MB/s; "
        + "Aho-Corasick peer"
    static let help = """
        usage: onoma-bench link [--stores LIST] [--texts LIST] [--store PATH] [--terms N] [--size MB]
                                [--varied-size MB] [--runs N] [--no-peer] [--no-cli] [--onoma PATH] [--python PATH]

        Measures EntityLinker in process, one thread, the way `onoma link` runs it: LinkSession.link(reading:)
        reads the text file in 256 KB TextChunker chunks and links them in order (the whole file is one
        document), and each chunk's mentions are encoded as onoma link's JSON Lines (timed apart, kept in a
        buffer emptied every 64 KB, written nowhere); "link only" is the rest (reading, chunking, linking).

        Texts (written to Benchmarks/out/, same bytes every run):
          repeated  the paragraphs of the example article (../shared/corpus/fr-presstv-karabakh-2022-03-27.txt,
                    when present) and of the fixtures corpus/fr-presstv-excerpt.txt and
                    linking/heldout/fr-second.txt (`#` header lines skipped), shuffled with a fixed seed, round
                    after round, up to --size MB. About 11 KB of distinct text repeats: after the first round the
                    per-spelling memos (word keys, cascade results) answer nearly every word.
          varied    the start of the same text, up to --varied-size MB, where every capitalized word (Erevan,
                    Poutine, Selon) gets a random real name's tail glued on (Erevan + "bourg" from Strasbourg):
                    the tails come from the shipped person and place names, so nearly every capitalized word
                    is a spelling not seen before, which the memos miss and the cascade must look up.

        Stores: `default`, the embedded default store (curated + CLDR gazetteer, GlossaryStore.openDefault), and
        `1M`, the ≥ 1M-term store of `onoma-bench store` (shipped glossaries, some CLDR places held out, plus
        synthetic persons; built in a child process when missing). For each store: TermAutomaton(store:) build
        time (reading the store included, and that reading alone), VmRSS/VmHWM from /proc/self/status before
        and after (after malloc_trim), the cascade matcher's build time (forced before the timed runs by
        linking a sentence with a name the store lacks and one the cascade links), the per-document cost (that
        sentence again in a new session), then per text, best of --runs runs (each a new session) by CPU time:
        wall seconds, MB/s (MB = 2^20 bytes) on the wall clock and on the thread's CPU time
        (CLOCK_THREAD_CPUTIME_ID: what the run costs one core, whatever else the shared machine runs), MB/s
        without the JSONL encoding, mentions/s, how the mentions were linked, and the target ≥ 5 MB/s per core
        (PASS/FAIL on CPU-time MB/s, link + encoding).

        Peer (same run, same texts): Benchmarks/linking/peer_ahocorasick.py, a dictionary tagger with PyPI
        pyahocorasick over the same store's terms (every term, lower-cased; leftmost-longest matches kept when
        whole words), automaton build timed apart from the scan (text read, lower-cased, scanned; wall and
        process CPU time, best of --runs). Prints both and the ratio onoma / peer (CPU MB/s over CPU MB/s).
        The peer does far less (no normalization, case rules, cascade or document consistency): it is the
        floor of a plain dictionary scan, not an equal.

        CLI (default store): `onoma link FILE --from fr --format jsonl -q > /dev/null` on an empty file (the
        start-up: store open and automaton build), on one line with names the store lacks (start-up plus the
        cascade matcher's build) and on each text, --runs times each, the least wall and the least CPU time
        (/usr/bin/time: user + system, every thread) kept; throughput = bytes / (total − start-up), and
        bytes / (total − start-up − matcher), wall and CPU. On a busy machine the wall differences are noise;
        read the CPU ones.
        The onoma binary is looked for next to this executable (build it with the same --scratch-path).

        The XDG cache directory is Benchmarks/out/cache (as for `lookup`, also for the CLI runs): the default
        store and the matcher's transcription keys are cached there, ~/.cache/onoma is not touched.

        options:
          --stores LIST    default, 1M or both (default: default,1M)
          --texts LIST     repeated, varied or both (default: repeated,varied)
          --store PATH     the 1M store (default Benchmarks/out/lookup-<N>.sqlite; built when missing)
          --terms N        terms of a store built here (default 1000000)
          --size MB        size of the repeated text (default 20, i.e. 20 MiB)
          --varied-size MB size of the varied text (default 2)
          --runs N         runs of each measurement, the best kept (default 3)
          --no-peer        skip the Python peer
          --no-cli         skip the CLI runs
          --onoma PATH     the onoma executable (default: next to onoma-bench)
          --python PATH    the Python interpreter for the peer (default python3 on PATH)

        Run time on 2 cores: about 4 minutes with the 1M store in place (--runs 1: about 2).

        """

    /// The issue's target: megabytes (2^20 bytes) per second and per core, after the automaton is built.
    static let target = 5.0

    /// The seed of the paragraph shuffle and of the varied text.
    static let seed: UInt64 = 20_261_204

    /// The texts' language and the canonical forms' language, as in `onoma link --from fr` (target `en`).
    static let options = EntityLinker.Options(language: LanguageTag(canonical: "fr"))

    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, valued: ["stores", "store", "terms", "size", "varied-size", "runs",
                                                      "texts", "onoma", "python"],
                                  flags: ["no-peer", "no-cli"])
        let storeNames = (options.string("stores") ?? "default,1M").split(separator: ",").map(String.init)
        if let unknown = storeNames.first(where: { $0 != "default" && $0 != "1M" }) {
            throw UsageError(description: "unknown store \"\(unknown)\" in --stores (default, 1M)")
        }
        let textNames = (options.string("texts") ?? "repeated,varied").split(separator: ",").map(String.init)
        if let unknown = textNames.first(where: { $0 != "repeated" && $0 != "varied" }) {
            throw UsageError(description: "unknown text \"\(unknown)\" in --texts (repeated, varied)")
        }
        let terms = try options.count("terms", default: 1_000_000)
        let size = try options.count("size", default: 20) << 20
        let variedSize = try options.count("varied-size", default: 2) << 20
        let repeats = try options.count("runs", default: 3)
        let largePath = try options.string("store") ?? BenchmarkStore.defaultPath(terms: terms)
        let root = try BenchmarkStore.packageRoot()
        let out = root.appendingPathComponent("Benchmarks/out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

        print("== onoma-bench link: throughput of entity linking in running text (onoma link)")
        #if DEBUG
        print("   WARNING: debug build; timings are meaningless (build with -c release)")
        #endif
        print("   \(ProcessInfo.processInfo.activeProcessorCount) cores (linking runs on one), ICU \(ICU.version), "
              + "\(ISO8601DateFormatter().string(from: Date()))")
        print("   MB = 2^20 bytes; target ≥ \(Format.rate(target)) per core after the automaton is built")
        print("   sources: \(sourceState(root))")
        let cache = out.appendingPathComponent("cache").path
        try FileManager.default.createDirectory(atPath: cache + "/onoma", withIntermediateDirectories: true)
        setenv("XDG_CACHE_HOME", cache, 1)
        print("   XDG_CACHE_HOME=\(relative(cache)) (default store and transcription keys; also for the CLI runs)")

        // 1. The texts.
        print("\n== texts")
        flushOutput()
        var (corpusSeconds, texts) = try Stopwatch.time {
            try Corpus.write(to: out, size: size, variedSize: variedSize)
        }
        for line in texts.description { print("  " + line) }
        texts.files.removeAll { !textNames.contains($0.name) }
        print("  written in \(Format.seconds(corpusSeconds))")

        // 2. Each store in turn; its objects are released before the next one's "before" figures.
        var results: [StoreResult] = []
        for storeName in storeNames {
            let result: StoreResult
            if storeName == "default" {
                print("\n== store default: the embedded default store (curated + CLDR gazetteer)")
                flushOutput()
                result = try measure(label: "default", texts: texts, repeats: repeats) {
                    try GlossaryStore.openDefault()
                }
            } else {
                print("\n== store 1M: \(relative(largePath))")
                flushOutput()
                try prepareLargeStore(path: largePath, terms: terms)
                result = try measure(label: "1M", texts: texts, repeats: repeats) {
                    try GlossaryStore.open(path: largePath)
                }
            }
            var withPeer = result
            if !options.flag("no-peer") {
                withPeer.peer = try runPeer(result, texts: texts, repeats: repeats, python: options.string("python"))
            }
            results.append(withPeer)
        }

        // 3. The CLI, end to end, on the default store.
        var cli: CLIResult?
        if !options.flag("no-cli") {
            cli = try runCLI(texts: texts, out: out, onoma: options.string("onoma"), repeats: repeats)
        }

        // 4. Summary.
        summarize(results, cli: cli, texts: texts)
    }

    // MARK: - One store

    /// What one store's runs measured.
    struct StoreResult {
        var label: String
        var terms: Int
        var automatonSeconds: Double
        var readSeconds: Double
        var automatonMemory: Int
        var matcherSeconds: Double
        var matcherMemory: Int
        var documentSeconds: Double
        var peak: Int
        var runs: [LinkRun]
        var termFile: String
        var peer: PeerResult?
    }

    /// One text linked through one session.
    struct LinkRun {
        var text: String
        var bytes: Int
        /// Wall time of the whole loop: read, chunk, link, encode.
        var seconds: Double
        var linkSeconds: Double
        var encodeSeconds: Double
        /// CPU time of the thread for the whole loop (user + system), and for the encoding alone.
        var cpuSeconds: Double
        var encodeCPUSeconds: Double
        /// Wall times of every run (this one is the run with the least CPU time).
        var allSeconds: [Double] = []
        var mentions: Int
        var unlinked: Int
        var outputBytes: Int
        var methods: [String: Int]

        /// MB/s on the wall clock, on the thread's CPU time, and on CPU time without the JSONL encoding.
        var rate: Double { Double(bytes) / 1_048_576 / seconds }
        var cpuRate: Double { Double(bytes) / 1_048_576 / cpuSeconds }
        var linkRate: Double { Double(bytes) / 1_048_576 / (cpuSeconds - encodeCPUSeconds) }
    }

    /// Builds the automaton and the matcher of one store, links each text, and dumps the terms for the peer.
    private static func measure(label: String, texts: Corpus, repeats: Int,
                                open: () throws -> GlossaryStore) throws -> StoreResult {
        let start = ResidentMemory.trimmed()
        let (openSeconds, store) = try Stopwatch.time(open)
        let stats = try store.stats()
        print("  opened in \(Format.seconds(openSeconds)): \(Format.count(stats.conceptCount)) concepts, "
              + "\(Format.count(stats.termCount)) terms, \(Format.megabytes(stats.sizeOnDisk)) on disk")
        let before = ResidentMemory.trimmed()
        let (automatonSeconds, automaton) = try Stopwatch.time { try TermAutomaton(store: store) }
        let built = ResidentMemory.read()
        let automatonMemory = ResidentMemory.trimmed()
        let a = automaton.stats
        print("  automaton: TermAutomaton(store:) \(Format.seconds(automatonSeconds)) (read every concept and term "
              + "from SQLite, keys as stored, trie): \(Format.count(a.terms)) terms, \(Format.count(a.nodes)) nodes, "
              + "\(Format.count(a.words)) distinct words")
        print("    VmRSS \(Format.megabytes(before.current)) → \(Format.megabytes(built.current)) right after, "
              + "\(Format.megabytes(automatonMemory.current)) trimmed "
              + "(+\(Format.megabytes(automatonMemory.current - before.current)) held: the automaton, which keeps the "
              + "concepts and indexed terms for the matcher); VmHWM \(Format.megabytes(built.peak))")
        // Of which reading: the same call TermAutomaton(store:) makes, again, alone (the result is dropped).
        let (readSeconds, readCount) = try Stopwatch.time {
            let contents = try store.contents()
            return (contents.concepts.count, contents.terms.count)
        }
        print("    of which reading the store: store.contents() (\(Format.count(readCount.0)) "
              + "concepts, \(Format.count(readCount.1)) terms) alone \(Format.seconds(readSeconds)); the trie itself "
              + "≈ \(Format.seconds(max(0, automatonSeconds - readSeconds)))")

        // The matcher is built on the first span that reaches the cascade: a capitalized name the store lacks.
        let linker = EntityLinker(automaton: automaton)
        // An unknown name (no match), then a respelled one the cascade links (Putine → Vladimir Putin).
        let probe = "Le ministre Qwertzian Blorvadze a parlé hier avec Vladimir Putine à Erevan."
        let (matcherSeconds, probeMentions) = try Stopwatch.time { try linker.link(probe, options: options) }
        let matcherMemory = ResidentMemory.trimmed()
        print("  cascade matcher: \(Format.seconds(matcherSeconds)) (EntityMatcher over the automaton's terms, "
              + "built by the first capitalized name the store lacks: \"\(probe)\" → "
              + "\(probeMentions.map(\.conceptID).joined(separator: ", ")); transcription keys from the cache, "
              + "all cores)")
        print("    VmRSS → \(Format.megabytes(matcherMemory.current)) trimmed "
              + "(+\(Format.megabytes(matcherMemory.current - automatonMemory.current)) held by the matcher); "
              + "VmHWM \(Format.megabytes(ResidentMemory.read().peak))")
        // What every further document pays: a new session, up to its first cascade match.
        var documentTimes: [Double] = []
        for _ in 0..<3 {
            documentTimes.append(try Stopwatch.time { try linker.link(probe, options: options) }.seconds)
        }
        let documentSeconds = documentTimes.min() ?? .nan
        print("  per-document cost: the same sentence again, a new session each time (matcher built): "
              + "\(Format.latency(documentSeconds * 1e9)) (best of 3; paid by every file `onoma link` reads)")
        // Real articles read once each: every spelling is new to the session (its word keys and cascade memos start
        // empty), as for a stream of distinct news articles; between the repeated text (memos warm) and the varied
        // one (nearly every capitalized word unseen by the store).
        if !texts.documents.isEmpty {
            let documentBytes = texts.documents.reduce(0) { $0 + $1.utf8.count }
            var roundSeconds: [Double] = []
            for _ in 0..<20 {
                let cpuStart = threadCPUTime()
                for document in texts.documents { _ = try linker.link(document, options: options) }
                roundSeconds.append(threadCPUTime() - cpuStart)
            }
            let megabytes = Double(documentBytes) / Double(1 << 20)
            let sorted = roundSeconds.sorted()
            print("  articles linked cold: the \(texts.documents.count) source texts "
                  + "(\(Format.count(documentBytes)) bytes), each in a new session, 20 rounds: first round "
                  + "\(Format.rate(megabytes / roundSeconds[0])) CPU, median "
                  + "\(Format.rate(megabytes / sorted[sorted.count / 2])) CPU, best "
                  + "\(Format.rate(megabytes / sorted[0])) CPU (in memory, no JSONL)")
            // As `onoma link a.txt b.txt …` does: one session, a new document per file, spellings keyed once. Only
            // the first pass is new text; later ones would be the repeated text again.
            let session = linker.session(options: options)
            let cpuStart = threadCPUTime()
            for document in texts.documents {
                session.startDocument()
                _ = try Array(document.utf8).withUnsafeBufferPointer { bytes throws(LinkError) in
                    try session.link(bytes)
                }
            }
            print("    the same articles through one session, a new document each (as onoma link with several "
                  + "files): \(Format.rate(megabytes / (threadCPUTime() - cpuStart))) CPU, one pass")
        }

        print("  linking, one thread, one LinkSession per text (--from fr --to en), LinkSession.link(reading:) in "
              + "256 KB chunks, JSONL encoded in memory (\"JSONL\": its seconds; \"link only\": the rest):")
        print("    " + Format.column("text", 9) + Format.column("size", 7, right: true)
              + Format.column("wall", 9, right: true) + Format.column("MB/s wall", 12, right: true)
              + Format.column("MB/s CPU", 12, right: true) + Format.column("link only", 12, right: true)
              + Format.column("JSONL", 8, right: true) + Format.column("mentions", 10, right: true)
              + Format.column("mentions/s", 12, right: true) + Format.column("unlinked", 10, right: true)
              + "  target (CPU)")
        flushOutput()
        var runs: [LinkRun] = []
        for text in texts.files {
            var all: [LinkRun] = []
            for _ in 0..<repeats { all.append(try link(linker, path: text.path, name: text.name)) }
            guard var run = all.min(by: { $0.cpuSeconds < $1.cpuSeconds }) else { continue }
            run.allSeconds = all.map(\.seconds)
            runs.append(run)
            print("    " + Format.column(run.text, 9) + Format.column(Format.megabytes(run.bytes), 7, right: true)
                  + Format.column(Format.seconds(run.seconds), 9, right: true)
                  + Format.column(Format.rate(run.rate), 12, right: true)
                  + Format.column(Format.rate(run.cpuRate), 12, right: true)
                  + Format.column(Format.rate(run.linkRate), 12, right: true)
                  + Format.column(Format.seconds(run.encodeCPUSeconds), 8, right: true)
                  + Format.column(Format.count(run.mentions), 10, right: true)
                  + Format.column(Format.count(Int(Double(run.mentions) / run.cpuSeconds)), 12, right: true)
                  + Format.column(Format.count(run.unlinked), 10, right: true)
                  + "  " + (run.cpuRate >= target ? "PASS" : "FAIL"))
            flushOutput()
        }
        print("    (best of \(repeats) runs by CPU time, each a new LinkSession; wall times of the runs:")
        for run in runs {
            print("     \(run.text) \(run.allSeconds.map(Format.seconds).joined(separator: ", ")))")
        }
        for run in runs {
            let methods = (Mention.Method.allCases.map(\.rawValue)).compactMap { method in
                run.methods[method].map { "\(method) \(Format.count($0))" }
            }
            print("    \(run.text): linked by " + methods.joined(separator: ", ")
                  + "; JSONL \(Format.megabytes(run.outputBytes))")
        }
        let after = ResidentMemory.trimmed()
        print("  memory after linking: VmRSS \(Format.megabytes(after.current)) trimmed (store opened at "
              + "\(Format.megabytes(start.current))); VmHWM \(Format.megabytes(after.peak))")

        // The peer's input: every term of the store, as written.
        let termFile = texts.directory.appendingPathComponent("link-terms-\(label).txt").path
        let (dumpSeconds, dumped) = try Stopwatch.time { try dumpTerms(store, to: termFile) }
        print("  terms for the peer: \(Format.count(dumped)) written to \(relative(termFile)) in "
              + Format.seconds(dumpSeconds))
        flushOutput()
        return StoreResult(label: label, terms: a.terms, automatonSeconds: automatonSeconds, readSeconds: readSeconds,
                           automatonMemory: automatonMemory.current - before.current, matcherSeconds: matcherSeconds,
                           matcherMemory: matcherMemory.current - automatonMemory.current,
                           documentSeconds: documentSeconds, peak: after.peak, runs: runs, termFile: termFile,
                           peer: nil)
    }

    /// Links the file at `path` as `onoma link --format jsonl` does: one session, `LinkSession.link(reading:)`
    /// (TextChunker chunks, in order), each chunk's mentions encoded as JSON Lines into a buffer emptied every 64 KB.
    private static func link(_ linker: EntityLinker, path: String, name: String) throws -> LinkRun {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BenchmarkError(description: "\(path): cannot open")
        }
        defer { try? handle.close() }
        let session = linker.session(options: options)
        var output: [UInt8] = []
        output.reserveCapacity(1 << 17)
        var run = LinkRun(text: name, bytes: 0, seconds: 0, linkSeconds: 0, encodeSeconds: 0, cpuSeconds: 0,
                          encodeCPUSeconds: 0, mentions: 0, unlinked: 0, outputBytes: 0, methods: [:])
        let clock = Stopwatch.clock
        let start = clock.now
        let cpuStart = threadCPUTime()
        try session.link(reading: handle, file: path) { chunk, _, bytesRead throws(LinkError) in
            let encodeStart = clock.now
            let encodeCPUStart = threadCPUTime()
            for mention in chunk.mentions { mention.appendJSONLine(to: &output) }
            if output.count >= 1 << 16 {
                run.outputBytes += output.count
                output.removeAll(keepingCapacity: true)
            }
            run.encodeCPUSeconds += threadCPUTime() - encodeCPUStart
            run.encodeSeconds += Stopwatch.seconds(clock.now - encodeStart)
            run.bytes = bytesRead
            run.mentions += chunk.mentions.count
            run.unlinked += chunk.unlinked.count
            for mention in chunk.mentions { run.methods[mention.method.rawValue, default: 0] += 1 }
        }
        run.cpuSeconds = threadCPUTime() - cpuStart
        run.seconds = Stopwatch.seconds(clock.now - start)
        run.linkSeconds = run.seconds - run.encodeSeconds
        run.outputBytes += output.count
        return run
    }

    /// Writes every term of `store` as written, one per line; returns how many.
    private static func dumpTerms(_ store: GlossaryStore, to path: String) throws -> Int {
        var bytes: [UInt8] = []
        var count = 0
        try store.forEachTerm { term in
            guard !term.text.contains(where: \.isNewline) else { return }
            bytes.append(contentsOf: term.text.utf8)
            bytes.append(0x0A)
            count += 1
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return count
    }

    /// Builds the 1M store in a child process (`onoma-bench store`) when it is missing, else prints its report.
    private static func prepareLargeStore(path: String, terms: Int) throws {
        if !FileManager.default.fileExists(atPath: path) {
            let (seconds, _) = try Stopwatch.time {
                try runChild(executable: selfExecutable(), ["store", "--store", path, "--terms", String(terms)])
            }
            print("  built in \(Format.seconds(seconds)) (child process `onoma-bench store`, wall clock)")
        } else if let report = try? String(contentsOfFile: BenchmarkStore.reportPath(store: path), encoding: .utf8),
                  let summary = report.split(separator: "\n").last {
            print("  reused (built by `onoma-bench store`; its report: "
                  + "\(summary.trimmingCharacters(in: .whitespaces)))")
        } else {
            print("  reused (no build report)")
        }
        flushOutput()
    }

    // MARK: - Peer

    /// What the Python Aho-Corasick tagger measured on one store.
    struct PeerResult {
        /// One text, the scan with the least CPU time.
        struct Scan {
            var text: String
            var bytes: Int
            var seconds: Double
            var cpuSeconds: Double
            var mentions: Int
            var allSeconds: [Double]

            var rate: Double { Double(bytes) / 1_048_576 / seconds }
            var cpuRate: Double { Double(bytes) / 1_048_576 / cpuSeconds }
        }

        var patterns: Int
        var loadSeconds: Double
        var buildSeconds: Double
        var memory: Int
        var scans: [Scan]
        var peak: Int
    }

    /// Runs `Benchmarks/linking/peer_ahocorasick.py` on the store's terms and the texts.
    private static func runPeer(_ result: StoreResult, texts: Corpus, repeats: Int, python: String?) throws
        -> PeerResult?
    {
        let script = try BenchmarkStore.packageRoot().appendingPathComponent("Benchmarks/linking/peer_ahocorasick.py")
        print("  peer: \(script.lastPathComponent) (PyPI pyahocorasick, one process, one thread; each text scanned "
              + "\(repeats) times, the least CPU time kept)")
        flushOutput()
        var arguments = [script.path, "--terms", result.termFile, "--runs", String(repeats)]
        for text in texts.files { arguments += ["--text", text.path] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/env")
        process.arguments = python == nil ? ["python3"] + arguments : arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("    peer failed (status \(process.terminationStatus)); see its standard error above")
            return nil
        }
        var peer = PeerResult(patterns: 0, loadSeconds: 0, buildSeconds: 0, memory: 0, scans: [], peak: 0)
        var scans: [String: [PeerResult.Scan]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let event = object["event"] as? String else { continue }
            func number(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? 0 }
            peer.peak = max(peer.peak, Int(number("hwm")))
            if event == "build" {
                peer.patterns = Int(number("patterns"))
                peer.loadSeconds = number("load_seconds")
                peer.buildSeconds = number("build_seconds")
                peer.memory = Int(number("rss_after_build") - number("rss_before_build"))
                print("    automaton: \(Format.count(Int(number("terms")))) terms read in "
                      + "\(Format.seconds(peer.loadSeconds)), \(Format.count(peer.patterns)) distinct lower-cased "
                      + "patterns; add_word + make_automaton \(Format.seconds(peer.buildSeconds)); VmRSS "
                      + "\(Format.megabytes(Int(number("rss_before_build")))) → "
                      + "\(Format.megabytes(Int(number("rss_after_build"))))")
            } else if event == "scan" {
                let name = texts.files.first { $0.path == object["text"] as? String }?.name ?? "?"
                scans[name, default: []].append(PeerResult.Scan(
                    text: name, bytes: Int(number("bytes")), seconds: number("seconds"),
                    cpuSeconds: number("cpu_seconds"), mentions: Int(number("mentions")), allSeconds: []))
            }
        }
        print("    " + Format.column("text", 9) + Format.column("size", 7, right: true)
              + Format.column("wall", 9, right: true) + Format.column("MB/s wall", 12, right: true)
              + Format.column("MB/s CPU", 12, right: true) + Format.column("matches", 10, right: true)
              + "  onoma/peer (CPU MB/s)")
        for text in texts.files {
            guard let all = scans[text.name], var scan = all.min(by: { $0.cpuSeconds < $1.cpuSeconds }) else {
                continue
            }
            scan.allSeconds = all.map(\.seconds)
            peer.scans.append(scan)
            let onoma = result.runs.first { $0.text == scan.text }
            print("    " + Format.column(scan.text, 9) + Format.column(Format.megabytes(scan.bytes), 7, right: true)
                  + Format.column(Format.seconds(scan.seconds), 9, right: true)
                  + Format.column(Format.rate(scan.rate), 12, right: true)
                  + Format.column(Format.rate(scan.cpuRate), 12, right: true)
                  + Format.column(Format.count(scan.mentions), 10, right: true)
                  + "  " + (onoma.map { Format.ratio($0.cpuRate / scan.cpuRate) } ?? "-"))
        }
        print("    (whole-word leftmost-longest matches of any term; wall times of the scans: "
              + peer.scans.map { "\($0.text) \($0.allSeconds.map(Format.seconds).joined(separator: ", "))" }
                .joined(separator: "; ") + "); peer peak VmHWM \(Format.megabytes(peer.peak))")
        flushOutput()
        return peer
    }

    // MARK: - CLI

    /// The end-to-end runs of the `onoma` executable.
    struct CLIResult {
        /// One run of the executable: wall seconds, CPU seconds (user + system, every thread), peak RSS.
        struct Run {
            var seconds: Double
            var cpuSeconds: Double?
            var peak: Int?
        }

        var startup: Run
        /// Start-up plus the cascade matcher's build (a one-line input with an unknown capitalized name).
        var startupWithMatcher: Run
        var runs: [(text: String, bytes: Int, run: Run, all: [Double])]

        /// MB/s of a text over (total − start-up), or (total − start-up with the matcher), on the wall clock and in
        /// CPU time.
        func rates(_ index: Int, withMatcher: Bool = false) -> (wall: Double, cpu: Double?) {
            let (_, bytes, run, _) = runs[index]
            let base = withMatcher ? startupWithMatcher : startup
            let megabytes = Double(bytes) / 1_048_576
            // A difference lost in the noise (the baseline's run took as long as the text's) has no rate.
            func rate(_ seconds: Double) -> Double { seconds > 0.05 ? megabytes / seconds : .nan }
            let cpu = run.cpuSeconds.flatMap { total in base.cpuSeconds.map { rate(total - $0) } }
            return (rate(run.seconds - base.seconds), cpu)
        }
    }

    /// Times `onoma link FILE --from fr --format jsonl -q > /dev/null` on an empty file and on each text.
    private static func runCLI(texts: Corpus, out: URL, onoma: String?, repeats: Int) throws -> CLIResult? {
        let executable = onoma ?? selfExecutable().deletingLastPathComponent().appendingPathComponent("onoma").path
        print("\n== CLI end to end, default store: \(relative(executable)) link FILE --from fr --format jsonl -q "
              + "> /dev/null")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            print("  skipped: no onoma executable there (build the onoma product with the same --scratch-path, "
                  + "or pass --onoma PATH)")
            return nil
        }
        let empty = out.appendingPathComponent("link-empty.txt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let probe = out.appendingPathComponent("link-probe.txt").path
        try Data("Le ministre Qwertzian Blorvadze a parlé hier avec Vladimir Putine à Erevan.\n".utf8)
            .write(to: URL(fileURLWithPath: probe))
        let usesTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let timeFile = out.appendingPathComponent("link-cli-time.txt").path
        func timeRun(_ file: String) throws -> CLIResult.Run {
            let arguments = ["link", file, "--from", "fr", "--format", "jsonl", "-q"]
            let (seconds, _) = try Stopwatch.time {
                if usesTime {
                    try runChild(executable: URL(fileURLWithPath: "/usr/bin/time"),
                                 ["-o", timeFile, "-f", "%U %S %M", executable] + arguments, discardOutput: true)
                } else {
                    try runChild(executable: URL(fileURLWithPath: executable), arguments, discardOutput: true)
                }
            }
            var run = CLIResult.Run(seconds: seconds)
            if usesTime, let figures = try? String(contentsOfFile: timeFile, encoding: .utf8)
                .split(whereSeparator: \.isWhitespace).compactMap({ Double($0) }), figures.count == 3 {
                run.cpuSeconds = figures[0] + figures[1]
                run.peak = Int(figures[2]) * 1024
            }
            return run
        }
        /// The least wall time and the least CPU time of `repeats` runs (each is what the run costs when the
        /// machine's other work gets least in the way), and the largest peak.
        func best(_ file: String) throws -> (CLIResult.Run, [Double]) {
            var all: [CLIResult.Run] = []
            for _ in 0..<repeats { all.append(try timeRun(file)) }
            let cpu = all.compactMap(\.cpuSeconds).min()
            let peak = all.compactMap(\.peak).max()
            return (CLIResult.Run(seconds: all.map(\.seconds).min() ?? .nan, cpuSeconds: cpu, peak: peak),
                    all.map(\.seconds))
        }
        let (startup, startups) = try best(empty)
        print("  start-up (empty input: open the default store, build the automaton): "
              + "\(Format.seconds(startup.seconds)) wall, \(startup.cpuSeconds.map(Format.seconds) ?? "-") CPU "
              + "(least of \(repeats) runs each; wall \(startups.map(Format.seconds).joined(separator: ", ")))")
        let (withMatcher, withMatcherAll) = try best(probe)
        print("  start-up + cascade matcher (one line with names the store lacks, as in-process): "
              + "\(Format.seconds(withMatcher.seconds)) wall, \(withMatcher.cpuSeconds.map(Format.seconds) ?? "-") CPU "
              + "(wall \(withMatcherAll.map(Format.seconds).joined(separator: ", ")))")
        var result = CLIResult(startup: startup, startupWithMatcher: withMatcher, runs: [])
        for text in texts.files {
            let (run, all) = try best(text.path)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: text.path)[.size] as? Int) ?? 0
            result.runs.append((text.name, bytes, run, all))
            let (wall, cpu) = result.rates(result.runs.count - 1)
            let (wallLinking, cpuLinking) = result.rates(result.runs.count - 1, withMatcher: true)
            print("  " + Format.column(text.name, 9) + Format.column(Format.megabytes(bytes), 7, right: true)
                  + "  total \(Format.seconds(run.seconds)) wall, \(run.cpuSeconds.map(Format.seconds) ?? "-") CPU"
                  + (run.peak.map { ", peak RSS \(Format.megabytes($0))" } ?? "")
                  + " (wall of the runs \(all.map(Format.seconds).joined(separator: ", ")))")
            print("             minus start-up: \(Format.rate(wall)) wall, \(cpu.map(Format.rate) ?? "-") CPU; "
                  + "minus start-up and matcher: \(Format.rate(wallLinking)) wall, "
                  + "\(cpuLinking.map(Format.rate) ?? "-") CPU")
            flushOutput()
        }
        print("  (the matcher's build uses every core: its CPU time counts them all)")
        return result
    }

    // MARK: - Summary

    private static func summarize(_ results: [StoreResult], cli: CLIResult?, texts: Corpus) {
        print("\n== summary (one thread; MB = 2^20 bytes; target ≥ \(Format.rate(target)) per core, judged on CPU "
              + "time)")
        print("  " + Format.column("store", 8) + Format.column("terms", 11, right: true)
              + Format.column("automaton", 11, right: true) + Format.column("(read)", 9, right: true)
              + Format.column("+memory", 9, right: true)
              + Format.column("matcher", 9, right: true) + Format.column("+memory", 9, right: true)
              + Format.column("per doc", 10, right: true)
              + Format.column("peer build", 12, right: true) + Format.column("+memory", 9, right: true)
              + Format.column("build ratio", 13, right: true))
        for r in results {
            print("  " + Format.column(r.label, 8) + Format.column(Format.count(r.terms), 11, right: true)
                  + Format.column(Format.seconds(r.automatonSeconds), 11, right: true)
                  + Format.column(Format.seconds(r.readSeconds), 9, right: true)
                  + Format.column(Format.megabytes(r.automatonMemory), 9, right: true)
                  + Format.column(Format.seconds(r.matcherSeconds), 9, right: true)
                  + Format.column(Format.megabytes(r.matcherMemory), 9, right: true)
                  + Format.column(Format.latency(r.documentSeconds * 1e9), 10, right: true)
                  + Format.column(r.peer.map { Format.seconds($0.buildSeconds) } ?? "-", 12, right: true)
                  + Format.column(r.peer.map { Format.megabytes($0.memory) } ?? "-", 9, right: true)
                  + Format.column(r.peer.map { Format.ratio(r.automatonSeconds / $0.buildSeconds) } ?? "-", 13,
                                  right: true))
        }
        print("  (automaton: TermAutomaton(store:), reading the store included, (read) that reading alone; per doc: "
              + "a new session's first sentence; peer: add_word + make_automaton, reading its term file apart; "
              + "build ratio = onoma automaton / peer build, lower is better)")
        print("  " + Format.column("store", 8) + Format.column("text", 9)
              + Format.column("onoma wall", 12, right: true) + Format.column("onoma CPU", 12, right: true)
              + Format.column("link only", 12, right: true) + Format.column("mentions/s", 12, right: true)
              + Format.column("peer CPU", 12, right: true) + Format.column("onoma/peer", 12, right: true)
              + "  target")
        for r in results {
            for run in r.runs {
                let scan = r.peer?.scans.first { $0.text == run.text }
                print("  " + Format.column(r.label, 8) + Format.column(run.text, 9)
                      + Format.column(Format.rate(run.rate), 12, right: true)
                      + Format.column(Format.rate(run.cpuRate), 12, right: true)
                      + Format.column(Format.rate(run.linkRate), 12, right: true)
                      + Format.column(Format.count(Int(Double(run.mentions) / run.cpuSeconds)), 12, right: true)
                      + Format.column(scan.map { Format.rate($0.cpuRate) } ?? "-", 12, right: true)
                      + Format.column(scan.map { Format.ratio(run.cpuRate / $0.cpuRate) } ?? "-", 12, right: true)
                      + "  " + verdict(run.cpuRate))
            }
        }
        if let cli {
            for (index, run) in cli.runs.enumerated() {
                for withMatcher in [false, true] {
                    let (wall, cpu) = cli.rates(index, withMatcher: withMatcher)
                    print("  CLI     " + Format.column(run.text, 9) + Format.column(Format.rate(wall), 12, right: true)
                          + Format.column(cpu.map(Format.rate) ?? "-", 12, right: true)
                          + "   onoma link, default store, total − start-up"
                          + (withMatcher ? " − matcher build       " : " (matcher build included)") + "  "
                          + verdict(cpu ?? wall))
                }
            }
        }
        print("  (onoma/peer = CPU MB/s over CPU MB/s; link only = onoma without the JSONL encoding. The repeated "
              + "text repeats ~\(Format.count(texts.distinctBytes / 1024)) KB of distinct paragraphs: its figures are "
              + "with warm per-spelling memos; the varied text's are with unseen spellings.)")
        flushOutput()
    }

    // MARK: - Helpers

    /// PASS or FAIL against the target, n/a without a figure.
    static func verdict(_ rate: Double) -> String {
        rate.isFinite ? (rate >= target ? "PASS" : "FAIL") : "n/a"
    }

    /// The CPU time (user + system) of the calling thread, in seconds: what a run costs one core, whatever else the
    /// machine is doing.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// The commit checked out and whether `Sources/` differs from it: what was measured.
    private static func sourceState(_ root: URL) -> String {
        func git(_ arguments: [String]) -> String? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root.path] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            guard (try? process.run()) != nil else { return nil }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
        }
        guard let head = git(["log", "-1", "--format=%h %s"])?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            return "not a git checkout"
        }
        let changed = (git(["status", "--porcelain", "--", "Sources"]) ?? "").split(separator: "\n").count
        return "commit \(head.prefix(90))" + (changed > 0 ? "; Sources/ has \(changed) uncommitted changes" : "")
    }

    /// This executable.
    private static func selfExecutable() -> URL {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map(URL.init(fileURLWithPath:))
            ?? Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Runs a child process to completion; its standard output goes to /dev/null when `discardOutput`.
    private static func runChild(executable: URL, _ arguments: [String], discardOutput: Bool = false) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if discardOutput { process.standardOutput = FileHandle(forWritingAtPath: "/dev/null") }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(description: "\(executable.path) \(arguments.joined(separator: " ")) failed "
                                 + "(status \(process.terminationStatus))")
        }
    }
}

/// `path` relative to the package root when it lies inside it (`Benchmarks/out/…`), else as it is.
func relative(_ path: String) -> String {
    guard let root = try? BenchmarkStore.packageRoot().standardizedFileURL.path else { return path }
    return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
}

// MARK: - Texts

/// The French news texts the link benchmark reads, written to `Benchmarks/out/`.
struct Corpus {
    struct File {
        var name: String
        var path: String
        var bytes: Int
    }

    var directory: URL
    var files: [File]
    var description: [String]
    /// The bytes of the distinct paragraphs the repeated text is made of.
    var distinctBytes: Int
    /// The source texts themselves, each one document (its paragraphs joined by blank lines).
    var documents: [String] = []

    /// The source texts, relative to the package root: the example article is outside the repository.
    static let sources = [
        "../shared/corpus/fr-presstv-karabakh-2022-03-27.txt",
        "Tests/TestResources/Resources/corpus/fr-presstv-excerpt.txt",
        "Tests/TestResources/Resources/linking/heldout/fr-second.txt",
    ]

    /// Writes the repeated text (`size` bytes or a paragraph more) and the varied text (`variedSize`).
    static func write(to directory: URL, size: Int, variedSize: Int) throws -> Corpus {
        let root = try BenchmarkStore.packageRoot()
        var paragraphs: [String] = []
        var documents: [String] = []
        var description: [String] = []
        for source in sources {
            let url = root.appendingPathComponent(source).standardizedFileURL
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                description.append("source \(source): absent, skipped")
                continue
            }
            let found = text.split(separator: "\n", omittingEmptySubsequences: true)
                .filter { !$0.hasPrefix("#") }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            paragraphs += found
            documents.append(found.joined(separator: "\n\n"))
            description.append("source \(source): \(found.count) paragraphs, "
                               + "\(Format.count(found.reduce(0) { $0 + $1.utf8.count })) bytes")
        }
        guard !paragraphs.isEmpty else { throw BenchmarkError(description: "no source text found") }
        let distinctBytes = Set(paragraphs).reduce(0) { $0 + $1.utf8.count }

        // Round after round, the paragraphs in a new shuffled order, until the size is reached.
        func shuffled(upTo limit: Int, _ body: (String) -> Void) -> Int {
            var generator = SeededGenerator(seed: LinkBenchmark.seed)
            var written = 0
            var rounds = 0
            while written < limit {
                rounds += 1
                for paragraph in paragraphs.shuffled(using: &generator) {
                    body(paragraph)
                    written += paragraph.utf8.count + 2
                    if written >= limit { break }
                }
            }
            return rounds
        }
        var repeated: [UInt8] = []
        repeated.reserveCapacity(size + 4096)
        let rounds = shuffled(upTo: size) { paragraph in
            repeated.append(contentsOf: paragraph.utf8)
            repeated.append(contentsOf: [0x0A, 0x0A])
        }
        let repeatedURL = directory.appendingPathComponent("link-fr-news-\(size >> 20)mb.txt")
        try Data(repeated).write(to: repeatedURL)
        description.append("repeated: \(relative(repeatedURL.path)), \(Format.count(repeated.count)) bytes: "
                           + "\(paragraphs.count) paragraphs (\(Format.count(distinctBytes)) distinct bytes) shuffled "
                           + "\(rounds) times with a fixed seed; the text repeats, so the per-spelling memos answer "
                           + "nearly every word after the first round")

        // The varied text: every capitalized word with a real name's tail glued on.
        let tails = try nameTails()
        var generator = SeededGenerator(seed: LinkBenchmark.seed ^ 0xA5A5)
        var varied: [UInt8] = []
        varied.reserveCapacity(variedSize + 4096)
        var changed = 0
        var spellings = Set<String>()
        _ = shuffled(upTo: variedSize) { paragraph in
            var out = String.UnicodeScalarView()
            var word = String.UnicodeScalarView()
            func flushWord() {
                guard !word.isEmpty else { return }
                out.append(contentsOf: word)
                if let first = word.first, first.properties.isUppercase,
                   word.contains(where: { $0.properties.isLowercase }) {
                    let tail = tails[Int.random(in: 0..<tails.count, using: &generator)]
                    let length = min(tail.count, Int.random(in: 3...5, using: &generator))
                    let glued = String.UnicodeScalarView(tail.suffix(length))
                    out.append(contentsOf: glued)
                    changed += 1
                    spellings.insert(String(word) + String(glued))
                }
                word.removeAll()
            }
            for scalar in paragraph.unicodeScalars {
                if scalar.properties.isAlphabetic {
                    word.append(scalar)
                } else {
                    flushWord()
                    out.append(scalar)
                }
            }
            flushWord()
            varied.append(contentsOf: String(out).utf8)
            varied.append(contentsOf: [0x0A, 0x0A])
        }
        let variedURL = directory.appendingPathComponent("link-fr-news-varied-\(variedSize >> 20)mb.txt")
        try Data(varied).write(to: variedURL)
        description.append("varied: \(relative(variedURL.path)), \(Format.count(varied.count)) bytes: the same "
                           + "paragraphs, "
                           + "\(Format.count(changed)) capitalized words each with a random tail (3–5 letters) of "
                           + "one of \(Format.count(tails.count)) shipped person and place names glued on: "
                           + "\(Format.count(spellings.count)) distinct new spellings")
        return Corpus(directory: directory,
                      files: [File(name: "repeated", path: repeatedURL.path, bytes: repeated.count),
                              File(name: "varied", path: variedURL.path, bytes: varied.count)],
                      description: description, distinctBytes: distinctBytes, documents: documents)
    }

    /// Lower-case tails of real names: the en and fr single-word Latin names of the shipped persons and places
    /// (curated and CLDR), of five letters or more, sorted so the draw is the same every run.
    static func nameTails() throws -> [String.UnicodeScalarView] {
        var names = Set<String>()
        for (_, concepts) in try BenchmarkStore.shippedConcepts() {
            for concept in concepts where concept.type == .person || concept.type == .place {
                for term in concept.terms where term.language.language == "en" || term.language.language == "fr" {
                    let text = term.text
                    guard text.unicodeScalars.count >= 5,
                          text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }),
                          BenchmarkStore.isLatin(text) else { continue }
                    names.insert(text.lowercased())
                }
            }
        }
        return names.sorted().map(\.unicodeScalars)
    }
}

extension Format {
    /// Megabytes (2^20 bytes) per second.
    static func rate(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return String(format: value < 10 ? "%.2f MB/s" : "%.1f MB/s", value)
    }

    /// A ratio, `2.35×`.
    static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return String(format: value < 10 ? "%.2f×" : "%.1f×", value)
    }
}
