import Foundation

/// Small typed accessors over JSONSerialization results, turning every mismatch into an
/// `EncoderError.invalidConfiguration` that names the file and the key.
enum JSONFile {
    static func object(at url: URL) throws -> [String: Any] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EncoderError.missingFile(path: url.path)
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EncoderError.unreadableFile(path: url.path, reason: "\(error)")
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: []),
              let object = parsed as? [String: Any] else {
            throw EncoderError.invalidConfiguration(file: url.lastPathComponent, reason: "not a JSON object")
        }
        return object
    }

    static func string(_ object: [String: Any], _ key: String, file: String) throws -> String {
        guard let value = object[key] else {
            throw EncoderError.invalidConfiguration(file: file, reason: "missing \"\(key)\"")
        }
        guard let text = value as? String else {
            throw EncoderError.invalidConfiguration(file: file, reason: "\"\(key)\" is not a string")
        }
        return text
    }

    static func positiveInt(_ object: [String: Any], _ key: String, file: String) throws -> Int {
        guard let value = object[key] else {
            throw EncoderError.invalidConfiguration(file: file, reason: "missing \"\(key)\"")
        }
        guard let int = integer(value), int > 0 else {
            throw EncoderError.invalidConfiguration(file: file, reason: "\"\(key)\" must be a positive integer")
        }
        return int
    }

    /// An integer field that may be absent; values too large for a length (HF writes 1e30 for
    /// "no limit") come back as nil.
    static func optionalInt(_ object: [String: Any], _ key: String, file: String) throws -> Int? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber else {
            throw EncoderError.invalidConfiguration(file: file, reason: "\"\(key)\" is not a number")
        }
        let double = number.doubleValue
        guard double.isFinite, double < 1e9 else { return nil }
        guard let int = Int(exactly: double) else {
            throw EncoderError.invalidConfiguration(file: file, reason: "\"\(key)\" is not an integer")
        }
        return int
    }

    static func optionalDouble(_ object: [String: Any], _ key: String, file: String) throws -> Double? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber else {
            throw EncoderError.invalidConfiguration(file: file, reason: "\"\(key)\" is not a number")
        }
        return number.doubleValue
    }

    static func optionalBool(_ object: [String: Any], _ key: String, file: String) throws -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let flag = value as? Bool else {
            throw EncoderError.invalidConfiguration(file: file, reason: "\"\(key)\" is not true or false")
        }
        return flag
    }

    private static func integer(_ value: Any) -> Int? {
        if let int = value as? Int { return int }
        if let number = value as? NSNumber { return Int(exactly: number.doubleValue) }
        return nil
    }
}
