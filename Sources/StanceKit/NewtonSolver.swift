import Foundation
import LinearAlgebra

/// Newton's method for the softmax loss on small dense problems: the Hessian is formed with
/// BLAS and each step solved by Cholesky (LAPACK `dposv`), with a backtracking line search.
/// Returns nil when the Hessian is not positive definite, so the caller can fall back to L-BFGS.
struct NewtonSolver {
    var maxIterations: Int
    var gradientTolerance: Double

    /// The softmax is unchanged when the same constant is added to every intercept, so the
    /// Hessian is singular along that direction; this tiny ridge on the intercepts removes it.
    static let interceptRidge = 1e-10

    func minimize(_ loss: SoftmaxLoss, start: [Double], progress: ((Int, Double) -> Void)?) -> LBFGS.Result? {
        let dense = loss.features.densified
        var x = start
        var g = [Double](repeating: 0, count: x.count)
        var fx = loss.evaluate(x, gradient: &g)
        var evaluations = 1
        var iteration = 0
        let k = loss.classCount
        let d = loss.features.columns
        while LBFGS.maxAbs(g) > gradientTolerance && iteration < maxIterations {
            iteration += 1
            var h = loss.hessian(x, denseFeatures: dense)
            for c in 0..<k { h[d * k + c, d * k + c] += NewtonSolver.interceptRidge }
            var negative = g
            BLAS.scale(-1, &negative)
            guard let step = try? LAPACK.solvePositiveDefinite(h, negative) else { return nil }
            let slope = BLAS.dot(g, step)
            guard slope < 0 else { return nil }
            var t = 1.0
            var trial = x
            var trialG = g
            var accepted = false
            for _ in 0..<50 {
                BLAS.copy(x, into: &trial)
                BLAS.axpy(t, step, &trial)
                let v = loss.evaluate(trial, gradient: &trialG)
                evaluations += 1
                if v.isFinite && v <= fx + 1e-4 * t * slope {
                    x = trial; g = trialG; fx = v
                    accepted = true
                    break
                }
                t /= 2
            }
            guard accepted else { break }
            progress?(iteration, fx)
        }
        return LBFGS.Result(parameters: x, value: fx, iterations: iteration,
                            converged: LBFGS.maxAbs(g) <= gradientTolerance, evaluations: evaluations)
    }
}
