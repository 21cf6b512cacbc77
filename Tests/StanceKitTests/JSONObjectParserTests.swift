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
