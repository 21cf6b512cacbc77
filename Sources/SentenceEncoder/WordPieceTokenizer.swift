import Foundation

/// BERT's WordPiece tokenizer: special tokens matched in the raw text, basic tokenisation,
/// greedy longest-match WordPiece with "##" continuations, then [CLS] … [SEP] with truncation.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: Vocabulary
    public let basic: BasicTokenizer
    /// Longest encoded sequence, [CLS] and [SEP] included.
    public let maxLength: Int
    /// Longer words become [UNK] without being split, as in the reference.
    public let maxInputCharactersPerWord: Int
    public let unknownID: Int
    public let clsID: Int
    public let sepID: Int
    public let padID: Int
    /// Special tokens recognised verbatim in the input (case-sensitive, before normalisation),
    /// longest first so that a longer token wins where two start at the same place.
    private let specialTokens: [(scalars: [Unicode.Scalar], id: Int)]
    private let continuationNode: Int32?

    public static let continuationPrefix = "##"

    public init(vocabulary: Vocabulary, basic: BasicTokenizer = BasicTokenizer(), maxLength: Int = 512,
                maxInputCharactersPerWord: Int = 100,
                unknownToken: String = "[UNK]", clsToken: String = "[CLS]", sepToken: String = "[SEP]",
                padToken: String = "[PAD]", maskToken: String = "[MASK]") throws {
        guard maxLength >= 2 else {
            throw EncoderError.invalidConfiguration(file: "tokenizer", reason: "maximum length \(maxLength) leaves no room for [CLS] and [SEP]")
        }
        func required(_ token: String) throws -> Int {
            guard let id = vocabulary.id(of: token) else {
                throw EncoderError.invalidVocabulary("special token \(token) is not in the vocabulary")
            }
            return id
        }
        self.vocabulary = vocabulary
        self.basic = basic
        self.maxLength = maxLength
        self.maxInputCharactersPerWord = maxInputCharactersPerWord
        unknownID = try required(unknownToken)
        clsID = try required(clsToken)
        sepID = try required(sepToken)
        padID = try required(padToken)
        var specials: [(scalars: [Unicode.Scalar], id: Int)] = []
        for token in Set([unknownToken, clsToken, sepToken, padToken, maskToken]) where !token.isEmpty {
            if let id = vocabulary.id(of: token) { specials.append((Array(token.unicodeScalars), id)) }
        }
        specialTokens = specials.sorted { $0.scalars.count > $1.scalars.count }
        continuationNode = vocabulary.node(after: Self.continuationPrefix)
    }

    /// Loads vocab.txt and the tokenizer settings of a Hugging Face model directory:
    /// tokenizer_config.json (lower-casing, accents, CJK, special tokens, model_max_length),
    /// special_tokens_map.json if present, and sentence-transformers' sentence_bert_config.json
    /// (max_seq_length, which is what the sentence model was trained with: 256 for all-MiniLM-L6-v2,
    /// whose tokenizer_config says 512). The length is capped by the position embeddings.
    public init(directory: URL, maxPositionEmbeddings: Int? = nil) throws {
        let vocabulary = try Vocabulary(url: directory.appendingPathComponent("vocab.txt"))
        let configURL = directory.appendingPathComponent("tokenizer_config.json")
        let config = FileManager.default.fileExists(atPath: configURL.path) ? try JSONFile.object(at: configURL) : [:]
        let configName = configURL.lastPathComponent
        if let tokenizerClass = config["tokenizer_class"] as? String,
           !["BertTokenizer", "BertTokenizerFast"].contains(tokenizerClass) {
            throw EncoderError.unsupportedArchitecture("tokenizer_class \(tokenizerClass) in \(configName)")
        }
        if try JSONFile.optionalBool(config, "do_basic_tokenize", file: configName) == false {
            throw EncoderError.invalidConfiguration(file: configName, reason: "do_basic_tokenize false is not supported")
        }
        let lowercase = try JSONFile.optionalBool(config, "do_lower_case", file: configName) ?? true
        let stripAccents = try JSONFile.optionalBool(config, "strip_accents", file: configName)
        let chinese = try JSONFile.optionalBool(config, "tokenize_chinese_chars", file: configName) ?? true

        // Special token names: tokenizer_config.json, overridden by special_tokens_map.json.
        var names = ["unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
                     "pad_token": "[PAD]", "mask_token": "[MASK]"]
        let mapURL = directory.appendingPathComponent("special_tokens_map.json")
        let map = FileManager.default.fileExists(atPath: mapURL.path) ? try JSONFile.object(at: mapURL) : [:]
        for source in [config, map] {
            for key in Array(names.keys) {
                // Either a plain string or an AddedToken object {"content": ...}.
                if let name = source[key] as? String {
                    names[key] = name
                } else if let object = source[key] as? [String: Any], let name = object["content"] as? String {
                    names[key] = name
                }
            }
        }

        var maxLength = try JSONFile.optionalInt(config, "model_max_length", file: configName)
        let sentenceURL = directory.appendingPathComponent("sentence_bert_config.json")
        if FileManager.default.fileExists(atPath: sentenceURL.path) {
            let sentence = try JSONFile.object(at: sentenceURL)
            if let length = try JSONFile.optionalInt(sentence, "max_seq_length", file: sentenceURL.lastPathComponent) {
                maxLength = length
            }
        }
        if let limit = maxPositionEmbeddings {
            maxLength = min(maxLength ?? limit, limit)
        }
        try self.init(vocabulary: vocabulary,
                      basic: BasicTokenizer(lowercase: lowercase, stripAccents: stripAccents, tokenizeChineseCharacters: chinese),
                      maxLength: maxLength ?? 512,
                      unknownToken: names["unk_token"]!, clsToken: names["cls_token"]!, sepToken: names["sep_token"]!,
                      padToken: names["pad_token"]!, maskToken: names["mask_token"]!)
    }

    /// Token ids of `text` as the model sees it: [CLS], the word pieces truncated to
    /// `maxLength - 2`, [SEP].
    public func encode(_ text: String) -> [Int] {
        var ids = [clsID]
        ids.append(contentsOf: wordPieceIDs(text).prefix(maxLength - 2))
        ids.append(sepID)
        return ids
    }

    /// The token strings of `encode(text)`.
    public func tokens(_ text: String) -> [String] {
        encode(text).map { vocabulary.tokens[$0] }
    }

    /// Word-piece ids of `text`, without [CLS]/[SEP] and without truncation.
    public func wordPieceIDs(_ text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var ids: [Int] = []
        ids.reserveCapacity(scalars.count / 3 + 4)
        var segmentStart = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "[", let special = specialToken(in: scalars, at: index) {
                appendWordPieces(of: scalars[segmentStart..<index], to: &ids)
                ids.append(special.id)
                index += special.length
                segmentStart = index
            } else {
                index += 1
            }
        }
        appendWordPieces(of: scalars[segmentStart..<scalars.count], to: &ids)
        return ids
    }

    private func specialToken(in scalars: [Unicode.Scalar], at start: Int) -> (id: Int, length: Int)? {
        for special in specialTokens where start + special.scalars.count <= scalars.count {
            if scalars[start..<(start + special.scalars.count)].elementsEqual(special.scalars) {
                return (special.id, special.scalars.count)
            }
        }
        return nil
    }

    private func appendWordPieces(of segment: ArraySlice<Unicode.Scalar>, to ids: inout [Int]) {
        guard !segment.isEmpty else { return }
        for word in basic.words(Array(segment)) {
            appendPieces(of: word, to: &ids)
        }
    }

    /// Greedy longest-match-first: the longest vocabulary entry at the start, then the longest
    /// "##" entry at each following position; if any position has no match the whole word is [UNK].
    private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int]) {
        guard word.count <= maxInputCharactersPerWord else { ids.append(unknownID); return }
        let mark = ids.count
        var start = 0
        while start < word.count {
            let node: Int32? = start == 0 ? 0 : continuationNode
            guard let node, let match = vocabulary.longestMatch(word, from: start, node: node) else {
                ids.removeSubrange(mark...)
                ids.append(unknownID)
                return
            }
            ids.append(match.id)
            start = match.end
        }
    }
}
