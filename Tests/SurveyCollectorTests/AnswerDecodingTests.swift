import Foundation
import SurveyCore
import SurveyDefinition
import Testing
@testable import SurveyCollector

/// A row's answer cells, checked and packed.
struct AnswerDecodingTests {
    static let toolsMapping = """
        mapping: 1
        survey: parts
        not_asked: [comment]
        columns:
          - {column: "clear", item: clear}
          - {column: "interviews", item: interviews}
          - {column: "Jira", item: tools, option: jira}
          - {column: "No", item: tools, option: "no"}
          - {column: "None", item: tools, option: none}

        """

    /// Reads every row; `answers` are per row, per item: a number, option ids joined by `+`,
    /// `-` for missing, `n/a` for not applicable.
    func read(_ csv: String, role: Role? = nil, mapping: String? = nil)
        throws -> (answers: [[String]], comments: [[String]], problems: [String]) {
        let survey = try PartsSurvey.load()
        let mapping = try mapping.map { try loadMapping(yaml: $0, file: "m.yaml", surveys: [survey]) }
        let export = try PlannedExport(csv, survey: survey, mapping: mapping)
        let layout = AnswerLayout(survey: survey)
        var decoding = AnswerDecoding(plan: export.plan, survey: survey, layout: layout, positionalOptions: false)
        var result: (answers: [[String]], comments: [[String]], problems: [String]) = ([], [], [])
        for record in try export.records() {
            var row = ResponseRow()
            row.role = role
            var problems = export.problems()
            decoding.read(record, into: &row, problems: &problems)
            result.problems += problems.messages
            result.comments.append(row.comments.map { "\($0.item): \($0.text)" })
            result.answers.append(row.answers.withUnsafeBytes { bytes in
                layout.slots.filter { $0.width > 0 }.map { slot in
                    if AnswerLayout.isNotApplicable(bytes, slot) { return "n/a" }
                    if AnswerLayout.isMissing(bytes, slot) { return "-" }
                    if case .multi = slot.kind {
                        return (AnswerLayout.chosenOptions(bytes, slot) ?? []).map { String($0) }.joined(separator: "+")
                    }
                    return AnswerLayout.number(bytes, slot).map { ItemDecoder.format($0) } ?? "-"
                }
            })
        }
        return result
    }

    @Test func packsScaleAnswersAndKeepsTextAsComments() throws {
        let read = try read("organisation,The goal is clear.,Anything else?\nAcme,Agree, more please \nAcme,,\n")
        #expect(read.problems == [])
        #expect(read.answers == [["4", "-", "-"], ["-", "-", "-"]])
        #expect(read.comments == [["comment: more please"], []])
    }

    @Test func itemsNotAskedOfTheRoleAreNotApplicableAndUnread() throws {
        let csv = "organisation,The goal is clear.,I interviewed a user.\nAcme,Agree,seven\n"
        let engineer = try read(csv, role: .engineering)
        #expect(engineer.problems == [])
        #expect(engineer.answers == [["4", "n/a", "-"]])
        let owner = try read(csv, role: .productOwner)
        #expect(owner.problems.count == 1)
        #expect(owner.problems.first?.hasPrefix("2:12: column 'I interviewed a user.': 'seven' is not on the scale") == true)
    }

    @Test func optionColumnsTickAndUntick() throws {
        let read = try read("organisation,clear,interviews,Jira,No,None\nAcme,4,4,Y,No,\nAcme,4,4,N,0,\nAcme,4,4,,,x\n",
                            mapping: Self.toolsMapping)
        #expect(read.problems == [])
        // "No" in the column of the option called "No" ticks it; "N" and "0" untick.
        #expect(read.answers.map { $0[2] } == ["0+1", "-", "2"])
    }

    @Test func rejectsAnExclusiveOptionTickedWithOthers() throws {
        let read = try read("organisation,clear,interviews,Jira,No,None\nAcme,4,4,Y,,Y\n", mapping: Self.toolsMapping)
        #expect(read.problems == ["2:13: column 'None': 'Y' is ticked with other options (expected it alone)"])
    }

    @Test(arguments: [
        ("N", [], true), ("n", [], true), ("0", [], true), ("Y", [], false), ("1", [], false),
        ("Not selected", [], true), ("FALSE", [], true), ("false", [], true), ("N/A", [], true),
        ("No", ["no"], false), ("n", ["n"], false), ("Jira", [], false),
    ] as [(String, Set<String>, Bool)])
    func tellsCellsThatSayNotChosen(_ cell: String, ownWords: Set<String>, notChosen: Bool) {
        var cell = cell
        let result = cell.withUTF8 { AnswerDecoding.isNotChosen(UnsafeRawBufferPointer($0), except: ownWords) }
        #expect(result == notChosen)
    }
}
