import CBLAS

/// LAPACK solves, with `info` turned into errors. Fortran LAPACK is column-major; the matrices
/// passed here are symmetric, so row-major storage is its own transpose.
public enum LAPACK {
    /// Solves A·X = B for symmetric positive definite A (n × n) by Cholesky (`dposv`).
    /// `b` holds one right-hand side of length n. Throws `.notPositiveDefinite` when A is not.
    public static func solvePositiveDefinite(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        guard a.rows == a.columns, b.count == a.rows else {
            throw LinearAlgebraError.dimensionMismatch("dposv: \(a.rows)×\(a.columns) with rhs \(b.count)")
        }
        var n = Int32(a.rows), nrhs: Int32 = 1, lda = n, ldb = n, info: Int32 = 0
        var factor = a.values
        var x = b
        var uplo = CChar(UInt8(ascii: "U"))
        factor.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in
                dposv_(&uplo, &n, &nrhs, ap.baseAddress!, &lda, xp.baseAddress!, &ldb, &info, 1)
            }
        }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: "dposv", info: info) }
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "dposv", info: info) }
        return x
    }

    /// Cholesky factor of a symmetric positive definite matrix in single precision (`spotrf`),
    /// returned for repeated solves with `solveCholesky`.
    public static func choleskyFactor(_ a: [Float], n: Int) throws -> [Float] {
        guard a.count == n * n else { throw LinearAlgebraError.dimensionMismatch("spotrf: \(a.count) values for \(n)×\(n)") }
        var factor = a
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "U"))
        factor.withUnsafeMutableBufferPointer { ap in
            spotrf_(&uplo, &nn, ap.baseAddress!, &lda, &info, 1)
        }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: "spotrf", info: info) }
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "spotrf", info: info) }
        return factor
    }

    /// Solves A·x = b given the factor from `choleskyFactor` (`spotrs`).
    public static func solveCholesky(factor: [Float], n: Int, _ b: [Float]) throws -> [Float] {
        guard factor.count == n * n, b.count == n else {
            throw LinearAlgebraError.dimensionMismatch("spotrs: factor \(factor.count), rhs \(b.count), n \(n)")
        }
        var x = b
        var nn = Int32(n), nrhs: Int32 = 1, lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "U"))
        factor.withUnsafeBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in
                spotrs_(&uplo, &nn, &nrhs, ap.baseAddress!, &lda, xp.baseAddress!, &ldb, &info, 1)
            }
        }
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "spotrs", info: info) }
        return x
    }
}
