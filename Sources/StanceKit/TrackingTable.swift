import Foundation

/// The tracking table as CSV or JSON.
public struct TrackingTable: Sendable {
    public enum Format: String, Sendable { case csv, json }

    public let aggregate: TrackingAggregate
    public let rows: [TrackingRow]

    public init(aggregate: TrackingAggregate, rows: [TrackingRow]) {
        self.aggregate = aggregate
        self.rows = rows
    }

    struct JSONTable: Encodable {
        let period: String
        let groupBy: String
        let labels: [String]
        let index: String
        let documents: Int
        let skippedDocuments: Int
        let rows: [TrackingRow]
    }

    public func render<F: RawRepresentable>(_ format: F) throws -> String where F.RawValue == String {
        switch Format(rawValue: format.rawValue) ?? .csv {
        case .csv: return csv()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let table = JSONTable(period: aggregate.period.rawValue, groupBy: aggregate.groupBy.rawValue, labels: aggregate.labels,
                                  index: "(\(aggregate.positiveLabel) - \(aggregate.negativeLabel)) / sentences",
                                  documents: aggregate.documents, skippedDocuments: aggregate.skippedDocuments, rows: rows)
            return String(decoding: try encoder.encode(table), as: UTF8.self) + "\n"
        }
    }

    public func csv() -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = (["group", "period", "start", "documents", "sentences"] + aggregate.labels.map { "share_\($0)" }
                   + ["net_index", "net_low", "net_high", "probability_index", "rolling_mean"]).joined(separator: ",") + "\n"
        for r in rows {
            let numbers = aggregate.labels.map { String(format: "%.6f", r.shares[$0] ?? 0) }
                + [r.netIndex, r.low, r.high, r.probabilityIndex, r.rollingMean].map { String(format: "%.6f", $0) }
            out += ([field(r.group), r.period, r.start, String(r.documents), String(r.sentences)] + numbers).joined(separator: ",") + "\n"
        }
        return out
    }
}
