import Foundation
import Testing
@testable import StanceKit

@Suite struct DatasetReaderTests {
    /// Writes `contents` to a fresh temporary file with the given extension.
    static func file(_ contents: [UInt8], _ ext: String) throws -> String {
        let path = NSTemporaryDirectory() + "stance-test-\(UUID().uuidString).\(ext)"
        try Data(contents).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func file(_ contents: String, _ ext: String) throws -> String { try file(Array(contents.utf8), ext) }

    @Test func csvWithQuotesCommasNewlinesAndBOM() throws {
        let csv = "\u{FEFF}sentence,label,year\r\n\"Talks, again\",dovish,2018\r\n\"He said \"\"no\"\"\nthen left\",hawkish,2019\n\nplain text,neutral,2020\n"
        let examples = try DatasetReader().read(path: try Self.file(csv, "csv"))
        #expect(examples.map(\.text) == ["Talks, again", "He said \"no\"\nthen left", "plain text"])
        #expect(examples.map(\.label) == ["dovish", "hawkish", "neutral"])
        #expect(examples.map(\.line) == [2, 3, 6])
    }

    @Test func tsvAndJSONLinesAndColumnChoice() throws {
        let tsv = try DatasetReader().read(path: try Self.file("text\tstance\nNo deal\thawkish\n", "tsv"))
        #expect(tsv == [LabelledExample(text: "No deal", label: "hawkish", line: 2, fields: ["text": "No deal", "stance": "hawkish"])])
        let jsonl = "{\"id\": \"a1\", \"sentence\": \"Envoys meet\", \"label\": \"neutral\", \"year\": 2018}\n\n{\"sentence\": \"x\", \"label\": 2}\n"
        let examples = try DatasetReader().read(path: try Self.file(jsonl, "jsonl"))
        #expect(examples.map(\.id) == ["a1", nil])
        #expect(examples.map(\.label) == ["neutral", "2"])
        let custom = try DatasetReader(textColumn: "body", labelColumn: "y").read(path: try Self.file("body,y\nhi,a\n", "csv"))
        #expect(custom.map(\.text) == ["hi"])
    }

    func expectError(_ contents: [UInt8], _ ext: String, line: Int?, containing fragment: String,
                     reader: DatasetReader = DatasetReader(), sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try Self.file(contents, ext)
        do {
            _ = try reader.read(path: path)
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch let error as DataError {
            #expect(error.file == path, sourceLocation: sourceLocation)
            #expect(error.line == line, sourceLocation: sourceLocation)
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix(path + (line.map { ":\($0):" } ?? ":")), sourceLocation: sourceLocation)
        }
    }

    @Test func badInputNamesFileAndLine() throws {
        try expectError(Array("{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": broken\n".utf8), "jsonl", line: 2, containing: "malformed JSON")
        try expectError(Array("text,label\n\"never closed,a\n".utf8), "csv", line: 2, containing: "never closed")
        try expectError(Array("text,label\nok,a\ntoo,many,fields\n".utf8), "csv", line: 3, containing: "expected 2 fields")
        try expectError(Array("words,label\nok,a\n".utf8), "csv", line: 2, containing: "no text column")
        try expectError(Array("text\nok\n".utf8), "csv", line: 2, containing: "no label column")
        try expectError(Array("text,label\n  ,a\n".utf8), "csv", line: 2, containing: "empty text")
        try expectError(Array("text,label\nok,\n".utf8), "csv", line: 2, containing: "empty label")
        // White space beyond ASCII (no-break and ideographic spaces) is still white space.
        try expectError(Array("{\"text\": \"\u{00A0}\u{3000} \", \"label\": \"a\"}\n".utf8), "jsonl", line: 1, containing: "empty text")
        try expectError(Array("text,label\nok,a\n".utf8) + [0x62, 0xFF, 0x2C, 0x61, 0x0A], "csv", line: 3, containing: "invalid UTF-8")
        try expectError([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D, 0x0A], "jsonl", line: 1, containing: "invalid UTF-8")
        try expectError(Array("text,label\n\"quoted\"x,a\n".utf8), "csv", line: 2, containing: "after a closing quote")
        try expectError(Array("[1, 2]\n".utf8), "jsonl", line: 1, containing: "expected a JSON object")
    }

    @Test func missingFileIsMissingInput() throws {
        do {
            _ = try DatasetReader().read(path: "/nonexistent/data.csv")
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.kind == .missingInput)
            #expect(error.description == "/nonexistent/data.csv: no such file")
        }
    }

    @Test func unknownExtensionNeedsFormat() throws {
        let path = try Self.file("text,label\na,b\n", "data")
        #expect(throws: DataError.self) { try DatasetReader().read(path: path) }
        #expect(try DatasetReader(format: .csv).read(path: path).count == 1)
    }

    @Test func skipInvalidReportsAndGoesOn() throws {
        let path = try Self.file("{\"text\": \"a\", \"label\": \"x\"}\nnot json\n{\"text\": \"\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n", "jsonl")
        var warnings = [DataError]()
        let examples = try DatasetReader(skipInvalid: true).read(path: path) { warnings.append($0) }
        #expect(examples.map(\.text) == ["a", "b"])
        #expect(warnings.map(\.line) == [2, 3])
    }

    @Test func plainTextOneTextPerLine() throws {
        let path = try Self.file("first line\n\nsecond line\n", "txt")
        let examples = try DatasetReader(requireLabels: false).read(path: path)
        #expect(examples.map(\.text) == ["first line", "second line"])
        #expect(examples.map(\.line) == [1, 3])
    }

    /// Lines parsed and transformed in chunks on two threads come back in file order, blank
    /// lines and the BOM left out, whatever the batch and chunk sizes.
    @Test(arguments: [(1, 1), (3, 2), (64, 5), (1000, 256)])
    func mapBatchesKeepsFileOrder(batchSize: Int, chunkSize: Int) throws {
        var text = "\u{FEFF}"
        for i in 0..<200 { text += i % 17 == 0 ? "\n" : "{\"text\": \"sentence \(i)\", \"id\": \"\(i)\"}\n" }
        let path = try Self.file(text, "jsonl")
        var seen = [String]()
        let skipped = try DatasetReader(requireLabels: false).mapBatches(
            path: path, batchSize: batchSize, threads: 2, chunkSize: chunkSize,
            transform: { $0.map { "\($0.line):\($0.text)" } }, consume: { seen += $0 })
        #expect(skipped == 0)
        #expect(seen == (0..<200).filter { $0 % 17 != 0 }.map { "\($0 + 1):sentence \($0)" })
    }

    /// Without skipInvalid, the records before a bad line are consumed and then its error thrown;
    /// with it, bad lines are reported in order and counted.
    @Test func mapBatchesStopsAtOrSkipsBadLines() throws {
        var text = ""
        for i in 0..<50 { text += i == 30 || i == 41 ? "not json\n" : "{\"text\": \"t\(i)\"}\n" }
        let path = try Self.file(text, "jsonl")
        var consumed = [String]()
        #expect {
            try DatasetReader(requireLabels: false).mapBatches(path: path, batchSize: 16, threads: 2, chunkSize: 4,
                                                               transform: { $0.map(\.text) }, consume: { consumed += $0 })
        } throws: { ($0 as? DataError)?.line == 31 }
        #expect(consumed == (0..<30).map { "t\($0)" })

        consumed = []
        var warnings = [Int]()
        let skipped = try DatasetReader(requireLabels: false, skipInvalid: true).mapBatches(
            path: path, batchSize: 16, threads: 2, chunkSize: 4, warn: { warnings.append($0.line ?? 0) },
            transform: { $0.map(\.text) }, consume: { consumed += $0 })
        #expect(skipped == 2)
        #expect(warnings == [31, 42])
        #expect(consumed == (0..<50).filter { $0 != 30 && $0 != 41 }.map { "t\($0)" })
    }

    /// CSV goes through the same chunking, read on the calling thread.
    @Test func mapBatchesReadsCSV() throws {
        var text = "text,label\n"
        for i in 0..<300 { text += "\"s \(i), quoted\",x\n" }
        var seen = [String]()
        try DatasetReader().mapBatches(path: try Self.file(text, "csv"), batchSize: 100, threads: 2, chunkSize: 7,
                                       transform: { $0.map(\.text) }, consume: { seen += $0 })
        #expect(seen == (0..<300).map { "s \($0), quoted" })
    }

    @Test func manyRecords() throws {
        var text = "text,label\n"
        for i in 0..<5000 { text += "\"sentence number \(i), with a comma\",label\(i % 3)\n" }
        let examples = try DatasetReader().read(path: try Self.file(text, "csv"))
        #expect(examples.count == 5000)
        #expect(examples[4321].text == "sentence number 4321, with a comma")
        #expect(examples[4321].line == 4323)
    }
}
