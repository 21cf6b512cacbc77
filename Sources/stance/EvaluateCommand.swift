import ArgumentParser
import Foundation
import StanceKit

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model on labelled data: per-label and overall figures with bootstrap intervals, calibration, confusion matrix, and the model's worst errors.",
        discussion: """
        Figures: per-label precision, recall, F1 and support; accuracy; macro and weighted F1; \
        Cohen's kappa; log loss; Brier score (per label one-vs-rest, and their mean); expected \
        calibration error with its reliability bins; the confusion matrix as counts and \
        row-normalised; and the most confident mistakes and least confident correct answers with \
        their text and probabilities.

        Figures are defined as scikit-learn defines them (classification_report, \
        cohen_kappa_score, log_loss, brier_score_loss). A figure whose denominator is zero \
        (a label never predicted or without examples; no examples at all) is shown as "undefined" \
        and counts as 0 in the macro and weighted averages. Intervals are 95% percentile \
        bootstrap intervals over the examples (--bootstrap resamples, seeded by --seed). \
        Calibration uses the top-label confidence, the probability of the predicted label, in \
        --bins equal-width bins (10 by default).

        A label the model does not know is an error that lists the unknown labels; \
        --ignore-unknown scores the known ones and reports how many were left out.

        Examples:
          stance evaluate --model my.stance --data test.csv
          stance evaluate --model my.stance --data test.csv --format html --output report.html
          stance evaluate --data test.jsonl --format json --errors 20 --bootstrap 2000 --seed 7
        """)

    @Option(help: "Model file (default: the shipped default model, or $STANCE_MODEL).")
    var model: String?

    @OptionGroup var scoringOptions: ScoringOptions

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Report") var report: ReportOptions
    @OptionGroup var threadOptions: ThreadOptions

    func run() throws {
        try runReportingErrors {
            let modelPath = try ModelLocator.resolve(model)
            let loaded = try ModelFile.read(modelPath)
            let scoring = try ScoringData.load(scoringOptions.data, input: input, labels: loaded.labels, ignoreUnknown: scoringOptions.ignoreUnknown)
            var evaluation = EvaluationReport(
                labels: loaded.labels.names, truth: scoring.truth,
                probabilities: try scoring.probabilities(loaded, path: modelPath, threads: threadOptions.threads),
                texts: scoring.examples.map(\.text), lines: scoring.examples.map(\.line),
                options: report.evaluationOptions(seed: scoringOptions.seed))
            evaluation.model = model ?? modelPath
            evaluation.data = scoringOptions.data
            evaluation.leftOut = scoring.leftOut
            try report.emit(.evaluation(evaluation))
        }
    }
}
