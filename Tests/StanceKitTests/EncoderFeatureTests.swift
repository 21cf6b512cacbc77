import Foundation
import LinearAlgebra
import SentenceEncoder
import Testing
@testable import StanceKit

/// Where Scripts/fetch-encoder puts the encoder in this checkout.
enum InstalledEncoder {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/encoders/all-MiniLM-L6-v2").path
    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory + "/model.safetensors") }
}

/// The sentence-encoder block of the classifier. These tests need the encoder's weights
/// (Scripts/fetch-encoder); without them they are skipped and say why.
@Suite(.enabled(if: InstalledEncoder.isPresent, "needs Models/encoders/all-MiniLM-L6-v2: run Scripts/fetch-encoder"))
struct EncoderFeatureTests {
    static var encoderDirectory: String { InstalledEncoder.directory }

    static func configuration(features: FeatureConfiguration = .tfidf(), solver: LogisticRegression.Solver = .auto,
                              tolerance: Double = 1e-4) -> StanceTrainer.Configuration {
        StanceTrainer.Configuration(features: features, classifier: .init(C: 10, solver: solver, tolerance: tolerance),
                                    encoder: .init(directory: encoderDirectory, useCache: false))
    }

    @Test func modelRecordsTheEncoderAndRoundTrips() throws {
        let model = try StanceTrainer(Self.configuration()).train(TrainingCorpus.examples)
        let identity = try #require(model.features.configuration.encoder?.identity)
        #expect(identity.name == "all-MiniLM-L6-v2" && identity.dimension == 384 && identity.sha256.count == 64)
        #expect(model.features.columns == model.features.sparseColumns + 384)
        let bytes = try ModelFile.encode(model)
        let loaded = try ModelFile.decode(bytes, path: "m", encoders: EncoderLocator(explicitDirectory: Self.encoderDirectory))
        let texts = ["Officials threatened new sanctions.", "The envoys welcomed the talks."]
        // Encoded once, by the loaded model's encoder, for both: encoding twice could differ in
        // the last bits when a concurrent test changes OpenBLAS's process-wide thread count.
        let vectors = try #require(loaded.features.encoder).encode(texts)
        let dense = Matrix(rows: texts.count, columns: 384, values: vectors.flatMap { $0.map(Double.init) })
        let a = try model.predictProbabilities(texts, precomputedDense: dense)
        let b = try loaded.predictProbabilities(texts, precomputedDense: dense)
        for (x, y) in zip(a.values, b.values) { #expect(abs(x - y) < 1e-12) }
        #expect(try model.predict(TrainingCorpus.examples.map(\.text)).map { model.labels[$0.label] } == TrainingCorpus.examples.map { $0.label! })
    }

    @Test func aMissingOrDifferentEncoderIsRefused() throws {
        let model = try StanceTrainer(Self.configuration()).train(TrainingCorpus.examples)
        let bytes = try ModelFile.encode(model)
        let empty = NSTemporaryDirectory() + "stance-no-encoder-\(UUID().uuidString)"
        do {
            _ = try ModelFile.decode(bytes, path: "m", encoders: EncoderLocator(explicitDirectory: empty))
            Issue.record("expected an error")
        } catch let error as StanceError {
            #expect("\(error)".contains("Scripts/fetch-encoder"))
        }
        let different = EncoderIdentity(name: "all-MiniLM-L6-v2", sha256: String(repeating: "0", count: 64), dimension: 384)
        #expect(throws: StanceError.self) {
            try EncoderLocator(explicitDirectory: Self.encoderDirectory).open(matching: different)
        }
    }

    @Test func encoderAloneIsSolvedByNewton() throws {
        let features = FeatureConfiguration(word: nil, character: nil)
        let model = try StanceTrainer(Self.configuration(features: features)).train(TrainingCorpus.examples)
        #expect(model.summary.solver == .newton)
        #expect(model.features.columns == 384)
        // A tighter gradient tolerance for L-BFGS so that both reach the same optimum well within
        // the comparison's 1e-6, whatever the BLAS's rounding.
        let viaLBFGS = try StanceTrainer(Self.configuration(features: features, solver: .lbfgs, tolerance: 1e-7))
            .train(TrainingCorpus.examples)
        #expect(abs(model.summary.finalLoss - viaLBFGS.summary.finalLoss) < 1e-6)
        #expect(model.summary.iterations < viaLBFGS.summary.iterations)
    }

    @Test func vectorsAreCachedAndReusedExactly() throws {
        let cacheDirectory = NSTemporaryDirectory() + "stance-cache-\(UUID().uuidString)"
        let encoder = try EncoderLocator(explicitDirectory: Self.encoderDirectory).open()
        let identity = encoder.identity
        let cache = EmbeddingCache(directory: cacheDirectory)
        let texts = TrainingCorpus.examples.map(\.text)
        let first = try cache.vectors(texts, encoder: encoder, identity: identity)
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheDirectory + "/embeddings")
        #expect(files.count == 1 && files[0].hasPrefix("all-MiniLM-L6-v2-"))
        // Vectors cached by code that computed other last bits are not read back.
        #expect(files[0].contains("-r\(SentenceEncoder.vectorsRevision)-"))
        var messages = [String]()
        let second = try cache.vectors(texts, encoder: encoder, identity: identity) { messages.append($0) }
        #expect(second == first)
        #expect(messages.first?.contains("from the cache") == true)
    }
}
