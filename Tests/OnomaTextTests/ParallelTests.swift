import Dispatch
import Foundation
import OnomaText
import Synchronization
import Testing

@Suite struct ParallelTests {
    @Test(arguments: [(0, 4), (1, 4), (10, 3), (1000, 7), (5, 64)])
    func resultsComeInRangeOrderAndEverySliceRunsOnce(count: Int, slices: Int) {
        let seen = Mutex<[Int]>([])
        let values = Parallel.mapRanges(count: count, slices: slices) { slice, range in
            seen.withLock { $0.append(slice) }
            return Array(range)
        }
        #expect(values == Array(0..<count))
        let slicesRun = seen.withLock { $0 }
        #expect(slicesRun.count == Set(slicesRun).count)
    }

    /// Every `onoma` command runs inside Swift concurrency, whose threads may all be busy (here: as many tasks as
    /// cores, each in a `mapRanges`): the slices of each call must still be able to run at once.
    @Test func slicesRunAtOnceWhenEveryTaskThreadIsBusy() async {
        guard Parallel.workers > 1 else { return }
        let met = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<Parallel.workers {
                group.addTask {
                    let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
                    let met = Mutex(0)
                    _ = Parallel.mapRanges(count: 2, slices: 2) { slice, _ -> [Int] in
                        arrived[slice].signal()
                        // Run one after the other, the first slice would wait for the second in vain (10 s).
                        if arrived[1 - slice].wait(timeout: .now() + 10) == .success { met.withLock { $0 += 1 } }
                        return []
                    }
                    return met.withLock { $0 }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(met == 2 * Parallel.workers)
    }
}
