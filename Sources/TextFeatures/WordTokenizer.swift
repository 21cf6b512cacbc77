/// Splits normalised UTF-8 text into word tokens, returned as byte ranges.
///
/// A token is a run of letters, digits and marks; it may continue through a single
/// apostrophe, hyphen or period that sits between two word characters, so "don't",
/// "kim's", "step-by-step", "u.s" and "2.5" stay whole, and through a comma between
/// digits ("34,000"). Everything else separates tokens and is dropped.
public struct WordTokenizer: Sendable {
    public init() {}

    public func tokens(in bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { tokens(in: $0) }
    }

    /// ASCII bytes that are word characters: 1 for letters and "_", 3 for digits (bit 2: digit);
    /// 0 for everything else, bytes of 0x80 and above included.
    private static let asciiWord: [UInt8] = (0..<256).map { b in
        b >= 0x30 && b <= 0x39 ? 3 : (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F ? 1 : 0
    }

    public func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        WordTokenizer.asciiWord.withUnsafeBufferPointer { tokens(in: bytes, asciiWord: $0) }
    }

    private func tokens(in bytes: UnsafeBufferPointer<UInt8>, asciiWord: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(bytes.count / 5)
        var i = 0
        let n = bytes.count
        var start = -1
        var previousWasDigit = false
        while i < n {
            let (isWord, isDigit, width) = WordTokenizer.classify(bytes, at: i)
            if isWord {
                if start < 0 { start = i }
                previousWasDigit = isDigit
                i += width
                // The rest of an ASCII run of word characters, through a table rather than the
                // general classification (a third of the instructions of range comparisons).
                while i < n {
                    let kind = asciiWord[Int(bytes[i])]
                    guard kind != 0 else { break }
                    previousWasDigit = kind == 3
                    i += 1
                }
                // The usual end of a word, a space, never joins: end the token here.
                if i < n && bytes[i] == 0x20 {
                    result.append(start..<i)
                    start = -1
                    i += 1
                }
                continue
            }
            if start >= 0 {
                let b = bytes[i]
                if i + width < n {
                    let (nextIsWord, nextIsDigit, _) = WordTokenizer.classify(bytes, at: i + width)
                    let joins: Bool
                    switch b {
                    case UInt8(ascii: "'"), UInt8(ascii: "-"), UInt8(ascii: "."):
                        joins = nextIsWord
                    case UInt8(ascii: ","):
                        joins = previousWasDigit && nextIsDigit
                    default:
                        joins = false
                    }
                    if joins {
                        i += width
                        continue
                    }
                }
                result.append(start..<i)
                start = -1
            }
            i += width
        }
        if start >= 0 { result.append(start..<n) }
        return result
    }

    /// Whether the character at `i` is a word character, whether it is a digit, and its UTF-8 width.
    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Bool, Bool, Int) {
        let b = bytes[i]
        if b < 0x80 {
            let isDigit = b >= 0x30 && b <= 0x39
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            return (isDigit || isLetter || b == UInt8(ascii: "_"), isDigit, 1)
        }
        let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        guard i + width <= bytes.count else { return (false, false, 1) }
        var value = UInt32(b) & (width == 4 ? 0x07 : width == 3 ? 0x0F : 0x1F)
        for k in 1..<width { value = (value << 6) | (UInt32(bytes[i + k]) & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return (false, false, width) }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .decimalNumber: return (true, true, width)
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .letterNumber, .otherNumber:
            return (true, false, width)
        default:
            return (false, false, width)
        }
    }
}
