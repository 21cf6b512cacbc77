import Testing
@testable import StanceKit

@Suite struct StanceTrainerTests {
    @Test func learnsTheTrainingCorpus() throws {
        let model = try StanceTrainer(.init(classifier: .init(C: 10))).train(TrainingCorpus.examples)
        #expect(model.labels.names == ["dovish", "hawkish", "neutral"])
        let predicted = try model.predict(TrainingCorpus.examples.map(\.text)).map { model.labels[$0.label] }
        #expect(predicted == TrainingCorpus.examples.map { $0.label! })
        #expect(model.summary.converged)
        #expect(model.summary.labelCounts == ["dovish": 8, "hawkish": 8, "neutral": 8])
    }

    @Test func crossValidationReportsTheGridAndPicksTheBestMean() throws {
        let configuration = StanceTrainer.Configuration(crossValidationFolds: 4, grid: [0.01, 1, 100], metric: .accuracy, seed: 3)
        let model = try StanceTrainer(configuration).train(TrainingCorpus.examples)
        let cv = try #require(model.summary.crossValidation)
        #expect(cv.grid.map(\.C) == [0.01, 1, 100])
        #expect(cv.grid.allSatisfy { $0.scores.count == 4 })
        let best = cv.grid.max { $0.mean < $1.mean }!
        #expect(cv.grid.first { $0.mean == best.mean }!.C == cv.bestC)
        #expect(model.summary.C == cv.bestC)
    }

    @Test func stratifiedFoldsKeepLabelShares() {
        let targets = Array(repeating: 0, count: 30) + Array(repeating: 1, count: 10) + Array(repeating: 2, count: 20)
        let folds = CrossValidation.stratifiedFolds(targets: targets, folds: 5, seed: 9)
        for f in 0..<5 {
            let members = targets.indices.filter { folds[$0] == f }.map { targets[$0] }
            #expect(members.filter { $0 == 0 }.count == 6)
            #expect(members.filter { $0 == 1 }.count == 2)
            #expect(members.filter { $0 == 2 }.count == 4)
        }
        #expect(folds == CrossValidation.stratifiedFolds(targets: targets, folds: 5, seed: 9))
        #expect(folds != CrossValidation.stratifiedFolds(targets: targets, folds: 5, seed: 10))
    }

    @Test func tooFewExamplesForTheFoldsIsAnError() {
        #expect(throws: StanceError.self) {
            try StanceTrainer(.init(crossValidationFolds: 9)).train(TrainingCorpus.examples)
        }
    }

    @Test func oneLabelIsAnError() {
        let examples = TrainingCorpus.examples.map { LabelledExample(text: $0.text, label: "same") }
        #expect(throws: StanceError.self) { try StanceTrainer(.init()).train(examples) }
    }

    @Test func labelsComeFromTheData() throws {
        let examples = TrainingCorpus.examples.map { e in
            LabelledExample(text: e.text, label: e.label == "neutral" ? "other" : "pressure-or-talks")
        }
        let model = try StanceTrainer(.init()).train(examples)
        #expect(model.labels.names == ["other", "pressure-or-talks"])
    }

    @Test func devSetIsScored() throws {
        let model = try StanceTrainer(.init()).train(TrainingCorpus.examples, dev: Array(TrainingCorpus.examples.prefix(5)))
        #expect(model.summary.dev?.examples == 5)
    }
}
