import Testing
@testable import StanceKit

@Suite struct ArticleSummaryTests {
    static let labels = LabelSet(["dovish", "hawkish", "neutral"])

    static func prediction(_ label: Int, _ p: [Double]) -> StanceModel.Prediction { .init(label: label, probabilities: p) }

    @Test func countsSharesIndexAndExtremes() throws {
        let scale = try StanceScale(labels: Self.labels)
        let predictions = [Self.prediction(1, [0.1, 0.8, 0.1]), Self.prediction(1, [0.2, 0.5, 0.3]),
                           Self.prediction(0, [0.7, 0.1, 0.2]), Self.prediction(2, [0.2, 0.2, 0.6])]
        let results = predictions.enumerated().map { i, p in
            ArticleSummary.SentenceResult(index: i + 1, text: "s\(i + 1)", label: Self.labels[p.label], probabilities: [:], actors: [])
        }
        let s = ArticleSummary(results: results, predictions: predictions, scale: scale, seed: 7)
        #expect(s.counts == ["dovish": 1, "hawkish": 2, "neutral": 1])
        #expect(s.shares["hawkish"] == 0.5)
        #expect(s.netIndex == 0.25)
        #expect(abs(s.probabilityIndex! - (0.7 + 0.3 - 0.6 + 0) / 4) < 1e-12)
        #expect(s.mostPositive?.text == "s1")
        #expect(s.mostNegative?.text == "s3")
        let interval = try #require(s.netInterval)
        #expect(interval.low <= 0.25 && 0.25 <= interval.high && interval.low >= -1 && interval.high <= 1)
        #expect(ArticleSummary(results: results, predictions: predictions, scale: scale, seed: 7) == s)
    }

    @Test func emptyArticleHasUndefinedIndex() throws {
        let s = ArticleSummary(results: [], predictions: [], scale: try StanceScale(labels: Self.labels))
        #expect(s.sentences == 0 && s.netIndex == nil && s.netInterval == nil && s.mostPositive == nil)
    }

    @Test func scaleNeedsBothPoles() {
        #expect(throws: StanceError.self) { try StanceScale(labels: LabelSet(["pro", "contra"])) }
        #expect(throws: Never.self) { try StanceScale(labels: LabelSet(["pro", "contra"]), positive: "pro", negative: "contra") }
    }
}
