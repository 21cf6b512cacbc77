import Foundation

/// How figures are written in every report format: fixed decimals, and "undefined" for a
/// figure that has none (never 0 or "nan").
public enum ReportFormatting {
    public static let undefined = "undefined"

    public static func number(_ value: Double?, digits: Int = 4) -> String {
        guard let value, value.isFinite else { return undefined }
        let text = String(format: "%.\(digits)f", value)
        // "-0.0000" reads as a sign that is not there.
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// A difference, always with its sign.
    public static func signed(_ value: Double?, digits: Int = 4) -> String {
        guard let value, value.isFinite else { return undefined }
        let text = number(value, digits: digits)
        return text.hasPrefix("-") ? text : "+" + text
    }

    public static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value, value.isFinite else { return undefined }
        return number(value * 100, digits: digits) + "%"
    }

    public static func interval(_ interval: BootstrapInterval?, digits: Int = 4) -> String {
        guard let interval else { return undefined }
        return "[\(number(interval.lower, digits: digits)), \(number(interval.upper, digits: digits))]"
    }

    public static func meanAndDeviation(_ mean: Double?, _ deviation: Double?, digits: Int = 4) -> String {
        guard let mean else { return undefined }
        return number(mean, digits: digits) + " ± " + number(deviation, digits: digits)
    }

    public static func pValue(_ p: Double) -> String {
        if p < 0.0001 { return "< 0.0001" }
        return number(p, digits: 4)
    }

    /// Text safe inside HTML or SVG elements and attribute values.
    public static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in HTML text.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// Text safe inside a Markdown table cell.
    public static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#": out += "\\" + String(ch)
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// One line of text: line breaks and tabs become spaces.
    public static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
