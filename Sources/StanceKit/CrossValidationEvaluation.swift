import Foundation

/// Stratified K-fold cross-validation of the whole training recipe: for each fold a model is
/// trained by `StanceTrainer` on the other folds (features refitted, so no fold sees its own
/// vocabulary) and scored on the fold with a full `EvaluationReport`. Each figure is then
/// summarised over the folds as mean ± standard deviation (population, ddof = 0, as
/// scikit-learn's `cv_results_` report it), over the folds where it is defined. The held-out
/// predictions of all folds together are also scored as one report (`pooled`).
public struct CrossValidationEvaluation: Sendable, Codable, Equatable {
    public struct FigureSummary: Sendable, Codable, Equatable {
        /// Stable key for machines, e.g. "macroF1" or "f1.dovish".
        public let key: String
        public let name: String
        public let values: [Double?]
        public let mean: Double?
        public let standardDeviation: Double?

        public init(key: String, name: String, values: [Double?]) {
            self.key = key
            self.name = name
            self.values = values
            let defined = values.compactMap { $0 }
            if defined.isEmpty {
                mean = nil
                standardDeviation = nil
            } else {
                let (m, s) = CrossValidation.meanAndStandardDeviation(defined)
                mean = m
                standardDeviation = s
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(name, forKey: .name)
            try c.encode(values, forKey: .values)
            try c.encode(mean, forKey: .mean)
            try c.encode(standardDeviation, forKey: .standardDeviation)
        }
    }

    public var data: String?
    public let folds: Int
    public let seed: UInt64
    public let labels: [String]
    public let count: Int
    /// Examples in each fold's test part.
    public let foldSizes: [Int]
    public let perFold: [EvaluationReport]
    public let figures: [FigureSummary]
    public let pooled: EvaluationReport

    /// Assembles the summary from per-fold reports and the pooled report.
    public init(folds: Int, seed: UInt64, labels: [String], perFold: [EvaluationReport], pooled: EvaluationReport) {
        self.folds = folds
        self.seed = seed
        self.labels = labels
        self.perFold = perFold
        self.pooled = pooled
        count = pooled.count
        foldSizes = perFold.map(\.count)
        var figures: [FigureSummary] = [
            .init(key: "accuracy", name: "accuracy", values: perFold.map(\.accuracy)),
            .init(key: "macroF1", name: "macro F1", values: perFold.map(\.macro.f1)),
            .init(key: "weightedF1", name: "weighted F1", values: perFold.map(\.weighted.f1)),
            .init(key: "kappa", name: "Cohen's kappa", values: perFold.map(\.kappa)),
            .init(key: "logLoss", name: "log loss", values: perFold.map(\.logLoss)),
            .init(key: "brierScore", name: "Brier score (mean)", values: perFold.map(\.brierScore)),
            .init(key: "expectedCalibrationError", name: "expected calibration error",
                  values: perFold.map(\.calibration.expectedCalibrationError)),
        ]
        for (c, label) in labels.enumerated() {
            figures.append(.init(key: "precision.\(label)", name: "precision \(label)", values: perFold.map { $0.perLabel[c].precision }))
            figures.append(.init(key: "recall.\(label)", name: "recall \(label)", values: perFold.map { $0.perLabel[c].recall }))
            figures.append(.init(key: "f1.\(label)", name: "F1 \(label)", values: perFold.map { $0.perLabel[c].f1 }))
        }
        self.figures = figures
    }

    /// Runs the cross-validation. Every label needs at least `folds` examples, so that every
    /// training part holds every label and every test part has each label's support.
    public static func run(_ examples: [LabelledExample], folds: Int, training: StanceTrainer.Configuration,
                           options: EvaluationReport.Options = .init(),
                           progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> CrossValidationEvaluation {
        guard folds >= 2 else { throw StanceError.invalidOption("cross-validation needs at least 2 folds, not \(folds)") }
        let labelSet = LabelSet(examples.compactMap(\.label))
        guard examples.allSatisfy({ $0.label != nil }) else { throw StanceError.invalidOption("cross-validation needs every example labelled") }
        guard labelSet.count >= 2 else {
            throw StanceError.invalidOption("cross-validation needs at least two labels, found \(labelSet.count)\(labelSet.names.isEmpty ? "" : ": " + labelSet.names.joined(separator: ", "))")
        }
        let targets = examples.map { labelSet.index(of: $0.label!)! }
        var counts = [Int](repeating: 0, count: labelSet.count)
        for t in targets { counts[t] += 1 }
        if let rare = counts.indices.first(where: { counts[$0] < folds }) {
            throw StanceError.invalidOption("label \"\(labelSet[rare])\" has \(counts[rare]) example\(counts[rare] == 1 ? "" : "s"); \(folds)-fold cross-validation needs at least \(folds) of each label")
        }
        let assignment = CrossValidation.stratifiedFolds(targets: targets, folds: folds, seed: training.seed)
        var pooledProbabilities = [[Double]](repeating: [], count: examples.count)
        var reports = [EvaluationReport]()
        // The fold's own trainer reports nothing: its messages would interleave with ours.
        let trainer = StanceTrainer(training)
        // Sentence vectors once for all examples (cached on disk), not once per fold.
        let dense = try trainer.sentenceVectors(examples.map(\.text))
        for fold in 0..<folds {
            let trainIndices = examples.indices.filter { assignment[$0] != fold }
            let testIndices = examples.indices.filter { assignment[$0] == fold }
            progress("fold \(fold + 1)/\(folds): training on \(trainIndices.count) examples, testing on \(testIndices.count)")
            let model = try trainer.train(trainIndices.map { examples[$0] }, precomputedDense: dense?.selectingRows(trainIndices))
            // Columns by label name, in case a model's label order ever differs from ours.
            let columns = labelSet.names.map { model.labels.index(of: $0) }
            guard columns.allSatisfy({ $0 != nil }) else {
                throw StanceError.invalidOption("fold \(fold + 1): the trained model lacks a label")
            }
            let texts = testIndices.map { examples[$0].text }
            let predictions = texts.isEmpty ? [] : try model.predict(texts, threads: training.threads,
                                                                     precomputedDense: dense?.selectingRows(testIndices))
            let probabilities = predictions.map { p in columns.map { p.probabilities[$0!] } }
            for (i, row) in zip(testIndices, probabilities) { pooledProbabilities[i] = row }
            let report = EvaluationReport(labels: labelSet.names, truth: testIndices.map { targets[$0] }, probabilities: probabilities,
                                          texts: texts, lines: testIndices.map { examples[$0].line }, options: options)
            progress("fold \(fold + 1)/\(folds): accuracy \(ReportFormatting.number(report.accuracy)), macro F1 \(ReportFormatting.number(report.macro.f1))")
            reports.append(report)
        }
        let pooled = EvaluationReport(labels: labelSet.names, truth: targets, probabilities: pooledProbabilities,
                                      texts: examples.map(\.text), lines: examples.map(\.line), options: options)
        return CrossValidationEvaluation(folds: folds, seed: training.seed, labels: labelSet.names, perFold: reports, pooled: pooled)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(data, forKey: .data)
        try c.encode(folds, forKey: .folds)
        try c.encode(seed, forKey: .seed)
        try c.encode(labels, forKey: .labels)
        try c.encode(count, forKey: .count)
        try c.encode(foldSizes, forKey: .foldSizes)
        try c.encode(perFold, forKey: .perFold)
        try c.encode(figures, forKey: .figures)
        try c.encode(pooled, forKey: .pooled)
    }
}
