import Foundation
import SurveyCollector
import SurveyCore
import SurveySimulation
import SurveyTestSupport
import Testing

struct ExportGeneratorTests {
    private func export(_ survey: Survey, responses: Int = 400, waves: [String] = ["2025-Q4", "2026-Q1"], seed: UInt64 = 7,
                        header: ExportOptions.HeaderStyle = .ids) throws -> Data {
        let options = ExportOptions(responses: responses, organisations: 3, waves: waves.compactMap(Quarter.init), seed: seed, header: header)
        var data = Data()
        try ExportGenerator(survey: survey, options: options).write { data.append(contentsOf: $0) }
        return data
    }

    @Test func sameSeedGivesTheSameBytes() throws {
        let survey = try SurveyFixtures.minimal()
        let first = try export(survey), second = try export(survey)
        #expect(first == second)
        #expect(try export(survey, seed: 8) != first)
    }

    @Test func headerHasAttributesWaveAndEveryItem() throws {
        let survey = try SurveyFixtures.minimal()
        let reader = try CSVReader(bytes: try export(survey))
        #expect(reader.header == ["response_id", "submitted_at", "wave", "organisation", "division", "team", "role", "tenure"]
            + survey.items.map(\.id))
        let single = try CSVReader(bytes: try export(survey, waves: ["2026-Q1"], header: .texts))
        #expect(!single.header.contains("wave"))
        #expect(single.header.suffix(survey.items.count) == survey.items.map(\.text)[...])
    }

    /// Every cell is something the survey accepts, and rows carry their wave and a timestamp in it.
    @Test func everyAnswerIsValidForTheSurvey() throws {
        let survey = try SurveyFixtures.minimal()
        var reader = try CSVReader(bytes: try export(survey, responses: 1_000))
        let header = reader.header
        var record = CSVRecord()
        var rows = 0, missing = 0, notApplicable = 0
        var waves: [String: Int] = [:]
        var organisations = Set<String>(), divisions = Set<String>(), roles = Set<String>()
        let declared = survey.attributes[.role]?.roleSpellings ?? [:]
        let spellings = Set((declared.values.flatMap { $0 } + Role.allCases.map(\.displayName)).map(normalizedKey))
        let productSpellings = Set(([Role.productOwner, .productManager].flatMap { declared[$0] ?? [] }
            + [Role.productOwner.displayName, Role.productManager.displayName]).map(normalizedKey))
        while try reader.nextRecord(into: &record) {
            rows += 1
            #expect(record.count == header.count)
            let wave = record.string(2)
            waves[wave, default: 0] += 1
            #expect(record.string(1).hasPrefix(String(Quarter(wave)?.year ?? 0)))
            organisations.insert(record.string(3))
            divisions.insert(record.string(3) + "/" + record.string(4))
            roles.insert(record.string(6))
            #expect(spellings.contains(normalizedKey(record.string(6))))
            for (offset, item) in survey.items.enumerated() {
                let cell = record.string(8 + offset)
                if cell.isEmpty { missing += 1; continue }
                switch item.kind {
                case .agreement(let scaleID):
                    let scale = try #require(survey.scale(scaleID))
                    let accepted = Set(scale.answerVariants().map(\.text) + scale.missing.map(normalizedKey))
                    #expect(accepted.contains(normalizedKey(cell)), "\(item.id): \(cell)")
                    if item.roles != nil, !productSpellings.contains(normalizedKey(record.string(6))) {
                        notApplicable += 1
                    }
                case .choice(let options):
                    #expect(options.map(\.label).contains(cell) || item.missing.contains(cell), "\(item.id): \(cell)")
                case .multi(let options):
                    for part in cell.components(separatedBy: "; ") {
                        #expect(options.map(\.label).contains(part), "\(item.id): \(part)")
                    }
                case .numeric(_, let minimum, let maximum, _):
                    let value = try #require(Double(cell))
                    #expect(value >= minimum && value <= maximum)
                case .text:
                    #expect(!cell.isEmpty)
                }
            }
        }
        #expect(rows == 1_000)
        #expect(waves == ["2025-Q4": 500, "2026-Q1": 500])
        #expect(organisations.count == 3)
        #expect(divisions.count >= 9)
        #expect(roles.count >= 6)
        #expect(missing > 0)
        #expect(notApplicable == 0, "items for product roles only must be blank for other roles")
    }

    @Test func refusesImpossibleOptions() throws {
        let survey = try SurveyFixtures.minimal()
        #expect(throws: GeneratorError.self) {
            try ExportGenerator(survey: survey, options: ExportOptions(responses: 10, organisations: 0, waves: [Quarter(year: 2026, quarter: 1)], seed: 1))
        }
        #expect(throws: GeneratorError.self) {
            try ExportGenerator(survey: survey, options: ExportOptions(responses: 10, organisations: 2, waves: [], seed: 1))
        }
    }
}
