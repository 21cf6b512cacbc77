import Foundation
import Testing
@testable import StanceKit

/// Compares with scikit-learn's classification_report and confusion_matrix (Fixtures/metrics.json).
@Suite struct ClassificationMetricsTests {
    struct Fixture: Decodable {
        struct Scores: Decodable {
            let precision: Double
            let recall: Double
            let f1: Double
            let support: Double
            enum CodingKeys: String, CodingKey { case precision, recall, support, f1 = "f1-score" }
        }
        struct Case: Decodable {
            let truth: [Int]
            let predicted: [Int]
            let report: [String: FlexibleReportValue]
            let confusion: [[Int]]
        }
        enum FlexibleReportValue: Decodable {
            case scores(Scores), number(Double)
            init(from decoder: Decoder) throws {
                if let v = try? decoder.singleValueContainer().decode(Double.self) { self = .number(v) } else {
                    self = .scores(try Scores(from: decoder))
                }
            }
            var scores: Scores? { if case .scores(let s) = self { return s }; return nil }
            var number: Double? { if case .number(let n) = self { return n }; return nil }
        }
        let labels: [String]
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test(arguments: 0..<3)
    func agreesWithClassificationReport(caseIndex: Int) throws {
        let fixture = try Self.fixture()
        let c = fixture.cases[caseIndex]
        let m = ClassificationMetrics(labels: fixture.labels, truth: c.truth, predicted: c.predicted)
        #expect(m.confusion == c.confusion)
        for s in m.perLabel {
            let expected = try #require(c.report[s.label]?.scores)
            #expect(abs((s.precision ?? 0) - expected.precision) < 1e-12, "\(s.label) precision")
            #expect(abs((s.recall ?? 0) - expected.recall) < 1e-12, "\(s.label) recall")
            #expect(abs((s.f1 ?? 0) - expected.f1) < 1e-12, "\(s.label) f1")
            #expect(Double(s.support) == expected.support)
        }
        #expect(abs(m.accuracy! - c.report["accuracy"]!.number!) < 1e-12)
        let macro = try #require(c.report["macro avg"]?.scores)
        let weighted = try #require(c.report["weighted avg"]?.scores)
        #expect(abs(m.macro.precision - macro.precision) < 1e-12)
        #expect(abs(m.macro.recall - macro.recall) < 1e-12)
        #expect(abs(m.macro.f1 - macro.f1) < 1e-12)
        #expect(abs(m.weighted.precision - weighted.precision) < 1e-12)
        #expect(abs(m.weighted.recall - weighted.recall) < 1e-12)
        #expect(abs(m.weighted.f1 - weighted.f1) < 1e-12)
    }

    @Test func undefinedFiguresAreNil() {
        // "b" is never predicted and has no support.
        let m = ClassificationMetrics(labels: ["a", "b", "c"], truth: [0, 2], predicted: [0, 0])
        #expect(m.perLabel[1].precision == nil && m.perLabel[1].recall == nil && m.perLabel[1].f1 == nil)
        #expect(m.perLabel[2].precision == nil && m.perLabel[2].recall == 0)
        let empty = ClassificationMetrics(labels: ["a", "b"], truth: [], predicted: [])
        #expect(empty.accuracy == nil && empty.count == 0)
    }
}
