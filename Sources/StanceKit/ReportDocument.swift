/// What a report is about: one model's evaluation, a comparison of two models, or a
/// cross-validation. JSON output is the underlying value itself.
public enum ReportDocument: Sendable, Encodable, Equatable {
    case evaluation(EvaluationReport)
    case comparison(ModelComparison)
    case crossValidation(CrossValidationEvaluation)

    public var title: String {
        switch self {
        case .evaluation(let r):
            return "Evaluation of \(r.model ?? "the model") on \(r.data ?? "labelled data")"
        case .comparison(let c):
            return "Comparison of \(c.nameA) and \(c.nameB) on \(c.data ?? "labelled data")"
        case .crossValidation(let cv):
            return "\(cv.folds)-fold cross-validation on \(cv.data ?? "labelled data")"
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .evaluation(let r): try r.encode(to: encoder)
        case .comparison(let c): try c.encode(to: encoder)
        case .crossValidation(let cv): try cv.encode(to: encoder)
        }
    }
}
