import Foundation
import SurveyCore
import SurveyDefinition
import Testing
@testable import SurveyCollector

/// A row's organisation, division, team, role and tenure.
struct RowAttributesTests {
    func read(_ csv: String, settings: ImportSettings = ImportSettings(),
              mapping: ExportMapping? = nil) throws -> (rows: [ResponseRow], problems: [String]) {
        let export = try PlannedExport(csv, survey: PartsSurvey.load(), mapping: mapping)
        var attributes = RowAttributes(plan: export.plan, survey: export.survey, settings: settings)
        var rows: [ResponseRow] = []
        var messages: [String] = []
        for record in try export.records() {
            var row = ResponseRow()
            var problems = export.problems()
            attributes.read(record, into: &row, problems: &problems)
            rows.append(row)
            messages += problems.messages
        }
        return (rows, messages)
    }

    @Test func readsAttributeCellsTrimmed() throws {
        let read = try read("organisation,division,team,tenure\n Acme , Ops ,Blue,2 years\n")
        #expect(read.problems == [])
        #expect(read.rows.map { [$0.organisation, $0.division, $0.team, $0.tenure] } == [["Acme", "Ops", "Blue", "2 years"]])
    }

    @Test func blankOrganisationAndDivisionComeFromTheSettings() throws {
        let read = try read("organisation,division,team\n,,Blue\nGlobex,Sales,Red\n",
                            settings: ImportSettings(organisation: "Acme", division: "Ops"))
        #expect(read.problems == [])
        #expect(read.rows.map { [$0.organisation, $0.division] } == [["Acme", "Ops"], ["Globex", "Sales"]])
    }

    @Test func rejectsAnEmptyOrganisationWithoutOrg() throws {
        let read = try read("id,organisation\n1,\n")
        #expect(read.problems == ["2:3: column 'organisation': the organisation is empty (expected a name, or give the organisation setting (NAME))"])
    }

    @Test(arguments: ["product_owner", "Product Owner", " po "])
    func readsARoleByIdNameOrSurveySpelling(_ cell: String) throws {
        let read = try read("organisation,role\nAcme,\(cell)\n")
        #expect(read.problems == [])
        #expect(read.rows.map(\.role) == [.productOwner])
    }

    @Test func rejectsAnUnknownRoleAndLeavesABlankOneUnknown() throws {
        let read = try read("organisation,role\nAcme,Chef\nAcme,\nAcme,Chef\n")
        let expected = "'Chef' is not a known role (expected \(Role.allCases.map(\.displayName).joined(separator: ", ")) or a spelling the survey declares)"
        #expect(read.problems == ["2:6: column 'role': " + expected, "4:6: column 'role': " + expected])
        #expect(read.rows.map(\.role) == [nil, nil, nil])
    }

    @Test func renamesValuesAsTheMappingSays() throws {
        let survey = try PartsSurvey.load()
        let mapping = try loadMapping(yaml: """
            mapping: 1
            survey: parts
            not_asked: [interviews, tools, comment]
            columns:
              - {column: "clear", item: clear}
              - {column: "Unit", attribute: organisation, values: {"A1": Acme}}

            """, file: "m.yaml", surveys: [survey])
        let read = try read("Unit,clear\na1 ,4\nA2,4\n", mapping: mapping)
        #expect(read.rows.map(\.organisation) == ["Acme", "A2"])
    }

    @Test func headerWithoutOrganisationNeedsOrg() throws {
        let plan = try PlannedExport("id,team\n", survey: PartsSurvey.load()).plan
        let survey = try PartsSurvey.load()
        #expect(RowAttributes.headerProblem(plan: plan, settings: ImportSettings(), survey: survey, file: "e.csv")?.description
                == "e.csv:1:1: error: the export has no organisation column (expected a column named 'organisation'); give the organisation setting (NAME)")
        let settings = ImportSettings(organisation: "Acme", division: "Ops")
        #expect(RowAttributes.headerProblem(plan: plan, settings: settings, survey: survey, file: "e.csv") == nil)
        #expect(RowAttributes.headerNote(plan: plan, settings: settings)
                == "no organisation column: every response is filed under 'Acme', division 'Ops' (\(Parameter.organisation))")
    }
}
