/// Errors of the library other than bad input data.
public enum StanceError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    case modelFile(path: String, String)
    case unknownLabels(file: String, labels: [String], firstLine: Int)
    case encoderMissing(name: String, looked: [String])
    case encoderMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case .invalidOption(let why): return why
        case .modelFile(let path, let why): return "\(path): \(why)"
        case .encoderMissing(let name, let looked):
            return "this needs the sentence encoder \(name), which is not installed (looked in \(looked.joined(separator: ", "))); run Scripts/fetch-encoder, or pass --encoder DIR"
        case .encoderMismatch(let expected, let found):
            return "the model was trained with the sentence encoder \(expected), but the one found is \(found); run Scripts/fetch-encoder or pass --encoder DIR with the right weights"
        case .unknownLabels(let file, let labels, let line):
            return "\(file):\(line): label\(labels.count == 1 ? "" : "s") not known to the model: \(labels.joined(separator: ", "))"
        }
    }
}
