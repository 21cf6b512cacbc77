import Foundation
@testable import SentenceEncoder

/// A small random BERT written to disk in Hugging Face layout, with a straightforward
/// double-precision forward pass to check the BLAS implementation against.
struct TinyBert {
    static let hidden = 8
    static let heads = 2
    static let layers = 2
    static let intermediate = 12
    static let positions = 16
    static let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "talks", "hawk", "##ish",
                         "do", "##vish", "fed", ",", ".", "stalled", "resume"]

    var tensors: [(name: String, shape: [Int], values: [Float])] = []

    var config: [String: Any] {
        ["model_type": "bert", "architectures": ["BertModel"], "hidden_act": "gelu",
         "hidden_size": Self.hidden, "num_hidden_layers": Self.layers, "num_attention_heads": Self.heads,
         "intermediate_size": Self.intermediate, "max_position_embeddings": Self.positions,
         "vocab_size": Self.tokens.count, "type_vocab_size": 2, "layer_norm_eps": 1e-12]
    }

    init(seed: UInt64 = 7, prefix: String = "") {
        var generator = SplitMix64(seed: seed)
        let h = Self.hidden, i = Self.intermediate
        func add(_ name: String, _ shape: [Int], scale: Float = 0.5, offset: Float = 0) {
            let count = shape.reduce(1, *)
            tensors.append((prefix + name, shape, (0..<count).map { _ in offset + scale * generator.nextSigned() }))
        }
        add("embeddings.word_embeddings.weight", [Self.tokens.count, h])
        add("embeddings.position_embeddings.weight", [Self.positions, h])
        add("embeddings.token_type_embeddings.weight", [2, h])
        add("embeddings.LayerNorm.weight", [h], scale: 0.2, offset: 1)
        add("embeddings.LayerNorm.bias", [h], scale: 0.1)
        for layer in 0..<Self.layers {
            let p = "encoder.layer.\(layer)."
            for part in ["query", "key", "value"] {
                add(p + "attention.self.\(part).weight", [h, h])
                add(p + "attention.self.\(part).bias", [h], scale: 0.1)
            }
            add(p + "attention.output.dense.weight", [h, h])
            add(p + "attention.output.dense.bias", [h], scale: 0.1)
            add(p + "attention.output.LayerNorm.weight", [h], scale: 0.2, offset: 1)
            add(p + "attention.output.LayerNorm.bias", [h], scale: 0.1)
            add(p + "intermediate.dense.weight", [i, h])
            add(p + "intermediate.dense.bias", [i], scale: 0.1)
            add(p + "output.dense.weight", [h, i])
            add(p + "output.dense.bias", [h], scale: 0.1)
            add(p + "output.LayerNorm.weight", [h], scale: 0.2, offset: 1)
            add(p + "output.LayerNorm.bias", [h], scale: 0.1)
        }
        // BERT checkpoints carry an integer position_ids buffer the encoder must skip over.
        tensors.append((prefix + "embeddings.position_ids", [1, Self.positions], []))
    }

    func safetensors(dropping dropped: String? = nil) -> SafeTensorsWriter {
        var writer = SafeTensorsWriter()
        writer.metadata = ["format": "pt"]
        for tensor in tensors where tensor.name != dropped {
            if tensor.name.hasSuffix("position_ids") {
                writer.add(tensor.name, i64: (0..<Int64(Self.positions)).map { $0 }, shape: tensor.shape)
            } else {
                writer.add(tensor.name, f32: tensor.values, shape: tensor.shape)
            }
        }
        return writer
    }

    /// Writes config.json, vocab.txt, tokenizer_config.json and model.safetensors.
    func writeModel(to directory: URL, config override: [String: Any] = [:]) throws {
        try TestSupport.writeJSON(config.merging(override) { $1 }, to: directory.appendingPathComponent("config.json"))
        try (Self.tokens.joined(separator: "\n") + "\n")
            .write(to: directory.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)
        try TestSupport.writeJSON(["do_lower_case": true, "model_max_length": 512],
                                  to: directory.appendingPathComponent("tokenizer_config.json"))
        try safetensors().write(to: directory.appendingPathComponent("model.safetensors"))
    }

    // MARK: Reference forward pass, double precision, one sentence, no batching

    private func tensor(_ name: String) -> [Double] {
        tensors.first { $0.name == name || $0.name == "bert." + name }!.values.map(Double.init)
    }

    /// y = x Wᵀ + b for each row, W stored [out, in].
    private func linear(_ x: [[Double]], _ name: String) -> [[Double]] {
        let w = tensor(name + ".weight"), b = tensor(name + ".bias")
        let outputs = b.count, inputs = w.count / outputs
        var y: [[Double]] = []
        for row in x {
            var out = b
            for o in 0..<outputs {
                for k in 0..<inputs { out[o] += row[k] * w[o * inputs + k] }
            }
            y.append(out)
        }
        return y
    }

    private func layerNorm(_ x: [[Double]], _ name: String) -> [[Double]] {
        let gamma = tensor(name + ".weight"), beta = tensor(name + ".bias")
        var y: [[Double]] = []
        for row in x {
            let n = Double(row.count)
            let mean = row.reduce(0, +) / n
            var variance = 0.0
            for value in row { variance += (value - mean) * (value - mean) }
            variance /= n
            let scale = 1 / (variance + 1e-12).squareRoot()
            var out = row
            for c in row.indices { out[c] = (row[c] - mean) * scale * gamma[c] + beta[c] }
            y.append(out)
        }
        return y
    }

    private func add(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        var sum = a
        for r in a.indices { for c in a[r].indices { sum[r][c] += b[r][c] } }
        return sum
    }

    func referenceHiddenStates(_ ids: [Int]) -> [[Double]] {
        let h = Self.hidden, d = h / Self.heads
        let words = tensor("embeddings.word_embeddings.weight")
        let positions = tensor("embeddings.position_embeddings.weight")
        let types = tensor("embeddings.token_type_embeddings.weight")
        var x: [[Double]] = []
        for (p, id) in ids.enumerated() {
            var row = [Double](repeating: 0, count: h)
            for c in 0..<h { row[c] = words[id * h + c] + positions[p * h + c] + types[c] }
            x.append(row)
        }
        x = layerNorm(x, "embeddings.LayerNorm")
        let n = x.count
        for layer in 0..<Self.layers {
            let p = "encoder.layer.\(layer)."
            let q = linear(x, p + "attention.self.query")
            let k = linear(x, p + "attention.self.key")
            let v = linear(x, p + "attention.self.value")
            var context = [[Double]](repeating: [Double](repeating: 0, count: h), count: n)
            for head in 0..<Self.heads {
                let columns = (head * d)..<((head + 1) * d)
                for i in 0..<n {
                    var scores = [Double](repeating: 0, count: n)
                    for j in 0..<n {
                        for c in columns { scores[j] += q[i][c] * k[j][c] }
                        scores[j] /= Double(d).squareRoot()
                    }
                    let top = scores.max()!
                    var weights = scores.map { exp($0 - top) }
                    let total = weights.reduce(0, +)
                    for j in 0..<n { weights[j] /= total }
                    for c in columns {
                        for j in 0..<n { context[i][c] += weights[j] * v[j][c] }
                    }
                }
            }
            x = layerNorm(add(x, linear(context, p + "attention.output.dense")), p + "attention.output.LayerNorm")
            var inner = linear(x, p + "intermediate.dense")
            for r in inner.indices {
                for c in inner[r].indices {
                    let value = inner[r][c]
                    inner[r][c] = 0.5 * value * (1 + erf(value / 2.0.squareRoot()))
                }
            }
            x = layerNorm(add(x, linear(inner, p + "output.dense")), p + "output.LayerNorm")
        }
        return x
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so test weights are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func nextSigned() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }
}
