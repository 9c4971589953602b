import Foundation
import SurveyCore
import SurveyDefinition
import SurveyTestSupport
import Testing
@testable import SurveyCollector

/// LimeSurvey response exports in the four heading × answer styles (BOM, every field quoted,
/// CRLF), read with `--format auto` against a survey whose items carry LimeSurvey's codes as aliases.
struct LimeSurveyAdapterTests {
    static let yaml = """
    id: acme_aliases
    version: 1
    title: Acme pulse, matched by aliases
    scales:
      agree5:
        labels:
          1: [Strongly disagree, A1]
          2: [Disagree, A2]
          3: [Neither agree nor disagree, A3]
          4: [Agree, A4]
          5: [Strongly agree, A5]
        favorable: [4, 5]
        neutral: [3]
        unfavorable: [1, 2]
        missing: ["Don't know", A6]
      five:
        labels: {1: "1", 2: "2", 3: "3", 4: "4", 5: "5"}
        favorable: [4, 5]
        neutral: [3]
        unfavorable: [1, 2]
    dimensions:
      - id: strategy
        title: Strategy
        scale: agree5
        items:
          - {id: outcome_goals, text: "Our product goals were written as outcomes, not features.", aliases: ["G01Q01[SQ001]"]}
          - {id: chose_how, text: "My team chose how to reach its goals.", aliases: ["G01Q01[SQ002]"]}
          - {id: plans_changed, text: "Plans changed when evidence changed.", aliases: ["G01Q01[SQ003]"]}
          - id: release
            kind: choice
            text: How often did your team release to users last quarter?
            aliases: [G01Q02]
            options:
              - {id: rarely, label: Less than once a month, aliases: [R1]}
              - {id: monthly, label: About once a month, aliases: [R2]}
              - {id: weekly, label: Weekly or more often, aliases: [R3]}
            missing: ["Don't know", R9]
          - id: meeting_hours
            kind: numeric
            text: In a typical week last quarter, how many hours did you spend in recurring meetings?
            aliases: [G01Q03]
            unit: hours
            min: 0
            max: 60
      - id: discovery
        title: Discovery
        scale: five
        items:
          - id: methods
            kind: multi
            text: Which research methods did you use last quarter?
            aliases: [G02Q04]
            options:
              - {id: interviews, label: Customer interviews, aliases: [SQ001]}
              - {id: usability, label: Usability tests, aliases: [SQ002]}
              - {id: analytics, label: Usage analytics, aliases: [SQ003]}
              - {id: none, label: None of these, aliases: [SQ004], exclusive: true}
              - {id: other, label: Other}
          - {id: reach_customer, text: "I can reach a customer within a week.", aliases: ["G02Q05[SQ001]"]}
          - {id: usage_data, text: "I can see usage data for what my team shipped.", aliases: ["G02Q05[SQ002]"]}
          - {id: learning, text: "Overall, how well does your team learn from customers? (1 = not at all, 5 = very well)", aliases: [G02Q06]}
          - id: talked
            kind: choice
            text: Did you talk directly with a user in the last 30 days?
            aliases: [G02Q07]
            options:
              - {id: "no", label: "No", aliases: [N]}
              - {id: "yes", label: "Yes", aliases: [Y]}
            missing: ["N/A"]
          - {id: help, kind: text, text: "What would help your team learn from customers more often?", aliases: [G02Q08]}
    bands:
      - {name: Initial, from: 1}
      - {name: Leading, from: 4}
    """

    let survey: Survey

    init() throws {
        survey = try loadSurvey(yaml: Self.yaml, file: "acme-aliases.yaml")
    }

    static let styles = ["code-headings-code-answers", "code-headings-full-answers",
                         "full-headings-code-answers", "full-headings-full-answers"]

    func read(_ style: String, settings: ImportSettings = ImportSettings(organisation: "Acme")) throws -> ReadExport {
        let url = try PlatformFixtures.limeSurvey("export-\(style).csv")
        return try readExport(Data(contentsOf: url), survey: survey, file: "export.csv", settings: settings)
    }

    @Test(arguments: styles)
    func readsEveryHeadingAndAnswerStyle(_ style: String) throws {
        let export = try read(style)
        #expect(export.reader.detectedFormat == .limeSurvey)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.map(\.responseKey) == ["1", "2", "4", "5", "6", "7"])
        #expect(export.responses.map(\.wave) == Array(repeating: "2026-Q3", count: 6))
        #expect(export.responses.first?.submittedAt == 1_783_329_164)
        #expect(export.answers("outcome_goals") == ["4", "2", "5", "4", "1", "4"])
        #expect(export.answers("chose_how") == ["5", "-", "4", "4", "2", "3"])
        #expect(export.answers("plans_changed") == ["3", "2", "4", "5", "1", "4"])
        #expect(export.answers("release") == ["weekly", "rarely", "monthly", "-", "rarely", "weekly"])
        #expect(export.answers("meeting_hours") == ["4", "12.5", "6", "-", "20", "3"])
        #expect(export.answers("methods") == ["interviews+analytics", "none", "interviews+usability+other", "interviews",
                                              "analytics", "interviews+usability+analytics"])
        #expect(export.answers("reach_customer") == ["4", "2", "5", "3", "1", "4"])
        #expect(export.answers("usage_data") == ["5", "1", "4", "3", "2", "4"])
        #expect(export.answers("learning") == ["4", "2", "5", "3", "1", "4"])
        #expect(export.answers("talked") == ["yes", "no", "yes", "-", "no", "yes"])
        #expect(export.answers("help") == ["More time with users", "-", "Nothing, it works", "-", "Fewer meetings, please", "-"])
        // Metadata is read or dropped, never matched as answers; the IP address is personal data.
        #expect(export.reader.droppedColumns == [style.hasPrefix("code") ? "ipaddr" : "IP address"])
        #expect(export.reader.skippedPartial == 1)
        #expect(export.reader.notes.contains("skipped 1 unfinished response (\(Parameter.includePartial) keeps them)"))
        #expect(export.reader.notes.contains("read as a LimeSurvey export (detected; \(Parameter.format) overrides)"))
        // The display-only question has a column but no item.
        let display = style.hasPrefix("code") ? "G02Q09" : "Thank you for your answers."
        #expect(export.reader.warnings.map(\.message) == ["column '\(display)' is not an item or attribute of survey acme_aliases@1 and is ignored"])
    }

    @Test(arguments: styles)
    func includePartialKeepsResponsesWithoutASubmitDate(_ style: String) throws {
        let export = try read(style, settings: ImportSettings(wave: "2026-Q3", organisation: "Acme", includePartial: true))
        #expect(export.responses.map(\.responseKey) == ["1", "2", "3", "4", "5", "6", "7"])
        #expect(export.reader.skippedPartial == 0)
        #expect(export.answers("outcome_goals") == ["4", "2", "3", "5", "4", "1", "4"])
        // Never shown: blank in code answers, `N/A` (Yes/No questions and ticks) in full answers.
        #expect(export.answers("methods")[2] == "-")
        #expect(export.answers("talked")[2] == "-")
        #expect(export.responses[2].submittedAt == nil)
    }

    @Test func unticksAreNoNAndNotApplicableButAnOptionNamedNoIsATick() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "{id: other, label: Other}", with: "{id: other, label: \"No\"}")
        let survey = try loadSurvey(yaml: yaml, file: "s.yaml")
        let text = """
        "id","submitdate","lastpage","G02Q04[SQ001]","G02Q04[SQ002]","G02Q04[SQ003]","G02Q04[SQ004]","G02Q04[No]"
        "1","2026-07-01 10:00:00","2","Y","N","No","","No"
        "2","2026-07-01 10:00:00","2","N/A","Not selected","0","",""

        """
        let export = try readExport(text, survey: survey)
        #expect(export.answers("methods") == ["interviews+other", "-"])
    }

    @Test func timingColumnsAndCommentBoxesAreIgnored() throws {
        let text = """
        "id","submitdate","lastpage","startlanguage","G01Q02","G01Q02[comment]","interviewtime","groupTime11","G01Q02Time","refurl","token"
        "1","2026-07-01 10:00:00","2","en","R2","because","61.2","40.1","12.0","https://example.com/?u=7","abc"

        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .limeSurvey)
        #expect(export.reader.warnings == [])
        #expect(export.reader.droppedColumns == ["refurl", "token"])
        #expect(export.answers("release") == ["monthly"])
    }

    @Test func readsCodeAndTextHeadings() throws {
        let text = """
        "id. Response ID","submitdate. Date submitted","lastpage. Last page","G01Q02. How often did your team release to users last quarter?","G02Q04[SQ002]. Which research methods did you use last quarter? [Usability tests]","G02Q05[SQ001]. Rate each statement from 1 (never) to 5 (always). [I can reach a customer within a week.]"
        "9","2026-07-01 10:00:00","2","About once a month","Yes","2"

        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .limeSurvey)
        #expect(export.responses.map(\.responseKey) == ["9"])
        #expect(export.answers("release") == ["monthly"])
        #expect(export.answers("methods") == ["usability"])
        #expect(export.answers("reach_customer") == ["2"])
    }

    @Test func expressionManagerCodesAreSubQuestionsWhenTheyComeInSets() {
        let headings = ["G01Q01_SQ001", "G01Q01_SQ002", "Q_1", "G01Q02_comment", "G01Q03", "A_B_C", "A_B", "G01Q01[SQ003]"]
        let parts = ExportLayout.splittingExpressionManagerCodes(headings.map(ExportLayout.limeHeading))
        #expect(parts.map(\.question) == ["G01Q01", "G01Q01", nil, "G01Q02", nil, nil, nil, "G01Q01"])
        #expect(parts.map(\.label) == ["SQ001", "SQ002", nil, "comment", nil, nil, nil, "SQ003"])
        #expect(parts.map(\.code) == headings)
    }

    @Test func readsExpressionManagerHeadings() throws {
        let text = """
        "id","submitdate","lastpage","G01Q01_SQ001","G01Q01_SQ002","G01Q02","G02Q04_SQ001","G02Q04_SQ002","G02Q04_SQ003","G02Q04_SQ004","G02Q04_other","G02Q04_othercomment","G01Q02_comment"
        "9","2026-07-01 10:00:00","2","A4","A5","About once a month","Yes","","Yes","","","","why"

        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .limeSurvey)
        #expect(export.reader.warnings == [])
        #expect(export.answers("methods") == ["interviews+analytics"])
        #expect(export.answers("outcome_goals") == ["4"])
        #expect(export.answers("chose_how") == ["5"])
        #expect(export.answers("release") == ["monthly"])
    }

    @Test(arguments: [
        ("G01Q02[SQ001]", "G01Q02[SQ001]", nil, "G01Q02", "SQ001"),
        ("Tools you use [Analytics]", nil, "Tools you use [Analytics]", "Tools you use", "Analytics"),
        ("G01Q01", "G01Q01", nil, nil, nil),
        ("submitdate. Date submitted", "submitdate", "Date submitted", nil, nil),
        ("G02Q04[other]. Methods? [Other]", "G02Q04[other]", "Methods? [Other]", "Methods?", "Other"),
        ("[Optional] Anything else?", nil, "[Optional] Anything else?", nil, nil),
    ] as [(String, String?, String?, String?, String?)])
    func takesHeadingsApart(_ heading: String, code: String?, text: String?, question: String?, label: String?) {
        let parts = ExportLayout.limeHeading(heading)
        #expect(parts.code == code)
        #expect(parts.text == text)
        #expect(parts.question == question)
        #expect(parts.label == label)
    }
}
