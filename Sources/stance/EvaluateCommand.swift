import ArgumentParser
import Foundation
import StanceKit

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model on labelled data: accuracy, per-label precision, recall and F1, confusion matrix.",
        discussion: """
        Figures are defined as scikit-learn's classification_report defines them. A precision, \
        recall or F1 whose denominator is zero is shown as "undefined" and counts as 0 in averages. \
        A label the model does not know is an error that lists the unknown labels \
        (--skip-invalid skips those records instead).
        """)

    @Option(help: "Model file (default: the shipped default model).")
    var model: String?

    @Option(help: "Labelled data to score the model on.")
    var data: String

    @OptionGroup(title: "Input") var input: DataOptions

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    @OptionGroup var threadOptions: ThreadOptions

    func run() throws {
        try runReportingErrors {
            let loaded = try ModelFile.read(try ModelLocator.resolve(model))
            var examples = try input.read(data)
            let unknown = examples.filter { loaded.labels.index(of: $0.label!) == nil }
            if !unknown.isEmpty {
                let names = Array(Set(unknown.map { $0.label! })).sorted()
                if input.skipInvalid {
                    Terminal.note("\(data): skipped \(unknown.count) record\(unknown.count == 1 ? "" : "s") with labels the model does not know: \(names.joined(separator: ", "))")
                    examples.removeAll { loaded.labels.index(of: $0.label!) == nil }
                } else {
                    throw StanceError.unknownLabels(file: data, labels: names, firstLine: unknown[0].line)
                }
            }
            let truth = examples.map { loaded.labels.index(of: $0.label!)! }
            let predicted = loaded.predict(examples.map(\.text), threads: threadOptions.threads).map(\.label)
            let metrics = ClassificationMetrics(labels: loaded.labels.names, truth: truth, predicted: predicted)
            let out = OutputStream()
            switch format {
            case .json: out.line(try jsonString(metrics, pretty: true))
            case .text: MetricsPrinter.print(metrics, to: out)
            }
        }
    }
}

enum MetricsPrinter {
    static func value(_ v: Double?) -> String { v.map { $0.fixed(4) } ?? "undefined" }

    static func print(_ m: ClassificationMetrics, to out: OutputStream) {
        let width = max(12, (m.labels.map(\.count).max() ?? 0) + 2)
        func pad(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        func col(_ s: String) -> String { String(repeating: " ", count: max(0, 10 - s.count)) + s }
        out.line(pad("") + col("precision") + col("recall") + col("f1") + col("support"))
        for s in m.perLabel {
            out.line(pad(s.label) + col(value(s.precision)) + col(value(s.recall)) + col(value(s.f1)) + col(String(s.support)))
        }
        out.line()
        out.line(pad("accuracy") + col("") + col("") + col(value(m.accuracy)) + col(String(m.count)))
        out.line(pad("macro avg") + col(m.macro.precision.fixed(4)) + col(m.macro.recall.fixed(4)) + col(m.macro.f1.fixed(4)) + col(String(m.count)))
        out.line(pad("weighted avg") + col(m.weighted.precision.fixed(4)) + col(m.weighted.recall.fixed(4)) + col(m.weighted.f1.fixed(4)) + col(String(m.count)))
        out.line()
        out.line("confusion matrix (rows: true label, columns: predicted)")
        out.line(pad("") + m.labels.map { col(String($0.prefix(9))) }.joined())
        for (i, row) in m.confusion.enumerated() {
            out.line(pad(m.labels[i]) + row.map { col(String($0)) }.joined())
        }
    }
}
