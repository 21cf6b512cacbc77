import Foundation
import SentenceEncoder

/// Finds and opens the sentence encoder a model was trained with, and checks that it is the
/// same one (SHA-256 of model.safetensors). Nothing is downloaded: a missing encoder is an
/// error that names Scripts/fetch-encoder.
public struct EncoderLocator: Sendable {
    /// Directory given by the user (--encoder), tried first.
    public var explicitDirectory: String?
    /// The model file's location: encoders are looked for in `<its directory>/encoders/<name>`.
    public var modelPath: String?

    public init(explicitDirectory: String? = nil, modelPath: String? = nil) {
        self.explicitDirectory = explicitDirectory
        self.modelPath = modelPath
    }

    /// Where to look for encoder `name`, in order (only the given directory, when there is one).
    public func candidates(name: String) -> [String] {
        if let explicitDirectory { return [explicitDirectory] }
        var out = [String]()
        if let env = ProcessInfo.processInfo.environment["STANCE_ENCODERS"], !env.isEmpty { out.append(env + "/" + name) }
        if let modelPath {
            out.append(URL(fileURLWithPath: modelPath).deletingLastPathComponent().appendingPathComponent("encoders/\(name)").path)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            out.append(directory.appendingPathComponent("Models/encoders/\(name)").path)
            directory = directory.deletingLastPathComponent()
        }
        out.append(FileManager.default.currentDirectoryPath + "/Models/encoders/\(name)")
        return out
    }

    /// Opens the first encoder found for `name` (any weights), for training a new model.
    public func open(name: String = SentenceEncoder.defaultModelName) throws -> SentenceEncoder {
        let places = candidates(name: name)
        guard let found = places.first(where: { FileManager.default.fileExists(atPath: $0 + "/model.safetensors") }) else {
            throw StanceError.encoderMissing(name: name, looked: explicitDirectory.map { [$0] } ?? Array(places.prefix(3)))
        }
        return try SentenceEncoder(directory: URL(fileURLWithPath: found, isDirectory: true))
    }

    /// Opens the encoder a model needs and checks its weights are the ones it was trained with.
    public func open(matching identity: EncoderIdentity) throws -> SentenceEncoder {
        let encoder = try open(name: identity.name)
        let digest = EncoderLocator.cachedDigest(of: encoder)
        guard digest == identity.sha256, encoder.dimension == identity.dimension else {
            throw StanceError.encoderMismatch(expected: identity.description, found: "\(encoder.directory.path) (sha256 \(digest))")
        }
        return encoder
    }

    /// SHA-256 of the weights, remembered beside them (keyed by size and modification time):
    /// hashing 90 MB on every `classify` would cost more than classifying a few sentences.
    static func cachedDigest(of encoder: SentenceEncoder) -> String {
        let weights = encoder.directory.appendingPathComponent("model.safetensors").path
        let cache = encoder.directory.appendingPathComponent(".model.safetensors.sha256").path
        let attributes = try? FileManager.default.attributesOfItem(atPath: weights)
        let stamp = "\((attributes?[.size] as? NSNumber)?.intValue ?? -1) \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1)"
        if let saved = try? String(contentsOfFile: cache, encoding: .utf8) {
            let parts = saved.split(separator: "\n")
            if parts.count == 2, parts[0] == stamp { return String(parts[1]) }
        }
        let digest = encoder.identity.sha256
        try? (stamp + "\n" + digest).write(toFile: cache, atomically: true, encoding: .utf8)
        return digest
    }
}
