import Foundation
import OnomaMatching

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `onoma-bench keys`: what the transcription step costs per name the store lacks.
enum KeysBenchmark: Benchmark {
    static let name = "keys"
    static let abstract = "transcription keys per unseen name (the cascade's costliest step on unseen spellings)"
    static let help = """
        usage: onoma-bench keys [--text PATH] [--language LANG] [--runs N]

        Measures TranscriptionRules.transcription(prepared:convention:generic: false), the keys the cascade
        computes for every name that neither its exact, key nor transliteration step finds (as `onoma link`
        runs it: no generic-word keys). The names are the capitalized words and runs of capitalized words of
        --text (default Benchmarks/out/link-fr-news-varied-2mb.txt, written by `onoma-bench link`: nearly
        every capitalized word there is a spelling no store holds), each prepared as the cascade prepares it.
        One thread; best of --runs passes (default 5) by thread CPU time; prints ns per name and the keys'
        checksum (the same on every build that computes the same keys).

        """

    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, valued: ["text", "language", "runs"])
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let path = options.string("text") ?? root.appendingPathComponent(
            "Benchmarks/out/link-fr-news-varied-2mb.txt").path
        let language = options.string("language") ?? "fr"
        let runs = try options.count("runs", default: 5)
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) })
        else { throw BenchmarkError(description: "cannot read \(path) (run `onoma-bench link` once to write it)") }
        let names = Self.capitalizedRuns(text).map(TranscriptionRules.prepare)
        let rules = TranscriptionRules.shared
        print("keys: \(Format.count(names.count)) names from \(path), convention \(language)")
        var best = Double.infinity
        var checksum: UInt64 = 0
        for _ in 0..<runs {
            var sum: UInt64 = 0
            let start = LinkBenchmark.threadCPUTime()
            for name in names {
                let keys = (try? rules.transcription(prepared: name, convention: language, generic: false))?.keys
                for key in keys ?? [] { sum &+= stableHash(key) }
            }
            best = min(best, LinkBenchmark.threadCPUTime() - start)
            checksum = sum
        }
        print(String(format: "  %.0f ns per name (best of %d, thread CPU), checksum %016llx", best * 1e9
            / Double(max(1, names.count)), runs, checksum))
    }

    /// The text's capitalized words and runs of them ("Ilhamakan Alievrael"), in order, repeats kept.
    static func capitalizedRuns(_ text: String) -> [String] {
        var out: [String] = []
        var run: [Substring] = []
        for word in text.split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
            if word.first?.isUppercase == true {
                run.append(word)
            } else if !run.isEmpty {
                out.append(run.joined(separator: " "))
                run.removeAll()
            }
        }
        if !run.isEmpty { out.append(run.joined(separator: " ")) }
        return out
    }
}
