import ArgumentParser
import Foundation
import StanceKit

enum ClassifyFormat: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl, csv
    /// Articles only: one JSON document, or a Markdown report.
    case json, markdown
}

extension DocumentReader.Format: ExpressibleByArgument {}

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Label texts with a model: one output record per input text.",
        discussion: """
        Texts come from the arguments, from --input FILE (JSON Lines, CSV or TSV with a text column, \
        or plain text with one text per line), or from standard input when the only argument is "-". \
        Each output record has the label and every label's probability; JSON Lines output also \
        echoes the input record's "id". Input is read and classified in batches, so memory stays \
        flat on large files.

        With --article, each file (plain text, Markdown with front matter, JSON Lines of documents, \
        or a directory of them; "-" for standard input) is split into sentences; the output gives \
        every sentence's label and probabilities, then the article's summary: counts and shares per \
        label, the net stance index (hawkish − dovish) / sentences with a bootstrap 95% interval, \
        the probability-weighted index, the most hawkish and most dovish sentences, and the actors \
        named (from --actors, or the most frequent capitalised names).

        Examples:
          stance classify "Washington warned that sanctions would stay until Pyongyang disarms."
          stance classify --input sentences.txt --format jsonl
          cat sentences.jsonl | stance classify --input-format jsonl --format csv -
          stance classify --explain 5 "The envoy said the talks were constructive."
          stance classify --article Data/articles/north-korea-summits/2018-06-12-singapore-summit.md
          stance classify --article Data/articles/iran-deal --format json
        """)

    @Argument(help: "Texts to classify; \"-\" reads standard input.")
    var texts: [String] = []

    @Option(help: "Model file (default: the shipped default model, or $STANCE_MODEL).")
    var model: String?

    @Option(help: "File of texts to classify (\"-\" for standard input).")
    var input: String?

    @Option(help: "Format of --input or standard input (default: from the extension; plain text for stdin).")
    var inputFormat: DataFormat?

    @Option(help: "Column holding the text in structured input (default: \"text\", else \"sentence\").")
    var textColumn: String?

    @Option(help: "Output format (json and markdown need --article).")
    var format: ClassifyFormat = .table

    @Option(parsing: .upToNextOption, help: "Articles to classify sentence by sentence: files, directories, or - for standard input.")
    var article: [String] = []

    @Option(help: "Format of articles on standard input or with an unknown extension.")
    var articleFormat: DocumentReader.Format = .text

    @Option(help: "Actors to report, one per line: \"Bolton: John Bolton, National Security Adviser\".")
    var actors: String?

    @Option(help: "How many actors to list per article.")
    var topActors = 10

    @OptionGroup var scaleOptions: ScaleOptions

    @Option(help: "Seed for the bootstrap interval of the article index.")
    var seed: UInt64 = 1

    @Option(help: "Also show the K n-grams that pushed hardest toward the predicted label and against it.")
    var explain: Int?

    @Flag(help: "Report bad input records on stderr and skip them instead of stopping.")
    var skipInvalid = false

    @Option(help: "Texts classified per batch.")
    var batchSize = 4096

    @OptionGroup var threadOptions: ThreadOptions

    @Option(help: "Directory of the sentence encoder a model needs (default: Models/encoders/<name>).")
    var encoder: String?

    func validate() throws {
        if !article.isEmpty {
            if input != nil || !texts.isEmpty { throw ValidationError("--article cannot be combined with texts or --input") }
            if format == .csv { throw ValidationError("--format csv is for texts; use table, json, jsonl or markdown with --article") }
            if let explain, explain < 1 { throw ValidationError("--explain needs a positive number of n-grams") }
            guard topActors >= 0 else { throw ValidationError("--top-actors must not be negative") }
            return
        }
        if format == .json || format == .markdown { throw ValidationError("--format \(format.rawValue) needs --article") }
        if input != nil && !texts.isEmpty { throw ValidationError("give texts as arguments or --input, not both") }
        if texts.contains("-") && texts.count > 1 { throw ValidationError("\"-\" (standard input) cannot be mixed with texts") }
        if input == nil && texts.isEmpty { throw ValidationError("nothing to classify: give texts, --input FILE, or \"-\" for standard input") }
        if let explain, explain < 1 { throw ValidationError("--explain needs a positive number of n-grams") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let path = try ModelLocator.resolve(model)
            let loaded = try ModelFile.read(path, encoders: EncoderLocator(explicitDirectory: encoder, modelPath: path))
            if !article.isEmpty {
                try classifyArticles(loaded)
                return
            }
            let formatter = PredictionFormatter(format: format, labels: loaded.labels.names)
            let out = OutputStream()
            if let header = formatter.header { out.write(header) }
            let threads = threadOptions.threads
            let explain = self.explain
            // Each chunk of examples is classified and formatted on a worker thread; the chunks
            // are written in input order.
            func classify(_ part: [LabelledExample]) throws -> [UInt8] {
                let predictions = try loaded.predict(part.map(\.text), threads: 1)
                var bytes = [UInt8]()
                bytes.reserveCapacity(part.count * 256)
                for (example, prediction) in zip(part, predictions) {
                    formatter.record(example, prediction, explanation: try explain.map { try loaded.explain(example.text, top: $0) },
                                     into: &bytes)
                }
                return bytes
            }
            if let path = input ?? (texts == ["-"] ? "-" : nil) {
                let reader = DatasetReader(format: inputFormat ?? (path == "-" ? .text : nil), textColumn: textColumn,
                                           requireLabels: false, skipInvalid: skipInvalid)
                let skipped = try reader.mapBatches(path: path, batchSize: batchSize, threads: threads,
                                                    warn: { Terminal.error("skipped: \($0)") },
                                                    transform: classify, consume: out.write)
                if skipped > 0 { Terminal.note("skipped \(skipped) invalid record\(skipped == 1 ? "" : "s")") }
            } else {
                var batch = [LabelledExample]()
                for (i, text) in texts.enumerated() {
                    guard !text.allSatisfy(\.isWhitespace) else {
                        throw StanceError.invalidOption("argument \(i + 1) is an empty text")
                    }
                    batch.append(LabelledExample(text: text, line: i + 1))
                }
                try DatasetReader.mapChunks(of: batch, chunkSize: 256, threads: threads, transform: classify, consume: out.write)
            }
            out.flush()
        }
    }
}

/// Formats predictions as table rows, JSON Lines or CSV; pure, so chunks of a batch can be
/// formatted on several threads and written in order.
struct PredictionFormatter: Sendable {
    let format: ClassifyFormat
    let labels: [String]
    /// Label indices in name order, as a sorted-keys encoder writes the probabilities.
    private let sortedLabelIndices: [Int]
    private let width: Int
    /// JSON Lines pieces that do not change from record to record, as bytes: `"label":"name"`
    /// per label, and `"name":` per label in name order.
    private let labelFields: [[UInt8]]
    private let probabilityKeys: [[UInt8]]

    init(format: ClassifyFormat, labels: [String]) {
        self.format = format
        self.labels = labels
        sortedLabelIndices = labels.indices.sorted { labels[$0] < labels[$1] }
        width = max(8, labels.map(\.count).max() ?? 0)
        labelFields = labels.map { label in
            var bytes = Array("\"label\":".utf8)
            JSONText.append(label, to: &bytes)
            return bytes
        }
        probabilityKeys = sortedLabelIndices.map { i in
            var bytes = [UInt8]()
            JSONText.append(labels[i], to: &bytes)
            bytes.append(0x3A)
            return bytes
        }
    }

    /// The line(s) before the first record, if the format has any.
    var header: String? {
        switch format {
        case .csv: return (["id", "text", "label"] + labels.map { "p_\($0)" }).map(CSV.field).joined(separator: ",") + "\n"
        case .table, .json, .markdown:
            return "label".padding(toLength: width, withPad: " ", startingAt: 0) + "  " +
                labels.map { String($0.prefix(8)).padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(separator: " ") + "  text\n"
        case .jsonl: return nil
        }
    }

    struct ExplanationRecord: Encodable {
        struct Item: Encodable { let feature: String; let value: Double; let contribution: Double }
        let predicted: String
        let runnerUp: String
        let margin: Double
        let interceptDifference: Double
        let toward: [Item]
        let against: [Item]
        let remainder: Double

        init(_ e: Explanation) {
            predicted = e.predicted
            runnerUp = e.runnerUp
            margin = e.margin
            interceptDifference = e.interceptDifference
            toward = e.toward.map { Item(feature: $0.feature, value: $0.value, contribution: $0.contribution) }
            against = e.against.map { Item(feature: $0.feature, value: $0.value, contribution: $0.contribution) }
            remainder = e.remainder
        }

        enum CodingKeys: String, CodingKey {
            case predicted, margin, toward, against, remainder
            case runnerUp = "runner_up"
            case interceptDifference = "intercept_difference"
        }
    }

    /// One record (with its trailing newline). JSON Lines are written by hand, keys in sorted
    /// order: JSONEncoder took a fifth of the run time on large inputs.
    func record(_ example: LabelledExample, _ prediction: StanceModel.Prediction, explanation: Explanation?, into out: inout [UInt8]) {
        let label = labels[prediction.label]
        switch format {
        case .jsonl:
            out.append(0x7B)
            if let explanation, let json = try? jsonString(ExplanationRecord(explanation)) {
                JSONText.append(raw: "\"explanation\":" + json + ",", to: &out)
            }
            if let id = example.id {
                JSONText.append(raw: "\"id\":", to: &out)
                JSONText.append(id, to: &out)
                out.append(0x2C)
            }
            out.append(contentsOf: labelFields[prediction.label])
            JSONText.append(raw: ",\"probabilities\":{", to: &out)
            for (n, i) in sortedLabelIndices.enumerated() {
                if n > 0 { out.append(0x2C) }
                out.append(contentsOf: probabilityKeys[n])
                JSONText.append(raw: JSONText.number(prediction.probabilities[i]), to: &out)
            }
            JSONText.append(raw: "},\"text\":", to: &out)
            JSONText.append(example.text, to: &out)
            out.append(0x7D)
            out.append(0x0A)
        case .csv:
            let fields = [example.id ?? "", example.text, label] + prediction.probabilities.map { String(format: "%.6f", $0) }
            var text = fields.map(CSV.field).joined(separator: ",") + "\n"
            if let explanation { explanationLines(explanation, prefix: "# ", into: &text) }
            out.append(contentsOf: text.utf8)
        case .table, .json, .markdown:   // json and markdown are for articles (rejected in validate())
            var text = label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " +
                prediction.probabilities.map { String(format: "%-8.3f", $0) }.joined(separator: " ") + "  " +
                example.text.replacingOccurrences(of: "\n", with: " ") + "\n"
            if let explanation { explanationLines(explanation, prefix: "    ", into: &text) }
            out.append(contentsOf: text.utf8)
        }
    }

    private func explanationLines(_ e: Explanation, prefix: String, into out: inout String) {
        out += "\(prefix)margin \(e.predicted) over \(e.runnerUp): \(e.margin.fixed(4)) = intercepts \(e.interceptDifference.fixed(4)) + n-grams below + other n-grams \(e.remainder.fixed(4))\n"
        for c in e.toward { out += "\(prefix)  + \(c.contribution.fixed(4))  \(c.feature)\n" }
        for c in e.against { out += "\(prefix)  - \(abs(c.contribution).fixed(4))  \(c.feature)\n" }
    }
}

/// JSON text written by hand for hot paths, as UTF-8 bytes.
enum JSONText {
    /// Appends `s` as a JSON string (RFC 8259 escapes; other characters as UTF-8).
    static func append(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var plainStart = 0
            while true {
                let special = JSONObjectParser.firstSpecialByte(in: bytes, from: plainStart)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<special]))
                guard special < bytes.count else { break }
                switch bytes[special] {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x08: out += [0x5C, 0x62]
                case 0x0C: out += [0x5C, 0x66]
                default: out += Array(String(format: "\\u%04x", bytes[special]).utf8)
                }
                plainStart = special + 1
            }
        }
        out.append(0x22)
    }

    static func append(raw: String, to out: inout [UInt8]) {
        // Through withUTF8: appending the generic `utf8` view cost ~300 instructions a call.
        var raw = raw
        raw.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A finite double as JSON: Swift's shortest representation that reads back exactly.
    static func number(_ v: Double) -> String { v.isFinite ? v.description : "null" }
}

enum CSV {
    /// One RFC 4180 field: quoted when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension ClassifyCommand {
    /// `--article`: split, classify and summarise each document, a batch of documents at a time.
    func classifyArticles(_ loaded: StanceModel) throws {
        let scale = try scaleOptions.scale(for: loaded)
        let actorList = try actors.map(ActorList.init(path:))
        let classifier = ArticleClassifier(model: loaded, scale: scale, actors: actorList, threads: threadOptions.threads)
        let writer = ArticleWriter(format: format, labels: loaded.labels.names, scale: scale, topActors: topActors,
                                   listedActors: actorList != nil)
        let reader = DocumentReader(defaultFormat: articleFormat, skipInvalid: skipInvalid)
        var pending = [Document]()
        var pendingSentences = 0
        func flush() throws {
            for result in try classifier.classify(pending) {
                let explanations = try explain.map { k in try result.sentences.map { try loaded.explain($0, top: k) } }
                writer.write(result, summary: ArticleSummary(results: result.sentenceResults(labels: loaded.labels.names),
                                                             predictions: result.predictions, scale: scale, seed: seed),
                             explanations: explanations)
            }
            pending.removeAll()
            pendingSentences = 0
        }
        try reader.forEach(article, warn: { Terminal.error("skipped: \($0)") }) { document in
            pending.append(document)
            pendingSentences += document.text.count / 120 + 1
            if pendingSentences >= batchSize { try flush() }
        }
        try flush()
        writer.finish()
    }
}
