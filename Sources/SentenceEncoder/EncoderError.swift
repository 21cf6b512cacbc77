import Foundation

/// Everything that can go wrong loading or running a sentence encoder. Input problems (a bad
/// file, a wrong shape, an unsupported model) are reported here, never by trapping.
public enum EncoderError: Error, CustomStringConvertible, Equatable {
    /// The model directory does not exist: the weights were never fetched.
    case modelDirectoryMissing(path: String)
    /// A required file of the model directory is missing.
    case missingFile(path: String)
    /// A file exists but could not be read or mapped (errno text or reason).
    case unreadableFile(path: String, reason: String)
    /// config.json, tokenizer_config.json or another JSON file is malformed or lacks a field.
    case invalidConfiguration(file: String, reason: String)
    /// The configuration names a model this encoder does not implement.
    case unsupportedArchitecture(String)
    /// vocab.txt is empty or lacks a token the tokenizer needs.
    case invalidVocabulary(String)
    /// Token ids passed to the model directly are out of range or too many.
    case invalidInput(String)

    // safetensors
    /// The file ends before the header or before a tensor's bytes.
    case truncatedFile(path: String, reason: String)
    /// The safetensors header is not valid JSON of the expected form, or its offsets are inconsistent.
    case invalidHeader(path: String, reason: String)
    case missingTensor(name: String)
    case wrongShape(name: String, expected: [Int], actual: [Int])
    case unsupportedDType(name: String, dtype: String)

    public var description: String {
        switch self {
        case .modelDirectoryMissing(let path):
            return "sentence encoder model directory not found at \(path); run Scripts/fetch-encoder to download it"
        case .missingFile(let path):
            return "model file missing: \(path) (run Scripts/fetch-encoder to restore the model directory)"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidConfiguration(let file, let reason):
            return "invalid \(file): \(reason)"
        case .unsupportedArchitecture(let what):
            return "unsupported model architecture: \(what) (only BERT-family encoders with GELU are implemented)"
        case .invalidVocabulary(let reason):
            return "invalid vocabulary: \(reason)"
        case .invalidInput(let reason):
            return "invalid model input: \(reason)"
        case .truncatedFile(let path, let reason):
            return "truncated safetensors file \(path): \(reason)"
        case .invalidHeader(let path, let reason):
            return "invalid safetensors header in \(path): \(reason)"
        case .missingTensor(let name):
            return "tensor \(name) not found in the weights"
        case .wrongShape(let name, let expected, let actual):
            return "tensor \(name) has shape \(actual), expected \(expected)"
        case .unsupportedDType(let name, let dtype):
            return "tensor \(name) has dtype \(dtype); only F32, F16 and BF16 can be read as floats"
        }
    }
}
