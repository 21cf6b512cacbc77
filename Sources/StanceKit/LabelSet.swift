/// The labels a model knows, in a fixed order (sorted by UTF-8 bytes, as scikit-learn's
/// `np.unique` sorts them), so label indices are the same wherever the model is used.
public struct LabelSet: Sendable, Codable, Equatable {
    public let names: [String]
    private let indices: [String: Int]

    public init<S: Sequence>(_ labels: S) where S.Element == String {
        names = Set(labels).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        indices = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    public var count: Int { names.count }

    public func index(of label: String) -> Int? { indices[label] }

    public subscript(index: Int) -> String { names[index] }

    public init(from decoder: Decoder) throws {
        let names = try decoder.singleValueContainer().decode([String].self)
        self.init(names)
        guard self.names == names else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "labels are not unique and sorted"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(names)
    }
}
