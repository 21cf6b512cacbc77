/// Failures reported by BLAS/LAPACK wrappers, with LAPACK's `info` kept for diagnosis.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
    case dimensionMismatch(String)
    case notPositiveDefinite(routine: String, info: Int32)
    case illegalArgument(routine: String, info: Int32)

    public var description: String {
        switch self {
        case .dimensionMismatch(let what):
            return "dimension mismatch: \(what)"
        case .notPositiveDefinite(let routine, let info):
            return "\(routine): matrix is not positive definite (leading minor \(info) is not positive)"
        case .illegalArgument(let routine, let info):
            return "\(routine): argument \(-info) had an illegal value"
        }
    }
}
