import Foundation

/// Little-endian binary writing and bounds-checked reading for model files.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func write(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func write(_ v: Double) { write(v.bitPattern) }
    mutating func write(_ values: [Double]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { write(v) }
        #endif
    }
    mutating func write(bytes more: [UInt8]) { bytes.append(contentsOf: more) }
    mutating func write(_ s: String) {
        let utf8 = Array(s.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

struct BinaryReader {
    struct OutOfData: Error {}

    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        position = start
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - position }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw OutOfData() }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func readUInt32() throws -> UInt32 {
        var v: UInt32 = 0
        for (i, b) in try take(4).enumerated() { v |= UInt32(b) << (8 * UInt32(i)) }
        return v
    }

    mutating func readUInt64() throws -> UInt64 {
        var v: UInt64 = 0
        for (i, b) in try take(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }

    mutating func readDoubles(_ count: Int) throws -> [Double] {
        guard count >= 0, count <= remaining / 8 else { throw OutOfData() }
        #if _endian(little)
        let start = position
        position += 8 * count
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + 8 * count)]))
            }
            initialized = count
        }
        #else
        var out = [Double]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(Double(bitPattern: try readUInt64())) }
        return out
        #endif
    }

    mutating func readString() throws -> String? {
        let n = Int(try readUInt32())
        guard n <= remaining else { throw OutOfData() }
        let start = position
        position += n
        return bytes.withUnsafeBufferPointer { UTF8Validation.decode(UnsafeBufferPointer(rebasing: $0[start..<(start + n)])) }
    }
}
