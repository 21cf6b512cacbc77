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

    /// All valid examples of a file.
    public func read(path: String, warn: (DataError) -> Void = { _ in }) throws -> [LabelledExample] {
        var out = [LabelledExample]()
        try forEach(path: path, warn: warn) { out.append($0) }
        return out
    }

    func example(from record: Record, reader: RecordReader) throws -> LabelledExample {
        let textKey = try column(textColumn, DatasetReader.textColumns, "text", record, reader)!
        guard let text = record.fields[textKey], !text.allSatisfy(\.isWhitespace) else {
            throw DataError(file: reader.name, line: record.line, "empty text in column \"\(textKey)\"")
        }
        var label: String?
        if reader.format != .text, let labelKey = try column(labelColumn, DatasetReader.labelColumns, "label", record, reader) {
            let value = record.fields[labelKey]?.trimmingCharacters(in: .whitespaces) ?? ""
            if value.isEmpty {
                if requireLabels { throw DataError(file: reader.name, line: record.line, "empty label in column \"\(labelKey)\"") }
            } else {
                label = value
            }
        } else if requireLabels {
            let names = (labelColumn.map { [$0] } ?? DatasetReader.labelColumns).map { "\"\($0)\"" }.joined(separator: " or ")
            throw DataError(file: reader.name, line: record.line, "no label column (looked for \(names))")
        }
        return LabelledExample(text: text, label: label, line: record.line, id: record.fields["id"], fields: record.fields)
    }

    /// The column to use: the one asked for (which must exist), else the first default present.
    /// Returns nil when no default is present and `kind` is optional ("label").
    private func column(_ requested: String?, _ defaults: [String], _ kind: String,
                        _ record: Record, _ reader: RecordReader) throws -> String? {
        let available: (String) -> Bool = { name in
            reader.header.isEmpty ? record.fields[name] != nil : reader.header.contains(name)
        }
        if let requested {
            if available(requested) { return requested }
            if kind == "label" && !requireLabels { return nil }
            throw DataError(file: reader.name, line: record.line, "no column \"\(requested)\"\(columnList(record, reader))")
        }
        if let found = defaults.first(where: available) { return found }
        if kind == "label" { return nil }
        let names = defaults.map { "\"\($0)\"" }.joined(separator: " or ")
        throw DataError(file: reader.name, line: record.line, "no \(kind) column (looked for \(names))\(columnList(record, reader))")
    }

    private func columnList(_ record: Record, _ reader: RecordReader) -> String {
        let names = reader.header.isEmpty ? record.fields.keys.sorted() : reader.header
        return names.isEmpty ? "" : "; columns are " + names.joined(separator: ", ")
    }
}
