import Foundation
import Testing
@testable import StanceKit

@Suite struct BootstrapIntervalTests {
    @Test func percentileAgreesWithNumpy() throws {
        let fixture = try ReportFixture.load()
        for p in fixture.percentiles {
            #expect(close(BootstrapInterval.percentile(p.values.sorted(), p.q), p.expected), "q \(p.q) of \(p.values.count) values")
        }
    }

    static func accuracyInterval(_ correct: [Bool], seed: UInt64, resamples: Int = 1000) -> BootstrapInterval? {
        BootstrapInterval.estimate(count: correct.count, resamples: resamples, seed: seed, statistics: 1) { weights in
            var right = 0, total = 0
            for (w, c) in zip(weights, correct) {
                total += w
                if c { right += w }
            }
            return [Double(right) / Double(total)]
        }[0]
    }

    @Test func theSameSeedGivesTheSameInterval() throws {
        var generator = SeededGenerator(seed: 4)
        let correct = (0..<200).map { _ in Double.random(in: 0..<1, using: &generator) < 0.7 }
        let one = try #require(Self.accuracyInterval(correct, seed: 42))
        let two = try #require(Self.accuracyInterval(correct, seed: 42))
        #expect(one == two)
        #expect(Self.accuracyInterval(correct, seed: 43) != one)
        #expect(one.resamples == 1000 && one.validResamples == 1000 && one.level == 0.95)
        // The normal approximation gives about ±1.96·√(0.7·0.3/200) ≈ ±0.064 here.
        let accuracy = Double(correct.filter { $0 }.count) / 200
        #expect(one.contains(accuracy))
        #expect(abs((one.upper - one.lower) - 2 * 1.96 * (accuracy * (1 - accuracy) / 200).squareRoot()) < 0.02)
    }

    /// Draws many data sets from a known accuracy: the 95% interval should cover it about 95% of
    /// the time (the percentile bootstrap runs a little narrow for small samples).
    @Test func coverageIsNearTheNominalLevel() {
        let truth = 0.7, trials = 300, n = 120
        var generator = SeededGenerator(seed: 2024)
        var covered = 0
        for trial in 0..<trials {
            let correct = (0..<n).map { _ in Double.random(in: 0..<1, using: &generator) < truth }
            if let interval = Self.accuracyInterval(correct, seed: UInt64(trial), resamples: 400), interval.contains(truth) {
                covered += 1
            }
        }
        let coverage = Double(covered) / Double(trials)
        #expect(coverage > 0.89 && coverage < 0.99, "coverage \(coverage)")
    }

    @Test func resamplesDrawEveryExampleUniformly() {
        // Over many resamples each example is drawn once per resample on average.
        var totals = [Int](repeating: 0, count: 10)
        _ = BootstrapInterval.estimate(count: 10, resamples: 5000, seed: 3, statistics: 1) { weights in
            #expect(weights.reduce(0, +) == 10)
            for i in weights.indices { totals[i] += weights[i] }
            return [0]
        }
        #expect(totals.allSatisfy { abs(Double($0) / 5000 - 1) < 0.06 }, "\(totals)")
    }

    @Test func undefinedResamplesAreLeftOutAndTooFewExamplesGiveNoInterval() throws {
        // A statistic defined only when example 0 is drawn: about 1 − (1 − 1/4)^4 ≈ 68% of resamples.
        let intervals = BootstrapInterval.estimate(count: 4, resamples: 1000, seed: 5, statistics: 2) { weights in
            [weights[0] > 0 ? 1 : nil, nil]
        }
        let partial = try #require(intervals[0])
        #expect(partial.validResamples > 600 && partial.validResamples < 760)
        #expect(partial.lower == 1 && partial.upper == 1)
        #expect(intervals[1] == nil)
        #expect(BootstrapInterval.estimate(count: 1, resamples: 100, seed: 1, statistics: 1) { _ in [1] } == [nil])
        #expect(BootstrapInterval.estimate(count: 10, resamples: 0, seed: 1, statistics: 1) { _ in [1] } == [nil])
    }
}
