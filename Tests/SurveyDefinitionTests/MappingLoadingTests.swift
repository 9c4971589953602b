import SurveyCore
import SurveyDefinition
import SurveyTestSupport
import Testing

struct MappingLoadingTests {
    @Test func readsEveryKindOfEntry() throws {
        let mapping = try loadMapping(yaml: SurveyFixtures.pilotMappingYAML, file: "m.yaml", surveys: [SurveyFixtures.minimal()])
        #expect(mapping.surveyID == "pilot")
        #expect(mapping.surveyVersion == 1)
        #expect(mapping.format == nil)
        #expect(mapping.notAsked == ["interviews", "remarks"])
        #expect(mapping.columns.map(\.header) == ["Metric?", "Problem", "Contact", "Training [Certification]", "Training [Research]",
                                                  "Meetings", "Division", "Response ID", "ipaddr"])
        #expect(mapping.columns[0].target == .item(id: "metric", option: nil))
        #expect(mapping.columns[0].answers == [.init(text: "Yes", value: .point(5)), .init(text: "No", value: .point(1))])
        #expect(mapping.columns[0].location == SourceLocation(file: "m.yaml", line: 4, column: 13))
        #expect(mapping.columns[2].answers == [.init(text: "Weekly", value: .option("week")), .init(text: "Nope", value: .missing)])
        #expect(mapping.columns[3].target == .item(id: "training", option: "certification"))
        #expect(mapping.columns[6].target == .attribute(.division))
        #expect(mapping.columns[6].values == [.init(text: "Retail Banking", value: "retail")])
        #expect(mapping.columns[7].target == .field(.responseID))
        #expect(mapping.columns[8].target == .ignore)
    }

    @Test(arguments: [
        // Structure.
        ("columns:", "colums:", ["m.yaml:1:1: error: missing required key 'columns' in mapping",
                                 "m.yaml:3:1: error: unknown key 'colums' in mapping (did you mean 'columns'?)"]),
        ("mapping: 1", "mapping: 2", ["m.yaml:1:10: error: unsupported mapping format 2 (expected 1)"]),
        ("survey: pilot", "survey: pilott", ["m.yaml:2:9: error: unknown survey 'pilott' (did you mean 'pilot'?)"]),
        ("survey: pilot", "survey: pilot\nsurvey_version: 3", ["m.yaml:2:9: error: survey 'pilot' has no version 3 (versions: 1)"]),
        ("    item: no_problem", "    itme: no_problem", [
            "m.yaml:3:1: error: item 'no_problem' has no column; map it to a column or list it under not_asked",
            "m.yaml:9:5: error: column 'Problem' needs one of item, attribute, field or ignore",
            "m.yaml:10:5: error: unknown key 'itme' in column entry (did you mean 'item'?)"]),
        ("    item: no_problem", "    item: no_problem\n    attribute: team", [
            "m.yaml:11:5: error: column 'Problem' has both item and attribute (expected one of item, attribute, field or ignore)"]),
        ("    ignore: true", "    ignore: false", ["m.yaml:28:13: error: 'ignore' must be true (to read the column, give item, attribute or field instead)"]),
        ("    field: response_id", "    field: response_id\n    option: x", ["m.yaml:27:5: error: 'option' goes with 'item', not 'field'"]),
        // Items and options.
        ("    item: metric", "    item: metrc", [
            "m.yaml:3:1: error: item 'metric' has no column; map it to a column or list it under not_asked",
            "m.yaml:5:11: error: unknown item 'metrc' in survey pilot@1 (did you mean 'metric'?)"]),
        ("    option: research", "    option: reserch", ["m.yaml:19:13: error: unknown option 'reserch' of item 'training' (did you mean 'research'?)"]),
        ("    item: contact", "    item: contact\n    option: week", ["m.yaml:13:13: error: 'option' needs a multi item, and 'contact' is a choice item"]),
        ("    item: meetings", "    item: meetings\n    answers: {\"Lots\": 40}", [
            "m.yaml:22:5: error: 'answers' needs an agreement, choice or multi item, and 'meetings' is a numeric item"]),
        ("      \"Yes\": 5", "      \"Yes\": 7", ["m.yaml:7:14: error: '7' is not a point of scale 'agree5' (expected 1–5 or missing)"]),
        ("\"Weekly\": week", "\"Weekly\": weekly", ["m.yaml:13:25: error: 'weekly' is not an option of item 'contact' (expected never, quarter, week or missing)"]),
        ("      \"No\": 1", "      \"No\": 1\n      \"yes \": 4", ["m.yaml:9:7: error: label 'yes ' is mapped twice (first as 'Yes' at line 7)"]),
        ("{\"Retail Banking\": retail}", "{\"Retail Banking\": retail, \"retail banking\": shop}", [
            "m.yaml:24:40: error: value 'retail banking' is mapped twice (first as 'Retail Banking' at line 24)"]),
        ("    option: research", "    option: research\n    answers: {\"x\": research}", [
            "m.yaml:20:5: error: 'answers' does not apply to an option column (a cell is chosen unless blank, N, No, 0, false or Not selected)"]),
        // Twice.
        ("  - column: \"Meetings\"", "  - column: \"Contact\"", [
            "m.yaml:20:13: error: column 'Contact' is listed twice (first at line 11)"]),
        ("    item: meetings", "    item: contact", [
            "m.yaml:3:1: error: item 'meetings' has no column; map it to a column or list it under not_asked",
            "m.yaml:21:11: error: item 'contact' is already mapped by column 'Contact' (line 12)"]),
        ("    option: research", "    option: certification", [
            "m.yaml:19:13: error: option 'certification' of item 'training' is already mapped by column 'Training [Certification]' (line 15)"]),
        ("    item: meetings", "    item: training", [
            "m.yaml:3:1: error: item 'meetings' has no column; map it to a column or list it under not_asked",
            "m.yaml:21:11: error: item 'training' is already mapped by option columns (line 15)"]),
        ("    field: response_id", "    attribute: division", ["m.yaml:26:16: error: attribute 'division' is already mapped by column 'Division' (line 23)"]),
        ("    attribute: division", "    attribute: divison", ["m.yaml:23:16: error: unknown attribute 'divison' (did you mean 'division'?)"]),
        ("    field: response_id", "    field: respondent", ["m.yaml:26:12: error: unknown field 'respondent' (expected one of response_id, submitted_at, wave, finished)"]),
        // not_asked.
        ("not_asked: [interviews, remarks]", "not_asked: [interviews]", [
            "m.yaml:3:1: error: item 'remarks' has no column; map it to a column or list it under not_asked"]),
        ("not_asked: [interviews, remarks]", "not_asked: [interviews, remarks, remark]", [
            "m.yaml:29:34: error: unknown item 'remark' in not_asked (did you mean 'remarks'?)"]),
        ("not_asked: [interviews, remarks]", "not_asked: [interviews, remarks, metric]", [
            "m.yaml:29:34: error: item 'metric' is listed under not_asked but column 'Metric?' (line 5) maps it"]),
    ])
    func reportsMistakesWordForWord(_ original: String, _ replacement: String, _ expected: [String]) throws {
        let yaml = SurveyFixtures.pilotMappingYAML.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != SurveyFixtures.pilotMappingYAML)
        let error = #expect(throws: DiagnosticList.self) {
            try loadMapping(yaml: yaml, file: "m.yaml", surveys: [SurveyFixtures.minimal()])
        }
        #expect(error?.diagnostics.map(\.description) == expected)
    }

    @Test func aMappingForAnotherSurveyNamesTheOnesItKnows() throws {
        let other = try SurveyFixtures.minimal()
        var renamed = other
        renamed.id = "onboarding"
        let error = #expect(throws: DiagnosticList.self) {
            try loadMapping(yaml: SurveyFixtures.pilotMappingYAML.replacingOccurrences(of: "survey: pilot", with: "survey: pom"), file: "m.yaml",
                            surveys: [other, renamed])
        }
        #expect(error?.diagnostics.map(\.description) == ["m.yaml:2:9: error: unknown survey 'pom' (expected one of onboarding, pilot)"])
    }

    @Test func theNewestVersionIsTakenWhenNoneIsNamed() throws {
        let first = try SurveyFixtures.minimal()
        var second = first
        second.version = 2
        let mapping = try loadMapping(yaml: SurveyFixtures.pilotMappingYAML, file: "m.yaml", surveys: [second, first])
        #expect(mapping.surveyVersion == 2)
        let pinned = try loadMapping(yaml: SurveyFixtures.pilotMappingYAML.replacingOccurrences(of: "survey: pilot", with: "survey: pilot\nsurvey_version: 1"),
                                     file: "m.yaml", surveys: [second, first])
        #expect(pinned.surveyVersion == 1)
    }
}

struct MappingWritingTests {
    /// The parts of a column a file carries (not where it was read).
    static func contents(_ mapping: ExportMapping) -> [String] {
        mapping.columns.map { "\($0.header)|\($0.target)|\($0.answers)|\($0.values)" } + ["not_asked: \(mapping.notAsked)"]
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let survey = try SurveyFixtures.minimal()
        let original = try loadMapping(yaml: SurveyFixtures.pilotMappingYAML, file: "m.yaml", surveys: [survey])
        var tricky = original
        tricky.columns[0].header = "Q1: \"Metric\" # \\ näive\ttab\nline"
        tricky.columns[0].answers.append(.init(text: "maybe", value: .missing))
        tricky.columns[6].values.append(.init(text: "yes", value: "no"))
        tricky.format = "google-forms"
        var comments = MappingComments()
        comments.header = ["drafted\nfor a test"]
        comments.columns = [0: "fuzzy 0.81", 3: "exact"]
        comments.answers = [0: ["maybe": "no answer"]]
        comments.unmappedAnswers = [2: [("Zzz", "nothing fits")]]
        comments.unmappedColumns = ("left over:", ["Favourite colour"])
        comments.notAsked = "not in this export"
        let yaml = mappingYAML(tricky, comments: comments)
        let read = try loadMapping(yaml: yaml, file: "w.yaml", surveys: [survey])
        #expect(Self.contents(read) == Self.contents(tricky))
        #expect(read.format == "google-forms")
        #expect(yaml.hasPrefix("# drafted for a test\nmapping: 1\nsurvey: pilot\nsurvey_version: 1\nformat: google-forms\ncolumns:\n"))
        #expect(yaml.contains("""
              - column: "Q1: \\"Metric\\" # \\\\ näive\\ttab\\nline"
                item: metric  # fuzzy 0.81
                answers:
                  "Yes": 5
                  "No": 1
                  "maybe": missing  # no answer
            """))
        #expect(yaml.contains("      # \"Zzz\": ?  # nothing fits\n"))
        #expect(yaml.hasSuffix("  # left over:\n  # - column: \"Favourite colour\"\n  #   item: ?\n# not in this export\nnot_asked: [interviews, remarks]\n"))
    }
}
