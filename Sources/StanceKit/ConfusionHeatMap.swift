import Foundation

/// The confusion matrix as an SVG heat map: one cell per (true, predicted) pair, coloured by
/// the share of the true label's examples it holds, with the count and share written in it.
public struct ConfusionHeatMap: Sendable, Equatable {
    public let title: String
    public let labels: [String]
    /// counts[true][predicted]
    public let counts: [[Int]]

    public init(title: String = "Confusion matrix", labels: [String], counts: [[Int]]) {
        self.title = title
        self.labels = labels
        self.counts = counts
    }

    /// Sequential blues, light to dark (ColorBrewer "Blues"), readable in greyscale print too.
    static let ramp: [(Double, Double, Double)] = [(247, 251, 255), (198, 219, 239), (107, 174, 214), (33, 113, 181), (8, 48, 107)]

    static func colour(_ share: Double) -> String {
        let t = min(max(share, 0), 1) * Double(ramp.count - 1)
        let i = min(Int(t), ramp.count - 2)
        let f = t - Double(i)
        let (a, b) = (ramp[i], ramp[i + 1])
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    public func svg() -> String {
        let k = labels.count
        let cell = min(96, max(40, 480 / Double(max(k, 1))))
        let labelSize = 12.0
        let shown = labels.map { SVGWriter.truncated($0, 24) }
        let labelWidth = min(180, (shown.map { SVGWriter.textWidth($0, size: labelSize) }.max() ?? 0))
        let rotateColumns = labelWidth > cell - 6
        let left = 34 + labelWidth + 8
        let top = 58.0
        let grid = cell * Double(k)
        let columnLabelHeight = rotateColumns ? labelWidth * 0.72 + 12 : 18
        let bottom = columnLabelHeight + 40
        let legendX = left + grid + 24
        let width = max(legendX + 90, 360)
        let height = top + grid + bottom
        var svg = SVGWriter(width: width, height: height)

        svg.text(title, x: 12, y: 22, size: 16, bold: true)
        svg.text("Colour: share of the true label's examples; each cell: count and share", x: 12, y: 40, size: 11, fill: "#555")

        let rowTotals = counts.map { $0.reduce(0, +) }
        for i in 0..<k {
            for j in 0..<k {
                let x = left + Double(j) * cell, y = top + Double(i) * cell
                let count = counts[i][j]
                let share: Double? = rowTotals[i] > 0 ? Double(count) / Double(rowTotals[i]) : nil
                let tip = "true \(labels[i]), predicted \(labels[j]): \(count) (\(share.map { ReportFormatting.percent($0) } ?? "share undefined: no examples of this label"))"
                svg.rect(x: x, y: y, width: cell, height: cell, fill: share.map(Self.colour) ?? "#e6e6e6",
                         stroke: "#ffffff", strokeWidth: 2, tooltip: tip)
                let ink = (share ?? 0) > 0.55 ? "#ffffff" : "#1a1a1a"
                let big = min(16, cell / 3.6)
                if let share, cell >= 54 {
                    svg.text(String(count), x: x + cell / 2, y: y + cell / 2 - 1, size: big, anchor: .middle, bold: true, fill: ink)
                    svg.text(ReportFormatting.percent(share), x: x + cell / 2, y: y + cell / 2 + big, size: big * 0.72, anchor: .middle, fill: ink)
                } else {
                    svg.text(String(count), x: x + cell / 2, y: y + cell / 2 + big / 3, size: big, anchor: .middle, bold: true, fill: ink)
                }
            }
            // Row labels: the true label.
            svg.text(shown[i], x: left - 8, y: top + (Double(i) + 0.5) * cell + 4, size: labelSize, anchor: .end, tooltip: labels[i])
        }
        for j in 0..<k {
            let x = left + (Double(j) + 0.5) * cell, y = top + grid + 16
            if rotateColumns {
                svg.text(shown[j], x: x + 4, y: y - 4, size: labelSize, anchor: .end, rotate: -40, tooltip: labels[j])
            } else {
                svg.text(shown[j], x: x, y: y, size: labelSize, anchor: .middle, tooltip: labels[j])
            }
        }
        svg.rect(x: left, y: top, width: grid, height: grid, fill: "none", stroke: "#888", strokeWidth: 1)
        svg.text("Predicted label", x: left + grid / 2, y: top + grid + columnLabelHeight + 24, size: 13, anchor: .middle, bold: true)
        svg.text("True label", x: 16, y: top + grid / 2, size: 13, anchor: .middle, bold: true, rotate: -90)

        // Colour legend: ten steps from 0% to 100%.
        let steps = 10
        let stepHeight = max(grid, 120) / Double(steps)
        for s in 0..<steps {
            let share = Double(steps - 1 - s) / Double(steps - 1)
            svg.rect(x: legendX, y: top + Double(s) * stepHeight, width: 14, height: stepHeight + 0.5, fill: Self.colour(share))
        }
        svg.rect(x: legendX, y: top, width: 14, height: stepHeight * Double(steps), fill: "none", stroke: "#888")
        svg.text("100%", x: legendX + 20, y: top + 10, size: 11)
        svg.text("0%", x: legendX + 20, y: top + stepHeight * Double(steps), size: 11)
        svg.text("Share of row", x: legendX + 20, y: top + stepHeight * Double(steps) / 2 + 4, size: 11, fill: "#555")
        return svg.document(title: title, className: "chart confusion")
    }
}
