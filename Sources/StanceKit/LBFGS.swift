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
    public func minimize(start: [Double], progress: ((Int, Double) -> Void)? = nil,
                         _ f: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var fx = f(x, &g)
        var evaluations = 1
        var s = [[Double]](), y = [[Double]](), rho = [Double]()
        var direction = [Double](repeating: 0, count: n)
        var alpha = [Double](repeating: 0, count: memory)
        var iteration = 0
        var converged = LBFGS.maxAbs(g) <= gradientTolerance
        while !converged && iteration < maxIterations {
            iteration += 1
            // Two-loop recursion: direction = −H·g.
            BLAS.copy(g, into: &direction)
            for j in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[j] = rho[j] * BLAS.dot(s[j], direction)
                BLAS.axpy(-alpha[j], y[j], &direction)
            }
            if let lastS = s.last, let lastY = y.last {
                BLAS.scale(BLAS.dot(lastS, lastY) / BLAS.dot(lastY, lastY), &direction)
            }
            for j in 0..<s.count {
                let beta = rho[j] * BLAS.dot(y[j], direction)
                BLAS.axpy(alpha[j] - beta, s[j], &direction)
            }
            BLAS.scale(-1, &direction)
            var slope = BLAS.dot(g, direction)
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.removeAll(); y.removeAll(); rho.removeAll()
                BLAS.copy(g, into: &direction)
                BLAS.scale(-1, &direction)
                slope = BLAS.dot(g, direction)
            }
            let initialStep = s.isEmpty ? min(1, 1 / max(BLAS.norm2(g), 1e-12)) : 1
            let search = lineSearch(x: x, fx: fx, g: g, direction: direction, slope: slope,
                                    initialStep: initialStep, f: f)
            evaluations += search.evaluations
            guard let step = search.step else { break }
            var sNew = direction
            BLAS.scale(step, &sNew)
            var yNew = search.gradient
            BLAS.axpy(-1, g, &yNew)
            let sy = BLAS.dot(sNew, yNew)
            let previous = fx
            x = search.x
            fx = search.value
            g = search.gradient
            if sy > 1e-12 * BLAS.dot(yNew, yNew) {
                if s.count == memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(sNew); y.append(yNew); rho.append(1 / sy)
            }
            progress?(iteration, fx)
            if LBFGS.maxAbs(g) <= gradientTolerance { converged = true; break }
            if (previous - fx) / max(abs(previous), abs(fx), 1) <= relativeDecreaseTolerance { converged = true; break }
        }
        return Result(parameters: x, value: fx, iterations: iteration, converged: converged, evaluations: evaluations)
    }

    struct LineSearchResult {
        var step: Double?
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var evaluations: Int
    }

    /// Finds a step satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9).
    func lineSearch(x: [Double], fx: Double, g: [Double], direction: [Double], slope: Double,
                    initialStep: Double, f: ([Double], inout [Double]) -> Double) -> LineSearchResult {
        let c1 = 1e-4, c2 = 0.9
        var evaluations = 0
        var trialX = x
        var trialG = g
        func evaluate(_ a: Double) -> (Double, Double) {
            BLAS.copy(x, into: &trialX)
            BLAS.axpy(a, direction, &trialX)
            let v = f(trialX, &trialG)
            evaluations += 1
            return (v, BLAS.dot(trialG, direction))
        }
        func accept(_ a: Double, _ v: Double) -> LineSearchResult {
            LineSearchResult(step: a, x: trialX, value: v, gradient: trialG, evaluations: evaluations)
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
            return LineSearchResult(step: nil, x: x, value: fx, gradient: g, evaluations: evaluations)
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
        return LineSearchResult(step: nil, x: x, value: fx, gradient: g, evaluations: evaluations)
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
