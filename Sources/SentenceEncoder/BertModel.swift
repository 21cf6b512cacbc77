import Foundation
import LinearAlgebra

/// A BERT encoder in float32: embeddings, then post-norm transformer layers, producing the last
/// hidden states. Every projection and both attention products (QKᵀ and PV) go through
/// `BLAS.sgemm`; the rest (bias, softmax, layer norm, GELU) are plain loops over contiguous rows.
///
/// Weights are read once from safetensors into float32 arrays. Hugging Face stores a Linear
/// weight as [out, in]; it is transposed at load time to [in, out], so `x · Wᵀ` is a
/// non-transposed sgemm: OpenBLAS then packs the weight panels with straight copies instead of
/// a strided gather, which was the largest cost outside its kernel (7% of the time).
public final class BertModel: Sendable {
    public let configuration: BertConfiguration

    private let wordEmbeddings: [Float]       // vocab × H
    private let positionEmbeddings: [Float]   // positions × H
    private let tokenTypeEmbeddings: [Float]  // types × H (only type 0 is used: single sentences)
    private let embeddingNorm: LayerNormWeights
    private let layers: [Layer]

    struct LayerNormWeights: Sendable {
        let gamma: [Float]
        let beta: [Float]
    }

    struct Layer: Sendable {
        /// Query, key and value weights side by side as one [H, 3H] matrix so that a single sgemm
        /// produces all three: row r of the output holds q | k | v for token r.
        let qkvWeight: [Float]
        let qkvBias: [Float]
        let attentionOutputWeight: [Float]   // H × H, [in, out]
        let attentionOutputBias: [Float]
        let attentionNorm: LayerNormWeights
        let intermediateWeight: [Float]      // H × I, [in, out]
        let intermediateBias: [Float]
        let outputWeight: [Float]            // I × H, [in, out]
        let outputBias: [Float]
        let outputNorm: LayerNormWeights
    }

    /// Loads the weights named as in a Hugging Face BERT checkpoint, with or without the `bert.`
    /// prefix that task-head checkpoints (BertForMaskedLM, …) add.
    public init(configuration: BertConfiguration, weights: SafeTensorsFile) throws {
        self.configuration = configuration
        let h = configuration.hiddenSize
        let i = configuration.intermediateSize
        let prefix: String
        if weights.contains("embeddings.word_embeddings.weight") {
            prefix = ""
        } else if weights.contains("bert.embeddings.word_embeddings.weight") {
            prefix = "bert."
        } else {
            throw EncoderError.missingTensor(name: "embeddings.word_embeddings.weight")
        }
        func tensor(_ name: String, _ shape: [Int]) throws -> [Float] {
            try weights.floats(prefix + name, shape: shape)
        }
        /// A Linear weight, [out, in] in the file, as [in, out].
        func linearWeight(_ name: String, out: Int, in inFeatures: Int) throws -> [Float] {
            Self.transposed(try tensor(name, [out, inFeatures]), rows: out, columns: inFeatures)
        }
        func norm(_ name: String) throws -> LayerNormWeights {
            LayerNormWeights(gamma: try tensor(name + ".weight", [h]), beta: try tensor(name + ".bias", [h]))
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [configuration.vocabSize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [configuration.maxPositionEmbeddings, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [configuration.typeVocabSize, h])
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0..<configuration.numHiddenLayers).map { index in
            let p = "encoder.layer.\(index)."
            let qkvWeight = Self.transposed(
                try tensor(p + "attention.self.query.weight", [h, h])
                    + tensor(p + "attention.self.key.weight", [h, h])
                    + tensor(p + "attention.self.value.weight", [h, h]),
                rows: 3 * h, columns: h)
            let qkvBias = try tensor(p + "attention.self.query.bias", [h])
                + tensor(p + "attention.self.key.bias", [h])
                + tensor(p + "attention.self.value.bias", [h])
            return Layer(
                qkvWeight: qkvWeight, qkvBias: qkvBias,
                attentionOutputWeight: try linearWeight(p + "attention.output.dense.weight", out: h, in: h),
                attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                attentionNorm: try norm(p + "attention.output.LayerNorm"),
                intermediateWeight: try linearWeight(p + "intermediate.dense.weight", out: i, in: h),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [i]),
                outputWeight: try linearWeight(p + "output.dense.weight", out: h, in: i),
                outputBias: try tensor(p + "output.dense.bias", [h]),
                outputNorm: try norm(p + "output.LayerNorm"))
        }
    }

    /// The transpose of a row-major rows × columns matrix.
    static func transposed(_ matrix: [Float], rows: Int, columns: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: matrix.count) { out, initialized in
            for r in 0..<rows {
                for c in 0..<columns { out[c * rows + r] = matrix[r * columns + c] }
            }
            initialized = matrix.count
        }
    }

    /// Last hidden states of a batch of token-id sequences, padded to the longest:
    /// `batch.count × length × hiddenSize`, row-major. Rows past a sequence's end are padding;
    /// the attention mask keeps them from influencing real tokens, and their values are unspecified.
    public func hiddenStates(_ batch: [[Int]]) throws -> (values: [Float], length: Int) {
        let workspace = Workspace()
        let length = try hiddenStates(batch, in: workspace)
        let count = batch.count * length * configuration.hiddenSize
        return (Array(UnsafeBufferPointer(start: workspace.states, count: count)), length)
    }

    /// The same forward pass, leaving the states in `workspace.states` and returning the padded
    /// length. A caller encoding many batches passes the same workspace each time: fresh
    /// megabyte buffers per batch cost page faults (~2% of the time on FOMC sentences).
    func hiddenStates(_ batch: [[Int]], in workspace: Workspace) throws -> Int {
        let config = configuration
        let length = batch.map(\.count).max() ?? 0
        guard length > 0 else { return 0 }
        guard length <= config.maxPositionEmbeddings else {
            throw EncoderError.invalidInput("sequence of \(length) tokens exceeds max_position_embeddings \(config.maxPositionEmbeddings)")
        }
        for sequence in batch {
            if let bad = sequence.first(where: { $0 < 0 || $0 >= config.vocabSize }) {
                throw EncoderError.invalidInput("token id \(bad) outside the vocabulary of \(config.vocabSize)")
            }
        }
        let rows = batch.count * length
        workspace.reserve(rows: rows, length: length, hidden: config.hiddenSize, intermediate: config.intermediateSize)
        let x = workspace.states
        embed(batch, length: length, into: x)
        let lengths = batch.map(\.count)
        for layer in layers {
            apply(layer, to: x, lengths: lengths, length: length, workspace)
        }
        return length
    }

    // MARK: Forward pass

    /// Buffers for forward passes, grown on demand and reused. Not thread-safe: one per thread.
    final class Workspace {
        private(set) var states: UnsafeMutablePointer<Float>        // rows × H
        private(set) var qkv: UnsafeMutablePointer<Float>           // rows × 3H
        private(set) var context: UnsafeMutablePointer<Float>       // rows × H
        private(set) var projected: UnsafeMutablePointer<Float>     // rows × H
        private(set) var intermediate: UnsafeMutablePointer<Float>  // rows × I
        private(set) var scores: UnsafeMutablePointer<Float>        // L × L, one (sentence, head) at a time
        private var rows = 0
        private var length = 0
        private var hidden = 0
        private var intermediateSize = 0

        init() {
            states = .allocate(capacity: 0)
            qkv = .allocate(capacity: 0)
            context = .allocate(capacity: 0)
            projected = .allocate(capacity: 0)
            intermediate = .allocate(capacity: 0)
            scores = .allocate(capacity: 0)
        }

        /// Makes the buffers large enough for `rows` token rows of at most `length` tokens.
        func reserve(rows: Int, length: Int, hidden: Int, intermediate: Int) {
            if rows > self.rows || hidden != self.hidden || intermediate != intermediateSize {
                // Some headroom, so a slightly larger batch later does not reallocate again.
                let capacity = max(rows, self.rows + self.rows / 4)
                for buffer in [states, qkv, context, projected, self.intermediate] { buffer.deallocate() }
                states = .allocate(capacity: capacity * hidden)
                qkv = .allocate(capacity: capacity * 3 * hidden)
                context = .allocate(capacity: capacity * hidden)
                projected = .allocate(capacity: capacity * hidden)
                self.intermediate = .allocate(capacity: capacity * intermediate)
                self.rows = capacity
                self.hidden = hidden
                intermediateSize = intermediate
            }
            if length > self.length {
                scores.deallocate()
                scores = .allocate(capacity: length * length)
                self.length = length
            }
        }

        deinit {
            for buffer in [states, qkv, context, projected, intermediate, scores] { buffer.deallocate() }
        }
    }

    /// x ← LayerNorm(word + position + token type 0) for real tokens; padding rows are zero
    /// (their values never reach a real token, so there is no point looking up [PAD]).
    private func embed(_ batch: [[Int]], length: Int, into x: UnsafeMutablePointer<Float>) {
        let h = configuration.hiddenSize
        wordEmbeddings.withUnsafeBufferPointer { words in
            positionEmbeddings.withUnsafeBufferPointer { positions in
                tokenTypeEmbeddings.withUnsafeBufferPointer { types in
                    for (b, sequence) in batch.enumerated() {
                        for (p, id) in sequence.enumerated() {
                            let row = x + (b * length + p) * h
                            let word = words.baseAddress! + id * h
                            let position = positions.baseAddress! + p * h
                            for c in 0..<h { row[c] = word[c] + position[c] + types[c] }
                        }
                        // Padding rows go through the projections (their results are never
                        // read); zeros keep that arithmetic on initialised, finite values.
                        if sequence.count < length {
                            (x + (b * length + sequence.count) * h).initialize(repeating: 0, count: (length - sequence.count) * h)
                        }
                    }
                }
            }
        }
        layerNorm(x, rows: batch.count * length, embeddingNorm)
    }

    private func apply(_ layer: Layer, to x: UnsafeMutablePointer<Float>, lengths: [Int], length: Int, _ work: Workspace) {
        let config = configuration
        let h = config.hiddenSize
        let rows = lengths.count * length
        let heads = config.numAttentionHeads
        let d = config.headDimension
        let scale = 1 / Float(d).squareRoot()

        // Q | K | V for every token in one product.
        linear(x, rows: rows, inFeatures: h, layer.qkvWeight, layer.qkvBias, outFeatures: 3 * h, into: work.qkv)

        // Scaled dot-product attention per sentence and head. Q, K and V of a head are column
        // blocks of the qkv rows, addressed with leading dimension 3H, so nothing is copied.
        // Queries and keys are the sentence's real tokens only, so padding takes no part and a
        // sentence's attention does not depend on how long its batch-mates are. Padding rows'
        // context is set to zero.
        let stride = 3 * h
        for (b, valid) in lengths.enumerated() {
            let base = work.qkv + b * length * stride
            let context = work.context + b * length * h
            for head in 0..<heads {
                let q = base + head * d
                let k = base + h + head * d
                let v = base + 2 * h + head * d
                BLAS.sgemm(.none, .transpose, m: valid, n: valid, k: d, alpha: scale,
                           a: q, lda: stride, b: k, ldb: stride, c: work.scores, ldc: valid)
                softmax(work.scores, rows: valid, columns: valid)
                BLAS.sgemm(.none, .none, m: valid, n: d, k: valid,
                           a: work.scores, lda: valid, b: v, ldb: stride,
                           c: context + head * d, ldc: h)
            }
            if valid < length {
                (context + valid * h).initialize(repeating: 0, count: (length - valid) * h)
            }
        }

        // Output projection, residual, layer norm.
        linear(work.context, rows: rows, inFeatures: h, layer.attentionOutputWeight, layer.attentionOutputBias,
               outFeatures: h, into: work.projected)
        addAndNorm(x, work.projected, rows: rows, layer.attentionNorm)

        // Feed-forward with exact GELU, residual, layer norm.
        let i = config.intermediateSize
        linear(x, rows: rows, inFeatures: h, layer.intermediateWeight, layer.intermediateBias,
               outFeatures: i, into: work.intermediate)
        gelu(work.intermediate, count: rows * i)
        linear(work.intermediate, rows: rows, inFeatures: i, layer.outputWeight, layer.outputBias,
               outFeatures: h, into: work.projected)
        addAndNorm(x, work.projected, rows: rows, layer.outputNorm)
    }

    /// output ← input · weight + bias, weight stored [in, out] (transposed at load). The bias is
    /// copied into every output row first and sgemm accumulates onto it (beta = 1), which saves
    /// both a separate bias pass and BLAS's own pass zeroing the output.
    private func linear(_ input: UnsafePointer<Float>, rows: Int, inFeatures: Int, _ weight: [Float], _ bias: [Float],
                        outFeatures: Int, into output: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { b in
            for r in 0..<rows { (output + r * outFeatures).update(from: b.baseAddress!, count: outFeatures) }
        }
        weight.withUnsafeBufferPointer { w in
            BLAS.sgemm(.none, .none, m: rows, n: outFeatures, k: inFeatures,
                       a: input, lda: inFeatures, b: w.baseAddress!, ldb: outFeatures,
                       beta: 1, c: output, ldc: outFeatures)
        }
    }

    /// Softmax over each row, in place.
    private func softmax(_ scores: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        guard columns > 0 else { return }
        for r in 0..<rows {
            let row = scores + r * columns
            var maximum = row[0]
            for c in 1..<columns where row[c] > maximum { maximum = row[c] }
            for c in 0..<columns { row[c] = VectorMath.exp(row[c] - maximum) }
            let inverse = 1 / VectorMath.sum(row, count: columns)
            for c in 0..<columns { row[c] *= inverse }
        }
    }

    /// x ← LayerNorm(x + residual), a row at a time so the row is still in L1 for the norm
    /// (a separate pass over the whole sum first cost one more trip through memory).
    private func addAndNorm(_ x: UnsafeMutablePointer<Float>, _ residual: UnsafePointer<Float>, rows: Int, _ norm: LayerNormWeights) {
        let h = configuration.hiddenSize
        norm.gamma.withUnsafeBufferPointer { gamma in
            norm.beta.withUnsafeBufferPointer { beta in
                for r in 0..<rows {
                    let row = x + r * h
                    VectorMath.add(residual + r * h, to: row, count: h)
                    normalize(row, gamma.baseAddress!, beta.baseAddress!)
                }
            }
        }
    }

    /// Row-wise layer norm with BERT's epsilon, in place.
    private func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, _ norm: LayerNormWeights) {
        let h = configuration.hiddenSize
        norm.gamma.withUnsafeBufferPointer { gamma in
            norm.beta.withUnsafeBufferPointer { beta in
                for r in 0..<rows { normalize(x + r * h, gamma.baseAddress!, beta.baseAddress!) }
            }
        }
    }

    /// One row's layer norm: mean, then variance about the mean (not E[x²] − mean², which
    /// cancels badly), then (x − mean)/σ · γ + β.
    @inline(__always)
    private func normalize(_ row: UnsafeMutablePointer<Float>, _ gamma: UnsafePointer<Float>, _ beta: UnsafePointer<Float>) {
        let h = configuration.hiddenSize
        let mean = VectorMath.sum(row, count: h) / Float(h)
        let variance = VectorMath.sumOfSquaredDeviations(row, count: h, mean: mean) / Float(h)
        let inverse = 1 / (variance + configuration.layerNormEps).squareRoot()
        VectorMath.normalize(row, count: h, mean: mean, inverse: inverse, gamma: gamma, beta: beta)
    }

    /// GELU(x) = x · Φ(x) = ½x(1 + erf(x/√2)), the exact form BERT was trained with, not the
    /// tanh approximation (erf evaluated to float precision by `VectorMath.erf`).
    private func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.70710678118654752
        for index in 0..<count {
            let value = x[index]
            x[index] = 0.5 * value * (1 + VectorMath.erf(value * inverseRoot2))
        }
    }
}
