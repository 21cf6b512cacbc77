import Foundation

/// A WordPiece vocabulary: token strings by id (the line number in vocab.txt) and a prefix trie
/// over Unicode scalars for greedy longest-match lookups.
///
/// Tokens are compared scalar by scalar, not as Swift `String`s: `String` equality is canonical
/// equivalence, so "한" would equal its NFD jamo sequence and lookups would disagree with the
/// reference tokenizer, which compares code points.
public struct Vocabulary: Sendable {
    public let tokens: [String]
    /// Trie edges keyed by (parent node << 32 | scalar value); node 0 is the root.
    private let edges: [UInt64: Int32]
    /// Token id ending at each node, or -1.
    private let nodeTokens: [Int32]

    public var count: Int { tokens.count }

    public init(tokens: [String]) throws {
        guard !tokens.isEmpty else { throw EncoderError.invalidVocabulary("no tokens") }
        guard tokens.count < Int(Int32.max) else { throw EncoderError.invalidVocabulary("too many tokens") }
        var edges: [UInt64: Int32] = [:]
        var nodeTokens: [Int32] = [-1]
        edges.reserveCapacity(tokens.count * 4)
        for (id, token) in tokens.enumerated() {
            var node: Int32 = 0
            for scalar in token.unicodeScalars {
                let key = UInt64(UInt32(node)) << 32 | UInt64(scalar.value)
                if let next = edges[key] {
                    node = next
                } else {
                    let next = Int32(nodeTokens.count)
                    nodeTokens.append(-1)
                    edges[key] = next
                    node = next
                }
            }
            // A repeated line keeps the later id, as the reference loaders' dictionaries do.
            nodeTokens[Int(node)] = Int32(id)
        }
        self.tokens = tokens
        self.edges = edges
        self.nodeTokens = nodeTokens
    }

    /// Reads vocab.txt: one token per line, id = line number (0-based).
    public init(url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EncoderError.missingFile(path: url.path)
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EncoderError.unreadableFile(path: url.path, reason: "\(error)")
        }
        // Split on bytes: a Swift Character would treat "\r\n" as one unit.
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var tokens: [String] = []
        tokens.reserveCapacity(lines.count)
        for (number, line) in lines.enumerated() {
            var bytes = line
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            guard let token = String(data: Data(bytes), encoding: .utf8) else {
                throw EncoderError.invalidVocabulary("line \(number + 1) of \(url.lastPathComponent) is not UTF-8")
            }
            tokens.append(token)
        }
        try self.init(tokens: tokens)
    }

    /// The id of exactly this token, if present.
    public func id(of token: String) -> Int? {
        var node: Int32 = 0
        for scalar in token.unicodeScalars {
            guard let next = child(of: node, scalar.value) else { return nil }
            node = next
        }
        let id = nodeTokens[Int(node)]
        return id >= 0 ? Int(id) : nil
    }

    /// The trie node reached by reading `token`'s scalars from the root, if any (used to find the
    /// node of the "##" continuation prefix).
    func node(after token: String) -> Int32? {
        var node: Int32 = 0
        for scalar in token.unicodeScalars {
            guard let next = child(of: node, scalar.value) else { return nil }
            node = next
        }
        return node
    }

    /// Longest vocabulary entry starting at `word[start...]`, continuing from trie node `from`
    /// (the root for a word's first piece, the "##" node for continuations): its id and end index.
    func longestMatch(_ word: [Unicode.Scalar], from start: Int, node root: Int32) -> (id: Int, end: Int)? {
        var node = root
        var best: (id: Int, end: Int)?
        var index = start
        while index < word.count, let next = child(of: node, word[index].value) {
            node = next
            index += 1
            let id = nodeTokens[Int(node)]
            if id >= 0 { best = (Int(id), index) }
        }
        return best
    }

    @inline(__always)
    private func child(of node: Int32, _ scalar: UInt32) -> Int32? {
        edges[UInt64(UInt32(node)) << 32 | UInt64(scalar)]
    }
}
