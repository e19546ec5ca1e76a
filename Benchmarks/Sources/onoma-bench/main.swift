// In-process benchmarks of Onoma's libraries; see Benchmarks/README.md.
//
// One subcommand per benchmark, each in its own file, registered in `benchmarks` below.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmarks, in the order `--help` lists them.
let benchmarks: [any Benchmark.Type] = [
    LookupBenchmark.self, LinkBenchmark.self, KeysBenchmark.self, StoreBenchmark.self,
]

/// The top-level help text.
@MainActor
func usage() -> String {
    // A closure, not the key path `\.name.count`: on an existential metatype the key path crashes the 6.3.1 compiler.
    let width = benchmarks.map { $0.name.count }.max() ?? 0
    let list = benchmarks.map { "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.abstract }
    return """
        onoma-bench: in-process benchmarks of Onoma's libraries (build with -c release).

        usage: onoma-bench <benchmark> [options]
               onoma-bench <benchmark> --help
               onoma-bench --help

        benchmarks:
        \(list.joined(separator: "\n"))

        Example:
          swift build -c release --scratch-path .build-bench --product onoma-bench
          .build-bench/release/onoma-bench lookup | tee Benchmarks/matching/latency-results.txt

        """
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
    print(usage(), terminator: "")
    exit(arguments.isEmpty ? 64 : 0)
}
guard let benchmark = benchmarks.first(where: { $0.name == name }) else {
    FileHandle.standardError.write(Data("onoma-bench: unknown benchmark \"\(name)\"\n\n\(usage())".utf8))
    exit(64)
}
let rest = Array(arguments.dropFirst())
if rest.contains("--help") || rest.contains("-h") {
    print(benchmark.help, terminator: "")
    exit(0)
}
do {
    try benchmark.run(rest)
} catch let error as UsageError {
    FileHandle.standardError.write(Data("onoma-bench \(name): \(error)\n\n\(benchmark.help)".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("onoma-bench \(name): \(error)\n".utf8))
    exit(1)
}
