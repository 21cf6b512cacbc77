import Foundation
import Testing
@testable import StanceKit

/// The shipped model (Models/default.stance) is what Scripts/train-default-model builds from
/// the corpus, byte for byte, and it loads and labels plain cases sensibly.
@Suite struct DefaultModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var modelPath: String { root.appendingPathComponent("Models/default.stance").path }

    @Test func isReproducedByteForByteFromTheCorpus() throws {
        let reader = DatasetReader()
        let train = try reader.read(path: Self.root.appendingPathComponent("Data/negotiations/train.jsonl").path)
        let dev = try reader.read(path: Self.root.appendingPathComponent("Data/negotiations/dev.jsonl").path)
        // The settings of Scripts/train-default-model.
        var features = FeatureConfiguration.tfidf(wordNGrams: 1...2, characterNGrams: 2...5)
        features.characterWeight = 0.5
        let configuration = StanceTrainer.Configuration(features: features, classifier: .init(C: 3, classWeight: .balanced))
        let model = try StanceTrainer(configuration).train(train, dev: dev)
        let committed = try #require(FileManager.default.contents(atPath: Self.modelPath))
        #expect(try ModelFile.encode(model) == [UInt8](committed))
    }

    @Test func labelsPlainCasesSensibly() throws {
        let model = try ModelFile.read(Self.modelPath)
        #expect(model.labels.names == ["dovish", "hawkish", "neutral"])
        let texts = ["The defence minister threatened new sanctions and military action if the talks collapse.",
                     "Both delegations welcomed the ceasefire and agreed to resume negotiations next week.",
                     "The delegation is scheduled to arrive in Geneva on Tuesday morning."]
        #expect(try model.predict(texts).map { model.labels[$0.label] } == ["hawkish", "dovish", "neutral"])
    }
}
