import LinearAlgebra

/// Reads labelled (or unlabelled) examples from a data file, choosing the text and label
/// columns, and reporting bad records as `DataError`s that name file and line.
public struct DatasetReader: Sendable {
    public static let textColumns = ["text", "sentence"]
    public static let labelColumns = ["label", "stance"]

    public var format: DataFormat?
    public var textColumn: String?
    public var labelColumn: String?
    public var requireLabels: Bool
    /// Report bad records through `warn` and go on, instead of stopping at the first.
    public var skipInvalid: Bool

    public init(format: DataFormat? = nil, textColumn: String? = nil, labelColumn: String? = nil,
                requireLabels: Bool = true, skipInvalid: Bool = false) {
        self.format = format
        self.textColumn = textColumn
        self.labelColumn = labelColumn
        self.requireLabels = requireLabels
        self.skipInvalid = skipInvalid
    }

    /// Calls `body` for each valid example, streaming; returns the number of skipped records.
    @discardableResult
    public func forEach(path: String, warn: (DataError) -> Void = { _ in },
                        _ body: (LabelledExample) throws -> Void) throws -> Int {
        let reader = try RecordReader(path: path, format: format)
        var skipped = 0
        while true {
            let example: LabelledExample
            do {
                guard let record = try reader.next() else { break }
                example = try self.example(from: record, reader: reader)
            } catch let error as DataError where skipInvalid && error.kind == .badData {
                warn(error)
                skipped += 1
                continue
            }
            try body(example)
        }
        return skipped
    }

    /// Streams the valid examples of a file through `transform`, a chunk of `chunkSize`
    /// consecutive examples at a time on up to `threads` threads, and hands the results to
    /// `consume` on this thread in file order. Line-based formats (JSON Lines, plain text) are
    /// read `batchSize` lines at a time and their lines parsed on the worker threads too, so this
    /// thread only finds line ends, and each batch needs one hand-over to the threads rather than
    /// one for parsing and one for `transform`; CSV and TSV records are read on this thread.
    /// Warnings come in line order. Without `skipInvalid`, the examples before the first bad
    /// record are transformed and consumed, then its error is thrown. Returns the number of
    /// skipped records.
    @discardableResult
    public func mapBatches<T>(path: String, batchSize: Int, threads: Int, chunkSize: Int = 256,
                              warn: (DataError) -> Void = { _ in },
                              transform: ([LabelledExample]) throws -> T, consume: (T) throws -> Void) throws -> Int {
        let chunkSize = max(1, chunkSize)
        let reader = try RecordReader(path: path, format: format)
        guard reader.isLineBased else {
            var batch = [LabelledExample]()
            func flush() throws {
                let pending = batch
                batch.removeAll(keepingCapacity: true)
                try Self.mapChunks(of: pending, chunkSize: chunkSize, threads: threads, transform: transform, consume: consume)
            }
            do {
                let skipped = try forEach(path: path, warn: warn) { example in
                    batch.append(example)
                    if batch.count >= batchSize { try flush() }
                }
                if !batch.isEmpty { try flush() }
                return skipped
            } catch {
                if !batch.isEmpty { try flush() }
                throw error
            }
        }
        var skipped = 0
        while let block = try reader.nextRawLines(maximum: batchSize) {
            let outcomes = ParallelLoop.mapChunks(count: block.ranges.count, chunkSize: chunkSize, threads: threads) { lines -> ChunkOutcome<T> in
                var outcome = ChunkOutcome<T>()
                var examples = [LabelledExample]()
                examples.reserveCapacity(chunkSize)
                block.bytes.withUnsafeBufferPointer { bytes in
                    for i in lines {
                        do {
                            let record = try RecordReader.record(fromLine: UnsafeBufferPointer(rebasing: bytes[block.ranges[i]]),
                                                                 number: block.numbers[i], format: reader.format, file: reader.name)
                            examples.append(try example(from: record, file: reader.name, header: [], format: reader.format))
                        } catch {
                            let dataError = error as? DataError ?? DataError(file: reader.name, line: block.numbers[i], "\(error)")
                            guard skipInvalid else {
                                outcome.failure = dataError
                                break
                            }
                            outcome.warnings.append(dataError)
                        }
                    }
                }
                if !examples.isEmpty { outcome.value = Result { try transform(examples) } }
                return outcome
            }
            for outcome in outcomes {
                for warning in outcome.warnings { warn(warning) }
                skipped += outcome.warnings.count
                if let value = outcome.value { try consume(value.get()) }
                if let failure = outcome.failure { throw failure }
            }
        }
        return skipped
    }

    /// Maps `examples` through `transform`, `chunkSize` at a time on up to `threads` threads, and
    /// hands the results to `consume` on this thread in order.
    public static func mapChunks<T>(of examples: [LabelledExample], chunkSize: Int, threads: Int,
                                    transform: ([LabelledExample]) throws -> T, consume: (T) throws -> Void) throws {
        let results = ParallelLoop.mapChunks(count: examples.count, chunkSize: chunkSize, threads: threads) { range in
            Result { try transform(Array(examples[range])) }
        }
        for result in results { try consume(result.get()) }
    }

    /// What one chunk of lines gave: the transformed examples (none when every line was bad),
    /// the skipped lines' errors, and the error that stopped it.
    private struct ChunkOutcome<T> {
        var value: Result<T, any Error>?
        var warnings: [DataError] = []
        var failure: DataError?
    }

    /// All valid examples of a file.
    public func read(path: String, warn: (DataError) -> Void = { _ in }) throws -> [LabelledExample] {
        var out = [LabelledExample]()
        try forEach(path: path, warn: warn) { out.append($0) }
        return out
    }

    func example(from record: Record, reader: RecordReader) throws -> LabelledExample {
        try example(from: record, file: reader.name, header: reader.header, format: reader.format)
    }

    func example(from record: Record, file: String, header: [String], format: DataFormat) throws -> LabelledExample {
        let textKey = try column(textColumn, DatasetReader.textColumns, "text", record, header, file)!
        guard let text = Self.field(textKey, of: record), !Self.isBlank(text) else {
            throw DataError(file: file, line: record.line, "empty text in column \"\(textKey)\"")
        }
        var label: String?
        if format != .text, let labelKey = try column(labelColumn, DatasetReader.labelColumns, "label", record, header, file) {
            let value = Self.field(labelKey, of: record)?.trimmingCharacters(in: .whitespaces) ?? ""
            if value.isEmpty {
                if requireLabels { throw DataError(file: file, line: record.line, "empty label in column \"\(labelKey)\"") }
            } else {
                label = value
            }
        } else if requireLabels {
            let names = (labelColumn.map { [$0] } ?? DatasetReader.labelColumns).map { "\"\($0)\"" }.joined(separator: " or ")
            throw DataError(file: file, line: record.line, "no label column (looked for \(names))")
        }
        return LabelledExample(text: text, label: label, line: record.line, id: Self.field("id", of: record), fields: record.fields)
    }

    /// A field of the record. Records usually have a handful of fields, and comparing the few
    /// keys costs less than hashing `name`, which happened several times for every record.
    private static func field(_ name: String, of record: Record) -> String? {
        guard record.fields.count <= 8 else { return record.fields[name] }
        for (key, value) in record.fields where key == name { return value }
        return nil
    }

    /// Whether the text is empty or all white space; a text that starts with a visible ASCII
    /// character is settled by its first byte.
    private static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20 && first < 0x7F { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// The column to use: the one asked for (which must exist), else the first default present.
    /// Returns nil when no default is present and `kind` is optional ("label").
    private func column(_ requested: String?, _ defaults: [String], _ kind: String,
                        _ record: Record, _ header: [String], _ file: String) throws -> String? {
        let available: (String) -> Bool = { name in
            header.isEmpty ? Self.field(name, of: record) != nil : header.contains(name)
        }
        if let requested {
            if available(requested) { return requested }
            if kind == "label" && !requireLabels { return nil }
            throw DataError(file: file, line: record.line, "no column \"\(requested)\"\(columnList(record, header))")
        }
        if let found = defaults.first(where: available) { return found }
        if kind == "label" { return nil }
        let names = defaults.map { "\"\($0)\"" }.joined(separator: " or ")
        throw DataError(file: file, line: record.line, "no \(kind) column (looked for \(names))\(columnList(record, header))")
    }

    private func columnList(_ record: Record, _ header: [String]) -> String {
        let names = header.isEmpty ? record.fields.keys.sorted() : header
        return names.isEmpty ? "" : "; columns are " + names.joined(separator: ", ")
    }
}
