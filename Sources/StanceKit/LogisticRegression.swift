import Foundation
import LinearAlgebra

/// Multinomial (softmax) logistic regression with an L2 penalty, as scikit-learn's
/// `LogisticRegression(multi_class="multinomial")`: `C` is the inverse penalty strength,
/// intercepts are fitted per label and not penalised.
public struct LogisticRegression: Sendable {
    public enum ClassWeight: String, Sendable, Codable, CaseIterable {
        case none, balanced
    }

    public enum Solver: String, Sendable, Codable, CaseIterable {
        /// Newton when the features are dense and few enough, otherwise L-BFGS.
        case auto
        case lbfgs
        /// Newton's method with a Cholesky solve (LAPACK); falls back to L-BFGS when the
        /// Hessian is not positive definite.
        case newton
    }

    public struct Configuration: Sendable, Codable, Equatable {
        public var C: Double
        public var classWeight: ClassWeight
        public var solver: Solver
        public var maxIterations: Int
        /// Largest gradient component at convergence (scikit-learn's default `tol` is also 1e-4).
        public var tolerance: Double

        public init(C: Double = 1, classWeight: ClassWeight = .none, solver: Solver = .auto,
                    maxIterations: Int = 1000, tolerance: Double = 1e-4) {
            self.C = C
            self.classWeight = classWeight
            self.solver = solver
            self.maxIterations = maxIterations
            self.tolerance = tolerance
        }
    }

    /// Newton is used only up to this many parameters: the Hessian is parameters².
    public static let newtonParameterLimit = 6000

    public let configuration: Configuration

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Sample weights for `targets`: 1, or n / (labels · count of the sample's label) when balanced.
    public static func sampleWeights(_ targets: [Int], classCount: Int, _ classWeight: ClassWeight) -> [Double] {
        guard classWeight == .balanced else { return Array(repeating: 1, count: targets.count) }
        var counts = [Int](repeating: 0, count: classCount)
        for t in targets { counts[t] += 1 }
        let n = Double(targets.count)
        return targets.map { n / (Double(classCount) * Double(counts[$0])) }
    }

    /// Fits the model. `warmStart` (same shape) starts the optimiser from earlier parameters,
    /// which makes fitting along a grid of C much cheaper.
    public func fit(_ features: FeatureMatrix, targets: [Int], classCount: Int,
                    warmStart: FittedLogisticRegression? = nil, threads: Int = 1,
                    progress: ((Int, Double) -> Void)? = nil) throws -> FittedLogisticRegression {
        // BLAS runs single-threaded here: the sparse products run on our own threads (BLAS threads
        // would only spin beside them), the optimiser's vector operations are memory-bound, and a
        // fixed summation order inside BLAS keeps the model identical whatever the thread count.
        try BLASThreads.withSingleThread {
            try fitOnce(features, targets: targets, classCount: classCount, warmStart: warmStart, threads: threads, progress: progress)
        }
    }

    private func fitOnce(_ features: FeatureMatrix, targets: [Int], classCount: Int, warmStart: FittedLogisticRegression?,
                         threads: Int, progress: ((Int, Double) -> Void)?) throws -> FittedLogisticRegression {
        let c = configuration
        guard c.C > 0, c.C.isFinite else { throw StanceError.invalidOption("C must be a positive number, not \(c.C)") }
        guard classCount >= 2 else { throw StanceError.invalidOption("at least two labels are needed to train, found \(classCount)") }
        guard features.rows == targets.count, features.rows > 0 else {
            throw StanceError.invalidOption("no training examples")
        }
        let loss = SoftmaxLoss(features: features, targets: targets,
                               sampleWeights: LogisticRegression.sampleWeights(targets, classCount: classCount, c.classWeight),
                               classCount: classCount, C: c.C, threads: threads)
        var start = [Double](repeating: 0, count: loss.parameterCount)
        if let warmStart, warmStart.featureCount == features.columns, warmStart.classCount == classCount {
            start = warmStart.parameters
        }
        let useNewton: Bool
        switch c.solver {
        case .lbfgs: useNewton = false
        case .newton:
            guard loss.parameterCount <= LogisticRegression.newtonParameterLimit else {
                throw StanceError.invalidOption("Newton's method needs at most \(LogisticRegression.newtonParameterLimit) parameters; this model has \(loss.parameterCount); use --solver lbfgs")
            }
            useNewton = true
        case .auto:
            useNewton = features.sparseColumns == 0 && loss.parameterCount <= LogisticRegression.newtonParameterLimit
        }
        if useNewton {
            let newton = NewtonSolver(maxIterations: c.maxIterations, gradientTolerance: c.tolerance)
            if let result = newton.minimize(loss, start: start, progress: progress) {
                return FittedLogisticRegression(parameters: result.parameters, featureCount: features.columns,
                                                classCount: classCount, iterations: result.iterations,
                                                converged: result.converged, loss: result.value, solver: .newton)
            }
        }
        // Seven correction pairs: the two-loop recursion's vector passes are most of an
        // iteration's cost on sparse text problems, and seven converge in as many iterations as ten.
        let lbfgs = LBFGS(memory: 7, maxIterations: c.maxIterations, gradientTolerance: c.tolerance)
        let result = lbfgs.minimize(start: start, progress: progress) { theta, gradient in
            loss.evaluate(theta, gradient: &gradient)
        }
        return FittedLogisticRegression(parameters: result.parameters, featureCount: features.columns,
                                        classCount: classCount, iterations: result.iterations,
                                        converged: result.converged, loss: result.value, solver: .lbfgs)
    }
}

/// A fitted multinomial logistic regression: weights (features × labels) and intercepts.
public struct FittedLogisticRegression: Sendable, Equatable {
    /// [W row-major (features × labels), intercepts (labels)]
    public let parameters: [Double]
    public let featureCount: Int
    public let classCount: Int
    public let iterations: Int
    public let converged: Bool
    public let loss: Double
    public let solver: LogisticRegression.Solver

    public init(parameters: [Double], featureCount: Int, classCount: Int, iterations: Int,
                converged: Bool, loss: Double, solver: LogisticRegression.Solver) {
        precondition(parameters.count == (featureCount + 1) * classCount)
        self.parameters = parameters
        self.featureCount = featureCount
        self.classCount = classCount
        self.iterations = iterations
        self.converged = converged
        self.loss = loss
        self.solver = solver
    }

    @inlinable
    public func weight(feature: Int, label: Int) -> Double { parameters[feature * classCount + label] }

    public var intercepts: ArraySlice<Double> { parameters[(featureCount * classCount)...] }

    /// Scores XW + b (rows × labels).
    public func decisionFunction(_ features: FeatureMatrix, threads: Int = 1) -> Matrix {
        precondition(features.columns == featureCount, "model has \(featureCount) features, input \(features.columns)")
        return parameters.withUnsafeBufferPointer { SoftmaxLoss.scores(features, $0, classCount: classCount, threads: threads) }
    }

    /// Probabilities of each label (rows × labels).
    public func predictProbabilities(_ features: FeatureMatrix, threads: Int = 1) -> Matrix {
        var z = decisionFunction(features, threads: threads)
        SoftmaxLoss.softmaxInPlace(&z)
        return z
    }
}
