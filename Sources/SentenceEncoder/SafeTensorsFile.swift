import Foundation

/// One tensor's entry in a safetensors header.
public struct TensorInfo: Sendable, Equatable {
    public let name: String
    public let dtype: String
    public let shape: [Int]
    /// Byte range of the tensor's data, as an absolute range in the file.
    public let byteRange: Range<Int>

    public var elementCount: Int { shape.reduce(1, *) }
}

/// A reader for the safetensors format (huggingface/safetensors): an 8-byte little-endian header
/// length N, N bytes of JSON mapping tensor names to dtype, shape and data offsets (relative to the
/// end of the header), then the raw little-endian tensor bytes. The file is memory-mapped; the
/// header is validated completely at open so that later reads cannot run out of bounds.
public final class SafeTensorsFile: Sendable {
    public let path: String
    /// Free-form string metadata from the `__metadata__` entry, if any.
    public let metadata: [String: String]
    private let entries: [String: TensorInfo]
    private let file: MappedFile

    /// Largest header accepted, as in the reference implementation: guards against a corrupt
    /// length field making us parse hundreds of megabytes as JSON.
    static let maximumHeaderLength = 100_000_000

    /// Bytes per element of every dtype the format defines, so that sizes can be validated even
    /// for tensors we never convert (e.g. the I64 `position_ids` buffer in BERT checkpoints).
    static let dtypeSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8,
    ]

    public convenience init(url: URL) throws {
        try self.init(path: url.path)
    }

    public init(path: String) throws {
        self.path = path
        file = try MappedFile(path: path)
        (entries, metadata) = try file.withBytes { try Self.parseHeader($0, path: path) }
    }

    /// Names of all tensors, sorted.
    public var names: [String] { entries.keys.sorted() }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    public func info(_ name: String) throws -> TensorInfo {
        guard let entry = entries[name] else { throw EncoderError.missingTensor(name: name) }
        return entry
    }

    /// The tensor converted to float32, after checking it has the expected shape.
    public func floats(_ name: String, shape expected: [Int]) throws -> [Float] {
        let entry = try info(name)
        guard entry.shape == expected else {
            throw EncoderError.wrongShape(name: name, expected: expected, actual: entry.shape)
        }
        return try floats(entry)
    }

    /// The tensor converted to float32, whatever its shape (row-major, as stored).
    public func floats(_ name: String) throws -> [Float] {
        try floats(try info(name))
    }

    /// Calls `body` with the whole file's bytes (for checksums); the buffer must not escape.
    public func withFileBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try file.withBytes(body)
    }

    private func floats(_ entry: TensorInfo) throws -> [Float] {
        let count = entry.elementCount
        return try file.withBytes { all -> [Float] in
            let bytes = UnsafeRawBufferPointer(rebasing: all[entry.byteRange])
            switch entry.dtype {
            case "F32":
                return [Float](unsafeUninitializedCapacity: count) { out, initialized in
                    #if _endian(little)
                    // Same byte order as the file: one copy (memcpy tolerates the unaligned source).
                    if count > 0 { out.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: count * 4) {
                        $0.update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count * 4)
                    } }
                    #else
                    for i in 0..<count {
                        out[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    }
                    #endif
                    initialized = count
                }
            case "F16":
                return [Float](unsafeUninitializedCapacity: count) { out, initialized in
                    for i in 0..<count {
                        out[i] = Self.halfToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                    }
                    initialized = count
                }
            case "BF16":
                // bfloat16 is the top half of a float32.
                return [Float](unsafeUninitializedCapacity: count) { out, initialized in
                    for i in 0..<count {
                        let high = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                        out[i] = Float(bitPattern: UInt32(high) << 16)
                    }
                    initialized = count
                }
            default:
                throw EncoderError.unsupportedDType(name: entry.name, dtype: entry.dtype)
            }
        }
    }

    /// IEEE 754 binary16 → binary32, exact (every half is representable as a float).
    /// Written out rather than using `Float16`, which is unavailable on Intel macOS.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: UInt32 = UInt32(h & 0x8000) << 16
        let exponent = UInt32((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: mantissa × 2⁻²⁴, exact in float32.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))  // infinity or NaN
        }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))  // rebias 15 → 127
    }

    // MARK: Header

    private static func parseHeader(_ bytes: UnsafeRawBufferPointer, path: String)
        throws -> ([String: TensorInfo], [String: String]) {
        guard bytes.count >= 8 else {
            throw EncoderError.truncatedFile(path: path, reason: "\(bytes.count) bytes, shorter than the 8-byte header length")
        }
        let declared = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard declared >= 2, declared <= UInt64(maximumHeaderLength) else {
            throw EncoderError.invalidHeader(path: path, reason: "header length \(declared) is out of range")
        }
        let headerLength = Int(declared)
        guard 8 + headerLength <= bytes.count else {
            throw EncoderError.truncatedFile(path: path, reason: "header of \(headerLength) bytes but the file has \(bytes.count - 8) after the length")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)])
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw EncoderError.invalidHeader(path: path, reason: "header does not start with '{'")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(headerBytes), options: [])
        } catch {
            throw EncoderError.invalidHeader(path: path, reason: "header is not valid JSON")
        }
        guard let object = json as? [String: Any] else {
            throw EncoderError.invalidHeader(path: path, reason: "header is not a JSON object")
        }

        let dataStart = 8 + headerLength
        let dataSize = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var parsed: [(name: String, dtype: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in object {
            if name == "__metadata__" {
                guard let strings = value as? [String: Any] else {
                    throw EncoderError.invalidHeader(path: path, reason: "__metadata__ is not an object")
                }
                for (key, entry) in strings {
                    guard let text = entry as? String else {
                        throw EncoderError.invalidHeader(path: path, reason: "__metadata__ value for \(key) is not a string")
                    }
                    metadata[key] = text
                }
                continue
            }
            guard let fields = value as? [String: Any],
                  let dtype = fields["dtype"] as? String,
                  let shapeValues = fields["shape"] as? [Any],
                  let offsetValues = fields["data_offsets"] as? [Any] else {
                throw EncoderError.invalidHeader(path: path, reason: "entry \(name) lacks dtype, shape or data_offsets")
            }
            let shape = shapeValues.compactMap(exactInt)
            guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
                throw EncoderError.invalidHeader(path: path, reason: "entry \(name) has an invalid shape")
            }
            let offsets = offsetValues.compactMap(exactInt)
            guard offsets.count == 2, offsetValues.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw EncoderError.invalidHeader(path: path, reason: "entry \(name) has invalid data_offsets")
            }
            guard let elementSize = dtypeSizes[dtype] else {
                throw EncoderError.invalidHeader(path: path, reason: "entry \(name) has unknown dtype \(dtype)")
            }
            var byteCount = elementSize
            for dimension in shape {
                let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw EncoderError.invalidHeader(path: path, reason: "entry \(name) is too large")
                }
                byteCount = product
            }
            guard offsets[1] - offsets[0] == byteCount else {
                throw EncoderError.invalidHeader(path: path, reason:
                    "entry \(name): \(dtype) \(shape) needs \(byteCount) bytes but data_offsets span \(offsets[1] - offsets[0])")
            }
            parsed.append((name, dtype, shape, offsets[0], offsets[1]))
        }

        // The format stores tensors back to back: sorted by offset they must tile the data
        // region exactly, with no overlap and no hole.
        parsed.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var expectedBegin = 0
        for entry in parsed {
            guard entry.begin == expectedBegin else {
                let what = entry.begin < expectedBegin ? "overlaps the previous tensor" : "leaves a gap before it"
                throw EncoderError.invalidHeader(path: path, reason: "entry \(entry.name) \(what) (offset \(entry.begin), expected \(expectedBegin))")
            }
            expectedBegin = entry.end
        }
        if expectedBegin > dataSize {
            throw EncoderError.truncatedFile(path: path, reason: "tensors need \(expectedBegin) data bytes but the file has \(dataSize)")
        }
        if expectedBegin < dataSize {
            throw EncoderError.invalidHeader(path: path, reason: "\(dataSize - expectedBegin) bytes after the last tensor")
        }

        var entries: [String: TensorInfo] = [:]
        for entry in parsed {
            entries[entry.name] = TensorInfo(name: entry.name, dtype: entry.dtype, shape: entry.shape,
                                             byteRange: (dataStart + entry.begin)..<(dataStart + entry.end))
        }
        return (entries, metadata)
    }

    /// A JSON number that is an exact integer; JSONSerialization hands back NSNumber or Int.
    private static func exactInt(_ value: Any) -> Int? {
        if let int = value as? Int { return int }
        if let number = value as? NSNumber, let int = Int(exactly: number.doubleValue) { return int }
        return nil
    }
}
