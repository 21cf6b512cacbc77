import Foundation
import LinearAlgebra

/// Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, algorithms 7.4,
/// 3.5 and 3.6). Vector arithmetic goes through BLAS level 1.
public struct LBFGS: Sendable {
    public var memory: Int = 10
    public var maxIterations: Int = 1000
    /// Stop when the largest gradient component is at most this.
    public var gradientTolerance: Double = 1e-5
    /// Stop when the relative decrease of f falls below this (scipy's factr · eps).
    public var relativeDecreaseTolerance: Double = 64 * Double.ulpOfOne

    public struct Result: Sendable {
        public let parameters: [Double]
        public let value: Double
        public let iterations: Int
        public let converged: Bool
        public let evaluations: Int
    }

    public init(memory: Int = 10, maxIterations: Int = 1000, gradientTolerance: Double = 1e-5) {
        self.memory = memory
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
    }

    /// Minimises `f`, which returns f(x) and writes ∇f(x) into its second argument.
    /// The correction pairs live in a ring of reused buffers, and the line search writes into
    /// buffers swapped with the iterate: no vector is allocated per iteration (fresh
    /// megabyte-sized arrays each iteration cost page faults that showed up in profiles).
    public func minimize(start: [Double], progress: ((Int, Double) -> Void)? = nil,
                         _ f: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var fx = f(x, &g)
        var evaluations = 1
        // Ring of the last `memory` pairs: pair j (0 = oldest) is in slot (oldest + j) % memory.
        var sRing = [[Double]](), yRing = [[Double]](), rho = [Double](repeating: 0, count: memory)
        var oldest = 0, stored = 0
        func slot(_ j: Int) -> Int { (oldest + j) % memory }
        var direction = [Double](repeating: 0, count: n)
        var sNew = [Double](repeating: 0, count: n), yNew = [Double](repeating: 0, count: n)
        var trialX = x, trialG = g
        var alpha = [Double](repeating: 0, count: memory)
        var iteration = 0
        var converged = LBFGS.maxAbs(g) <= gradientTolerance
        while !converged && iteration < maxIterations {
            iteration += 1
            // Two-loop recursion: direction = −H·g.
            BLAS.copy(g, into: &direction)
            for j in stride(from: stored - 1, through: 0, by: -1) {
                let k = slot(j)
                alpha[j] = rho[k] * BLAS.dot(sRing[k], direction)
                BLAS.axpy(-alpha[j], yRing[k], &direction)
            }
            if stored > 0 {
                let k = slot(stored - 1)
                BLAS.scale(BLAS.dot(sRing[k], yRing[k]) / BLAS.dot(yRing[k], yRing[k]), &direction)
            }
            for j in 0..<stored {
                let k = slot(j)
                let beta = rho[k] * BLAS.dot(yRing[k], direction)
                BLAS.axpy(alpha[j] - beta, sRing[k], &direction)
            }
            BLAS.scale(-1, &direction)
            var slope = BLAS.dot(g, direction)
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0
                oldest = 0
                BLAS.copy(g, into: &direction)
                BLAS.scale(-1, &direction)
                slope = BLAS.dot(g, direction)
            }
            let initialStep = stored == 0 ? min(1, 1 / max(BLAS.norm2(g), 1e-12)) : 1
            let search = lineSearch(x: x, fx: fx, g: g, direction: direction, slope: slope,
                                    initialStep: initialStep, trialX: &trialX, trialG: &trialG, f: f)
            evaluations += search.evaluations
            guard let step = search.step else { break }
            BLAS.copy(direction, into: &sNew)
            BLAS.scale(step, &sNew)
            BLAS.copy(trialG, into: &yNew)
            BLAS.axpy(-1, g, &yNew)
            let sy = BLAS.dot(sNew, yNew)
            let previous = fx
            swap(&x, &trialX)
            swap(&g, &trialG)
            fx = search.value
            if sy > 1e-12 * BLAS.dot(yNew, yNew) {
                let k: Int
                if stored < memory {
                    k = slot(stored)
                    stored += 1
                } else {
                    k = oldest
                    oldest = (oldest + 1) % memory
                }
                if k == sRing.count {
                    sRing.append([])
                    yRing.append([])
                }
                // The slot takes the new pair's buffers; its old ones become the next scratch.
                swap(&sRing[k], &sNew)
                swap(&yRing[k], &yNew)
                if sNew.count != n { sNew = [Double](repeating: 0, count: n); yNew = [Double](repeating: 0, count: n) }
                rho[k] = 1 / sy
            }
            progress?(iteration, fx)
            if LBFGS.maxAbs(g) <= gradientTolerance { converged = true; break }
            if (previous - fx) / max(abs(previous), abs(fx), 1) <= relativeDecreaseTolerance { converged = true; break }
        }
        return Result(parameters: x, value: fx, iterations: iteration, converged: converged, evaluations: evaluations)
    }

    struct LineSearchResult {
        /// The accepted step (its point and gradient are left in trialX and trialG), or nil.
        var step: Double?
        var value: Double
        var evaluations: Int
    }

    /// Finds a step satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9).
    func lineSearch(x: [Double], fx: Double, g: [Double], direction: [Double], slope: Double,
                    initialStep: Double, trialX: inout [Double], trialG: inout [Double],
                    f: ([Double], inout [Double]) -> Double) -> LineSearchResult {
        let c1 = 1e-4, c2 = 0.9
        var evaluations = 0
        func evaluate(_ a: Double) -> (Double, Double) {
            BLAS.copy(x, into: &trialX)
            BLAS.axpy(a, direction, &trialX)
            let v = f(trialX, &trialG)
            evaluations += 1
            return (v, BLAS.dot(trialG, direction))
        }
        func accept(_ a: Double, _ v: Double) -> LineSearchResult {
            LineSearchResult(step: a, value: v, evaluations: evaluations)
        }
        func zoom(_ lo0: Double, _ flo0: Double, _ dlo0: Double, _ hi0: Double, _ fhi0: Double, _ dhi0: Double) -> LineSearchResult {
            var (lo, flo, dlo, hi, fhi, dhi) = (lo0, flo0, dlo0, hi0, fhi0, dhi0)
            for _ in 0..<40 {
                var a = LBFGS.cubicMinimizer(lo, flo, dlo, hi, fhi, dhi)
                let width = abs(hi - lo)
                if !a.isFinite || abs(a - lo) < 0.1 * width || abs(a - hi) < 0.1 * width { a = (lo + hi) / 2 }
                let (v, d) = evaluate(a)
                if !v.isFinite || v > fx + c1 * a * slope || v >= flo {
                    (hi, fhi, dhi) = (a, v, d)
                } else {
                    if abs(d) <= -c2 * slope { return accept(a, v) }
                    if d * (hi - lo) >= 0 { (hi, fhi, dhi) = (lo, flo, dlo) }
                    (lo, flo, dlo) = (a, v, d)
                }
                if abs(hi - lo) < 1e-16 * max(1, abs(lo)) { break }
            }
            // Could not meet the curvature condition; take the best sufficient-decrease point found.
            if lo > 0 {
                let (v, _) = evaluate(lo)
                return accept(lo, v)
            }
            return LineSearchResult(step: nil, value: fx, evaluations: evaluations)
        }
        var previousStep = 0.0, previousValue = fx, previousSlope = slope
        var a = initialStep
        for i in 0..<40 {
            let (v, d) = evaluate(a)
            if !v.isFinite {
                a /= 2     // overflow: back off before bracketing
                continue
            }
            if v > fx + c1 * a * slope || (i > 0 && v >= previousValue) {
                return zoom(previousStep, previousValue, previousSlope, a, v, d)
            }
            if abs(d) <= -c2 * slope { return accept(a, v) }
            if d >= 0 { return zoom(a, v, d, previousStep, previousValue, previousSlope) }
            (previousStep, previousValue, previousSlope) = (a, v, d)
            a *= 2
        }
        return LineSearchResult(step: nil, value: fx, evaluations: evaluations)
    }

    /// Minimiser of the cubic through (a, fa, da) and (b, fb, db).
    static func cubicMinimizer(_ a: Double, _ fa: Double, _ da: Double, _ b: Double, _ fb: Double, _ db: Double) -> Double {
        let d1 = da + db - 3 * (fa - fb) / (a - b)
        let disc = d1 * d1 - da * db
        guard disc >= 0 else { return .nan }
        let d2 = (b > a ? 1.0 : -1.0) * disc.squareRoot()
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2)
    }

    static func maxAbs(_ v: [Double]) -> Double {
        v.reduce(0) { max($0, abs($1)) }
    }
}
