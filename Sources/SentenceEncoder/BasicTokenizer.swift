import Foundation

/// BERT's basic tokenisation: text clean-up, CJK splitting, accent stripping, lower-casing, then
/// a split on whitespace and punctuation. Follows the Hugging Face `BertNormalizer` +
/// `BertPreTokenizer` (what sentence-transformers runs), which agree with the original Python
/// `BasicTokenizer` on everything but a few exotic whitespace characters. Works on Unicode
/// scalars (code points), as the reference does, never on Swift grapheme clusters.
public struct BasicTokenizer: Sendable, Equatable {
    public var lowercase: Bool
    public var stripAccents: Bool
    public var tokenizeChineseCharacters: Bool

    /// `stripAccents` nil follows `lowercase`, as in the reference (uncased models strip accents).
    public init(lowercase: Bool = true, stripAccents: Bool? = nil, tokenizeChineseCharacters: Bool = true) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents ?? lowercase
        self.tokenizeChineseCharacters = tokenizeChineseCharacters
    }

    /// The words of `text`, each a punctuation character or a run of other characters.
    public func split(_ text: String) -> [String] {
        words(Array(text.unicodeScalars)).map { word in
            var string = ""
            string.unicodeScalars.append(contentsOf: word)
            return string
        }
    }

    /// Normalises and splits a run of scalars into words.
    func words(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        let normalized = normalize(scalars)
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in normalized {
            if scalar == " " || scalar.properties.isWhitespace {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
            } else if Self.isPunctuation(scalar) {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Clean-up, CJK spacing, accent stripping and lower-casing, in the order of `BertNormalizer`.
    func normalize(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(scalars.count + 8)
        var allASCII = true
        for scalar in scalars {
            let value = scalar.value
            if value == 0 || value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if tokenizeChineseCharacters && Self.isChineseCharacter(scalar) {
                // Each CJK ideograph becomes a word of its own.
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
                allASCII = false
            } else {
                cleaned.append(scalar)
                if value >= 0x80 { allASCII = false }
            }
        }
        if stripAccents && !allASCII {
            // NFD splits accented letters (and Hangul syllables) into base + marks; the
            // non-spacing marks (Mn) are then dropped. ASCII text is already NFD.
            var string = ""
            string.unicodeScalars.append(contentsOf: cleaned)
            cleaned = string.decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
        }
        if lowercase {
            var lowered: [Unicode.Scalar] = []
            lowered.reserveCapacity(cleaned.count)
            for scalar in cleaned {
                if scalar.isASCII {
                    let value = scalar.value
                    lowered.append(value >= 65 && value <= 90 ? Unicode.Scalar(UInt8(value + 32)) : scalar)
                } else {
                    // Per code point, without context, like the reference's char::to_lowercase.
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            cleaned = lowered
        }
        return cleaned
    }

    /// Tab, newline and carriage return count as whitespace, not control characters.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: return scalar.properties.isWhitespace
        }
    }

    /// Any "C*" general category (Cc, Cf, Cs, Co, Cn), except tab, newline and carriage return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// BERT's punctuation: all non-alphanumeric printable ASCII (so "$", "^", "`" count) plus
    /// every Unicode "P*" category.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        if value < 128 { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT splits (not Hiragana, Katakana or Hangul, which
    /// are written with spaces or tokenised as words).
    static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
