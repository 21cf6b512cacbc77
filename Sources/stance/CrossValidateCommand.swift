import ArgumentParser
import Foundation
import StanceKit

struct CrossValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cv",
        abstract: "Cross-validate the training recipe: stratified K-fold, every evaluation figure per fold and as mean ± standard deviation.",
        discussion: """
        The data are split into K folds with the same share of every label (shuffled with \
        --seed). For each fold a model is trained on the other folds, with the same feature and \
        classifier options as `stance train` (features refitted on the training part only), and \
        scored on the fold with every figure of `stance evaluate`. The report gives each figure \
        per fold and as mean ± standard deviation over the folds (population standard deviation), \
        then the full report of all held-out predictions together. --seed also seeds the \
        bootstrap intervals. With --cv, C is chosen inside each training part (nested \
        cross-validation). Every label needs at least K examples.

        Example: stance cv --data train.csv --folds 5 -C 10 --format html --output cv.html
        """)

    @Option(help: "Labelled data to cross-validate on.")
    var data: String

    @Option(help: "Number of folds (K).")
    var folds = 5

    @Flag(help: "No progress messages on stderr.")
    var quiet = false

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Report") var report: ReportOptions
    @OptionGroup(title: "Features") var featureOptions: FeatureOptions
    @OptionGroup(title: "Classifier") var classifierOptions: ClassifierOptions
    @OptionGroup var threadOptions: ThreadOptions

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        try runReportingErrors {
            let progress = progressReporter(quiet: quiet)
            let examples = try input.read(data)
            progress("read \(examples.count) examples from \(data)")
            let training = try StanceTrainer.Configuration(featureOptions, classifierOptions, threadOptions)
            var evaluation = try CrossValidationEvaluation.run(
                examples, folds: folds, training: training,
                options: report.evaluationOptions(seed: classifierOptions.seed), progress: progress)
            evaluation.data = data
            try report.emit(.crossValidation(evaluation))
        }
    }
}
