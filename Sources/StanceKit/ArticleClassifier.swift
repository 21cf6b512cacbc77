import TextFeatures

/// Splits documents into sentences and classifies them, giving per-sentence results and the
/// document's summary; also the shared step of `stance track`.
public struct ArticleClassifier: Sendable {
    public let model: StanceModel
    public let scale: StanceScale
    public let actors: ActorList?
    public let splitter: SentenceSplitter
    public var threads: Int

    public init(model: StanceModel, scale: StanceScale, actors: ActorList? = nil, threads: Int = 1) {
        self.model = model
        self.scale = scale
        self.actors = actors
        self.threads = threads
        splitter = SentenceSplitter()
    }

    public struct Result: Sendable {
        public let document: Document
        public let sentences: [String]
        public let predictions: [StanceModel.Prediction]
        /// The actors each sentence names (from the actor list, or found by `ActorDetector`).
        public let actors: [[String]]

        public func sentenceResults(labels: [String]) -> [ArticleSummary.SentenceResult] {
            sentences.indices.map { i in
                ArticleSummary.SentenceResult(index: i + 1, text: sentences[i], label: labels[predictions[i].label],
                                              probabilities: Dictionary(uniqueKeysWithValues: zip(labels, predictions[i].probabilities)),
                                              actors: actors[i])
            }
        }
    }

    public func sentences(of document: Document) -> [String] {
        splitter.split(document.text).map(\.text).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// Classifies several documents in one batch (feature extraction runs over all their sentences).
    public func classify(_ documents: [Document]) throws -> [Result] {
        let split = documents.map(sentences(of:))
        let predictions = try model.predict(split.flatMap { $0 }, threads: threads)
        var offset = 0
        let detector = ActorDetector()
        return zip(documents, split).map { document, sentences in
            let slice = Array(predictions[offset..<(offset + sentences.count)])
            offset += sentences.count
            let named = sentences.map { actors?.actors(in: $0) ?? detector.candidates(in: $0) }
            return Result(document: document, sentences: sentences, predictions: slice, actors: named)
        }
    }
}
