#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Control over the BLAS library's own threads, for callers that parallelise across their own
/// threads instead (the sentence encoder runs one forward pass per core): two levels of threads
/// on the same cores would oversubscribe them, and OpenBLAS workers spin while they wait.
///
/// The CBLAS interface has no thread control, so OpenBLAS's `openblas_set_num_threads` is looked
/// up at run time; with another BLAS (Debian's single-threaded reference BLAS, Accelerate) the
/// symbols are absent and these calls do nothing.
public enum BLASThreads {
    private typealias Setter = @convention(c) (Int32) -> Void
    private typealias Getter = @convention(c) () -> Int32

    // Looked up once, at first use.
    private static let setter: Setter? = symbol("openblas_set_num_threads")
    private static let getter: Getter? = symbol("openblas_get_num_threads")
    private static let shutdown: (@convention(c) () -> Void)? = symbol("blas_thread_shutdown_")

    private static let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private static var singleThreadDepth = 0
    nonisolated(unsafe) private static var savedCount: Int32 = 1

    /// Threads the BLAS library will use, or nil when it does not say (not OpenBLAS).
    public static var count: Int? {
        getter.map { Int($0()) }
    }

    /// Stops OpenBLAS's worker threads. OpenBLAS starts them when the library loads, and they then
    /// spin (calling sched_yield) for about 0.1 s of CPU whether or not BLAS is ever called,
    /// competing with our own threads for the cores (BENCHMARKS.md has the measured effect).
    /// OpenBLAS starts them again at its next threaded call. Call it only while no other thread
    /// is inside BLAS, as at the start of a command; without OpenBLAS it does nothing.
    public static func stopIdleWorkers() {
        shutdown?()
    }

    /// Runs `body` with BLAS limited to one thread and restores the previous count afterwards.
    /// Overlapping calls from several threads share one single-threaded window: the count is
    /// restored when the last of them returns. The setting is process-wide, so other BLAS users
    /// running meanwhile are single-threaded too.
    public static func withSingleThread<R>(_ body: () throws -> R) rethrows -> R {
        guard let setter, let getter else { return try body() }
        lock.lock()
        if singleThreadDepth == 0 {
            savedCount = getter()
            if savedCount != 1 { setter(1) }
        }
        singleThreadDepth += 1
        lock.unlock()
        defer {
            lock.lock()
            singleThreadDepth -= 1
            if singleThreadDepth == 0 && savedCount != 1 { setter(savedCount) }
            lock.unlock()
        }
        return try body()
    }

    private static func symbol<T>(_ name: String) -> T? {
        // dlopen(nil) is the running program; dlsym on it searches every loaded library.
        guard let program = dlopen(nil, RTLD_LAZY), let address = dlsym(program, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
