import Foundation
import StanceKit

/// Labelled examples ready to be scored against a model's labels: the examples whose label the
/// model knows, their label indices, and what was left out.
struct ScoringData {
    let examples: [LabelledExample]
    let truth: [Int]
    let leftOut: EvaluationReport.LeftOut?

    /// Reads `path`. A label the model does not know is an error listing every unknown label,
    /// unless `ignoreUnknown` (or `--skip-invalid`) leaves those examples out.
    static func load(_ path: String, input: DataOptions, labels: LabelSet, ignoreUnknown: Bool) throws -> ScoringData {
        var examples = try input.read(path)
        let unknown = examples.filter { labels.index(of: $0.label!) == nil }
        var leftOut: EvaluationReport.LeftOut?
        if !unknown.isEmpty {
            let names = Set(unknown.map { $0.label! }).sorted()
            guard ignoreUnknown || input.skipInvalid else {
                throw StanceError.unknownLabels(file: path, labels: names, firstLine: unknown[0].line)
            }
            let plural = unknown.count == 1 ? "" : "s"
            if ignoreUnknown {
                Terminal.note("\(path): left out \(unknown.count) example\(plural) with labels the model does not know (\(names.joined(separator: ", "))); scoring the other \(examples.count - unknown.count)")
            } else {
                Terminal.note("\(path): skipped \(unknown.count) record\(plural) with labels the model does not know: \(names.joined(separator: ", "))")
            }
            examples.removeAll { labels.index(of: $0.label!) == nil }
            leftOut = .init(count: unknown.count, labels: names)
        }
        return ScoringData(examples: examples, truth: examples.map { labels.index(of: $0.label!)! }, leftOut: leftOut)
    }

    /// Each example's probability of every label (no call into the model for no examples).
    /// A damaged model could give NaN; that is reported rather than turned into NaN figures.
    func probabilities(_ model: StanceModel, path: String, threads: Int) throws -> [[Double]] {
        guard !examples.isEmpty else { return [] }
        let rows = try model.predict(examples.map(\.text), threads: threads).map(\.probabilities)
        if let bad = rows.firstIndex(where: { !$0.allSatisfy(\.isFinite) }) {
            throw StanceError.modelFile(path: path, "the model gives non-finite probabilities (line \(examples[bad].line) of the data)")
        }
        return rows
    }
}
