import Foundation
import Testing
@testable import StanceKit

/// The SVG charts: drawn shapes, counts and undefined values.
@Suite struct ReportChartTests {
    static func count(_ element: String, in svg: String) -> Int { svg.components(separatedBy: "<\(element) ").count - 1 }

    @Test func heatMapWritesCountsAndSharesInCells() {
        let chart = ConfusionHeatMap(labels: ["a", "b"], counts: [[3, 1], [0, 0]])
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(">3</text>") && svg.contains(">75.0%</text>") && svg.contains(">25.0%</text>"))
        // The row of a label with no examples has no share, and says so.
        #expect(svg.contains("share undefined: no examples of this label"))
        #expect(!svg.contains("NaN") && !svg.contains("nan%"))
        #expect(Self.count("rect", in: svg) >= 4 + 10)
    }

    @Test func heatMapColoursGoFromLightToDark() {
        #expect(ConfusionHeatMap.colour(0) == "#f7fbff")
        #expect(ConfusionHeatMap.colour(1) == "#08306b")
        #expect(ConfusionHeatMap.colour(0.5) == "#6baed6")
    }

    @Test func barsHaveWhiskersAndUndefinedValuesAreLabelled() {
        let chart = MetricBarChart(title: "T", subtitle: "S", groups: ["x", "y"],
                                   series: [.init(name: "F1", values: [0.5, nil], intervals: [0.4...0.6, nil])],
                                   xAxisTitle: "Label", yAxisTitle: "Score")
        let svg = chart.svg()
        // One bar, three whisker lines, and the word "undefined" for the missing value.
        #expect(svg.contains("x F1: 0.5000 (interval 0.4000–0.6000)"))
        #expect(svg.contains(">undefined<"))
        #expect(svg.contains(">Label</text>") && svg.contains(">Score</text>"))
        #expect(Self.count("line", in: svg) >= 6 + 1 + 3)
    }

    @Test func reliabilityDiagramDrawsOnlyFilledBins() {
        let calibration = Calibration(confidences: [0.55, 0.65, 0.95], correct: [true, false, true], binCount: 10)
        let svg = ReliabilityDiagram(calibration: calibration).svg()
        // Three filled bins, each: accuracy bar, gap box, histogram bar; plus a mean-confidence dot.
        #expect(Self.count("circle", in: svg) == 3 + 1)   // + the legend's dot
        #expect(svg.contains("expected calibration error " + ReportFormatting.number(calibration.expectedCalibrationError)))
        #expect(svg.contains(">Perfect calibration</text>"))
        let empty = ReliabilityDiagram(calibration: Calibration(confidences: [], correct: [], binCount: 10)).svg()
        #expect(empty.contains("expected calibration error undefined"))
        #expect(empty.contains(">No predictions</text>"))
    }
}
