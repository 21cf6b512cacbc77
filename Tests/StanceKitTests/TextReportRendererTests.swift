import Testing
@testable import StanceKit

@Suite struct TextReportRendererTests {
    @Test func alignsColumnsAndLeavesTextUnpadded() {
        let table = ReportBlock.Table(header: ["label", "value", "text"], rows: [["a", "1.5", "short"], ["longer", "10.25", "x\ny"]],
                                      alignments: [.left, .right, .left], lastColumnIsText: true)
        let text = TextReportRenderer.render([.heading(level: 2, "Part"), .table(table)])
        #expect(text == """
        Part
        ----
        label   value  text
        a         1.5  short
        longer  10.25  x y

        """)
    }

    @Test func wrapsParagraphs() {
        let words = Array(repeating: "word", count: 40).joined(separator: " ")
        let lines = TextReportRenderer.wrap(words, width: 30)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.joined(separator: " ") == words)
    }
}
