import Foundation
import Testing
@testable import StanceKit

@Suite struct CalibrationTests {
    /// Bins, ECE and MCE against the numpy computation in make_report_fixture.py.
    @Test(arguments: ReportFixture.caseNames)
    func agreesWithTheFixture(name: String) throws {
        let fixture = try ReportFixture.load()
        let c = fixture.named(name)
        let calibration = fixture.report(c).calibration
        let bins = c["bins"] as! [[String: Any]]
        #expect(calibration.bins.count == fixture.bins)
        for (bin, expected) in zip(calibration.bins, bins) {
            #expect(bin.count == expected["count"] as! Int)
            #expect(close(bin.accuracy, (expected["accuracy"] as? NSNumber)?.doubleValue))
            #expect(close(bin.meanConfidence, (expected["meanConfidence"] as? NSNumber)?.doubleValue))
        }
        #expect(close(calibration.expectedCalibrationError, c.double("ece")))
        #expect(close(calibration.maximumCalibrationError, c.double("mce")))
    }

    @Test func binEdgesAreLowerInclusiveAndOneFallsInTheLastBin() {
        #expect(Calibration.bin(of: 0, binCount: 10) == 0)
        #expect(Calibration.bin(of: 0.1, binCount: 10) == 1)
        #expect(Calibration.bin(of: 0.0999, binCount: 10) == 0)
        #expect(Calibration.bin(of: 0.95, binCount: 10) == 9)
        #expect(Calibration.bin(of: 1, binCount: 10) == 9)
        #expect(Calibration.bin(of: 0.5, binCount: 1) == 0)
    }

    @Test func handComputedExample() {
        // Bin [0.6, 0.8) of 5 bins: confidences 0.6, 0.7, right, wrong → accuracy 0.5, confidence 0.65.
        // Bin [0.8, 1]: 0.9, 1.0, both right → accuracy 1, confidence 0.95.
        let c = Calibration(confidences: [0.6, 0.7, 0.9, 1.0], correct: [true, false, true, true], binCount: 5)
        #expect(c.bins[3].count == 2 && close(c.bins[3].accuracy, 0.5) && close(c.bins[3].meanConfidence, 0.65))
        #expect(c.bins[4].count == 2 && close(c.bins[4].accuracy, 1) && close(c.bins[4].meanConfidence, 0.95))
        #expect(c.bins[0].accuracy == nil && c.bins[0].gap == nil)
        // ECE = 0.5 · 0.15 + 0.5 · 0.05 = 0.1; MCE = 0.15.
        #expect(close(c.expectedCalibrationError, 0.1))
        #expect(close(c.maximumCalibrationError, 0.15))
        #expect(close(c.bins[3].gap, -0.15))
    }

    @Test func noExamplesMeansUndefined() {
        let c = Calibration(confidences: [], correct: [], binCount: 10)
        #expect(c.expectedCalibrationError == nil && c.maximumCalibrationError == nil)
        #expect(c.bins.count == 10 && c.bins.allSatisfy { $0.count == 0 && $0.accuracy == nil })
    }
}
