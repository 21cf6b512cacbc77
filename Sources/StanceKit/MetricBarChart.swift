import Foundation

/// Grouped bars on a 0–1 scale (say precision, recall and F1 for each label), each bar with an
/// optional whisker for its interval. An undefined value draws no bar but the word "undefined".
public struct MetricBarChart: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public let name: String
        public let values: [Double?]
        public let intervals: [ClosedRange<Double>?]

        public init(name: String, values: [Double?], intervals: [ClosedRange<Double>?]) {
            precondition(values.count == intervals.count)
            self.name = name
            self.values = values
            self.intervals = intervals
        }
    }

    public let title: String
    public let subtitle: String
    public let groups: [String]
    public let series: [Series]
    public let xAxisTitle: String
    public let yAxisTitle: String

    public init(title: String, subtitle: String, groups: [String], series: [Series], xAxisTitle: String, yAxisTitle: String) {
        precondition(series.allSatisfy { $0.values.count == groups.count })
        self.title = title
        self.subtitle = subtitle
        self.groups = groups
        self.series = series
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
    }

    /// Colour-blind-safe (Okabe–Ito) colours, distinct in greyscale print by lightness.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]

    public func svg() -> String {
        let s = max(series.count, 1)
        let barWidth = groups.count * s > 24 ? 14.0 : 24.0
        let groupWidth = Double(s) * barWidth + 28
        let left = 64.0, top = 74.0, plotHeight = 260.0
        let shown = groups.map { SVGWriter.truncated($0, 22) }
        let longest = shown.map { SVGWriter.textWidth($0, size: 12) }.max() ?? 0
        let rotate = longest > groupWidth - 6
        let labelHeight = rotate ? longest * 0.72 + 12 : 18
        let plotWidth = max(Double(groups.count) * groupWidth, 300)
        let legendWidth = series.reduce(0) { $0 + 17 + SVGWriter.textWidth($1.name, size: 12) + 22 }
        let width = max(left + plotWidth + 24, left + legendWidth, 420)
        let height = top + plotHeight + labelHeight + 44
        var svg = SVGWriter(width: width, height: height)
        func y(_ v: Double) -> Double { top + plotHeight * (1 - min(max(v, 0), 1)) }

        svg.text(title, x: 12, y: 22, size: 16, bold: true)
        svg.text(subtitle, x: 12, y: 40, size: 11, fill: "#555")
        // Legend.
        var legendX = left
        for (i, item) in series.enumerated() {
            svg.rect(x: legendX, y: 50, width: 12, height: 12, fill: Self.palette[i % Self.palette.count])
            svg.text(item.name, x: legendX + 17, y: 60, size: 12)
            legendX += 17 + SVGWriter.textWidth(item.name, size: 12) + 22
        }
        // Grid and y axis.
        for tick in stride(from: 0.0, through: 1.0001, by: 0.2) {
            svg.line(x1: left, y1: y(tick), x2: left + plotWidth, y2: y(tick), stroke: tick == 0 ? "#444" : "#ddd")
            svg.text(ReportFormatting.number(tick, digits: 1), x: left - 6, y: y(tick) + 4, size: 11, anchor: .end)
        }
        svg.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: "#444")
        svg.text(yAxisTitle, x: 18, y: top + plotHeight / 2, size: 13, anchor: .middle, bold: true, rotate: -90)

        let offset = (plotWidth - Double(groups.count) * groupWidth) / 2
        for (g, group) in groups.enumerated() {
            let groupX = left + offset + Double(g) * groupWidth + 14
            for (i, item) in series.enumerated() {
                let x = groupX + Double(i) * barWidth
                let colour = Self.palette[i % Self.palette.count]
                guard let value = item.values[g] else {
                    svg.text(ReportFormatting.undefined, x: x + barWidth / 2 + 4, y: y(0) - 6, size: 10, anchor: .start,
                             fill: "#777", rotate: -90, tooltip: "\(group) \(item.name): undefined")
                    continue
                }
                var tip = "\(group) \(item.name): \(ReportFormatting.number(value))"
                if let r = item.intervals[g] { tip += " (interval \(ReportFormatting.number(r.lowerBound))–\(ReportFormatting.number(r.upperBound)))" }
                svg.rect(x: x + 1, y: y(value), width: barWidth - 2, height: y(0) - y(value), fill: colour, tooltip: tip)
                if let r = item.intervals[g] {
                    let cx = x + barWidth / 2, cap = barWidth * 0.3
                    svg.line(x1: cx, y1: y(r.lowerBound), x2: cx, y2: y(r.upperBound), stroke: "#111", width: 1.5)
                    svg.line(x1: cx - cap, y1: y(r.lowerBound), x2: cx + cap, y2: y(r.lowerBound), stroke: "#111", width: 1.5)
                    svg.line(x1: cx - cap, y1: y(r.upperBound), x2: cx + cap, y2: y(r.upperBound), stroke: "#111", width: 1.5)
                }
            }
            let centre = groupX + Double(s) * barWidth / 2
            if rotate {
                svg.text(shown[g], x: centre + 4, y: top + plotHeight + 14, size: 12, anchor: .end, rotate: -40, tooltip: group)
            } else {
                svg.text(shown[g], x: centre, y: top + plotHeight + 16, size: 12, anchor: .middle, tooltip: group)
            }
        }
        svg.text(xAxisTitle, x: left + plotWidth / 2, y: top + plotHeight + labelHeight + 28, size: 13, anchor: .middle, bold: true)
        return svg.document(title: title, className: "chart bars")
    }
}
