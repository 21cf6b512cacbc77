/// Problems with input data, each naming the file and line, so a user can fix the input.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The input is there but cannot be used (exit status 65).
        case badData
        /// The input cannot be opened (exit status 66).
        case missingInput
    }

    public let kind: Kind
    public let file: String
    public let line: Int?
    public let problem: String

    public init(_ kind: Kind = .badData, file: String, line: Int? = nil, _ problem: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}
