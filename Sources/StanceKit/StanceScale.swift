/// Which labels are the two poles of the stance index: (pole − opposite pole) / sentences.
/// By default "hawkish" and "dovish"; a model with other labels names its own.
public struct StanceScale: Sendable, Equatable, Codable {
    public let labels: [String]
    public let positive: Int
    public let negative: Int

    public init(labels: LabelSet, positive positiveName: String = "hawkish", negative negativeName: String = "dovish") throws {
        guard let p = labels.index(of: positiveName), let n = labels.index(of: negativeName), p != n else {
            throw StanceError.invalidOption("the stance index needs a positive and a negative label; the model's labels are \(labels.names.joined(separator: ", ")); choose them with --positive-label and --negative-label")
        }
        self.labels = labels.names
        self.positive = p
        self.negative = n
    }

    public var positiveName: String { labels[positive] }
    public var negativeName: String { labels[negative] }

    /// +1, −1 or 0 for a predicted label.
    public func value(ofLabel label: Int) -> Int { label == positive ? 1 : label == negative ? -1 : 0 }

    /// p(positive) − p(negative).
    public func probabilityValue(_ probabilities: [Double]) -> Double { probabilities[positive] - probabilities[negative] }
}
