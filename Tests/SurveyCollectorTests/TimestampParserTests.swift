import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// Expected instants are never computed by the parser under test: the `accepted` table was
/// produced with Python's `datetime` / `zoneinfo` (fold=0, the same rule as Foundation's
/// `Calendar` for skipped and repeated local times), e.g.
/// `int(datetime(2024, 3, 31, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")).timestamp())`,
/// and the sweeps below compare against Foundation's `Calendar` and `TimeZone`.
struct TimestampParserTests {
    // MARK: - Fixtures

    struct Accepted: Sendable, CustomTestStringConvertible {
        let value: String
        let zone: String
        let order: TimestampParser.DateOrder?
        let expected: Int64

        init(_ value: String, _ zone: String, _ order: TimestampParser.DateOrder?, _ expected: Int64) {
            (self.value, self.zone, self.order, self.expected) = (value, zone, order, expected)
        }

        var testDescription: String { "'\(value)' in \(zone), order \(order?.rawValue ?? "none")" }
    }

    static let accepted: [Accepted] = [
        Accepted("2024-09-01", "UTC", nil, 1725148800),
        Accepted("2024-09-01T11:27", "UTC", nil, 1725190020),
        Accepted("2024-09-01T11:27:03", "UTC", nil, 1725190023),
        Accepted("2024-09-01T11:27:03.123456", "UTC", nil, 1725190023),
        Accepted("2024-09-01t11:27:03,5", "UTC", nil, 1725190023),
        Accepted("2024-09-01 11:27:03", "UTC", nil, 1725190023),
        Accepted("2024-09-01 11:27", "UTC", nil, 1725190020),
        Accepted("2024-09-01T11:27:00Z", "UTC", nil, 1725190020),
        Accepted("2024-09-01T11:27:03z", "UTC", nil, 1725190023),
        Accepted("2024-09-01T11:27:03.999Z", "UTC", nil, 1725190023),
        Accepted("2024-09-01T11:27:03+02:00", "UTC", nil, 1725182823),
        Accepted("2024-09-01T11:27:03+0200", "UTC", nil, 1725182823),
        Accepted("2024-09-01T11:27:03+02", "UTC", nil, 1725182823),
        Accepted("2024-09-01T11:27:03-05:00", "UTC", nil, 1725208023),
        Accepted("2024-09-01T11:27-0330", "UTC", nil, 1725202620),
        Accepted("2024-09-01T11:27:03.123456+05:30", "UTC", nil, 1725170223),
        Accepted("2024-09-01 11:27:03 +0200", "UTC", nil, 1725182823),
        Accepted("2024-09-01 11:27:03 UTC", "America/New_York", nil, 1725190023),
        Accepted("  2024-09-01T11:27:03Z \t", "UTC", nil, 1725190023),
        Accepted("2024-02-29T12:00:00Z", "UTC", nil, 1709208000),
        Accepted("2000-02-29", "UTC", nil, 951782400),
        Accepted("1969-12-31T23:59:59Z", "UTC", nil, -1),
        Accepted("1969-12-31T23:59:59.75Z", "UTC", nil, -1),
        Accepted("1970-01-01T00:00:00Z", "UTC", nil, 0),
        Accepted("1900-03-01 06:00", "UTC", nil, -2203869600),
        Accepted("2199-12-31 23:59:59", "UTC", nil, 7258118399),
        Accepted("2400-02-29 12:00", "UTC", nil, 13574606400),
        Accepted("9/1/2024 11:27", "UTC", .mdy, 1725190020),
        Accepted("9/1/2024 11:27", "UTC", .dmy, 1704799620),
        Accepted("9/1/2024 11:27:03", "UTC", .mdy, 1725190023),
        Accepted("09/01/2024 11:27:03", "UTC", .dmy, 1704799623),
        Accepted("9/1/24 11:27:03", "UTC", .mdy, 1725190023),
        Accepted("9/1/24 11:27", "UTC", .mdy, 1725190020),
        Accepted("9/1/2024 11:27 AM", "UTC", .mdy, 1725190020),
        Accepted("9/1/2024 11:27 PM", "UTC", .mdy, 1725233220),
        Accepted("9/1/2024 11:27:03 pm", "UTC", .mdy, 1725233223),
        Accepted("9/1/2024 12:05 AM", "UTC", .mdy, 1725149100),
        Accepted("9/1/2024 12:05 PM", "UTC", .mdy, 1725192300),
        Accepted("9/1/2024 1:05PM", "UTC", .dmy, 1704805500),
        Accepted("9/1/2024, 11:27:03 AM", "UTC", .mdy, 1725190023),
        Accepted("9/1/2024", "UTC", .mdy, 1725148800),
        Accepted("9/1/2024", "UTC", .dmy, 1704758400),
        Accepted("13/1/2024 10:00", "UTC", nil, 1705140000),
        Accepted("1/13/2024 10:00", "UTC", nil, 1705140000),
        Accepted("5/5/2024 10:00", "UTC", nil, 1714903200),
        Accepted("01.09.2024 11:27", "UTC", nil, 1725190020),
        Accepted("01.09.2024 11:27", "UTC", .mdy, 1725190020),
        Accepted("1.9.2024 11:27:03", "UTC", .dmy, 1725190023),
        Accepted("1.9.2024", "UTC", nil, 1725148800),
        Accepted("2024/09/01 11:27:03", "UTC", nil, 1725190023),
        Accepted("2024/9/1 11:27", "UTC", .dmy, 1725190020),
        Accepted("2024-01-15 10:00", "Europe/Berlin", nil, 1705309200),
        Accepted("2024-07-15 10:00", "Europe/Berlin", nil, 1721030400),
        Accepted("2024-07-15", "Europe/Berlin", nil, 1720994400),
        Accepted("15.07.2024 10:00:30", "Europe/Berlin", nil, 1721030430),
        Accepted("15/1/2024 10:00", "Europe/Berlin", nil, 1705309200),
        Accepted("2024-07-15T10:00:00Z", "Europe/Berlin", nil, 1721037600),
        Accepted("2024-07-15T10:00:00+01:00", "Europe/Berlin", nil, 1721034000),
        Accepted("2024-03-31 01:59:59", "Europe/Berlin", nil, 1711846799),
        Accepted("2024-03-31 02:30", "Europe/Berlin", nil, 1711848600),
        Accepted("2024-03-31 03:00", "Europe/Berlin", nil, 1711846800),
        Accepted("2024-10-27 01:59:59", "Europe/Berlin", nil, 1729987199),
        Accepted("2024-10-27 02:30", "Europe/Berlin", nil, 1729989000),
        Accepted("2024-10-27 03:00", "Europe/Berlin", nil, 1729994400),
        Accepted("1965-07-01 12:00", "Europe/Berlin", nil, -142088400),
        Accepted("1980-07-01 12:00", "Europe/Berlin", nil, 331293600),
        Accepted("2024-01-15 10:00", "America/New_York", nil, 1705330800),
        Accepted("7/15/2024 10:00 AM", "America/New_York", .mdy, 1721052000),
        Accepted("7/15/24 22:15:09", "America/New_York", nil, 1721096109),
        Accepted("2024-03-10 01:59:59", "America/New_York", nil, 1710053999),
        Accepted("2024-03-10 02:30", "America/New_York", nil, 1710055800),
        Accepted("2024-03-10 03:00", "America/New_York", nil, 1710054000),
        Accepted("2024-11-03 00:59:59", "America/New_York", nil, 1730609999),
        Accepted("2024-11-03 01:30", "America/New_York", nil, 1730611800),
        Accepted("2024-11-03 02:00", "America/New_York", nil, 1730617200),
        Accepted("2025-12-31 23:30", "America/New_York", nil, 1767241800),
        Accepted("2025-12-31T23:30:00-05:00", "UTC", nil, 1767241800),
        Accepted("2300-07-01 12:00", "America/New_York", nil, 10429488000),
        Accepted("1850-07-01 12:00", "America/New_York", nil, -3771126238),
    ]

    static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            Issue.record("no time zone \(identifier)")
            return TimestampParser.UTC
        }
        return zone
    }

    /// Parses through the byte entry point, as the importer does.
    static func parseBytes(_ parser: TimestampParser, _ value: String) -> TimestampParser.Result {
        Array(value.utf8).withUnsafeBytes { parser.parse($0) }
    }

    // MARK: - Accepted forms

    @Test(arguments: accepted)
    func acceptedForm(_ c: Accepted) {
        let parser = TimestampParser(timeZone: Self.zone(c.zone), dateOrder: c.order)
        #expect(parser.parse(c.value) == .instant(c.expected))
        #expect(Self.parseBytes(parser, c.value) == .instant(c.expected))
        #expect(parser.parse(c.value).epochSeconds == c.expected)
    }

    @Test func defaultsAreUTCAndNoOrder() {
        let parser = TimestampParser()
        #expect(parser.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_720_000_000)) == 0)
        #expect(parser.dateOrder == nil)
        #expect(parser.parse("2024-09-01T11:27:00") == .instant(1_725_190_020))
    }

    @Test func parsesInsideALargerBuffer() {
        // A CSV field is a slice of the read buffer: only the slice's bytes may be read.
        let line = Array("x,2024-09-01 11:27:03,9".utf8)
        let parser = TimestampParser()
        let result = line.withUnsafeBytes { raw in
            parser.parse(UnsafeRawBufferPointer(rebasing: raw[2..<21]))
        }
        #expect(result == .instant(1_725_190_023))
        #expect(parser.parse(UnsafeRawBufferPointer(start: nil, count: 0)) == .invalid)
    }

    // MARK: - Zone-less values against Foundation

    /// Every 20 minutes of local wall-clock time through 2024 (both DST changes, including the
    /// skipped and repeated hours), compared with `Calendar.date(from:)` in the same zone.
    @Test(arguments: ["Europe/Berlin", "America/New_York", "UTC", "Australia/Lord_Howe"])
    func zoneLessValuesMatchFoundationCalendar(_ identifier: String) {
        let zone = Self.zone(identifier)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parser = TimestampParser(timeZone: zone)
        var mismatches = 0
        for day in 0..<366 {
            let date = CivilCalendar.civilFromDays(CivilCalendar.daysFromCivil(year: 2024, month: 1, day: 1) + Int64(day))
            for minuteOfDay in stride(from: 0, to: 1_440, by: 20) {
                let (h, m) = (minuteOfDay / 60, minuteOfDay % 60)
                let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: h, minute: m)
                guard let expected = calendar.date(from: components) else {
                    Issue.record("Calendar could not build \(components)")
                    return
                }
                let text = String(format: "%04d-%02d-%02d %02d:%02d", date.year, date.month, date.day, h, m)
                let result = parser.parse(text)
                if result != .instant(Int64(expected.timeIntervalSince1970)) {
                    mismatches += 1
                    if mismatches <= 5 {
                        Issue.record("\(text) in \(identifier): \(result), Calendar says \(Int64(expected.timeIntervalSince1970))")
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// The offset table agrees with asking `TimeZone` directly, around every transition it holds
    /// and on a coarse sweep of its whole 1900–2200 window.
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])
    func offsetTableMatchesTimeZone(_ identifier: String) {
        let zone = Self.zone(identifier)
        let table = ZoneOffsetTable(zone)
        #expect(table.usable)
        var locals: [Int64] = []
        for t in table.transitions where t > -2_000_000_000 {
            for delta in stride(from: Int64(-3 * 3_600), through: 3 * 3_600, by: 600) {
                locals.append(t + delta)
                locals.append(t + delta - 1)
            }
            for instant in [t - 1, t, t + 1] {
                let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
                #expect(table.offset(forUTC: instant) == expected, "UTC \(instant)")
            }
        }
        for local in stride(from: ZoneOffsetTable.windowStart + 3 * 86_400, to: ZoneOffsetTable.windowEnd - 3 * 86_400, by: 7 * 86_400 + 3_661) {
            locals.append(local)
        }
        var mismatches = 0
        for local in locals {
            let expected = ZoneOffsetTable.offsetFromTimeZone(zone, forLocal: local)
            if table.offset(forLocal: local) != expected {
                mismatches += 1
                if mismatches <= 5 { Issue.record("local \(local) in \(identifier): table \(table.offset(forLocal: local)), TimeZone \(expected)") }
            }
        }
        #expect(mismatches == 0)
    }

    // MARK: - Date order

    @Test(arguments: ["9/1/2024 11:27", "9/1/2024", "09/01/24 11:27:03", "12/11/2024 10:00 PM", "1/2/2024, 8:00:00 AM"])
    func ambiguousWithoutOrder(_ value: String) {
        #expect(TimestampParser().parse(value) == .ambiguousDateOrder)
        #expect(TimestampParser(timeZone: Self.zone("Europe/Berlin")).parse(value) == .ambiguousDateOrder)
        #expect(TimestampParser().parse(value).epochSeconds == nil)
    }

    @Test func ambiguousValueWithEitherOrder() {
        // 9/1/2024 11:27 is 2024-09-01T11:27Z month first and 2024-01-09T11:27Z day first.
        #expect(TimestampParser().parse("9/1/2024 11:27") == .ambiguousDateOrder)
        #expect(TimestampParser(dateOrder: .mdy).parse("9/1/2024 11:27") == .instant(1_725_190_020))
        #expect(TimestampParser(dateOrder: .dmy).parse("9/1/2024 11:27") == .instant(1_704_799_620))
        // In New York (EDT in September, EST in January).
        let newYork = Self.zone("America/New_York")
        #expect(TimestampParser(timeZone: newYork, dateOrder: .mdy).parse("9/1/2024 11:27") == .instant(1_725_204_420))
        #expect(TimestampParser(timeZone: newYork, dateOrder: .dmy).parse("9/1/2024 11:27") == .instant(1_704_817_620))
    }

    @Test func ambiguityDoesNotHideAnInvalidTime() {
        #expect(TimestampParser().parse("9/1/2024 25:00") == .invalid)
        #expect(TimestampParser().parse("9/1/2024 11:27 junk") == .invalid)
    }

    // MARK: - Invalid values

    struct Rejected: Sendable, CustomTestStringConvertible {
        let value: String
        let order: TimestampParser.DateOrder?
        init(_ value: String, _ order: TimestampParser.DateOrder? = nil) { (self.value, self.order) = (value, order) }
        var testDescription: String { "'\(value)' order \(order?.rawValue ?? "none")" }
    }

    static let rejected: [Rejected] = [
        Rejected("2024-02-30"), Rejected("2023-02-29"), Rejected("1900-02-29"), Rejected("2024-04-31"),
        Rejected("2024-13-01"), Rejected("2024-00-10"), Rejected("2024-09-00"),
        Rejected("13/13/2024 10:00"), Rejected("13/13/2024 10:00", .mdy), Rejected("13/13/2024 10:00", .dmy),
        Rejected("13/1/2024 10:00", .mdy), Rejected("1/13/2024 10:00", .dmy), Rejected("2/30/2024", .mdy),
        Rejected("31.02.2024 10:00"), Rejected("1.13.2024"),
        Rejected("24:00"), Rejected("2024-09-01 24:00"), Rejected("2024-09-01T24:00:00Z"),
        Rejected("2024-09-01T11:60"), Rejected("2024-09-01T11:27:60"), Rejected("2024-09-01T11:27:60Z"),
        Rejected("abc"), Rejected(""), Rejected("   "), Rejected("2024"), Rejected("2024-09"),
        Rejected("2024-09-01T"), Rejected("2024-09-01T11"), Rejected("2024-09-01T11:7"), Rejected("2024-09-01T11:27:3"),
        Rejected("2024-9-1"), Rejected("24-09-01"), Rejected("2024-09-01T11:27:03."), Rejected("2024-09-01T11:27.5"),
        Rejected("2024-09-01T11:27:03Zjunk"), Rejected("2024-09-01T11:27:03+2"), Rejected("2024-09-01T11:27:03+02:"),
        Rejected("2024-09-01T11:27:03+24:00"), Rejected("2024-09-01T11:27:03+02:60"), Rejected("2024-09-01T11:27:03 EST"),
        Rejected("2024-09-01 11:27 AM PM"), Rejected("2024-09-0111:27"), Rejected("2024-09/01"), Rejected("2024.09.01"),
        Rejected("9/1/2024 0:30 PM", .mdy), Rejected("9/1/2024 13:00 PM", .mdy), Rejected("9/1/2024 11:27 XM", .mdy),
        Rejected("9/1/202 10:00", .mdy), Rejected("9/1/20245 10:00", .mdy), Rejected("9/1 10:00", .mdy),
        Rejected("9-1-2024 10:00", .mdy), Rejected("9/1.2024", .mdy), Rejected("123/1/2024", .mdy),
        Rejected("9/1/2024T10:00", .mdy), Rejected("9/1/2024 10:00:00:00", .mdy), Rejected("－2024-09-01"),
    ]

    @Test(arguments: rejected)
    func invalidValue(_ c: Rejected) {
        for zone in ["UTC", "Europe/Berlin"] {
            let parser = TimestampParser(timeZone: Self.zone(zone), dateOrder: c.order)
            #expect(parser.parse(c.value) == .invalid)
            #expect(Self.parseBytes(parser, c.value) == .invalid)
        }
    }

    @Test func errorMessages() {
        // The date-order setting stays data: each adapter names it (`--date-order`, `date-order=`).
        #expect(TimestampParser.expectedFormats
            == "expected ISO 8601 such as 2024-09-01T11:27:00Z, or M/D/YYYY H:MM with \(Parameter.dateOrder)")
        #expect(TimestampParser.errorMessage(for: "13/13/2024 10:00", result: .invalid)
            == "'13/13/2024 10:00' is not a date and time (expected ISO 8601 such as 2024-09-01T11:27:00Z, or M/D/YYYY H:MM with \(Parameter.dateOrder))")
        let ambiguous = TimestampParser.errorMessage(for: "9/1/2024 11:27", result: .ambiguousDateOrder)
        #expect(ambiguous?.description.contains("'9/1/2024 11:27'") == true)
        #expect(ambiguous?.parameters == [.dateOrder, .dateOrder])
        #expect(TimestampParser.errorMessage(for: "2024-09-01", result: .instant(0)) == nil)
    }

    @Test func dateOrderCases() {
        #expect(TimestampParser.DateOrder.allCases == [.mdy, .dmy])
        #expect(TimestampParser.DateOrder(rawValue: "dmy") == .dmy)
    }

    // MARK: - Date order detection

    @Test(arguments: [
        (["9/1/2024 10:00", "9/25/2024 10:00", "10/2/2024", "2024-09-30T10:00:00Z"], DateOrderDetector.Verdict.mdy),
        (["9/1/24 11:27:03", "12/31/24 23:59:59"], .mdy),
        (["1/9/2024", "25/9/2024 10:00", "  31/12/2024 23:00"], .dmy),
        (["9/1/2024", "5/5/2024", "12/12/24 10:00 PM"], .undetermined),
        ([], .undetermined),
        (["2024-09-25T10:00:00Z", "2024/09/25 10:00", "25.09.2024 10:00", "abc", ""], .undetermined),
        (["13/13/2024 10:00", "40/2/2024", "2/40/2024"], .undetermined),
        (["9/25/2024", "1/1/2024", "25/9/2024"], .contradictory),
    ] as [([String], DateOrderDetector.Verdict)])
    func detector(_ values: [String], _ expected: DateOrderDetector.Verdict) {
        var detector = DateOrderDetector()
        for value in values { detector.observe(value) }
        #expect(detector.verdict == expected)
        #expect(DateOrderDetector.detect(values) == expected)

        var bytesDetector = DateOrderDetector()
        for value in values { Array(value.utf8).withUnsafeBytes { bytesDetector.observe($0) } }
        #expect(bytesDetector.verdict == expected)

        switch expected {
        case .mdy: #expect(detector.dateOrder == .mdy)
        case .dmy: #expect(detector.dateOrder == .dmy)
        case .undetermined, .contradictory: #expect(detector.dateOrder == nil)
        }
    }

    @Test func detectorCountsSlashDates() {
        var detector = DateOrderDetector()
        #expect(detector.verdict == .undetermined)
        for value in ["9/1/2024", "2024-09-01", "1.9.2024", "25/9/2024"] { detector.observe(value) }
        #expect(detector.slashDateCount == 2)
        #expect(detector.sawDayFirst)
        #expect(!detector.sawMonthFirst)
    }

    @Test func detectedOrderFeedsTheParser() {
        let column = ["9/1/2024 11:27", "25/9/2024 08:00", "3/10/2024 17:45"]
        let order = DateOrderDetector.detect(column)
        #expect(order == .dmy)
        let parser = TimestampParser(dateOrder: .dmy)
        // Day first: 2024-01-09T11:27Z, 2024-09-25T08:00Z, 2024-10-03T17:45Z.
        #expect(column.map { parser.parse($0) } == [.instant(1_704_799_620), .instant(1_727_251_200), .instant(1_727_977_500)])
    }

    // MARK: - Quarters

    struct QuarterCase: Sendable, CustomTestStringConvertible {
        let epoch: Int64
        let zone: String
        let year: Int
        let quarter: Int
        init(_ epoch: Int64, _ zone: String, _ year: Int, _ quarter: Int) {
            (self.epoch, self.zone, self.year, self.quarter) = (epoch, zone, year, quarter)
        }
        var testDescription: String { "\(epoch) in \(zone) → \(year)-Q\(quarter)" }
    }

    /// From Python: `d = datetime.fromtimestamp(epoch, ZoneInfo(zone)); (d.year, (d.month - 1) // 3 + 1)`.
    static let quarters: [QuarterCase] = [
        // 2025-12-31T23:30-05:00: Q4 in New York, Q1 2026 in UTC and Berlin.
        QuarterCase(1_767_241_800, "America/New_York", 2025, 4),
        QuarterCase(1_767_241_800, "UTC", 2026, 1),
        QuarterCase(1_767_241_800, "Europe/Berlin", 2026, 1),
        QuarterCase(1_767_243_600, "America/New_York", 2026, 1),       // 2026-01-01T00:00-05:00
        // 2026-03-31T22:00Z is 2026-04-01T00:00 CEST.
        QuarterCase(1_774_994_399, "Europe/Berlin", 2026, 1),
        QuarterCase(1_774_994_400, "Europe/Berlin", 2026, 2),
        QuarterCase(1_774_994_400, "UTC", 2026, 1),
        // 2024-06-30T22:00Z is 2024-07-01T00:00 CEST.
        QuarterCase(1_719_784_799, "Europe/Berlin", 2024, 2),
        QuarterCase(1_719_784_800, "Europe/Berlin", 2024, 3),
        QuarterCase(1_719_788_399, "UTC", 2024, 2),
        QuarterCase(1_719_788_400, "UTC", 2024, 2),
        // 2024-10-01T00:00Z: Q4 in UTC, still 30 September (Q3) in New York until 04:00Z.
        QuarterCase(1_727_740_799, "UTC", 2024, 3),
        QuarterCase(1_727_740_800, "UTC", 2024, 4),
        QuarterCase(1_727_740_800, "America/New_York", 2024, 3),
        QuarterCase(1_727_755_199, "America/New_York", 2024, 3),
        QuarterCase(1_727_755_200, "America/New_York", 2024, 4),
        // Around the epoch (negative seconds).
        QuarterCase(-1, "UTC", 1969, 4),
        QuarterCase(0, "UTC", 1970, 1),
        QuarterCase(0, "America/New_York", 1969, 4),
        QuarterCase(-3_600, "Europe/Berlin", 1970, 1),
    ]

    @Test(arguments: quarters)
    func quarterOf(_ c: QuarterCase) {
        let zone = Self.zone(c.zone)
        let viaStatic = TimestampParser.quarter(of: c.epoch, in: zone)
        #expect(viaStatic.year == c.year && viaStatic.quarter == c.quarter)
        let viaParser = TimestampParser(timeZone: zone).quarter(of: c.epoch)
        #expect(viaParser.year == c.year && viaParser.quarter == c.quarter)
    }

    @Test func parsedValueLandsInTheRightWave() {
        let newYork = TimestampParser(timeZone: Self.zone("America/New_York"))
        guard let instant = newYork.parse("2025-12-31 23:30").epochSeconds else {
            Issue.record("did not parse")
            return
        }
        #expect(newYork.quarter(of: instant) == (2025, 4))
        #expect(TimestampParser.quarter(of: instant, in: TimestampParser.UTC) == (2026, 1))
    }

    // MARK: - Civil arithmetic

    @Test func civilArithmeticMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimestampParser.UTC
        for (year, month, day) in [(1970, 1, 1), (1969, 12, 31), (2000, 2, 29), (2024, 2, 29), (2024, 3, 1),
                                   (1900, 3, 1), (2100, 2, 28), (1601, 1, 1), (9999, 12, 31), (1583, 1, 1)] {
            guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else {
                Issue.record("Calendar could not build \(year)-\(month)-\(day)")
                continue
            }
            let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
            #expect(days * 86_400 == Int64(date.timeIntervalSince1970.rounded()), "\(year)-\(month)-\(day)")
        }
    }

    @Test func civilRoundTrip() {
        // Every day from 1900 to 2200 (days -25,567 … 84,006): back and forth, consecutive.
        var failures = 0
        var previous = CivilCalendar.civilFromDays(-25_568)
        for days in Int64(-25_567)...84_006 {
            let date = CivilCalendar.civilFromDays(days)
            let consecutive = (date.year, date.month, date.day - 1) == previous
                || (date.day == 1 && previous.day == CivilCalendar.daysInMonth(year: previous.year, month: previous.month)
                    && (date.month == previous.month + 1 && date.year == previous.year
                        || date.month == 1 && previous.month == 12 && date.year == previous.year + 1))
            if !consecutive || CivilCalendar.daysFromCivil(year: date.year, month: date.month, day: date.day) != days {
                failures += 1
            }
            previous = date
        }
        // Sparse samples out to year 0000 and 9999.
        for days in stride(from: Int64(-719_528), through: 2_932_896, by: 997) {
            let date = CivilCalendar.civilFromDays(days)
            if CivilCalendar.daysFromCivil(year: date.year, month: date.month, day: date.day) != days { failures += 1 }
        }
        #expect(failures == 0)
    }
}
