import Dispatch
import Foundation
import Synchronization
public import OnomaText

/// The batch job: names in, one ``BatchRow`` out per input row, in the same order.
///
/// Rows are read in chunks of raw bytes. Each chunk is split into one contiguous slice per worker; a worker looks each
/// name up in the shared cache (read-only while workers run) and copies its cached output line, or computes a name
/// nobody has seen with the shared word memo and encodes its line once. The calling thread then merges the new
/// results into the cache and emits the rows in order. Memory is bounded by the chunk size and the cache's limits, so
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
    private let encoding: RowEncoding?
    /// Rows per chunk.
    public let chunkSize: Int
    /// Distinct names remembered across chunks before the cache is emptied.
    public let cacheLimit: Int
    /// Bytes of names and output lines the cache holds before it is emptied, whatever the number of names.
    static let cacheByteLimit = 256 << 20
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
        // Entry numbers of a chunk's new names share a 32-bit row reference with the slot (see `SliceResult.refs`).
        self.chunkSize = max(1, min(chunkSize, SliceResult.entryMask))
        // Cache entry numbers share a 32-bit row reference with two flag bits (see `SliceResult.refs`).
        self.cacheLimit = min(cacheLimit, SliceResult.computedFlag / 2)
        self.workers = min(64, max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount))
        // A larger word memo than the default: a batch of unique names in many scripts meets a few hundred thousand
        // (transliterator, word) pairs, and each miss is an ICU transliteration.
        self.memo = NormalizationMemo.shared(limit: 500_000)
        // The native transliterators compile while the first rows are read, not when the first worker needs one.
        NativeTransliterators.installInBackground()
    }

    /// The result for one distinct name, shared by every row with that name. (Its encoded output line is kept in
    /// the cache beside it.)
    fileprivate final class Outcome: Sendable {
        let name: NormalizedName?
        let entity: LinkedEntity?
        let error: String?

        init(name: NormalizedName?, entity: LinkedEntity?, error: String?) {
            self.name = name
            self.entity = entity
            self.error = error
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

    /// Starts compiling what a large job needs, every native transliterator, on another thread before the job
    /// exists: start-up work of the caller's own (opening a store and loading its matcher, ~25 ms on one core) then
    /// overlaps it (~60 ms of CPU on all cores) instead of preceding it. A job of a few names should not call it: the
    /// compilation would hold up the first name that needs a transliterator.
    public static func prepare() {
        NativeTransliterators.installInBackground()
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
            var rows = try readChunk(&reader)
            // The chunk the workers finished last, handled while they work on the next one.
            var finished: BatchChunk?
            func deliver(_ chunk: BatchChunk) throws {
                try handle(chunk)
                state.bytesRead = doneBytes + source.offset
                state.bytesTotal = totalBytes > 0 ? totalBytes : nil
                progress(state)
            }
            while rows.count > 0 {
                if cache.count > cacheLimit || cache.byteCount > Self.cacheByteLimit {
                    Self.releaseInBackground(&cache)
                }
                // The workers process this chunk while this thread hands the previous one to `handle` (writing it)
                // and reads the next one: reading, decoding and writing, which are sequential by nature, overlap the
                // parallel work instead of adding to it. The workers drop their reference to the cache before they
                // finish, so merging into it afterwards does not copy it.
                let work = ChunkWork(rows: rows, cache: cache, slots: workers + 1, pieceSize: Self.pieceSize)
                let group = start(work)
                let next: RowReader.Block
                do {
                    if let chunk = finished { try deliver(chunk) }
                    finished = nil
                    next = try readChunk(&reader)
                } catch {
                    group.wait()
                    work.finish()
                    throw error
                }
                // This thread takes pieces too once it has written and read: the last slot is its own.
                work.run(slot: workers, with: self)
                group.wait()
                let (pieces, locals) = work.finish()
                var errors: [Int] = []
                var merged: [[Int]] = []
                for local in locals {
                    // The names each slot computed go into the cache; two slots may both have computed a name new
                    // to it, which is stored once. `merged` maps each slot's entries to the cache's.
                    var map: [Int] = []
                    map.reserveCapacity(local.count)
                    for entry in 0..<local.count {
                        local.withEntry(entry) { name, payload, hash, flag in
                            map.append(cache.find(name, hash: hash)
                                ?? cache.insert(name, hash: hash, value: local.values[entry], payload: payload,
                                                flag: flag))
                        }
                    }
                    state.computed += local.count
                    merged.append(map)
                }
                for piece in pieces { errors += piece.errors }
                state.rows += rows.count
                state.errors += errors.count
                finished = BatchChunk(file: source.name, rows: rows, slices: pieces, merged: merged,
                                      errorRows: errors, outcomes: cache.values)
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

    /// Up to ``chunkSize`` rows; fewer only at the end of the source or past `RowReader.chunkByteLimit`.
    private func readChunk(_ reader: inout RowReader) throws -> RowReader.Block {
        var rows = RowReader.Block(capacity: chunkSize)
        try reader.read(chunkSize, into: &rows)
        return rows
    }

    /// A chunk of processed rows, in input order.
    public struct BatchChunk {
        /// The input file's name.
        public let file: String
        fileprivate let rows: RowReader.Block
        fileprivate let slices: [SliceResult]
        /// Each worker slot's computed entries' numbers in the cache.
        fileprivate let merged: [[Int]]
        /// Indexes of the rows that have an error.
        public let errorRows: [Int]
        /// The cache's results when the chunk was done, which `SliceResult.refs` point into.
        fileprivate let outcomes: [Outcome]

        /// The number of rows.
        public var count: Int { rows.count }

        fileprivate func locate(_ index: Int) -> (slice: Int, offset: Int) {
            var offset = index
            for (i, slice) in slices.enumerated() {
                if offset < slice.refs.count { return (i, offset) }
                offset -= slice.refs.count
            }
            preconditionFailure("row \(index) out of range")
        }

        /// Row `index` of the chunk.
        public func row(_ index: Int) -> BatchRow {
            let (s, offset) = locate(index)
            let slice = slices[s]
            let ref = Int(slice.refs[offset])
            let outcome: Outcome
            if ref & SliceResult.uncachedFlag != 0 {
                outcome = slice.uncached[ref & ~SliceResult.uncachedFlag]
            } else if ref & SliceResult.computedFlag != 0 {
                let computed = ref & ~SliceResult.computedFlag
                outcome = outcomes[merged[computed >> SliceResult.slotShift][computed & SliceResult.entryMask]]
            } else {
                outcome = outcomes[ref]
            }
            let encoded = slice.ends.count > offset + 1 ? slice.bytes[slice.ends[offset]..<slice.ends[offset + 1]] : nil
            return BatchRow(input: rows.text(index), name: outcome.name, entity: outcome.entity, error: outcome.error,
                            file: file, line: rows.lines[index], encoded: encoded)
        }

        /// The encoded output of rows `0..<end`, as byte runs to write in order (empty without an output format).
        public func encoded(upTo end: Int) -> [ArraySlice<UInt8>] {
            var runs: [ArraySlice<UInt8>] = []
            var remaining = end
            for slice in slices where remaining > 0 && slice.ends.count > 1 {
                let take = min(remaining, slice.refs.count)
                runs.append(slice.bytes[0..<slice.ends[take]])
                remaining -= take
            }
            return runs
        }
    }

    /// What a worker produced for one piece of a chunk.
    fileprivate struct SliceResult: Sendable {
        /// Each row's result: a cache entry number; or, with `computedFlag`, a worker slot's new name (the slot
        /// number above `slotShift`, the entry of its table below); or, with `uncachedFlag`, an index in `uncached`.
        /// Numbers, not references: copying a reference to a shared result would change its reference count, which
        /// the workers would contend for.
        var refs: [UInt32] = []
        static let computedFlag = 1 << 30
        static let uncachedFlag = 1 << 31
        static let slotShift = 22
        static let entryMask = (1 << slotShift) - 1
        /// Results of rows that are not cached (unreadable rows, whose message names their place in the file).
        var uncached: [Outcome] = []
        /// The chunk's indexes of this slice's rows that have an error.
        var errors: [Int] = []
        /// Encoded output lines, back to back; line `i` is `bytes[ends[i]..<ends[i + 1]]`.
        var bytes: [UInt8] = []
        var ends: [Int] = [0]
    }

    /// Rows per piece: the unit workers take from a chunk, small enough that a worker the system pauses holds up
    /// little of it.
    static let pieceSize = 1_024

    /// Starts `workers` threads on `work`; `group` is done when they have stopped taking pieces.
    ///
    /// Each worker runs on a thread of its own rather than on Dispatch's pool: `onoma normalize` runs inside Swift
    /// concurrency, whose threads already fill the pool's width (one per core), so `concurrentPerform` from there
    /// ran every slice on one thread. Workers take pieces in turn from a shared counter rather than a fixed half
    /// each: on a shared machine one thread is often paused, and a fixed split made the whole chunk wait for it.
    private func start(_ work: ChunkWork) -> DispatchGroup {
        let group = DispatchGroup()
        let threads = work.pieceCount <= 1 ? 0 : workers
        for slot in 0..<threads {
            group.enter()
            let thread = Thread { [self] in
                work.run(slot: slot, with: self)
                group.leave()
            }
            // Stack room for ICU on a secondary thread, as on the main one.
            thread.stackSize = 8 << 20
            thread.start()
        }
        return group
    }

    /// A chunk being processed: its rows, the cache as it was, and what the workers produce.
    ///
    /// `Sendable` notes: the rows and the cache are only read while workers run. Each piece's cell is written by
    /// the one worker that took its number from the atomic counter, each slot's table only by the thread that runs
    /// that slot, and both are read by the calling thread after the group is done (`finish`), which orders the
    /// writes before the reads.
    fileprivate final class ChunkWork: @unchecked Sendable {
        let rows: RowReader.Block
        /// Emptied by `finish`, so that the caller's merge into its cache does not copy the whole cache.
        private(set) var cache: NameTable<Outcome>
        let pieceSize: Int
        let pieceCount: Int
        private let next = Atomic<Int>(0)
        private let pieces: UnsafeMutableBufferPointer<SliceResult>
        private let locals: UnsafeMutableBufferPointer<NameTable<Outcome>>
        private var finished = false

        init(rows: RowReader.Block, cache: NameTable<Outcome>, slots: Int, pieceSize: Int) {
            self.rows = rows
            self.cache = cache
            self.pieceSize = pieceSize
            self.pieceCount = (rows.count + pieceSize - 1) / pieceSize
            pieces = .allocate(capacity: pieceCount)
            pieces.initialize(repeating: SliceResult())
            locals = .allocate(capacity: slots)
            locals.initialize(repeating: NameTable())
        }

        /// Takes pieces until none is left, with slot `slot`'s table of new names.
        func run(slot: Int, with job: BatchNormalizer) {
            while true {
                let piece = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if piece >= pieceCount { return }
                let range = piece * pieceSize..<min(rows.count, (piece + 1) * pieceSize)
                pieces[piece] = job.processPiece(self, range: range, slot: slot, local: &locals[slot])
            }
        }

        /// The pieces' results in row order and each slot's new names; called once, after the workers are done.
        @discardableResult
        func finish() -> (pieces: [SliceResult], locals: [NameTable<Outcome>]) {
            precondition(!finished)
            finished = true
            cache = NameTable()
            let result = (Array(pieces), Array(locals))
            pieces.deinitialize()
            pieces.deallocate()
            locals.deinitialize()
            locals.deallocate()
            return result
        }

        deinit { if !finished { finish() } }
    }

    /// Processes rows `range` of `work`'s chunk; names new to the cache go into `local`, slot `slot`'s table.
    fileprivate func processPiece(_ work: ChunkWork, range: Range<Int>, slot: Int,
                                  local: inout NameTable<Outcome>) -> SliceResult
    {
        let block = work.rows
        let cache = work.cache
        let computedBase = SliceResult.computedFlag | slot << SliceResult.slotShift
        var result = SliceResult()
        result.refs.reserveCapacity(range.count)
        if encoding != nil {
            result.ends.reserveCapacity(range.count + 1)
            result.bytes.reserveCapacity(range.count * 64)
        }
        var problem = 0
        while problem < block.problems.count, block.problems[problem].row < range.lowerBound { problem += 1 }
        var line: [UInt8] = []

        block.bytes.withUnsafeBufferPointer { all in
            for row in range {
                if problem < block.problems.count, block.problems[problem].row == row {
                    appendUncached(row, text: block.problems[problem].text, error: block.problems[problem].error,
                                   to: &result)
                    problem += 1
                    continue
                }
                let name = UnsafeBufferPointer(rebasing: all[block.ends[row]..<block.ends[row + 1]])
                let hash = NameTable<Outcome>.hash(name)
                // A repeated name: its output line is copied from the cache, or from this slice's own new names.
                let encoded = encoding != nil
                if let (entry, error) = cache.lookup(name, hash: hash, copyingPayloadTo: &result.bytes, copy: encoded) {
                    result.refs.append(UInt32(entry))
                    if error { result.errors.append(row) }
                    if encoded { result.ends.append(result.bytes.count) }
                    continue
                }
                if let (entry, error) = local.lookup(name, hash: hash, copyingPayloadTo: &result.bytes, copy: encoded) {
                    result.refs.append(UInt32(computedBase | entry))
                    if error { result.errors.append(row) }
                    if encoded { result.ends.append(result.bytes.count) }
                    continue
                }
                // A new name. Plain lines reach here unchecked: invalid UTF-8 is an error row, never cached, as its
                // message names its place in the file.
                guard let text = String(validating: name, as: UTF8.self) else {
                    let (shown, error) = RowReader.decodeInvalid(name, offset: block.offsets[row])
                    appendUncached(row, text: shown, error: error, to: &result)
                    continue
                }
                let outcome = compute(text, memo: memo)
                line.removeAll(keepingCapacity: true)
                if let encoding {
                    encoding.appendInput(text, to: &line)
                    line.append(contentsOf: encoding.tail(name: outcome.name, entity: outcome.entity,
                                                          error: outcome.error))
                    result.bytes.append(contentsOf: line)
                    result.ends.append(result.bytes.count)
                }
                let entry = line.withUnsafeBufferPointer {
                    local.insert(name, hash: hash, value: outcome, payload: $0, flag: outcome.error != nil)
                }
                result.refs.append(UInt32(computedBase | entry))
                if outcome.error != nil { result.errors.append(row) }
            }
        }
        return result
    }

    /// Appends the output line of a row whose result is not cached to `result`.
    ///
    /// (A method, not a function nested in `processPiece`: capturing the result there would box it and check every
    /// access to it at run time.)
    private func appendUncached(_ row: Int, text: String, error: String, to result: inout SliceResult) {
        let outcome = Outcome(name: nil, entity: nil, error: error)
        result.refs.append(UInt32(SliceResult.uncachedFlag | result.uncached.count))
        result.uncached.append(outcome)
        result.errors.append(row)
        if let encoding {
            encoding.appendInput(text, to: &result.bytes)
            result.bytes.append(contentsOf: encoding.tail(name: nil, entity: nil, error: error))
            result.ends.append(result.bytes.count)
        }
    }

    private func compute(_ text: String, memo: NormalizationMemo) -> Outcome {
        do {
            let name = try normalizer.normalize(text, language: language.tag, memo: memo)
            return Outcome(name: name, entity: linker?.link(name, language: language), error: nil)
        } catch {
            return Outcome(name: nil, entity: nil, error: error.description)
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
