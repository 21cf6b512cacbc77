import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct WordPieceTokenizerTests {
    /// A hand-written vocabulary in the style of the original BERT tests.
    static let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                         "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",", ".",
                         "the", "hawk", "##ish", "do", "##vish", "北", "京", "a", "##a", "!"]

    static func make(maxLength: Int = 512, basic: BasicTokenizer = BasicTokenizer()) throws -> WordPieceTokenizer {
        try WordPieceTokenizer(vocabulary: try Vocabulary(tokens: tokens), basic: basic, maxLength: maxLength)
    }

    @Test func greedyLongestMatchWithContinuations() throws {
        let tokenizer = try Self.make()
        #expect(tokenizer.tokens("UNwant\u{E9}d,running") == ["[CLS]", "un", "##want", "##ed", ",", "runn", "##ing", "[SEP]"])
        #expect(tokenizer.tokens("The HAWKISH dovish") == ["[CLS]", "the", "hawk", "##ish", "do", "##vish", "[SEP]"])
        #expect(tokenizer.encode("hawkish") == [2, 15, 16, 3])
    }

    @Test func unknownWordsBecomeOneUnk() throws {
        let tokenizer = try Self.make()
        // "wanted" matches, "unwantedx" fails at "x" so the whole word is [UNK], not a partial split.
        #expect(tokenizer.tokens("wanted unwantedx runn") == ["[CLS]", "want", "##ed", "[UNK]", "runn", "[SEP]"])
        #expect(tokenizer.tokens("xyz") == ["[CLS]", "[UNK]", "[SEP]"])
    }

    @Test func wordsLongerThanOneHundredCharactersAreUnknown() throws {
        let tokenizer = try Self.make()
        #expect(tokenizer.encode(String(repeating: "a", count: 100)) == [2] + Array(repeating: 21, count: 1) + Array(repeating: 22, count: 99) + [3])
        #expect(tokenizer.tokens(String(repeating: "a", count: 101)) == ["[CLS]", "[UNK]", "[SEP]"])
    }

    @Test func chineseCharactersAreSeparateTokens() throws {
        let tokenizer = try Self.make()
        #expect(tokenizer.tokens("北京!") == ["[CLS]", "北", "京", "!", "[SEP]"])
    }

    @Test func truncatesToTheMaximumLength() throws {
        let tokenizer = try Self.make(maxLength: 5)
        #expect(tokenizer.tokens("the hawk the hawk the hawk") == ["[CLS]", "the", "hawk", "the", "[SEP]"])
        #expect(tokenizer.wordPieceIDs("the hawk the hawk the hawk").count == 6)
        #expect(tokenizer.tokens("") == ["[CLS]", "[SEP]"])
        #expect(throws: EncoderError.self) { try Self.make(maxLength: 1) }
    }

    @Test func specialTokensInTheTextAreKept() throws {
        let tokenizer = try Self.make()
        #expect(tokenizer.tokens("the [MASK] hawk[SEP]") == ["[CLS]", "the", "[MASK]", "hawk", "[SEP]", "[SEP]"])
        // Matched case-sensitively before normalisation: "[mask]" is punctuation and a word.
        #expect(tokenizer.tokens("[mask]") == ["[CLS]", "[UNK]", "[UNK]", "[UNK]", "[SEP]"])
    }

    @Test func requiresSpecialTokensInTheVocabulary() throws {
        let vocabulary = try Vocabulary(tokens: ["[PAD]", "[UNK]", "[SEP]", "hello"])
        #expect(throws: EncoderError.invalidVocabulary("special token [CLS] is not in the vocabulary")) {
            try WordPieceTokenizer(vocabulary: vocabulary)
        }
    }

    @Test func readsSettingsFromAModelDirectory() throws {
        let directory = try TestSupport.temporaryDirectory()
        try (Self.tokens + ["The", "Hawk"]).joined(separator: "\n").appending("\n")
            .write(to: directory.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)
        try TestSupport.writeJSON(["do_lower_case": false, "model_max_length": 512, "tokenizer_class": "BertTokenizer"],
                                  to: directory.appendingPathComponent("tokenizer_config.json"))
        var tokenizer = try WordPieceTokenizer(directory: directory)
        #expect(tokenizer.tokens("The Hawk the") == ["[CLS]", "The", "Hawk", "the", "[SEP]"])
        #expect(tokenizer.maxLength == 512)

        // sentence-transformers' max_seq_length wins over model_max_length; positions cap both.
        try TestSupport.writeJSON(["max_seq_length": 256, "do_lower_case": false],
                                  to: directory.appendingPathComponent("sentence_bert_config.json"))
        tokenizer = try WordPieceTokenizer(directory: directory)
        #expect(tokenizer.maxLength == 256)
        tokenizer = try WordPieceTokenizer(directory: directory, maxPositionEmbeddings: 128)
        #expect(tokenizer.maxLength == 128)

        try TestSupport.writeJSON(["tokenizer_class": "GPT2Tokenizer"], to: directory.appendingPathComponent("tokenizer_config.json"))
        #expect(throws: EncoderError.unsupportedArchitecture("tokenizer_class GPT2Tokenizer in tokenizer_config.json")) {
            try WordPieceTokenizer(directory: directory)
        }
    }
}
