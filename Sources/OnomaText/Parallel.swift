import Dispatch
import Foundation

/// Data-parallel work on all cores, the one place Onoma splits work across threads.
public enum Parallel {
    /// Splits `0..<count` into `slices` contiguous ranges, runs `body(slice, range)` for each on all cores, and
    /// concatenates the results in range order.
    ///
    /// Slice `i` is run once, by one thread, so `body` may use per-slice state indexed by `slice` (a memo, a
    /// transliterator) without locks.
    ///
    /// ```swift
    /// let lengths = Parallel.mapRanges(count: names.count, slices: 8) { _, range in range.map { names[$0].count } }
    /// ```
    public static func mapRanges<R: Sendable>(
        count: Int,
        slices: Int,
        _ body: @Sendable (_ slice: Int, _ range: Range<Int>) -> [R]
    ) -> [R] {
        if count == 0 { return [] }
        let slices = max(1, min(slices, count))
        let per = (count + slices - 1) / slices
        let results = Cells<[R]>(count: slices, initial: [])
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let lower = slice * per
            let upper = min(count, lower + per)
            guard lower < upper else { return }
            results.set(slice, body(slice, lower..<upper))
        }
        return results.values.flatMap { $0 }
    }

    /// The number of worker threads to plan for: the active processor count.
    public static var workers: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// One cell per slice, each written by its own slice only.
///
/// `Sendable` notes: `concurrentPerform` runs each iteration once; iteration `i` writes cell `i` alone, through a
/// pointer to memory allocated once, and the cells are read only after `concurrentPerform` returns. (Writing through
/// a stored array's `withUnsafeMutableBufferPointer` instead was a formal data race, which the thread sanitizer
/// reported: each call is a mutating access to the one property, from every thread at once.)
private final class Cells<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value>
    private let count: Int

    init(count: Int, initial: Value) {
        self.count = count
        storage = UnsafeMutablePointer<Value>.allocate(capacity: count)
        storage.initialize(repeating: initial, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        precondition(index >= 0 && index < count, "cell out of range")
        storage[index] = value
    }

    var values: [Value] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}
