import SentenceEncoder

/// The sentence-encoder block of a model: which encoder (name, SHA-256 of its weights,
/// dimension) and how strongly its vectors count against the TF-IDF blocks.
public struct EncoderFeature: Sendable, Codable, Equatable {
    public var identity: EncoderIdentity
    public var weight: Double

    public init(identity: EncoderIdentity, weight: Double = 1) {
        self.identity = identity
        self.weight = weight
    }
}
