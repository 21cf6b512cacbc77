/// What a model was trained on and how: stored in the model file and printed by `train`
/// and `inspect`.
public struct TrainingSummary: Sendable, Codable, Equatable {
    public struct GridPoint: Sendable, Codable, Equatable {
        public let C: Double
        public let scores: [Double]
        public let mean: Double
        public let standardDeviation: Double
    }

    public struct CrossValidationReport: Sendable, Codable, Equatable {
        public let folds: Int
        public let metric: String
        public let seed: UInt64
        public let grid: [GridPoint]
        public let bestC: Double
    }

    public struct DevReport: Sendable, Codable, Equatable {
        public let examples: Int
        public let accuracy: Double?
        public let macroF1: Double
        public let weightedF1: Double
    }

    public let examples: Int
    public let labelCounts: [String: Int]
    public let features: Int
    public let C: Double
    public let classWeight: LogisticRegression.ClassWeight
    public let solver: LogisticRegression.Solver
    public let iterations: Int
    public let converged: Bool
    public let finalLoss: Double
    public let crossValidation: CrossValidationReport?
    public let dev: DevReport?
    /// FNV-1a 64 over the training texts and labels, in order.
    public let dataFingerprint: String
    public let toolVersion: String
}
