/// Formats of labelled and unlabelled input files.
public enum DataFormat: String, Sendable, CaseIterable, Codable {
    case jsonl, csv, tsv
    /// One text per line, no header (unlabelled input only).
    case text

    /// The format implied by a file name's extension, or nil when it does not say.
    public static func inferred(from path: String) -> DataFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".txt") { return .text }
        return nil
    }
}
