import Foundation

/// Reads documents from plain text, Markdown with front matter (title, date, source,
/// storyline between `---` lines), JSON Lines of documents (`id`, `date`, `text`, optional
/// `source`, `title`, `storyline`) or a directory of such files (recursively, in name order).
/// Documents are handed out one at a time, so large corpora are never held in memory.
public struct DocumentReader: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, jsonl
    }

    /// Format for standard input and files whose extension does not say.
    public var defaultFormat: Format
    public var skipInvalid: Bool

    public init(defaultFormat: Format = .text, skipInvalid: Bool = false) {
        self.defaultFormat = defaultFormat
        self.skipInvalid = skipInvalid
    }

    static func format(of path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { return .text }
        return nil
    }

    /// Calls `body` for each document of each input ("-" is standard input). Invalid records
    /// are thrown as `DataError`s, or passed to `warn` and skipped when `skipInvalid` is set.
    public func forEach(_ inputs: [String], warn: (DataError) -> Void = { _ in },
                        _ body: (Document) throws -> Void) throws {
        for input in inputs {
            var isDirectory: ObjCBool = false
            if input != "-" && FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue {
                for file in try DocumentReader.files(under: input) { try read(file, warn: warn, body) }
            } else {
                try read(input, warn: warn, body)
            }
        }
    }

    /// The readable files under a directory, sorted by path (labels sidecars and hidden files skipped).
    static func files(under directory: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw DataError(.missingInput, file: directory, "cannot list the directory")
        }
        var files = [String]()
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix("."), !name.hasSuffix(".labels.jsonl"), format(of: name) != nil else { continue }
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    private func read(_ path: String, warn: (DataError) -> Void, _ body: (Document) throws -> Void) throws {
        let format = DocumentReader.format(of: path) ?? defaultFormat
        if format == .jsonl {
            let reader = try RecordReader(path: path, format: .jsonl)
            while true {
                let document: Document
                do {
                    guard let record = try reader.next() else { return }
                    document = try DocumentReader.document(from: record, file: reader.name)
                } catch let error as DataError where skipInvalid && error.kind == .badData {
                    warn(error)
                    continue
                }
                try body(document)
            }
        }
        let lines = try LineReader(path: path)
        var bytes = [UInt8]()
        while let line = try lines.nextLine() {
            bytes.append(contentsOf: line)
            bytes.append(0x0A)
        }
        guard var text = UTF8Validation.decode(bytes) else {
            let error = DataError(file: lines.name, "invalid UTF-8")
            if skipInvalid { warn(error); return }
            throw error
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let name = path == "-" ? "stdin" : ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var document = Document(id: name, text: text, origin: lines.name)
        if format == .markdown || text.hasPrefix("---\n") {
            try DocumentReader.applyFrontMatter(&document)
        }
        try body(document)
    }

    /// Moves a leading `---` block's `key: value` lines into the document's fields.
    static func applyFrontMatter(_ document: inout Document) throws {
        guard document.text.hasPrefix("---\n") else { return }
        let rest = document.text.dropFirst(4)
        guard let end = rest.range(of: "\n---\n") ?? (rest.hasSuffix("\n---") ? rest.range(of: "\n---", options: .backwards) : nil) else {
            throw DataError(file: document.origin, line: 1, "front matter opened with --- is never closed")
        }
        for (offset, line) in rest[..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let colon = line.firstIndex(of: ":") else {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                throw DataError(file: document.origin, line: offset + 2, "front matter line is not \"key: value\"")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            switch key {
            case "title": document.title = value
            case "date": document.rawDate = value; document.date = CalendarDay(parsing: value)
            case "source": document.source = value
            case "storyline": document.storyline = value
            case "id": document.id = value
            default: break
            }
        }
        document.text = String(rest[end.upperBound...])
    }

    static func document(from record: Record, file: String) throws -> Document {
        guard let text = record.fields["text"], !text.allSatisfy(\.isWhitespace) else {
            throw DataError(file: file, line: record.line, "document has no \"text\"")
        }
        let id = record.fields["id"] ?? "\(file):\(record.line)"
        let rawDate = record.fields["date"]
        return Document(id: id, title: record.fields["title"], date: rawDate.flatMap(CalendarDay.init(parsing:)),
                        rawDate: rawDate, source: record.fields["source"], storyline: record.fields["storyline"],
                        text: text, origin: "\(file):\(record.line)")
    }
}
