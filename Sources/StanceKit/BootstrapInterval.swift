/// A percentile bootstrap confidence interval: the examples are resampled with replacement
/// (`resamples` times, each resample as large as the data), the statistic is computed on every
/// resample, and the interval runs from the (1 − level)/2 to the (1 + level)/2 quantile of those
/// values (linear interpolation between order statistics, numpy's default `percentile` method).
///
/// Resamples are drawn with `SeededGenerator`, so the same seed gives the same interval on
/// every machine. A resample on which the statistic is undefined (say, a label that is neither
/// present nor predicted in it) is left out; `validResamples` says how many counted.
public struct BootstrapInterval: Sendable, Codable, Equatable {
    public let lower: Double
    public let upper: Double
    /// Confidence level, e.g. 0.95.
    public let level: Double
    public let resamples: Int
    public let validResamples: Int

    public init(lower: Double, upper: Double, level: Double, resamples: Int, validResamples: Int) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.resamples = resamples
        self.validResamples = validResamples
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Intervals for several statistics computed on the same resamples (so paired figures, like
    /// the difference of two models on the same examples, stay paired).
    ///
    /// `statistic` receives the multiplicity of every example in one resample (how many times it
    /// was drawn) and returns one value per statistic, nil where undefined. Returns nil for a
    /// statistic with no defined value, and for every statistic when there are fewer than two
    /// examples or no resamples: an interval from one example would claim a certainty it lacks.
    public static func estimate(count: Int, resamples: Int, seed: UInt64, level: Double = 0.95,
                                statistics: Int, _ statistic: ([Int]) -> [Double?]) -> [BootstrapInterval?] {
        precondition(level > 0 && level < 1, "bootstrap level must be in (0, 1)")
        guard count >= 2, resamples >= 1, statistics >= 1 else { return Array(repeating: nil, count: statistics) }
        var generator = SeededGenerator(seed: seed)
        var values = Array(repeating: [Double](), count: statistics)
        for v in values.indices { values[v].reserveCapacity(resamples) }
        var weights = [Int](repeating: 0, count: count)
        for _ in 0..<resamples {
            for i in weights.indices { weights[i] = 0 }
            for _ in 0..<count { weights[uniform(below: count, using: &generator)] += 1 }
            let result = statistic(weights)
            precondition(result.count == statistics, "bootstrap: \(result.count) values for \(statistics) statistics")
            for (v, value) in result.enumerated() {
                if let value, value.isFinite { values[v].append(value) }
            }
        }
        let tail = (1 - level) / 2
        return values.map { collected in
            guard !collected.isEmpty else { return nil }
            let sorted = collected.sorted()
            return BootstrapInterval(lower: percentile(sorted, tail), upper: percentile(sorted, 1 - tail),
                                     level: level, resamples: resamples, validResamples: sorted.count)
        }
    }

    /// The q-quantile (0...1) of sorted values, interpolating linearly between order statistics
    /// as numpy's `percentile(..., method="linear")` does.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(q))
        let position = Double(sorted.count - 1) * q
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + fraction * (sorted[above] - sorted[below])
    }

    /// An unbiased integer in 0..<bound, by Lemire's multiply-and-reject. Written out rather than
    /// taken from `Int.random(in:using:)` so resamples cannot change with the standard library.
    static func uniform(below bound: Int, using generator: inout SeededGenerator) -> Int {
        let n = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }
}
