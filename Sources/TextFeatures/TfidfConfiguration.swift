/// Hyperparameters of one TF-IDF block, with scikit-learn's meanings:
/// tf is the raw count (1 + ln(count) when `sublinearTF`), idf = ln((1 + n) / (1 + df)) + 1
/// when `smoothIDF` (ln(n / df) + 1 otherwise), rows are L2-normalised.
public struct TfidfConfiguration: Sendable, Codable, Equatable {
    public var analyzer: NGramAnalyzer
    /// Keep n-grams found in at least this many documents.
    public var minDF: Int
    /// Drop n-grams found in more than this share of documents (1 keeps all).
    public var maxDF: Double
    /// Keep at most this many n-grams, the most frequent over the corpus (ties alphabetical).
    public var maxFeatures: Int?
    public var sublinearTF: Bool
    public var smoothIDF: Bool

    public init(analyzer: NGramAnalyzer, minDF: Int = 1, maxDF: Double = 1.0, maxFeatures: Int? = nil,
                sublinearTF: Bool = true, smoothIDF: Bool = true) {
        self.analyzer = analyzer
        self.minDF = minDF
        self.maxDF = maxDF
        self.maxFeatures = maxFeatures
        self.sublinearTF = sublinearTF
        self.smoothIDF = smoothIDF
    }
}

public enum TextFeaturesError: Error, CustomStringConvertible, Equatable {
    case emptyCorpus
    case emptyVocabulary(String)
    case hashCollision(String, String)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .emptyCorpus: return "no documents to fit the vocabulary on"
        case .emptyVocabulary(let why): return "the vocabulary is empty: \(why)"
        case .hashCollision(let a, let b): return "n-grams \"\(a)\" and \"\(b)\" share a 64-bit hash; change the n-gram settings"
        case .invalidConfiguration(let what): return "invalid feature settings: \(what)"
        }
    }
}
