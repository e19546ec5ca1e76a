import Foundation

/// One `onoma-bench` subcommand: a benchmark with its own options, in its own file.
///
/// To add one, write a type conforming to this protocol and list it in `benchmarks` (`main.swift`).
protocol Benchmark {
    /// The subcommand name (`lookup`).
    static var name: String { get }
    /// One line for the top-level help.
    static var abstract: String { get }
    /// The subcommand's `--help` text: usage line, what it measures, options.
    static var help: String { get }
    /// Runs the benchmark with the arguments after its name.
    ///
    /// - Throws: ``UsageError`` for bad arguments (exit status 64), anything else for a failed run (status 1).
    static func run(_ arguments: [String]) throws
}

/// Bad command-line arguments.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// A failed benchmark run, with a message a user can act on.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

/// The options of one subcommand: `--name value`, `--name=value` and `--flag`, nothing positional.
struct Options {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` against the option names a subcommand accepts.
    ///
    /// - Parameters:
    ///   - valued: options that take a value (`store`, `terms`), without the dashes.
    ///   - flags: options that take none (`cold`).
    /// - Throws: ``UsageError`` for an unknown option, a missing value or a positional argument.
    init(_ arguments: [String], valued: Set<String>, flags flagNames: Set<String> = []) throws(UsageError) {
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("--") else { throw UsageError(description: "unexpected argument \"\(argument)\"") }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagNames.contains(name), value == nil {
                flags.insert(name)
            } else if valued.contains(name) {
                if value == nil {
                    i += 1
                    guard i < arguments.count else { throw UsageError(description: "--\(name) needs a value") }
                    value = arguments[i]
                }
                values[name] = value
            } else {
                throw UsageError(description: "unknown option --\(name)")
            }
            i += 1
        }
    }

    /// The value of `--name`, if given.
    func string(_ name: String) -> String? { values[name] }

    /// The value of `--name` as a positive integer (`1000000`, `1_000_000`, `1M`, `20k`), or `default`.
    func count(_ name: String, default value: Int) throws(UsageError) -> Int {
        guard let text = values[name] else { return value }
        var digits = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        var scale = 1
        if let last = digits.last?.lowercased(), last == "k" || last == "m" {
            scale = last == "k" ? 1_000 : 1_000_000
            digits.removeLast()
        }
        guard let number = Int(digits), number > 0 else {
            throw UsageError(description: "--\(name) takes a positive number (e.g. 1000000 or 1M), not \"\(text)\"")
        }
        return number * scale
    }

    /// Whether `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}
