import Foundation
import SurveyCore
import SurveyDefinition
@testable import SurveyCollector

/// Everything a reader produced for one export, for comparing against expectations.
struct ReadExport {
    var reader: ResponseReader
    var responses: [ResponseRow] = []
    var rejected: [[Diagnostic]] = []
    let survey: Survey

    /// Non-missing, applicable answers over all responses (free-text comments included).
    var answerCount: Int {
        let layout = AnswerLayout(survey: survey)
        var count = 0
        for row in responses {
            row.answers.withUnsafeBytes { bytes in
                for slot in layout.slots where slot.width > 0 {
                    if !AnswerLayout.isMissing(bytes, slot), !AnswerLayout.isNotApplicable(bytes, slot) { count += 1 }
                }
            }
            count += row.comments.count
        }
        return count
    }

    /// One item's answer in every response, as text: a scale value, an option id, option ids
    /// joined by `+`, a number, a comment, or `-` when missing.
    func answers(_ itemID: String) -> [String] {
        let layout = AnswerLayout(survey: survey)
        guard let slot = layout.slots.first(where: { $0.itemID == itemID }), let item = survey.item(itemID) else { return [] }
        return responses.map { row in
            if case .text = item.kind { return row.comments.first { $0.item == itemID }?.text ?? "-" }
            return row.answers.withUnsafeBytes { bytes in
                if AnswerLayout.isMissing(bytes, slot) { return "-" }
                switch item.kind {
                case .choice(let options):
                    return AnswerLayout.number(bytes, slot).map { options[Int($0)].id } ?? "-"
                case .multi(let options):
                    return (AnswerLayout.chosenOptions(bytes, slot) ?? []).map { options[$0].id }.joined(separator: "+")
                default:
                    return AnswerLayout.number(bytes, slot).map { ItemDecoder.format($0) } ?? "-"
                }
            }
        }
    }

    /// Every rejected row's messages, as `line:column: message` without the file.
    var rejectionMessages: [String] {
        rejected.flatMap { $0.map { ($0.location.map { "\($0.line):\($0.column): " } ?? "") + $0.message.description } }
    }
}

/// Reads a whole export (CSV or XLSX bytes) against a survey.
func readExport(_ data: Data, survey: Survey, file: String = "export.csv",
                settings: ImportSettings = ImportSettings(organisation: "Acme")) throws -> ReadExport {
    let reader = try ResponseReader(file: file, data: data, survey: survey, settings: settings)
    var result = ReadExport(reader: reader, survey: survey)
    var row = ResponseRow()
    while true {
        switch try reader.next(into: &row) {
        case .response: result.responses.append(row)
        case .rejected(let diagnostics, _): result.rejected.append(diagnostics)
        case .end: return result
        }
    }
}

func readExport(_ text: String, survey: Survey, file: String = "export.csv",
                settings: ImportSettings = ImportSettings(organisation: "Acme")) throws -> ReadExport {
    try readExport(Data(text.utf8), survey: survey, file: file, settings: settings)
}

/// A small survey with every item kind, whose texts the platform fixtures use as headers.
enum PlatformSurvey {
    static let yaml = """
    id: platform_pilot
    version: 1
    title: Platform pilot
    scales:
      agree5:
        labels:
          1: Strongly disagree
          2: Disagree
          3: [Neither agree nor disagree, Neutral]
          4: Agree
          5: Strongly agree
        favorable: [4, 5]
        neutral: [3]
        unfavorable: [1, 2]
    dimensions:
      - id: practice
        title: Practice
        items:
          - id: weekly_contact
            text: My team talks to users every week.
            aliases: [Q1]
          - id: ship
            kind: choice
            text: How often do you ship?
            aliases: [Q2]
            options:
              - {id: never, label: Never}
              - {id: monthly, label: Monthly}
              - {id: weekly, label: Weekly}
          - id: tools
            kind: multi
            text: Which tools do you use?
            options:
              - {id: jira, label: Jira}
              - {id: miro, label: Miro}
              - {id: figma, label: "Figma, FigJam"}
              - {id: other, label: Other, aliases: ["Other (please specify)"]}
              - {id: none, label: None, exclusive: true}
          - id: metric
            text: I can name our metric
          - id: customers
            text: I know our customers
          - id: hours
            kind: numeric
            text: Hours a week in meetings
            unit: hours
            min: 0
            max: 60
          - id: comment
            kind: text
            text: Anything else?
    attributes:
      team: {aliases: [Team, Which team are you in?]}
    bands:
      - {name: Initial, from: 1}
      - {name: Leading, from: 4}
    """

    static func load() throws -> Survey {
        try loadSurvey(yaml: yaml, file: "platform.yaml")
    }
}
