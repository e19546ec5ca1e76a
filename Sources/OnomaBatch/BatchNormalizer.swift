import Dispatch
import Foundation
public import OnomaText

/// The batch job: names in, one ``BatchRow`` out per input row, in the same order.
///
/// Rows are read in chunks. Each chunk is split into one contiguous slice per worker; a worker looks each name up in
/// the shared cache (read-only while workers run), computes the names nobody has seen with the shared word memo, and,
/// when an output format is set, encodes its rows' output lines. The calling thread then merges the new results into
/// the cache and emits the rows in order. Memory is bounded by the chunk size and the cache limit, so input size
/// does not matter.
///
/// ```swift
/// let job = BatchNormalizer(language: LanguageHint("fr"))
/// try job.run(sources: [try InputSource(path: "names.txt")], layout: .lines) { row in print(row.input) }
/// ```
public final class BatchNormalizer: Sendable {
    private let normalizer: NameNormalizer
    private let linker: (any NameLinker)?
    private let language: LanguageHint
    private let encoding: RowEncoding?
    /// Rows per chunk.
    public let chunkSize: Int
    /// Distinct names remembered across chunks before the cache is emptied.
    public let cacheLimit: Int
    /// Worker threads.
    public let workers: Int
    /// The word memo all workers share, kept across chunks: a word is transliterated once for all of them.
    private let memo: NormalizationMemo

    /// Creates a job.
    ///
    /// - Parameters:
    ///   - language: the language hint for every name.
    ///   - linker: when given, fills the entity columns.
    ///   - output: when given, workers encode each row's output line (``BatchRow/encoded``) in this format, so the
    ///     writing thread only copies bytes.
    public init(normalizer: NameNormalizer = NameNormalizer(), language: LanguageHint, linker: (any NameLinker)? = nil,
                output: BatchFormat? = nil, chunkSize: Int = 32_768, cacheLimit: Int = 500_000, workers: Int? = nil) {
        self.normalizer = normalizer
        self.linker = linker
        self.language = language
        self.encoding = output.map { RowEncoding(format: $0, withEntity: linker != nil) }
        self.chunkSize = chunkSize
        self.cacheLimit = cacheLimit
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        // A larger word memo than the default: a batch of unique names in many scripts meets a few hundred thousand
        // (transliterator, word) pairs, and each miss is an ICU transliteration.
        self.memo = NormalizationMemo.shared(limit: 500_000)
    }

    /// The result for one distinct name, shared by every row with that name.
    fileprivate final class Outcome: Sendable {
        let name: NormalizedName?
        let entity: LinkedEntity?
        let error: String?
        /// The encoded output columns after `input`, when an output format is set.
        let tail: [UInt8]

        init(name: NormalizedName?, entity: LinkedEntity?, error: String?, encoding: RowEncoding?) {
            self.name = name
            self.entity = entity
            self.error = error
            self.tail = encoding?.tail(name: name, entity: entity, error: error) ?? []
        }
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

    /// Runs the job over `sources` in order, one ``BatchRow`` at a time.
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
        try runChunks(sources: sources, layout: layout, handle: { chunk in
            for index in 0..<chunk.count { try emit(chunk.row(index)) }
        }, progress: progress)
    }

    /// Runs the job over `sources` in order, a chunk of rows at a time: the fast path for writers, which copy each
    /// chunk's pre-encoded bytes (``BatchChunk/encoded(upTo:)``) without touching rows one by one.
    public func runChunks(
        sources: [InputSource],
        layout: InputLayout,
        handle: (BatchChunk) throws -> Void,
        progress: (Progress) -> Void = { _ in }
    ) throws {
        // Keyed by the name's UTF-8 bytes: byte equality is what "the same input" means here.
        var cache = NameTable<Outcome>()
        var state = Progress()
        let totalBytes = sources.reduce(0) { $0 + ($1.size ?? 0) }
        var doneBytes = 0
        for source in sources {
            var reader = RowReader(source: source, layout: layout)
            var rows = try Self.readChunk(&reader, size: chunkSize)
            // The chunk the workers finished last, handled while they work on the next one.
            var finished: BatchChunk?
            func deliver(_ chunk: BatchChunk) throws {
                try handle(chunk)
                state.bytesRead = doneBytes + source.offset
                state.bytesTotal = totalBytes > 0 ? totalBytes : nil
                progress(state)
            }
            while !rows.isEmpty {
                // (A chunk adds at most 2 GB of names, a 32-bit offset's reach.)
                if cache.count > cacheLimit || !cache.hasRoom(for: chunkSize * RowReader.lineLimit) {
                    Self.releaseInBackground(&cache)
                }
                // The workers process this chunk while this thread hands the previous one to `handle` (writing it)
                // and reads the next one: reading, decoding and writing, which are sequential by nature, overlap the
                // parallel work instead of adding to it. The workers drop their reference to the cache before they
                // finish, so merging into it afterwards does not copy it.
                let work = Box<(rows: [RowReader.RawRow], cache: NameTable<Outcome>)>((rows, cache))
                let (group, result) = process(work)
                defer { result.deallocate() }
                let next: [RowReader.RawRow]
                do {
                    if let chunk = finished { try deliver(chunk) }
                    finished = nil
                    next = try Self.readChunk(&reader, size: chunkSize)
                } catch {
                    group.wait()
                    throw error
                }
                group.wait()
                work.value = ([], NameTable())
                let slices = Array(result.slices)
                var errors: [Int] = []
                var index = 0
                for slice in slices {
                    for (hash, name, outcome) in slice.computed {
                        // Two slices may both have computed a name new to the cache: it is stored once.
                        var name = name
                        name.withUTF8 { bytes in
                            guard cache.value(for: bytes, hash: hash) == nil else { return }
                            cache.insert(bytes, hash: hash, value: outcome)
                        }
                    }
                    state.computed += slice.computed.count
                    for outcome in slice.outcomes {
                        if outcome.error != nil { errors.append(index) }
                        index += 1
                    }
                }
                state.rows += rows.count
                state.errors += errors.count
                finished = BatchChunk(file: source.name, rows: rows, slices: slices, errorRows: errors)
                rows = next
            }
            if let chunk = finished { try deliver(chunk) }
            doneBytes += source.offset
        }
        Self.releaseInBackground(&cache)
    }

    /// Empties `cache`, releasing its results on another thread: half a million results take a while to free, and
    /// this thread is the one that feeds the workers (or, at the end, the one the caller waits for).
    private static func releaseInBackground(_ cache: inout NameTable<Outcome>) {
        let full = Box(cache)
        cache = NameTable()
        DispatchQueue.global(qos: .utility).async { full.value = NameTable() }
    }

    /// Up to `size` rows; fewer only at the end of the source.
    private static func readChunk(_ reader: inout RowReader, size: Int) throws -> [RowReader.RawRow] {
        var rows: [RowReader.RawRow] = []
        rows.reserveCapacity(size)
        while rows.count < size, let row = try reader.next() { rows.append(row) }
        return rows
    }

    /// A chunk of processed rows, in input order.
    public struct BatchChunk {
        /// The input file's name.
        public let file: String
        fileprivate let rows: [RowReader.RawRow]
        fileprivate let slices: [SliceResult]
        /// Indexes of the rows that have an error.
        public let errorRows: [Int]

        /// The number of rows.
        public var count: Int { rows.count }

        fileprivate func locate(_ index: Int) -> (slice: Int, offset: Int) {
            var offset = index
            for (i, slice) in slices.enumerated() {
                if offset < slice.outcomes.count { return (i, offset) }
                offset -= slice.outcomes.count
            }
            preconditionFailure("row \(index) out of range")
        }

        /// Row `index` of the chunk.
        public func row(_ index: Int) -> BatchRow {
            let (s, offset) = locate(index)
            let slice = slices[s]
            let outcome = slice.outcomes[offset]
            let raw = rows[index]
            let encoded = slice.ends.count > offset + 1 ? slice.bytes[slice.ends[offset]..<slice.ends[offset + 1]] : nil
            return BatchRow(input: raw.text, name: outcome.name, entity: outcome.entity, error: outcome.error,
                            file: file, line: raw.line, encoded: encoded)
        }

        /// The encoded output of rows `0..<end`, as byte runs to write in order (empty without an output format).
        public func encoded(upTo end: Int) -> [ArraySlice<UInt8>] {
            var runs: [ArraySlice<UInt8>] = []
            var remaining = end
            for slice in slices where remaining > 0 && slice.ends.count > 1 {
                let take = min(remaining, slice.outcomes.count)
                runs.append(slice.bytes[0..<slice.ends[take]])
                remaining -= take
            }
            return runs
        }
    }

    /// What one worker produced for its slice of a chunk.
    fileprivate struct SliceResult: Sendable {
        var outcomes: [Outcome] = []
        /// Names this worker computed (with their ``NameTable`` hash), to merge into the cache.
        var computed: [(hash: UInt64, name: String, outcome: Outcome)] = []
        /// Encoded output lines, back to back; line `i` is `bytes[ends[i]..<ends[i + 1]]`.
        var bytes: [UInt8] = []
        var ends: [Int] = [0]
    }

    /// Starts processing a chunk on the workers, one thread per slice; when `group` is done, `result` holds the
    /// slice results in row order.
    ///
    /// Each slice runs on a thread of its own rather than on Dispatch's pool: `onoma normalize` runs inside Swift
    /// concurrency, whose threads already fill the pool's width (one per core), so `concurrentPerform` from there
    /// ran every slice on one thread. The workers share one word memo (it locks its own stripes); the rows and the
    /// cache are read-only while the workers run, and they read them through `work`, which the caller empties
    /// afterwards.
    private func process(_ work: Box<(rows: [RowReader.RawRow], cache: NameTable<Outcome>)>)
        -> (DispatchGroup, SliceResults)
    {
        let count = work.value.rows.count
        let slices = count < 256 ? 1 : workers
        let per = (count + slices - 1) / slices
        let result = SliceResults(count: slices)
        let group = DispatchGroup()
        for slice in 0..<slices {
            group.enter()
            let thread = Thread { [self] in
                let range = min(count, slice * per)..<min(count, (slice + 1) * per)
                result.set(slice, processSlice(work, range: range, memo: memo))
                group.leave()
            }
            // Stack room for ICU on a secondary thread, as on the main one.
            thread.stackSize = 8 << 20
            thread.start()
        }
        return (group, result)
    }

    /// Processes rows `range` of the chunk in `work` with `memo`.
    private func processSlice(_ work: Box<(rows: [RowReader.RawRow], cache: NameTable<Outcome>)>, range: Range<Int>,
                              memo: NormalizationMemo) -> SliceResult
    {
        let chunk = work.value.rows
        let cache = work.value.cache
        var result = SliceResult()
        result.outcomes.reserveCapacity(range.count)
        var local = NameTable<Outcome>()
        for row in chunk[range] {
            let outcome: Outcome
            if let error = row.error {
                outcome = Outcome(name: nil, entity: nil, error: error, encoding: encoding)
            } else {
                var text = row.text
                outcome = text.withUTF8 { bytes in
                    let hash = NameTable<Outcome>.hash(bytes)
                    if let hit = cache.value(for: bytes, hash: hash) ?? local.value(for: bytes, hash: hash) {
                        return hit
                    }
                    let computed = compute(row.text, memo: memo)
                    local.insert(bytes, hash: hash, value: computed)
                    result.computed.append((hash, row.text, computed))
                    return computed
                }
            }
            result.outcomes.append(outcome)
            if let encoding {
                encoding.appendInput(row.text, to: &result.bytes)
                result.bytes.append(contentsOf: outcome.tail)
                result.ends.append(result.bytes.count)
            }
        }
        return result
    }

    /// One result cell per slice, each written by its slice's thread alone and read after all of them are done.
    ///
    /// `Sendable` notes: cells are distinct memory, written once each before `DispatchGroup.leave()`, and read
    /// after `wait()`, which orders the write before the read.
    fileprivate final class SliceResults: @unchecked Sendable {
        private let cells: UnsafeMutableBufferPointer<SliceResult>

        init(count: Int) {
            cells = .allocate(capacity: count)
            cells.initialize(repeating: SliceResult())
        }

        func set(_ slice: Int, _ value: SliceResult) { cells[slice] = value }

        /// The results, in slice order.
        var slices: UnsafeMutableBufferPointer<SliceResult> { cells }

        /// Frees the cells; called once, after the results were copied out.
        func deallocate() {
            cells.deinitialize()
            cells.deallocate()
        }
    }

    private func compute(_ text: String, memo: NormalizationMemo) -> Outcome {
        do {
            let name = try normalizer.normalize(text, language: language.tag, memo: memo)
            return Outcome(name: name, entity: linker?.link(name, language: language), error: nil, encoding: encoding)
        } catch {
            return Outcome(name: nil, entity: nil, error: error.description, encoding: encoding)
        }
    }
}

/// A reference cell for handing values to worker threads.
///
/// `Sendable` notes: every use follows one discipline: the calling thread fills or reads the cell only before and
/// after the workers run; during it, workers either only read it or each write a distinct cell of their own.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
