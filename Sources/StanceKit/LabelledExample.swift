/// A text with its label (nil when unlabelled) and where it came from.
public struct LabelledExample: Sendable, Equatable {
    public var text: String
    public var label: String?
    public var line: Int
    public var id: String?
    /// Every field of the input record, for output that echoes the input.
    public var fields: [String: String]

    public init(text: String, label: String? = nil, line: Int = 0, id: String? = nil, fields: [String: String] = [:]) {
        self.text = text
        self.label = label
        self.line = line
        self.id = id
        self.fields = fields
    }
}
