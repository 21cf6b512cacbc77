import Foundation

/// A line chart of the net stance index over time as standalone SVG: one line per group with
/// its 95% interval as a shaded band, date axis, index axis, zero line, title and legend.
public struct TrackingChart: Sendable {
    public let aggregate: TrackingAggregate
    public let rows: [TrackingRow]
    /// Groups drawn (the rest are left out and said so): the ones with most sentences.
    public var maximumGroups = 8

    public init(aggregate: TrackingAggregate, rows: [TrackingRow]) {
        self.aggregate = aggregate
        self.rows = rows
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Groups to draw, most sentences first.
    var groups: [String] {
        var totals = [String: Int]()
        for r in rows { totals[r.group, default: 0] += r.sentences }
        return totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(maximumGroups).map(\.key)
    }

    public func svg(width: Double = 960, height: Double = 480) -> String {
        let left = 70.0, right = 190.0, top = 56.0, bottom = 64.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let shown = groups
        let drawn = rows.filter { shown.contains($0.group) }
        let days = drawn.compactMap { CalendarDay(parsing: $0.start)?.ordinal }
        let minDay = days.min() ?? 0, maxDay = days.max() ?? 1
        func x(_ start: String) -> Double {
            guard let d = CalendarDay(parsing: start)?.ordinal else { return left }
            return maxDay == minDay ? left + plotWidth / 2 : left + plotWidth * Double(d - minDay) / Double(maxDay - minDay)
        }
        var low = drawn.map(\.low).min() ?? -1, high = drawn.map(\.high).max() ?? 1
        low = min(low, 0); high = max(high, 0)
        let step = TrackingChart.niceStep((high - low) / 5)
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        if high - low < step { high = low + step }
        func y(_ v: Double) -> Double { top + plotHeight * (high - v) / (high - low) }
        let f = { (v: Double) in String(format: "%.1f", v) }

        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" font-family="Helvetica, Arial, sans-serif" role="img">
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(f(left))" y="24" font-size="18" font-weight="bold">Net stance index by \(aggregate.period.rawValue)\(aggregate.groupBy == .none ? "" : " and " + aggregate.groupBy.rawValue)</text>
        <text x="\(f(left))" y="42" font-size="12" fill="#555">(\(TrackingChart.escape(aggregate.positiveLabel)) − \(TrackingChart.escape(aggregate.negativeLabel))) / sentences; shaded: 95% interval\(shown.count < Set(rows.map(\.group)).count ? "; \(shown.count) largest groups shown" : "")</text>

        """
        // Horizontal grid and index axis.
        var v = low
        while v <= high + step / 2 {
            s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"\(abs(v) < step / 2 ? "#444" : "#ddd")\" stroke-width=\"\(abs(v) < step / 2 ? 1.2 : 1)\"/>\n"
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(y(v) + 4))\" font-size=\"11\" text-anchor=\"end\">\(String(format: "%+.2f", v))</text>\n"
            v += step
        }
        s += "<text transform=\"translate(18 \(f(top + plotHeight / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">net index (\(TrackingChart.escape(aggregate.positiveLabel)) +, \(TrackingChart.escape(aggregate.negativeLabel)) −)</text>\n"
        // Date axis: at most ~10 labelled periods, evenly spread.
        let starts = Array(Set(drawn.map(\.start))).sorted()
        let every = max(1, Int((Double(starts.count) / 10).rounded(.up)))
        for (i, start) in starts.enumerated() where i % every == 0 {
            let label = drawn.first { $0.start == start }!.period
            s += "<line x1=\"\(f(x(start)))\" x2=\"\(f(x(start)))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"#444\"/>\n"
            s += "<text x=\"\(f(x(start)))\" y=\"\(f(top + plotHeight + 20))\" font-size=\"11\" text-anchor=\"middle\">\(TrackingChart.escape(label))</text>\n"
        }
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight))\" stroke=\"#444\"/>\n"
        s += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 16))\" font-size=\"12\" text-anchor=\"middle\">\(aggregate.period.rawValue) (start date)</text>\n"
        // One band, line and markers per group.
        for (g, group) in shown.enumerated() {
            let color = TrackingChart.palette[g % TrackingChart.palette.count]
            let series = drawn.filter { $0.group == group }
            let upper = series.map { "\(f(x($0.start))),\(f(y($0.high)))" }
            let lower = series.reversed().map { "\(f(x($0.start))),\(f(y($0.low)))" }
            s += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
            s += "<polyline points=\"\(series.map { "\(f(x($0.start))),\(f(y($0.netIndex)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            for r in series {
                s += "<circle cx=\"\(f(x(r.start)))\" cy=\"\(f(y(r.netIndex)))\" r=\"3\" fill=\"\(color)\"><title>\(TrackingChart.escape(group)) \(r.period): \(String(format: "%+.3f", r.netIndex)) (\(r.sentences) sentences)</title></circle>\n"
            }
            let ly = top + 10 + Double(g) * 20
            s += "<rect x=\"\(f(left + plotWidth + 16))\" y=\"\(f(ly - 9))\" width=\"14\" height=\"10\" fill=\"\(color)\"/>\n"
            s += "<text x=\"\(f(left + plotWidth + 36))\" y=\"\(f(ly))\" font-size=\"12\">\(TrackingChart.escape(String(group.prefix(22))))</text>\n"
        }
        if drawn.isEmpty {
            s += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight / 2))\" font-size=\"14\" text-anchor=\"middle\">no dated documents</text>\n"
        }
        s += "</svg>\n"
        return s
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 0.25 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= raw { return m * magnitude }
        return 10 * magnitude
    }
}
