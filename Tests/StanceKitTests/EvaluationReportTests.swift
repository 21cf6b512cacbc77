import Foundation
import Testing
@testable import StanceKit

/// Every figure of EvaluationReport against scikit-learn on fixed predictions (Fixtures/report.json).
@Suite struct EvaluationReportTests {
    @Test(arguments: ReportFixture.caseNames)
    func agreesWithScikitLearn(name: String) throws {
        let fixture = try ReportFixture.load()
        let c = fixture.named(name)
        let r = fixture.report(c)
        #expect(r.count == c.truth.count)
        #expect(r.confusion == c["confusion"] as! [[Int]])
        #expect(close(r.accuracy, c.accuracy))
        for s in r.perLabel {
            let expected = c.scores(s.label)
            // Undefined figures are nil; scikit-learn reports them as 0 (zero_division=0).
            #expect((s.precision == nil) == c.undefined("precision").contains(s.label), "\(name) \(s.label) precision")
            #expect((s.recall == nil) == c.undefined("recall").contains(s.label), "\(name) \(s.label) recall")
            #expect((s.f1 == nil) == c.undefined("f1").contains(s.label), "\(name) \(s.label) f1")
            #expect(close(s.precision ?? 0, expected["precision"]), "\(name) \(s.label) precision")
            #expect(close(s.recall ?? 0, expected["recall"]), "\(name) \(s.label) recall")
            #expect(close(s.f1 ?? 0, expected["f1-score"]), "\(name) \(s.label) f1")
            #expect(Double(s.support) == expected["support"])
        }
        let macro = c.scores("macro avg"), weighted = c.scores("weighted avg")
        #expect(close(r.macro.precision, macro["precision"]) && close(r.macro.recall, macro["recall"]) && close(r.macro.f1, macro["f1-score"]))
        #expect(close(r.weighted.precision, weighted["precision"]) && close(r.weighted.recall, weighted["recall"])
                && close(r.weighted.f1, weighted["f1-score"]))
        #expect(close(r.kappa, c.double("kappa")), "\(name) kappa \(String(describing: r.kappa))")
        #expect(close(r.logLoss, c.double("logLoss")), "\(name) log loss")
        let briers = (c["brier"] as! [NSNumber]).map(\.doubleValue)
        for (s, expected) in zip(r.perLabel, briers) { #expect(close(s.brier, expected), "\(name) \(s.label) brier") }
        #expect(close(r.brierScore, c.double("brierMean")))
        let normalised = c["normalised"] as! [Any]
        for (row, expected) in zip(r.confusionNormalised, normalised) {
            if let expected = expected as? [NSNumber] {
                let row = try #require(row)
                #expect(zip(row, expected).allSatisfy { close($0, $1.doubleValue) })
            } else {
                #expect(row == nil)
            }
        }
        #expect(r.mostConfidentMistakes.map(\.index) == c["mistakes"] as! [Int])
        #expect(r.leastConfidentCorrect.map(\.index) == c["leastConfidentCorrect"] as! [Int])
    }

    @Test func errorListsCarryTextLabelsAndProbabilities() throws {
        let fixture = try ReportFixture.load()
        let c = fixture.named("mixed")
        let r = fixture.report(c)
        let first = try #require(r.mostConfidentMistakes.first)
        #expect(first.text == "example \(first.index)")
        #expect(first.truth == fixture.labels[c.truth[first.index]])
        #expect(first.predicted == fixture.labels[c.predicted[first.index]])
        #expect(first.truth != first.predicted)
        #expect(first.probabilities == c.probabilities[first.index])
        #expect(first.confidence == c.probabilities[first.index].max())
        #expect(r.mostConfidentMistakes.count == fixture.errors)
        // Sorted: mistakes most confident first, correct answers least confident first.
        #expect(zip(r.mostConfidentMistakes, r.mostConfidentMistakes.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        #expect(zip(r.leastConfidentCorrect, r.leastConfidentCorrect.dropFirst()).allSatisfy { $0.confidence <= $1.confidence })
        #expect(r.leastConfidentCorrect.allSatisfy { $0.truth == $0.predicted })
    }

    @Test func emptyDataGivesUndefinedFiguresNotZeros() {
        let r = EvaluationReport(labels: ["a", "b"], truth: [], probabilities: [], texts: [])
        #expect(r.count == 0)
        #expect(r.accuracy == nil && r.kappa == nil && r.logLoss == nil && r.brierScore == nil)
        #expect(r.macro.f1 == nil && r.weighted.f1 == nil && r.macro.precision == nil)
        #expect(r.accuracyInterval == nil && r.macro.f1Interval == nil)
        #expect(r.calibration.expectedCalibrationError == nil)
        #expect(r.perLabel.allSatisfy { $0.precision == nil && $0.recall == nil && $0.f1 == nil && $0.brier == nil && $0.support == 0 })
        #expect(r.confusionNormalised == [nil, nil])
        #expect(r.mostConfidentMistakes.isEmpty && r.leastConfidentCorrect.isEmpty)
    }

    @Test func aSingleExampleHasNoIntervalAndNoKappa() {
        let r = EvaluationReport(labels: ["a", "b"], truth: [1], probabilities: [[0.4, 0.6]], texts: ["one"])
        #expect(r.accuracy == 1)
        #expect(r.kappa == nil)
        #expect(r.accuracyInterval == nil)
        #expect(r.perLabel[0].precision == nil && r.perLabel[0].recall == nil && r.perLabel[1].f1 == 1)
    }

    @Test func bootstrapIntervalsAreSeededAndBracketTheEstimate() throws {
        let fixture = try ReportFixture.load()
        let c = fixture.named("mixed")
        let options = EvaluationReport.Options(errors: 3, bootstrapResamples: 400, seed: 11, bins: 10)
        let one = EvaluationReport(labels: fixture.labels, truth: c.truth, probabilities: c.probabilities, texts: c.texts, options: options)
        let two = EvaluationReport(labels: fixture.labels, truth: c.truth, probabilities: c.probabilities, texts: c.texts, options: options)
        #expect(one == two)
        let accuracy = try #require(one.accuracyInterval)
        #expect(accuracy.lower < one.accuracy! && one.accuracy! < accuracy.upper)
        #expect(accuracy.upper - accuracy.lower > 0.05 && accuracy.upper - accuracy.lower < 0.25)   // n = 300
        let macro = try #require(one.macro.f1Interval)
        #expect(macro.contains(one.macro.f1!))
        for s in one.perLabel {
            let f1 = try #require(s.f1Interval)
            #expect(f1.contains(s.f1!))
            #expect(f1.validResamples == 400)
        }
        var other = options
        other.seed = 12
        let three = EvaluationReport(labels: fixture.labels, truth: c.truth, probabilities: c.probabilities, texts: c.texts, options: other)
        #expect(three.accuracyInterval != one.accuracyInterval)
    }

    @Test func encodesUndefinedFiguresAsNull() throws {
        let r = EvaluationReport(labels: ["a", "b"], truth: [], probabilities: [], texts: [])
        let json = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
        #expect(json.contains("\"accuracy\":null"))
        #expect(json.contains("\"kappa\":null"))
        #expect(!json.lowercased().contains("nan"))
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(json.utf8))
        #expect(decoded == r)
    }
}
