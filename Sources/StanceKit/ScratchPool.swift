import Foundation

/// Scratch values kept for reuse, each lent to one caller at a time: a thread that classifies
/// chunk after chunk gets back buffers that are already allocated and a word memo that is
/// already warm, instead of building them for every chunk. Holds at most as many values as
/// were ever in use at once.
final class ScratchPool<Value>: @unchecked Sendable {
    // @unchecked: `free` is only touched while `lock` is held, and a value lent out is used by
    // its borrower alone.
    private let lock = NSLock()
    private var free: [Value] = []
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    func withValue<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        // No named binding of the reused value: a second reference to its arrays would make the
        // first write to each of them copy it.
        var value = lock.withLock { free.popLast() } ?? make()
        defer { lock.withLock { free.append(value) } }
        return try body(&value)
    }
}
