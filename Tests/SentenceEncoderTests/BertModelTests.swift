import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct BertModelTests {
    private func load(_ bert: TinyBert) throws -> BertModel {
        let directory = try TestSupport.temporaryDirectory()
        try bert.writeModel(to: directory)
        let configuration = try BertConfiguration(url: directory.appendingPathComponent("config.json"))
        return try BertModel(configuration: configuration,
                             weights: SafeTensorsFile(url: directory.appendingPathComponent("model.safetensors")))
    }

    /// Padded batches must give every sentence the hidden states it has alone: checks the
    /// attention mask, the strided Q/K/V addressing and every sgemm against a naive reference.
    @Test(arguments: ["", "bert."])
    func matchesReferenceForwardInAPaddedBatch(prefix: String) throws {
        let bert = TinyBert(prefix: prefix)
        let model = try load(bert)
        let batch = [[2, 5, 6, 14, 12, 7, 8, 13, 3], [2, 9, 10, 3], [2, 3], [2, 11, 7, 8, 9, 10, 15, 3]]
        let (states, length) = try model.hiddenStates(batch)
        #expect(length == 9)
        #expect(states.count == batch.count * length * TinyBert.hidden)
        var worst = 0.0
        for (b, ids) in batch.enumerated() {
            let reference = bert.referenceHiddenStates(ids)
            for p in ids.indices {
                for c in 0..<TinyBert.hidden {
                    let value = Double(states[(b * length + p) * TinyBert.hidden + c])
                    worst = max(worst, abs(value - reference[p][c]))
                }
            }
        }
        #expect(worst < 1e-4, "largest difference from the double-precision reference: \(worst)")
    }

    @Test func rejectsOutOfRangeInput() throws {
        let model = try load(TinyBert())
        #expect(throws: EncoderError.self) { try model.hiddenStates([[2, 99, 3]]) }
        #expect(throws: EncoderError.self) { try model.hiddenStates([Array(repeating: 5, count: TinyBert.positions + 1)]) }
        #expect(try model.hiddenStates([]).values.isEmpty)
    }

    @Test func reportsMissingAndMisshapenWeights() throws {
        let bert = TinyBert()
        let directory = try TestSupport.temporaryDirectory()
        try bert.writeModel(to: directory)
        let configuration = try BertConfiguration(url: directory.appendingPathComponent("config.json"))
        let file = directory.appendingPathComponent("partial.safetensors")

        try bert.safetensors(dropping: "encoder.layer.1.output.dense.bias").write(to: file)
        #expect(throws: EncoderError.missingTensor(name: "encoder.layer.1.output.dense.bias")) {
            try BertModel(configuration: configuration, weights: SafeTensorsFile(url: file))
        }

        // A checkpoint for a wider model than config.json describes.
        var wider = configuration
        wider.intermediateSize = TinyBert.intermediate * 2
        try bert.safetensors().write(to: file)
        #expect(throws: EncoderError.wrongShape(name: "encoder.layer.0.intermediate.dense.weight",
                                                expected: [TinyBert.intermediate * 2, TinyBert.hidden],
                                                actual: [TinyBert.intermediate, TinyBert.hidden])) {
            try BertModel(configuration: wider, weights: SafeTensorsFile(url: file))
        }

        try SafeTensorsWriter().write(to: file)
        #expect(throws: EncoderError.missingTensor(name: "embeddings.word_embeddings.weight")) {
            try BertModel(configuration: configuration, weights: SafeTensorsFile(url: file))
        }
    }
}
