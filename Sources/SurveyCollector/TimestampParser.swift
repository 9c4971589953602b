import Foundation
import SurveyCore

/// Reads the timestamp column of survey-platform CSV exports into epoch seconds.
///
/// The parser is hand-written on purpose. A million-row export has to import in about two
/// seconds, so a timestamp gets a budget of well under a microsecond. `DateFormatter`,
/// `ISO8601DateFormatter` and `Calendar` each cost several microseconds per call (and allocate),
/// so none of them is used per row: digits are read straight from the UTF-8 bytes, the civil
/// date is turned into a day count with Howard Hinnant's `days_from_civil` algorithm, and the
/// UTC offset of zone-less values comes from a transition table built once per parser.
///
/// Accepted forms (leading and trailing spaces and tabs are ignored):
///
/// - ISO 8601: `2024-09-01`, `2024-09-01T11:27`, `2024-09-01T11:27:03`, `2024-09-01T11:27:03.123456`,
///   with `T` or a space between date and time (Qualtrics: `2024-09-01 11:27:03`), and an optional
///   zone `Z`, `+02:00`, `+0200`, `+02`, `-05:00`, … (also `UTC` / `GMT`).
/// - Year first with slashes: `2024/09/01 11:27:03`, always unambiguous.
/// - Slashes: `M/D/YYYY`, `M/D/YYYY H:MM`, `M/D/YYYY H:MM:SS`, `M/D/YY H:MM` (two-digit years are
///   `2000 + YY`; Microsoft Forms: `9/1/24 11:27:03`), with an optional ` AM` / ` PM`. Whether the
///   first number is the month or the day comes from ``dateOrder``; see ``Result/ambiguousDateOrder``.
/// - Dots: `D.M.YYYY HH:MM[:SS]` (or date only), always day first.
///
/// Non-ISO forms take one or more spaces (optionally after a comma, `9/1/2024, 11:27 AM`)
/// between date and time; any form's time may carry `AM`/`PM` (hour 1–12, `12 AM` is 00) and a
/// zone, optionally after a space (`2024-09-01 11:27:03 +0200`).
///
/// Fractional seconds are accepted and dropped (the result is the whole second at or before the
/// instant). Values without a zone are read as local time in ``timeZone``.
///
/// Month, day (including leap years), hour (0–23), minute and second (0–59; a leap second `60`
/// is rejected) are validated; anything out of range is ``Result/invalid``.
///
/// The parser is an immutable value and can be shared across threads.
public struct TimestampParser: Sendable {
    /// Which of the first two numbers of a slash date (`9/1/2024`) is the month.
    public enum DateOrder: String, Sendable, CaseIterable {
        /// Month first: `9/1/2024` is 1 September 2024 (US exports).
        case mdy
        /// Day first: `9/1/2024` is 9 January 2024 (most European exports).
        case dmy
    }

    /// The outcome of parsing one value.
    package enum Result: Sendable, Hashable {
        /// A valid timestamp: whole seconds since 1970-01-01T00:00:00Z (negative before).
        case instant(Int64)
        /// A slash date such as `9/1/2024` whose first two numbers are both 12 or less (and differ),
        /// read by a parser created without a ``DateOrder``. The value is otherwise valid; parse
        /// again with an explicit order (see ``DateOrderDetector``).
        case ambiguousDateOrder
        /// Not a date and time in any accepted form, or out of range (`2024-02-30`, `24:00`).
        case invalid

        /// The epoch seconds of an ``instant(_:)``; nil otherwise.
        package var epochSeconds: Int64? {
            if case .instant(let seconds) = self { return seconds }
            return nil
        }
    }

    /// The UTC time zone, the default for zone-less values.
    public static let UTC: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current

    /// The hint naming the accepted forms, for error messages:
    /// `expected ISO 8601 such as 2024-09-01T11:27:00Z, or M/D/YYYY H:MM with` the date-order
    /// setting, which each adapter names in its own words.
    ///
    /// It carries no parentheses so callers can place it; ``errorMessage(for:result:)`` builds the
    /// usual `'13/13/2024 10:00' is not a date and time (expected …)`.
    package static let expectedFormats: Message = "expected ISO 8601 such as 2024-09-01T11:27:00Z, or M/D/YYYY H:MM with \(Parameter.dateOrder)"

    /// The message for a value that did not parse, or nil for an ``Result/instant(_:)``:
    /// `'13/13/2024 10:00' is not a date and time (expected ISO 8601 such as …)` for
    /// ``Result/invalid``, and a request for the date order `mdy` or `dmy` for
    /// ``Result/ambiguousDateOrder``.
    package static func errorMessage(for value: String, result: Result) -> Message? {
        switch result {
        case .instant:
            return nil
        case .invalid:
            return "'\(value)' is not a date and time (\(expectedFormats))"
        case .ambiguousDateOrder:
            return "'\(value)' could be month/day or day/month (pass \(Parameter.dateOrder, "mdy") or \(Parameter.dateOrder, "dmy"))"
        }
    }

    /// The zone in which values without `Z` or an offset are read.
    package let timeZone: TimeZone
    /// How slash dates are read; nil means "only when unambiguous".
    package let dateOrder: DateOrder?
    /// The UTC offsets of ``timeZone``, computed once.
    let offsets: ZoneOffsetTable

    /// Creates a parser reading zone-less values in `timeZone` and slash dates in `dateOrder`.
    ///
    /// With `dateOrder` nil, a slash date is read only when one reading is impossible
    /// (`13/1/2024` is 13 January) or both agree (`5/5/2024`); otherwise the result is
    /// ``Result/ambiguousDateOrder``. With an explicit order, a value contradicting it
    /// (`13/1/2024` with `.mdy`) is ``Result/invalid``.
    ///
    /// Creating a parser builds the zone's offset table (a few hundred `TimeZone` calls for a
    /// zone with daylight saving time, about a millisecond), so create one per import, not per row.
    package init(timeZone: TimeZone = UTC, dateOrder: DateOrder? = nil) {
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.offsets = ZoneOffsetTable(timeZone)
    }

    /// Parses one value given as UTF-8 bytes, e.g. a CSV field straight from the read buffer.
    /// Does not allocate.
    package func parse(_ bytes: UnsafeRawBufferPointer) -> Result {
        guard let base = bytes.baseAddress else { return .invalid }
        var lo = 0
        var hi = bytes.count
        while lo < hi, TimestampBytes.isBlank(base.load(fromByteOffset: lo, as: UInt8.self)) { lo += 1 }
        while hi > lo, TimestampBytes.isBlank(base.load(fromByteOffset: hi - 1, as: UInt8.self)) { hi -= 1 }
        guard lo < hi else { return .invalid }
        var cursor = TimestampCursor(base: base, pos: lo, end: hi)
        return parseTrimmed(&cursor)
    }

    /// Parses one value given as a string. Convenience for tests and one-off values; the import
    /// path should hand over the field's bytes instead.
    package func parse(_ string: String) -> Result {
        var string = string
        return string.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - Grammar

    private func parseTrimmed(_ c: inout TimestampCursor) -> Result {
        // Date.
        let (first, firstDigits) = c.number(maxDigits: 4)
        guard firstDigits > 0, !c.atEnd else { return .invalid }
        let separator = c.peek
        c.pos += 1
        let year: Int
        let month: Int
        let day: Int
        var ambiguous = false
        if firstDigits == 4 {
            // 2024-09-01 or 2024/09/01.
            guard separator == TimestampBytes.dash || separator == TimestampBytes.slash else { return .invalid }
            let minDigits = separator == TimestampBytes.dash ? 2 : 1
            let (m, mDigits) = c.number(maxDigits: 2)
            guard mDigits >= minDigits, c.take(separator) else { return .invalid }
            let (d, dDigits) = c.number(maxDigits: 2)
            guard dDigits >= minDigits else { return .invalid }
            (year, month, day) = (first, m, d)
        } else if firstDigits <= 2 {
            // 9/1/2024, 9/1/24 or 1.9.2024.
            guard separator == TimestampBytes.slash || separator == TimestampBytes.dot else { return .invalid }
            let (second, secondDigits) = c.number(maxDigits: 2)
            guard secondDigits > 0, c.take(separator) else { return .invalid }
            let (y, yDigits) = c.number(maxDigits: 4)
            switch yDigits {
            case 4: year = y
            case 2: year = 2000 + y
            default: return .invalid
            }
            if separator == TimestampBytes.dot {
                (day, month) = (first, second)
            } else {
                switch dateOrder {
                case .mdy:
                    (month, day) = (first, second)
                case .dmy:
                    (day, month) = (first, second)
                case nil:
                    if first > 12 {
                        (day, month) = (first, second)
                    } else {
                        (month, day) = (first, second)
                        ambiguous = second <= 12 && second != first
                    }
                }
            }
        } else {
            return .invalid
        }
        guard month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else {
            return .invalid
        }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)

        if c.atEnd {
            // Date only: local midnight.
            let local = days &* 86_400
            return ambiguous ? .ambiguousDateOrder : .instant(local - offsets.offset(forLocal: local))
        }

        // Separator: `T` (ISO dates only), or an optional comma and one or more spaces.
        if separator == TimestampBytes.dash, c.peek == TimestampBytes.upperT || c.peek == TimestampBytes.lowerT {
            c.pos += 1
        } else {
            _ = c.take(TimestampBytes.comma)
            guard c.skipSpaces() else { return .invalid }
        }

        // Time: H:MM[:SS[.fff]].
        var (hour, hourDigits) = c.number(maxDigits: 2)
        guard hourDigits > 0, c.take(TimestampBytes.colon) else { return .invalid }
        let (minute, minuteDigits) = c.number(maxDigits: 2)
        guard minuteDigits == 2 else { return .invalid }
        var second = 0
        if c.take(TimestampBytes.colon) {
            let (s, sDigits) = c.number(maxDigits: 2)
            guard sDigits == 2 else { return .invalid }
            second = s
            if !c.atEnd, c.peek == TimestampBytes.dot || c.peek == TimestampBytes.comma {
                c.pos += 1
                guard c.skipDigits() else { return .invalid }
            }
        }
        guard minute <= 59, second <= 59 else { return .invalid }

        // Optional AM / PM.
        _ = c.skipSpaces()
        if !c.atEnd, let meridiem = c.meridiem() {
            guard hour >= 1, hour <= 12 else { return .invalid }
            hour = hour % 12 + (meridiem == .pm ? 12 : 0)
            _ = c.skipSpaces()
        }
        guard hour <= 23 else { return .invalid }
        let local = days &* 86_400 &+ Int64(hour * 3_600 + minute * 60 + second)

        // Optional zone.
        if c.atEnd {
            return ambiguous ? .ambiguousDateOrder : .instant(local - offsets.offset(forLocal: local))
        }
        guard let zoneOffset = c.zoneOffset(), c.atEnd else { return .invalid }
        return ambiguous ? .ambiguousDateOrder : .instant(local - zoneOffset)
    }

    // MARK: - Quarters

    /// The calendar quarter that `epochSeconds` falls in, as seen in `timeZone`.
    ///
    /// Uses the same civil arithmetic as parsing: 2025-12-31T23:30-05:00 is Q4 2025 in
    /// America/New_York but Q1 2026 in UTC. Calls `TimeZone` once; in a per-row loop, prefer the
    /// instance method ``quarter(of:)``, which uses the parser's cached offset table.
    package static func quarter(of epochSeconds: Int64, in timeZone: TimeZone) -> (year: Int, quarter: Int) {
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds))))
        return CivilCalendar.quarter(ofLocalSeconds: epochSeconds + offset)
    }

    /// The calendar quarter that `epochSeconds` falls in, as seen in this parser's ``timeZone``.
    /// Equivalent to ``quarter(of:in:)`` but without a `TimeZone` call per value.
    package func quarter(of epochSeconds: Int64) -> (year: Int, quarter: Int) {
        CivilCalendar.quarter(ofLocalSeconds: epochSeconds + offsets.offset(forUTC: epochSeconds))
    }
}

// MARK: - Date order detection

/// Decides the day/month order of a column of slash dates by looking for a value that only one
/// order can read.
///
/// Feed it every value of the column (or a large sample) before parsing:
///
/// ```swift
/// var detector = DateOrderDetector()
/// for field in column { detector.observe(field) }
/// switch detector.verdict { case .mdy: …; case .dmy: …; case .undetermined: …; case .contradictory: … }
/// ```
///
/// A value counts as evidence only if it starts with a slash date `A/B/…` (one or two digits
/// each, so year-first `2024/09/01` and ISO and dot dates are ignored) where exactly one of `A`
/// and `B` is above 12 and both are at most 31: `25/9/2024` is evidence for day first,
/// `9/25/2024` for month first. `13/13/2024` is no evidence (it is invalid either way).
/// Observing is allocation-free and costs a few byte comparisons.
package struct DateOrderDetector: Sendable {
    /// What the observed values say about the order.
    package enum Verdict: String, Sendable, Hashable, CaseIterable {
        /// Some value has a second number above 12, none a first: month first.
        case mdy
        /// Some value has a first number above 12, none a second: day first.
        case dmy
        /// No slash date, or every slash date readable both ways: the caller must ask for the
        /// date order.
        case undetermined
        /// Evidence for both orders, e.g. a file mixing exports from two locales.
        case contradictory
    }

    /// Whether some slash date had a first number above 12 (evidence for ``Verdict/dmy``).
    package private(set) var sawDayFirst = false
    /// Whether some slash date had a second number above 12 (evidence for ``Verdict/mdy``).
    package private(set) var sawMonthFirst = false
    /// How many observed values started with a slash date `A/B/`.
    package private(set) var slashDateCount = 0

    /// Creates a detector that has seen nothing.
    package init() {}

    /// Notes one value given as UTF-8 bytes.
    package mutating func observe(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var pos = 0
        let end = bytes.count
        while pos < end, TimestampBytes.isBlank(base.load(fromByteOffset: pos, as: UInt8.self)) { pos += 1 }
        var c = TimestampCursor(base: base, pos: pos, end: end)
        let (a, aDigits) = c.number(maxDigits: 3)
        guard aDigits >= 1, aDigits <= 2, c.take(TimestampBytes.slash) else { return }
        let (b, bDigits) = c.number(maxDigits: 3)
        guard bDigits >= 1, bDigits <= 2, c.take(TimestampBytes.slash) else { return }
        slashDateCount += 1
        guard a <= 31, b <= 31 else { return }
        if a > 12, b <= 12 { sawDayFirst = true }
        if b > 12, a <= 12 { sawMonthFirst = true }
    }

    /// Notes one value given as a string.
    package mutating func observe(_ string: String) {
        var string = string
        string.withUTF8 { observe(UnsafeRawBufferPointer($0)) }
    }

    /// The order the values seen so far imply.
    package var verdict: Verdict {
        switch (sawDayFirst, sawMonthFirst) {
        case (true, true): .contradictory
        case (true, false): .dmy
        case (false, true): .mdy
        case (false, false): .undetermined
        }
    }

    /// The order to parse with when the verdict is decisive; nil for ``Verdict/undetermined``
    /// and ``Verdict/contradictory``.
    package var dateOrder: TimestampParser.DateOrder? {
        switch verdict {
        case .mdy: .mdy
        case .dmy: .dmy
        case .undetermined, .contradictory: nil
        }
    }

    /// The verdict for a whole sequence of values.
    package static func detect(_ values: some Sequence<String>) -> Verdict {
        var detector = DateOrderDetector()
        for value in values { detector.observe(value) }
        return detector.verdict
    }
}

// MARK: - CivilCalendar calendar arithmetic

/// Proleptic Gregorian calendar arithmetic on day counts (Howard Hinnant, "chrono-Compatible
/// Low-Level Date Algorithms"). Day 0 is 1970-01-01.
enum CivilCalendar {
    /// Days from 1970-01-01 to the given date.
    @inline(__always)
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400                                        // [0, 399]
        let mp = Int64(month > 2 ? month - 3 : month + 9)              // March = 0
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1                  // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy                // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    @inline(__always)
    static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097                                    // [0, 146096]
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365  // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)              // [0, 365]
        let mp = (5 * doy + 2) / 153                                   // [0, 11]
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The quarter containing a local wall-clock time given as seconds since local 1970-01-01 00:00.
    static func quarter(ofLocalSeconds local: Int64) -> (year: Int, quarter: Int) {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let date = civilFromDays(days)
        return (date.year, (date.month - 1) / 3 + 1)
    }
}

// MARK: - Zone offsets

/// The UTC offsets of one time zone, read from `TimeZone` once and looked up by binary search.
///
/// Rather than caching per hour or per day, the table holds every offset transition between
/// 1900 and 2200, so lookups are exact at DST changes and need no locking or mutation. Outside
/// that window it asks `TimeZone` directly.
///
/// A local time in a spring-forward gap or a fall-back overlap is resolved like Foundation's
/// `Calendar` and Python's `zoneinfo` (`fold=0`): with the offset in force *before* the
/// transition. So 02:30 on the US spring-forward day is 07:30Z (03:30 EDT), and 01:30 on the
/// fall-back day is its first occurrence (05:30Z, EDT).
struct ZoneOffsetTable: Sendable {
    static let windowStart: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    static let windowEnd: Int64 = 7_258_118_400     // 2200-01-01T00:00:00Z
    /// Margin keeping local-time lookups clear of the window edges (offsets are under a day).
    static let margin: Int64 = 2 * 86_400

    let timeZone: TimeZone
    /// UTC instants at which the offset changes, ascending.
    let transitions: [Int64]
    /// For each transition, the first local time that takes the new offset:
    /// `transition + max(old offset, new offset)`, ascending.
    let localSwitches: [Int64]
    /// `offsets[i]` is in force before `transitions[i]` and from `transitions[i - 1]`;
    /// one more element than `transitions`.
    let offsets: [Int64]
    /// Whether the table is usable (transitions well-ordered); otherwise every lookup asks `TimeZone`.
    let usable: Bool

    init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        var transitions: [Int64] = []
        var localSwitches: [Int64] = []
        var offsets: [Int64] = [Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(Self.windowStart))))]
        var usable = true
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.windowStart))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next > cursor {
            let t = Int64(next.timeIntervalSince1970.rounded())
            guard t < Self.windowEnd else { break }
            cursor = next
            let before = offsets[offsets.count - 1]
            let after = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
            guard after != before else { continue }
            let localSwitch = t + max(before, after)
            if let last = localSwitches.last, localSwitch <= last { usable = false }
            transitions.append(t)
            localSwitches.append(localSwitch)
            offsets.append(after)
        }
        self.transitions = transitions
        self.localSwitches = localSwitches
        self.offsets = offsets
        self.usable = usable
    }

    /// The offset (seconds east of UTC) to subtract from a local wall-clock time, given as seconds
    /// since local 1970-01-01 00:00, to get epoch seconds.
    @inline(__always)
    func offset(forLocal local: Int64) -> Int64 {
        guard usable, local > Self.windowStart + Self.margin, local < Self.windowEnd - Self.margin else {
            return Self.offsetFromTimeZone(timeZone, forLocal: local)
        }
        return offsets.count == 1 ? offsets[0] : offsets[Self.countNotAbove(local, in: localSwitches)]
    }

    /// The offset (seconds east of UTC) in force at an instant.
    @inline(__always)
    func offset(forUTC instant: Int64) -> Int64 {
        guard usable, instant >= Self.windowStart, instant < Self.windowEnd else {
            return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        }
        return offsets[Self.countNotAbove(instant, in: transitions)]
    }

    /// How many elements of the ascending `array` are `<= value`.
    @inline(__always)
    static func countNotAbove(_ value: Int64, in array: [Int64]) -> Int {
        var lo = 0
        var hi = array.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if array[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The same rule as the table, asking `TimeZone` directly (a handful of calls).
    static func offsetFromTimeZone(_ timeZone: TimeZone, forLocal local: Int64) -> Int64 {
        func offset(at instant: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        }
        // Offsets a day either side cover any transition near this local time.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        if offset(at: local - before) == before { return before }   // earlier reading valid: prefer it
        if before != after, offset(at: local - after) == after { return after }
        return before                                               // in a gap: pre-transition offset
    }
}

// MARK: - Byte scanning

fileprivate enum TimestampBytes {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let dash = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let slash = UInt8(ascii: "/")
    static let dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let upperT = UInt8(ascii: "T")
    static let lowerT = UInt8(ascii: "t")
    static let zero = UInt8(ascii: "0")

    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }

    /// ASCII letter folded to upper case.
    @inline(__always)
    static func upper(_ c: UInt8) -> UInt8 { c >= 0x61 && c <= 0x7A ? c - 0x20 : c }
}

/// A read position over a trimmed byte range.
fileprivate struct TimestampCursor {
    let base: UnsafeRawPointer
    var pos: Int
    let end: Int

    enum Meridiem { case am, pm }

    @inline(__always) var atEnd: Bool { pos >= end }
    /// The current byte; only valid when not ``atEnd``.
    @inline(__always) var peek: UInt8 { base.load(fromByteOffset: pos, as: UInt8.self) }

    @inline(__always)
    func byte(at offset: Int) -> UInt8? {
        pos + offset < end ? base.load(fromByteOffset: pos + offset, as: UInt8.self) : nil
    }

    /// Consumes `byte` if it is next.
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard pos < end, peek == byte else { return false }
        pos += 1
        return true
    }

    /// Reads up to `maxDigits` ASCII digits; returns the value and how many were read (0 if none).
    @inline(__always)
    mutating func number(maxDigits: Int) -> (value: Int, digits: Int) {
        var value = 0
        var digits = 0
        while digits < maxDigits, pos < end {
            let d = peek &- TimestampBytes.zero
            guard d < 10 else { break }
            value = value * 10 + Int(d)
            digits += 1
            pos += 1
        }
        return (value, digits)
    }

    /// Skips one or more digits; false if there were none.
    mutating func skipDigits() -> Bool {
        let start = pos
        while pos < end, peek &- TimestampBytes.zero < 10 { pos += 1 }
        return pos > start
    }

    /// Skips spaces and tabs; true if there was at least one.
    @inline(__always)
    mutating func skipSpaces() -> Bool {
        let start = pos
        while pos < end, TimestampBytes.isBlank(peek) { pos += 1 }
        return pos > start
    }

    /// Consumes `AM` / `PM` (any case) if next.
    mutating func meridiem() -> Meridiem? {
        guard let a = byte(at: 0), let m = byte(at: 1), TimestampBytes.upper(m) == UInt8(ascii: "M") else { return nil }
        let result: Meridiem
        switch TimestampBytes.upper(a) {
        case UInt8(ascii: "A"): result = .am
        case UInt8(ascii: "P"): result = .pm
        default: return nil
        }
        pos += 2
        return result
    }

    /// Consumes a zone designator and returns its offset in seconds east of UTC:
    /// `Z`, `UTC`, `GMT`, `±HH`, `±HHMM`, `±HH:MM`. Nil if what follows is none of these.
    mutating func zoneOffset() -> Int64? {
        guard !atEnd else { return nil }
        let first = TimestampBytes.upper(peek)
        if first == UInt8(ascii: "Z") {
            pos += 1
            return 0
        }
        if first == UInt8(ascii: "U") || first == UInt8(ascii: "G"),
           let b = byte(at: 1), let c = byte(at: 2) {
            let word = (first, TimestampBytes.upper(b), TimestampBytes.upper(c))
            if word == (UInt8(ascii: "U"), UInt8(ascii: "T"), UInt8(ascii: "C"))
                || word == (UInt8(ascii: "G"), UInt8(ascii: "M"), UInt8(ascii: "T")) {
                pos += 3
                return 0
            }
            return nil
        }
        guard first == TimestampBytes.plus || first == TimestampBytes.dash else { return nil }
        let sign: Int64 = first == TimestampBytes.dash ? -1 : 1
        pos += 1
        let (hours, hourDigits) = number(maxDigits: 2)
        guard hourDigits == 2, hours <= 23 else { return nil }
        var minutes = 0
        if !atEnd {
            let hadColon = take(TimestampBytes.colon)
            let (m, mDigits) = number(maxDigits: 2)
            guard mDigits == 2 || (!hadColon && mDigits == 0), m <= 59 else { return nil }
            minutes = m
        }
        return sign * Int64(hours * 3_600 + minutes * 60)
    }
}
