import SurveyCore
import SurveyDefinition
import SurveyTestSupport
import Testing

/// Each mistake a survey author can make, and the exact diagnostic it gets.
struct SurveyValidationTests {
    private func diagnostics(replacing old: String, with new: String) throws -> [String] {
        let yaml = SurveyFixtures.minimalYAML.replacingOccurrences(of: old, with: new)
        #expect(yaml != SurveyFixtures.minimalYAML, "the replacement must change the fixture")
        let error = #expect(throws: DiagnosticList.self) { try loadSurvey(yaml: yaml, file: "s.yaml") }
        return error?.diagnostics.map(\.description) ?? []
    }

    @Test(arguments: [
        ("id: interviews", "id: metric",
         "s.yaml:37:13: error: duplicate item id 'metric' (first defined at line 20)"),
        ("share_choosing: contact", "share_choosing: contakt",
         "s.yaml:74:27: error: flag 'order_taker' names unknown item 'contakt' (did you mean 'contact'?)"),
        ("{name: Leading, from: 4}", "{name: Leading, from: 2}",
         "s.yaml:66:27: error: band 'Leading' starts at 2, not above the previous band 'Emerging' (2.5); bands must increase"),
        ("weight: 2", "weight: -1",
         "s.yaml:27:13: error: weight must be positive, got -1"),
        ("  1: Strongly disagree", "  1: [Strongly disagree, agree]",
         "s.yaml:10:10: error: label 'Agree' is mapped to both 1 and 4 in scale 'agree5'"),
        ("favorable: [4, 5]\n", "favorable: []\n",
         "s.yaml:12:16: error: scale 'agree5' has no favorable points"),
        ("share_only: training", "share_favorable: training",
         "s.yaml:77:28: error: share_favorable cannot measure item 'training' of kind multi (expected an agreement item)"),
        ("title: Pilot survey", "titel: Pilot survey",
         "s.yaml:3:1: error: unknown key 'titel' in survey (did you mean 'title'?)"),
        ("        reverse: true", "        reverse: true\n        colour: blue",
         "s.yaml:25:9: error: unknown key 'colour' in item (expected one of id, text, kind, reverse, weight, aliases, roles, scale, options, missing, unit, min, max, integer)"),
        ("roles: [product_owner, product_manager]", "roles: [product_ownr, product_manager]",
         "s.yaml:39:17: error: unknown role 'product_ownr' (did you mean 'product_owner'?)"),
        ("id: pilot\n", "id: pilot\ncarry_over: [metrik]\n",
         "s.yaml:2:14: error: carry_over names unknown item 'metrik' (did you mean 'metric'?)"),
        ("    weight: 2\n", "    weight: 2\n    scale: agree7\n",
         "s.yaml:28:12: error: unknown scale 'agree7' (did you mean 'agree5'?)"),
        ("options: [never]", "options: [nevr]",
         "s.yaml:75:21: error: flag 'order_taker' names unknown option 'nevr' of item 'contact' (did you mean 'never'?)"),
        ("kind: text", "kind: essay",
         "s.yaml:54:15: error: unknown item kind 'essay' (expected agreement, choice, multi, numeric or text)"),
    ])
    func reportsTheMistakeWhereItIs(_ old: String, _ new: String, expected: String) throws {
        let found = try diagnostics(replacing: old, with: new)
        #expect(found.contains(expected), "got \(found)")
    }

    @Test func dimensionWithoutItemsIsAnError() throws {
        let found = try diagnostics(replacing: "dimensions:\n", with: "dimensions:\n  - id: empty\n    title: Empty\n    items: []\n")
        #expect(found == ["s.yaml:19:12: error: dimension 'empty' has no items"])
    }

    @Test func dimensionMixingScalesIsAnError() throws {
        let secondScale = """
        scales:
          freq5:
            labels: {1: Never, 2: Rarely, 3: Sometimes, 4: Often, 5: Always}
            favorable: [4, 5]
            unfavorable: [1, 2, 3]
        """
        let yaml = SurveyFixtures.minimalYAML
            .replacingOccurrences(of: "scales:\n", with: secondScale.replacingOccurrences(of: "scales:\n", with: "scales:\n") + "\n")
            .replacingOccurrences(of: "        reverse: true", with: "        reverse: true\n        scale: freq5")
            .replacingOccurrences(of: "    title: Strategy\n", with: "    title: Strategy\n    scale: agree5\n")
            .replacingOccurrences(of: "    title: Discovery\n", with: "    title: Discovery\n    scale: agree5\n")
        let error = #expect(throws: DiagnosticList.self) { try loadSurvey(yaml: yaml, file: "s.yaml") }
        #expect(error?.diagnostics.map(\.description) == [
            "s.yaml:30:16: error: item 'no_problem' uses scale 'freq5' but dimension 'strategy' uses 'agree5'; all agreement items of a dimension share one scale",
        ])
    }

    @Test func reportsEveryProblemOfAFileInOneRun() throws {
        let yaml = SurveyFixtures.minimalYAML
            .replacingOccurrences(of: "id: interviews", with: "id: metric")
            .replacingOccurrences(of: "share_choosing: contact", with: "share_choosing: contakt")
        let error = #expect(throws: DiagnosticList.self) { try loadSurvey(yaml: yaml, file: "copy.yaml") }
        #expect(error?.diagnostics.map(\.description) == [
            "copy.yaml:37:13: error: duplicate item id 'metric' (first defined at line 20)",
            "copy.yaml:74:27: error: flag 'order_taker' names unknown item 'contakt' (did you mean 'contact'?)",
        ])
    }

    @Test func yamlSyntaxErrorsCarryTheirPosition() throws {
        let error = #expect(throws: DiagnosticList.self) { try loadSurvey(yaml: "id: x\ntitle: [unclosed\n", file: "bad.yaml") }
        let first = try #require(error?.diagnostics.first)
        #expect(first.location?.file == "bad.yaml")
        #expect(first.message.description.hasPrefix("invalid YAML"))
    }

    @Test func emptyFileIsAnError() {
        let error = #expect(throws: DiagnosticList.self) { try loadSurvey(yaml: "", file: "empty.yaml") }
        #expect(error?.diagnostics.map(\.description) == ["empty.yaml:1:1: error: the file is empty (expected a survey definition)"])
    }
}
