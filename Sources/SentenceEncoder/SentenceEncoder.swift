import Foundation
import LinearAlgebra

/// Sentence vectors from a BERT-family sentence-transformers model (all-MiniLM-L6-v2):
/// WordPiece tokens → BERT → mean of the last hidden states over the real tokens → L2 norm 1.
///
/// Loads a Hugging Face model directory (config.json, vocab.txt, tokenizer_config.json,
/// model.safetensors, and sentence-transformers' sentence_bert_config.json and
/// 1_Pooling/config.json when present). Nothing is downloaded: `Scripts/fetch-encoder` puts
/// the model in `Models/encoders/all-MiniLM-L6-v2/`.
public final class SentenceEncoder: Sendable {
    public static let defaultModelName = "all-MiniLM-L6-v2"
    /// Sentences per forward pass. Sorting by length first keeps padding small; 32 is large
    /// enough for sgemm to run near its peak on the projections (32 × ~40 tokens = ~1300 rows).
    public static let defaultBatchSize = 32

    public let directory: URL
    public let configuration: BertConfiguration
    public let tokenizer: WordPieceTokenizer
    public let model: BertModel
    public let batchSize: Int
    private let weights: SafeTensorsFile
    private let identityCache = IdentityCache()

    /// The model directory inside a checkout: `Models/encoders/<name>/`.
    public static func defaultDirectory(repositoryRoot: URL, name: String = defaultModelName) -> URL {
        repositoryRoot.appendingPathComponent("Models/encoders/\(name)", isDirectory: true)
    }

    public init(directory: URL, batchSize: Int = SentenceEncoder.defaultBatchSize) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EncoderError.modelDirectoryMissing(path: directory.path)
        }
        guard batchSize > 0 else {
            throw EncoderError.invalidInput("batch size must be positive, got \(batchSize)")
        }
        let configuration = try BertConfiguration(url: directory.appendingPathComponent("config.json"))
        try Self.checkPooling(directory: directory, hiddenSize: configuration.hiddenSize)
        let tokenizer = try WordPieceTokenizer(directory: directory, maxPositionEmbeddings: configuration.maxPositionEmbeddings)
        guard tokenizer.vocabulary.count <= configuration.vocabSize else {
            throw EncoderError.invalidVocabulary("vocab.txt has \(tokenizer.vocabulary.count) tokens but the model embeds \(configuration.vocabSize)")
        }
        let weights = try SafeTensorsFile(url: directory.appendingPathComponent("model.safetensors"))
        self.directory = directory
        self.configuration = configuration
        self.tokenizer = tokenizer
        self.weights = weights
        self.model = try BertModel(configuration: configuration, weights: weights)
        self.batchSize = batchSize
    }

    /// Length of the sentence vectors (384 for all-MiniLM-L6-v2).
    public var dimension: Int { configuration.hiddenSize }

    /// Name, dimension and SHA-256 of model.safetensors. Hashing 90 MB takes a moment, so it is
    /// computed on first use and kept.
    public var identity: EncoderIdentity {
        identityCache.value {
            let digest = weights.withFileBytes { SHA256.hexDigest($0) }
            return EncoderIdentity(name: directory.lastPathComponent, sha256: digest, dimension: dimension)
        }
    }

    /// Token ids the model sees for `sentence`, [CLS] and [SEP] included, truncated to the
    /// model's maximum length.
    public func tokenize(_ sentence: String) -> [Int] {
        tokenizer.encode(sentence)
    }

    /// One L2-normalised vector per sentence, in input order.
    public func encode(_ sentences: [String]) throws -> [[Float]] {
        let ids = sentences.map { tokenizer.encode($0) }
        var vectors = [[Float]](repeating: [], count: sentences.count)
        for batch in Self.batches(lengths: ids.map(\.count), size: batchSize) {
            let pooled = try encodeBatch(batch.map { ids[$0] })
            for (position, index) in batch.enumerated() { vectors[index] = pooled[position] }
        }
        return vectors
    }

    /// Indices grouped into batches of sentences of similar length: sorted by token count (ties
    /// by position, so the grouping is deterministic), then cut every `size`.
    static func batches(lengths: [Int], size: Int) -> [[Int]] {
        let order = lengths.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        return stride(from: 0, to: order.count, by: size).map { Array(order[$0..<min($0 + size, order.count)]) }
    }

    /// Mean pooling over each sequence's real tokens, then L2 normalisation.
    func encodeBatch(_ batch: [[Int]]) throws -> [[Float]] {
        let (states, length) = try model.hiddenStates(batch)
        let h = configuration.hiddenSize
        return batch.enumerated().map { b, sequence in
            var mean = [Float](repeating: 0, count: h)
            for p in 0..<sequence.count {
                let offset = (b * length + p) * h
                for c in 0..<h { mean[c] += states[offset + c] }
            }
            var squares: Float = 0
            for c in 0..<h { squares += mean[c] * mean[c] }
            // The 1/count of the mean cancels in the normalisation; the floor avoids 0/0.
            let inverse = 1 / max(squares.squareRoot(), 1e-12)
            for c in 0..<h { mean[c] *= inverse }
            return mean
        }
    }

    /// sentence-transformers' pooling settings: only plain mean pooling is implemented.
    private static func checkPooling(directory: URL, hiddenSize: Int) throws {
        let url = directory.appendingPathComponent("1_Pooling/config.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let object = try JSONFile.object(at: url)
        let file = "1_Pooling/config.json"
        let modes = ["pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                     "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"]
        for mode in modes where try JSONFile.optionalBool(object, mode, file: file) == true {
            throw EncoderError.unsupportedArchitecture("\(mode) in \(file) (only mean pooling is implemented)")
        }
        if try JSONFile.optionalBool(object, "pooling_mode_mean_tokens", file: file) == false {
            throw EncoderError.unsupportedArchitecture("pooling_mode_mean_tokens is false in \(file)")
        }
        if let dimension = try JSONFile.optionalInt(object, "word_embedding_dimension", file: file), dimension != hiddenSize {
            throw EncoderError.invalidConfiguration(file: file, reason: "word_embedding_dimension \(dimension) differs from hidden_size \(hiddenSize)")
        }
    }
}

/// Computes a value once, under a lock, for a `Sendable` class.
private final class IdentityCache: @unchecked Sendable {
    // @unchecked: `stored` is only touched while `lock` is held.
    private let lock = NSLock()
    private var stored: EncoderIdentity?

    func value(_ make: () -> EncoderIdentity) -> EncoderIdentity {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}
