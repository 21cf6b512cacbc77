import Foundation

/// Stratified K-fold splits and the scores used to compare settings.
public enum CrossValidation {
    public enum Metric: String, Sendable, Codable, CaseIterable {
        case accuracy
        case macroF1 = "macro-f1"
        case weightedF1 = "weighted-f1"

        public func score(_ m: ClassificationMetrics) -> Double {
            switch self {
            case .accuracy: return m.accuracy ?? 0
            case .macroF1: return m.macro.f1
            case .weightedF1: return m.weighted.f1
            }
        }
    }

    /// The fold (0..<folds) of each example: every label's examples are shuffled with the
    /// seed and dealt round-robin, so each fold holds about 1/folds of every label.
    public static func stratifiedFolds(targets: [Int], folds: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: targets.count)
        let labels = Set(targets).sorted()
        var next = 0
        for label in labels {
            var members = targets.indices.filter { targets[$0] == label }
            members.shuffle(using: &generator)
            for i in members {
                assignment[i] = next % folds
                next += 1
            }
        }
        return assignment
    }

    static func meanAndStandardDeviation(_ values: [Double]) -> (Double, Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }
}
