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
/// `Sendable` notes: `concurrentPerform` runs each iteration once; iteration `i` writes cell `i` alone, and the
/// cells are read only after `concurrentPerform` returns.
private final class Cells<Value>: @unchecked Sendable {
    private var storage: [Value]
    init(count: Int, initial: Value) { storage = Array(repeating: initial, count: count) }
    func set(_ index: Int, _ value: Value) { storage.withUnsafeMutableBufferPointer { $0[index] = value } }
    var values: [Value] { storage }
}
