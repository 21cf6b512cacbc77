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

    /// Calls `body` with consecutive batches of valid examples, in file order. Line-based formats
    /// (JSON Lines, plain text) are parsed on up to `threads` threads; errors and warnings still
    /// come in line order. Returns the number of skipped records.
    @discardableResult
    public func forEachBatch(path: String, batchSize: Int, threads: Int, warn: (DataError) -> Void = { _ in },
                             _ body: ([LabelledExample]) throws -> Void) throws -> Int {
        let reader = try RecordReader(path: path, format: format)
        guard reader.isLineBased else {
            var batch = [LabelledExample]()
            let skipped = try forEach(path: path, warn: warn) { example in
                batch.append(example)
                if batch.count >= batchSize { try body(batch); batch.removeAll(keepingCapacity: true) }
            }
            if !batch.isEmpty { try body(batch) }
            return skipped
        }
        var skipped = 0
        var lines = [(number: Int, bytes: [UInt8])]()
        func flush() throws {
            let parsed = ParallelLoop.map(count: lines.count, threads: threads, minimumChunk: 512) { range in
                range.map { i -> Result<LabelledExample, DataError> in
                    do {
                        let record = try RecordReader.record(fromLine: lines[i].bytes, number: lines[i].number,
                                                             format: reader.format, file: reader.name)
                        return .success(try example(from: record, file: reader.name, header: [], format: reader.format))
                    } catch let error as DataError {
                        return .failure(error)
                    } catch {
                        return .failure(DataError(file: reader.name, line: lines[i].number, "\(error)"))
                    }
                }
            }
            var batch = [LabelledExample]()
            batch.reserveCapacity(parsed.count)
            for result in parsed {
                switch result {
                case .success(let e): batch.append(e)
                case .failure(let error):
                    guard skipInvalid else {
                        if !batch.isEmpty { try body(batch) }
                        throw error
                    }
                    warn(error)
                    skipped += 1
                }
            }
            lines.removeAll(keepingCapacity: true)
            if !batch.isEmpty { try body(batch) }
        }
        while let line = try reader.nextRawLine() {
            lines.append(line)
            if lines.count >= batchSize { try flush() }
        }
        if !lines.isEmpty { try flush() }
        return skipped
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
        guard let text = record.fields[textKey], !text.allSatisfy(\.isWhitespace) else {
            throw DataError(file: file, line: record.line, "empty text in column \"\(textKey)\"")
        }
        var label: String?
        if format != .text, let labelKey = try column(labelColumn, DatasetReader.labelColumns, "label", record, header, file) {
            let value = record.fields[labelKey]?.trimmingCharacters(in: .whitespaces) ?? ""
            if value.isEmpty {
                if requireLabels { throw DataError(file: file, line: record.line, "empty label in column \"\(labelKey)\"") }
            } else {
                label = value
            }
        } else if requireLabels {
            let names = (labelColumn.map { [$0] } ?? DatasetReader.labelColumns).map { "\"\($0)\"" }.joined(separator: " or ")
            throw DataError(file: file, line: record.line, "no label column (looked for \(names))")
        }
        return LabelledExample(text: text, label: label, line: record.line, id: record.fields["id"], fields: record.fields)
    }

    /// The column to use: the one asked for (which must exist), else the first default present.
    /// Returns nil when no default is present and `kind` is optional ("label").
    private func column(_ requested: String?, _ defaults: [String], _ kind: String,
                        _ record: Record, _ header: [String], _ file: String) throws -> String? {
        let available: (String) -> Bool = { name in
            header.isEmpty ? record.fields[name] != nil : header.contains(name)
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
