import Foundation
import Testing

/// The expected values written by `Scripts/reference_statistics.py` (scipy, statsmodels,
/// pingouin), decoded from `Fixtures/reference-statistics.json`.
struct ReferenceFixture: Decodable, Sendable {
    struct Meta: Decodable, Sendable {
        var generator: String
        var seed: Int
        var python: String
        var numpy: String
        var scipy: String
        var pandas: String
        var statsmodels: String
        var pingouin: String
    }

    struct Descriptive: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var values: [Double]
        var mean: Double?
        var median: Double?
        var variance: Double?
        var testDescription: String { name }
    }

    struct NormalCDF: Decodable, Sendable, CustomTestStringConvertible {
        var x: Double
        var p: Double
        var testDescription: String { "Φ(\(x))" }
    }

    struct NormalQuantile: Decodable, Sendable, CustomTestStringConvertible {
        var p: Double
        var x: Double
        var testDescription: String { "Φ⁻¹(\(p))" }
    }

    struct IncompleteBeta: Decodable, Sendable, CustomTestStringConvertible {
        var x: Double
        var a: Double
        var b: Double
        var value: Double
        var testDescription: String { "I_\(x)(\(a), \(b))" }
    }

    struct StudentTCDF: Decodable, Sendable, CustomTestStringConvertible {
        var t: Double
        var df: Double
        var p: Double
        var testDescription: String { "F(\(t); df \(df))" }
    }

    struct StudentTQuantile: Decodable, Sendable, CustomTestStringConvertible {
        var p: Double
        var df: Double
        var t: Double
        var testDescription: String { "F⁻¹(\(p); df \(df))" }
    }

    struct MeanInterval: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var values: [Double]
        var level: Double
        var mean: Double?
        var lower: Double?
        var upper: Double?
        var testDescription: String { name }
    }

    struct Wilson: Decodable, Sendable, CustomTestStringConvertible {
        var successes: Int
        var trials: Int
        var level: Double
        var lower: Double
        var upper: Double
        var testDescription: String { "\(successes)/\(trials) at \(level)" }
    }

    struct ClusteredProportion: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var favourable: [Int]
        var valid: [Int]
        var level: Double
        var proportion: Double?
        var lower: Double?
        var upper: Double?
        var testDescription: String { name }

        var respondents: [(favourable: Int, valid: Int)] {
            zip(favourable, valid).map { (favourable: $0, valid: $1) }
        }
    }

    struct Reliability: Decodable, Sendable, CustomTestStringConvertible {
        struct Item: Decodable, Sendable {
            var alphaIfDropped: Double?
            var itemRestCorrelation: Double?
        }

        var name: String
        var rows: [[Double?]]
        var pingouinRaw: Double?
        var alpha: Double?
        var standardizedAlpha: Double?
        var items: [Item]
        var testDescription: String { name }
    }

    struct Welch: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var x: [Double]
        var y: [Double]
        var level: Double
        var outcome: String
        var difference: Double?
        var t: Double?
        var df: Double?
        var p: Double?
        var lower: Double?
        var upper: Double?
        var hedgesG: Double?
        var testDescription: String { name }
    }

    struct PAdjust: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var p: [Double]
        var benjaminiHochberg: [Double]
        var testDescription: String { name }
    }

    var meta: Meta
    var descriptive: [Descriptive]
    var normalCDF: [NormalCDF]
    var normalQuantile: [NormalQuantile]
    var incompleteBeta: [IncompleteBeta]
    var studentTCDF: [StudentTCDF]
    var studentTQuantile: [StudentTQuantile]
    var meanInterval: [MeanInterval]
    var wilson: [Wilson]
    var clusteredProportion: [ClusteredProportion]
    var reliability: [Reliability]
    var welch: [Welch]
    var pAdjust: [PAdjust]

    /// The decoded fixture, or why it could not be read; ``ReferenceFixtureTests`` fails on
    /// the error, so a missing or broken file cannot pass as an empty argument list.
    static let loaded: Result<ReferenceFixture, any Error> = Result {
        try decodedFixture("reference-statistics")
    }

    /// One section's cases as test arguments (empty when the file did not load).
    static func cases<Case>(_ section: KeyPath<ReferenceFixture, [Case]>) -> [Case] {
        (try? loaded.get())?[keyPath: section] ?? []
    }
}

/// Decodes `Fixtures/<name>.json` from the test bundle.
func decodedFixture<Fixture: Decodable>(_ name: String) throws -> Fixture {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")
    else { throw CocoaError(.fileNoSuchFile) }
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
}

/// Tolerances: 1e-6 for statistics, 1e-9 for distribution functions (see ``isClose``).
enum Tolerance {
    static let statistic = 1e-6
    static let distribution = 1e-9
}

/// Whether `actual` is within `tolerance` of `expected`: absolute for
/// `1e-3 ≤ |expected| ≤ 1`, relative outside that range (so tail probabilities like 1e-12
/// and far quantiles like 3e7 are checked to their own scale), and within 1e-15 of an exact 0.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    if expected == 0 { return abs(actual) <= 1e-15 }
    if expected.isInfinite { return actual == expected }
    let scale = abs(expected) >= 1e-3 ? max(1, abs(expected)) : abs(expected)
    return abs(actual - expected) <= tolerance * scale
}

/// Expects `actual` to match a reference value, or to be `nil` where the reference is null.
func expectClose(
    _ actual: Double?, _ expected: Double?, tolerance: Double = Tolerance.statistic,
    _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (nil, nil):
        break
    case let (actual?, expected?):
        #expect(isClose(actual, expected, tolerance: tolerance),
                "\(label): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
    default:
        let message = "\(label): got \(String(describing: actual)), expected "
            + "\(String(describing: expected))"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

struct ReferenceFixtureTests {
    @Test func loadsEverySectionWithTheLibraryVersions() throws {
        let fixture = try ReferenceFixture.loaded.get()
        #expect(fixture.meta.generator == "Scripts/reference_statistics.py")
        for version in [fixture.meta.numpy, fixture.meta.scipy, fixture.meta.pandas,
                        fixture.meta.statsmodels, fixture.meta.pingouin] {
            #expect(!version.isEmpty)
        }
        let counts = [
            fixture.descriptive.count, fixture.normalCDF.count, fixture.normalQuantile.count,
            fixture.incompleteBeta.count, fixture.studentTCDF.count,
            fixture.studentTQuantile.count, fixture.meanInterval.count, fixture.wilson.count,
            fixture.clusteredProportion.count,
            fixture.reliability.count, fixture.welch.count,
            fixture.pAdjust.count,
        ]
        #expect(counts.allSatisfy { $0 >= 5 }, "a fixture section is nearly empty: \(counts)")
    }
}
