import Foundation

/// The stance of one document from its sentences' labels: counts and shares per label, the net
/// index (positive − negative) / sentences with a seeded bootstrap 95% interval over sentences,
/// the probability-weighted index (mean of p(positive) − p(negative)), and the most positive
/// and most negative sentences.
public struct ArticleSummary: Sendable, Codable, Equatable {
    public struct SentenceResult: Sendable, Codable, Equatable {
        public let index: Int
        public let text: String
        public let label: String
        public let probabilities: [String: Double]
        public let actors: [String]
    }

    public struct Interval: Sendable, Codable, Equatable {
        public let low: Double
        public let high: Double
    }

    public let sentences: Int
    public let counts: [String: Int]
    public let shares: [String: Double]
    public let netIndex: Double?
    public let netInterval: Interval?
    public let probabilityIndex: Double?
    public let mostPositive: SentenceResult?
    public let mostNegative: SentenceResult?
    public let positiveLabel: String
    public let negativeLabel: String

    public init(results: [SentenceResult], predictions: [StanceModel.Prediction], scale: StanceScale,
                resamples: Int = 1000, seed: UInt64 = 1) {
        sentences = results.count
        var counts = Dictionary(uniqueKeysWithValues: scale.labels.map { ($0, 0) })
        for p in predictions { counts[scale.labels[p.label], default: 0] += 1 }
        self.counts = counts
        shares = counts.mapValues { results.isEmpty ? 0 : Double($0) / Double(results.count) }
        positiveLabel = scale.positiveName
        negativeLabel = scale.negativeName
        let values = predictions.map { scale.value(ofLabel: $0.label) }
        guard !values.isEmpty else {
            netIndex = nil; netInterval = nil; probabilityIndex = nil; mostPositive = nil; mostNegative = nil
            return
        }
        let n = values.count
        netIndex = Double(values.reduce(0, +)) / Double(n)
        var generator = SeededGenerator(seed: seed)
        var means = [Double]()
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0
            for _ in 0..<n { sum += values[Int.random(in: 0..<n, using: &generator)] }
            means.append(Double(sum) / Double(n))
        }
        means.sort()
        netInterval = Interval(low: ArticleSummary.percentile(means, 0.025), high: ArticleSummary.percentile(means, 0.975))
        let weighted = predictions.map { scale.probabilityValue($0.probabilities) }
        probabilityIndex = weighted.reduce(0, +) / Double(n)
        let order = weighted.indices.sorted { weighted[$0] != weighted[$1] ? weighted[$0] > weighted[$1] : $0 < $1 }
        mostPositive = results[order.first!]
        mostNegative = results[order.last!]
    }

    /// Linear interpolation between order statistics (numpy's default percentile).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
