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
    /// One word memo per worker, kept across chunks; worker `i` is the only user of `memos[i]`.
    private let memos: MemoBox

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
        self.memos = MemoBox((0..<self.workers).map { _ in NormalizationMemo() })
    }

    /// The result for one distinct name.
    private struct Outcome: Sendable {
        /// A number unique to this outcome in the run, so writers can memoize its encoding.
        var id = 0
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
        // Keyed by the name's UTF-8 bytes: byte equality is what "the same input" means here, and hashing bytes
        // avoids String's Unicode-normalizing hash.
        var cache: [ByteKey: Outcome] = [:]
        var nextID = 0
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
                var keys: [ByteKey?] = []
                keys.reserveCapacity(chunk.count)
                for row in chunk {
                    guard row.error == nil else {
                        keys.append(nil)
                        continue
                    }
                    let key = ByteKey(utf8: row.text)
                    keys.append(key)
                    if cache[key] == nil {
                        cache[key] = Outcome(id: -1)  // placeholder: computed below
                        pending.append(row.text)
                    }
                }
                let results = compute(pending)
                for (text, var outcome) in zip(pending, results) {
                    nextID += 1
                    outcome.id = nextID
                    cache[ByteKey(utf8: text)] = outcome
                }
                state.computed += pending.count
                for (row, key) in zip(chunk, keys) {
                    let outcome = key.map { cache[$0]! } ?? Outcome(error: row.error)
                    if outcome.error != nil { state.errors += 1 }
                    state.rows += 1
                    try emit(BatchRow(input: row.text, name: outcome.name, entity: outcome.entity,
                                      error: outcome.error, file: source.name, line: row.line,
                                      resultID: key == nil ? nil : outcome.id))
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
        // Exactly one slice per worker, so each slice owns its worker's memo for the duration.
        let slices = names.count < 64 ? 1 : workers
        let per = (names.count + slices - 1) / slices
        let box = ResultBox(results)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let lower = slice * per
            let upper = min(names.count, lower + per)
            guard lower < upper else { return }
            let memo = memos.memos[slice]
            for i in lower..<upper { box.buffer[i] = outcome(for: names[i], memo: memo) }
        }
        return Array(results)
    }

    private func outcome(for text: String, memo: NormalizationMemo) -> Outcome {
        do {
            let name = try normalizer.normalize(text, language: language.tag, memo: memo)
            return Outcome(name: name, entity: linker?.link(name, language: language))
        } catch {
            return Outcome(error: error.description)
        }
    }

    /// The workers' memos.
    ///
    /// `Sendable` notes: `compute` runs one slice per worker index and slice `i` alone touches `memos[i]`; chunks
    /// are computed one after another, never concurrently.
    private struct MemoBox: @unchecked Sendable {
        let memos: [NormalizationMemo]
        init(_ memos: [NormalizationMemo]) { self.memos = memos }
    }

    /// Hands the result buffer to the workers.
    ///
    /// `Sendable` notes: each worker writes a disjoint index range, and the buffer outlives `concurrentPerform`.
    private struct ResultBox: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Outcome>
        init(_ buffer: UnsafeMutableBufferPointer<Outcome>) { self.buffer = buffer }
    }
}
