import Foundation
import Testing
@testable import SentenceEncoder

@Suite struct VectorMathTests {
    /// GELU's erf agrees with the exact function to float precision.
    @Test func erfMatchesTheExactFunction() {
        var worst = 0.0
        var x = -8.0
        while x <= 8.0 {
            worst = max(worst, abs(Double(VectorMath.erf(Float(x))) - Foundation.erf(x)))
            x += 1.0 / 4096
        }
        #expect(worst < 5e-7, "largest |erf error| on [-8, 8]: \(worst)")
        #expect(VectorMath.erf(0) == 0)
        #expect(VectorMath.erf(10) == 1 && VectorMath.erf(-10) == -1)
        #expect(VectorMath.erf(-0.5) == -VectorMath.erf(0.5))
    }

    /// Softmax's exp has float-level relative error over the range it is used on and beyond.
    @Test func expMatchesTheExactFunction() {
        var worst = 0.0
        var x = -87.0
        while x <= 88.0 {
            let exact = Foundation.exp(Double(Float(x)))
            worst = max(worst, abs(Double(VectorMath.exp(Float(x))) - exact) / exact)
            x += 1.0 / 512
        }
        #expect(worst < 3e-7, "largest relative exp error on [-87, 88]: \(worst)")
        #expect(VectorMath.exp(0) == 1)
        #expect(VectorMath.exp(-1000) >= 0 && VectorMath.exp(-1000) < 1e-37)
    }

    @Test func sumsMatchScalarLoops() {
        let values = (0..<37).map { Float($0) * 0.25 - 3 }
        values.withUnsafeBufferPointer { x in
            #expect(VectorMath.sum(x.baseAddress!, count: 37) == values.reduce(0, +))
            #expect(VectorMath.sum(x.baseAddress!, count: 5) == values[0..<5].reduce(0, +))
            let mean = values.reduce(0, +) / 37
            let expected = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            #expect(abs(VectorMath.sumOfSquaredDeviations(x.baseAddress!, count: 37, mean: mean) - expected) < 1e-3)
        }
    }
}
