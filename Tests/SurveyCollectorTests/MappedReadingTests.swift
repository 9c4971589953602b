import Foundation
import SurveyCore
import SurveyDefinition
import Testing
@testable import SurveyCollector

/// The collector reading an export through a mapping: option columns, answers, values, fallbacks.
struct MappedReadingTests {
    static let survey = RealExportTests.survey("tools", items: """
              - id: clear
                text: The goal is clear.
              - id: tools
                kind: multi
                text: Which tools do you use?
                options: [{id: jira, label: Jira}, {id: miro, label: Miro}, {id: "no", label: "No"}]
        """)

    static let mapping = """
        mapping: 1
        survey: tools
        columns:
          - {column: "G1", item: clear, answers: {"A1": 1, "A5": 5, "A6": missing}}
          - {column: "G2[SQ1]", item: tools, option: jira}
          - {column: "G2[SQ2]", item: tools, option: miro}
          - {column: "G2[SQ3]", item: tools, option: "no"}
          - {column: "Unit", attribute: organisation, values: {"A1": Acme, "A2": Globex}}

        """

    func read(_ csv: String) throws -> ReadExport {
        let survey = try loadSurvey(yaml: Self.survey, file: "tools.yaml")
        let mapping = try loadMapping(yaml: Self.mapping, file: "m.yaml", surveys: [survey])
        return try readExport(csv, survey: survey, settings: ImportSettings(wave: "2026-Q1", mapping: mapping))
    }

    @Test func optionColumnsReadTicksAndUnticks() throws {
        let export = try read("""
            id,Unit,G1,G2[SQ1],G2[SQ2],G2[SQ3]
            1,A1,A5,Y,N,No
            2,A2,A1,0,false,
            3,A1,A6,Not selected,Yes,N
            4,Acme,Agree,,,

            """)
        #expect(export.rejectionMessages == [])
        #expect(export.answers("clear") == ["5", "1", "-", "4"])
        // N, No, 0, false and Not selected are unticked, except that "No" in the column of the
        // option called "No" names it; a response with nothing ticked has no answer.
        #expect(export.answers("tools") == ["jira+no", "-", "miro", "-"])
        #expect(export.responses.map(\.organisation) == ["Acme", "Globex", "Acme", "Acme"])
        #expect(export.responses.map(\.responseKey) == ["1", "2", "3", "4"])
    }

    @Test func everyExactHeadingIsMatchedBeforeAnyLooseOne() throws {
        let survey = try loadSurvey(yaml: Self.survey, file: "tools.yaml")
        // "Clear" is nowhere exactly; read loosely in file order it would take "clear", which the
        // next entry names exactly.
        let mapping = try loadMapping(yaml: """
            mapping: 1
            survey: tools
            columns:
              - {column: "Clear", item: clear, answers: {"A5": 5}}
              - {column: "clear", ignore: true}
            not_asked: [tools]

            """, file: "m.yaml", surveys: [survey])
        let export = try readExport("""
            id,clear,CLEAR
            1,leftover,A5

            """, survey: survey, settings: ImportSettings(wave: "2026-Q1", organisation: "Acme", mapping: mapping))
        #expect(export.rejectionMessages == [])
        #expect(export.answers("clear") == ["5"])
    }

    @Test func aTextNeitherTheMappingNorTheScaleReadsIsAnError() throws {
        let export = try read("""
            id,Unit,G1,G2[SQ1],G2[SQ2],G2[SQ3]
            1,A1,A7,,,

            """)
        #expect(export.rejectionMessages == [
            "2:6: column 'G1': 'A7' is not on the scale (expected 1–5 or Strongly disagree, Disagree, Neutral, Agree, Strongly agree)",
        ])
    }
}
