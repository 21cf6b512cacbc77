import LinearAlgebra

/// Why a linear model chose a label: the margin between the predicted label's logit and the
/// runner-up's, split into per-feature contributions (feature value × weight difference) and
/// the intercept difference. All contributions plus the intercept difference equal the margin.
public struct Explanation: Sendable, Equatable {
    public struct Contribution: Sendable, Equatable {
        public let feature: String
        public let value: Double
        public let contribution: Double
    }

    public let predicted: String
    public let runnerUp: String
    public let margin: Double
    public let interceptDifference: Double
    /// The strongest contributions toward the predicted label, largest first.
    public let toward: [Contribution]
    /// The strongest contributions against it (toward the runner-up), most negative first.
    /// The sentence encoder's dimensions have no meaning one by one, so its block counts as one
    /// contribution, "encoder".
    public let against: [Contribution]
    /// Sum of the contributions not listed above.
    public let remainder: Double
}

extension StanceModel {
    public func explain(_ text: String, top k: Int) throws -> Explanation {
        let row = features.sparseRow(text)
        var sparse = SparseMatrix(columns: features.sparseColumns)
        sparse.appendRow(row)
        let dense = try features.denseBlock([text])
        let z = fitted.decisionFunction(FeatureMatrix(sparse: sparse, dense: dense))
        let scores = Array(z.row(0))
        let predicted = StanceModel.argmax(scores)
        var runnerUp = predicted == 0 ? 1 : 0
        for c in scores.indices where c != predicted && scores[c] > scores[runnerUp] { runnerUp = c }
        var contributions = row.map { column, value in
            Explanation.Contribution(
                feature: features.name(ofColumn: Int(column)), value: value,
                contribution: value * (fitted.weight(feature: Int(column), label: predicted)
                                       - fitted.weight(feature: Int(column), label: runnerUp)))
        }
        if let dense {
            let offset = features.sparseColumns
            var total = 0.0
            for j in 0..<dense.columns {
                total += dense[0, j] * (fitted.weight(feature: offset + j, label: predicted) - fitted.weight(feature: offset + j, label: runnerUp))
            }
            let norm = (0..<dense.columns).reduce(0) { $0 + dense[0, $1] * dense[0, $1] }.squareRoot()
            contributions.append(Explanation.Contribution(feature: "encoder", value: norm, contribution: total))
        }
        let intercepts = Array(fitted.intercepts)
        contributions.sort { $0.contribution > $1.contribution }
        let toward = Array(contributions.prefix { $0.contribution > 0 }.prefix(k))
        let against = Array(contributions.reversed().prefix { $0.contribution < 0 }.prefix(k))
        let listed = (toward + against).reduce(0) { $0 + $1.contribution }
        let total = contributions.reduce(0) { $0 + $1.contribution }
        return Explanation(predicted: labels[predicted], runnerUp: labels[runnerUp],
                           margin: scores[predicted] - scores[runnerUp],
                           interceptDifference: intercepts[predicted] - intercepts[runnerUp],
                           toward: toward, against: against, remainder: total - listed)
    }

    /// The n-grams with the largest weight for each label (weights of a penalised softmax sum
    /// to zero over labels, so a large weight means "this label rather than the others").
    public func strongestFeatures(top k: Int) -> [(label: String, features: [(name: String, weight: Double)])] {
        (0..<labels.count).map { label in
            let ranked = (0..<features.columns)
                .map { (features.name(ofColumn: $0), fitted.weight(feature: $0, label: label)) }
                .sorted { $0.1 > $1.1 }
            return (labels[label], Array(ranked.prefix(k)).map { (name: $0.0, weight: $0.1) })
        }
    }
}
