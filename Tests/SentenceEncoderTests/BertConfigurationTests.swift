import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct BertConfigurationTests {
    private func read(_ override: [String: Any], removing removed: String? = nil) throws -> BertConfiguration {
        let directory = try TestSupport.temporaryDirectory()
        var object = TinyBert().config.merging(override) { $1 }
        if let removed { object.removeValue(forKey: removed) }
        let url = directory.appendingPathComponent("config.json")
        try TestSupport.writeJSON(object, to: url)
        return try BertConfiguration(url: url)
    }

    @Test func readsTheFields() throws {
        let configuration = try read(["layer_norm_eps": 1e-5])
        #expect(configuration.hiddenSize == TinyBert.hidden)
        #expect(configuration.numHiddenLayers == TinyBert.layers)
        #expect(configuration.numAttentionHeads == TinyBert.heads)
        #expect(configuration.headDimension == TinyBert.hidden / TinyBert.heads)
        #expect(configuration.intermediateSize == TinyBert.intermediate)
        #expect(configuration.vocabSize == TinyBert.tokens.count)
        #expect(configuration.layerNormEps == 1e-5)
        #expect(try read([:], removing: "layer_norm_eps").layerNormEps == 1e-12)
    }

    @Test func rejectsUnsupportedArchitectures() throws {
        #expect(throws: EncoderError.unsupportedArchitecture("model_type \"roberta\" in config.json")) {
            try read(["model_type": "roberta"])
        }
        #expect(throws: EncoderError.unsupportedArchitecture("hidden_act \"gelu_new\" (only exact \"gelu\" is implemented)")) {
            try read(["hidden_act": "gelu_new"])
        }
        #expect(throws: EncoderError.unsupportedArchitecture("position_embedding_type \"relative_key\"")) {
            try read(["position_embedding_type": "relative_key"])
        }
        #expect(throws: EncoderError.unsupportedArchitecture("architecture GPT2Model in config.json")) {
            try read(["architectures": ["GPT2Model"]])
        }
    }

    @Test func rejectsInvalidValues() throws {
        #expect(throws: EncoderError.invalidConfiguration(file: "config.json", reason: "missing \"hidden_size\"")) {
            try read([:], removing: "hidden_size")
        }
        #expect(throws: EncoderError.invalidConfiguration(file: "config.json",
                                                          reason: "hidden_size 8 is not a multiple of num_attention_heads 3")) {
            try read(["num_attention_heads": 3])
        }
        #expect(throws: EncoderError.invalidConfiguration(file: "config.json", reason: "\"num_hidden_layers\" must be a positive integer")) {
            try read(["num_hidden_layers": 0])
        }
        #expect(throws: EncoderError.missingFile(path: "/nonexistent/config.json")) {
            try BertConfiguration(url: URL(fileURLWithPath: "/nonexistent/config.json"))
        }
    }
}
