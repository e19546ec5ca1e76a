import Dispatch
import Foundation
public import OnomaText

/// The batch job: names in, one ``BatchRow`` out per input row, in the same order.
///
/// Rows are read in chunks; each chunk's distinct names that are not yet cached are computed in parallel on every
/// core, then the chunk's rows are emitted in order. Memory is bounded by the chunk size and the cache limit, so
/// input size does not matter.
///
/// ```swift
/// let job = BatchNormalizer(language: LanguageHint("fr"))
/// try job.run(sources: [try InputSource(path: "names.txt")], layout: .lines) { row in print(row.input) }
/// ```
public final class BatchNormalizer: Sendable {
    private let normalizer: NameNormalizer
    private let linker: (any NameLinker)?
    private let language: LanguageHint
    /// Rows per chunk.
    public let chunkSize: Int
    /// Distinct names remembered across chunks before the cache is emptied.
    public let cacheLimit: Int
    /// Worker threads.
    public let workers: Int

    /// Creates a job.
    ///
    /// - Parameters:
    ///   - language: the language hint for every name.
    ///   - linker: when given, fills the entity columns.
    public init(normalizer: NameNormalizer = NameNormalizer(), language: LanguageHint, linker: (any NameLinker)? = nil,
                chunkSize: Int = 16_384, cacheLimit: Int = 500_000,
                workers: Int? = nil) {
        self.normalizer = normalizer
        self.linker = linker
        self.language = language
        self.chunkSize = chunkSize
        self.cacheLimit = cacheLimit
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The result for one distinct name.
    private struct Outcome: Sendable {
        var name: NormalizedName?
        var entity: LinkedEntity?
        var error: String?
    }

    /// Counters for progress and the summary line.
    public struct Progress: Sendable {
        /// Rows emitted so far.
        public var rows = 0
        /// Rows with an error.
        public var errors = 0
        /// Distinct names computed (cache misses).
        public var computed = 0
        /// Bytes read so far in the current source, and its size when known.
        public var bytesRead = 0
        public var bytesTotal: Int?

        /// Zero counters.
        public init() {}
    }

    /// Runs the job over `sources` in order.
    ///
    /// - Parameters:
    ///   - emit: called once per row, in input order.
    ///   - progress: called after each chunk.
    /// - Throws: ``BatchInputError`` for input that cannot be read at all (unknown column, I/O error), or whatever
    ///   `emit` throws (for `--strict`).
    public func run(
        sources: [InputSource],
        layout: InputLayout,
        emit: (BatchRow) throws -> Void,
        progress: (Progress) -> Void = { _ in }
    ) throws {
        var cache: [String: Outcome] = [:]
        var state = Progress()
        let totalBytes = sources.reduce(0) { $0 + ($1.size ?? 0) }
        var doneBytes = 0
        for source in sources {
            var reader = RowReader(source: source, layout: layout)
            var finished = false
            while !finished {
                var chunk: [RowReader.RawRow] = []
                chunk.reserveCapacity(chunkSize)
                while chunk.count < chunkSize {
                    guard let row = try reader.next() else {
                        finished = true
                        break
                    }
                    chunk.append(row)
                }
                if cache.count > cacheLimit { cache.removeAll(keepingCapacity: true) }
                var pending: [String] = []
                var seen = Set<String>()
                for row in chunk where row.error == nil && cache[row.text] == nil {
                    if seen.insert(row.text).inserted { pending.append(row.text) }
                }
                let results = compute(pending)
                for (text, outcome) in zip(pending, results) { cache[text] = outcome }
                state.computed += pending.count
                for row in chunk {
                    let outcome = row.error == nil ? cache[row.text]! : Outcome(error: row.error)
                    if outcome.error != nil { state.errors += 1 }
                    state.rows += 1
                    try emit(BatchRow(input: row.text, name: outcome.name, entity: outcome.entity,
                                      error: outcome.error, file: source.name, line: row.line))
                }
                state.bytesRead = doneBytes + source.offset
                state.bytesTotal = totalBytes > 0 ? totalBytes : nil
                progress(state)
            }
            doneBytes += source.offset
        }
    }

    /// Computes `names` on all workers; the result array is in the same order.
    private func compute(_ names: [String]) -> [Outcome] {
        if names.isEmpty { return [] }
        let results = UnsafeMutableBufferPointer<Outcome>.allocate(capacity: names.count)
        results.initialize(repeating: Outcome())
        defer { results.deinitialize(); results.deallocate() }
        let slices = names.count < 64 ? 1 : workers * 4
        let per = (names.count + slices - 1) / slices
        let box = ResultBox(results)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let lower = slice * per
            let upper = min(names.count, lower + per)
            guard lower < upper else { return }
            for i in lower..<upper { box.buffer[i] = outcome(for: names[i]) }
        }
        return Array(results)
    }

    private func outcome(for text: String) -> Outcome {
        do {
            let name = try normalizer.normalize(text, language: language.tag)
            return Outcome(name: name, entity: linker?.link(name, language: language))
        } catch {
            return Outcome(error: error.description)
        }
    }

    /// Hands the result buffer to the workers.
    ///
    /// `Sendable` notes: each worker writes a disjoint index range, and the buffer outlives `concurrentPerform`.
    private struct ResultBox: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Outcome>
        init(_ buffer: UnsafeMutableBufferPointer<Outcome>) { self.buffer = buffer }
    }
}
