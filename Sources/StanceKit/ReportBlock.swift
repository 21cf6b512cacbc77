/// One piece of a rendered report, independent of the output format: `ReportLayout` decides
/// what a report says, the renderers (`TextReportRenderer`, `MarkdownReportRenderer`,
/// `HTMLReportRenderer`) only how it looks.
public enum ReportBlock: Sendable, Equatable {
    case heading(level: Int, String)
    case paragraph(String)
    case table(Table)
    /// A chart: drawn as inline SVG in HTML; the other formats carry its figures in tables.
    case chart(ReportChart)

    public struct Table: Sendable, Equatable {
        public enum Alignment: Sendable, Equatable { case left, right }

        public var title: String?
        public var header: [String]
        public var rows: [[String]]
        public var alignments: [Alignment]
        /// Tables that only repeat what a chart shows are left out of HTML.
        public var showInHTML: Bool
        /// The last column holds free text (example texts): not padded, wrapped in HTML.
        public var lastColumnIsText: Bool

        public init(title: String? = nil, header: [String], rows: [[String]], alignments: [Alignment]? = nil,
                    showInHTML: Bool = true, lastColumnIsText: Bool = false) {
            precondition(rows.allSatisfy { $0.count == header.count }, "table rows must match the header")
            self.title = title
            self.header = header
            self.rows = rows
            self.alignments = alignments ?? [.left] + Array(repeating: .right, count: max(0, header.count - 1))
            self.showInHTML = showInHTML
            self.lastColumnIsText = lastColumnIsText
        }
    }
}

/// The charts of the HTML report.
public enum ReportChart: Sendable, Equatable {
    case confusion(ConfusionHeatMap)
    case bars(MetricBarChart)
    case reliability(ReliabilityDiagram)

    public var svg: String {
        switch self {
        case .confusion(let c): return c.svg()
        case .bars(let c): return c.svg()
        case .reliability(let c): return c.svg()
        }
    }
}
