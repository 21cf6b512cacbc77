import Dispatch
import Foundation

/// Splits `0..<count` into contiguous chunks run on up to `threads` threads. Each index is
/// handled by exactly one chunk, and chunk boundaries never change what is computed for an
/// index, so results do not depend on the thread count.
public enum ParallelLoop {
    /// Cores available to this process.
    public static var availableThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Callers guarantee that chunks touch disjoint data; this box lets the closure cross into
    /// Dispatch's worker threads under Swift 6's checking.
    private struct Unchecked<T>: @unchecked Sendable { let value: T }

    public static func chunks(count: Int, threads: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let parts = max(1, min(threads, count / max(minimumChunk, 1)))
        if parts == 1 {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = Unchecked(value: body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                box.value((count * part / parts)..<(count * (part + 1) / parts))
            }
        }
    }

    /// Maps `0..<count` in parallel chunks and returns the results in index order.
    public static func map<T>(count: Int, threads: Int, minimumChunk: Int = 1, _ transform: (Range<Int>) -> [T]) -> [T] {
        let parts = max(1, min(threads, count / max(minimumChunk, 1)))
        if parts <= 1 { return transform(0..<count) }
        let results = UnsafeMutableBufferPointer<[T]>.allocate(capacity: parts)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        withoutActuallyEscaping(transform) { transform in
            let box = Unchecked(value: (transform, results))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                box.value.1[part] = box.value.0((count * part / parts)..<(count * (part + 1) / parts))
            }
        }
        return results.flatMap { $0 }
    }
}
