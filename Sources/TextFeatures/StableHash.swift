/// FNV-1a, 64-bit, over UTF-8 bytes: a fixed hash that is the same in every process and on every
/// machine (Swift's `Hasher` is seeded per process, so it cannot key a saved vocabulary).
public struct StableHash: Sendable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    public var value: UInt64 = StableHash.offsetBasis

    public init() {}

    @inlinable @inline(__always)
    public mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* StableHash.prime
    }

    @inlinable
    public mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        var v = value
        for b in bytes { v = (v ^ UInt64(b)) &* StableHash.prime }
        value = v
    }

    public mutating func combine<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        // Contiguous storage (arrays, slices, native strings' UTF-8) takes the fast pointer loop.
        if bytes.withContiguousStorageIfAvailable({ combine($0) }) != nil { return }
        for b in bytes { combine(b) }
    }

    public static func hash(_ string: String) -> UInt64 {
        var h = StableHash()
        var s = string
        s.withUTF8 { h.combine($0) }
        return h.value
    }

    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h = StableHash()
        h.combine(contentsOf: bytes)
        return h.value
    }
}
