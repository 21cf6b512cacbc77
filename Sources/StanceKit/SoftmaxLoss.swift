import Foundation
import LinearAlgebra

/// The penalised multinomial logistic loss scikit-learn minimises, scaled as it scales it:
///   f(W, b) = (1/S) Σᵢ sᵢ · (−log softmax(xᵢW + b)_{yᵢ}) + 1/(2·C·S) · ‖W‖²,   S = Σᵢ sᵢ,
/// with parameters packed as θ = [W row-major (features × labels), b (labels)].
/// Intercepts are not penalised. With two labels the penalty is doubled: the symmetric softmax
/// solution has W = [−w/2, w/2], so this makes C mean what it means in scikit-learn's binary model.
public struct SoftmaxLoss: @unchecked Sendable {
    public let features: FeatureMatrix
    public let targets: [Int]
    public let sampleWeights: [Double]
    public let classCount: Int
    public let penalty: Double          // 1 / (C · S), doubled for two labels
    let weightSum: Double
    /// Xᵀ of the sparse block, built once, so the gradient Xᵀ·R is a row-parallel CSR product too.
    let sparseTransposed: SparseMatrix

    /// Threads for the sparse products (results are the same for any count).
    public let threads: Int

    public init(features: FeatureMatrix, targets: [Int], sampleWeights: [Double], classCount: Int, C: Double,
                threads: Int = 1) {
        self.threads = threads
        precondition(features.rows == targets.count && targets.count == sampleWeights.count)
        self.features = features
        self.targets = targets
        self.sampleWeights = sampleWeights
        self.classCount = classCount
        weightSum = sampleWeights.reduce(0, +)
        sparseTransposed = features.sparse.transposed(threads: threads)
        penalty = (classCount == 2 ? 2 : 1) / (C * weightSum)
    }

    public var parameterCount: Int { (features.columns + 1) * classCount }
    var weightCount: Int { features.columns * classCount }

    /// Scores Z = XW + b (rows × labels) for parameters θ.
    public static func scores(_ features: FeatureMatrix, _ theta: UnsafeBufferPointer<Double>, classCount k: Int,
                              threads: Int = 1) -> Matrix {
        var z = Matrix(rows: features.rows, columns: k)
        let d = features.columns
        let ds = features.sparseColumns
        z.values.withUnsafeMutableBufferPointer { zp in
            let intercepts = theta.baseAddress! + d * k
            for i in 0..<features.rows { (zp.baseAddress! + i * k).update(from: intercepts, count: k) }
            features.sparse.multiply(theta.baseAddress!, k: k, into: zp.baseAddress!, threads: threads)
        }
        if let dense = features.dense, dense.columns > 0 {
            let wd = Matrix(rows: dense.columns, columns: k, values: Array(theta[(ds * k)..<(d * k)]))
            BLAS.gemm(dense, wd, into: &z, beta: 1)
        }
        return z
    }

    /// Turns scores into probabilities in place (row-wise softmax, stable), returning log-sum-exps.
    @discardableResult
    public static func softmaxInPlace(_ z: inout Matrix) -> [Double] {
        let k = z.columns
        var lse = [Double](repeating: 0, count: z.rows)
        z.values.withUnsafeMutableBufferPointer { zp in
            for i in 0..<z.rows {
                let (m, s) = softmax(row: zp.baseAddress! + i * k, count: k)
                lse[i] = m + log(s)
            }
        }
        return lse
    }

    /// Softmax of one row of `count` scores in place, shifted by their maximum for stability;
    /// returns that maximum and the sum of the shifted exponentials (log-sum-exp = m + log s).
    @inline(__always)
    static func softmax(row: UnsafeMutablePointer<Double>, count k: Int) -> (maximum: Double, sum: Double) {
        var m = -Double.infinity
        for c in 0..<k { m = max(m, row[c]) }
        var s = 0.0
        for c in 0..<k { let e = exp(row[c] - m); row[c] = e; s += e }
        for c in 0..<k { row[c] /= s }
        return (m, s)
    }

    /// f(θ), and its gradient written into `gradient`.
    public func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
        let k = classCount
        let d = features.columns
        let ds = features.sparseColumns
        var z = theta.withUnsafeBufferPointer { SoftmaxLoss.scores(features, $0, classCount: k, threads: threads) }
        var loss = 0.0
        // Log-likelihood from scores before they become probabilities.
        var logp = [Double](repeating: 0, count: features.rows)
        for i in 0..<features.rows { logp[i] = z[i, targets[i]] }
        let lse = SoftmaxLoss.softmaxInPlace(&z)
        for i in 0..<features.rows { loss += sampleWeights[i] * (lse[i] - logp[i]) }
        loss /= weightSum
        // Residuals R = (s/S) ∘ (P − Y), in place in z.
        for i in 0..<features.rows {
            z[i, targets[i]] -= 1
            let w = sampleWeights[i] / weightSum
            for c in 0..<k { z[i, c] *= w }
        }
        for i in gradient.indices { gradient[i] = 0 }
        gradient.withUnsafeMutableBufferPointer { gp in
            z.values.withUnsafeBufferPointer { rp in
                sparseTransposed.multiply(rp.baseAddress!, k: k, into: gp.baseAddress!, threads: threads)
            }
            let gb = gp.baseAddress! + d * k
            for i in 0..<features.rows {
                for c in 0..<k { gb[c] += z[i, c] }
            }
        }
        if let dense = features.dense, dense.columns > 0 {
            var gd = Matrix(rows: dense.columns, columns: k)
            BLAS.gemm(dense, z, into: &gd, transA: .transpose)
            for j in 0..<(dense.columns * k) { gradient[ds * k + j] = gd.values[j] }
        }
        // Penalty on W only.
        var penaltyValue = 0.0
        theta.withUnsafeBufferPointer { tp in
            gradient.withUnsafeMutableBufferPointer { gp in
                penaltyValue = BLAS.dot(count: d * k, tp.baseAddress!, tp.baseAddress!)
                BLAS.axpy(count: d * k, penalty, tp.baseAddress!, gp.baseAddress!)
            }
        }
        return loss + 0.5 * penalty * penaltyValue
    }

    /// The Hessian of f at θ (parameters × parameters, symmetric), for Newton's method on small,
    /// dense problems. Blocks (k, l) = (1/S) X̃ᵀ diag(sᵢ(δₖₗpᵢₖ − pᵢₖpᵢₗ)) X̃ with X̃ = [X 1], formed by gemm.
    public func hessian(_ theta: [Double], denseFeatures x: Matrix) -> Matrix {
        let k = classCount
        let d = x.columns
        let n = x.rows
        var p = theta.withUnsafeBufferPointer { SoftmaxLoss.scores(features, $0, classCount: k) }
        SoftmaxLoss.softmaxInPlace(&p)
        var xt = Matrix(rows: n, columns: d + 1)
        for i in 0..<n {
            for j in 0..<d { xt[i, j] = x[i, j] }
            xt[i, d] = 1
        }
        let dim = (d + 1) * k
        var h = Matrix(rows: dim, columns: dim)
        var scaled = Matrix(rows: n, columns: d + 1)
        var block = Matrix(rows: d + 1, columns: d + 1)
        for a in 0..<k {
            for b in a..<k {
                for i in 0..<n {
                    let w = sampleWeights[i] / weightSum * ((a == b ? p[i, a] : 0) - p[i, a] * p[i, b])
                    for j in 0...d { scaled[i, j] = w * xt[i, j] }
                }
                BLAS.gemm(xt, scaled, into: &block, transA: .transpose)
                for r in 0...d {
                    for c in 0...d {
                        let v = block[r, c]
                        h[r * k + a, c * k + b] = v
                        h[c * k + b, r * k + a] = v
                    }
                }
            }
        }
        for j in 0..<(d * k) { h[j, j] += penalty }
        return h
    }
}
