import Foundation
import LinearAlgebra
import SentenceEncoder
import TextFeatures

/// Sentence vectors of training data kept on disk, keyed by a hash of the texts encoded, the
/// encoder's SHA-256 and `SentenceEncoder.vectorsRevision`, so cross-validation and repeated
/// training do not re-encode. Stored as raw little-endian float32 under `$STANCE_CACHE`, else
/// `$XDG_CACHE_HOME/stance`, else `~/.cache/stance`.
public struct EmbeddingCache: Sendable {
    public let directory: String

    public init(directory: String? = nil) {
        let env = ProcessInfo.processInfo.environment
        if let directory { self.directory = directory }
        else if let d = env["STANCE_CACHE"], !d.isEmpty { self.directory = d }
        else if let d = env["XDG_CACHE_HOME"], !d.isEmpty { self.directory = d + "/stance" }
        else { self.directory = NSHomeDirectory() + "/.cache/stance" }
    }

    static func key(_ texts: [String], _ identity: EncoderIdentity) -> String {
        var h = StableHash()
        for t in texts {
            h.combine(contentsOf: t.utf8)
            h.combine(0x1E)
        }
        return "\(identity.name)-\(identity.sha256.prefix(16))-r\(SentenceEncoder.vectorsRevision)-\(String(h.value, radix: 16))-\(texts.count)"
    }

    /// The vectors of `texts` (rows × dimension), from the cache or encoded and then cached.
    public func vectors(_ texts: [String], encoder: SentenceEncoder, identity: EncoderIdentity,
                        progress: (String) -> Void = { _ in }) throws -> Matrix {
        let d = identity.dimension
        let path = directory + "/embeddings/" + EmbeddingCache.key(texts, identity) + ".f32"
        if let data = FileManager.default.contents(atPath: path), data.count == texts.count * d * 4 {
            progress("sentence vectors from the cache (\(path))")
            let floats = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            return Matrix(rows: texts.count, columns: d, values: floats.map { Double(Float(bitPattern: $0.bitPattern.littleEndian)) })
        }
        progress("encoding \(texts.count) sentences with \(identity.name)")
        let started = Date()
        let vectors = try encoder.encode(texts)
        progress("encoded in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        var floats = [Float]()
        floats.reserveCapacity(texts.count * d)
        for v in vectors { floats.append(contentsOf: v) }
        try? FileManager.default.createDirectory(atPath: directory + "/embeddings", withIntermediateDirectories: true)
        let bytes = floats.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Array($0) }
        try? ModelFile.writeAtomically(bytes, to: path)
        return Matrix(rows: texts.count, columns: d, values: floats.map(Double.init))
    }
}
