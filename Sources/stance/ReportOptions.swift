import ArgumentParser
import Foundation
import StanceKit

extension ReportFormat: ExpressibleByArgument {}

/// How `evaluate`, `cv` and `compare` report: format, destination, and the settings of the
/// error analysis, bootstrap and calibration. (`--seed` is declared by each command, because
/// `cv` takes it from the training options.)
struct ReportOptions: ParsableArguments {
    @Option(help: "Report format: text, json, markdown, or html (one self-contained file with charts).")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output (atomically: a temporary file renamed into place, so FILE is never left half-written).",
                               valueName: "file"))
    var output: String?

    @Option(help: "How many of the most confident mistakes and of the least confident correct answers to list.")
    var errors = 10

    @Option(help: "Bootstrap resamples for the 95% percentile intervals of accuracy, macro and weighted F1 and per-label precision, recall and F1 (0: no intervals).")
    var bootstrap = 1000

    @Option(help: "Equal-width bins of the top-label confidence (the predicted label's probability) for the expected calibration error and the reliability diagram.")
    var bins = 10

    func validate() throws {
        guard errors >= 0 else { throw ValidationError("--errors must not be negative") }
        guard bootstrap == 0 || bootstrap >= 100 else {
            throw ValidationError("--bootstrap needs at least 100 resamples for a 95% interval (or 0 for none), not \(bootstrap)")
        }
        guard bootstrap <= 1_000_000 else { throw ValidationError("--bootstrap is limited to 1000000 resamples") }
        guard (1...1000).contains(bins) else { throw ValidationError("--bins must be between 1 and 1000") }
        if let output, output != "-" {
            guard !output.isEmpty else { throw ValidationError("--output needs a file name") }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("--output \(output) is a directory")
            }
            let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--output: no directory \(directory)")
            }
        }
    }

    func evaluationOptions(seed: UInt64) -> EvaluationReport.Options {
        EvaluationReport.Options(errors: errors, bootstrapResamples: bootstrap, seed: seed, bins: bins)
    }

    /// Renders the whole report first, then writes it in one go: a failure leaves no output file.
    func emit(_ document: ReportDocument) throws {
        let text = try ReportRenderer(format).render(document)
        if let output, output != "-" {
            try ModelFile.writeAtomically(Array(text.utf8), to: output)
            Terminal.note("wrote \(output)")
        } else {
            let out = OutputStream()
            out.write(text)
            out.flush()
        }
    }
}
