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
    /// Padded tokens per forward pass (sentences × longest length). Sentences are sorted by
    /// length first, so padding stays small, and batches are cut by tokens rather than by a
    /// sentence count, so every pass has similar sgemm shapes and memory (~8 MB of workspace)
    /// whether its sentences are short or 256 tokens long. Single-threaded sgemm on the layer
    /// shapes runs as fast with 512 rows as with 2048 (83 vs 80 GFLOP/s measured), and
    /// smaller passes keep the activations in cache: on FOMC sentences 256–512 tokens per pass
    /// gave ~150 sentences/s, 1024 ~140 and 2048 ~130.
    public static let defaultBatchTokens = 512

    /// Changes whenever a change to this code changes the vectors' last bits (2: repeated texts
    /// share one forward pass), so that vectors cached by earlier code are not mixed with new ones.
    public static let vectorsRevision = 2

    public let directory: URL
    public let configuration: BertConfiguration
    public let tokenizer: WordPieceTokenizer
    public let model: BertModel
    public let batchTokens: Int
    private let weights: SafeTensorsFile
    private let identityCache = IdentityCache()

    /// The model directory inside a checkout: `Models/encoders/<name>/`.
    public static func defaultDirectory(repositoryRoot: URL, name: String = defaultModelName) -> URL {
        repositoryRoot.appendingPathComponent("Models/encoders/\(name)", isDirectory: true)
    }

    public init(directory: URL, batchTokens: Int = SentenceEncoder.defaultBatchTokens) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EncoderError.modelDirectoryMissing(path: directory.path)
        }
        guard batchTokens > 0 else {
            throw EncoderError.invalidInput("batch token budget must be positive, got \(batchTokens)")
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
        self.batchTokens = batchTokens
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
    ///
    /// Parallelism: one forward pass per core, each calling BLAS single-threaded
    /// (`BLASThreads.withSingleThread`); never BLAS threads, even for a single batch, because
    /// OpenBLAS's threaded sgemm splits the products differently and changes the last bits of
    /// the vectors, so a sentence's vector would depend on the thread count and on whether its
    /// input filled one batch or several. Measured on the 2-core build machine (OpenBLAS 0.3.21
    /// pthreads, the 20,618 FOMC minutes sentences): a pass per core encoded 148 sentences/s,
    /// against 121–130 with one pass at a time on OpenBLAS's two threads, because the non-BLAS
    /// work (softmax, layer norm, GELU, ~15%) then runs in parallel too, and small per-core
    /// sgemms run as fast as large ones (80 GFLOP/s at 512 rows). The vectors still depend, in
    /// the last bits, on which sentences share a batch (sgemm's rounding depends on the
    /// product's shape), so they are fixed for a given input, not for a sentence on its own.
    ///
    /// Texts with the same word pieces (a repeated sentence, or texts that differ only in case,
    /// accents or spacing, which the uncased tokenizer drops) go through the model once and
    /// share one vector: archives of official statements repeat boilerplate (11% of the FOMC
    /// minutes' sentences are repeats), and a repeat's vector is then the same bits as its
    /// first occurrence's, whichever batch each would have landed in.
    public func encode(_ sentences: [String]) throws -> [[Float]] {
        let (ids, source) = Self.distinctSequences(sentences.map { tokenizer.encode($0) })
        // Longest batches first, so the last batch to start is a short one.
        let batches = Array(Self.batches(lengths: ids.map(\.count), tokens: batchTokens).reversed())
        let encoded = BLASThreads.withSingleThread {
            ParallelLoop.mapChunks(count: batches.count, chunkSize: 1, threads: ParallelLoop.availableThreads,
                                   state: { BertModel.Workspace() }) { chunk, workspace in
                Result { try encodeBatch(batches[chunk.lowerBound].map { ids[$0] }, in: workspace) }
            }
        }
        var vectors = [[Float]](repeating: [], count: ids.count)
        for (batch, result) in zip(batches, encoded) {
            for (vector, index) in zip(try result.get(), batch) { vectors[index] = vector }
        }
        return source.map { vectors[$0] }
    }

    /// The distinct token sequences, in order of first occurrence, and for each input sequence
    /// the index of its distinct one.
    static func distinctSequences(_ sequences: [[Int]]) -> (distinct: [[Int]], source: [Int]) {
        var indexOf: [[Int]: Int] = [:]
        var distinct: [[Int]] = []
        let source = sequences.map { sequence in
            if let index = indexOf[sequence] { return index }
            indexOf[sequence] = distinct.count
            distinct.append(sequence)
            return distinct.count - 1
        }
        return (distinct, source)
    }

    /// Indices grouped into batches of sentences of similar length: sorted by token count (ties
    /// by position, so the grouping is deterministic), then cut so that sentences × longest
    /// length stays within `tokens` (a longer sentence gets a batch of its own).
    static func batches(lengths: [Int], tokens: Int) -> [[Int]] {
        let order = lengths.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        var batches: [[Int]] = []
        var current: [Int] = []
        for index in order {
            // Sorted ascending, so this sentence is the longest of the batch if it joins.
            if !current.isEmpty && (current.count + 1) * lengths[index] > tokens {
                batches.append(current)
                current = []
            }
            current.append(index)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// Mean pooling over each sequence's real tokens, then L2 normalisation.
    func encodeBatch(_ batch: [[Int]], in workspace: BertModel.Workspace) throws -> [[Float]] {
        let length = try model.hiddenStates(batch, in: workspace)
        let h = configuration.hiddenSize
        let states = workspace.states
        return batch.enumerated().map { b, sequence in
            [Float](unsafeUninitializedCapacity: h) { mean, initialized in
                let sum = mean.baseAddress!
                sum.initialize(repeating: 0, count: h)
                for p in 0..<sequence.count {
                    VectorMath.add(states + (b * length + p) * h, to: sum, count: h)
                }
                var squares: Float = 0
                for c in 0..<h { squares += sum[c] * sum[c] }
                // The 1/count of the mean cancels in the normalisation; the floor avoids 0/0.
                let inverse = 1 / max(squares.squareRoot(), 1e-12)
                for c in 0..<h { sum[c] *= inverse }
                initialized = h
            }
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
