/// A strict parser for one JSON object per line (RFC 8259), returning its members as strings:
/// strings unescaped, numbers and `true`/`false` as written, `null` members left out, nested
/// arrays and objects as their JSON text. It replaces JSONSerialization on the hot path of
/// reading JSON Lines, where building Foundation objects for every record cost a fifth of a run.
public enum JSONObjectParser {
    public struct Malformed: Error, Equatable {
        public let offset: Int
        public let reason: String
    }

    /// The index of the first byte at or after `start` that a JSON string cannot hold as it is
    /// (a quote, a backslash or a control character), or `bytes.count`. Eight bytes at a time:
    /// a byte loop cost about 12 instructions a byte on the text of every record.
    public static func firstSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = bytes.count
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // A byte b of x is below c when (b − c) borrows into its high bit while b's own
                // high bit is clear; a byte equals c when x ^ c has a zero there, i.e. is below 1.
                let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
                let special = ((x &- ones &* 0x20) & ~x) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                if special & highs != 0 { break }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b == 0x22 || b == 0x5C || b < 0x20 { return i }
            i += 1
        }
        return n
    }

    public static func parse(_ bytes: [UInt8]) throws -> [String: String] {
        try bytes.withUnsafeBufferPointer { try parse($0) }
    }

    public static func parse(_ b: UnsafeBufferPointer<UInt8>) throws -> [String: String] {
        var i = 0
        func fail(_ reason: String) -> Malformed { Malformed(offset: i, reason: reason) }
        func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        }
        func expect(_ c: UInt8) throws {
            skipSpace()
            guard i < b.count, b[i] == c else { throw fail("expected \(Character(Unicode.Scalar(c)))") }
            i += 1
        }
        func hex4() throws -> UInt32 {
            guard i + 4 <= b.count else { throw fail("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("bad \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
        func string() throws -> String {
            skipSpace()
            guard i < b.count, b[i] == 0x22 else { throw fail("expected a string") }
            i += 1
            let start = i
            // Fast path: no escapes.
            i = firstSpecialByte(in: b, from: i)
            if i < b.count, b[i] == 0x22 {
                defer { i += 1 }
                guard let s = UTF8Validation.decode(UnsafeBufferPointer(rebasing: b[start..<i])) else {
                    throw fail("invalid UTF-8")
                }
                return s
            }
            var out = Array(b[start..<i])
            while true {
                guard i < b.count else { throw fail("unterminated string") }
                let c = b[i]
                if c == 0x22 { i += 1; break }
                guard c >= 0x20 else { throw fail("control character in a string") }
                if c != 0x5C { out.append(c); i += 1; continue }
                i += 1
                guard i < b.count else { throw fail("unterminated escape") }
                let e = b[i]
                i += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 2 <= b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { throw fail("unpaired surrogate") }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("unpaired surrogate")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default: throw fail("bad escape")
                }
            }
            guard let s = UTF8Validation.decode(out) else { throw fail("invalid UTF-8") }
            return s
        }
        func number() throws -> String {
            let start = i
            if i < b.count, b[i] == 0x2D { i += 1 }
            guard i < b.count, (0x30...0x39).contains(b[i]) else { throw fail("bad number") }
            if b[i] == 0x30 { i += 1 } else { while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 } }
            if i < b.count, b[i] == 0x2E {
                i += 1
                guard i < b.count, (0x30...0x39).contains(b[i]) else { throw fail("bad number") }
                while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
            }
            if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                guard i < b.count, (0x30...0x39).contains(b[i]) else { throw fail("bad number") }
                while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        }
        func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { throw fail("bad literal") }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { throw fail("bad literal") }
            i += n
        }
        /// Skips a nested array or object (checking it), returning its text.
        func nested() throws -> String {
            let start = i
            try skipValue()
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        }
        func skipValue() throws {
            skipSpace()
            guard i < b.count else { throw fail("missing value") }
            switch b[i] {
            case 0x22: _ = try string()
            case 0x7B:
                i += 1
                skipSpace()
                if i < b.count, b[i] == 0x7D { i += 1; return }
                while true {
                    _ = try string()
                    try expect(0x3A)
                    try skipValue()
                    skipSpace()
                    guard i < b.count else { throw fail("unterminated object") }
                    if b[i] == 0x2C { i += 1; continue }
                    if b[i] == 0x7D { i += 1; return }
                    throw fail("expected , or }")
                }
            case 0x5B:
                i += 1
                skipSpace()
                if i < b.count, b[i] == 0x5D { i += 1; return }
                while true {
                    try skipValue()
                    skipSpace()
                    guard i < b.count else { throw fail("unterminated array") }
                    if b[i] == 0x2C { i += 1; continue }
                    if b[i] == 0x5D { i += 1; return }
                    throw fail("expected , or ]")
                }
            case 0x74: try literal("true")
            case 0x66: try literal("false")
            case 0x6E: try literal("null")
            default: _ = try number()
            }
        }

        var fields = [String: String]()
        try expect(0x7B)
        skipSpace()
        if i < b.count, b[i] == 0x7D {
            i += 1
        } else {
            while true {
                let key = try string()
                try expect(0x3A)
                skipSpace()
                guard i < b.count else { throw fail("missing value") }
                switch b[i] {
                case 0x22: fields[key] = try string()
                case 0x7B, 0x5B: fields[key] = try nested()
                case 0x74: try literal("true"); fields[key] = "true"
                case 0x66: try literal("false"); fields[key] = "false"
                case 0x6E: try literal("null"); fields[key] = nil
                default: fields[key] = try number()
                }
                skipSpace()
                guard i < b.count else { throw fail("unterminated object") }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x7D { i += 1; break }
                throw fail("expected , or }")
            }
        }
        skipSpace()
        guard i == b.count else { throw fail("text after the object") }
        return fields
    }
}
