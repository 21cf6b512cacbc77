import Foundation
import Testing
@testable import StanceKit

@Suite struct HTMLReportRendererTests {
    static func html(_ count: Int = 40) throws -> String {
        try ReportRenderer(.html).render(.evaluation(ReportRendererTests.evaluation(count: count)))
    }

    @Test func isOneSelfContainedFile() throws {
        let html = try Self.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>") && html.contains("@media print"))
        #expect(html.contains("Content-Security-Policy"))
        for external in ["<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href="] {
            #expect(!html.contains(external), "\(external)")
        }
        // The only URL is the SVG namespace, which is never fetched.
        let urls = html.components(separatedBy: "http://").dropFirst()
        #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("www.w3.org/2000/svg\"") })
        #expect(!html.contains("https:"))
    }

    @Test func drawsEveryChartWithTitlesAndAxisLabels() throws {
        let html = try Self.html()
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        for title in ["Precision, recall and F1 per label", "Confusion matrix", "Reliability diagram"] {
            #expect(html.contains("<title>\(title)</title>"), "\(title)")
        }
        for axis in ["Predicted label", "True label", "Score", "Label", "Accuracy", "Confidence (probability of the predicted label)"] {
            #expect(html.contains(">\(axis)</text>"), "\(axis)")
        }
        #expect(html.contains("Most confident mistakes"))
    }

    @Test func escapesAllText() throws {
        let html = try Self.html()
        #expect(html.contains("Sentence &lt;0&gt; | with *markup*"))
        #expect(!html.contains("<0>"))
        var report = ReportRendererTests.evaluation(count: 10)
        report.model = "<script>alert(1)</script>"
        let hostile = try ReportRenderer(.html).render(.evaluation(report))
        #expect(!hostile.contains("<script>"))
        #expect(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func hostileLabelsAreEscapedInCharts() throws {
        let labels = ["a&b", "<c>", "\"d\""]
        let r = EvaluationReport(labels: labels, truth: [0, 1, 2, 0], probabilities: [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.1, 0.6, 0.3]],
                                 texts: ["w", "x", "y", "z"])
        let html = try ReportRenderer(.html).render(.evaluation(r))
        #expect(!html.contains("<c>") && !html.contains(">a&b<"))
        #expect(html.contains("a&amp;b") && html.contains("&lt;c&gt;") && html.contains("&quot;d&quot;"))
    }

    @Test func undefinedCellsAreMarked() throws {
        let html = try Self.html(0)
        #expect(html.contains("<td class=\"num undefined\">undefined</td>"))
        #expect(html.contains("No predictions"))
    }
}
