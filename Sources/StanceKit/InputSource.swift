import Foundation

/// Reads a file, or standard input for "-", in chunks, and hands out lines as UTF-8 bytes
/// without their terminators, counting lines so errors can name them.
public final class LineReader {
    public let name: String
    public private(set) var lineNumber = 0
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private let chunkSize: Int

    /// Opens `path` ("-" is standard input).
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.chunkSize = chunkSize
        if path == "-" {
            name = "<stdin>"
            handle = FileHandle.standardInput
            return
        }
        name = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(.missingInput, file: path, "no such file")
        }
        guard !isDirectory.boolValue else { throw DataError(.missingInput, file: path, "is a directory, not a file") }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw DataError(.missingInput, file: path, "cannot be opened for reading")
        }
        handle = h
    }

    deinit {
        if name != "<stdin>" { try? handle.close() }
    }

    /// The next line, or nil at the end of the input. A trailing "\r" is removed.
    public func nextLine() throws -> [UInt8]? {
        while true {
            if let (end, next) = lineEnd() {
                let line = Array(buffer[position..<end])
                position = next
                lineNumber += 1
                return line
            }
            if finished { return nil }
            try fill()
        }
    }

    /// Up to `maximum` next lines, copied together into one array, as ranges into it (without
    /// terminators; a trailing "\r" removed), with their line numbers; nil at the end of the
    /// input. A block is one copy, not an allocation per line, so other threads can parse the
    /// lines. It holds fewer lines when they do not fit in the read-ahead buffer, which is
    /// topped up to at least one read's worth of unread bytes first.
    public func nextLines(maximum: Int) throws -> LineBlock? {
        if !finished && buffer.count - position < chunkSize { try fill() }
        while true {
            var ranges: [Range<Int>] = []
            var numbers: [Int] = []
            let start = position
            while ranges.count < maximum, let (end, next) = lineEnd() {
                ranges.append((position - start)..<(end - start))
                lineNumber += 1
                numbers.append(lineNumber)
                position = next
            }
            if !ranges.isEmpty {
                return LineBlock(bytes: Array(buffer[start..<position]), ranges: ranges, numbers: numbers)
            }
            if finished { return nil }
            try fill()
        }
    }

    /// Where the line at `position` ends (before its "\r\n" or "\n") and where the next one
    /// starts, or nil when the buffer holds no whole line there: none left, or no newline yet
    /// and more input to come. At the end of the input the rest is the last line.
    private func lineEnd() -> (end: Int, next: Int)? {
        buffer.withUnsafeBufferPointer { b -> (end: Int, next: Int)? in
            guard let base = b.baseAddress, position < b.count else { return nil }
            let end: Int, next: Int
            // memchr: a generic search of the slice cost several instructions a byte.
            if let p = memchr(base + position, 0x0A, b.count - position) {
                end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                next = end + 1
            } else if finished {
                end = b.count
                next = b.count
            } else {
                return nil
            }
            return (end > position && b[end - 1] == 0x0D ? end - 1 : end, next)
        }
    }

    private func fill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw DataError(.missingInput, file: name, "read failed: \(error.localizedDescription)")
        }
        if let data, !data.isEmpty {
            buffer.append(contentsOf: data)
        } else {
            finished = true
        }
    }
}

/// Consecutive lines of an input in one array: line `i` is `bytes[ranges[i]]`, numbered
/// `numbers[i]` (1-based, counting every line of the input).
public struct LineBlock: Sendable, Equatable {
    public var bytes: [UInt8]
    public var ranges: [Range<Int>]
    public var numbers: [Int]
}

/// Strict UTF-8 decoding that reports where the input goes wrong.
public enum UTF8Validation {
    /// The string, or nil when the bytes are not valid UTF-8.
    public static func decode<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        if let decoded = bytes.withContiguousStorageIfAvailable({ decode($0) }) { return decoded }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `String(validating:as:)` is generic over the encoding and not specialised: it checked
    /// about 25 instructions a byte, a tenth of the time of classifying JSON Lines.
    /// `String(decoding:as:)` runs the standard library's UTF-8 validator but repairs bad input
    /// instead of failing, so the result is compared with the input: equal bytes mean valid.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var decoded = String(decoding: bytes, as: UTF8.self)
        let unchanged = decoded.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return unchanged ? decoded : nil
    }
}
