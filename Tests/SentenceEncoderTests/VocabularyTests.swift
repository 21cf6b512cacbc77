import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct VocabularyTests {
    @Test func idsAreLineNumbers() throws {
        let directory = try TestSupport.temporaryDirectory()
        let url = directory.appendingPathComponent("vocab.txt")
        // CRLF line ends are tolerated; a trailing newline adds no token.
        try Data("[PAD]\r\n[UNK]\nhello\n##lo\n\n".utf8).write(to: url)
        let vocabulary = try Vocabulary(url: url)
        #expect(vocabulary.tokens == ["[PAD]", "[UNK]", "hello", "##lo", ""])
        #expect(vocabulary.id(of: "hello") == 2)
        #expect(vocabulary.id(of: "##lo") == 3)
        #expect(vocabulary.id(of: "hell") == nil)
    }

    @Test func longestMatchIsGreedy() throws {
        let vocabulary = try Vocabulary(tokens: ["a", "ab", "abc", "b"])
        let word = Array("abcd".unicodeScalars)
        #expect(vocabulary.longestMatch(word, from: 0, node: 0)?.id == 2)
        #expect(vocabulary.longestMatch(word, from: 0, node: 0)?.end == 3)
        #expect(vocabulary.longestMatch(word, from: 3, node: 0) == nil)
    }

    @Test func comparesCodePointsNotCanonicalEquivalence() throws {
        // Swift's String == would call "é" and "e\u{301}" equal; the reference tokenizer does not.
        let vocabulary = try Vocabulary(tokens: ["\u{E9}"])
        #expect(vocabulary.id(of: "\u{E9}") == 0)
        #expect(vocabulary.id(of: "e\u{301}") == nil)
    }

    @Test func rejectsEmptyOrMissingVocabulary() throws {
        #expect(throws: EncoderError.invalidVocabulary("no tokens")) { try Vocabulary(tokens: []) }
        let missing = URL(fileURLWithPath: "/nonexistent/vocab.txt")
        #expect(throws: EncoderError.missingFile(path: missing.path)) { try Vocabulary(url: missing) }
    }
}
