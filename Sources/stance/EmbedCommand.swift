import ArgumentParser
import Foundation
import SentenceEncoder
import StanceKit

enum EmbedFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, npy
}

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Write the sentence encoder's vectors of texts (JSON Lines or a float32 .npy).",
        discussion: """
        Reads texts like `stance classify --input` (JSON Lines, CSV or TSV with a text column, or one \
        text per line; "-" for standard input) and writes one L2-normalised all-MiniLM-L6-v2 vector \
        per text, in input order: JSON Lines records {"id", "text", "tokens" (word pieces the model \
        read, [CLS] and [SEP] included, after truncation), "vector"}, or a NumPy .npy file of shape \
        (texts, 384), float32. Needs the encoder: run Scripts/fetch-encoder once.

        Example: stance embed --input sentences.txt --format npy --output sentences.npy
        """)

    @Option(help: "Texts to encode (\"-\" for standard input).")
    var input: String

    @Option(help: "Format of the input (default: from the extension; plain text for stdin).")
    var inputFormat: DataFormat?

    @Option(help: "Column holding the text in structured input (default: \"text\", else \"sentence\").")
    var textColumn: String?

    @Option(help: "Output format.")
    var format: EmbedFormat = .jsonl

    @Option(help: "Output file (required for npy; JSON Lines go to standard output by default).")
    var output: String?

    @Option(help: "Directory of the sentence encoder (default: Models/encoders/all-MiniLM-L6-v2).")
    var encoder: String?

    @Option(help: "Texts encoded per batch (JSON Lines output is written batch by batch); large batches keep every core busy.")
    var batchSize = 8192

    @Flag(help: "Report bad input records on stderr and skip them instead of stopping.")
    var skipInvalid = false

    func validate() throws {
        if format == .npy && output == nil { throw ValidationError("--format npy needs --output FILE") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let opened = try EncoderLocator(explicitDirectory: encoder).open()
            let reader = DatasetReader(format: inputFormat ?? (input == "-" ? .text : nil), textColumn: textColumn,
                                       requireLabels: false, skipInvalid: skipInvalid)
            let out = OutputStream()
            var lines = [UInt8]()
            var floats = [Float]()
            var count = 0
            var batch = [LabelledExample]()
            func flush() throws {
                guard !batch.isEmpty else { return }
                let vectors = try opened.encode(batch.map(\.text))
                count += vectors.count
                for (example, vector) in zip(batch, vectors) {
                    switch format {
                    case .npy: floats.append(contentsOf: vector)
                    case .jsonl:
                        // Written by hand: JSONEncoder spent longer on 384 floats than the encoder did.
                        var line = [UInt8]()
                        line.reserveCapacity(4096)
                        JSONText.append(raw: "{", to: &line)
                        if let id = example.id {
                            JSONText.append(raw: "\"id\":", to: &line)
                            JSONText.append(id, to: &line)
                            JSONText.append(raw: ",", to: &line)
                        }
                        JSONText.append(raw: "\"text\":", to: &line)
                        JSONText.append(example.text, to: &line)
                        JSONText.append(raw: ",\"tokens\":\(opened.tokenize(example.text).count),\"vector\":[", to: &line)
                        for (i, v) in vector.enumerated() {
                            if i > 0 { line.append(0x2C) }
                            JSONText.append(raw: v.description, to: &line)
                        }
                        line += [0x5D, 0x7D, 0x0A]
                        if output == nil { out.write(line) } else { lines.append(contentsOf: line) }
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }
            try reader.forEach(path: input, warn: { Terminal.error("skipped: \($0)") }) { example in
                batch.append(example)
                if batch.count >= batchSize { try flush() }
            }
            try flush()
            out.flush()
            guard let output else { return }
            let bytes = format == .npy ? NumpyFile.float32Matrix(floats, rows: count, columns: opened.dimension) : lines
            try ModelFile.writeAtomically(bytes, to: output)
        }
    }
}

/// NumPy's .npy format, version 1.0: magic, header length, a Python-dict header padded so the
/// data starts on a 64-byte boundary, then the raw little-endian values.
enum NumpyFile {
    static func float32Matrix(_ values: [Float], rows: Int, columns: Int) -> [UInt8] {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        return bytes
    }
}
