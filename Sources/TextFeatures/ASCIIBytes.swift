/// Byte-level ASCII checks shared by the hot paths that take a fast route for ASCII text.
public enum ASCIIBytes {
    /// Whether every byte is below 0x80: an OR over the bytes, which vectorises
    /// (`contains(where:)` stopped at each byte).
    @inlinable @inline(__always)
    public static func all(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }
}
