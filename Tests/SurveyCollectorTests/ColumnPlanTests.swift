import Foundation
import SurveyCore
import SurveyDefinition
import Testing
@testable import SurveyCollector

/// The header phase's column plan: which column each row part reads.
struct ColumnPlanTests {
    @Test func findsEachRoleColumnByName() throws {
        let export = try PlannedExport("id,organisation,division,team,role,tenure,submitted_at,wave,The goal is clear.,Anything else?\n",
                                       survey: PartsSurvey.load())
        let plan = export.plan
        #expect(plan.responseID == 0)
        #expect([plan.organisation, plan.division, plan.team, plan.role, plan.tenure] == [1, 2, 3, 4, 5])
        #expect(plan.submitted == 6)
        #expect(plan.wave == 7)
        #expect(plan.items.map { "\($0.column):\($0.itemIndex)" } == ["8:0", "9:3"])
        #expect(plan.optionColumns.isEmpty)
        #expect(plan.finished == nil)
    }

    @Test func leavesColumnsTheExportLacksEmpty() throws {
        let plan = try PlannedExport("organisation,The goal is clear.\n", survey: PartsSurvey.load()).plan
        #expect(plan.organisation == 0)
        #expect([plan.responseID, plan.division, plan.team, plan.role, plan.tenure, plan.submitted, plan.wave] == Array(repeating: nil, count: 7))
    }

    @Test func groupsOptionColumnsByItemInColumnOrder() throws {
        let survey = try PartsSurvey.load()
        let mapping = try loadMapping(yaml: """
            mapping: 1
            survey: parts
            not_asked: [interviews, comment]
            columns:
              - {column: "clear", item: clear}
              - {column: "T2", item: tools, option: "no"}
              - {column: "T1", item: tools, option: jira}
              - {column: "T3", item: tools, option: none}

            """, file: "m.yaml", surveys: [survey])
        let plan = try PlannedExport("organisation,T1,T2,clear,T3\n", survey: survey, mapping: mapping).plan
        #expect(plan.optionColumns.map { item in "\(item.itemIndex): " + item.columns.map { "\($0.column)=\($0.option)" }.joined(separator: " ") }
                == ["2: 1=0 2=1 4=2"])
        #expect(plan.items.map(\.column) == [3])
    }

    @Test func onlyLimeSurveyMarksUnfinishedByABlankSubmission() throws {
        let csv = "id,submitdate,organisation,clear\n"
        let lime = try PlannedExport(csv, survey: PartsSurvey.load(), format: .limeSurvey).plan
        let generic = try PlannedExport(csv, survey: PartsSurvey.load(), format: .generic).plan
        #expect(lime.submitted == 1)
        #expect(lime.submittedWhenFinished == 1)
        #expect(generic.submitted == 1)
        #expect(generic.submittedWhenFinished == nil)
    }

    @Test func listsPersonalDataColumns() throws {
        let plan = try PlannedExport("organisation,Email,clear,IP Address\n", survey: PartsSurvey.load()).plan
        #expect(plan.personal == [1, 3])
    }

    @Test func itemWordingsAreTheFirstHeaderOfEachItemInSurveyOrder() throws {
        let export = try PlannedExport("organisation,Anything else?,The goal is clear.\n", survey: PartsSurvey.load())
        let wordings = export.plan.itemWordings(layout: export.layout, survey: export.survey, file: "export.csv",
                                                headerLine: export.reader.headerRecord)
        #expect(wordings.map { "\($0.item) \($0.location): \($0.text)" }
                == ["clear export.csv:1:29: The goal is clear.", "comment export.csv:1:14: Anything else?"])
    }
}
