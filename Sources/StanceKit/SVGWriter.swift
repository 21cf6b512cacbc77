import Foundation

/// Writes SVG elements by hand (no library, no scripts, no external fonts), escaping all text,
/// for the charts of the self-contained HTML report.
struct SVGWriter {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func n(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    private static func e(_ s: String) -> String { ReportFormatting.escapeHTML(s) }

    /// `tooltip` becomes a <title> child, which browsers show on hover and screen readers read.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       strokeWidth: Double = 1, opacity: Double? = nil, dash: String? = nil, tooltip: String? = nil) {
        var a = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { a += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        if let opacity { a += " fill-opacity=\"\(String(format: "%.2f", opacity))\"" }
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        if let tooltip { body += "<rect \(a)><title>\(Self.e(tooltip))</title></rect>\n" } else { body += "<rect \(a)/>\n" }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>\n"
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        let a = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"\(stroke.map { " stroke=\"\($0)\"" } ?? "")"
        if let tooltip { body += "<circle \(a)><title>\(Self.e(tooltip))</title></circle>\n" } else { body += "<circle \(a)/>\n" }
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, bold: Bool = false,
                       fill: String = "#222", rotate: Double? = nil, tooltip: String? = nil) {
        var a = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
        if bold { a += " font-weight=\"bold\"" }
        if let rotate { a += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        body += "<text \(a)>\(Self.e(s))\(tooltip.map { "<title>\(Self.e($0))</title>" } ?? "")</text>\n"
    }

    /// The finished <svg> element; `title` names the chart for screen readers.
    func document(title: String, className: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(className)\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" "
            + "width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\">\n"
            + "<title>\(Self.e(title))</title>\n" + body + "</svg>"
    }

    /// A label cut to `limit` characters, with an ellipsis, so long labels cannot overrun a chart.
    static func truncated(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(max(1, limit - 1))) + "…"
    }

    /// Rough width of text in a sans-serif font: enough to lay out margins.
    static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.6 }
}
