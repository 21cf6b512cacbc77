import Foundation

/// The tiny labelled corpus of the library tests (Tests/StanceKitTests/Fixtures/tiny-corpus.jsonl),
/// in the formats the CLI reads.
enum TrainingCorpus {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("StanceKitTests/Fixtures/tiny-corpus.jsonl").path
    }

    static var records: [(text: String, label: String)] {
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] else { return nil }
            return (object["text"]!, object["label"]!)
        }
    }

    /// The corpus as CSV with a "sentence" and a "stance" column.
    static var csv: String {
        "sentence,stance\n" + records.map { "\"\($0.text.replacingOccurrences(of: "\"", with: "\"\""))\",\($0.label)\n" }.joined()
    }
}
