import Foundation

/// The reliability diagram of a `Calibration`: for each confidence bin, a bar as high as the
/// bin's accuracy, the gap to the bin's mean confidence shaded, the diagonal of perfect
/// calibration, and below it a histogram of how many predictions fell in each bin.
public struct ReliabilityDiagram: Sendable, Equatable {
    public let title: String
    public let calibration: Calibration

    public init(title: String = "Reliability diagram", calibration: Calibration) {
        self.title = title
        self.calibration = calibration
    }

    public func svg() -> String {
        let left = 64.0, top = 78.0, plot = 320.0, histogram = 70.0, gap = 16.0
        let width = left + plot + 170
        let height = top + plot + gap + histogram + 52
        var svg = SVGWriter(width: width, height: height)
        func x(_ v: Double) -> Double { left + plot * v }
        func y(_ v: Double) -> Double { top + plot * (1 - v) }
        let bins = calibration.bins
        let total = bins.reduce(0) { $0 + $1.count }

        svg.text(title, x: 12, y: 22, size: 16, bold: true)
        svg.text("Top-label confidence in \(bins.count) equal-width bins; expected calibration error "
                 + ReportFormatting.number(calibration.expectedCalibrationError), x: 12, y: 40, size: 11, fill: "#555")

        for tick in stride(from: 0.0, through: 1.0001, by: 0.2) {
            svg.line(x1: x(0), y1: y(tick), x2: x(1), y2: y(tick), stroke: "#e3e3e3")
            svg.line(x1: x(tick), y1: y(0), x2: x(tick), y2: y(1), stroke: "#e3e3e3")
            svg.text(ReportFormatting.number(tick, digits: 1), x: x(0) - 6, y: y(tick) + 4, size: 11, anchor: .end)
        }
        for bin in bins {
            guard let accuracy = bin.accuracy, let confidence = bin.meanConfidence else { continue }
            let tip = "confidence \(ReportFormatting.number(bin.lower, digits: 2))–\(ReportFormatting.number(bin.upper, digits: 2)): "
                + "\(bin.count) predictions, accuracy \(ReportFormatting.number(accuracy)), mean confidence \(ReportFormatting.number(confidence))"
            svg.rect(x: x(bin.lower) + 1, y: y(accuracy), width: plot * (bin.upper - bin.lower) - 2, height: y(0) - y(accuracy),
                     fill: "#0072B2", opacity: 0.85, tooltip: tip)
            let (low, high) = (min(accuracy, confidence), max(accuracy, confidence))
            svg.rect(x: x(bin.lower) + 1, y: y(high), width: plot * (bin.upper - bin.lower) - 2, height: y(low) - y(high),
                     fill: "#D55E00", stroke: "#D55E00", strokeWidth: 1, opacity: 0.3, dash: "3 2")
            svg.circle(cx: x(confidence), cy: y(accuracy), r: 3, fill: "#111", tooltip: tip)
        }
        svg.line(x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: "#555", width: 1.5, dash: "6 4")
        svg.rect(x: x(0), y: y(1), width: plot, height: plot, fill: "none", stroke: "#444")
        svg.text("Accuracy", x: 18, y: top + plot / 2, size: 13, anchor: .middle, bold: true, rotate: -90)

        // Histogram of predictions per bin, scaled to the fullest bin.
        let histogramTop = top + plot + gap
        let fullest = bins.map(\.count).max() ?? 0
        svg.rect(x: x(0), y: histogramTop, width: plot, height: histogram, fill: "none", stroke: "#bbb")
        for bin in bins where bin.count > 0 {
            let h = histogram * Double(bin.count) / Double(max(fullest, 1))
            svg.rect(x: x(bin.lower) + 1, y: histogramTop + histogram - h, width: plot * (bin.upper - bin.lower) - 2, height: h,
                     fill: "#7f7f7f", tooltip: "\(bin.count) of \(total) predictions (\(ReportFormatting.percent(Double(bin.count) / Double(total))))")
        }
        svg.text("Predictions", x: 18, y: histogramTop + histogram / 2, size: 11, anchor: .middle, bold: true, rotate: -90)
        svg.text(String(fullest), x: x(0) - 6, y: histogramTop + 10, size: 11, anchor: .end)
        svg.text("0", x: x(0) - 6, y: histogramTop + histogram, size: 11, anchor: .end)
        for tick in stride(from: 0.0, through: 1.0001, by: 0.2) {
            svg.text(ReportFormatting.number(tick, digits: 1), x: x(tick), y: histogramTop + histogram + 16, size: 11, anchor: .middle)
        }
        svg.text("Confidence (probability of the predicted label)", x: x(0.5), y: histogramTop + histogram + 38, size: 13,
                 anchor: .middle, bold: true)

        // Legend.
        let lx = x(1) + 18
        svg.rect(x: lx, y: top + 4, width: 14, height: 14, fill: "#0072B2", opacity: 0.85)
        svg.text("Accuracy in bin", x: lx + 20, y: top + 15, size: 12)
        svg.rect(x: lx, y: top + 28, width: 14, height: 14, fill: "#D55E00", stroke: "#D55E00", opacity: 0.3, dash: "3 2")
        svg.text("Gap to confidence", x: lx + 20, y: top + 39, size: 12)
        svg.circle(cx: lx + 7, cy: top + 59, r: 3, fill: "#111")
        svg.text("Mean confidence", x: lx + 20, y: top + 63, size: 12)
        svg.line(x1: lx, y1: top + 83, x2: lx + 14, y2: top + 83, stroke: "#555", width: 1.5, dash: "6 4")
        svg.text("Perfect calibration", x: lx + 20, y: top + 87, size: 12)
        if total == 0 { svg.text("No predictions", x: x(0.5), y: y(0.5), size: 14, anchor: .middle, fill: "#777") }
        return svg.document(title: title, className: "chart reliability")
    }
}
