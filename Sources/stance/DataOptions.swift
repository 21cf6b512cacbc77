import ArgumentParser
import LinearAlgebra
import StanceKit

extension DataFormat: ExpressibleByArgument {}

/// How to read labelled data files.
struct DataOptions: ParsableArguments {
    @Option(help: "Input format (default: from the file extension: .jsonl, .csv, .tsv, .txt).")
    var inputFormat: DataFormat?

    @Option(help: "Column holding the text (default: \"text\", else \"sentence\").")
    var textColumn: String?

    @Option(help: "Column holding the label (default: \"label\", else \"stance\").")
    var labelColumn: String?

    @Flag(help: "Report bad records on stderr and skip them instead of stopping at the first.")
    var skipInvalid = false

    func reader(requireLabels: Bool = true) -> DatasetReader {
        DatasetReader(format: inputFormat, textColumn: textColumn, labelColumn: labelColumn,
                      requireLabels: requireLabels, skipInvalid: skipInvalid)
    }

    /// Reads every valid example, reporting skipped records.
    func read(_ path: String, requireLabels: Bool = true) throws -> [LabelledExample] {
        var skipped = 0
        let examples = try reader(requireLabels: requireLabels).read(path: path) { error in
            skipped += 1
            Terminal.error("skipped: \(error)")
        }
        if skipped > 0 { Terminal.note("\(path): skipped \(skipped) invalid record\(skipped == 1 ? "" : "s")") }
        return examples
    }
}

/// How many threads to use; results are the same for any count.
struct ThreadOptions: ParsableArguments {
    @Option(help: "Threads for feature extraction and the optimiser (default: all cores).")
    var threads: Int = ParallelLoop.availableThreads

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }
}
