import Testing
@testable import LinearAlgebra

@Suite struct BLASTests {
    @Test func dotAxpyScaleNorm() {
        let x = [1.0, 2, 3], y0 = [4.0, -5, 6]
        #expect(BLAS.dot(x, y0) == 12)
        var y = y0
        BLAS.axpy(2, x, &y)
        #expect(y == [6, -1, 12])
        BLAS.scale(0.5, &y)
        #expect(y == [3, -0.5, 6])
        #expect(abs(BLAS.norm2([3, 4]) - 5) < 1e-12)
    }

    @Test func gemmMatchesHandProduct() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(a.multiplied(by: b) == Matrix([[58, 64], [139, 154]]))
        var c = Matrix(rows: 3, columns: 3)
        BLAS.gemm(a, a, into: &c, transA: .transpose)   // AᵀA
        #expect(c == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    }

    @Test func gemvBothWays() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        var y = [0.0, 0, 0]
        BLAS.gemv(a, [1, 1], into: &y)
        #expect(y == [3, 7, 11])
        var z = [0.0, 0]
        BLAS.gemv(a, [1, 0, 1], into: &z, transA: .transpose)
        #expect(z == [6, 8])
    }

    @Test func sgemmWithLeadingDimensions() {
        // A is 2×2 taken from a 2×3 buffer (lda 3).
        let a: [Float] = [1, 2, 99, 3, 4, 99]
        let b: [Float] = [1, 0, 0, 1]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    BLAS.sgemm(.none, .none, m: 2, n: 2, k: 2, a: ap.baseAddress!, lda: 3,
                               b: bp.baseAddress!, ldb: 2, c: cp.baseAddress!, ldc: 2)
                }
            }
        }
        #expect(c == [1, 2, 3, 4])
    }
}
