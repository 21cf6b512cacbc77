/// Plain-text reports for a terminal: underlined headings, aligned columns, charts left out
/// (their figures are in the tables).
public enum TextReportRenderer {
    public static func render(_ blocks: [ReportBlock]) -> String {
        var out = [String]()
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                if let last = out.last, last != "" { out.append("") }
                out.append(text)
                out.append(String(repeating: level == 1 ? "=" : level == 2 ? "-" : "·", count: text.count))
            case .paragraph(let text):
                out.append(contentsOf: wrap(text, width: 100))
                out.append("")
            case .table(let table):
                if let title = table.title { out.append(title) }
                out.append(contentsOf: lines(table))
                out.append("")
            case .chart:
                continue
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ table: ReportBlock.Table) -> [String] {
        let all = [table.header] + table.rows.map { $0.map(ReportFormatting.singleLine) }
        let columns = table.header.count
        let widths = (0..<columns).map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            var cells = [String]()
            for c in 0..<columns {
                let cell = row[c]
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                if c == columns - 1 && (table.lastColumnIsText || table.alignments[c] == .left) {
                    cells.append(cell)   // no trailing spaces
                } else {
                    cells.append(table.alignments[c] == .right ? pad + cell : cell + pad)
                }
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Greedy word wrap.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines = [String](), current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
