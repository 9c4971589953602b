import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// `opmodel survey from-lss`: a LimeSurvey structure drafted into a survey definition and a mapping.
struct LimeSurveyDraftTests {
    let directory: URL
    let lss: String

    init() throws {
        directory = try SurveyFixtures.makeTemporaryDirectory()
        lss = try PlatformFixtures.limeSurvey("acme.lss").path
    }

    func write(headings: LimeSurveyHeadings = .code, id: String? = "acme") throws -> (draft: LimeSurveyDraft, surveyPath: String, mappingPath: String) {
        try writeLimeSurveyDraft(lssPath: lss, surveyID: id, headings: headings, surveyPath: nil, mappingPath: nil,
                                 outputDirectory: directory.appendingPathComponent("Surveys").path, overwrite: false)
    }

    @Test func theDraftValidatesAsWritten() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let result = try write()
        #expect(result.surveyPath.hasSuffix("Surveys/acme.yaml"))
        #expect(result.mappingPath.hasSuffix("Surveys/acme.mapping.yaml"))
        let check = try #require(validateSurveyFiles([result.surveyPath]).first)
        #expect(check.diagnostics.map(\.description) == [])
        let survey = try #require(check.survey)
        #expect(survey.reference == "acme@1")
        #expect(survey.title == "Acme product pulse")
        #expect(survey.dimensions.map(\.id) == ["strategy_planning", "discovery_customer_contact"])
        #expect(survey.dimensions.map(\.scale) == ["g01q01_scale", "five_point"])
        #expect(survey.items.map(\.id) == ["g01q01_sq001", "g01q01_sq002", "g01q01_sq003", "g01q02", "g01q03",
                                           "g02q04", "g02q05_sq001", "g02q05_sq002", "g02q06", "g02q07", "g02q08"])
        #expect(survey.items.map(\.kind.name) == ["agreement", "agreement", "agreement", "choice", "numeric",
                                                 "multi", "agreement", "agreement", "agreement", "choice", "text"])
        #expect(survey.items[0].text == "Our product goals were written as outcomes, not features.")
        // The array's scale: assessment values as points, "Don't know" as a missing token.
        let scale = try #require(survey.scale("g01q01_scale"))
        #expect(scale.points.map(\.value) == [1, 2, 3, 4, 5])
        #expect(scale.points.map { $0.labels[0] } == ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"])
        #expect(scale.missing == ["Don't know"])
        #expect((scale.favorable, scale.neutral, scale.unfavorable) == ([4, 5], [3], [1, 2]))
        // The list's options carry the assessment values; "Don't know" is the item's missing token.
        let release = try #require(survey.item("g01q02"))
        #expect(release.kind.options.map(\.id) == ["less_than_once_a_month", "about_once_a_month", "weekly_or_more_often"])
        #expect(release.kind.options.map(\.value) == [1, 2, 3])
        #expect(release.missing == ["Don't know"])
        let methods = try #require(survey.item("g02q04"))
        #expect(methods.kind.options.map(\.id) == ["customer_interviews", "usability_tests", "usage_analytics", "none_of_these", "other"])
        #expect(methods.kind.options.map(\.exclusive) == [false, false, false, true, false])
        #expect(survey.item("g01q03")?.kind == .numeric(unit: "number", min: 0, max: 60, integer: false))
        #expect(result.draft.skipped == ["G02Q09 (text display, no answer)"])
        #expect(result.draft.columnCount == 18)
    }

    @Test func theMappingNamesEveryAnswerColumnWithItsAnswerCodes() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let mapping = try String(contentsOfFile: write().mappingPath, encoding: .utf8)
        let lines = mapping.split(separator: "\n").map(String.init)
        #expect(lines.contains("mapping: 1"))
        #expect(lines.contains("survey: acme"))
        #expect(lines.contains("format: limesurvey"))
        let columns = lines.filter { $0.hasPrefix("  - column: ") }.map { String($0.dropFirst("  - column: ".count)) }
        #expect(columns == ["\"id\"", "\"submitdate\"", "\"G01Q01[SQ001]\"", "\"G01Q01[SQ002]\"", "\"G01Q01[SQ003]\"", "\"G01Q02\"",
                            "\"G01Q03\"", "\"G02Q04[SQ001]\"", "\"G02Q04[SQ002]\"", "\"G02Q04[SQ003]\"", "\"G02Q04[SQ004]\"",
                            "\"G02Q04[other]\"", "\"G02Q05[SQ001]\"", "\"G02Q05[SQ002]\"", "\"G02Q06\"", "\"G02Q07\"", "\"G02Q08\"", "\"G02Q09\""])
        #expect(mapping.contains("""
          - column: "G01Q01[SQ002]"
            item: g01q01_sq002
            answers: {"A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5, "A6": missing}
        """))
        #expect(mapping.contains("""
          - column: "G01Q02"
            item: g01q02
            answers: {"R1": "less_than_once_a_month", "R2": "about_once_a_month", "R3": "weekly_or_more_often", "R9": missing}
        """))
        #expect(mapping.contains("""
          - column: "G02Q04[other]"
            item: g02q04
            option: "other"
        """))
        #expect(mapping.hasSuffix("""
          - column: "G02Q09"
            ignore: true
        # Not drafted as items: G02Q09 (text display, no answer)

        """))
        #expect(mapping.contains("""
          - column: "G02Q07"
            item: g02q07
            answers: {"Y": "yes", "N": "no"}
        """))
    }

    @Test func fullHeadingsNameColumnsByQuestionText() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let mapping = try String(contentsOfFile: write(headings: .full).mappingPath, encoding: .utf8)
        #expect(mapping.contains("  - column: \"Response ID\"\n    field: response_id\n"))
        #expect(mapping.contains("  - column: \"How far do you agree with these statements about the last quarter? [My team chose how to reach its goals.]\"\n    item: g01q01_sq002\n"))
        #expect(mapping.contains("  - column: \"Which research methods did you use last quarter? [Other]\"\n    item: g02q04\n    option: \"other\"\n"))
    }

    @Test func keepsExistingFilesUnlessForced() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let first = try write()
        try Data("edited".utf8).write(to: URL(fileURLWithPath: first.surveyPath))
        let error = #expect(throws: DraftError.self) { try write() }
        #expect(error?.description == "'\(first.surveyPath)' already exists; give --force to overwrite it (your edits to it would be lost)")
        #expect(try String(contentsOfFile: first.surveyPath, encoding: .utf8) == "edited")
        try writeLimeSurveyDraft(lssPath: lss, surveyID: "acme", headings: .code, surveyPath: nil, mappingPath: nil,
                                 outputDirectory: directory.appendingPathComponent("Surveys").path, overwrite: true)
        #expect(try String(contentsOfFile: first.surveyPath, encoding: .utf8).hasPrefix("# opmodel survey definition"))
    }

    @Test func derivesTheSurveyIDFromTheTitle() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let result = try write(id: nil)
        #expect(result.draft.surveyID == "acme_product_pulse")
        #expect(result.surveyPath.hasSuffix("acme_product_pulse.yaml"))
    }

    @Test func aMissingFileIsNamed() {
        defer { SurveyFixtures.removeDirectory(directory) }
        let error = #expect(throws: DraftError.self) {
            try writeLimeSurveyDraft(lssPath: "nope.lss", surveyID: nil, headings: .code, surveyPath: nil, mappingPath: nil,
                                     outputDirectory: nil, overwrite: false)
        }
        #expect(error?.description == "cannot read 'nope.lss' (no such file, or not readable)")
    }
}
