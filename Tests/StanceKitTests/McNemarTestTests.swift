import Foundation
import Testing
@testable import StanceKit

/// McNemar's test against hand computations.
@Suite struct McNemarTestTests {
    @Test func exactBinomialBelowTwentyFiveDiscordantPairs() {
        // b = 3, c = 9, n = 12: p = 2 · (C(12,0) + C(12,1) + C(12,2) + C(12,3)) / 2^12
        //                         = 2 · (1 + 12 + 66 + 220) / 4096 = 598 / 4096.
        let t = McNemarTest(onlyARight: 3, onlyBRight: 9)
        #expect(t.method == .exactBinomial)
        #expect(t.statistic == nil)
        #expect(abs(t.pValue - 598.0 / 4096.0) < 1e-15)
        #expect(!t.significant())
        // b = 0, c = 10: p = 2 / 1024.
        let lopsided = McNemarTest(onlyARight: 0, onlyBRight: 10)
        #expect(abs(lopsided.pValue - 2.0 / 1024.0) < 1e-15)
        #expect(lopsided.significant())
        // b = c: the two-sided tail is more than half, capped at 1.
        #expect(McNemarTest(onlyARight: 12, onlyBRight: 12).pValue == 1)
        #expect(McNemarTest(onlyARight: 0, onlyBRight: 0).pValue == 1)
    }

    @Test func continuityCorrectedChiSquareFromTwentyFive() {
        // b = 30, c = 12: χ² = (|30 − 12| − 1)² / 42 = 289 / 42 ≈ 6.8810;
        // p = erfc(√(χ²/2)) = 0.0087119 (scipy.stats.chi2.sf(289/42, 1) = 0.008711912962379598).
        let t = McNemarTest(onlyARight: 30, onlyBRight: 12)
        #expect(t.method == .chiSquareContinuityCorrected)
        #expect(abs(t.statistic! - 289.0 / 42.0) < 1e-12)
        #expect(abs(t.pValue - 0.008711912962379598) < 1e-12)
        #expect(t.significant())
        // The boundary: 25 discordant pairs, b = 25, c = 0: χ² = 24² / 25 = 23.04, p = 1.5866563e-06.
        let boundary = McNemarTest(onlyARight: 25, onlyBRight: 0)
        #expect(boundary.method == .chiSquareContinuityCorrected)
        #expect(abs(boundary.pValue - 1.5866563039511885e-06) < 1e-15)
        // Equal counts: the corrected statistic is 0, not negative.
        let equal = McNemarTest(onlyARight: 20, onlyBRight: 20)
        #expect(equal.statistic == 0 && equal.pValue == 1)
    }

    @Test func countsTheFourCellsFromOutcomes() {
        let a = [true, true, false, false, true, false, true]
        let b = [true, false, true, false, false, true, true]
        let t = McNemarTest(aCorrect: a, bCorrect: b)
        #expect(t.bothRight == 2 && t.onlyARight == 2 && t.onlyBRight == 2 && t.bothWrong == 1)
        #expect(t.discordantPairs == 4)
    }
}
