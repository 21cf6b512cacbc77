import Foundation
import Testing
@testable import StanceKit

@Suite struct LineReaderTests {
    @Test(arguments: [1, 2, 3, 7, 64])
    func linesSurviveAnyChunkSize(chunkSize: Int) throws {
        let path = try DatasetReaderTests.file("alpha\r\nbeta\n\ngamma delta\nno newline at end", "txt")
        let reader = try LineReader(path: path, chunkSize: chunkSize)
        var lines = [String]()
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["alpha", "beta", "", "gamma delta", "no newline at end"])
        #expect(reader.lineNumber == 5)
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func blocksHoldTheSameLinesAsSingleReads(chunkSize: Int) throws {
        let path = try DatasetReaderTests.file("alpha\r\nbeta\n\ngamma delta\nno newline at end", "txt")
        let reader = try LineReader(path: path, chunkSize: chunkSize)
        var lines = [String]()
        var numbers = [Int]()
        while let block = try reader.nextLines(maximum: 2) {
            #expect((1...2).contains(block.ranges.count))
            lines += block.ranges.map { String(decoding: block.bytes[$0], as: UTF8.self) }
            numbers += block.numbers
        }
        #expect(lines == ["alpha", "beta", "", "gamma delta", "no newline at end"])
        #expect(numbers == [1, 2, 3, 4, 5])
        #expect(try reader.nextLines(maximum: 2) == nil)
    }

    @Test func directoryIsNotAFile() {
        #expect(throws: DataError.self) { try LineReader(path: NSTemporaryDirectory()) }
    }
}
