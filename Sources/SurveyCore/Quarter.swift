import Foundation

/// A calendar quarter, the default label of a survey wave (`2026-Q1`).
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The year.
    public var year: Int
    /// The quarter, 1 to 4.
    public var quarter: Int

    /// Creates a quarter.
    public init(year: Int, quarter: Int) {
        self.year = year
        self.quarter = quarter
    }

    /// Reads `YYYY-Qn`; nil for anything else.
    public init?(_ label: String) {
        let parts = label.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].first == "Q",
              let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
        self.init(year: year, quarter: quarter)
    }

    /// The quarter a moment falls in, in UTC.
    public init(containing date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = calendar.dateComponents([.year, .month], from: date)
        self.init(year: components.year ?? 1970, quarter: ((components.month ?? 1) - 1) / 3 + 1)
    }

    /// The first moment of the quarter, UTC.
    public var start: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: DateComponents(year: year, month: (quarter - 1) * 3 + 1, day: 1)) ?? Date(timeIntervalSince1970: 0)
    }

    /// `YYYY-Qn`.
    public var description: String { "\(year)-Q\(quarter)" }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.year, lhs.quarter) < (rhs.year, rhs.quarter)
    }
}
