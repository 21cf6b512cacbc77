import Foundation

/// Every figure of a model's evaluation on labelled data, built from the true labels, the
/// predicted probability of every label, and the texts (for the error analysis). The predicted
/// label is the most probable one (ties go to the earlier label, as numpy's argmax).
///
/// Definitions follow scikit-learn with `labels=` set to the model's labels and `zero_division=0`:
/// - precision, recall, F1 and support per label, accuracy, macro and weighted averages as
///   `classification_report`; a per-label figure whose denominator is zero is undefined (nil)
///   and counts as 0 in the averages;
/// - Cohen's kappa as `cohen_kappa_score` (undefined when chance agreement is total);
/// - log loss as `log_loss` (natural log, probabilities clipped to [ε, 1 − ε]);
/// - Brier score per label one-vs-rest, as `brier_score_loss(y == label, p[:, label])`, that is
///   the mean of (p − 1[y = label])², and the mean of those over labels;
/// - calibration of the top-label confidence: see `Calibration`;
/// - 95% percentile bootstrap intervals (see `BootstrapInterval`) for accuracy, macro and weighted
///   F1, and per-label precision, recall and F1.
/// Every figure is undefined without examples; the report is still complete (empty data gives a
/// report of undefined figures, not an error).
public struct EvaluationReport: Sendable, Codable, Equatable {
    public struct Options: Sendable, Codable, Equatable {
        /// How many examples each error list holds.
        public var errors: Int
        /// Bootstrap resamples (0: no intervals).
        public var bootstrapResamples: Int
        public var seed: UInt64
        /// Equal-width calibration bins.
        public var bins: Int
        public var level: Double

        public init(errors: Int = 10, bootstrapResamples: Int = 1000, seed: UInt64 = 1, bins: Int = 10, level: Double = 0.95) {
            self.errors = errors
            self.bootstrapResamples = bootstrapResamples
            self.seed = seed
            self.bins = bins
            self.level = level
        }
    }

    public struct LabelReport: Sendable, Codable, Equatable {
        public let label: String
        public let precision: Double?
        public let recall: Double?
        public let f1: Double?
        /// Examples with this true label.
        public let support: Int
        /// Examples predicted as this label.
        public let predicted: Int
        /// One-vs-rest Brier score.
        public let brier: Double?
        public let precisionInterval: BootstrapInterval?
        public let recallInterval: BootstrapInterval?
        public let f1Interval: BootstrapInterval?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(precision, forKey: .precision)
            try c.encode(recall, forKey: .recall)
            try c.encode(f1, forKey: .f1)
            try c.encode(support, forKey: .support)
            try c.encode(predicted, forKey: .predicted)
            try c.encode(brier, forKey: .brier)
            try c.encode(precisionInterval, forKey: .precisionInterval)
            try c.encode(recallInterval, forKey: .recallInterval)
            try c.encode(f1Interval, forKey: .f1Interval)
        }
    }

    public struct Average: Sendable, Codable, Equatable {
        public let precision: Double?
        public let recall: Double?
        public let f1: Double?
        public let f1Interval: BootstrapInterval?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(precision, forKey: .precision)
            try c.encode(recall, forKey: .recall)
            try c.encode(f1, forKey: .f1)
            try c.encode(f1Interval, forKey: .f1Interval)
        }
    }

    /// One example of the error analysis.
    public struct Example: Sendable, Codable, Equatable {
        /// Position in the scored data (0-based).
        public let index: Int
        /// Line (or record) of the data file, when known.
        public let line: Int?
        public let text: String
        public let truth: String
        public let predicted: String
        /// Probability of the predicted label.
        public let confidence: Double
        /// Probability of every label, in the order of `labels`.
        public let probabilities: [Double]

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(line, forKey: .line)
            try c.encode(text, forKey: .text)
            try c.encode(truth, forKey: .truth)
            try c.encode(predicted, forKey: .predicted)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(probabilities, forKey: .probabilities)
        }
    }

    /// Examples left out of the scoring because the model does not know their label.
    public struct LeftOut: Sendable, Codable, Equatable {
        public let count: Int
        public let labels: [String]

        public init(count: Int, labels: [String]) {
            self.count = count
            self.labels = labels
        }
    }

    /// Where the figures came from, for the report's title (set by the caller).
    public var model: String?
    public var data: String?
    public var leftOut: LeftOut?

    public let options: Options
    public let labels: [String]
    public let count: Int
    public let accuracy: Double?
    public let accuracyInterval: BootstrapInterval?
    public let perLabel: [LabelReport]
    public let macro: Average
    public let weighted: Average
    public let kappa: Double?
    public let logLoss: Double?
    /// Mean of the per-label one-vs-rest Brier scores.
    public let brierScore: Double?
    public let calibration: Calibration
    /// confusion[true][predicted]
    public let confusion: [[Int]]
    /// Each row divided by its support; nil for a label with no support.
    public let confusionNormalised: [[Double]?]
    public let mostConfidentMistakes: [Example]
    public let leastConfidentCorrect: [Example]

    /// - Parameters:
    ///   - truth: the true label index of each example.
    ///   - probabilities: one row per example, one probability per label.
    ///   - texts: each example's text; `lines` their lines in the data file, if known.
    public init(labels: [String], truth: [Int], probabilities: [[Double]], texts: [String], lines: [Int]? = nil,
                options: Options = Options()) {
        let n = truth.count, k = labels.count
        precondition(probabilities.count == n && texts.count == n && (lines?.count ?? n) == n,
                     "report: \(n) truths, \(probabilities.count) probability rows, \(texts.count) texts")
        precondition(probabilities.allSatisfy { $0.count == k }, "report: probability rows must hold \(k) values")
        precondition(truth.allSatisfy { (0..<k).contains($0) }, "report: label index out of range")
        precondition(options.errors >= 0 && options.bootstrapResamples >= 0 && options.bins >= 1)
        self.labels = labels
        self.options = options
        count = n

        let predicted = probabilities.map(StanceModel.argmax)
        let metrics = ClassificationMetrics(labels: labels, truth: truth, predicted: predicted)
        confusion = metrics.confusion
        confusionNormalised = metrics.confusion.map { row in
            let support = row.reduce(0, +)
            return support > 0 ? row.map { Double($0) / Double(support) } : nil
        }
        accuracy = metrics.accuracy
        kappa = EvaluationReport.kappa(metrics.confusion)

        // Bootstrap: accuracy, macro F1, weighted F1, then precision, recall, F1 of each label.
        let intervals = BootstrapInterval.estimate(
            count: n, resamples: options.bootstrapResamples, seed: options.seed, level: options.level,
            statistics: 3 + 3 * k
        ) { weights in
            let m = ClassificationMetrics(labels: labels, confusion: EvaluationReport.confusion(truth, predicted, weights, k))
            return [m.accuracy, m.macro.f1, m.weighted.f1] + m.perLabel.flatMap { [$0.precision, $0.recall, $0.f1] }
        }
        accuracyInterval = intervals[0]
        let defined = n > 0
        macro = Average(precision: defined ? metrics.macro.precision : nil, recall: defined ? metrics.macro.recall : nil,
                        f1: defined ? metrics.macro.f1 : nil, f1Interval: intervals[1])
        weighted = Average(precision: defined ? metrics.weighted.precision : nil, recall: defined ? metrics.weighted.recall : nil,
                           f1: defined ? metrics.weighted.f1 : nil, f1Interval: intervals[2])

        var briers = [Double?]()
        var per = [LabelReport]()
        for (c, s) in metrics.perLabel.enumerated() {
            var brier: Double?
            if n > 0 {
                var sum = 0.0
                for i in 0..<n {
                    let d = probabilities[i][c] - (truth[i] == c ? 1 : 0)
                    sum += d * d
                }
                brier = EvaluationReport.finite(sum / Double(n))
            }
            briers.append(brier)
            per.append(LabelReport(label: s.label, precision: s.precision, recall: s.recall, f1: s.f1, support: s.support,
                                   predicted: (0..<k).reduce(0) { $0 + metrics.confusion[$1][c] }, brier: brier,
                                   precisionInterval: intervals[3 + 3 * c], recallInterval: intervals[4 + 3 * c],
                                   f1Interval: intervals[5 + 3 * c]))
        }
        perLabel = per
        let definedBriers = briers.compactMap { $0 }
        brierScore = n > 0 && definedBriers.count == k ? definedBriers.reduce(0, +) / Double(k) : nil

        if n > 0 {
            // scikit-learn clips to the float64 machine epsilon, so a confident mistake costs
            // about 36 nats rather than infinity.
            let eps = Double.ulpOfOne
            var sum = 0.0
            for i in 0..<n { sum -= log(min(max(probabilities[i][truth[i]], eps), 1 - eps)) }
            logLoss = EvaluationReport.finite(sum / Double(n))
        } else {
            logLoss = nil
        }

        let confidences = (0..<n).map { probabilities[$0][predicted[$0]] }
        let correct = (0..<n).map { truth[$0] == predicted[$0] }
        calibration = Calibration(confidences: confidences, correct: correct, binCount: options.bins)

        func example(_ i: Int) -> Example {
            Example(index: i, line: lines?[i], text: texts[i], truth: labels[truth[i]], predicted: labels[predicted[i]],
                    confidence: confidences[i], probabilities: probabilities[i])
        }
        // Ties are broken by position so the lists are the same on every run.
        let mistakes = (0..<n).filter { !correct[$0] }.sorted {
            confidences[$0] != confidences[$1] ? confidences[$0] > confidences[$1] : $0 < $1
        }
        let rights = (0..<n).filter { correct[$0] }.sorted {
            confidences[$0] != confidences[$1] ? confidences[$0] < confidences[$1] : $0 < $1
        }
        mostConfidentMistakes = mistakes.prefix(options.errors).map(example)
        leastConfidentCorrect = rights.prefix(options.errors).map(example)
    }

    /// Confusion counts of a resample: each example counted as often as it was drawn.
    static func confusion(_ truth: [Int], _ predicted: [Int], _ weights: [Int], _ k: Int) -> [[Int]] {
        var confusion = Array(repeating: Array(repeating: 0, count: k), count: k)
        for i in weights.indices where weights[i] > 0 { confusion[truth[i]][predicted[i]] += weights[i] }
        return confusion
    }

    /// Cohen's kappa as scikit-learn computes it: 1 − Σ_{i≠j} observed / Σ_{i≠j} expected, with
    /// expected[i][j] = (column sum i · row sum j) / n. Undefined without examples or when the
    /// expected disagreement is zero (every example and prediction in one label).
    static func kappa(_ confusion: [[Int]]) -> Double? {
        let k = confusion.count
        let n = confusion.reduce(0) { $0 + $1.reduce(0, +) }
        guard n > 0 else { return nil }
        let rowSums = confusion.map { Double($0.reduce(0, +)) }
        let columnSums = (0..<k).map { j in Double(confusion.reduce(0) { $0 + $1[j] }) }
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            for j in 0..<k where i != j {
                observed += Double(confusion[i][j])
                expected += columnSums[i] * rowSums[j] / Double(n)
            }
        }
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(data, forKey: .data)
        try c.encode(leftOut, forKey: .leftOut)
        try c.encode(options, forKey: .options)
        try c.encode(labels, forKey: .labels)
        try c.encode(count, forKey: .count)
        try c.encode(accuracy, forKey: .accuracy)
        try c.encode(accuracyInterval, forKey: .accuracyInterval)
        try c.encode(perLabel, forKey: .perLabel)
        try c.encode(macro, forKey: .macro)
        try c.encode(weighted, forKey: .weighted)
        try c.encode(kappa, forKey: .kappa)
        try c.encode(logLoss, forKey: .logLoss)
        try c.encode(brierScore, forKey: .brierScore)
        try c.encode(calibration, forKey: .calibration)
        try c.encode(confusion, forKey: .confusion)
        try c.encode(confusionNormalised, forKey: .confusionNormalised)
        try c.encode(mostConfidentMistakes, forKey: .mostConfidentMistakes)
        try c.encode(leastConfidentCorrect, forKey: .leastConfidentCorrect)
    }
}
