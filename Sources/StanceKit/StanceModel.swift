import LinearAlgebra
import TextFeatures

/// A trained stance classifier: label set, fitted features, logistic regression, and the
/// summary of its training. Immutable and `Sendable`; load and save it with `ModelFile`.
public struct StanceModel: Sendable {
    public let labels: LabelSet
    public let features: FittedFeatures
    public let classifier: LogisticRegression.Configuration
    public let fitted: FittedLogisticRegression
    public let summary: TrainingSummary
    /// Scratch memory for `predictSparse`, reused from call to call.
    private let scratchPool: ScratchPool<TfidfScratch>

    public init(labels: LabelSet, features: FittedFeatures, classifier: LogisticRegression.Configuration,
                fitted: FittedLogisticRegression, summary: TrainingSummary) {
        precondition(fitted.classCount == labels.count && fitted.featureCount == features.columns)
        self.labels = labels
        self.features = features
        self.classifier = classifier
        self.fitted = fitted
        self.summary = summary
        let featureCount = max(features.wordColumns, features.characterColumns)
        scratchPool = ScratchPool { TfidfScratch(featureCount: featureCount) }
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
        if features.denseColumns == 0 { return predictSparse(texts, threads: threads) }
        let p = try predictProbabilities(texts, threads: threads, precomputedDense: precomputedDense)
        return (0..<p.rows).map { i in
            let row = Array(p.row(i))
            return Prediction(label: StanceModel.argmax(row), probabilities: row)
        }
    }

    /// TF-IDF-only models: each text's scores straight from its n-grams (no feature matrix), in
    /// parallel chunks, each thread with its own scratch memory from the pool.
    func predictSparse(_ texts: [String], threads: Int) -> [Prediction] {
        let k = labels.count
        let intercepts = Array(fitted.intercepts)
        return fitted.parameters.withUnsafeBufferPointer { w in
            ParallelLoop.map(count: texts.count, threads: threads, minimumChunk: 256) { range -> [Prediction] in
                scratchPool.withValue { scratch in
                    var scores = [Double](repeating: 0, count: k)
                    return range.map { i in
                        for c in 0..<k { scores[c] = intercepts[c] }
                        let (wordAnalysis, characterAnalysis) = features.analyses(of: texts[i])
                        scores.withUnsafeMutableBufferPointer { z in
                            if let word = features.word, let wordAnalysis {
                                word.accumulate(wordAnalysis, weights: w.baseAddress!, k: k, scale: features.configuration.wordWeight,
                                                into: z.baseAddress!, scratch: &scratch)
                            }
                            if let character = features.character, let characterAnalysis {
                                character.accumulate(characterAnalysis, weights: w.baseAddress! + features.wordColumns * k, k: k,
                                                     scale: features.configuration.characterWeight, into: z.baseAddress!, scratch: &scratch)
                            }
                        }
                        var probabilities = scores
                        probabilities.withUnsafeMutableBufferPointer { _ = SoftmaxLoss.softmax(row: $0.baseAddress!, count: k) }
                        return Prediction(label: StanceModel.argmax(scores), probabilities: probabilities)
                    }
                }
            }
        }
    }

    /// The first index of the largest value (ties go to the earlier label, as numpy's argmax).
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
