import Foundation
import Testing
@testable import StanceKit

/// Every format renders every kind of report, including reports of no data.
@Suite struct ReportRendererTests {
    static let labels = ["dovish", "hawkish", "neutral"]

    static func evaluation(count: Int) -> EvaluationReport {
        let truth = (0..<count).map { $0 % 3 }
        let probabilities = truth.enumerated().map { i, t in
            (0..<3).map { $0 == (i % 4 == 0 ? (t + 1) % 3 : t) ? 0.7 : 0.15 }
        }
        var r = EvaluationReport(labels: labels, truth: truth, probabilities: probabilities,
                                 texts: truth.indices.map { "Sentence <\($0)> | with *markup*" },
                                 options: .init(errors: 3, bootstrapResamples: 100, seed: 1, bins: 10))
        r.model = "m.stance"
        r.data = "d.csv"
        return r
    }

    static var documents: [ReportDocument] {
        let truth = (0..<30).map { $0 % 3 }
        let a = truth.map { t in (0..<3).map { $0 == t ? 0.6 : 0.2 } }
        let b = truth.enumerated().map { i, t in (0..<3).map { $0 == (i % 5 == 0 ? (t + 2) % 3 : t) ? 0.9 : 0.05 } }
        let comparison = ModelComparison(labels: labels, truth: truth, probabilitiesA: a, probabilitiesB: b,
                                         texts: truth.map { "t\($0)" }, nameA: "a.stance", nameB: "b.stance",
                                         options: .init(bootstrapResamples: 100))
        let folds = [evaluation(count: 12), evaluation(count: 12)]
        let cv = CrossValidationEvaluation(folds: 2, seed: 1, labels: labels, perFold: folds, pooled: evaluation(count: 24))
        return [.evaluation(evaluation(count: 40)), .evaluation(evaluation(count: 0)), .evaluation(evaluation(count: 1)),
                .comparison(comparison), .crossValidation(cv)]
    }

    @Test(arguments: ReportFormat.allCases)
    func everyDocumentRendersWithoutNaN(format: ReportFormat) throws {
        for document in Self.documents {
            let text = try ReportRenderer(format).render(document)
            #expect(!text.isEmpty)
            #expect(!text.lowercased().contains("nan"), "\(format): NaN in \(document.title)")
            #expect(!text.contains("inf"), "\(format)")
        }
    }

    @Test func emptyDataShowsUndefinedNotZero() throws {
        let document = ReportDocument.evaluation(Self.evaluation(count: 0))
        for format in [ReportFormat.text, .markdown, .html] {
            let text = try ReportRenderer(format).render(document)
            #expect(text.contains("undefined"), "\(format)")
            #expect(text.contains("With no examples every figure is undefined."), "\(format)")
        }
        let text = try ReportRenderer(.text).render(document)
        let accuracyLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("accuracy ") })
        #expect(accuracyLine.contains("undefined") && !accuracyLine.contains("0.0000"))
    }

    @Test func jsonIsTheReportItself() throws {
        let report = Self.evaluation(count: 40)
        let json = try ReportRenderer(.json).render(.evaluation(report))
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["accuracy"] as? Double == report.accuracy)
        #expect(object["confusion"] as? [[Int]] == report.confusion)
        let empty = try ReportRenderer(.json).render(.evaluation(Self.evaluation(count: 0)))
        let emptyObject = try #require(try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [String: Any])
        #expect(emptyObject["accuracy"] is NSNull)
    }

    @Test func textReportHasEverySection() throws {
        let text = try ReportRenderer(.text).render(.evaluation(Self.evaluation(count: 40)))
        for heading in ["Summary", "Per label", "Confusion matrix", "Calibration", "Errors", "How the figures are defined"] {
            #expect(text.contains("\n\(heading)\n"), "\(heading)")
        }
        for phrase in ["accuracy", "macro F1", "weighted avg", "Cohen's kappa", "log loss", "Brier score", "expected calibration error",
                       "confusion matrix, counts", "row-normalised", "Most confident mistakes", "Least confident correct answers",
                       "95% interval"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        // Example texts are printed as they are in text output.
        #expect(text.contains("Sentence <0> | with *markup*"))
    }

    @Test func comparisonOpensWithTheVerdict() throws {
        guard case .comparison(let comparison) = Self.documents[3] else { Issue.record("not a comparison"); return }
        let text = try ReportRenderer(.text).render(.comparison(comparison))
        let verdict = try #require(text.range(of: "Verdict"))
        let sideBySide = try #require(text.range(of: "Figures side by side"))
        #expect(verdict.lowerBound < sideBySide.lowerBound)
        #expect(text.contains(comparison.conclusion.prefix(40)))
        #expect(text.contains("McNemar's test"))
        #expect(text.contains("Model A: a.stance") && text.contains("Model B: b.stance"))
    }

    @Test func crossValidationShowsFoldsAndMeanAndDeviation() throws {
        guard case .crossValidation(let cv) = Self.documents[4] else { Issue.record("not a cross-validation"); return }
        let text = try ReportRenderer(.text).render(.crossValidation(cv))
        #expect(text.contains("fold 1") && text.contains("fold 2") && text.contains("mean ± sd"))
        #expect(text.contains("All held-out predictions together"))
    }
}
