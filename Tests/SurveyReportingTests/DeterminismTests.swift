import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

struct DeterminismTests {
    @Test(arguments: ReportFormat.allCases)
    func rendersTheSameBytesTwice(_ format: ReportFormat) throws {
        let first = try format.renderer.render(ScorecardSamples.organisation())
        let second = try format.renderer.render(ScorecardSamples.organisation())
        #expect(Array(first.utf8) == Array(second.utf8))
    }

    @Test(arguments: ReportFormat.allCases)
    func ignoresDictionaryOrder(_ format: ReportFormat) throws {
        let sample = ScorecardSamples.organisation()
        var reordered = sample
        var previous: [String: Double] = [:]
        previous.reserveCapacity(64)
        for (key, value) in (sample.unit.previous ?? [:]).sorted(by: { $0.key > $1.key }) {
            previous[key] = value
        }
        reordered.unit.previous = previous
        #expect(try format.renderer.render(reordered) == format.renderer.render(sample))
    }

    @Test func indexIgnoresEntryAndFileOrder() {
        let entries = ReportIndexTests.entries
        let shuffled = entries.reversed().map { entry in
            var copy = entry
            var files: [String: String] = [:]
            files.reserveCapacity(32)
            for (format, path) in entry.files.sorted(by: { $0.key > $1.key }) { files[format] = path }
            copy.files = files
            return copy
        }
        #expect(renderIndexHTML(title: "t", entries: entries) == renderIndexHTML(title: "t", entries: shuffled))
    }
}
