import Foundation
import SurveyCore
@testable import SurveyReporting
import Testing

struct NumberTextTests {
    @Test(arguments: [
        (53.0, 1, "53.0"),
        (48.75, 1, "48.8"),
        (-48.75, 1, "-48.8"),
        (0.05, 1, "0.1"),
        (2.5, 0, "3"),
        (3.016666, 2, "3.02"),
        (-3, 2, "-3.00"),
        (-0.04, 1, "0.0"),
        (-0.0, 2, "0.00"),
        (1_234_567.891, 2, "1234567.89"),
        (0.999, 2, "1.00"),
        (100, 1, "100.0"),
    ] as [(Double, Int, String)])
    func formatsFixedPoint(_ value: Double, digits: Int, expected: String) {
        #expect(NumberText.fixed(value, digits: digits) == expected)
    }

    @Test(arguments: [nil, Double.nan, .infinity, -.infinity] as [Double?])
    func showsDashForMissingOrNonFinite(_ value: Double?) {
        #expect(NumberText.fixed(value, digits: 1) == "–")
    }

    @Test func formatsSignedChangesAndIntervals() {
        #expect(NumberText.signed(0.17, digits: 2) == "+0.17")
        #expect(NumberText.signed(-0.05, digits: 2) == "-0.05")
        #expect(NumberText.signed(0.001, digits: 2) == "0.00")
        #expect(NumberText.signed(-0.001, digits: 2) == "0.00")
        #expect(NumberText.interval(Interval(lower: 2.98, upper: 3.26), digits: 2) == "2.98–3.26")
        #expect(NumberText.interval(Interval(lower: 55.1, upper: 69.3), digits: 1, unit: "%") == "55.1%–69.3%")
        // An interval of one bound no longer exists: `Interval` has two, and decoding `[1]` fails.
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Interval.self, from: Data("[1]".utf8)) }
        #expect(NumberText.interval(nil, digits: 1) == "–")
    }
}
