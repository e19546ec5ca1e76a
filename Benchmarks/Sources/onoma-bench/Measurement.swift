import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes out what `print` buffered: standard output is fully buffered in a pipe (`| tee`), and a child process
/// writes to the same pipe.
func flushOutput() { fflush(nil) }

// MARK: - Time

/// Wall-clock timing on the monotonic clock.
enum Stopwatch {
    static let clock = ContinuousClock()

    /// Seconds taken by `body`, and its result.
    static func time<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        let start = clock.now
        let value = try body()
        return (seconds(clock.now - start), value)
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// A duration in nanoseconds.
    static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) * 1e-9
    }
}

/// Per-query latencies of one query set, in nanoseconds, with their summary figures.
struct Latencies {
    /// The times, sorted.
    let sorted: [Double]

    init(_ nanoseconds: [Double]) { sorted = nanoseconds.sorted() }

    var count: Int { sorted.count }

    /// The `q` quantile by nearest rank (`0.5` → p50): the smallest time at or above which `q` of the queries lie.
    func quantile(_ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    var mean: Double { sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) }
    var maximum: Double { sorted.last ?? .nan }
}

// MARK: - Memory

/// The resident memory of this process, from `/proc/self/status` (Linux).
struct ResidentMemory {
    /// Resident set size now (`VmRSS`), bytes.
    var current: Int
    /// Peak resident set size so far (`VmHWM`), bytes.
    var peak: Int

    /// Reads both figures after handing the allocator's free pages back to the system (`malloc_trim(0)`, glibc),
    /// so that `current` counts live memory rather than what freed temporaries left in the heap.
    static func trimmed() -> ResidentMemory {
        typealias Trim = @convention(c) (Int) -> Int32
        // Looked up at run time: <malloc.h> is not part of the Glibc module.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        return read()
    }

    /// Reads both figures; zero where `/proc` is not available.
    static func read() -> ResidentMemory {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return ResidentMemory(current: 0, peak: 0)
        }
        func kilobytes(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
        }
        return ResidentMemory(current: kilobytes("VmRSS") * 1024, peak: kilobytes("VmHWM") * 1024)
    }
}

// MARK: - Formatting

enum Format {
    /// `1234567` → `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Nanoseconds as µs (`14.2 µs`, `0.85 µs`) or, from 10 ms, ms.
    static func latency(_ nanoseconds: Double) -> String {
        guard nanoseconds.isFinite else { return "-" }
        let micro = nanoseconds / 1000
        if micro < 10 { return String(format: "%.2f µs", micro) }
        if micro < 10_000 { return String(format: "%.1f µs", micro) }
        return String(format: "%.1f ms", micro / 1000)
    }

    /// Bytes as MB (2^20).
    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }

    /// Seconds with two decimals.
    static func seconds(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

    /// `text` padded (or cut) to `width` columns, left- or right-aligned.
    static func column(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}

// MARK: - Randomness

/// SplitMix64: a small seeded generator, so every run draws the same queries.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A uniform sample of fixed size from a stream of unknown length (reservoir sampling, algorithm R).
struct Reservoir<Element> {
    let capacity: Int
    private(set) var items: [Element] = []
    private(set) var seen = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func offer(_ item: Element, using generator: inout SeededGenerator) {
        seen += 1
        if items.count < capacity {
            items.append(item)
        } else {
            let slot = Int.random(in: 0..<seen, using: &generator)
            if slot < capacity { items[slot] = item }
        }
    }
}

/// 64-bit FNV-1a of a string: a hash stable across runs (Swift's `Hasher` is seeded per process).
func stableHash(_ text: String) -> UInt64 {
    var value: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01B3
    }
    return value
}
