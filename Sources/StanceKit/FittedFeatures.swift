import LinearAlgebra
import SentenceEncoder
import TextFeatures

/// The fitted feature blocks of a model. Sparse columns are the word block, then the
/// character block, each scaled by its weight; the sentence encoder's vectors, scaled by
/// theirs, follow as a dense block.
public struct FittedFeatures: Sendable {
    public let configuration: FeatureConfiguration
    public let word: FittedTfidf?
    public let character: FittedTfidf?
    /// The opened encoder, when the configuration has an encoder block.
    public let encoder: SentenceEncoder?

    public init(configuration: FeatureConfiguration, word: FittedTfidf?, character: FittedTfidf?,
                encoder: SentenceEncoder? = nil) {
        precondition((configuration.encoder == nil) == (encoder == nil), "an encoder block needs its encoder")
        self.configuration = configuration
        self.word = word
        self.character = character
        self.encoder = encoder
    }

    /// Fits every TF-IDF block on the training texts (the encoder block needs no fitting).
    public static func fit(_ configuration: FeatureConfiguration, texts: [String], threads: Int = 1,
                           encoder: SentenceEncoder? = nil) throws -> FittedFeatures {
        guard configuration.word != nil || configuration.character != nil || configuration.encoder != nil else {
            throw StanceError.invalidOption("no feature block is enabled")
        }
        let word = try configuration.word.map { try TfidfVectorizer($0).fit(texts, threads: threads) }
        let character = try configuration.character.map { try TfidfVectorizer($0).fit(texts, threads: threads) }
        return FittedFeatures(configuration: configuration, word: word, character: character, encoder: encoder)
    }

    public var wordColumns: Int { word?.featureCount ?? 0 }
    public var characterColumns: Int { character?.featureCount ?? 0 }
    public var sparseColumns: Int { wordColumns + characterColumns }
    public var denseColumns: Int { configuration.encoder?.identity.dimension ?? 0 }
    public var columns: Int { sparseColumns + denseColumns }

    /// The sparse feature row of one text: sorted (column, value) pairs.
    public func sparseRow(_ text: String) -> [(Int32, Double)] {
        var scratch = TfidfScratch(featureCount: max(wordColumns, characterColumns))
        return sparseRow(text, scratch: &scratch)
    }

    func sparseRow(_ text: String, scratch: inout TfidfScratch) -> [(Int32, Double)] {
        var columns = [Int32](), values = [Double]()
        appendSparseRow(text, scratch: &scratch, columns: &columns, values: &values)
        return Array(zip(columns, values))
    }

    /// Appends the sparse row of `text` (word block, then character block shifted past it) to
    /// CSR arrays.
    func appendSparseRow(_ text: String, scratch: inout TfidfScratch, columns: inout [Int32], values: inout [Double]) {
        let (wordAnalysis, characterAnalysis) = analyses(of: text)
        if let word, let wordAnalysis {
            word.appendRow(wordAnalysis, shift: 0, weight: configuration.wordWeight, scratch: &scratch,
                           columns: &columns, values: &values)
        }
        if let character, let characterAnalysis {
            character.appendRow(characterAnalysis, shift: Int32(wordColumns), weight: configuration.characterWeight,
                                scratch: &scratch, columns: &columns, values: &values)
        }
    }

    /// `text` normalised and tokenised for each TF-IDF block it has. The word and character
    /// blocks normalise alike by default, and then one analysis serves both.
    func analyses(of text: String) -> (word: NGramAnalyzer.Analyzed?, character: NGramAnalyzer.Analyzed?) {
        let wordAnalysis = word.map { $0.configuration.analyzer.analyze(text) }
        guard let character else { return (wordAnalysis, nil) }
        let analyzer = character.configuration.analyzer
        if let wordAnalysis, word?.configuration.analyzer.normalizer == analyzer.normalizer {
            return (wordAnalysis, wordAnalysis)
        }
        return (wordAnalysis, analyzer.analyze(text))
    }

    /// The encoder block of `texts`, weighted (rows × dimension), or nil without an encoder.
    /// `precomputed` (unweighted vectors, e.g. from the embedding cache) saves encoding again.
    public func denseBlock(_ texts: [String], precomputed: Matrix? = nil) throws -> Matrix? {
        guard let feature = configuration.encoder, let encoder else { return nil }
        var block: Matrix
        if let precomputed {
            precondition(precomputed.rows == texts.count && precomputed.columns == feature.identity.dimension)
            block = precomputed
        } else {
            let vectors = try encoder.encode(texts)
            block = Matrix(rows: texts.count, columns: feature.identity.dimension, values: vectors.flatMap { $0.map(Double.init) })
        }
        if feature.weight != 1 { BLAS.scale(feature.weight, &block.values) }
        return block
    }

    public func transform(_ texts: [String], threads: Int = 1, precomputedDense: Matrix? = nil) throws -> FeatureMatrix {
        let sparse = SparseMatrix.build(rows: texts.count, columns: sparseColumns, threads: threads, minimumChunk: 64,
                                        scratch: { TfidfScratch(featureCount: max(wordColumns, characterColumns)) }) {
            i, scratch, columns, values in
            appendSparseRow(texts[i], scratch: &scratch, columns: &columns, values: &values)
        }
        return FeatureMatrix(sparse: sparse, dense: try denseBlock(texts, precomputed: precomputedDense))
    }

    /// A readable name for a column: `word:"no deal"`, `char:" tal"` or `encoder[17]`.
    public func name(ofColumn column: Int) -> String {
        if column < wordColumns, let word { return "word:\"\(word.terms[column])\"" }
        if let character, column - wordColumns < characterColumns, column >= wordColumns {
            return "char:\"\(character.terms[column - wordColumns])\""
        }
        if column >= sparseColumns, column < columns { return "encoder[\(column - sparseColumns)]" }
        return "feature \(column)"
    }

    public func block(ofColumn column: Int) -> String {
        column < wordColumns ? "word" : column < sparseColumns ? "char" : "encoder"
    }
}
