/// GitHub-flavoured Markdown reports: headings, paragraphs and pipe tables, every piece of text
/// escaped so labels and example texts cannot break the table or turn into markup.
public enum MarkdownReportRenderer {
    public static func render(_ blocks: [ReportBlock]) -> String {
        var out = [String]()
        let e = ReportFormatting.escapeMarkdown
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out.append(String(repeating: "#", count: min(max(level, 1), 6)) + " " + e(text))
                out.append("")
            case .paragraph(let text):
                out.append(e(text))
                out.append("")
            case .table(let table):
                if let title = table.title {
                    out.append("**" + e(title) + "**")
                    out.append("")
                }
                out.append("| " + table.header.map { $0.isEmpty ? " " : e($0) }.joined(separator: " | ") + " |")
                out.append("|" + table.alignments.map { $0 == .right ? " ---: " : " --- " }.joined(separator: "|") + "|")
                for row in table.rows {
                    out.append("| " + row.map { $0.isEmpty ? " " : e($0) }.joined(separator: " | ") + " |")
                }
                out.append("")
            case .chart:
                continue
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
