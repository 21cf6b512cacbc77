import LinearAlgebra
import TextFeatures

/// The fitted feature blocks of a model. Sparse columns are the word block, then the
/// character block, each scaled by its weight.
public struct FittedFeatures: Sendable {
    public let configuration: FeatureConfiguration
    public let word: FittedTfidf?
    public let character: FittedTfidf?

    public init(configuration: FeatureConfiguration, word: FittedTfidf?, character: FittedTfidf?) {
        self.configuration = configuration
        self.word = word
        self.character = character
    }

    /// Fits every block on the training texts.
    public static func fit(_ configuration: FeatureConfiguration, texts: [String], threads: Int = 1) throws -> FittedFeatures {
        guard configuration.word != nil || configuration.character != nil else {
            throw StanceError.invalidOption("no feature block is enabled")
        }
        let word = try configuration.word.map { try TfidfVectorizer($0).fit(texts, threads: threads) }
        let character = try configuration.character.map { try TfidfVectorizer($0).fit(texts, threads: threads) }
        return FittedFeatures(configuration: configuration, word: word, character: character)
    }

    public var wordColumns: Int { word?.featureCount ?? 0 }
    public var characterColumns: Int { character?.featureCount ?? 0 }
    public var sparseColumns: Int { wordColumns + characterColumns }
    public var columns: Int { sparseColumns }

    /// The sparse feature row of one text: sorted (column, value) pairs.
    public func sparseRow(_ text: String) -> [(Int32, Double)] {
        var row = [(Int32, Double)]()
        if let word {
            let w = configuration.wordWeight
            for (c, v) in word.row(text) { row.append((c, v * w)) }
        }
        if let character {
            let shift = Int32(wordColumns)
            let w = configuration.characterWeight
            for (c, v) in character.row(text) { row.append((c + shift, v * w)) }
        }
        return row
    }

    public func transform(_ texts: [String], threads: Int = 1) -> FeatureMatrix {
        let rows = ParallelLoop.map(count: texts.count, threads: threads, minimumChunk: 64) { range in
            range.map { sparseRow(texts[$0]) }
        }
        var sparse = SparseMatrix(columns: sparseColumns)
        for r in rows { sparse.appendRow(r) }
        return FeatureMatrix(sparse: sparse)
    }

    /// A readable name for a column: `word:"no deal"` or `char:" tal"`.
    public func name(ofColumn column: Int) -> String {
        if column < wordColumns, let word { return "word:\"\(word.terms[column])\"" }
        if let character, column - wordColumns < characterColumns {
            return "char:\"\(character.terms[column - wordColumns])\""
        }
        return "feature \(column)"
    }

    /// The n-gram text of a column (without the block prefix).
    public func term(ofColumn column: Int) -> String {
        if column < wordColumns, let word { return word.terms[column] }
        if let character, column - wordColumns < characterColumns { return character.terms[column - wordColumns] }
        return "#\(column)"
    }

    public func block(ofColumn column: Int) -> String {
        column < wordColumns ? "word" : column < sparseColumns ? "char" : "dense"
    }
}
