import ArgumentParser
import Foundation
import LinearAlgebra
import SentenceEncoder
import StanceKit

typealias StanceKitVersion = StanceVersion

/// Exit statuses (sysexits.h), as documented in `stance --help`.
enum ExitStatus {
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let missingInput: Int32 = 66
    static let internalError: Int32 = 70
}

/// Runs a command body, turning library errors into a one-line message on stderr and the
/// matching exit status. Every command starts here, before anything has called BLAS, so this is
/// also where OpenBLAS's idle worker threads are stopped (they would spin against the command's
/// own threads).
func runReportingErrors(_ body: () throws -> Void) throws {
    BLASThreads.stopIdleWorkers()
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as DataError {
        Terminal.error(error.description)
        throw ExitCode(error.kind == .missingInput ? ExitStatus.missingInput : ExitStatus.badData)
    } catch let error as StanceError {
        Terminal.error(error.description)
        switch error {
        case .invalidOption: throw ExitCode(ExitStatus.usage)
        case .modelFile, .unknownLabels, .encoderMismatch: throw ExitCode(ExitStatus.badData)
        case .encoderMissing: throw ExitCode(ExitStatus.missingInput)
        }
    } catch let error as EncoderError {
        Terminal.error(error.description)
        throw ExitCode(ExitStatus.badData)
    } catch {
        Terminal.error("internal error: \(error)")
        throw ExitCode(ExitStatus.internalError)
    }
}

/// Timestamped progress messages on stderr (nothing when `quiet`), for long-running commands.
func progressReporter(quiet: Bool) -> @Sendable (String) -> Void {
    let started = Date()
    return { message in
        if !quiet { Terminal.note("[\(String(format: "%6.2f", Date().timeIntervalSince(started)))s] \(message)") }
    }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("stance: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

/// Buffered standard output: many small writes through FileHandle are slow.
final class OutputStream {
    private var buffer: [UInt8] = []
    private let handle: FileHandle

    init(_ handle: FileHandle = .standardOutput) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(_ bytes: [UInt8]) {
        if buffer.isEmpty && bytes.count >= 1 << 16 {
            handle.write(Data(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func line(_ s: String = "") {
        write(s)
        write("\n")
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Locates the model: the path given, else $STANCE_MODEL, else Models/default.stance beside the
/// executable's checkout (the binary lives in .build/<configuration>/) or in the current directory.
enum ModelLocator {
    static let defaultRelativePath = "Models/default.stance"

    static func resolve(_ given: String?) throws -> String {
        if let given { return given }
        if let env = ProcessInfo.processInfo.environment["STANCE_MODEL"], !env.isEmpty { return env }
        var candidates = [String]()
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent(defaultRelativePath).path)
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/" + defaultRelativePath)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw DataError(.missingInput, file: defaultRelativePath,
                        "no --model given and the default model was not found (set STANCE_MODEL or pass --model)")
    }
}

extension Double {
    /// Fixed decimals, for tables.
    func fixed(_ digits: Int) -> String { String(format: "%.\(digits)f", self) }
}

/// JSON text of a value, keys sorted, for machine-readable output.
func jsonString<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
