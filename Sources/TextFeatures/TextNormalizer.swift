import Foundation

/// Prepares text for tokenisation: Unicode-aware lower-casing, optional accent stripping,
/// and folding of typographic quotes and dashes so "isn’t" and "isn't" become one feature.
public struct TextNormalizer: Sendable, Codable, Equatable {
    public var lowercase: Bool
    public var stripAccents: Bool
    public var foldPunctuation: Bool

    public init(lowercase: Bool = true, stripAccents: Bool = false, foldPunctuation: Bool = true) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        self.foldPunctuation = foldPunctuation
    }

    /// The normalised text as UTF-8 bytes (what the tokenizer reads).
    public func normalizedBytes(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        let lowercase = self.lowercase
        let isASCII = bytes.withUnsafeMutableBufferPointer { p -> Bool in
            guard ASCIIBytes.all(UnsafeBufferPointer(p)) else { return false }
            // ASCII fast path: byte-wise lower-casing is exact.
            if lowercase {
                for i in p.indices where p[i] &- 0x41 < 26 { p[i] |= 0x20 }
            }
            return true
        }
        return isASCII ? bytes : Array(normalized(text).utf8)
    }

    public func normalized(_ text: String) -> String {
        var s = text
        if lowercase { s = s.lowercased() }
        if stripAccents {
            // NFD, then drop combining marks (what scikit-learn's strip_accents="unicode" does).
            let decomposed = s.decomposedStringWithCanonicalMapping.unicodeScalars
            var scalars = String.UnicodeScalarView()
            for u in decomposed where !TextNormalizer.isCombiningMark(u) { scalars.append(u) }
            s = String(scalars)
        }
        if foldPunctuation {
            var scalars = String.UnicodeScalarView()
            for u in s.unicodeScalars { scalars.append(TextNormalizer.folded(u)) }
            s = String(scalars)
        }
        return s
    }

    static func isCombiningMark(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func folded(_ u: Unicode.Scalar) -> Unicode.Scalar {
        switch u.value {
        case 0x2018, 0x2019, 0x201B, 0x2032, 0x02BC: return "'"
        case 0x201C, 0x201D, 0x201F, 0x2033, 0x00AB, 0x00BB: return "\""
        case 0x2010, 0x2011, 0x2012: return "-"           // hyphens inside words
        case 0x00A0, 0x2007, 0x202F, 0x2009, 0x200A: return " "
        default: return u
        }
    }
}
