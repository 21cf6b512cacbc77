import Foundation
import Testing
@testable import StanceKit

@Suite struct CrossValidationEvaluationTests {
    static let training = StanceTrainer.Configuration(classifier: .init(C: 10), seed: 5, threads: 1)
    static let options = EvaluationReport.Options(errors: 2, bootstrapResamples: 100, seed: 5, bins: 5)

    @Test func scoresEveryFoldAndSummarisesThem() throws {
        let examples = TrainingCorpus.examples
        let cv = try CrossValidationEvaluation.run(examples, folds: 4, training: Self.training, options: Self.options)
        #expect(cv.folds == 4 && cv.perFold.count == 4)
        #expect(cv.foldSizes.reduce(0, +) == examples.count)
        // Stratified: 8 examples of each label over 4 folds is 2 per label per fold.
        for fold in cv.perFold { #expect(fold.perLabel.map(\.support) == [2, 2, 2]) }
        #expect(cv.pooled.count == examples.count)
        #expect(cv.pooled.perLabel.map(\.support) == [8, 8, 8])
        // The pooled confusion matrix is the sum of the folds'.
        let summed = (0..<3).map { i in (0..<3).map { j in cv.perFold.reduce(0) { $0 + $1.confusion[i][j] } } }
        #expect(summed == cv.pooled.confusion)
        let accuracy = try #require(cv.figures.first { $0.key == "accuracy" })
        let values = cv.perFold.map { $0.accuracy! }
        #expect(accuracy.values == values)
        let mean = values.reduce(0, +) / 4
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(close(accuracy.mean, mean) && close(accuracy.standardDeviation, sd))
        #expect(cv.figures.contains { $0.key == "f1.hawkish" })
    }

    @Test func theSeedFixesTheFolds() throws {
        let one = try CrossValidationEvaluation.run(TrainingCorpus.examples, folds: 3, training: Self.training, options: Self.options)
        let two = try CrossValidationEvaluation.run(TrainingCorpus.examples, folds: 3, training: Self.training, options: Self.options)
        #expect(one == two)
    }

    @Test func tooFewExamplesOfALabelIsAnError() {
        let examples = TrainingCorpus.examples.filter { $0.label != "neutral" } + TrainingCorpus.examples.filter { $0.label == "neutral" }.prefix(2)
        #expect(throws: StanceError.self) {
            try CrossValidationEvaluation.run(examples, folds: 3, training: Self.training, options: Self.options)
        }
        #expect(throws: StanceError.self) {
            try CrossValidationEvaluation.run(TrainingCorpus.examples, folds: 1, training: Self.training, options: Self.options)
        }
    }

    @Test func figuresUndefinedInSomeFoldsAreSummarisedOverTheOthers() {
        let s = CrossValidationEvaluation.FigureSummary(key: "k", name: "k", values: [0.5, nil, 0.7])
        #expect(close(s.mean, 0.6) && close(s.standardDeviation, 0.1))
        let none = CrossValidationEvaluation.FigureSummary(key: "k", name: "k", values: [nil, nil])
        #expect(none.mean == nil && none.standardDeviation == nil)
    }
}
