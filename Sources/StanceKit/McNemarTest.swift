import Foundation

/// McNemar's test of whether two classifiers scored on the same examples differ in accuracy.
/// Only the discordant pairs count: b examples model A got right and model B wrong, and c the
/// other way round. Under the null hypothesis (equal error rates) each discordant pair goes
/// either way with probability 1/2.
///
/// - With fewer than 25 discordant pairs, the exact two-sided binomial test:
///   p = min(1, 2 · Σ_{i ≤ min(b, c)} C(b + c, i) / 2^(b + c)).
/// - Otherwise the chi-square test with Edwards' continuity correction, one degree of freedom:
///   χ² = max(0, |b − c| − 1)² / (b + c), p = P(χ²₁ ≥ χ²) = erfc(√(χ² / 2)).
///
/// With no discordant pairs the models make the same mistakes and p = 1.
public struct McNemarTest: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable {
        case exactBinomial = "exact-binomial"
        case chiSquareContinuityCorrected = "chi-square-continuity-corrected"
    }

    /// Below this many discordant pairs the exact test is used.
    public static let exactBelow = 25

    /// A right, B wrong.
    public let onlyARight: Int
    /// A wrong, B right.
    public let onlyBRight: Int
    public let bothRight: Int
    public let bothWrong: Int
    public let method: Method
    /// The chi-square statistic (nil for the exact test).
    public let statistic: Double?
    public let pValue: Double

    public init(onlyARight b: Int, onlyBRight c: Int, bothRight: Int = 0, bothWrong: Int = 0) {
        precondition(b >= 0 && c >= 0 && bothRight >= 0 && bothWrong >= 0)
        onlyARight = b
        onlyBRight = c
        self.bothRight = bothRight
        self.bothWrong = bothWrong
        let n = b + c
        if n < McNemarTest.exactBelow {
            method = .exactBinomial
            statistic = nil
            // C(n, i) / 2^n term by term; n < 25 keeps every term exact in a Double.
            var term = pow(0.5, Double(n))
            var tail = 0.0
            for i in 0...min(b, c) {
                tail += term
                term *= Double(n - i) / Double(i + 1)
            }
            pValue = min(1, 2 * tail)
        } else {
            method = .chiSquareContinuityCorrected
            let corrected = max(0, Double(abs(b - c)) - 1)
            let chi2 = corrected * corrected / Double(n)
            statistic = chi2
            pValue = min(1, erfc((chi2 / 2).squareRoot()))
        }
    }

    /// Counts the four cells from whether each model was right on each example.
    public init(aCorrect: [Bool], bCorrect: [Bool]) {
        precondition(aCorrect.count == bCorrect.count, "McNemar: \(aCorrect.count) and \(bCorrect.count) outcomes")
        var b = 0, c = 0, both = 0, neither = 0
        for (a, bRight) in zip(aCorrect, bCorrect) {
            switch (a, bRight) {
            case (true, false): b += 1
            case (false, true): c += 1
            case (true, true): both += 1
            case (false, false): neither += 1
            }
        }
        self.init(onlyARight: b, onlyBRight: c, bothRight: both, bothWrong: neither)
    }

    public var discordantPairs: Int { onlyARight + onlyBRight }

    public func significant(at alpha: Double = 0.05) -> Bool { pValue < alpha }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(onlyARight, forKey: .onlyARight)
        try c.encode(onlyBRight, forKey: .onlyBRight)
        try c.encode(bothRight, forKey: .bothRight)
        try c.encode(bothWrong, forKey: .bothWrong)
        try c.encode(method, forKey: .method)
        try c.encode(statistic, forKey: .statistic)
        try c.encode(pValue, forKey: .pValue)
    }
}
