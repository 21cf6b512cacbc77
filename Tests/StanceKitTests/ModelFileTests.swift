import Foundation
import Testing
@testable import StanceKit

@Suite struct ModelFileTests {
    static func model(seed: UInt64 = 1) throws -> StanceModel {
        try StanceTrainer(.init(seed: seed)).train(TrainingCorpus.examples)
    }

    @Test func roundTripKeepsPredictions() throws {
        let model = try Self.model()
        let bytes = try ModelFile.encode(model)
        let loaded = try ModelFile.decode(bytes, path: "m")
        #expect(loaded.labels == model.labels)
        #expect(loaded.summary == model.summary)
        #expect(loaded.fitted == model.fitted)
        let texts = ["Sanctions will stay until they disarm.", "Talks resume next week in a good mood."]
        #expect(try loaded.predictProbabilities(texts) == model.predictProbabilities(texts))
        #expect(try ModelFile.encode(loaded) == bytes)
    }

    @Test func sameDataAndSettingsGiveIdenticalBytes() throws {
        #expect(try ModelFile.encode(Self.model()) == ModelFile.encode(Self.model()))
    }

    func expectModelError(_ bytes: [UInt8], _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try ModelFile.decode(bytes, path: "m.stance")
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
            #expect("\(error)".hasPrefix("m.stance: "), sourceLocation: sourceLocation)
        }
    }

    @Test func truncatedCorruptedNewerAndForeignFilesAreErrors() throws {
        let bytes = try ModelFile.encode(Self.model())
        for cut in [0, 5, 9, 13, 100, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
            expectModelError(Array(bytes.prefix(cut)), cut < 8 ? "not a stance model file" : "truncated")
        }
        expectModelError(Array(bytes.prefix(bytes.count / 2)), "truncated")
        var corrupted = bytes
        corrupted[bytes.count / 2] ^= 0x40
        expectModelError(corrupted, "checksum mismatch")
        var newer = bytes
        newer[8] = 99
        expectModelError(newer, "newer")
        expectModelError(Array("text,label\n".utf8), "not a stance model file")
    }

    @Test func writeIsAtomicAndLeavesNoTemporaryFile() throws {
        let directory = NSTemporaryDirectory() + "stance-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/m.stance"
        try ModelFile.write(Self.model(), to: path)
        try ModelFile.write(Self.model(seed: 2), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["m.stance"])
        #expect(throws: StanceError.self) { try ModelFile.write(Self.model(), to: "/nonexistent-dir/m.stance") }
    }
}
