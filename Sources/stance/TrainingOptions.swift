import ArgumentParser
import StanceKit
import TextFeatures

extension LogisticRegression.ClassWeight: ExpressibleByArgument {}
extension LogisticRegression.Solver: ExpressibleByArgument {}
extension CrossValidation.Metric: ExpressibleByArgument {}

/// An n-gram range written "1-2" (or "3" for 3-3); "0" turns the block off.
struct NGramRange: ExpressibleByArgument {
    let range: ClosedRange<Int>?

    init?(argument: String) {
        if argument == "0" || argument == "off" { range = nil; return }
        let parts = argument.split(separator: "-").map { Int($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 1 }) else { return nil }
        let low = parts[0]!, high = parts.last!!
        guard low <= high, high <= 10 else { return nil }
        range = low...high
    }

    var defaultValueDescription: String {
        range.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" } ?? "0"
    }
}

/// Feature settings for training.
struct FeatureOptions: ParsableArguments {
    @Option(help: "Feature blocks, comma-separated: word, char, tfidf (both), encoder (sentence vectors from all-MiniLM-L6-v2; run Scripts/fetch-encoder first).")
    var features = "tfidf"

    @Option(help: "Weight of the sentence-encoder block against the TF-IDF blocks.")
    var encoderWeight = 1.0

    @Option(help: "Directory of the sentence encoder (default: Models/encoders/all-MiniLM-L6-v2).")
    var encoder: String?

    @Flag(help: "Do not read or write cached sentence vectors.")
    var noCache = false

    @Option(help: "Word n-gram range, e.g. 1-2; 0 turns word n-grams off.")
    var wordNgrams = NGramRange(argument: "1-2")!

    @Option(help: "Character n-gram range inside word boundaries, e.g. 2-5; 0 turns them off.")
    var charNgrams = NGramRange(argument: "2-5")!

    @Option(help: "Keep n-grams found in at least this many training texts.")
    var minDf = 1

    @Option(help: "Keep at most this many n-grams per block, the most frequent.")
    var maxFeatures: Int?

    @Flag(help: "Strip accents (NFD, combining marks removed) before tokenising.")
    var stripAccents = false

    @Flag(help: "Use raw term counts instead of 1 + log(count).")
    var noSublinearTf = false

    @Option(help: "Weight of the word block against the character block.")
    var wordWeight = 1.0

    @Option(help: "Weight of the character block against the word block.")
    var charWeight = 1.0

    func validate() throws {
        let blocks = try parsedBlocks()
        if blocks.word && wordNgrams.range == nil && !blocks.char && !blocks.encoder { throw ValidationError("word n-grams are off and no other block is on") }
        guard encoderWeight > 0 else { throw ValidationError("--encoder-weight must be positive") }
        guard minDf >= 1 else { throw ValidationError("--min-df must be at least 1") }
        if let maxFeatures, maxFeatures < 1 { throw ValidationError("--max-features must be at least 1") }
        guard wordWeight > 0, charWeight > 0 else { throw ValidationError("block weights must be positive") }
    }

    func parsedBlocks() throws -> (word: Bool, char: Bool, encoder: Bool) {
        var word = false, char = false, encoder = false
        for name in features.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch name {
            case "tfidf": word = true; char = true
            case "word": word = true
            case "char": char = true
            case "encoder": encoder = true
            default: throw ValidationError("unknown feature block \"\(name)\" (use word, char, tfidf or encoder)")
            }
        }
        guard word || char || encoder else { throw ValidationError("--features names no block") }
        return (word, char, encoder)
    }

    /// The sentence encoder to add, when --features names it.
    func encoderRequest() throws -> StanceTrainer.EncoderRequest? {
        guard try parsedBlocks().encoder else { return nil }
        return .init(weight: encoderWeight, directory: encoder, useCache: !noCache)
    }

    func configuration() throws -> FeatureConfiguration {
        let blocks = try parsedBlocks()
        var c = FeatureConfiguration.tfidf(wordNGrams: blocks.word ? wordNgrams.range : nil,
                                           characterNGrams: blocks.char ? charNgrams.range : nil,
                                           minDF: minDf, maxFeatures: maxFeatures,
                                           normalizer: TextNormalizer(stripAccents: stripAccents))
        if noSublinearTf {
            c.word?.sublinearTF = false
            c.character?.sublinearTF = false
        }
        c.wordWeight = wordWeight
        c.characterWeight = charWeight
        guard c.word != nil || c.character != nil || blocks.encoder else { throw ValidationError("every feature block is off") }
        return c
    }
}

/// Classifier and model-selection settings.
struct ClassifierOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .customLong("C")], help: "Inverse L2 penalty strength (scikit-learn's C).")
    var c = 1.0

    @Option(help: "Class weights: none, or balanced (n / (labels × label count)).")
    var classWeight: LogisticRegression.ClassWeight = .none

    @Option(help: "Optimiser: auto (Newton for small dense problems, else L-BFGS), lbfgs, newton.")
    var solver: LogisticRegression.Solver = .auto

    @Option(help: "Maximum optimiser iterations.")
    var maxIter = 1000

    @Option(help: "Convergence tolerance on the largest gradient component.")
    var tol = 1e-4

    @Option(help: "Choose C by stratified K-fold cross-validation on the training data.")
    var cv: Int?

    @Option(help: "Comma-separated C values for --cv.")
    var grid = StanceTrainer.defaultGrid.map { String($0) }.joined(separator: ",")

    @Option(help: "Score that --cv maximises.")
    var cvMetric: CrossValidation.Metric = .macroF1

    @Option(help: "Seed for cross-validation folds.")
    var seed: UInt64 = 1

    func validate() throws {
        guard c > 0 else { throw ValidationError("-C must be positive") }
        guard maxIter >= 1 else { throw ValidationError("--max-iter must be at least 1") }
        guard tol > 0 else { throw ValidationError("--tol must be positive") }
        if let cv, cv < 2 { throw ValidationError("--cv needs at least 2 folds") }
        _ = try parsedGrid()
    }

    func parsedGrid() throws -> [Double] {
        let values = grid.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 }) else {
            throw ValidationError("--grid must be positive numbers separated by commas")
        }
        return values.map { $0! }
    }

    func configuration() -> LogisticRegression.Configuration {
        .init(C: c, classWeight: classWeight, solver: solver, maxIterations: maxIter, tolerance: tol)
    }
}

extension StanceTrainer.Configuration {
    /// The trainer's settings from the command line's feature, classifier and thread options.
    init(_ features: FeatureOptions, _ classifier: ClassifierOptions, _ threads: ThreadOptions) throws {
        self.init(features: try features.configuration(), classifier: classifier.configuration(),
                  crossValidationFolds: classifier.cv, grid: try classifier.parsedGrid(),
                  metric: classifier.cvMetric, seed: classifier.seed, threads: threads.threads,
                  encoder: try features.encoderRequest())
    }
}
