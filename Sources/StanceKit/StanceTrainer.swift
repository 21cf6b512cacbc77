import Foundation
import LinearAlgebra
import SentenceEncoder

/// Trains a `StanceModel` from labelled examples: fits the features, optionally chooses C by
/// stratified K-fold cross-validation on the training data, fits the classifier, and scores
/// a development set when one is given.
public struct StanceTrainer: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var features: FeatureConfiguration
        public var classifier: LogisticRegression.Configuration
        /// Cross-validation folds for choosing C (nil: use `classifier.C`).
        public var crossValidationFolds: Int?
        public var grid: [Double]
        public var metric: CrossValidation.Metric
        public var seed: UInt64
        /// Threads for feature extraction and the optimiser (the model is the same for any count).
        public var threads: Int
        /// Add the sentence encoder's vectors as a dense block (its identity is recorded in the model).
        public var encoder: EncoderRequest?

        public init(features: FeatureConfiguration = .tfidf(), classifier: LogisticRegression.Configuration = .init(),
                    crossValidationFolds: Int? = nil, grid: [Double] = StanceTrainer.defaultGrid,
                    metric: CrossValidation.Metric = .macroF1, seed: UInt64 = 1,
                    threads: Int = ParallelLoop.availableThreads, encoder: EncoderRequest? = nil) {
            self.threads = threads
            self.encoder = encoder
            self.features = features
            self.classifier = classifier
            self.crossValidationFolds = crossValidationFolds
            self.grid = grid
            self.metric = metric
            self.seed = seed
        }
    }

    public static let defaultGrid: [Double] = [0.1, 0.3, 1, 3, 10, 30, 100]

    /// Which sentence encoder to use, how much its block weighs, and where to find it.
    public struct EncoderRequest: Sendable, Equatable {
        public var name: String
        public var weight: Double
        public var directory: String?
        /// Where sentence vectors of training data are cached (nil: the default cache; see EmbeddingCache).
        public var cacheDirectory: String?
        public var useCache: Bool

        public init(name: String = SentenceEncoder.defaultModelName, weight: Double = 1, directory: String? = nil,
                    cacheDirectory: String? = nil, useCache: Bool = true) {
            self.name = name
            self.weight = weight
            self.directory = directory
            self.cacheDirectory = cacheDirectory
            self.useCache = useCache
        }
    }

    /// The opened encoder and the feature configuration that records it.
    func openEncoder() throws -> (FeatureConfiguration, SentenceEncoder?) {
        var features = configuration.features
        guard let request = configuration.encoder else { return (features, nil) }
        let encoder = try EncoderLocator(explicitDirectory: request.directory).open(name: request.name)
        let identity = EncoderIdentity(name: encoder.identity.name, sha256: EncoderLocator.cachedDigest(of: encoder),
                                       dimension: encoder.dimension)
        features.encoder = EncoderFeature(identity: identity, weight: request.weight)
        return (features, encoder)
    }

    /// Unweighted sentence vectors of `texts` (from the cache when it has them), or nil without an encoder.
    public func sentenceVectors(_ texts: [String]) throws -> Matrix? {
        let (features, encoder) = try openEncoder()
        guard let encoder, let identity = features.encoder?.identity, let request = configuration.encoder else { return nil }
        if !request.useCache {
            progress("encoding \(texts.count) sentences with \(identity.name)")
            let vectors = try encoder.encode(texts)
            return Matrix(rows: texts.count, columns: identity.dimension, values: vectors.flatMap { $0.map(Double.init) })
        }
        return try EmbeddingCache(directory: request.cacheDirectory).vectors(texts, encoder: encoder, identity: identity) { [progress] in progress($0) }
    }

    public let configuration: Configuration
    /// Progress messages, for stderr.
    public var progress: @Sendable (String) -> Void

    public init(_ configuration: Configuration, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.progress = progress
    }

    /// `precomputedDense`: the examples' unweighted sentence vectors, when the caller has them.
    public func train(_ examples: [LabelledExample], dev: [LabelledExample]? = nil,
                      precomputedDense: Matrix? = nil) throws -> StanceModel {
        let labels = LabelSet(examples.compactMap(\.label))
        guard labels.count >= 2 else {
            throw StanceError.invalidOption("training data needs at least two labels, found \(labels.count)\(labels.names.isEmpty ? "" : ": " + labels.names.joined(separator: ", "))")
        }
        let targets = examples.map { labels.index(of: $0.label!)! }
        let texts = examples.map(\.text)
        var classifier = configuration.classifier
        let (featureConfiguration, encoder) = try openEncoder()
        let dense = try precomputedDense ?? sentenceVectors(texts)

        var report: TrainingSummary.CrossValidationReport?
        if let folds = configuration.crossValidationFolds {
            let result = try crossValidate(texts: texts, targets: targets, classCount: labels.count, labels: labels, folds: folds,
                                           features: featureConfiguration, encoder: encoder, dense: dense)
            report = result
            classifier.C = result.bestC
        }

        progress("fitting features on \(examples.count) examples")
        let threads = configuration.threads
        let features = try FittedFeatures.fit(featureConfiguration, texts: texts, threads: threads, encoder: encoder)
        progress("features: \(features.wordColumns) word n-grams, \(features.characterColumns) character n-grams, \(features.denseColumns) encoder dimensions")
        let matrix = try features.transform(texts, threads: threads, precomputedDense: dense)
        progress("feature matrix: \(matrix.rows) rows, \(matrix.sparse.nonZeroCount) non-zeros")
        let start = Date()
        let fitted = try LogisticRegression(classifier).fit(matrix, targets: targets, classCount: labels.count, threads: threads) { [progress] iteration, loss in
            if iteration % 25 == 0 { progress("optimising: iteration \(iteration), loss \(String(format: "%.6f", loss))") }
        }
        progress("fitted in \(fitted.iterations) iterations (\(String(format: "%.2f", Date().timeIntervalSince(start))) s), loss \(String(format: "%.6f", fitted.loss))\(fitted.converged ? "" : ", NOT converged")")

        var devReport: TrainingSummary.DevReport?
        let provisional = TrainingSummary(
            examples: examples.count, labelCounts: Dictionary(grouping: targets, by: { labels[$0] }).mapValues(\.count),
            features: features.columns, C: classifier.C, classWeight: classifier.classWeight, solver: fitted.solver,
            iterations: fitted.iterations, converged: fitted.converged, finalLoss: fitted.loss,
            crossValidation: report, dev: nil, dataFingerprint: DataFingerprint.of(examples),
            toolVersion: StanceVersion.current)
        var model = StanceModel(labels: labels, features: features, classifier: classifier, fitted: fitted, summary: provisional)
        if let dev, !dev.isEmpty {
            let known = dev.filter { $0.label.flatMap(labels.index(of:)) != nil }
            let devTexts = known.map(\.text)
            let predicted = try model.predict(devTexts, threads: threads, precomputedDense: try sentenceVectors(devTexts)).map(\.label)
            let metrics = ClassificationMetrics(labels: labels.names, truth: known.map { labels.index(of: $0.label!)! }, predicted: predicted)
            devReport = .init(examples: known.count, accuracy: metrics.accuracy, macroF1: metrics.macro.f1, weightedF1: metrics.weighted.f1)
            model = StanceModel(labels: labels, features: features, classifier: classifier, fitted: fitted,
                                summary: provisional.with(dev: devReport))
        }
        return model
    }

    /// Scores every C of the grid by stratified K-fold cross-validation (features refitted on
    /// each training fold, so no fold sees its own test vocabulary) and picks the best mean;
    /// ties go to the smaller C.
    func crossValidate(texts: [String], targets: [Int], classCount: Int, labels: LabelSet, folds: Int,
                       features featureConfiguration: FeatureConfiguration, encoder: SentenceEncoder?,
                       dense: Matrix?) throws -> TrainingSummary.CrossValidationReport {
        guard folds >= 2 else { throw StanceError.invalidOption("--cv needs at least 2 folds, not \(folds)") }
        var counts = [Int](repeating: 0, count: classCount)
        for t in targets { counts[t] += 1 }
        if let rare = counts.indices.first(where: { counts[$0] < folds }) {
            throw StanceError.invalidOption("label \"\(labels[rare])\" has \(counts[rare]) examples; \(folds)-fold cross-validation needs at least \(folds) of each label")
        }
        let grid = configuration.grid.sorted()
        guard !grid.isEmpty, grid.allSatisfy({ $0 > 0 }) else { throw StanceError.invalidOption("the C grid must hold positive values") }
        let assignment = CrossValidation.stratifiedFolds(targets: targets, folds: folds, seed: configuration.seed)
        var scores = Array(repeating: [Double](), count: grid.count)
        for fold in 0..<folds {
            let trainIndices = targets.indices.filter { assignment[$0] != fold }
            let testIndices = targets.indices.filter { assignment[$0] == fold }
            let threads = configuration.threads
            let features = try FittedFeatures.fit(featureConfiguration, texts: trainIndices.map { texts[$0] }, threads: threads, encoder: encoder)
            let trainMatrix = try features.transform(trainIndices.map { texts[$0] }, threads: threads,
                                                     precomputedDense: dense?.selectingRows(trainIndices))
            let testMatrix = try features.transform(testIndices.map { texts[$0] }, threads: threads,
                                                    precomputedDense: dense?.selectingRows(testIndices))
            let trainTargets = trainIndices.map { targets[$0] }
            let testTargets = testIndices.map { targets[$0] }
            var previous: FittedLogisticRegression?
            for (g, C) in grid.enumerated() {
                var classifier = configuration.classifier
                classifier.C = C
                let fitted = try LogisticRegression(classifier).fit(trainMatrix, targets: trainTargets, classCount: classCount,
                                                                     warmStart: previous, threads: threads)
                previous = fitted
                let probabilities = fitted.predictProbabilities(testMatrix, threads: threads)
                let predicted = (0..<probabilities.rows).map { StanceModel.argmax(Array(probabilities.row($0))) }
                let score = configuration.metric.score(ClassificationMetrics(labels: labels.names, truth: testTargets, predicted: predicted))
                scores[g].append(score)
            }
            progress("cross-validation fold \(fold + 1)/\(folds): " + zip(grid, scores).map { "C=\($0.0) \(String(format: "%.4f", $0.1.last!))" }.joined(separator: ", "))
        }
        let points = zip(grid, scores).map { C, s -> TrainingSummary.GridPoint in
            let (mean, sd) = CrossValidation.meanAndStandardDeviation(s)
            return .init(C: C, scores: s, mean: mean, standardDeviation: sd)
        }
        var best = points[0]
        for p in points where p.mean > best.mean + 1e-12 { best = p }
        return .init(folds: folds, metric: configuration.metric.rawValue, seed: configuration.seed, grid: points, bestC: best.C)
    }
}

extension TrainingSummary {
    func with(dev: DevReport?) -> TrainingSummary {
        TrainingSummary(examples: examples, labelCounts: labelCounts, features: features, C: C, classWeight: classWeight,
                        solver: solver, iterations: iterations, converged: converged, finalLoss: finalLoss,
                        crossValidation: crossValidation, dev: dev, dataFingerprint: dataFingerprint, toolVersion: toolVersion)
    }
}
