import Foundation
import Testing
@testable import SentenceEncoder

/// Paths and helpers shared by the encoder tests.
enum TestSupport {
    /// The repository root, found from this file's location (Tests/SentenceEncoderTests/…).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let modelDirectory = SentenceEncoder.defaultDirectory(repositoryRoot: repositoryRoot)

    /// True when Scripts/fetch-encoder has installed the weights.
    static let weightsPresent = FileManager.default.fileExists(
        atPath: modelDirectory.appendingPathComponent("model.safetensors").path)

    static let skipReason: Comment =
        "all-MiniLM-L6-v2 weights not found in Models/encoders/all-MiniLM-L6-v2; run Scripts/fetch-encoder to enable this test"

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stance-encoder-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func writeJSON(_ object: Any, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
    }
}

/// Builds safetensors files byte by byte, so the reader is tested against the format itself,
/// including deliberately broken headers.
struct SafeTensorsWriter {
    struct Entry {
        var name: String
        var dtype: String
        var shape: [Int]
        var bytes: [UInt8]
    }

    var entries: [Entry] = []
    var metadata: [String: String]? = nil

    mutating func add(_ name: String, f32 values: [Float], shape: [Int]) {
        entries.append(Entry(name: name, dtype: "F32", shape: shape,
                             bytes: values.flatMap { littleEndian($0.bitPattern) }))
    }

    mutating func add(_ name: String, bits16 values: [UInt16], dtype: String, shape: [Int]) {
        entries.append(Entry(name: name, dtype: dtype, shape: shape, bytes: values.flatMap { littleEndian($0) }))
    }

    mutating func add(_ name: String, i64 values: [Int64], shape: [Int]) {
        entries.append(Entry(name: name, dtype: "I64", shape: shape,
                             bytes: values.flatMap { littleEndian(UInt64(bitPattern: $0)) }))
    }

    /// The header object with offsets laid out back to back, in entry order.
    func header() -> [String: Any] {
        var object: [String: Any] = [:]
        var offset = 0
        for entry in entries {
            object[entry.name] = ["dtype": entry.dtype, "shape": entry.shape,
                                  "data_offsets": [offset, offset + entry.bytes.count]]
            offset += entry.bytes.count
        }
        if let metadata { object["__metadata__"] = metadata }
        return object
    }

    /// The complete file: 8-byte length, JSON header padded with spaces to a multiple of 8, data.
    func data(header override: [String: Any]? = nil) throws -> Data {
        var json = try JSONSerialization.data(withJSONObject: override ?? header(), options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        return Self.file(headerBytes: [UInt8](json), data: entries.flatMap(\.bytes))
    }

    static func file(headerBytes: [UInt8], data: [UInt8], declaredLength: UInt64? = nil) -> Data {
        var file = Data(littleEndian(declaredLength ?? UInt64(headerBytes.count)))
        file.append(contentsOf: headerBytes)
        file.append(contentsOf: data)
        return file
    }

    func write(to url: URL) throws {
        try data().write(to: url)
    }
}

func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0, na = 0.0, nb = 0.0
    for (x, y) in zip(a, b) {
        dot += Double(x) * Double(y)
        na += Double(x) * Double(x)
        nb += Double(y) * Double(y)
    }
    return dot / (na.squareRoot() * nb.squareRoot())
}
