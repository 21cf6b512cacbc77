/// Turns a text into the n-grams one TF-IDF block counts: word n-grams, or character n-grams
/// inside word boundaries (each token padded with one space on either side, exactly as
/// scikit-learn's `analyzer="char_wb"` does). Every n-gram is identified by the `StableHash`
/// of its UTF-8 text; the text itself is only built when a vocabulary needs it.
public struct NGramAnalyzer: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case word
        case charWithinWords = "char_wb"
    }

    public var kind: Kind
    public var minN: Int
    public var maxN: Int
    public var normalizer: TextNormalizer

    public init(kind: Kind, minN: Int, maxN: Int, normalizer: TextNormalizer = TextNormalizer()) {
        self.kind = kind
        self.minN = minN
        self.maxN = maxN
        self.normalizer = normalizer
    }

    /// A normalised, tokenised text. Scalar offsets are kept for character n-grams.
    public struct Analyzed: Sendable {
        public let bytes: [UInt8]
        public let tokens: [Range<Int>]
    }

    /// Where an n-gram sits in an analysed text, so its string can be rebuilt on demand.
    public struct Location: Sendable {
        /// Word n-grams: first token index. Character n-grams: token index.
        public let token: Int
        /// Character n-grams: first scalar in the padded token (0 is the leading space).
        public let offset: Int
        /// Number of words, or of scalars.
        public let length: Int
    }

    public func analyze(_ text: String) -> Analyzed {
        let bytes = normalizer.normalizedBytes(text)
        return Analyzed(bytes: bytes, tokens: WordTokenizer().tokens(in: bytes))
    }

    /// Calls `body` with the hash and location of every n-gram occurrence, in order.
    /// Inlined so that callers' closures are too: an indirect call per n-gram was a large share.
    @inline(__always)
    public func forEachNGram(in analyzed: Analyzed, _ body: (UInt64, Location) -> Void) {
        analyzed.bytes.withUnsafeBufferPointer { bytes in
            switch kind {
            case .word: wordNGrams(bytes, analyzed.tokens, body)
            case .charWithinWords: charNGrams(bytes, analyzed.tokens, body)
            }
        }
    }

    /// The hashes of every n-gram occurrence in `text`, appended to `hashes`.
    public func appendHashes(of text: String, to hashes: inout [UInt64]) {
        appendHashes(of: analyze(text), to: &hashes)
    }

    /// The hashes of every n-gram occurrence in an analysed text, appended to `hashes`.
    public func appendHashes(of analyzed: Analyzed, to hashes: inout [UInt64]) {
        // Written through a pointer into room made beforehand: appending one hash at a time cost
        // more than hashing (a uniqueness and capacity check per n-gram).
        let bound = maximumNGramCount(analyzed.tokens)
        let start = hashes.count
        hashes.append(contentsOf: repeatElement(0, count: bound))
        var written = 0
        hashes.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress! + start
            forEachNGram(in: analyzed) { hash, _ in
                out[written] = hash
                written += 1
            }
        }
        hashes.removeLast(bound - written)
    }

    /// At least as many as the n-grams `forEachNGram` yields for these tokens.
    func maximumNGramCount(_ tokens: [Range<Int>]) -> Int {
        let span = max(minN, maxN) - minN + 1
        switch kind {
        case .word:
            return tokens.count * span
        case .charWithinWords:
            // At most one n-gram per (start, length) pair; a token has at most as many scalars as bytes.
            var total = 0
            for token in tokens { total += (token.count + 2) * max(minN, maxN) }
            return total
        }
    }

    /// The text of the n-gram at `location`.
    public func string(at location: Location, in analyzed: Analyzed) -> String {
        var out = [UInt8]()
        switch kind {
        case .word:
            for t in location.token..<(location.token + location.length) {
                if t > location.token { out.append(0x20) }
                out.append(contentsOf: analyzed.bytes[analyzed.tokens[t]])
            }
        case .charWithinWords:
            let token = analyzed.tokens[location.token]
            let starts = NGramAnalyzer.scalarStarts(analyzed.bytes, token)
            let scalars = starts.count - 1
            for p in location.offset..<(location.offset + location.length) {
                if p == 0 || p == scalars + 1 { out.append(0x20) } else {
                    out.append(contentsOf: analyzed.bytes[starts[p - 1]..<starts[p]])
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private func wordNGrams(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Range<Int>],
                            _ body: (UInt64, Location) -> Void) {
        let count = tokens.count
        guard minN >= 1, count > 0 else { return }
        let maxN = max(minN, self.maxN)
        // FNV-1a runs byte by byte, so the hash of the n-gram at i continues the hash of the
        // (n−1)-gram at i: each pass over n hashes one more token per position, not n tokens.
        // The n-grams come out in the same order (by n, then position).
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { states in
            for i in 0..<count { states[i] = StableHash.offsetBasis }
            for n in 1...maxN where n <= count {
                for i in 0...(count - n) {
                    var h = StableHash()
                    h.value = states[i]
                    if n > 1 { h.combine(0x20) }
                    h.combine(UnsafeBufferPointer(rebasing: bytes[tokens[i + n - 1]]))
                    states[i] = h.value
                    if n >= minN { body(h.value, Location(token: i, offset: 0, length: n)) }
                }
            }
        }
    }

    @inline(__always)
    private func charNGrams(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Range<Int>],
                            _ body: (UInt64, Location) -> Void) {
        guard minN >= 1 else { return }
        var starts = [Int]()
        for (ti, token) in tokens.enumerated() { charNGrams(bytes, token: token, index: ti, starts: &starts, body) }
    }

    /// The character n-grams of one token, which depend on its bytes alone.
    @inline(__always)
    private func charNGrams(_ bytes: UnsafeBufferPointer<UInt8>, token: Range<Int>, index ti: Int, starts: inout [Int],
                            _ body: (UInt64, Location) -> Void) {
        let maxN = max(minN, self.maxN)
        if ASCIIBytes.all(UnsafeBufferPointer(rebasing: bytes[token])) {
            asciiCharNGrams(bytes.baseAddress! + token.lowerBound, count: token.count, token: ti, maxN: maxN, body)
            return
        }
        starts.removeAll(keepingCapacity: true)
        for i in token where bytes[i] & 0xC0 != 0x80 { starts.append(i) }
        starts.append(token.upperBound)
        let scalars = starts.count - 1
        let padded = scalars + 2
        // Padded scalar p: 0 and scalars+1 are spaces; p in 1...scalars is bytes[starts[p-1]..<starts[p]].
        // FNV-1a extends one byte at a time, so every n-gram starting at `offset` comes from one
        // pass. scikit-learn's char_wb counts every substring of length minN...maxN shorter than
        // the padded word, and the whole padded word once when it is at most maxN long.
        for offset in 0..<padded {
            var h = StableHash()
            var n = 0
            var p = offset
            while p < padded && n < maxN {
                if p == 0 || p == scalars + 1 { h.combine(0x20) } else {
                    for k in starts[p - 1]..<starts[p] { h.combine(bytes[k]) }
                }
                n += 1
                p += 1
                if n >= minN || n == padded { body(h.value, Location(token: ti, offset: offset, length: n)) }
            }
        }
    }

    /// Character n-grams only: the hashes of token `index`'s n-grams, in the order
    /// `forEachNGram` yields them, appended to `hashes`.
    public func appendHashes(ofToken index: Int, in analyzed: Analyzed, to hashes: inout [UInt64]) {
        precondition(kind == .charWithinWords, "per-token n-grams are for character n-grams")
        guard minN >= 1 else { return }
        let token = analyzed.tokens[index]
        var starts = [Int]()
        analyzed.bytes.withUnsafeBufferPointer { bytes in
            charNGrams(bytes, token: token, index: index, starts: &starts) { hash, _ in hashes.append(hash) }
        }
    }

    /// The same n-grams as the general loop for a token of ASCII bytes, where every scalar is one
    /// byte: most tokens of English news, so this path carries most of the work.
    @inline(__always)
    private func asciiCharNGrams(_ word: UnsafePointer<UInt8>, count scalars: Int, token: Int, maxN: Int,
                                 _ body: (UInt64, Location) -> Void) {
        let padded = scalars + 2
        for offset in 0..<padded {
            var h = StableHash()
            let end = min(padded, offset + maxN)
            for p in offset..<end {
                h.combine(p == 0 || p == scalars + 1 ? 0x20 : word[p - 1])
                let n = p - offset + 1
                if n >= minN || n == padded { body(h.value, Location(token: token, offset: offset, length: n)) }
            }
        }
    }

    /// Byte offsets of each scalar of `token`, followed by the token's end.
    static func scalarStarts<C: Collection>(_ bytes: C, _ token: Range<Int>) -> [Int]
    where C.Element == UInt8, C.Index == Int {
        var starts = [Int]()
        starts.reserveCapacity(token.count + 1)
        for i in token where bytes[i] & 0xC0 != 0x80 { starts.append(i) }
        starts.append(token.upperBound)
        return starts
    }
}
