import TextFeatures

/// Which feature blocks a model uses and how each is built. Stored in the model file, so the
/// features of new text are computed exactly as at training time.
public struct FeatureConfiguration: Sendable, Codable, Equatable {
    /// TF-IDF over word n-grams (nil: not used).
    public var word: TfidfConfiguration?
    /// TF-IDF over character n-grams inside word boundaries (nil: not used).
    public var character: TfidfConfiguration?
    /// Each block's rows are L2-normalised; these scale the blocks against each other.
    public var wordWeight: Double
    public var characterWeight: Double
    /// Sentence vectors from a pretrained encoder, as a dense block after the sparse ones (nil: not used).
    public var encoder: EncoderFeature?

    public init(word: TfidfConfiguration?, character: TfidfConfiguration?,
                wordWeight: Double = 1, characterWeight: Double = 1, encoder: EncoderFeature? = nil) {
        self.word = word
        self.character = character
        self.wordWeight = wordWeight
        self.characterWeight = characterWeight
        self.encoder = encoder
    }

    /// Word 1–2-grams and character 2–5-grams, sublinear tf, smoothed idf, each block L2-normalised.
    public static func tfidf(wordNGrams: ClosedRange<Int>? = 1...2, characterNGrams: ClosedRange<Int>? = 2...5,
                             minDF: Int = 1, maxFeatures: Int? = nil,
                             normalizer: TextNormalizer = TextNormalizer()) -> FeatureConfiguration {
        FeatureConfiguration(
            word: wordNGrams.map {
                TfidfConfiguration(analyzer: NGramAnalyzer(kind: .word, minN: $0.lowerBound, maxN: $0.upperBound, normalizer: normalizer),
                                   minDF: minDF, maxFeatures: maxFeatures)
            },
            character: characterNGrams.map {
                TfidfConfiguration(analyzer: NGramAnalyzer(kind: .charWithinWords, minN: $0.lowerBound, maxN: $0.upperBound, normalizer: normalizer),
                                   minDF: minDF, maxFeatures: maxFeatures)
            })
    }
}
