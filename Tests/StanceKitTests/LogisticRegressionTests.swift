import Foundation
import LinearAlgebra
import Testing
@testable import StanceKit

@Suite struct LogisticRegressionTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let X: [[Double]]
            let y: [Int]
            let classes: Int
            let C: Double
            let class_weight: String
            let coef: [[Double]]        // labels × features
            let intercept: [Double]     // centred
            let probabilities: [[Double]]
        }
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "logistic", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// The same rows as a sparse block (zeros dropped) or as a dense block.
    static func features(_ rows: [[Double]], dense: Bool) -> FeatureMatrix {
        if dense {
            let empty = SparseMatrix.emptyRows(rows.count)
            return FeatureMatrix(sparse: empty, dense: Matrix(rows))
        }
        var s = SparseMatrix(columns: rows[0].count)
        for r in rows { s.appendRow(r.enumerated().filter { $0.element != 0 }.map { (Int32($0.offset), $0.element) }) }
        return FeatureMatrix(sparse: s)
    }

    @Test(arguments: [(0, false), (1, false), (2, false), (3, false), (0, true), (1, true), (3, true)])
    func agreesWithScikitLearn(caseIndex: Int, dense: Bool) throws {
        let c = try Self.fixture().cases[caseIndex]
        let x = Self.features(c.X, dense: dense)
        for solver in [LogisticRegression.Solver.lbfgs, .newton] {
            let model = try LogisticRegression(.init(C: c.C, classWeight: .init(rawValue: c.class_weight)!,
                                                     solver: solver, tolerance: 1e-10))
                .fit(x, targets: c.y, classCount: c.classes)
            #expect(model.converged)
            for j in 0..<c.X[0].count {
                for k in 0..<c.classes {
                    #expect(abs(model.weight(feature: j, label: k) - c.coef[k][j]) < 1e-3,
                            "\(solver) coef[\(k)][\(j)]")
                }
            }
            let b = Array(model.intercepts)
            let mean = b.reduce(0, +) / Double(b.count)
            for k in 0..<c.classes { #expect(abs(b[k] - mean - c.intercept[k]) < 1e-3, "\(solver) intercept \(k)") }
            let p = model.predictProbabilities(x)
            for i in 0..<c.y.count {
                for k in 0..<c.classes { #expect(abs(p[i, k] - c.probabilities[i][k]) < 1e-4) }
            }
        }
    }

    @Test(arguments: [false, true])
    func gradientMatchesFiniteDifferences(dense: Bool) throws {
        let c = try Self.fixture().cases[1]
        let x = Self.features(c.X, dense: dense)
        let loss = SoftmaxLoss(features: x, targets: c.y,
                               sampleWeights: LogisticRegression.sampleWeights(c.y, classCount: 3, .balanced),
                               classCount: 3, C: 0.7)
        var generator = SeededGenerator(seed: 11)
        let theta = (0..<loss.parameterCount).map { _ in Double.random(in: -1...1, using: &generator) }
        var gradient = [Double](repeating: 0, count: theta.count)
        _ = loss.evaluate(theta, gradient: &gradient)
        var scratch = gradient
        let h = 1e-6
        for j in 0..<theta.count {
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            let numeric = (loss.evaluate(plus, gradient: &scratch) - loss.evaluate(minus, gradient: &scratch)) / (2 * h)
            let tolerance = 1e-7 * max(1, abs(numeric))
            #expect(abs(numeric - gradient[j]) < tolerance, "parameter \(j)")
        }
    }

    @Test func hessianMatchesFiniteDifferencesOfGradient() throws {
        let c = try Self.fixture().cases[0]
        let x = Self.features(c.X, dense: true)
        let loss = SoftmaxLoss(features: x, targets: c.y, sampleWeights: Array(repeating: 1, count: c.y.count),
                               classCount: 3, C: 1)
        let theta = (0..<loss.parameterCount).map { Double($0 % 7) / 10 - 0.3 }
        let hessian = loss.hessian(theta, denseFeatures: x.densified)
        var g1 = theta, g2 = theta
        let h = 1e-6
        for j in 0..<theta.count {
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            _ = loss.evaluate(plus, gradient: &g1)
            _ = loss.evaluate(minus, gradient: &g2)
            for i in 0..<theta.count {
                let numeric: Double = (g1[i] - g2[i]) / (2 * h)
                #expect(abs(numeric - hessian[i, j]) < 1e-6, "H[\(i), \(j)]")
            }
        }
    }

    @Test func newtonReachesTheLBFGSOptimumInFarFewerIterations() throws {
        let c = try Self.fixture().cases[3]
        let x = Self.features(c.X, dense: true)
        let configuration = LogisticRegression.Configuration(C: c.C, tolerance: 1e-8)
        var lbfgsConfiguration = configuration
        lbfgsConfiguration.solver = .lbfgs
        var newtonConfiguration = configuration
        newtonConfiguration.solver = .newton
        let viaLBFGS = try LogisticRegression(lbfgsConfiguration).fit(x, targets: c.y, classCount: c.classes)
        let viaNewton = try LogisticRegression(newtonConfiguration).fit(x, targets: c.y, classCount: c.classes)
        #expect(viaNewton.solver == .newton)
        #expect(abs(viaNewton.loss - viaLBFGS.loss) < 1e-10)
        #expect(viaNewton.iterations * 3 < viaLBFGS.iterations, "Newton \(viaNewton.iterations), L-BFGS \(viaLBFGS.iterations)")
        for j in 0..<(x.columns * c.classes) {
            #expect(abs(viaNewton.parameters[j] - viaLBFGS.parameters[j]) < 1e-5)
        }
    }

    @Test func balancedWeightsSumToSampleCount() {
        let w = LogisticRegression.sampleWeights([0, 0, 0, 1], classCount: 2, .balanced)
        let expected: [Double] = [4.0 / 6, 4.0 / 6, 4.0 / 6, 2]
        #expect(w == expected)
    }

    @Test func rejectsSingleLabelAndBadC() {
        let x = Self.features([[1, 0], [0, 1]], dense: false)
        #expect(throws: StanceError.self) { try LogisticRegression().fit(x, targets: [0, 0], classCount: 1) }
        #expect(throws: StanceError.self) { try LogisticRegression(.init(C: 0)).fit(x, targets: [0, 1], classCount: 2) }
    }
}

extension SparseMatrix {
    /// A sparse block with no columns and `rows` empty rows.
    static func emptyRows(_ rows: Int) -> SparseMatrix {
        var s = SparseMatrix(columns: 0)
        for _ in 0..<rows { s.appendRow([]) }
        return s
    }
}
