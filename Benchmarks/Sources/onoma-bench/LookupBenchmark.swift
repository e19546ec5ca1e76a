import Foundation
import OnomaGlossary
import OnomaMatching
import OnomaStore
import OnomaText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `onoma-bench lookup`: in-process latency of ``OnomaMatching/EntityMatcher`` lookups on a store of a million
/// terms, per query, single-threaded, against the targets exact p50 ≤ 20 µs and full cascade p50 ≤ 1 ms.
enum LookupBenchmark: Benchmark {
    static let name = "lookup"
    static let abstract = "matcher latency on a ≥ 1M-term store: exact and cascade p50/p90/p99, index build and memory"
    static let help = """
        usage: onoma-bench lookup [--store PATH] [--terms N] [--queries N] [--sets LIST] [--cold] [--dump FILE]

        Measures EntityMatcher.lookup(_:language:target:) in process, one query at a time on one thread, on a
        store of at least N terms (the shipped Glossaries/ plus synthetic persons; built with `onoma-bench store`
        in a child process when PATH does not exist, reused when it does).

        Reports the store (size, build time), the matcher's index build time and resident memory (VmRSS, VmHWM
        from /proc/self/status, before and after, after malloc_trim; the fuzzy step's index, which the matcher
        builds on first use, is built here by prepareFuzzyIndex() and reported apart), then for each query set:
        count, p50, p90, p99, mean, max, queries matched, correct (the best match is the query's concept, a
        curated concept of the same English name, or a concept holding the stored name a typo was made from) and
        the cascade step that answered. Cascade queries whose
        normalized form is a stored term's (what the exact step compares) are dropped first; the first 100
        queries of each set are run untimed (warm-up); then every query is timed once, alone, in a shuffled
        order. Targets: exact p50 ≤ 20 µs; cascade p50 ≤ 1 ms, judged on all cascade queries and on those that
        ran the fuzzy step (PASS/FAIL). A breakdown times up to 500 queries of each set through
        NameNormalizer.normalize alone and through lookup(name:explain:false) on names normalized beforehand
        (the batch job's call) and, as the floor for exact look-ups, a Swift Dictionary of every stored text.

        Query sets (fixed seed; the same queries every run):
          exact        stored terms sampled uniformly, as written, with their language
          exonym       CLDR fr/de/es/it/pl/cs/tr/nl/pt names of places the store keeps with only their English
                       and non-Latin names (the store builder removed these), e.g. fr "Erevan" for Yerevan
          respelled    synthetic persons' English names respelled the Polish way, as Polish (Paszinjan)
          typo-2       stored Latin-script names of 10+ letters with 2 letters changed
          absent       CLDR en and fr…pt names of places left out of the store: a match is false unless it is the
                       place's curated twin (same English name), counted apart

        options:
          --store PATH   the store (default Benchmarks/out/lookup-<N>.sqlite; built when missing)
          --terms N      terms of a store built here (default 1000000; 1M, 200k accepted)
          --queries N    queries per set, at most (default 2000); exonym and absent have 747 and 359 held-out
                         names
          --sets LIST    run only these sets, comma-separated (default: all; e.g. exact,typo-2); the
                         cascade target is then judged on the cascade sets run
          --cold         compute the transcription keys (fresh key cache) instead of reading the benchmark's
                         cache (Benchmarks/out/cache/onoma/transcription-*.bin, filled by the first run)
          --dump FILE    write every query's matches (concept, method, score, matched term, canonical form,
                         explanation) from the timed pass, then from lookup(name:explain:false), in set order:
                         two runs' dumps are equal when the matcher's results are (untimed; adds a pass)

        Run time on 2 cores: about 40 seconds with the store and key cache in place (the index build is most of
        it); a first run adds about 20 s for the store and 20 s for the transcription keys.

        """

    /// The names of the query sets (for `--sets`).
    static let setNames: Set<String> = ["exact", "exonym", "respelled", "typo-2", "absent"]

    /// Queries of each set run untimed before the timed pass.
    static let warmUp = 100

    /// Queries of each set timed again in the breakdown.
    static let breakdownLimit = 500

    /// The targets of the matching issue.
    static let exactTarget = 20_000.0
    static let cascadeTarget = 1_000_000.0

    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, valued: ["store", "terms", "queries", "sets", "dump"], flags: ["cold"])
        let terms = try options.count("terms", default: 1_000_000)
        let queryCount = try options.count("queries", default: 2_000)
        let selected = options.string("sets").map { Set($0.split(separator: ",").map(String.init)) } ?? setNames
        if let unknown = selected.subtracting(setNames).first {
            throw UsageError(description: "unknown query set \"\(unknown)\" in --sets (sets: "
                             + "\(setNames.sorted().joined(separator: ", ")))")
        }
        let path = try options.string("store") ?? BenchmarkStore.defaultPath(terms: terms)
        var generator = SeededGenerator(seed: 20_251_204)

        print("== onoma-bench lookup: in-process EntityMatcher latency")
        #if DEBUG
        print("   WARNING: debug build; timings are meaningless (build with -c release)")
        #endif
        print("   \(ProcessInfo.processInfo.activeProcessorCount) cores, ICU \(ICU.version), "
              + "\(ISO8601DateFormatter().string(from: Date()))")

        // 1. The store: built in a child process, so that its memory does not count in the matcher's.
        print("\n== store \(path)")
        flushOutput()
        if !FileManager.default.fileExists(atPath: path) {
            let (seconds, _) = try Stopwatch.time { try buildStoreInChild(path: path, terms: terms) }
            print("  built in \(Format.seconds(seconds)) (child process `onoma-bench store`, wall clock)")
        } else if let report = try? String(contentsOfFile: BenchmarkStore.reportPath(store: path), encoding: .utf8) {
            print("  reused; its build report (\(BenchmarkStore.reportPath(store: path))):")
            for line in report.split(separator: "\n") { print("  | " + line) }
        } else {
            print("  reused (no build report)")
        }
        let store = try GlossaryStore.open(path: path)
        let stats = try store.stats()
        print("  \(Format.count(stats.conceptCount)) concepts, \(Format.count(stats.termCount)) terms, "
              + "\(Format.megabytes(stats.sizeOnDisk)) on disk")
        let heldOut = try QuerySets.heldOut()
        if let absent = heldOut.absentIDs.first, try store.concept(id: absent) != nil {
            throw BenchmarkError(description: "\(path) holds \(absent), which `onoma-bench store` leaves out: it was "
                                 + "not built by this benchmark; pass another --store or remove it")
        }
        if stats.termCount < 1_000_000 {
            print("  note: fewer than 1,000,000 terms; the issue's targets are for a store of ≥ 1M terms")
        }

        // 2. The matcher's indexes, with the benchmark's own transcription-key cache (or a fresh one).
        let cache = try prepareKeyCache(cold: options.flag("cold"), store: path)
        print("\n== matcher index: EntityMatcher(store:), transcription-key cache \(cache.state)")
        flushOutput()
        let before = ResidentMemory.trimmed()
        // The transcription index is built on first use since it can be; built here, it counts in the build as before.
        let (buildSeconds, matcher) = try Stopwatch.time { () throws -> EntityMatcher in
            let matcher = try EntityMatcher(store: store)
            matcher.prepareTranscriptionIndex()
            return matcher
        }
        let built = ResidentMemory.read()
        let builtTrimmed = ResidentMemory.trimmed()
        print("  build: \(Format.seconds(buildSeconds)) wall (load \(Format.count(matcher.stats.terms)) terms from "
              + "SQLite, transcription keys, exact/key/Latin/transcription hash indexes; uses every core)")
        print("  VmRSS \(Format.megabytes(before.current)) → \(Format.megabytes(built.current)) right after the build, "
              + "\(Format.megabytes(builtTrimmed.current)) once the build's freed temporaries are trimmed "
              + "(+\(Format.megabytes(builtTrimmed.current - before.current)) held by the matcher); "
              + "VmHWM \(Format.megabytes(built.peak))")
        let (fuzzySeconds, _) = Stopwatch.time { matcher.prepareFuzzyIndex() }
        let fuzzy = ResidentMemory.trimmed()
        print("  fuzzy-step index (trigram and skeleton lists of transcription-key pairs, built on first use or by "
              + "prepareFuzzyIndex(), here): \(Format.seconds(fuzzySeconds)); "
              + "VmRSS → \(Format.megabytes(fuzzy.current)) trimmed "
              + "(+\(Format.megabytes(fuzzy.current - builtTrimmed.current))); VmHWM \(Format.megabytes(fuzzy.peak))")
        print("  index total: \(Format.seconds(buildSeconds + fuzzySeconds)); matcher resident "
              + "+\(Format.megabytes(fuzzy.current - before.current)) (VmRSS \(Format.megabytes(before.current)) → "
              + "\(Format.megabytes(fuzzy.current)), trimmed); peak VmHWM \(Format.megabytes(fuzzy.peak))")
        cache.cleanUp()

        // 3. The query sets.
        let (scanSeconds, scan) = try Stopwatch.time {
            // Twice the count, for the queries the filter below drops.
            try QuerySets.scan(store, count: 2 * queryCount, generator: &generator)
        }
        var sets = [
            QuerySet(name: "exact", summary: "stored terms sampled uniformly from the \(Format.count(scan.terms)), as "
                     + "written, with their language", isCascade: false, expectsMatch: true, queries: scan.exact),
            QuerySet(name: "exonym", summary: "CLDR fr/de/es/it/pl/cs/tr/nl/pt names of \(heldOut.exonymIDs.count) "
                     + "stored places whose non-English Latin names were removed", isCascade: true,
                     expectsMatch: true, queries: heldOut.exonyms.shuffled(using: &generator)),
            QuerySet(name: "respelled", summary: "synthetic persons' English names respelled the Polish way "
                     + "(sh→sz, ch→cz, kh→ch, zh→ż, v→w, ya→ja …), --from pl", isCascade: true, expectsMatch: true,
                     queries: QuerySets.respelled(scan.respellSources)),
            QuerySet(name: "typo-2", summary: "stored Latin-script names of 10+ letters with 2 letters changed",
                     isCascade: true, expectsMatch: true,
                     queries: QuerySets.typos(scan.typoSources, generator: &generator)),
            QuerySet(name: "absent", summary: "CLDR en/fr…pt names of \(heldOut.absentIDs.count) places left out of "
                     + "the store (a match is false unless it is a curated twin)", isCascade: true, expectsMatch: false,
                     queries: heldOut.absent.shuffled(using: &generator)),
        ]
        sets.removeAll { !selected.contains($0.name) }
        print("\n== query sets (drawn in \(Format.seconds(scanSeconds)): one pass over the store's terms)")
        flushOutput()

        // 4. Cascade queries spelled as a stored term (what the exact step compares: the normalized form) are
        // dropped, each set is cut to `queryCount`, and a few queries of each set are run untimed (warm-up).
        let normalizer = NameNormalizer()
        for i in sets.indices {
            var dropped = 0
            sets[i].queries = Array(try sets[i].queries.filter { query in
                guard let name = try? normalizer.normalize(query.text, language: query.language.description) else {
                    return false
                }
                guard sets[i].isCascade, try !store.terms(normalized: name.normalized).isEmpty else { return true }
                dropped += 1
                return false
            }.prefix(queryCount))
            print("  " + Format.column(sets[i].name, 10) + Format.column(Format.count(sets[i].queries.count), 7,
                                                                       right: true)
                  + "  " + sets[i].summary + (dropped > 0 ? " (\(dropped) spelled as a stored term dropped)" : ""))
            flushOutput()
        }
        let (warmSeconds, _) = Stopwatch.time {
            for set in sets {
                for query in set.queries.prefix(warmUp) {
                    _ = matcher.lookup(query.text, language: query.language, target: QuerySets.english)
                }
            }
        }
        print("  warm-up: the first \(warmUp) queries of each set, untimed, \(Format.seconds(warmSeconds))")

        // 5. Timed: each query alone, shuffled.
        print("\n== latency of EntityMatcher.lookup(text, language:, target: en), one thread, each query timed alone")
        flushOutput()
        let latencyHeader = Format.column("set", 10) + Format.column("count", 7, right: true)
            + ["p50", "p90", "p99", "mean", "max"].map { Format.column($0, 10, right: true) }.joined()
        print(latencyHeader + Format.column("matched", 9, right: true) + Format.column("correct", 9, right: true)
              + "  answered by")
        var cascadeTimes: [Double] = [], fullCascadeTimes: [Double] = []
        var exactTimes = (shipped: [Double](), synthetic: [Double]())
        var exactLatencies = Latencies([])
        var cascadeMatched = 0
        // Each set's results in set order, for --dump.
        var results: [[LookupResult?]] = sets.map { [LookupResult?](repeating: nil, count: $0.queries.count) }
        for (setIndex, set) in sets.enumerated() {
            let order = Array(set.queries.indices).shuffled(using: &generator)
            let queries = order.map { set.queries[$0] }
            var times: [Double] = []
            times.reserveCapacity(queries.count)
            var matched = 0, correct = 0, twins = 0
            var methods: [String: Int] = [:]
            for (position, query) in queries.enumerated() {
                let start = Stopwatch.clock.now
                let result = matcher.lookup(query.text, language: query.language, target: QuerySets.english)
                let elapsed = Stopwatch.nanoseconds(Stopwatch.clock.now - start)
                times.append(elapsed)
                if options.string("dump") != nil { results[setIndex][order[position]] = result }
                if set.isCascade, result.best == nil || result.best?.method == .fuzzy {
                    fullCascadeTimes.append(elapsed)
                }
                if !set.isCascade {
                    if query.gold?.hasPrefix("person-") == true { exactTimes.synthetic.append(elapsed) }
                    else { exactTimes.shipped.append(elapsed) }
                }
                guard let best = result.best else {
                    methods["none", default: 0] += 1
                    continue
                }
                matched += 1
                methods[best.method.rawValue, default: 0] += 1
                if best.conceptID == query.gold
                    || (query.goldEnglish != nil && best.canonical?.text == query.goldEnglish)
                    || (query.original != nil && best.matchedTerm.text == query.original) {
                    correct += 1
                }
                if !set.expectsMatch, let english = query.goldEnglish, best.canonical?.text == english { twins += 1 }
            }
            let latencies = Latencies(times)
            if set.isCascade {
                cascadeTimes += times
                cascadeMatched += matched
            } else {
                exactLatencies = latencies
            }
            let answered = (MatchMethod.allCases.map(\.rawValue) + ["none"]).compactMap { method in
                methods[method].map { "\(method) \($0)" }
            }.joined(separator: ", ")
            print(row(set.name, latencies) + Format.column(Format.count(matched), 9, right: true)
                  + Format.column(set.expectsMatch ? Format.count(correct) : "-", 9, right: true) + "  " + answered)
            if !set.expectsMatch {
                // A curated concept with the left-out place's English name is that place (the store builder leaves
                // out the CLDR concept only): finding it is right, the rest are false matches.
                print(String(repeating: " ", count: 20) + "of the \(Format.count(matched)) matched: "
                      + "\(Format.count(twins)) the left-out place's curated twin (same English name, same place), "
                      + "\(Format.count(matched - twins)) false matches = "
                      + String(format: "%.1f %%", 100 * Double(matched - twins) / Double(max(queries.count, 1))))
            }
            if !set.isCascade {
                let pad = String(repeating: " ", count: 20)
                print(row(" shipped", Latencies(exactTimes.shipped)) + pad + "of which curated + CLDR terms")
                print(row(" synth.", Latencies(exactTimes.synthetic)) + pad + "of which synthetic persons")
            }
        }
        let cascade = Latencies(cascadeTimes)
        let fullCascade = Latencies(fullCascadeTimes)
        let cascadeNames = sets.filter(\.isCascade).map(\.name)
        if !cascadeNames.isEmpty {
            print(row("cascade", cascade) + Format.column(Format.count(cascadeMatched), 9, right: true)
                  + "           all cascade queries (\(cascadeNames.joined(separator: " + ")))")
            print(row(" to fuzzy", fullCascade) + "                    of which through every step (answered by "
                  + "fuzzy, or no match)")
        }

        if let dump = options.string("dump") {
            let (dumpSeconds, lines) = Stopwatch.time { dumpLines(sets, results, matcher: matcher) }
            try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: dump))
            print("  --dump: \(Format.count(lines.count)) lines written to \(dump) (\(Format.seconds(dumpSeconds)), "
                  + "untimed)")
        }

        // 6. Where the time goes, and the floor.
        print("\n== breakdown on the first \(breakdownLimit) queries of each set (one thread, each call timed alone)")
        flushOutput()
        print(latencyHeader + "  measured call")
        for set in sets {
            let names = set.queries.prefix(breakdownLimit).compactMap { query in
                (try? normalizer.normalize(query.text, language: query.language.description)).map { (query, $0) }
            }
            let normalize = time(names) { query, _ in
                _ = try? normalizer.normalize(query.text, language: query.language.description)
            }
            print(row(set.name, normalize) + "  NameNormalizer.normalize alone")
            let batch = time(names) { query, name in
                _ = matcher.lookup(name: name, language: query.language, target: QuerySets.english, explain: false)
            }
            print(row(set.name, batch) + "  lookup(name:explain:false) on the normalized name (the batch job's call)")
        }
        let exactQueries = sets.first { $0.name == "exact" }?.queries ?? []
        let dictionary = scan.dictionary
        if !exactQueries.isEmpty {
            let floor = time(exactQueries.map { ($0, ()) }) { query, _ in _ = dictionary[query.text] }
            print(row("exact", floor) + "  peer floor: Swift Dictionary<String, Int32> of all "
                  + "\(Format.count(dictionary.count)) stored texts, raw text as key")
        }

        // 7. Targets.
        let end = ResidentMemory.read()
        print("\n== targets (matching issue: store of ≥ 1M terms, in process)")
        func verdict(_ latencies: Latencies, _ target: Double) -> String {
            latencies.count == 0 ? "not run"
                : Format.latency(latencies.quantile(0.5)) + (latencies.quantile(0.5) <= target ? "  PASS" : "  FAIL")
        }
        print("  exact   p50 ≤ 20 µs: " + verdict(exactLatencies, exactTarget)
              + "   (stored terms as written, \(Format.count(exactLatencies.count)) queries)")
        print("  cascade p50 ≤ 1 ms:  " + verdict(cascade, cascadeTarget)
              + "   (all \(Format.count(cascade.count)) cascade queries; the mix sets this figure)")
        print("  cascade p50 ≤ 1 ms:  " + verdict(fullCascade, cascadeTarget)
              + "   (the \(Format.count(fullCascade.count)) cascade queries that ran the fuzzy step)")
        print("  store: \(Format.count(stats.termCount)) terms; index build \(Format.seconds(buildSeconds)) "
              + "+ fuzzy indexes \(Format.seconds(fuzzySeconds)); matcher resident "
              + "+\(Format.megabytes(fuzzy.current - before.current)); "
              + "process peak VmHWM \(Format.megabytes(end.peak))")
    }

    // MARK: - Private

    /// One table row: name, count, p50, p90, p99, mean, max.
    private static func row(_ name: String, _ latencies: Latencies) -> String {
        Format.column(name, 10) + Format.column(Format.count(latencies.count), 7, right: true)
            + [latencies.quantile(0.5), latencies.quantile(0.9), latencies.quantile(0.99), latencies.mean,
               latencies.maximum].map { Format.column(Format.latency($0), 10, right: true) }.joined()
    }

    /// The `--dump` lines: per query, in set order, its matches from the timed pass (with explanations), then those
    /// of `lookup(name:explain:false)` on the normalized name (without). Scores are printed exactly.
    private static func dumpLines(_ sets: [QuerySet], _ results: [[LookupResult?]], matcher: EntityMatcher)
        -> [String]
    {
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        func matches(_ result: LookupResult?, explained: Bool) -> [String] {
            guard let result else { return ["\tnot run\n"] }
            if let error = result.error { return ["\terror \(clean(error))\n"] }
            return result.matches.map { match in
                "\t\(match.conceptID)\t\(match.method.rawValue)\t\(match.score)\t\(match.matchedTerm.language) "
                    + "\(clean(match.matchedTerm.text))\t\(clean(match.canonical?.text ?? "-"))"
                    + (explained ? "\t" + clean(match.explanation) : "") + "\n"
            }
        }
        var lines: [String] = []
        for (set, setResults) in zip(sets, results) {
            for (query, result) in zip(set.queries, setResults) {
                lines.append("\(set.name)\t\(query.language)\t\(clean(query.text))\n")
                lines += matches(result, explained: true)
                lines.append(" batch\n")
                let batch = result?.name.map {
                    matcher.lookup(name: $0, language: query.language, target: QuerySets.english, explain: false)
                }
                lines += matches(batch, explained: false)
            }
        }
        return lines
    }

    /// Times `body` on each item alone (the main pass has warmed everything up).
    private static func time<T, U>(_ items: [(T, U)], _ body: (T, U) -> Void) -> Latencies {
        var times: [Double] = []
        times.reserveCapacity(items.count)
        for (a, b) in items {
            let start = Stopwatch.clock.now
            body(a, b)
            times.append(Stopwatch.nanoseconds(Stopwatch.clock.now - start))
        }
        return Latencies(times)
    }

    /// Runs `onoma-bench store` on `path` in a child process (this executable).
    private static func buildStoreInChild(path: String, terms: Int) throws {
        guard let executable = Bundle.main.executableURL
            ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                .map(URL.init(fileURLWithPath:))
        else { throw BenchmarkError(description: "cannot find the onoma-bench executable to build the store") }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["store", "--store", path, "--terms", String(terms)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(description: "building the store failed (onoma-bench store, status "
                                 + "\(process.terminationStatus))")
        }
    }

    /// Where the matcher's transcription-key cache is read and written during the build.
    private struct KeyCache {
        var state: String
        var temporary: String?

        func cleanUp() {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
        }
    }

    /// Points `XDG_CACHE_HOME` (read by the matcher's key cache) at the benchmark's own cache next to the store,
    /// or, for `cold`, at a fresh directory, so the user's `~/.cache/onoma` is neither read nor written.
    private static func prepareKeyCache(cold: Bool, store: String) throws -> KeyCache {
        let directory: String
        var temporary: String?
        if cold {
            directory = NSTemporaryDirectory() + "onoma-bench-cache-\(getpid())"
            temporary = directory
        } else {
            directory = ((store as NSString).deletingLastPathComponent as NSString).appendingPathComponent("cache")
        }
        try FileManager.default.createDirectory(atPath: directory + "/onoma", withIntermediateDirectories: true)
        setenv("XDG_CACHE_HOME", directory, 1)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/onoma")) ?? []
        let warm = files.contains { $0.hasPrefix("transcription-") && $0.hasSuffix(".bin") }
        let state = cold ? "cold (--cold: fresh cache, every key computed, then saved)"
            : warm ? "warm (\(directory)/onoma holds the keys of an earlier run)"
            : "cold (\(directory)/onoma is empty: every key computed, then saved; later runs read it)"
        return KeyCache(state: state, temporary: temporary)
    }
}
