import CBLAS

/// Thin, typed wrappers over CBLAS. Every unsafe BLAS call in the project lives in this module.
/// Matrices are row-major; BLAS integers are 32-bit.
public enum BLAS {
    public enum Transpose: Sendable {
        case none, transpose
        @usableFromInline var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    }

    // MARK: Level 1, double precision

    /// x · y
    @inlinable
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                dot(count: x.count, xp.baseAddress!, yp.baseAddress!)
            }
        }
    }

    @inlinable
    public static func dot(count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        guard count > 0 else { return 0 }
        return cblas_ddot(Int32(count), x, 1, y, 1)
    }

    /// y ← a·x + y
    @inlinable
    public static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths differ")
        guard !x.isEmpty else { return }
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                cblas_daxpy(Int32(xp.count), a, xp.baseAddress!, 1, yp.baseAddress!, 1)
            }
        }
    }

    @inlinable
    public static func axpy(count: Int, _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        guard count > 0 else { return }
        cblas_daxpy(Int32(count), a, x, 1, y, 1)
    }

    /// x ← a·x
    @inlinable
    public static func scale(_ a: Double, _ x: inout [Double]) {
        guard !x.isEmpty else { return }
        x.withUnsafeMutableBufferPointer { xp in
            cblas_dscal(Int32(xp.count), a, xp.baseAddress!, 1)
        }
    }

    /// ‖x‖₂
    @inlinable
    public static func norm2(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { cblas_dnrm2(Int32($0.count), $0.baseAddress!, 1) }
    }

    /// y ← x
    @inlinable
    public static func copy(_ x: [Double], into y: inout [Double]) {
        precondition(x.count == y.count, "copy: lengths differ")
        guard !x.isEmpty else { return }
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                cblas_dcopy(Int32(xp.count), xp.baseAddress!, 1, yp.baseAddress!, 1)
            }
        }
    }

    // MARK: Level 2 and 3, double precision

    /// y ← alpha·op(A)·x + beta·y, A row-major m × n.
    public static func gemv(_ a: Matrix, _ x: [Double], into y: inout [Double],
                            transA: Transpose = .none, alpha: Double = 1, beta: Double = 0) {
        let (outLen, inLen) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == inLen && y.count == outLen, "gemv: dimension mismatch")
        guard a.rows > 0, a.columns > 0 else {
            if beta == 0 { for i in y.indices { y[i] = 0 } } else { scale(beta, &y) }
            return
        }
        a.values.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(CblasRowMajor, transA.cblas, Int32(a.rows), Int32(a.columns), alpha,
                                ap.baseAddress!, Int32(a.columns), xp.baseAddress!, 1, beta, yp.baseAddress!, 1)
                }
            }
        }
    }

    /// C ← alpha·op(A)·op(B) + beta·C, all row-major.
    public static func gemm(_ a: Matrix, _ b: Matrix, into c: inout Matrix,
                            transA: Transpose = .none, transB: Transpose = .none,
                            alpha: Double = 1, beta: Double = 0) {
        let m = transA == .none ? a.rows : a.columns
        let k = transA == .none ? a.columns : a.rows
        let kb = transB == .none ? b.rows : b.columns
        let n = transB == .none ? b.columns : b.rows
        precondition(k == kb && c.rows == m && c.columns == n,
                     "gemm: \(m)×\(k) by \(kb)×\(n) into \(c.rows)×\(c.columns)")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if beta == 0 { c.fill(0) } else { scale(beta, &c.values) }
            return
        }
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                c.values.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
                                alpha, ap.baseAddress!, Int32(a.columns), bp.baseAddress!, Int32(b.columns),
                                beta, cp.baseAddress!, Int32(n))
                }
            }
        }
    }

    // MARK: Single precision (sentence encoder)

    /// C ← alpha·op(A)·op(B) + beta·C on raw row-major float buffers with explicit leading dimensions.
    /// m, n, k are the dimensions of op(A) (m × k), op(B) (k × n) and C (m × n).
    @inlinable
    public static func sgemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                             alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// x · y in single precision.
    @inlinable
    public static func sdot(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        guard count > 0 else { return 0 }
        return cblas_sdot(Int32(count), x, 1, y, 1)
    }

    /// y ← a·x + y in single precision.
    @inlinable
    public static func saxpy(count: Int, _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        cblas_saxpy(Int32(count), a, x, 1, y, 1)
    }

    /// x ← a·x in single precision.
    @inlinable
    public static func sscal(count: Int, _ a: Float, _ x: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        cblas_sscal(Int32(count), a, x, 1)
    }
}
