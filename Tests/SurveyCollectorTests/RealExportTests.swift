import Foundation
import SurveyCore
import SurveyDefinition
import Testing
@testable import SurveyCollector

/// The genuine platform exports in `shared/real-exports` (beside the project, never copied into
/// it), each read with `--format auto` against a survey definition written for it.
struct RealExportTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/real-exports")
    static let available = FileManager.default.fileExists(atPath: folder.path)

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var yaml: String
        var format: ExportFormat
        var responses: Int
        var answers: Int
        var wave: String?
        var waves: Set<String>
        var testDescription: String { file }
    }

    static let yesNo = "options: [{id: yes_, label: \"Yes\"}, {id: no_, label: \"No\"}]"

    static func survey(_ id: String, items: String) -> String {
        """
        id: \(id)
        version: 1
        title: \(id)
        scales:
          agree5:
            labels: {1: Strongly disagree, 2: Disagree, 3: Neutral, 4: Agree, 5: Strongly agree}
            favorable: [4, 5]
            neutral: [3]
            unfavorable: [1, 2]
        dimensions:
          - id: all
            title: All
            items:
        \(items)
        bands:
          - {name: Low, from: 1}
        """
    }

    static let qualtricsSurvey = survey("qualtrics_sample", items: """
              - id: q1
                kind: choice
                text: This is a multiple choice question.
                aliases: [Q1]
                options: [{id: one, label: One}, {id: two, label: Two}, {id: three, label: Three}]
              - id: q2
                kind: text
                text: This is a free text question.
                aliases: [Q2]
        """)

    static let hotDogSpring = survey("hot_dog_sp24", items: """
              - id: sandwich
                kind: choice
                text: Do you believe that a hotdog falls under the category of a sandwich?
                \(yesNo)
              - {id: rationale, kind: text, text: What is the rationale behind your opinion?}
              - id: level
                kind: choice
                text: Are you currently enrolled as an undergraduate or graduate student at the University of Virginia?
                options: [{id: undergraduate, label: Undergraduate}, {id: graduate, label: Graduate}]
              - {id: major, kind: text, text: What is your field of study or major?}
              - id: year
                kind: choice
                text: If you are an undergraduate, what is your current academic year?
                options: [{id: first, label: First year}, {id: second, label: Second year}, {id: third, label: Third year}, {id: fourth, label: Fourth year}]
              - {id: born, kind: text, text: What state or country were you born in?}
        """)

    static let cases: [Case] = [
        Case(file: "qualtrics/qualtRics_sample.csv", yaml: qualtricsSurvey, format: .qualtrics, responses: 1, answers: 2,
             waves: ["2017-Q3"]),
        Case(file: "qualtrics/qualtRics_sample_legacy.csv", yaml: qualtricsSurvey, format: .qualtrics, responses: 1, answers: 2,
             waves: ["2017-Q3"]),
        Case(file: "surveymonkey/538_steak-risk-survey.csv", yaml: survey("steak_risk", items: """
              - id: lottery
                kind: choice
                text: "Consider the following hypothetical situations: In Lottery A, you have a 50% chance of success, with a payout of $100. In Lottery B, you have a 90% chance of success, with a payout of $20. Assuming you have $10 to bet, would you play Lottery A or Lottery B?"
                options: [{id: a, label: Lottery A}, {id: b, label: Lottery B}]
              - {id: smoke, kind: choice, text: Do you ever smoke cigarettes?, \(yesNo)}
              - {id: alcohol, kind: choice, text: Do you ever drink alcohol?, \(yesNo)}
              - {id: gamble, kind: choice, text: Do you ever gamble?, \(yesNo)}
              - {id: skydiving, kind: choice, text: Have you ever been skydiving?, \(yesNo)}
              - {id: speeding, kind: choice, text: Do you ever drive above the speed limit?, \(yesNo)}
              - {id: cheated, kind: choice, text: Have you ever cheated on your significant other?, \(yesNo)}
              - {id: steak, kind: choice, text: Do you eat steak?, \(yesNo)}
              - id: doneness
                kind: choice
                text: How do you like your steak prepared?
                options: [{id: rare, label: Rare}, {id: medium_rare, label: Medium rare}, {id: medium, label: Medium}, {id: medium_well, label: Medium Well}, {id: well, label: Well}]
              - id: gender
                kind: choice
                text: Gender
                options: [{id: female, label: Female}, {id: male, label: Male}]
              - id: age
                kind: choice
                text: Age
                options: [{id: a18, label: 18-29}, {id: a30, label: 30-44}, {id: a45, label: 45-60}, {id: a60, label: "> 60"}]
              - id: income
                kind: choice
                text: Household Income
                options: [{id: i0, label: "$0 - $24,999"}, {id: i25, label: "$25,000 - $49,999"}, {id: i50, label: "$50,000 - $99,999"}, {id: i100, label: "$100,000 - $149,999"}, {id: i150, label: "$150,000+"}]
              - {id: education, kind: text, text: Education}
              - {id: region, kind: text, text: Location (Census Region)}
        """), format: .surveyMonkey, responses: 550, answers: 7230, wave: "2014-Q2", waves: ["2014-Q2"]),
        Case(file: "surveymonkey/538_religion-survey-results.csv", yaml: survey("religion", items: """
              - id: religion
                kind: choice
                text: What is your present religion, if any?
                options: [{id: protestant, label: Protestant}, {id: catholic, label: Roman Catholic}, {id: mormon, label: Mormon}, {id: orthodox, label: Orthodox Christian}, {id: jewish, label: Jewish}, {id: muslim, label: Muslim}, {id: buddhist, label: Buddhist}, {id: hindu, label: Hindu}, {id: atheist, label: Atheist}, {id: agnostic, label: Agnostic}, {id: none, label: None of these}]
              - id: religion_other
                kind: text
                text: Your religion, if none of these
                aliases: ["What is your present religion, if any? - None of these"]
              - {id: evangelical, kind: choice, text: Do you consider yourself to be an evangelical?, \(yesNo)}
              - id: services
                kind: choice
                text: Do you attend religious services
                options: [{id: never, label: Never}, {id: less, label: Less than weekly}, {id: weekly, label: Weekly or more}]
              - id: pray_for
                kind: choice
                text: "How often do you: Tell someone you'll pray for him or her"
                options: [{id: never, label: Never}, {id: yearly, label: Once a year or less}, {id: monthly, label: Once a month or less}, {id: few_month, label: A few times per month}, {id: few_week, label: A few times per week}, {id: daily, label: Every day}]
                missing: [Not applicable to my religious beliefs]
              - id: age
                kind: choice
                text: What is your age?
                options: [{id: a18, label: 18 - 29}, {id: a30, label: 30 - 44}, {id: a45, label: 45 - 59}, {id: a60, label: 60+}]
              - id: gender
                kind: choice
                text: What is your gender?
                options: [{id: female, label: Female}, {id: male, label: Male}]
              - {id: region, kind: text, text: US Region}
        """), format: .surveyMonkey, responses: 1039, answers: 7105, wave: "2016-Q2", waves: ["2016-Q2"]),
        Case(file: "google-forms/uva_ds4002_sp24_survey_results.csv", yaml: hotDogSpring, format: .googleForms,
             responses: 91, answers: 519, waves: ["2024-Q1"]),
        Case(file: "google-forms/uva_ds4002_sp24_survey_results.xlsx", yaml: hotDogSpring, format: .googleForms,
             responses: 91, answers: 519, waves: ["2024-Q1"]),
        Case(file: "ms-forms/uva_ds4002_Hot-Dog-Form-Fa24.csv", yaml: survey("hot_dog_fa24", items: """
              - {id: sandwich, kind: choice, text: Is a hotdog a sandwich, \(yesNo)}
              - {id: undergraduate, kind: choice, text: Are you a UVA undergraduate student, \(yesNo)}
              - {id: major, kind: text, text: What is your major?}
        """), format: .msForms, responses: 187, answers: 559, waves: ["2024-Q3"]),
    ]

    @Test(.enabled(if: available, "needs ../shared/real-exports beside the project"), arguments: cases)
    func importsRealExport(_ testCase: Case) throws {
        let survey = try loadSurvey(yaml: testCase.yaml, file: testCase.file + ".yaml")
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(testCase.file))
        let export = try readExport(data, survey: survey, file: testCase.file,
                                    settings: ImportSettings(wave: testCase.wave, organisation: "Study"))
        #expect(export.reader.detectedFormat == testCase.format)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.count == testCase.responses)
        #expect(export.answerCount == testCase.answers)
        #expect(Set(export.responses.map(\.wave)) == testCase.waves)
        #expect(Set(export.responses.map(\.responseKey)).count == testCase.responses)
    }

    @Test(.enabled(if: available, "needs ../shared/real-exports beside the project"))
    func realExportsDropPersonalData() throws {
        let survey = try loadSurvey(yaml: Self.qualtricsSurvey, file: "q.yaml")
        let current = try readExport(Data(contentsOf: Self.folder.appendingPathComponent("qualtrics/qualtRics_sample.csv")),
                                     survey: survey, settings: ImportSettings(organisation: "Study"))
        #expect(current.reader.droppedColumns == ["IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                                                  "LocationLatitude", "LocationLongitude"])
        #expect(current.answers("q1") == ["two"])
        #expect(current.answers("q2") == ["Hello World!"])
        #expect(current.responses.map(\.responseKey) == ["R_2YPOQ602ER1jkf1"])
        let legacy = try readExport(Data(contentsOf: Self.folder.appendingPathComponent("qualtrics/qualtRics_sample_legacy.csv")),
                                    survey: survey, settings: ImportSettings(organisation: "Study"))
        #expect(legacy.reader.droppedColumns == ["Name", "EmailAddress", "IPAddress", "LocationLatitude", "LocationLongitude", "LocationAccuracy"])
        #expect(legacy.responses.map(\.responseKey) == ["R_2YPOQ602ER1jkf1"])
    }
}

/// `opmodel mapping suggest` on the genuine exports: with the definitions written for them, and
/// with those definitions reworded as a user's own questionnaire would word them.
struct RealExportSuggestionTests {
    enum Wording: String, CaseIterable, Sendable {
        /// The definitions as written.
        case asWritten
        /// Numbered, without punctuation, aliases dropped: `Q3 do you ever gamble`.
        case numbered
        /// A word fewer or more: `you ever smoke cigarettes?`, `Gender (optional)`.
        case reworded
    }

    static func reword(_ survey: Survey, _ wording: Wording) -> Survey {
        var survey = survey
        var number = 0
        for d in survey.dimensions.indices {
            for i in survey.dimensions[d].items.indices {
                number += 1
                var item = survey.dimensions[d].items[i]
                let words = item.text.split(separator: " ")
                switch wording {
                case .asWritten: continue
                case .numbered:
                    item.text = "Q\(number). " + item.text.filter { !$0.isPunctuation || $0 == "'" }
                case .reworded:
                    item.text = words.count >= 5 ? words.dropFirst().joined(separator: " ") : item.text + " (optional)"
                }
                item.aliases = []
                survey.dimensions[d].items[i] = item
            }
        }
        return survey
    }

    @Test(.enabled(if: RealExportTests.available, "needs ../shared/real-exports beside the project"),
          arguments: RealExportTests.cases, Wording.allCases)
    func mapsEveryQuestionTheDefinitionHas(_ testCase: RealExportTests.Case, _ wording: Wording) throws {
        let written = try loadSurvey(yaml: testCase.yaml, file: testCase.file + ".yaml")
        let data = try Data(contentsOf: RealExportTests.folder.appendingPathComponent(testCase.file))
        let baseline = try MappingSuggester.suggest(file: testCase.file, data: data, survey: written)
        let suggestion = try MappingSuggester.suggest(file: testCase.file, data: data, survey: Self.reword(written, wording))
        #expect(suggestion.format == testCase.format)
        #expect(suggestion.notAsked == [])
        // The same column for every item as the definition as written reads it.
        let items = suggestion.entries.filter { if case .item = $0.target { true } else { false } }
        #expect(items.map(\.column) == baseline.entries.filter { if case .item = $0.target { true } else { false } }.map(\.column))
        #expect(items.count == written.items.count)
        let expected: Set<MappingSuggestion.Method> = switch wording {
        case .asWritten: [.exact]
        case .numbered: [.normalised]
        case .reworded: [.fuzzy]
        }
        for entry in items where !expected.contains(entry.method) {
            guard case .item(let id, _) = entry.target, let item = written.item(id) else { continue }
            // A header that is the item's id stays exact; an item found through an alias that the
            // rewording dropped is found by similarity instead.
            let allowed = (entry.method == .exact && normalizedKey(entry.column) == id) || (entry.method == .fuzzy && !item.aliases.isEmpty)
            #expect(allowed, "\(entry.column) -> \(id): \(entry.method) \(entry.confidence)")
        }
        #expect(items.allSatisfy { $0.confidence >= MappingSuggester.threshold })
    }
}
