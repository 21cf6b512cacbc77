import Foundation

/// The output formats of `evaluate`, `cv` and `compare`.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case text, json, markdown, html
}

/// Renders a report document in one format.
public struct ReportRenderer: Sendable {
    public let format: ReportFormat

    public init(_ format: ReportFormat) { self.format = format }

    public func render(_ document: ReportDocument) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        case .text:
            return TextReportRenderer.render(ReportLayout.blocks(document))
        case .markdown:
            return MarkdownReportRenderer.render(ReportLayout.blocks(document))
        case .html:
            return HTMLReportRenderer.render(ReportLayout.blocks(document), title: document.title)
        }
    }
}
