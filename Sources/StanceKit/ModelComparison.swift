import Foundation

/// Two models scored on the same labelled examples: each model's full `EvaluationReport`,
/// McNemar's test on which examples each got right, and a paired bootstrap of the macro-F1
/// difference (B − A): both models are scored on the same resamples, so the interval reflects
/// how the difference varies with the data rather than each figure's own spread.
///
/// The macro-F1 difference is significant at the 5% level when its 95% interval excludes 0;
/// McNemar's test speaks to accuracy (see `McNemarTest`).
public struct ModelComparison: Sendable, Codable, Equatable {
    public let nameA: String
    public let nameB: String
    public var data: String?
    public var leftOut: EvaluationReport.LeftOut?
    public let a: EvaluationReport
    public let b: EvaluationReport
    public let mcnemar: McNemarTest
    /// B − A
    public let accuracyDifference: Double?
    /// B − A
    public let macroF1Difference: Double?
    public let macroF1DifferenceInterval: BootstrapInterval?
    /// Whether the interval of the macro-F1 difference excludes 0 (nil without an interval).
    public let macroF1DifferenceSignificant: Bool?
    /// The plain-language verdict.
    public let conclusion: String

    /// Both models must give probabilities over the same labels, in the same order.
    public init(labels: [String], truth: [Int], probabilitiesA: [[Double]], probabilitiesB: [[Double]], texts: [String],
                lines: [Int]? = nil, nameA: String, nameB: String, options: EvaluationReport.Options = .init()) {
        precondition(probabilitiesA.count == truth.count && probabilitiesB.count == truth.count)
        self.nameA = nameA
        self.nameB = nameB
        var reportA = EvaluationReport(labels: labels, truth: truth, probabilities: probabilitiesA, texts: texts, lines: lines, options: options)
        var reportB = EvaluationReport(labels: labels, truth: truth, probabilities: probabilitiesB, texts: texts, lines: lines, options: options)
        reportA.model = nameA
        reportB.model = nameB
        a = reportA
        b = reportB
        let k = labels.count
        let predictedA = probabilitiesA.map(StanceModel.argmax)
        let predictedB = probabilitiesB.map(StanceModel.argmax)
        mcnemar = McNemarTest(aCorrect: zip(truth, predictedA).map { $0 == $1 }, bCorrect: zip(truth, predictedB).map { $0 == $1 })
        let difference = reportA.macro.f1.flatMap { f1A in reportB.macro.f1.map { $0 - f1A } }
        accuracyDifference = reportA.accuracy.flatMap { accuracyA in reportB.accuracy.map { $0 - accuracyA } }
        macroF1Difference = difference
        macroF1DifferenceInterval = BootstrapInterval.estimate(
            count: truth.count, resamples: options.bootstrapResamples, seed: options.seed, level: options.level, statistics: 1
        ) { weights in
            let fa = ClassificationMetrics(labels: labels, confusion: EvaluationReport.confusion(truth, predictedA, weights, k)).macro.f1
            let fb = ClassificationMetrics(labels: labels, confusion: EvaluationReport.confusion(truth, predictedB, weights, k)).macro.f1
            return [fb - fa]
        }[0]
        macroF1DifferenceSignificant = macroF1DifferenceInterval.map { !$0.contains(0) }
        conclusion = ModelComparison.conclusion(nameA: nameA, nameB: nameB, count: truth.count, difference: difference,
                                                interval: macroF1DifferenceInterval, mcnemar: mcnemar, level: options.level)
    }

    static func conclusion(nameA: String, nameB: String, count: Int, difference: Double?, interval: BootstrapInterval?,
                           mcnemar: McNemarTest, level: Double) -> String {
        guard count > 0, let difference else {
            return "No examples were scored, so the models cannot be compared."
        }
        let alpha = ReportFormatting.percent(1 - level, digits: 0)
        let confidence = ReportFormatting.percent(level, digits: 0)
        var sentence: String
        if difference == 0 {
            sentence = "Models A (\(nameA)) and B (\(nameB)) have the same macro-F1"
        } else {
            let (better, worse) = difference > 0 ? ("B (\(nameB))", "A (\(nameA))") : ("A (\(nameA))", "B (\(nameB))")
            sentence = "Model \(better) has a higher macro-F1 than model \(worse), by \(ReportFormatting.number(abs(difference)))"
        }
        if let interval {
            let excludesZero = !interval.contains(0)
            sentence += " (\(confidence) paired bootstrap interval of B − A: \(ReportFormatting.interval(interval)))"
            sentence += excludesZero
                ? "; the interval excludes 0, so the difference is significant at the \(alpha) level."
                : "; the interval includes 0, so the difference is not significant at the \(alpha) level."
        } else {
            sentence += "; there are too few examples (or no resamples) for a bootstrap interval, so its significance is unknown."
        }
        let test = mcnemar.method == .exactBinomial ? "exact binomial test" : "continuity-corrected chi-square test"
        sentence += " McNemar's test (\(test)) on the \(mcnemar.discordantPairs) example\(mcnemar.discordantPairs == 1 ? "" : "s") only one model got right"
            + " (\(mcnemar.onlyARight) only A, \(mcnemar.onlyBRight) only B) gives p = \(ReportFormatting.pValue(mcnemar.pValue)):"
            + (mcnemar.significant(at: 1 - level)
                ? " the accuracies differ significantly at the \(alpha) level."
                : " the accuracies do not differ significantly at the \(alpha) level.")
        return sentence
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nameA, forKey: .nameA)
        try c.encode(nameB, forKey: .nameB)
        try c.encode(data, forKey: .data)
        try c.encode(leftOut, forKey: .leftOut)
        try c.encode(a, forKey: .a)
        try c.encode(b, forKey: .b)
        try c.encode(mcnemar, forKey: .mcnemar)
        try c.encode(accuracyDifference, forKey: .accuracyDifference)
        try c.encode(macroF1Difference, forKey: .macroF1Difference)
        try c.encode(macroF1DifferenceInterval, forKey: .macroF1DifferenceInterval)
        try c.encode(macroF1DifferenceSignificant, forKey: .macroF1DifferenceSignificant)
        try c.encode(conclusion, forKey: .conclusion)
    }
}
