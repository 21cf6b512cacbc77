import Foundation

/// A calendar date without a time of day, parsed from the formats news data uses:
/// ISO ("2018-08-24", also with a time after it), "Aug 24, 2018", "August 24, 2018",
/// "24 August 2018", "24 Aug 2018" and "2018/08/24".
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames: [String: Int] = {
        var names = [String: Int]()
        let full = ["january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"]
        for (i, name) in full.enumerated() {
            names[name] = i + 1
            names[String(name.prefix(3))] = i + 1
        }
        names["sept"] = 9
        return names
    }()

    /// Parses a date, or returns nil when it is in none of the known formats.
    public init?(parsing raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        let digits = s.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "T" || $0 == " " })
        // ISO-like: YYYY-MM-DD or YYYY/MM/DD, optionally followed by a time.
        if digits.count >= 3, digits[0].count == 4, let y = Int(digits[0]), let m = Int(digits[1]), let d = Int(digits[2]),
           s.first?.isNumber == true, digits[1].count <= 2, digits[2].count <= 2 {
            self.init(year: y, month: m, day: d)
            return
        }
        let words = s.lowercased().replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: ".", with: " ")
            .split(separator: " ").map(String.init)
        guard words.count == 3 else { return nil }
        if let m = CalendarDay.monthNames[words[0]], let d = Int(words[1]), let y = Int(words[2]), words[2].count == 4 {
            self.init(year: y, month: m, day: d)          // Aug 24 2018
        } else if let d = Int(words[0]), let m = CalendarDay.monthNames[words[1]], let y = Int(words[2]), words[2].count == 4 {
            self.init(year: y, month: m, day: d)          // 24 August 2018
        } else {
            return nil
        }
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for week arithmetic.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 10) % 7 + 1 }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = CalendarDay(parsing: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(raw)"))
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The periods `stance track` aggregates by.
public enum TrackingPeriod: String, Sendable, Codable, CaseIterable {
    case day, week, month, quarter, year

    /// The first day of the period containing `day` (weeks start on Monday, as ISO 8601's).
    public func start(of day: CalendarDay) -> CalendarDay {
        switch self {
        case .day: return day
        case .week: return CalendarDay(ordinal: day.ordinal - (day.weekday - 1))
        case .month: return CalendarDay(year: day.year, month: day.month, day: 1)!
        case .quarter: return CalendarDay(year: day.year, month: (day.month - 1) / 3 * 3 + 1, day: 1)!
        case .year: return CalendarDay(year: day.year, month: 1, day: 1)!
        }
    }

    /// A label for the period starting on `start`: 2018-08-20, 2018-W34, 2018-08, 2018-Q3, 2018.
    public func label(_ start: CalendarDay) -> String {
        switch self {
        case .day: return start.description
        case .week:
            // ISO week number: the week belongs to the year of its Thursday.
            let thursday = CalendarDay(ordinal: start.ordinal + 3)
            let jan1 = CalendarDay(year: thursday.year, month: 1, day: 1)!
            return String(format: "%04d-W%02d", thursday.year, (thursday.ordinal - jan1.ordinal) / 7 + 1)
        case .month: return String(format: "%04d-%02d", start.year, start.month)
        case .quarter: return "\(start.year)-Q\((start.month - 1) / 3 + 1)"
        case .year: return String(start.year)
        }
    }
}
