import Foundation

/// The fields of a Hugging Face `config.json` that the BERT forward pass needs, validated:
/// anything this implementation would compute differently (another activation, another
/// architecture, relative position embeddings) is rejected instead of silently giving wrong vectors.
public struct BertConfiguration: Sendable, Equatable {
    public var modelType: String
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var vocabSize: Int
    public var typeVocabSize: Int
    public var layerNormEps: Float

    /// Model types whose encoder is plain post-norm BERT with absolute positions.
    /// (RoBERTa-style models offset positions by the padding index, so they are not accepted.)
    public static let supportedModelTypes: Set<String> = ["bert"]

    public var headDimension: Int { hiddenSize / numAttentionHeads }

    public init(modelType: String = "bert", hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
                intermediateSize: Int, maxPositionEmbeddings: Int, vocabSize: Int, typeVocabSize: Int,
                layerNormEps: Float = 1e-12) throws {
        self.modelType = modelType
        self.hiddenSize = hiddenSize
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.intermediateSize = intermediateSize
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.vocabSize = vocabSize
        self.typeVocabSize = typeVocabSize
        self.layerNormEps = layerNormEps
        try validate(file: "configuration")
    }

    /// Reads and validates `config.json`.
    public init(url: URL) throws {
        let name = url.lastPathComponent
        let object = try JSONFile.object(at: url)
        let modelType = try JSONFile.string(object, "model_type", file: name)
        guard Self.supportedModelTypes.contains(modelType) else {
            throw EncoderError.unsupportedArchitecture("model_type \"\(modelType)\" in \(name)")
        }
        if let architectures = object["architectures"] as? [String],
           let unsupported = architectures.first(where: { !$0.hasPrefix("Bert") }) {
            throw EncoderError.unsupportedArchitecture("architecture \(unsupported) in \(name)")
        }
        let activation = try JSONFile.string(object, "hidden_act", file: name)
        guard activation == "gelu" else {
            throw EncoderError.unsupportedArchitecture("hidden_act \"\(activation)\" (only exact \"gelu\" is implemented)")
        }
        if let positions = object["position_embedding_type"] as? String, positions != "absolute" {
            throw EncoderError.unsupportedArchitecture("position_embedding_type \"\(positions)\"")
        }
        self.modelType = modelType
        hiddenSize = try JSONFile.positiveInt(object, "hidden_size", file: name)
        numHiddenLayers = try JSONFile.positiveInt(object, "num_hidden_layers", file: name)
        numAttentionHeads = try JSONFile.positiveInt(object, "num_attention_heads", file: name)
        intermediateSize = try JSONFile.positiveInt(object, "intermediate_size", file: name)
        maxPositionEmbeddings = try JSONFile.positiveInt(object, "max_position_embeddings", file: name)
        vocabSize = try JSONFile.positiveInt(object, "vocab_size", file: name)
        typeVocabSize = try JSONFile.positiveInt(object, "type_vocab_size", file: name)
        // Absent in old checkpoints; BERT's default.
        layerNormEps = Float(try JSONFile.optionalDouble(object, "layer_norm_eps", file: name) ?? 1e-12)
        try validate(file: name)
    }

    private func validate(file: String) throws {
        for (key, value) in [("hidden_size", hiddenSize), ("num_hidden_layers", numHiddenLayers),
                             ("num_attention_heads", numAttentionHeads), ("intermediate_size", intermediateSize),
                             ("max_position_embeddings", maxPositionEmbeddings), ("vocab_size", vocabSize),
                             ("type_vocab_size", typeVocabSize)] where value <= 0 {
            throw EncoderError.invalidConfiguration(file: file, reason: "\(key) must be positive, got \(value)")
        }
        guard hiddenSize % numAttentionHeads == 0 else {
            throw EncoderError.invalidConfiguration(file: file, reason:
                "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
        }
        guard layerNormEps > 0, layerNormEps.isFinite else {
            throw EncoderError.invalidConfiguration(file: file, reason: "layer_norm_eps must be positive")
        }
    }
}
