import Foundation
import Testing
@testable import StanceKit

@Suite struct ModelComparisonTests {
    static let labels = ["dovish", "hawkish", "neutral"]

    /// Probabilities that put `confidence` on `predicted`.
    static func row(_ predicted: Int, _ confidence: Double = 0.8) -> [Double] {
        (0..<3).map { $0 == predicted ? confidence : (1 - confidence) / 2 }
    }

    /// n examples; model A right on a share `rightA`, model B on `rightB`, drawn independently.
    static func models(n: Int, rightA: Double, rightB: Double, seed: UInt64) -> (truth: [Int], a: [[Double]], b: [[Double]]) {
        var g = SeededGenerator(seed: seed)
        var truth = [Int](), a = [[Double]](), b = [[Double]]()
        for i in 0..<n {
            let t = i % 3
            truth.append(t)
            a.append(row(Double.random(in: 0..<1, using: &g) < rightA ? t : (t + 1) % 3))
            b.append(row(Double.random(in: 0..<1, using: &g) < rightB ? t : (t + 2) % 3))
        }
        return (truth, a, b)
    }

    @Test func aClearlyBetterModelIsSignificant() throws {
        let (truth, a, b) = Self.models(n: 300, rightA: 0.55, rightB: 0.85, seed: 1)
        let c = ModelComparison(labels: Self.labels, truth: truth, probabilitiesA: a, probabilitiesB: b,
                                texts: truth.map { "t\($0)" }, nameA: "old", nameB: "new", options: .init(bootstrapResamples: 500))
        let difference = try #require(c.macroF1Difference)
        #expect(close(difference, c.b.macro.f1! - c.a.macro.f1!))
        #expect(difference > 0.2)
        let interval = try #require(c.macroF1DifferenceInterval)
        #expect(interval.lower > 0 && interval.contains(difference))
        #expect(c.macroF1DifferenceSignificant == true)
        #expect(c.mcnemar.method == .chiSquareContinuityCorrected && c.mcnemar.significant())
        #expect(c.mcnemar.onlyBRight > c.mcnemar.onlyARight)
        #expect(c.conclusion.contains("Model B (new) has a higher macro-F1 than model A (old)"))
        #expect(c.conclusion.contains("the difference is significant at the 5% level"))
        #expect(c.conclusion.contains("the accuracies differ significantly"))
    }

    @Test func theSameModelTwiceIsNotSignificant() throws {
        let (truth, a, _) = Self.models(n: 90, rightA: 0.7, rightB: 0.7, seed: 2)
        let c = ModelComparison(labels: Self.labels, truth: truth, probabilitiesA: a, probabilitiesB: a,
                                texts: truth.map { "t\($0)" }, nameA: "x", nameB: "y", options: .init(bootstrapResamples: 200))
        #expect(c.macroF1Difference == 0)
        let interval = try #require(c.macroF1DifferenceInterval)
        #expect(interval.lower == 0 && interval.upper == 0)
        // An interval of exactly 0 includes 0.
        #expect(c.macroF1DifferenceSignificant == false)
        #expect(c.mcnemar.discordantPairs == 0 && c.mcnemar.pValue == 1)
        #expect(c.conclusion.contains("have the same macro-F1"))
        #expect(c.conclusion.contains("not significant at the 5% level"))
    }

    @Test func pairedBootstrapIsDeterministicAndNarrowerThanUnpaired() throws {
        // B equals A except on a few examples, so the paired difference varies far less than
        // either model's own macro-F1.
        let (truth, a, _) = Self.models(n: 240, rightA: 0.7, rightB: 0.7, seed: 3)
        var b = a
        for i in stride(from: 0, to: 240, by: 20) { b[i] = Self.row(truth[i]) }
        let options = EvaluationReport.Options(bootstrapResamples: 400, seed: 9)
        let one = ModelComparison(labels: Self.labels, truth: truth, probabilitiesA: a, probabilitiesB: b,
                                  texts: truth.map { "t\($0)" }, nameA: "a", nameB: "b", options: options)
        let two = ModelComparison(labels: Self.labels, truth: truth, probabilitiesA: a, probabilitiesB: b,
                                  texts: truth.map { "t\($0)" }, nameA: "a", nameB: "b", options: options)
        #expect(one == two)
        let paired = try #require(one.macroF1DifferenceInterval)
        let single = try #require(one.a.macro.f1Interval)
        #expect(paired.upper - paired.lower < (single.upper - single.lower) / 2)
    }

    @Test func emptyDataCannotBeCompared() {
        let c = ModelComparison(labels: Self.labels, truth: [], probabilitiesA: [], probabilitiesB: [], texts: [],
                                nameA: "a", nameB: "b")
        #expect(c.macroF1Difference == nil && c.macroF1DifferenceInterval == nil && c.macroF1DifferenceSignificant == nil)
        #expect(c.conclusion == "No examples were scored, so the models cannot be compared.")
    }
}
