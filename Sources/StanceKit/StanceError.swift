/// Errors of the library other than bad input data.
public enum StanceError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    case modelFile(path: String, String)
    case unknownLabels(file: String, labels: [String], firstLine: Int)

    public var description: String {
        switch self {
        case .invalidOption(let why): return why
        case .modelFile(let path, let why): return "\(path): \(why)"
        case .unknownLabels(let file, let labels, let line):
            return "\(file):\(line): label\(labels.count == 1 ? "" : "s") not known to the model: \(labels.joined(separator: ", "))"
        }
    }
}
