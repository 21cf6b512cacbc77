import SentenceEncoder

/// The sentence-encoder block of a model: which encoder (name, SHA-256 of its weights,
/// dimension), how its token states are pooled into a vector, and how strongly the vectors
/// count against the TF-IDF blocks.
public struct EncoderFeature: Sendable, Codable, Equatable {
    public var identity: EncoderIdentity
    public var pooling: Pooling
    public var weight: Double

    public init(identity: EncoderIdentity, pooling: Pooling = .mean, weight: Double = 1) {
        self.identity = identity
        self.pooling = pooling
        self.weight = weight
    }

    /// Columns of the block: the encoder's dimension times the pooling's blocks.
    public var columns: Int { identity.dimension * pooling.blocks }

    private enum CodingKeys: String, CodingKey { case identity, pooling, weight }

    /// Model files written before pooling was a setting hold mean-pooled vectors.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identity = try c.decode(EncoderIdentity.self, forKey: .identity)
        pooling = try c.decodeIfPresent(Pooling.self, forKey: .pooling) ?? .mean
        weight = try c.decode(Double.self, forKey: .weight)
    }
}
