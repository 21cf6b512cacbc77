import Testing
@testable import LinearAlgebra

@Suite struct LAPACKTests {
    @Test func solvesPositiveDefiniteSystem() throws {
        let a = Matrix([[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        let xTrue = [1.0, -2, 3]
        var b = [0.0, 0, 0]
        BLAS.gemv(a, xTrue, into: &b)
        let x = try LAPACK.solvePositiveDefinite(a, b)
        for i in 0..<3 { #expect(abs(x[i] - xTrue[i]) < 1e-12) }
    }

    @Test func reportsIndefiniteMatrix() {
        let a = Matrix([[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dposv", info: 2)) {
            try LAPACK.solvePositiveDefinite(a, [1, 1])
        }
    }

    @Test func singlePrecisionCholeskyRoundTrip() throws {
        let a: [Float] = [4, 2, 2, 3]
        let factor = try LAPACK.choleskyFactor(a, n: 2)
        let x = try LAPACK.solveCholesky(factor: factor, n: 2, [6, 5])
        #expect(abs(x[0] - 1) < 1e-5 && abs(x[1] - 1) < 1e-5)
    }

    @Test func dimensionMismatchIsAnError() {
        #expect(throws: LinearAlgebraError.self) {
            try LAPACK.solvePositiveDefinite(Matrix(rows: 2, columns: 3), [1, 2])
        }
    }
}
