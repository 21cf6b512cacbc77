import ArgumentParser
import Foundation
import StanceKit

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two models on the same labelled data: figures side by side, McNemar's test, and a paired bootstrap of the macro-F1 difference.",
        discussion: """
        Both models are scored on every example with all the figures of `stance evaluate`. \
        McNemar's test asks whether their accuracies differ, from the examples only one of them \
        got right: the exact binomial test when there are fewer than 25 such examples, else the \
        continuity-corrected chi-square test. The paired bootstrap scores both models on the same \
        resamples and gives the 95% interval of the macro-F1 difference B − A; the difference is \
        significant at 5% when the interval excludes 0. The report opens with a plain sentence \
        saying which, if either, is significant.

        Both models must know the same labels.

        Example: stance compare --data test.csv baseline.stance candidate.stance --format html --output compare.html
        """)

    @Argument(help: ArgumentHelp("Model A (the baseline).", valueName: "model-a"))
    var modelA: String

    @Argument(help: ArgumentHelp("Model B (the candidate); differences are B − A.", valueName: "model-b"))
    var modelB: String

    @OptionGroup var scoringOptions: ScoringOptions

    @OptionGroup(title: "Input") var input: DataOptions
    @OptionGroup(title: "Report") var report: ReportOptions
    @OptionGroup var threadOptions: ThreadOptions

    func run() throws {
        try runReportingErrors {
            let a = try ModelFile.read(modelA)
            let b = try ModelFile.read(modelB)
            guard a.labels == b.labels else {
                throw StanceError.invalidOption("the models know different labels: \(modelA): \(a.labels.names.joined(separator: ", ")); \(modelB): \(b.labels.names.joined(separator: ", "))")
            }
            let scoring = try ScoringData.load(scoringOptions.data, input: input, labels: a.labels, ignoreUnknown: scoringOptions.ignoreUnknown)
            let (nameA, nameB) = Self.names(modelA, modelB)
            var comparison = ModelComparison(
                labels: a.labels.names, truth: scoring.truth,
                probabilitiesA: try scoring.probabilities(a, path: modelA, threads: threadOptions.threads),
                probabilitiesB: try scoring.probabilities(b, path: modelB, threads: threadOptions.threads),
                texts: scoring.examples.map(\.text), lines: scoring.examples.map(\.line),
                nameA: nameA, nameB: nameB, options: report.evaluationOptions(seed: scoringOptions.seed))
            comparison.data = scoringOptions.data
            comparison.leftOut = scoring.leftOut
            try report.emit(.comparison(comparison))
        }
    }

    /// File names when they tell the models apart, else the paths as given.
    static func names(_ a: String, _ b: String) -> (String, String) {
        let (shortA, shortB) = (URL(fileURLWithPath: a).lastPathComponent, URL(fileURLWithPath: b).lastPathComponent)
        return shortA != shortB ? (shortA, shortB) : (a, b)
    }
}
