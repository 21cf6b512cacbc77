import Foundation
import Testing
@testable import StanceKit

@Suite struct JSONObjectParserTests {
    /// What JSONSerialization makes of the same line, in the parser's terms.
    static func reference(_ line: String) -> [String: String]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        var out = [String: String]()
        for (k, v) in object {
            switch v {
            case let s as String: out[k] = s
            case is NSNull: continue
            default: out[k] = "<other>"
            }
        }
        return out
    }

    @Test(arguments: [
        #"{"id": "a1", "text": "Plain text", "label": "hawkish"}"#,
        #"{"text":"He said \"no\" \\ then\tleft\n","x":"\u00e9\u4eac\ud83d\ude00"}"#,
        #"  { "text" : "spaces"  , "empty": "" }  "#,
        #"{"text": "caf\u00E9 / \/ slash"}"#,
        #"{}"#,
    ])
    func stringsAgreeWithJSONSerialization(_ line: String) throws {
        let parsed = try JSONObjectParser.parse(Array(line.utf8))
        #expect(parsed == Self.reference(line))
    }

    /// The eight-bytes-at-a-time scan against a byte loop, on bytes near every boundary case:
    /// quotes, backslashes, control characters, 0x20 and 0x7F, and UTF-8 bytes above 0x80.
    @Test func firstSpecialByteAgreesWithAByteLoop() {
        var generator = SeededGenerator(seed: 11)
        let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x7F, 0x80, 0xA2, 0xC3, 0xE2, 0xFF]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &generator)
            // Mostly plain letters, so that runs of eight plain bytes occur.
            let bytes = (0..<length).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? alphabet.randomElement(using: &generator)! : UInt8(ascii: "a")
            }
            let start = Int.random(in: 0...length, using: &generator)
            let expected = bytes[start...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? length
            let found = bytes.withUnsafeBufferPointer { JSONObjectParser.firstSpecialByte(in: $0, from: start) }
            #expect(found == expected, "\(bytes) from \(start)")
        }
    }

    @Test func otherValuesAreKeptAsText() throws {
        let parsed = try JSONObjectParser.parse(Array(#"{"n": -1.5e3, "t": true, "f": false, "z": null, "a": [1, {"b": "]"}], "o": {"k": [ ]}}"#.utf8))
        #expect(parsed == ["n": "-1.5e3", "t": "true", "f": "false", "a": #"[1, {"b": "]"}]"#, "o": #"{"k": [ ]}"#])
    }

    @Test(arguments: [
        #"{"text": broken}"#, #"{"text": "unterminated}"#, #"{"a": 1,}"#, #"{"a" 1}"#, #"{"a": 01}"#,
        #"{"a": "\x"}"#, #"{"a": "\ud800"}"#, "{\"a\": \"tab\there\"}", #"{"a": 1} trailing"#, #"[1, 2]"#, "",
        #"{"a": [1, 2}"#, #"{"a": tru}"#, #"{"a": 1.}"#,
    ])
    func malformedLinesAreRejected(_ line: String) {
        // Stricter than JSONSerialization on Linux, which lets a trailing comma and raw tabs through.
        #expect(throws: JSONObjectParser.Malformed.self) { try JSONObjectParser.parse(Array(line.utf8)) }
    }
}
