/// Float kernels for the non-BLAS part of the forward pass (softmax, layer norm, GELU), written
/// so the compiler vectorises them: branch-free element functions (libm's expf and erff are a
/// call per element) and reductions over explicit SIMD lanes (a scalar float sum is a serial
/// dependency chain the optimiser may not reorder).
enum VectorMath {
    typealias Lanes = SIMD8<Float>

    /// Σ x[0..<count].
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = Lanes.zero
        var index = 0
        let raw = UnsafeRawPointer(x)
        while index + Lanes.scalarCount <= count {
            lanes += raw.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self)
            index += Lanes.scalarCount
        }
        var total = lanes.sum()
        while index < count { total += x[index]; index += 1 }
        return total
    }

    /// Σ (x[i] − mean)².
    @inline(__always)
    static func sumOfSquaredDeviations(_ x: UnsafePointer<Float>, count: Int, mean: Float) -> Float {
        var lanes = Lanes.zero
        let centre = Lanes(repeating: mean)
        var index = 0
        let raw = UnsafeRawPointer(x)
        while index + Lanes.scalarCount <= count {
            let d = raw.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self) - centre
            lanes += d * d
            index += Lanes.scalarCount
        }
        var total = lanes.sum()
        while index < count { let d = x[index] - mean; total += d * d; index += 1 }
        return total
    }

    /// y[i] += x[i].
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count: Int) {
        let source = UnsafeRawPointer(x)
        let target = UnsafeMutableRawPointer(y)
        var index = 0
        while index + Lanes.scalarCount <= count {
            let offset = index * 4
            let sum = target.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
                + source.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            target.storeBytes(of: sum, toByteOffset: offset, as: Lanes.self)
            index += Lanes.scalarCount
        }
        while index < count { y[index] += x[index]; index += 1 }
    }

    /// x[i] ← (x[i] − mean) · inverse · gamma[i] + beta[i], the last step of a layer norm.
    @inline(__always)
    static func normalize(_ x: UnsafeMutablePointer<Float>, count: Int, mean: Float, inverse: Float,
                          gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>) {
        let raw = UnsafeMutableRawPointer(x)
        let g = UnsafeRawPointer(gamma)
        let b = UnsafeRawPointer(beta)
        let centre = Lanes(repeating: mean)
        let scale = Lanes(repeating: inverse)
        var index = 0
        while index + Lanes.scalarCount <= count {
            let offset = index * 4
            let value = raw.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            let out = (value - centre) * scale * g.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
                + b.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            raw.storeBytes(of: out, toByteOffset: offset, as: Lanes.self)
            index += Lanes.scalarCount
        }
        while index < count { x[index] = (x[index] - mean) * inverse * gamma[index] + beta[index]; index += 1 }
    }

    /// eʸ in single precision: y = n·ln 2 + r with |r| ≤ ½ln 2, eʳ by the Cephes expf polynomial,
    /// 2ⁿ assembled in the exponent bits. Relative error about 1e-7 (checked in the tests).
    /// Inputs are clamped to [-87, 88], where float32 eʸ is finite and normal; softmax only
    /// feeds it values ≤ 0.
    @inline(__always)
    static func exp(_ input: Float) -> Float {
        let y = Swift.min(Swift.max(input, -87), 88)
        // n = round(y / ln 2) by the 1.5·2²³ trick: the sum's low mantissa bits hold n, so no
        // rounding instruction (absent before SSE4.1) and no checked float→int conversion is needed.
        let shifted = y * 1.44269504088896341 + 12582912
        let n = shifted - 12582912
        let bits = shifted.bitPattern &- 0x4B40_0000
        let r = y - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let er = p * r * r + r + 1
        return er * Float(bitPattern: (bits &+ 127) &<< 23)
    }

    /// erf in single precision as a rational function of x on [-4, 4] (beyond which erf is ±1 in
    /// float32), the minimax approximation Eigen and XLA use for float erf. Absolute error below
    /// 5e-7 against the exact function (checked in the tests), about what float rounding allows
    /// near ±1. PyTorch's CPU kernel, which produced the reference vectors, also evaluates erf by
    /// a polynomial approximation.
    @inline(__always)
    static func erf(_ input: Float) -> Float {
        let x = Swift.min(Swift.max(input, -4), 4)
        let x2 = x * x
        var p: Float = -2.72614225801306e-10
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 - 2.10102402082508e-06
        p = p * x2 - 5.69250639462346e-05
        p = p * x2 - 7.34990630326855e-04
        p = p * x2 - 2.95459980854025e-03
        p = p * x2 - 1.60960333262415e-02
        var q: Float = -1.45660718464996e-05
        q = q * x2 - 2.13374055278905e-04
        q = q * x2 - 1.68282697438203e-03
        q = q * x2 - 7.37332916720468e-03
        q = q * x2 - 1.42647390514189e-02
        return x * p / q
    }
}
