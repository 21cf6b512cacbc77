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

    /// Maps `0..<count` in chunks of `chunkSize` indices (the last may be shorter) on up to
    /// `threads` threads, each thread taking the next chunk as it becomes free, so one slow chunk
    /// does not leave the other threads idle; returns one result per chunk, in index order.
    public static func mapChunks<T>(count: Int, chunkSize: Int, threads: Int, _ transform: (Range<Int>) -> T) -> [T] {
        mapChunks(count: count, chunkSize: chunkSize, threads: threads, state: { () }) { range, _ in transform(range) }
    }

    /// `mapChunks` with working state made once per thread (by `makeState`) and handed to every
    /// chunk that thread takes, for buffers too costly to make per chunk.
    public static func mapChunks<State, T>(count: Int, chunkSize: Int, threads: Int, state makeState: () -> State,
                                           _ transform: (Range<Int>, inout State) -> T) -> [T] {
        let size = max(1, chunkSize)
        let chunks = (count + size - 1) / size
        let range: @Sendable (Int) -> Range<Int> = { chunk in (chunk * size)..<min(count, (chunk + 1) * size) }
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            var state = makeState()
            return (0..<chunks).map { transform(range($0), &state) }
        }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: chunks)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let next = ChunkCounter()
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(transform) { transform in
                let box = Unchecked(value: (makeState, transform, results))
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var state = box.value.0()
                    while let chunk = next.claim(below: chunks) {
                        box.value.2[chunk] = box.value.1(range(chunk), &state)
                    }
                }
            }
        }
        return results.map { $0! }
    }

    /// Hands out 0, 1, 2, … once each to whichever thread asks.
    private final class ChunkCounter: @unchecked Sendable {
        // @unchecked: `value` is only touched while `lock` is held.
        private let lock = NSLock()
        private var value = 0

        func claim(below end: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < end else { return nil }
            value += 1
            return value - 1
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
