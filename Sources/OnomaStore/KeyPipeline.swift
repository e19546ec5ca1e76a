import Dispatch
import Foundation
import OnomaGlossary
import OnomaText
import Synchronization

/// The keys of a batch's new terms, computed on all cores in chunks while the import writes the terms.
///
/// SQLite writes on one core. Normalizing every term first and writing afterwards left the other cores idle during
/// the write, and the writer idle during normalization; here worker threads take chunks in order, and the writer
/// (through a ``Reader``) waits only for the chunk it needs next. The workers run at most ``window`` chunks ahead of
/// the writer (128k terms by default), so the computed keys held in memory stay bounded however large the batch.
///
/// ```swift
/// let pipeline = KeyPipeline(inputs, normalizer: normalizer)   // workers start now
/// var reader = pipeline.reader()
/// for i in inputs.indices { let keys = try reader.keys(at: i).get() … }
/// reader.finish()                                              // stops the workers, waits for them
/// ```
///
/// `Sendable` notes: the chunks' state is behind a `Mutex`; the semaphores and atomics are thread-safe. A chunk's
/// results are stored before its `ready` semaphore is signalled, so the reader that waited sees them.
final class KeyPipeline: Sendable {
    /// Terms per chunk: enough for a worker to amortize its bookkeeping, few enough that the writer starts soon.
    let chunkSize: Int
    /// How many chunks the workers may compute beyond the one the writer is on.
    let window: Int

    typealias Keys = Result<TermKeys, NameError>

    private enum Chunk {
        /// Not done yet (or taken by a worker).
        case pending
        case done([Keys])
        /// The writer went past it: not computed, or its results dropped.
        case discarded
    }

    /// Where the inputs come from.
    enum Source: Sendable {
        /// The inputs, listed.
        case list([TermKeys.Input])
        /// Every term of `concepts`, concept after concept; concept `i`'s terms are inputs `starts[i]..<starts[i + 1]`.
        /// A large import into an empty store normalizes every term: listing them first was a serial pass over a
        /// million terms before any worker could start.
        case terms([Concept], starts: [Int])

        /// The number of inputs.
        var count: Int {
            switch self {
            case .list(let inputs): inputs.count
            case .terms(_, let starts): starts.last ?? 0
            }
        }

        /// Input `index`.
        func input(at index: Int) -> TermKeys.Input {
            switch self {
            case .list(let inputs):
                return inputs[index]
            case .terms(let concepts, let starts):
                // The last concept whose first term is at or before `index`.
                var low = 0, high = concepts.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if starts[middle] <= index { low = middle } else { high = middle - 1 }
                }
                let term = concepts[low].terms[index - starts[low]]
                return TermKeys.Input(text: term.text, language: term.language)
            }
        }
    }

    let source: Source
    private let normalizer: NameNormalizer
    private let progress: (@Sendable (Int) -> Void)?
    private let chunks: Mutex<[Chunk]>
    private let ready: [DispatchSemaphore]
    /// Chunks the workers may still take before the writer moves on. Created at 0 and raised to `window`:
    /// libdispatch refuses to free a semaphore left below its initial value.
    private let slots = DispatchSemaphore(value: 0)
    private let next = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    private let workers = DispatchGroup()
    private let workerCount: Int

    /// Starts computing the keys of `inputs` on all cores.
    ///
    /// - Parameters:
    ///   - chunkSize: inputs per chunk; one chunk is computed at once, on this thread.
    ///   - window: how many chunks the workers may be ahead of the reader.
    ///   - progress: called from worker threads with the number of inputs just done.
    convenience init(_ inputs: [TermKeys.Input], normalizer: NameNormalizer, chunkSize: Int = 2048, window: Int = 64,
                     progress: (@Sendable (Int) -> Void)? = nil)
    {
        self.init(source: .list(inputs), normalizer: normalizer, chunkSize: chunkSize, window: window,
                  progress: progress)
    }

    /// Starts computing the keys of the inputs of `source` on all cores
    /// (see ``init(_:normalizer:chunkSize:window:progress:)``).
    init(source: Source, normalizer: NameNormalizer, chunkSize: Int = 2048, window: Int = 64,
         progress: (@Sendable (Int) -> Void)? = nil)
    {
        self.source = source
        self.normalizer = normalizer
        self.progress = progress
        self.chunkSize = chunkSize
        self.window = window
        let total = source.count
        let count = (total + chunkSize - 1) / chunkSize
        chunks = Mutex([Chunk](repeating: .pending, count: count))
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        // One chunk is computed on the spot: threads would cost more than they save.
        workerCount = count > 1 ? min(count, Parallel.workers) : 0
        for _ in 0..<window { slots.signal() }
        if count == 1 {
            work(inline: true)
            return
        }
        // Threads of their own, not the global queue's: the import may be called from one of its threads (a
        // `concurrentPerform` iteration), and workers queued behind a thread that waits for them would stall.
        for n in 0..<workerCount {
            workers.enter()
            let thread = Thread { [self] in
                work(inline: false)
                workers.leave()
            }
            thread.name = "onoma.store.keys.\(n)"
            thread.start()
        }
    }

    /// The writer's side: one per pipeline, used by one thread.
    func reader() -> Reader { Reader(pipeline: self) }

    // MARK: - Workers

    /// Takes chunks in order until none is left or the writer is done, with one memo of word results for all.
    private func work(inline: Bool) {
        let memo = NormalizationMemo()
        while true {
            if !inline { slots.wait() }
            let chunk = next.add(1, ordering: .relaxed).oldValue
            if chunk >= ready.count || cancelled.load(ordering: .relaxed) { return }
            let discarded = chunks.withLock { chunks in
                if case .discarded = chunks[chunk] { return true }
                return false
            }
            if !discarded {
                let range = chunk * chunkSize..<min(source.count, (chunk + 1) * chunkSize)
                var results: [Keys] = []
                results.reserveCapacity(range.count)
                for i in range {
                    let input = source.input(at: i)
                    results.append(Result { () throws(NameError) -> TermKeys in
                        try TermKeys(text: input.text, language: input.language, normalizer: normalizer, memo: memo)
                    })
                }
                chunks.withLock { chunks in
                    if case .pending = chunks[chunk] { chunks[chunk] = .done(results) }
                }
                progress?(range.count)
            }
            ready[chunk].signal()
        }
    }

    /// Stops the workers after their current chunk and waits for them.
    private func stop() {
        cancelled.store(true, ordering: .relaxed)
        for _ in 0..<workerCount { slots.signal() }
        workers.wait()
    }

    // MARK: - Reader

    /// The writer's access to the keys, in (mostly) increasing input order.
    struct Reader {
        private let pipeline: KeyPipeline
        /// The chunk the writer is on, and its keys.
        private var current = -1
        private var keys: [Keys] = []
        private var finished = false

        fileprivate init(pipeline: KeyPipeline) {
            self.pipeline = pipeline
        }

        /// How many inputs the pipeline computes.
        var count: Int { pipeline.source.count }

        /// The keys of input `index`, waiting for its chunk if needed.
        ///
        /// Chunks before the one asked for are dropped, and those not computed yet are skipped by the workers: ask
        /// in increasing order. An input of a dropped chunk is computed again, on this thread.
        mutating func keys(at index: Int) -> Keys {
            let chunk = index / pipeline.chunkSize
            if chunk == current { return keys[index - chunk * pipeline.chunkSize] }
            if chunk < current || finished { return compute(index) }
            // Drop the chunks passed over (the current one and any skipped), giving their slots back.
            let passed = max(current, 0)..<chunk
            pipeline.chunks.withLock { chunks in
                for k in passed { chunks[k] = .discarded }
            }
            for _ in passed { pipeline.slots.signal() }
            pipeline.ready[chunk].wait()
            current = chunk
            keys = pipeline.chunks.withLock { chunks in
                guard case let .done(keys) = chunks[chunk] else { return [] }
                chunks[chunk] = .discarded
                return keys
            }
            // Only a dropped chunk has no keys, and this one was not dropped: computed again if it ever happens.
            if keys.isEmpty { return compute(index) }
            return keys[index - chunk * pipeline.chunkSize]
        }

        /// Stops the workers (those still running finish their chunk) and waits for them. Call it when done, also
        /// after a failure.
        mutating func finish() {
            guard !finished else { return }
            finished = true
            keys = []
            current = -1
            pipeline.stop()
        }

        private func compute(_ index: Int) -> Keys {
            let input = pipeline.source.input(at: index)
            return Result { () throws(NameError) -> TermKeys in
                try TermKeys(text: input.text, language: input.language, normalizer: pipeline.normalizer)
            }
        }
    }
}
