/// How a sentence's token states (the last layer's hidden states of its real tokens) become one
/// vector.
public enum Pooling: String, Sendable, Codable, CaseIterable {
    /// The model's own pooling (sentence-transformers' all-MiniLM-L6-v2): the mean over the
    /// tokens, L2-normalised. This is the vector the reference embeddings hold.
    case mean
    /// The mean vector followed by the element-wise maximum over the tokens, each block
    /// L2-normalised and scaled by 1/√2, so the whole vector has norm 1. The maximum keeps a
    /// strong signal from a single word ("hike", "easing") that the mean dilutes over a long
    /// sentence.
    case meanMax = "mean-max"

    /// Hidden-size blocks in the vector.
    public var blocks: Int { self == .mean ? 1 : 2 }

    /// Factor on each L2-normalised block, so the whole vector has norm 1.
    var blockScale: Float { self == .mean ? 1 : Float(0.5).squareRoot() }
}
