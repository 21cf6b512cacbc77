import Foundation
import LinearAlgebra

/// A BERT encoder in float32: embeddings, then post-norm transformer layers, producing the last
/// hidden states. Every projection and both attention products (QKᵀ and PV) go through
/// `BLAS.sgemm`; the rest (bias, softmax, layer norm, GELU) are plain loops over contiguous rows.
///
/// Weights are read once from safetensors into float32 arrays with Hugging Face's layout:
/// a Linear weight is [out, in], so `x · Wᵀ` is `sgemm(transB: .transpose)` on it directly.
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
        /// Query, key and value weights stacked as one [3H, H] matrix so that a single sgemm
        /// produces all three: row r of the output holds q | k | v for token r.
        let qkvWeight: [Float]
        let qkvBias: [Float]
        let attentionOutputWeight: [Float]   // H × H
        let attentionOutputBias: [Float]
        let attentionNorm: LayerNormWeights
        let intermediateWeight: [Float]      // I × H
        let intermediateBias: [Float]
        let outputWeight: [Float]            // H × I
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
        func norm(_ name: String) throws -> LayerNormWeights {
            LayerNormWeights(gamma: try tensor(name + ".weight", [h]), beta: try tensor(name + ".bias", [h]))
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [configuration.vocabSize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [configuration.maxPositionEmbeddings, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [configuration.typeVocabSize, h])
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0..<configuration.numHiddenLayers).map { index in
            let p = "encoder.layer.\(index)."
            let qkvWeight = try tensor(p + "attention.self.query.weight", [h, h])
                + tensor(p + "attention.self.key.weight", [h, h])
                + tensor(p + "attention.self.value.weight", [h, h])
            let qkvBias = try tensor(p + "attention.self.query.bias", [h])
                + tensor(p + "attention.self.key.bias", [h])
                + tensor(p + "attention.self.value.bias", [h])
            return Layer(
                qkvWeight: qkvWeight, qkvBias: qkvBias,
                attentionOutputWeight: try tensor(p + "attention.output.dense.weight", [h, h]),
                attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                attentionNorm: try norm(p + "attention.output.LayerNorm"),
                intermediateWeight: try tensor(p + "intermediate.dense.weight", [i, h]),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [i]),
                outputWeight: try tensor(p + "output.dense.weight", [h, i]),
                outputBias: try tensor(p + "output.dense.bias", [h]),
                outputNorm: try norm(p + "output.LayerNorm"))
        }
    }

    /// Last hidden states of a batch of token-id sequences, padded to the longest:
    /// `batch.count × length × hiddenSize`, row-major. Rows past a sequence's end are padding;
    /// the attention mask keeps them from influencing real tokens, and their values are unspecified.
    public func hiddenStates(_ batch: [[Int]]) throws -> (values: [Float], length: Int) {
        let config = configuration
        let length = batch.map(\.count).max() ?? 0
        guard length > 0 else { return ([], 0) }
        guard length <= config.maxPositionEmbeddings else {
            throw EncoderError.invalidInput("sequence of \(length) tokens exceeds max_position_embeddings \(config.maxPositionEmbeddings)")
        }
        for sequence in batch {
            if let bad = sequence.first(where: { $0 < 0 || $0 >= config.vocabSize }) {
                throw EncoderError.invalidInput("token id \(bad) outside the vocabulary of \(config.vocabSize)")
            }
        }
        let h = config.hiddenSize
        let rows = batch.count * length
        var states = [Float](repeating: 0, count: rows * h)
        let workspace = Workspace(rows: rows, length: length, hidden: h, intermediate: config.intermediateSize)
        states.withUnsafeMutableBufferPointer { x in
            embed(batch, length: length, into: x.baseAddress!)
            for layer in layers {
                apply(layer, to: x.baseAddress!, lengths: batch.map(\.count), length: length, workspace)
            }
        }
        return (states, length)
    }

    // MARK: Forward pass

    /// Scratch buffers for one forward pass; each call has its own, so passes can run concurrently.
    private final class Workspace {
        let qkv: UnsafeMutablePointer<Float>           // rows × 3H
        let context: UnsafeMutablePointer<Float>       // rows × H
        let projected: UnsafeMutablePointer<Float>     // rows × H
        let intermediate: UnsafeMutablePointer<Float>  // rows × I
        let scores: UnsafeMutablePointer<Float>        // L × L, one (sentence, head) at a time
        private let sizes: [Int]

        init(rows: Int, length: Int, hidden: Int, intermediate: Int) {
            sizes = [rows * 3 * hidden, rows * hidden, rows * hidden, rows * intermediate, length * length]
            qkv = .allocate(capacity: sizes[0])
            context = .allocate(capacity: sizes[1])
            projected = .allocate(capacity: sizes[2])
            self.intermediate = .allocate(capacity: sizes[3])
            scores = .allocate(capacity: sizes[4])
        }

        deinit {
            for buffer in [qkv, context, projected, intermediate, scores] { buffer.deallocate() }
        }
    }

    /// x ← LayerNorm(word + position + token type 0) for real tokens; padding rows stay zero
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
        // Queries are the sentence's real tokens; keys span the padded length and the mask gives
        // the padding keys zero weight. Padding query rows are never read, so they are skipped
        // and their context set to zero.
        let stride = 3 * h
        for (b, valid) in lengths.enumerated() {
            let base = work.qkv + b * length * stride
            let context = work.context + b * length * h
            for head in 0..<heads {
                let q = base + head * d
                let k = base + h + head * d
                let v = base + 2 * h + head * d
                BLAS.sgemm(.none, .transpose, m: valid, n: length, k: d, alpha: scale,
                           a: q, lda: stride, b: k, ldb: stride, c: work.scores, ldc: length)
                maskedSoftmax(work.scores, rows: valid, columns: length, valid: valid)
                BLAS.sgemm(.none, .none, m: valid, n: d, k: length,
                           a: work.scores, lda: length, b: v, ldb: stride,
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

    /// output ← input · weightᵀ + bias, weight stored [out, in] as in the checkpoint. The bias is
    /// copied into every output row first and sgemm accumulates onto it (beta = 1), which saves
    /// both a separate bias pass and BLAS's own pass zeroing the output.
    private func linear(_ input: UnsafePointer<Float>, rows: Int, inFeatures: Int, _ weight: [Float], _ bias: [Float],
                        outFeatures: Int, into output: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { b in
            for r in 0..<rows { (output + r * outFeatures).update(from: b.baseAddress!, count: outFeatures) }
        }
        weight.withUnsafeBufferPointer { w in
            BLAS.sgemm(.none, .transpose, m: rows, n: outFeatures, k: inFeatures,
                       a: input, lda: inFeatures, b: w.baseAddress!, ldb: inFeatures,
                       beta: 1, c: output, ldc: outFeatures)
        }
    }

    /// Softmax over each row's first `valid` columns; the padding columns get probability 0,
    /// which is what adding −∞ to their scores would give, without computing exp(−∞).
    private func maskedSoftmax(_ scores: UnsafeMutablePointer<Float>, rows: Int, columns: Int, valid: Int) {
        for r in 0..<rows {
            let row = scores + r * columns
            var maximum = -Float.infinity
            for c in 0..<valid { maximum = max(maximum, row[c]) }
            var sum: Float = 0
            for c in 0..<valid {
                let e = expf(row[c] - maximum)
                row[c] = e
                sum += e
            }
            let inverse = 1 / sum
            for c in 0..<valid { row[c] *= inverse }
            for c in valid..<columns { row[c] = 0 }
        }
    }

    /// x ← LayerNorm(x + residual).
    private func addAndNorm(_ x: UnsafeMutablePointer<Float>, _ residual: UnsafePointer<Float>, rows: Int, _ norm: LayerNormWeights) {
        let n = rows * configuration.hiddenSize
        for index in 0..<n { x[index] += residual[index] }
        layerNorm(x, rows: rows, norm)
    }

    /// Row-wise layer norm with BERT's epsilon, in place; mean and variance by two passes.
    private func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, _ norm: LayerNormWeights) {
        let h = configuration.hiddenSize
        let eps = configuration.layerNormEps
        norm.gamma.withUnsafeBufferPointer { gamma in
            norm.beta.withUnsafeBufferPointer { beta in
                for r in 0..<rows {
                    let row = x + r * h
                    var sum: Float = 0
                    for c in 0..<h { sum += row[c] }
                    let mean = sum / Float(h)
                    var squares: Float = 0
                    for c in 0..<h {
                        let centred = row[c] - mean
                        squares += centred * centred
                    }
                    let inverse = 1 / (squares / Float(h) + eps).squareRoot()
                    for c in 0..<h { row[c] = (row[c] - mean) * inverse * gamma[c] + beta[c] }
                }
            }
        }
    }

    /// GELU(x) = x · Φ(x) = ½x(1 + erf(x/√2)), the exact form BERT was trained with, not the
    /// tanh approximation. erf comes from `erfFloat`, which the compiler vectorises; libm's erff
    /// is a call per element and took 15% of the whole forward pass.
    private func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.70710678118654752
        for index in 0..<count {
            let value = x[index]
            x[index] = 0.5 * value * (1 + Self.erfFloat(value * inverseRoot2))
        }
    }

    /// erf in single precision as a rational function of x on [-4, 4] (beyond which erf is ±1 in
    /// float32), the minimax approximation Eigen and XLA use for float erf. Absolute error below
    /// 5e-7 against the exact function (checked in the tests), about what float rounding allows
    /// near ±1; branch-free so loops over it vectorise. PyTorch's CPU kernel, which produced the
    /// reference vectors, also evaluates erf by a polynomial approximation.
    @inline(__always)
    static func erfFloat(_ input: Float) -> Float {
        let x = Swift.min(Swift.max(input, -4), 4)
        let x2 = x * x
        var p: Float = -2.72614225801306e-10
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 - 2.10102402082508e-06
        p = p * x2 - 5.69250639462346e-05
        p = p * x2 - 7.34990630326855e-04
        p = p * x2 - 2.95459980854025e-03
        p = p * x2 - 1.60960333262415e-02
        var q: Float = -1.45660718464996e-05
        q = q * x2 - 2.13374055278905e-04
        q = q * x2 - 1.68282697438203e-03
        q = q * x2 - 7.37332916720468e-03
        q = q * x2 - 1.42647390514189e-02
        return x * p / q
    }
}
