import LinearAlgebra

/// A trained stance classifier: label set, fitted features, logistic regression, and the
/// summary of its training. Immutable and `Sendable`; load and save it with `ModelFile`.
public struct StanceModel: Sendable {
    public let labels: LabelSet
    public let features: FittedFeatures
    public let classifier: LogisticRegression.Configuration
    public let fitted: FittedLogisticRegression
    public let summary: TrainingSummary

    public init(labels: LabelSet, features: FittedFeatures, classifier: LogisticRegression.Configuration,
                fitted: FittedLogisticRegression, summary: TrainingSummary) {
        precondition(fitted.classCount == labels.count && fitted.featureCount == features.columns)
        self.labels = labels
        self.features = features
        self.classifier = classifier
        self.fitted = fitted
        self.summary = summary
    }

    public struct Prediction: Sendable, Equatable {
        public let label: Int
        public let probabilities: [Double]
    }

    /// Probabilities of every label for each text (rows × labels).
    /// `precomputedDense`: the texts' sentence vectors when already at hand (unweighted).
    public func predictProbabilities(_ texts: [String], threads: Int = 1, precomputedDense: Matrix? = nil) throws -> Matrix {
        fitted.predictProbabilities(try features.transform(texts, threads: threads, precomputedDense: precomputedDense), threads: threads)
    }

    public func predict(_ texts: [String], threads: Int = 1, precomputedDense: Matrix? = nil) throws -> [Prediction] {
        let p = try predictProbabilities(texts, threads: threads, precomputedDense: precomputedDense)
        return (0..<p.rows).map { i in
            let row = Array(p.row(i))
            return Prediction(label: StanceModel.argmax(row), probabilities: row)
        }
    }

    /// The first index of the largest value (ties go to the earlier label, as numpy's argmax).
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
