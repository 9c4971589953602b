import SurveyCore

/// Fixed-point number formatting that ignores the locale.
///
/// Reports must be byte-for-byte reproducible, so numbers are formatted here rather than with
/// `String(format:)` or `NumberFormatter`: `.` as the decimal separator, no grouping, `-` for
/// negatives, halves rounded away from zero on the binary value, and never `-0.0`.
enum NumberText {
    /// What a missing figure shows as.
    static let missing = "–"

    /// `value` with exactly `digits` decimals, or ``missing`` for nil, NaN and infinity.
    static func fixed(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return missing }
        let digits = min(max(digits, 0), 6)
        let factor = powerOfTen(digits)
        let scaled = (abs(value) * Double(factor)).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the digits are not meaningful; fall back to Swift's shortest form.
        guard scaled < 9_007_199_254_740_992 else { return String(describing: value) }
        let units = UInt64(scaled)
        var text = String(units / factor)
        if digits > 0 {
            let fraction = String(units % factor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return value < 0 && units != 0 ? "-" + text : text
    }

    /// A 0–100 score or a percentage: one decimal.
    static func score(_ value: Double?) -> String { fixed(value, digits: 1) }

    /// A mean on the answer scale, or a coefficient such as alpha: two decimals.
    static func mean(_ value: Double?) -> String { fixed(value, digits: 2) }

    /// A count, or ``missing``.
    static func count(_ value: Int?) -> String { value.map(String.init) ?? missing }

    /// A signed difference, `+0.17` or `-0.05`, or ``missing``.
    static func signed(_ value: Double?, digits: Int) -> String {
        let text = fixed(value, digits: digits)
        guard let value, value.isFinite, text != missing, !text.hasPrefix("-") else { return text }
        return value > 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "+" + text : text
    }

    /// An interval as `low–high` (en dash), or ``missing`` without one.
    static func interval(_ bounds: Interval?, digits: Int, unit: String = "") -> String {
        guard let bounds else { return missing }
        let low = fixed(bounds.lower, digits: digits), high = fixed(bounds.upper, digits: digits)
        guard low != missing, high != missing else { return missing }
        return "\(low)\(unit)–\(high)\(unit)"
    }

    private static func powerOfTen(_ digits: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<digits { result *= 10 }
        return result
    }
}
