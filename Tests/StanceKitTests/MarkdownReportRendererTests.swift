import Testing
@testable import StanceKit

@Suite struct MarkdownReportRendererTests {
    @Test func tablesKeepTheirShapeWhateverTheText() {
        let blocks: [ReportBlock] = [
            .heading(level: 1, "Report"),
            .table(.init(title: "t", header: ["label", "value"], rows: [["a|b", "1"], ["*c*\nd", "2"]])),
            .chart(.confusion(ConfusionHeatMap(labels: ["a", "b"], counts: [[1, 0], [0, 1]]))),
        ]
        let markdown = MarkdownReportRenderer.render(blocks)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "# Report")
        #expect(markdown.contains("| label | value |\n| --- | ---: |"))
        #expect(markdown.contains("| a\\|b | 1 |"))
        #expect(markdown.contains("| \\*c\\* d | 2 |"))
        // Charts have no Markdown form; their figures are in the tables.
        #expect(!markdown.contains("<svg"))
    }
}
