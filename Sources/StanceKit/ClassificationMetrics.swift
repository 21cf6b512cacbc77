/// Accuracy, per-label precision/recall/F1/support, macro and weighted averages and the
/// confusion matrix, defined as scikit-learn's `classification_report` defines them.
/// A figure with a zero denominator is undefined (nil); averages count it as 0, as
/// scikit-learn does with its default `zero_division`.
public struct ClassificationMetrics: Sendable, Codable, Equatable {
    public struct LabelScores: Sendable, Codable, Equatable {
        public let label: String
        public let precision: Double?
        public let recall: Double?
        public let f1: Double?
        public let support: Int
    }

    public struct Average: Sendable, Codable, Equatable {
        public let precision: Double
        public let recall: Double
        public let f1: Double
    }

    public let labels: [String]
    /// confusion[true][predicted]
    public let confusion: [[Int]]
    public let perLabel: [LabelScores]
    public let accuracy: Double?
    public let macro: Average
    public let weighted: Average
    public let count: Int

    public init(labels: [String], truth: [Int], predicted: [Int]) {
        precondition(truth.count == predicted.count, "metrics: \(truth.count) truths, \(predicted.count) predictions")
        let k = labels.count
        var confusion = Array(repeating: Array(repeating: 0, count: k), count: k)
        for (t, p) in zip(truth, predicted) { confusion[t][p] += 1 }
        self.init(labels: labels, confusion: confusion)
    }

    /// From confusion counts (confusion[true][predicted]), so bootstrap resamples can be scored
    /// from their counts without rebuilding label arrays.
    public init(labels: [String], confusion: [[Int]]) {
        let k = labels.count
        precondition(confusion.count == k && confusion.allSatisfy { $0.count == k }, "metrics: confusion is not \(k)×\(k)")
        self.labels = labels
        self.confusion = confusion
        count = confusion.reduce(0) { $0 + $1.reduce(0, +) }
        var per = [LabelScores]()
        for c in 0..<k {
            let tp = confusion[c][c]
            let predictedCount = (0..<k).reduce(0) { $0 + confusion[$1][c] }
            let support = confusion[c].reduce(0, +)
            let precision = predictedCount > 0 ? Double(tp) / Double(predictedCount) : nil
            let recall = support > 0 ? Double(tp) / Double(support) : nil
            let denominator = 2 * tp + (predictedCount - tp) + (support - tp)
            let f1 = denominator > 0 ? 2 * Double(tp) / Double(denominator) : nil
            per.append(LabelScores(label: labels[c], precision: precision, recall: recall, f1: f1, support: support))
        }
        perLabel = per
        let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
        accuracy = count > 0 ? Double(correct) / Double(count) : nil
        let mean: (KeyPath<LabelScores, Double?>) -> Double = { key in
            k > 0 ? per.reduce(0) { $0 + ($1[keyPath: key] ?? 0) } / Double(k) : 0
        }
        macro = Average(precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1))
        let total = per.reduce(0) { $0 + $1.support }
        let weightedMean: (KeyPath<LabelScores, Double?>) -> Double = { key in
            total > 0 ? per.reduce(0) { $0 + ($1[keyPath: key] ?? 0) * Double($1.support) } / Double(total) : 0
        }
        weighted = Average(precision: weightedMean(\.precision), recall: weightedMean(\.recall), f1: weightedMean(\.f1))
    }
}
