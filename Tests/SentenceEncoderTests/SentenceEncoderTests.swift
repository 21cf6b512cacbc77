import Foundation
import Testing
import LinearAlgebra
@testable import SentenceEncoder

/// The encoder end to end on a tiny random model written by the test (always runs).
@Suite struct SentenceEncoderTinyModelTests {
    let directory: URL

    init() throws {
        directory = try TestSupport.temporaryDirectory()
        try TinyBert().writeModel(to: directory)
    }

    @Test func vectorsAreUnitLengthAndIndependentOfBatching() throws {
        let sentences = ["the fed stalled talks.", "hawkish", "", "the talks resume, dovish fed.", "do", "the the the the"]
        // A budget of 16 tokens splits these sentences into several batches of one to three.
        let batched = try SentenceEncoder(directory: directory, batchTokens: 16)
        let vectors = try batched.encode(sentences)
        #expect(vectors.count == sentences.count)
        #expect(batched.dimension == TinyBert.hidden)
        for vector in vectors {
            #expect(vector.count == TinyBert.hidden)
            let norm = vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
        // Same vectors, in input order, when each sentence is encoded alone.
        for (sentence, vector) in zip(sentences, vectors) {
            let alone = try batched.encode([sentence])[0]
            #expect(zip(alone, vector).allSatisfy { abs($0 - $1) < 1e-5 }, "\(sentence)")
        }
        #expect(try batched.encode([]).isEmpty)
    }

    @Test func meanPoolsTheReferenceHiddenStates() throws {
        let encoder = try SentenceEncoder(directory: directory)
        let sentence = "the fed, hawkish."
        let ids = encoder.tokenize(sentence)
        #expect(ids == [2, 5, 11, 12, 7, 8, 13, 3])
        let reference = TinyBert().referenceHiddenStates(ids)
        var mean = [Double](repeating: 0, count: TinyBert.hidden)
        for row in reference { for c in mean.indices { mean[c] += row[c] / Double(reference.count) } }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let vector = try encoder.encode([sentence])[0]
        for c in mean.indices { #expect(abs(Double(vector[c]) - mean[c] / norm) < 1e-4) }
    }

    @Test func repeatedTextsShareOneVector() throws {
        // A budget of 16 tokens puts the first and the repeated "the fed stalled talks." in
        // different batches if each repeat were encoded.
        let encoder = try SentenceEncoder(directory: directory, batchTokens: 16)
        let texts = ["the fed stalled talks.", "hawkish", "do", "THE  Fed stalled talks.", "the talks resume, dovish fed.",
                     "hawkish", "the fed stalled talks."]
        let vectors = try encoder.encode(texts)
        #expect(vectors[0] == vectors[3] && vectors[0] == vectors[6], "same word pieces, same bits")
        #expect(vectors[1] == vectors[5])
        #expect(vectors[0] != vectors[1])
        // Each matches its text encoded without the repeats.
        let distinct = try encoder.encode(["the fed stalled talks.", "hawkish", "do", "the talks resume, dovish fed."])
        for ((text, vector), index) in zip(zip(texts, vectors), [0, 1, 2, 0, 3, 1, 0]) {
            #expect(zip(distinct[index], vector).allSatisfy { abs($0 - $1) < 1e-5 }, "\(text)")
        }
        let (sequences, source) = SentenceEncoder.distinctSequences([[2, 5, 3], [2, 3], [2, 5, 3], [2, 3], [2, 7, 3]])
        #expect(sequences == [[2, 5, 3], [2, 3], [2, 7, 3]])
        #expect(source == [0, 1, 0, 1, 2])
    }

    @Test func batchesGroupSentencesBySortedLengthWithinATokenBudget() {
        // Sorted: 2 (1), 2 (3), 5 (0), 7 (4), 9 (2). Budget 14: [2, 2, 5 → 3×5 = 15 > 14] …
        #expect(SentenceEncoder.batches(lengths: [5, 2, 9, 2, 7], tokens: 14) == [[1, 3], [0, 4], [2]])
        #expect(SentenceEncoder.batches(lengths: [5, 2, 9, 2, 7], tokens: 100) == [[1, 3, 0, 4, 2]])
        // A sentence longer than the budget still gets a batch.
        #expect(SentenceEncoder.batches(lengths: [300, 3], tokens: 10) == [[1], [0]])
        #expect(SentenceEncoder.batches(lengths: [], tokens: 4).isEmpty)
    }

    @Test func identityHashesTheWeights() throws {
        let encoder = try SentenceEncoder(directory: directory)
        let bytes = try Data(contentsOf: directory.appendingPathComponent("model.safetensors"))
        let expected = bytes.withUnsafeBytes { SHA256.hexDigest($0) }
        #expect(encoder.identity == EncoderIdentity(name: directory.lastPathComponent, sha256: expected, dimension: TinyBert.hidden))
    }

    @Test func rejectsPoolingOtherThanMean() throws {
        try TestSupport.writeJSON(["word_embedding_dimension": TinyBert.hidden, "pooling_mode_mean_tokens": false,
                                   "pooling_mode_cls_token": true],
                                  to: directory.appendingPathComponent("1_Pooling/config.json"))
        #expect(throws: EncoderError.unsupportedArchitecture("pooling_mode_cls_token in 1_Pooling/config.json (only mean pooling is implemented)")) {
            try SentenceEncoder(directory: directory)
        }
    }

    @Test func reportsAMissingWeightsFile() throws {
        try FileManager.default.removeItem(at: directory.appendingPathComponent("model.safetensors"))
        #expect(throws: EncoderError.missingFile(path: directory.appendingPathComponent("model.safetensors").path)) {
            try SentenceEncoder(directory: directory)
        }
    }
}

/// all-MiniLM-L6-v2 against reference ids and vectors from an independent implementation.
/// Needs the weights from Scripts/fetch-encoder; skipped (with that reason) otherwise.
@Suite(.enabled(if: TestSupport.weightsPresent, TestSupport.skipReason))
struct MiniLMReferenceTests {
    struct Reference: Decodable {
        let text: String
        let input_ids: [Int]
        let tokens: [String]
        let embedding: [Float]
    }

    /// The fixture is checked even without weights, in `ReferenceFixtureTests`.
    static let references: [Reference] = {
        guard let url = Bundle.module.url(forResource: "embeddings", withExtension: "jsonl", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Reference.self, from: Data($0.utf8)) }
    }()

    static let encoder: Result<SentenceEncoder, any Error> = Result { try SentenceEncoder(directory: TestSupport.modelDirectory) }

    @Test func tokenIDsMatchTheReference() throws {
        let encoder = try Self.encoder.get()
        #expect(encoder.tokenizer.maxLength == 256)
        for reference in Self.references {
            #expect(encoder.tokenize(reference.text) == reference.input_ids, "\(reference.text)")
            #expect(encoder.tokenizer.tokens(reference.text) == reference.tokens, "\(reference.text)")
        }
    }

    @Test func vectorsMatchTheReference() throws {
        let encoder = try Self.encoder.get()
        #expect(encoder.dimension == 384)
        // Small batches so that several padded batches of different lengths are exercised.
        let small = try SentenceEncoder(directory: TestSupport.modelDirectory, batchTokens: 64)
        let vectors = try small.encode(Self.references.map(\.text))
        var lowest = 1.0
        for (reference, vector) in zip(Self.references, vectors) {
            let similarity = cosine(vector, reference.embedding)
            lowest = min(lowest, similarity)
            #expect(similarity >= 0.9999, "cosine \(similarity) for \(reference.text)")
        }
        print("all-MiniLM-L6-v2: lowest cosine with the reference vectors over \(vectors.count) sentences: \(lowest)")
        // One batch of all 19 (padded to 256) gives the same vectors.
        let together = try SentenceEncoder(directory: TestSupport.modelDirectory, batchTokens: 19 * 256)
            .encode(Self.references.map(\.text))
        for (a, b) in zip(together, vectors) { #expect(cosine(a, b) > 0.99999) }
    }

    /// With several cores, OpenBLAS's own threads would split the products differently and change
    /// the last bits; the encoder always calls BLAS single-threaded, so the process's BLAS thread
    /// count makes no difference. (On a one-core machine this cannot tell the two apart.)
    @Test func vectorsDoNotDependOnTheBLASThreadCount() throws {
        // One batch of all 19, the case that used to run on BLAS's threads.
        let encoder = try SentenceEncoder(directory: TestSupport.modelDirectory, batchTokens: 19 * 256)
        let texts = Self.references.map(\.text)
        let threaded = try encoder.encode(texts)
        let single = try BLASThreads.withSingleThread { try encoder.encode(texts) }
        let differing = zip(threaded, single).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(texts.count) vectors differ")
    }

    @Test func identityIsTheKnownChecksum() throws {
        let identity = try Self.encoder.get().identity
        #expect(identity.name == "all-MiniLM-L6-v2")
        #expect(identity.sha256 == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")
        #expect(identity.dimension == 384)
    }
}

/// The copied reference file itself, which needs no weights.
@Suite struct ReferenceFixtureTests {
    @Test func fixtureIsComplete() {
        let references = MiniLMReferenceTests.references
        #expect(references.count == 19)
        #expect(references.allSatisfy { $0.embedding.count == 384 && $0.input_ids.count == $0.tokens.count })
        #expect(references.contains { $0.input_ids.count == 256 }, "one sentence exercises truncation")
    }
}
