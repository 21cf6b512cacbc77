import Testing
@testable import StanceKit

@Suite struct ExplanationTests {
    @Test func contributionsAndInterceptsSumToTheMargin() throws {
        let model = try StanceTrainer(.init()).train(TrainingCorpus.examples)
        for text in ["The minister threatened more sanctions.", "Envoys welcomed progress toward peace.", "The talks are in Geneva."] {
            let all = try model.explain(text, top: 1000)
            let sum = all.toward.reduce(0) { $0 + $1.contribution } + all.against.reduce(0) { $0 + $1.contribution }
            #expect(abs(sum + all.interceptDifference - all.margin) < 1e-9)
            #expect(abs(all.remainder) < 1e-9)
            let top = try model.explain(text, top: 2)
            #expect(top.toward.count <= 2 && top.against.count <= 2)
            let listed = (top.toward + top.against).reduce(0) { $0 + $1.contribution }
            #expect(abs(listed + top.remainder + top.interceptDifference - top.margin) < 1e-9)
            #expect(top.margin >= 0)
            #expect(top.toward == Array(all.toward.prefix(2)))
            let predicted = model.labels[try model.predict([text])[0].label]
            #expect(top.predicted == predicted)
        }
    }

    @Test func strongestFeaturesAreRankedPerLabel() throws {
        let model = try StanceTrainer(.init()).train(TrainingCorpus.examples)
        let strongest = model.strongestFeatures(top: 5)
        #expect(strongest.map(\.label) == ["dovish", "hawkish", "neutral"])
        for entry in strongest {
            #expect(entry.features.count == 5)
            #expect(entry.features.map(\.weight) == entry.features.map(\.weight).sorted(by: >))
        }
    }
}
