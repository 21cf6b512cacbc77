import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct SafeTensorsFileTests {
    let directory: URL

    init() throws { directory = try TestSupport.temporaryDirectory() }

    private func file(_ data: Data, _ name: String = "test.safetensors") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test func readsF32TensorsAndMetadata() throws {
        var writer = SafeTensorsWriter()
        writer.metadata = ["format": "pt"]
        writer.add("a", f32: [1, -2.5, 3.25, 0, .infinity, -0.0], shape: [2, 3])
        writer.add("b", f32: [42], shape: [])
        writer.add("empty", f32: [], shape: [0, 4])
        let tensors = try SafeTensorsFile(url: try file(try writer.data()))
        #expect(tensors.names == ["a", "b", "empty"])
        #expect(tensors.metadata == ["format": "pt"])
        #expect(try tensors.floats("a", shape: [2, 3]) == [1, -2.5, 3.25, 0, .infinity, -0.0])
        #expect(try tensors.floats("b", shape: []) == [42])
        #expect(try tensors.floats("empty") == [])
        let info = try tensors.info("a")
        #expect(info.dtype == "F32" && info.shape == [2, 3] && info.elementCount == 6)
    }

    @Test func convertsF16() throws {
        // 1, -2, 0.5, 65504 (largest half), smallest subnormal, -0, +inf, 1/3 rounded.
        let bits: [UInt16] = [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555]
        var writer = SafeTensorsWriter()
        writer.add("h", bits16: bits, dtype: "F16", shape: [8])
        let values = try SafeTensorsFile(url: try file(try writer.data())).floats("h")
        #expect(Array(values[0..<4]) == [1, -2, 0.5, 65504])
        #expect(values[4] == 0x1p-24)
        #expect(values[5] == 0 && values[5].sign == .minus)
        #expect(values[6] == .infinity)
        #expect(values[7] == 0.333251953125)
        #expect(SafeTensorsFile.halfToFloat(0x7E00).isNaN)
    }

    @Test func convertsBF16() throws {
        // bfloat16 is the high half of a float32: 1, -2.5, 3.140625 (π truncated), 1e-40-ish subnormal.
        let bits: [UInt16] = [0x3F80, 0xC020, 0x4049, 0x0001]
        var writer = SafeTensorsWriter()
        writer.add("b", bits16: bits, dtype: "BF16", shape: [2, 2])
        let values = try SafeTensorsFile(url: try file(try writer.data())).floats("b", shape: [2, 2])
        #expect(Array(values[0..<3]) == [1, -2.5, 3.140625])
        #expect(values[3] == Float(bitPattern: 0x0001_0000))
    }

    @Test func reportsMissingTensorWrongShapeAndUnsupportedDType() throws {
        var writer = SafeTensorsWriter()
        writer.add("weight", f32: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        writer.add("position_ids", i64: [0, 1, 2], shape: [1, 3])
        let tensors = try SafeTensorsFile(url: try file(try writer.data()))
        #expect(throws: EncoderError.missingTensor(name: "bias")) { try tensors.floats("bias") }
        #expect(throws: EncoderError.wrongShape(name: "weight", expected: [3, 2], actual: [2, 3])) {
            try tensors.floats("weight", shape: [3, 2])
        }
        #expect(throws: EncoderError.unsupportedDType(name: "position_ids", dtype: "I64")) {
            try tensors.floats("position_ids")
        }
        // The I64 tensor is still validated and listed.
        #expect(try tensors.info("position_ids").byteRange.count == 24)
    }

    @Test func rejectsTruncatedFiles() throws {
        var writer = SafeTensorsWriter()
        writer.add("a", f32: [1, 2, 3, 4], shape: [4])
        let whole = try writer.data()

        // Shorter than the length field, or empty.
        for prefix in [0, 5] {
            #expect(throws: EncoderError.self) { try SafeTensorsFile(url: try file(whole.prefix(prefix), "short\(prefix)")) }
        }
        // Cut inside the header, then inside the data.
        for (name, cut) in [("header", 20), ("data", whole.count - 3)] {
            do {
                _ = try SafeTensorsFile(url: try file(whole.prefix(cut), name))
                Issue.record("a file cut inside its \(name) was accepted")
            } catch let error as EncoderError {
                guard case .truncatedFile = error else { Issue.record("expected truncatedFile, got \(error)"); continue }
            }
        }
    }

    @Test func rejectsBadHeaders() throws {
        var writer = SafeTensorsWriter()
        writer.add("a", f32: [1, 2], shape: [2])
        writer.add("b", f32: [3, 4, 5], shape: [3])
        let data = writer.entries.flatMap(\.bytes)

        func expectInvalidHeader(_ file: Data, _ why: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            do {
                _ = try SafeTensorsFile(url: try self.file(file, UUID().uuidString))
                Issue.record("accepted a header with \(why)", sourceLocation: sourceLocation)
            } catch let error as EncoderError {
                guard case .invalidHeader = error else {
                    Issue.record("expected invalidHeader for \(why), got \(error)", sourceLocation: sourceLocation)
                    return
                }
            }
        }

        try expectInvalidHeader(SafeTensorsWriter.file(headerBytes: Array("{not json}   ".utf8), data: data), "invalid JSON")
        try expectInvalidHeader(SafeTensorsWriter.file(headerBytes: Array("[1, 2, 3]   ".utf8), data: data), "a JSON array")
        try expectInvalidHeader(SafeTensorsWriter.file(headerBytes: Array("{}".utf8), data: [], declaredLength: 1 << 40),
                                "an absurd length")

        var header = writer.header()
        header["a"] = ["dtype": "F32", "shape": [3], "data_offsets": [0, 8]]  // 3 floats need 12 bytes
        try expectInvalidHeader(try writer.data(header: header), "a size that does not match dtype × shape")

        header = writer.header()
        header["b"] = ["dtype": "F32", "shape": [3], "data_offsets": [4, 16]]  // overlaps a
        try expectInvalidHeader(try writer.data(header: header), "overlapping tensors")

        header = writer.header()
        header["a"] = ["dtype": "F32", "shape": [1], "data_offsets": [0, 4]]  // hole before b
        try expectInvalidHeader(try writer.data(header: header), "a gap between tensors")

        header = writer.header()
        header["a"] = ["dtype": "Q4", "shape": [2], "data_offsets": [0, 8]]
        try expectInvalidHeader(try writer.data(header: header), "an unknown dtype")

        header = writer.header()
        header["a"] = ["dtype": "F32", "shape": [-2], "data_offsets": [0, 8]]
        try expectInvalidHeader(try writer.data(header: header), "a negative dimension")

        header = writer.header()
        header["a"] = ["dtype": "F32", "shape": [2]]
        try expectInvalidHeader(try writer.data(header: header), "no data_offsets")

        header = writer.header()
        header["__metadata__"] = ["format": 3]
        try expectInvalidHeader(try writer.data(header: header), "non-string metadata")

        // Bytes left over after the last tensor.
        var padded = try writer.data()
        padded.append(contentsOf: [0, 0, 0, 0])
        try expectInvalidHeader(padded, "trailing bytes")
    }

    @Test func reportsMissingFile() throws {
        let url = directory.appendingPathComponent("absent.safetensors")
        #expect(throws: EncoderError.missingFile(path: url.path)) { try SafeTensorsFile(url: url) }
    }

    @Test func wholeFileBytesAreAvailableForChecksums() throws {
        var writer = SafeTensorsWriter()
        writer.add("a", f32: [1], shape: [1])
        let data = try writer.data()
        let tensors = try SafeTensorsFile(url: try file(data))
        #expect(tensors.withFileBytes { Data($0) } == data)
    }
}
