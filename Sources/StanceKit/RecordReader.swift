import Foundation
import TextFeatures

/// One input record: the line it starts on and its fields as strings.
public struct Record: Sendable {
    public let line: Int
    public let fields: [String: String]
}

/// Streams records from JSON Lines, CSV/TSV (RFC 4180, with a header row) or plain text
/// (one text per line, field "text"). Blank lines are skipped.
public final class RecordReader {
    public let format: DataFormat
    public var name: String { lines.name }
    /// Column names of a CSV/TSV header, in order.
    public private(set) var header: [String] = []
    private let lines: LineReader
    private var first = true

    public init(path: String, format: DataFormat? = nil) throws {
        guard let format = format ?? DataFormat.inferred(from: path) ?? (path == "-" ? .text : nil) else {
            throw DataError(file: path, "cannot tell the format from the file name; pass --format jsonl, csv, tsv or text")
        }
        self.format = format
        self.lines = try LineReader(path: path)
    }

    /// The next record, or nil at the end. Throws a `DataError` naming the line for malformed input;
    /// after such an error the reader can go on with the next record.
    public func next() throws -> Record? {
        while true {
            guard var bytes = try lines.nextLine() else { return nil }
            if first {
                first = false
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }   // UTF-8 BOM
                if format == .csv || format == .tsv {
                    if isBlank(bytes) { first = true; continue }
                    header = try parseDelimited(bytes, startLine: lines.lineNumber).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    if let duplicate = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                        throw DataError(file: name, line: lines.lineNumber, "column \"\(duplicate)\" appears twice in the header")
                    }
                    continue
                }
            }
            if isBlank(bytes) { continue }
            let line = lines.lineNumber
            switch format {
            case .text, .jsonl:
                return try RecordReader.record(fromLine: bytes, number: line, format: format, file: name)
            case .csv, .tsv:
                let values = try parseDelimited(bytes, startLine: line)
                guard values.count == header.count else {
                    throw DataError(file: name, line: line, "expected \(header.count) fields as in the header, found \(values.count)")
                }
                return Record(line: line, fields: Dictionary(zip(header, values), uniquingKeysWith: { a, _ in a }))
            }
        }
    }

    private func isBlank<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private func invalidUTF8(_ line: Int) -> DataError {
        DataError(file: name, line: line, "invalid UTF-8")
    }

    /// Whether every record is exactly one line (so lines can be parsed in any order, in parallel).
    public var isLineBased: Bool { format == .text || format == .jsonl }

    /// Up to `maximum` next lines for line-based formats, as one block (blank lines left out, the
    /// BOM removed), or nil at the end; fewer when the read-ahead runs out.
    public func nextRawLines(maximum: Int) throws -> LineBlock? {
        while var block = try lines.nextLines(maximum: maximum) {
            if first {
                first = false
                if block.bytes[block.ranges[0]].starts(with: [0xEF, 0xBB, 0xBF]) {
                    block.ranges[0] = (block.ranges[0].lowerBound + 3)..<block.ranges[0].upperBound
                }
            }
            let kept = block.ranges.indices.filter { !isBlank(block.bytes[block.ranges[$0]]) }
            if kept.count < block.ranges.count {
                block.ranges = kept.map { block.ranges[$0] }
                block.numbers = kept.map { block.numbers[$0] }
            }
            if !block.ranges.isEmpty { return block }
        }
        return nil
    }

    /// The record in one line of a line-based format.
    public static func record(fromLine bytes: [UInt8], number: Int, format: DataFormat, file: String) throws -> Record {
        try bytes.withUnsafeBufferPointer { try record(fromLine: $0, number: number, format: format, file: file) }
    }

    public static func record(fromLine bytes: UnsafeBufferPointer<UInt8>, number: Int, format: DataFormat, file: String) throws -> Record {
        if format == .jsonl { return Record(line: number, fields: try parseJSON(bytes, line: number, file: file)) }
        guard let text = UTF8Validation.decode(bytes) else { throw DataError(file: file, line: number, "invalid UTF-8") }
        return Record(line: number, fields: ["text": text])
    }

    private static func parseJSON(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, file name: String) throws -> [String: String] {
        // An ASCII line is valid UTF-8; only other lines need the whole-line check (which builds a
        // String) so that invalid UTF-8 anywhere in them is named as such.
        if !ASCIIBytes.all(bytes), UTF8Validation.decode(bytes) == nil {
            throw DataError(file: name, line: line, "invalid UTF-8")
        }
        do {
            return try JSONObjectParser.parse(bytes)
        } catch {
            let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
            if let first, first == 0x5B || first == 0x22 || (0x30...0x39).contains(first) || first == 0x2D || first == 0x74 || first == 0x66 || first == 0x6E {
                throw DataError(file: name, line: line, "expected a JSON object")
            }
            throw DataError(file: name, line: line, "malformed JSON")
        }
    }

    /// RFC 4180 fields of one record that starts on `startLine`; a quoted field may run on
    /// over the following lines.
    private func parseDelimited(_ firstLine: [UInt8], startLine: Int) throws -> [String] {
        let delimiter: UInt8 = format == .tsv ? 0x09 : 0x2C
        let quote: UInt8 = 0x22
        var fields: [String] = []
        var field: [UInt8] = []
        var line = firstLine
        var i = 0
        var inQuotes = false
        var wasQuoted = false
        func finishField() throws {
            guard let s = UTF8Validation.decode(field) else { throw invalidUTF8(startLine) }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while true {
            if i == line.count {
                if inQuotes {
                    guard let more = try lines.nextLine() else {
                        throw DataError(file: name, line: startLine, "quoted field is never closed")
                    }
                    field.append(0x0A)
                    line = more
                    i = 0
                    continue
                }
                try finishField()
                return fields
            }
            let b = line[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < line.count && line[i + 1] == quote {
                        field.append(quote)
                        i += 2
                    } else {
                        inQuotes = false
                        i += 1
                    }
                } else {
                    field.append(b)
                    i += 1
                }
                continue
            }
            if b == delimiter {
                try finishField()
            } else if b == quote && field.isEmpty && !wasQuoted {
                inQuotes = true
                wasQuoted = true
            } else if wasQuoted {
                throw DataError(file: name, line: lines.lineNumber, "unexpected character after a closing quote")
            } else {
                field.append(b)
            }
            i += 1
        }
    }
}
