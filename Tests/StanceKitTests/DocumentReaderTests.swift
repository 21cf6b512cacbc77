import Foundation
import Testing
@testable import StanceKit

@Suite struct DocumentReaderTests {
    static func read(_ inputs: [String], _ reader: DocumentReader = DocumentReader()) throws -> [Document] {
        var out = [Document]()
        try reader.forEach(inputs) { out.append($0) }
        return out
    }

    @Test func markdownFrontMatter() throws {
        let path = try DatasetReaderTests.file("---\ntitle: \"Talks resume\"\ndate: Aug 24, 2018\nsource: Meridian Wire\nstoryline: nk\n---\n\nSEOUL — Talks resumed.\n", "md")
        let d = try #require(try Self.read([path]).first)
        #expect(d.title == "Talks resume" && d.source == "Meridian Wire" && d.storyline == "nk")
        #expect(d.date == CalendarDay(year: 2018, month: 8, day: 24))
        #expect(d.text == "\nSEOUL — Talks resumed.\n")
    }

    @Test func jsonLinesOfDocumentsAndBadDates() throws {
        let path = try DatasetReaderTests.file("{\"id\": \"a\", \"date\": \"2019-02-28\", \"text\": \"One.\\nTwo.\", \"source\": \"S\"}\n{\"id\": \"b\", \"date\": \"someday\", \"text\": \"Three.\"}\n", "jsonl")
        let docs = try Self.read([path])
        #expect(docs.map(\.id) == ["a", "b"])
        #expect(docs[0].date == CalendarDay(year: 2019, month: 2, day: 28) && docs[0].source == "S")
        #expect(docs[1].date == nil && docs[1].rawDate == "someday")
        #expect(docs[1].origin == "\(path):2")
    }

    @Test func directoriesAreReadInNameOrderWithoutLabelSidecars() throws {
        let dir = NSTemporaryDirectory() + "stance-docs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try Data("B text.".utf8).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        try Data("A text.".utf8).write(to: URL(fileURLWithPath: dir + "/sub/a.md"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/sub/a.labels.jsonl"))
        try Data("ignored".utf8).write(to: URL(fileURLWithPath: dir + "/notes.pdf"))
        #expect(try Self.read([dir]).map(\.id) == ["b", "a"])
    }

    @Test func unclosedFrontMatterIsAnError() throws {
        let path = try DatasetReaderTests.file("---\ntitle: x\n\nbody\n", "md")
        #expect(throws: DataError.self) { try Self.read([path]) }
    }
}
