/// Calibration of the predicted label's probability (the "top-label confidence").
///
/// Confidences are grouped into `binCount` equal-width bins over [0, 1]: bin i holds the
/// confidences c with i/B ≤ c < (i+1)/B, computed as min(⌊c·B⌋, B − 1), so a confidence of
/// exactly 1 falls in the last bin. For each bin: how many predictions, their mean confidence,
/// and the share that were right. The expected calibration error is the weighted mean gap,
///
///     ECE = Σ_b (n_b / n) · |accuracy_b − mean confidence_b|,
///
/// and the maximum calibration error the largest gap over non-empty bins. Both are undefined
/// (nil) without examples; an empty bin's accuracy and confidence are undefined too.
public struct Calibration: Sendable, Codable, Equatable {
    public struct Bin: Sendable, Codable, Equatable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        public let meanConfidence: Double?
        public let accuracy: Double?

        /// accuracy − mean confidence: negative when the model is over-confident.
        public var gap: Double? {
            guard let accuracy, let meanConfidence else { return nil }
            return accuracy - meanConfidence
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(lower, forKey: .lower)
            try c.encode(upper, forKey: .upper)
            try c.encode(count, forKey: .count)
            try c.encode(meanConfidence, forKey: .meanConfidence)
            try c.encode(accuracy, forKey: .accuracy)
        }
    }

    public let bins: [Bin]
    public let expectedCalibrationError: Double?
    public let maximumCalibrationError: Double?

    public init(confidences: [Double], correct: [Bool], binCount: Int = 10) {
        precondition(confidences.count == correct.count, "calibration: \(confidences.count) confidences, \(correct.count) outcomes")
        precondition(binCount >= 1, "calibration needs at least one bin")
        var counts = [Int](repeating: 0, count: binCount)
        var confidenceSums = [Double](repeating: 0, count: binCount)
        var rightCounts = [Int](repeating: 0, count: binCount)
        for (c, right) in zip(confidences, correct) {
            let b = Calibration.bin(of: c, binCount: binCount)
            counts[b] += 1
            confidenceSums[b] += c
            if right { rightCounts[b] += 1 }
        }
        bins = (0..<binCount).map { b in
            Bin(lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), count: counts[b],
                meanConfidence: counts[b] > 0 ? confidenceSums[b] / Double(counts[b]) : nil,
                accuracy: counts[b] > 0 ? Double(rightCounts[b]) / Double(counts[b]) : nil)
        }
        let total = confidences.count
        if total > 0 {
            var ece = 0.0, mce = 0.0
            for bin in bins {
                guard let gap = bin.gap else { continue }
                ece += Double(bin.count) / Double(total) * abs(gap)
                mce = max(mce, abs(gap))
            }
            expectedCalibrationError = ece
            maximumCalibrationError = mce
        } else {
            expectedCalibrationError = nil
            maximumCalibrationError = nil
        }
    }

    /// The bin of a confidence in [0, 1] (values outside are clamped to the end bins).
    public static func bin(of confidence: Double, binCount: Int) -> Int {
        let scaled = (confidence * Double(binCount)).rounded(.down)
        guard scaled.isFinite, scaled > 0 else { return 0 }
        return min(Int(scaled), binCount - 1)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bins, forKey: .bins)
        try c.encode(expectedCalibrationError, forKey: .expectedCalibrationError)
        try c.encode(maximumCalibrationError, forKey: .maximumCalibrationError)
    }
}
