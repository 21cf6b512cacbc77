import Foundation

/// A self-contained HTML page for `stance track --report`: the chart, the table, and the most
/// positive and negative sentences of each period. No scripts, fonts or network.
public struct TrackingReport: Sendable {
    public let aggregate: TrackingAggregate
    public let rows: [TrackingRow]

    public init(aggregate: TrackingAggregate, rows: [TrackingRow]) {
        self.aggregate = aggregate
        self.rows = rows
    }

    public func html() -> String {
        let e = TrackingChart.escape
        let pos = e(aggregate.positiveLabel), neg = e(aggregate.negativeLabel)
        var s = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Stance over time</title>
        <style>
        body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; } h3 { font-size: 1.05em; margin-bottom: 0.3em; }
        table { border-collapse: collapse; font-size: 0.85em; width: 100%; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: right; }
        th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
        .pos { color: #b22222; } .neg { color: #1f5fa8; }
        .sentences li { margin: 0.2em 0; } .meta { color: #666; font-size: 0.85em; }
        svg { max-width: 100%; height: auto; }
        @media print { body { max-width: none; margin: 0; } h2 { page-break-before: auto; } tr { page-break-inside: avoid; } }
        </style></head><body>
        <h1>Stance over time</h1>
        <p class="meta">\(aggregate.documents) documents by \(aggregate.period.rawValue)\(aggregate.groupBy == .none ? "" : ", grouped by " + aggregate.groupBy.rawValue); index = (\(pos) − \(neg)) / sentences, 95% interval by normal approximation over sentences\(aggregate.skippedDocuments > 0 ? "; \(aggregate.skippedDocuments) documents without a usable date skipped" : "").</p>
        \(TrackingChart(aggregate: aggregate, rows: rows).svg())
        <h2>Table</h2>
        <table><thead><tr><th>group</th><th>period</th><th>documents</th><th>sentences</th>
        """
        for label in aggregate.labels { s += "<th>\(e(label))</th>" }
        s += "<th>net index</th><th>95% interval</th><th>probability index</th><th>rolling mean</th></tr></thead><tbody>\n"
        for r in rows {
            s += "<tr><td>\(e(r.group))</td><td>\(e(r.period))</td><td>\(r.documents)</td><td>\(r.sentences)</td>"
            for label in aggregate.labels { s += "<td>\(String(format: "%.0f%%", (r.shares[label] ?? 0) * 100))</td>" }
            s += "<td>\(String(format: "%+.3f", r.netIndex))</td><td>\(String(format: "%+.3f … %+.3f", r.low, r.high))</td>"
            s += "<td>\(String(format: "%+.3f", r.probabilityIndex))</td><td>\(String(format: "%+.3f", r.rollingMean))</td></tr>\n"
        }
        s += "</tbody></table>\n<h2>Most \(pos) and most \(neg) sentences of each period</h2>\n"
        for r in rows {
            s += "<h3>\(e(r.group == "all" ? r.period : r.group + " · " + r.period)) <span class=\"meta\">(\(String(format: "%+.3f", r.netIndex)))</span></h3>\n<ul class=\"sentences\">\n"
            for x in r.mostPositive.prefix(2) {
                s += "<li class=\"pos\">\(e(x.text)) <span class=\"meta\">— \(e(x.document)), p(\(pos)) − p(\(neg)) = \(String(format: "%+.2f", Double(x.score) / 1e9))</span></li>\n"
            }
            for x in r.mostNegative.prefix(2) {
                s += "<li class=\"neg\">\(e(x.text)) <span class=\"meta\">— \(e(x.document)), p(\(pos)) − p(\(neg)) = \(String(format: "%+.2f", Double(x.score) / 1e9))</span></li>\n"
            }
            s += "</ul>\n"
        }
        s += "</body></html>\n"
        return s
    }
}
