import Foundation
import TextFeatures

/// The on-disk model format, in fastText's discipline: a magic number and a format version
/// checked on load, every setting needed to rebuild the features stored with the weights,
/// and a checksum over the whole file so truncation or corruption is reported, not crashed on.
///
///     magic "STNCMDL\n" | format version u32 | header length u32 | header (JSON, sorted keys)
///     | payload length u64 | payload | FNV-1a 64 of everything before it (u64)
///
/// The payload holds, in order: the word vocabulary (count, then length-prefixed UTF-8 terms),
/// its idf (f64 each), the same for the character vocabulary, then the weights (features × labels,
/// row-major) and intercepts, as f64. All integers and floats are little-endian.
public enum ModelFile {
    public static let magic: [UInt8] = Array("STNCMDL\n".utf8)
    public static let formatVersion: UInt32 = 1

    struct Header: Codable {
        var formatVersion: UInt32
        var toolVersion: String
        var labels: LabelSet
        var features: FeatureConfiguration
        var classifier: LogisticRegression.Configuration
        var wordTerms: Int
        var characterTerms: Int
        var featureCount: Int
        var iterations: Int
        var converged: Bool
        var loss: Double
        var solver: LogisticRegression.Solver
        var summary: TrainingSummary
    }

    /// The file's bytes: the same model always gives the same bytes.
    public static func encode(_ model: StanceModel) throws -> [UInt8] {
        let header = Header(formatVersion: formatVersion, toolVersion: StanceVersion.current, labels: model.labels,
                            features: model.features.configuration, classifier: model.classifier,
                            wordTerms: model.features.wordColumns, characterTerms: model.features.characterColumns,
                            featureCount: model.fitted.featureCount, iterations: model.fitted.iterations,
                            converged: model.fitted.converged, loss: model.fitted.loss, solver: model.fitted.solver,
                            summary: model.summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = Array(try encoder.encode(header))
        var payload = BinaryWriter()
        for block in [model.features.word, model.features.character] {
            payload.write(UInt32(block?.featureCount ?? 0))
            for term in block?.terms ?? [] { payload.write(term) }
            payload.write(block?.idf ?? [])
        }
        payload.write(model.fitted.parameters)
        var out = BinaryWriter()
        out.write(bytes: magic)
        out.write(formatVersion)
        out.write(UInt32(headerBytes.count))
        out.write(bytes: headerBytes)
        out.write(UInt64(payload.bytes.count))
        out.write(bytes: payload.bytes)
        var hash = StableHash()
        hash.combine(contentsOf: out.bytes)
        out.write(hash.value)
        return out.bytes
    }

    /// Writes the model atomically: to a temporary file beside `path`, flushed, then renamed over
    /// it, so `path` always holds either the old complete model or the new one.
    public static func write(_ model: StanceModel, to path: String) throws {
        let bytes = try encode(model)
        try writeAtomically(bytes, to: path)
    }

    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw StanceError.modelFile(path: path, "cannot create a file in \(directory)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw StanceError.modelFile(path: path, "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let e = error as? StanceError { throw e }
            throw StanceError.modelFile(path: path, "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads a model; a model with a sentence-encoder block also opens its encoder (found by
    /// `encoders`, by default beside the model file or in the checkout's Models/encoders/).
    public static func read(_ path: String, encoders: EncoderLocator? = nil) throws -> StanceModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(.missingInput, file: path, "no such model file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(.missingInput, file: path, "cannot be read")
        }
        return try decode([UInt8](data), path: path, encoders: encoders ?? EncoderLocator(modelPath: path))
    }

    public static func decode(_ bytes: [UInt8], path: String, encoders: EncoderLocator? = nil) throws -> StanceModel {
        func bad(_ why: String) -> StanceError { .modelFile(path: path, why) }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw bad("not a stance model file (wrong magic number)")
        }
        var reader = BinaryReader(bytes, from: magic.count)
        do {
            let version = try reader.readUInt32()
            guard version <= formatVersion else {
                throw bad("model format version \(version) is newer than this stance (\(StanceVersion.current)) reads (up to \(formatVersion)); upgrade stance")
            }
            guard version >= 1 else { throw bad("unknown model format version \(version)") }
            guard bytes.count >= 8 else { throw BinaryReader.OutOfData() }
            var hash = StableHash()
            hash.combine(contentsOf: bytes[0..<(bytes.count - 8)])
            var tail = BinaryReader(bytes, from: bytes.count - 8)
            let headerLength = Int(try reader.readUInt32())
            let headerBytes = try reader.take(headerLength)
            let payloadLength = Int(try reader.readUInt64())
            guard payloadLength <= reader.remaining - 8 else { throw BinaryReader.OutOfData() }
            guard reader.remaining - 8 == payloadLength else { throw bad("unexpected bytes after the payload (corrupted)") }
            guard try tail.readUInt64() == hash.value else { throw bad("checksum mismatch: the file is corrupted") }
            let header: Header
            do {
                header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
            } catch {
                throw bad("unreadable header: \(error)")
            }
            var payload = BinaryReader(bytes, from: reader.position, to: reader.position + payloadLength)
            func block(_ configuration: TfidfConfiguration?, expected: Int) throws -> FittedTfidf? {
                let count = Int(try payload.readUInt32())
                guard count == expected else { throw bad("vocabulary size \(count) does not match the header's \(expected)") }
                var terms = [String]()
                terms.reserveCapacity(count)
                for _ in 0..<count {
                    guard let term = try payload.readString() else { throw bad("vocabulary holds invalid UTF-8") }
                    terms.append(term)
                }
                let idf = try payload.readDoubles(count)
                guard let configuration else {
                    guard count == 0 else { throw bad("vocabulary stored for a disabled feature block") }
                    return nil
                }
                return try FittedTfidf(configuration: configuration, terms: terms, idf: idf)
            }
            let word = try block(header.features.word, expected: header.wordTerms)
            let character = try block(header.features.character, expected: header.characterTerms)
            let encoder = try header.features.encoder.map { feature in
                try (encoders ?? EncoderLocator(modelPath: path)).open(matching: feature.identity)
            }
            let features = FittedFeatures(configuration: header.features, word: word, character: character, encoder: encoder)
            guard features.columns == header.featureCount, header.labels.count >= 2 else {
                throw bad("feature or label counts are inconsistent")
            }
            let parameters = try payload.readDoubles((header.featureCount + 1) * header.labels.count)
            guard payload.remaining == 0 else { throw bad("payload is longer than its contents (corrupted)") }
            let fitted = FittedLogisticRegression(parameters: parameters, featureCount: header.featureCount,
                                                  classCount: header.labels.count, iterations: header.iterations,
                                                  converged: header.converged, loss: header.loss, solver: header.solver)
            return StanceModel(labels: header.labels, features: features, classifier: header.classifier,
                               fitted: fitted, summary: header.summary)
        } catch is BinaryReader.OutOfData {
            throw bad("the file is truncated")
        } catch let error as TextFeaturesError {
            throw bad("invalid vocabulary: \(error)")
        }
    }
}
