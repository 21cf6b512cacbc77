/// What a trained classifier records about the encoder that produced its features: vectors
/// from a different model, or from the same name with other weights, are not interchangeable.
public struct EncoderIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The model directory's name, e.g. "all-MiniLM-L6-v2".
    public let name: String
    /// Lower-case hex SHA-256 of model.safetensors.
    public let sha256: String
    /// Length of the sentence vectors.
    public let dimension: Int

    public init(name: String, sha256: String, dimension: Int) {
        self.name = name
        self.sha256 = sha256
        self.dimension = dimension
    }

    public var description: String { "\(name) (\(dimension)-d, sha256 \(sha256))" }
}
