import ArgumentParser
import Foundation
import StanceKit

extension TrackingPeriod: ExpressibleByArgument {}
extension TrackingGroup: ExpressibleByArgument {}

enum TrackFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json
}

struct TrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Track stance over time: per period and group, from dated documents.",
        discussion: """
        Reads documents (plain text, Markdown with front matter, JSON Lines with id, date, text and \
        optional source, title and storyline, or directories of them; "-" for standard input), splits \
        them into sentences, classifies every sentence, and writes per period and group: documents, \
        sentences, label shares, the net index (hawkish − dovish) / sentences with a 95% interval \
        (normal approximation over sentences), the probability-weighted index and a rolling mean.

        Documents are processed in batches and only totals are kept, so memory stays flat as the \
        corpus grows. A document without a usable date is reported with its id and skipped \
        (--strict makes it an error). Dates may be ISO (2018-08-24), "Aug 24, 2018" or "24 August 2018".

        Sharding: --partial FILE (or - for standard output) writes the exact totals instead of the \
        table; `stance track --merge PART...` combines partial totals from shards into the same result as \
        one run over the whole corpus.

        Examples:
          stance track Data/articles --by month --group storyline --chart stance.svg --report stance.html
          stance track --model fomc.stance minutes.jsonl --by year --format json
        """)

    @Argument(help: "Documents: files, directories, or - for standard input.")
    var documents: [String] = []

    @Option(help: "Model file (default: the shipped default model).")
    var model: String?

    @Option(help: "Period to aggregate by.")
    var by: TrackingPeriod = .month

    @Option(help: "Group documents by source, actor or storyline (none: one series).")
    var group: TrackingGroup = .none

    @Option(help: "Output format of the table.")
    var format: TrackFormat = .csv

    @Option(help: "Write the table to this file instead of standard output.")
    var output: String?

    @Option(help: "Write a line chart of the index over time (SVG).")
    var chart: String?

    @Option(help: "Write a self-contained HTML report: chart, table, most hawkish and dovish sentences per period.")
    var report: String?

    @Option(help: "Actors to group by with --group actor, one per line: \"Bolton: John Bolton, National Security Adviser\".")
    var actors: String?

    @Option(help: "Periods in the rolling mean of the index.")
    var rolling = 3

    @Option(help: "Format of documents on standard input or with an unknown extension.")
    var documentFormat: DocumentReader.Format = .jsonl

    @Flag(help: "Fail on a document without a usable date instead of skipping it.")
    var strict = false

    @Flag(help: "Report malformed records on stderr and skip them.")
    var skipInvalid = false

    @Option(help: "Write the exact partial totals (one line of JSON) for a later --merge, instead of the table; - for standard output.")
    var partial: String?

    @Option(parsing: .upToNextOption, help: "Merge partial totals written by --partial (no model or documents needed).")
    var merge: [String] = []

    @Option(help: "Documents classified per batch.")
    var batchSize = 256

    @Flag(help: "No progress messages on stderr.")
    var quiet = false

    @Option(help: "Directory of the sentence encoder a model needs (default: Models/encoders/<name>).")
    var encoder: String?

    @OptionGroup var scaleOptions: ScaleOptions
    @OptionGroup var threadOptions: ThreadOptions

    func validate() throws {
        if merge.isEmpty && documents.isEmpty { throw ValidationError("give documents to track, or --merge PART...") }
        if !merge.isEmpty && !documents.isEmpty { throw ValidationError("--merge combines partial totals; do not give documents too") }
        if !merge.isEmpty && partial != nil { throw ValidationError("--merge and --partial cannot be combined") }
        guard rolling >= 1 else { throw ValidationError("--rolling must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let aggregate = merge.isEmpty ? try track() : try merged()
            if let partial {
                let line = Array(try jsonString(aggregate).utf8) + [0x0A]
                if partial == "-" {
                    FileHandle.standardOutput.write(Data(line))
                } else {
                    try ModelFile.writeAtomically(line, to: partial)
                }
                return
            }
            let rows = aggregate.rows(rollingWindow: rolling)
            let table = try TrackingTable(aggregate: aggregate, rows: rows).render(format)
            if let output {
                try ModelFile.writeAtomically(Array(table.utf8), to: output)
            } else {
                let out = OutputStream()
                out.write(table)
                out.flush()
            }
            if let chart {
                try ModelFile.writeAtomically(Array(TrackingChart(aggregate: aggregate, rows: rows).svg().utf8), to: chart)
            }
            if let report {
                try ModelFile.writeAtomically(Array(TrackingReport(aggregate: aggregate, rows: rows).html().utf8), to: report)
            }
            if aggregate.skippedDocuments > 0 {
                Terminal.note("skipped \(aggregate.skippedDocuments) document\(aggregate.skippedDocuments == 1 ? "" : "s") without a usable date")
            }
        }
    }

    func merged() throws -> TrackingAggregate {
        var result: TrackingAggregate?
        for path in merge {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DataError(.missingInput, file: path, "no such partial totals file")
            }
            let part: TrackingAggregate
            do {
                part = try JSONDecoder().decode(TrackingAggregate.self, from: data)
            } catch {
                throw DataError(file: path, "not a partial totals file written by stance track --partial")
            }
            guard part.formatVersion <= TrackingAggregate.formatVersion else {
                throw DataError(file: path, "partial totals format \(part.formatVersion) is newer than this stance reads")
            }
            if result == nil { result = part } else { try result!.merge(part) }
        }
        return result!
    }

    func track() throws -> TrackingAggregate {
        let path = try ModelLocator.resolve(model)
        let loaded = try ModelFile.read(path, encoders: EncoderLocator(explicitDirectory: encoder, modelPath: path))
        let scale = try scaleOptions.scale(for: loaded)
        let actorList = try actors.map(ActorList.init(path:))
        let classifier = ArticleClassifier(model: loaded, scale: scale, actors: actorList, threads: threadOptions.threads)
        var aggregate = TrackingAggregate(scale: scale, period: by, groupBy: group)
        let reader = DocumentReader(defaultFormat: documentFormat, skipInvalid: skipInvalid)
        var pending = [(Document, CalendarDay)]()
        var sentences = 0
        let started = Date()
        var lastReport = started
        func flush() throws {
            for (result, (_, day)) in zip(try classifier.classify(pending.map(\.0)), pending) {
                aggregate.add(result.document, day: day, sentences: result.sentences,
                              predictions: result.predictions, actors: result.actors)
                sentences += result.sentences.count
            }
            pending.removeAll(keepingCapacity: true)
            if !quiet && Date().timeIntervalSince(lastReport) >= 2 {
                lastReport = Date()
                Terminal.note("tracked \(aggregate.documents) documents, \(sentences) sentences (\(Int(Double(sentences) / lastReport.timeIntervalSince(started))) sentences/s)")
            }
        }
        try reader.forEach(documents, warn: { Terminal.error("skipped: \($0)") }) { document in
            guard let day = document.date else {
                let why = document.rawDate.map { "date \"\($0)\" is not in a known format (ISO 2018-08-24, Aug 24, 2018, 24 August 2018)" } ?? "has no date"
                if strict { throw DataError(file: document.origin, "document \(document.id) \(why)") }
                Terminal.error("skipped: \(document.origin): document \(document.id) \(why)")
                aggregate.noteSkippedDocument()
                return
            }
            pending.append((document, day))
            if pending.count >= batchSize { try flush() }
        }
        try flush()
        if !quiet {
            Terminal.note("tracked \(aggregate.documents) documents, \(sentences) sentences in \(Date().timeIntervalSince(started).fixed(1)) s")
        }
        return aggregate
    }
}
