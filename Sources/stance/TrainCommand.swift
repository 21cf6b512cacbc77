import ArgumentParser
import Foundation
import StanceKit

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a stance classifier on labelled sentences.",
        discussion: """
        Reads labelled data (JSON Lines, CSV or TSV with a text and a label column), fits TF-IDF \
        features (and, with --features ...,encoder, adds sentence-encoder vectors) and a multinomial \
        logistic regression, and writes one model file. The labels are \
        whatever the data holds (at least two). The model file is written only when training \
        succeeds, and atomically: an existing file is replaced only by a complete new one.

        Example: stance train --data Data/negotiations/train.jsonl --dev Data/negotiations/dev.jsonl --output my.stance --cv 5
        """)

    @Option(help: "Labelled training data (repeat to train on several files).")
    var data: [String]

    @Option(help: "Labelled development data, scored after training.")
    var dev: String?

    @Option(help: "Where to write the model file.")
    var output: String

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Features") var featureOptions: FeatureOptions
    @OptionGroup(title: "Classifier") var classifierOptions: ClassifierOptions
    @OptionGroup var threadOptions: ThreadOptions

    @Flag(help: "Print the training summary as JSON.")
    var json = false

    @Flag(help: "No progress messages on stderr.")
    var quiet = false

    func run() throws {
        try runReportingErrors {
            let progress = progressReporter(quiet: quiet)
            let examples = try data.flatMap { try input.read($0) }
            progress("read \(examples.count) examples from \(data.joined(separator: ", "))")
            let devExamples = try dev.map { try input.read($0) }
            let configuration = try StanceTrainer.Configuration(featureOptions, classifierOptions, threadOptions)
            let model = try StanceTrainer(configuration, progress: progress).train(examples, dev: devExamples)
            try ModelFile.write(model, to: output)
            progress("wrote \(output)")
            let out = OutputStream()
            if json {
                out.line(try jsonString(model.summary, pretty: true))
            } else {
                SummaryPrinter.print(model, to: out)
                out.line("model: \(output)")
            }
        }
    }
}

/// Human-readable training summary, shared by `train` and `inspect`.
enum SummaryPrinter {
    static func print(_ model: StanceModel, to out: OutputStream) {
        let s = model.summary
        out.line("labels: " + model.labels.names.map { "\($0) (\(s.labelCounts[$0] ?? 0))" }.joined(separator: ", "))
        out.line("examples: \(s.examples), data fingerprint \(s.dataFingerprint)")
        out.line("features: \(s.features) (\(model.features.wordColumns) word n-grams, \(model.features.characterColumns) character n-grams)")
        out.line("classifier: softmax regression, C=\(s.C), class weight \(s.classWeight.rawValue), \(s.solver.rawValue), \(s.iterations) iterations, \(s.converged ? "converged" : "NOT converged"), loss \(s.finalLoss.fixed(6))")
        if let cv = s.crossValidation {
            out.line("cross-validation: \(cv.folds) folds, \(cv.metric), seed \(cv.seed)")
            for p in cv.grid {
                out.line("  C=\(p.C)\t\(p.mean.fixed(4)) ± \(p.standardDeviation.fixed(4))\(p.C == cv.bestC ? "  <- chosen" : "")")
            }
        }
        if let dev = s.dev {
            out.line("dev: \(dev.examples) examples, accuracy \(dev.accuracy.map { $0.fixed(4) } ?? "undefined"), macro-F1 \(dev.macroF1.fixed(4)), weighted F1 \(dev.weightedF1.fixed(4))")
        }
        out.line("tool version: \(s.toolVersion)")
    }
}
