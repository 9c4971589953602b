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

    @Test func repeatedFullHeadingsAreRefusedBeforeAnythingIsWritten() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        // Two questions asked in the same words export two columns with one full-text heading.
        let text = try String(contentsOfFile: lss, encoding: .utf8).replacingOccurrences(
            of: "<![CDATA[What would help your team learn from customers more often?]]>",
            with: "<![CDATA[How often did your team release to users last quarter?]]>")
        let copy = directory.appendingPathComponent("same-words.lss").path
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("Surveys").path
        let error = #expect(throws: UserError.self) {
            try writeLimeSurveyDraft(lssPath: copy, surveyID: "acme", headings: .full, surveyPath: nil, mappingPath: nil,
                                     outputDirectory: out, overwrite: false)
        }
        #expect(error?.message == "several columns of the export would share the heading 'How often did your team release to users last quarter?', so a mapping cannot tell them apart; draft with \(Parameter.headings, "code") and export with question-code headings")
        #expect(!FileManager.default.fileExists(atPath: out))
        // Code headings tell them apart.
        _ = try writeLimeSurveyDraft(lssPath: copy, surveyID: "acme", headings: .code, surveyPath: nil, mappingPath: nil,
                                     outputDirectory: out, overwrite: false)
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
            answers:
              "A1": 1
              "A2": 2
              "A3": 3
              "A4": 4
              "A5": 5
              "A6": missing
        """))
        #expect(mapping.contains("""
          - column: "G01Q02"
            item: g01q02
            answers:
              "R1": less_than_once_a_month
              "R2": about_once_a_month
              "R3": weekly_or_more_often
              "R9": missing
        """))
        #expect(mapping.contains("""
          - column: "G02Q04[other]"
            item: g02q04
            option: other
        """))
        #expect(mapping.hasSuffix("""
          - column: "G02Q09"
            ignore: true
        not_asked: []

        """))
        #expect(lines.contains("# Not drafted as items: G02Q09 (text display, no answer)"))
        #expect(mapping.contains("""
          - column: "G02Q07"
            item: g02q07
            answers:
              "Y": "yes"
              "N": "no"
        """))
    }

    @Test func fullHeadingsNameColumnsByQuestionText() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let mapping = try String(contentsOfFile: write(headings: .full).mappingPath, encoding: .utf8)
        #expect(mapping.contains("  - column: \"Response ID\"\n    field: response_id\n"))
        #expect(mapping.contains("  - column: \"How far do you agree with these statements about the last quarter? [My team chose how to reach its goals.]\"\n    item: g01q01_sq002\n"))
        #expect(mapping.contains("  - column: \"Which research methods did you use last quarter? [Other]\"\n    item: g02q04\n    option: other\n"))
    }

    @Test func keepsExistingFilesUnlessForced() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let first = try write()
        try Data("edited".utf8).write(to: URL(fileURLWithPath: first.surveyPath))
        let error = #expect(throws: UserError.self) { try write() }
        #expect(error?.message == "'\(first.surveyPath)' already exists; give \(Parameter.force) to overwrite it (your edits to it would be lost)")
        #expect(error?.code == .fileExists)
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
        let error = #expect(throws: UserError.self) {
            try writeLimeSurveyDraft(lssPath: "nope.lss", surveyID: nil, headings: .code, surveyPath: nil, mappingPath: nil,
                                     outputDirectory: nil, overwrite: false)
        }
        #expect(error?.description == "cannot read 'nope.lss' (no such file, or not readable)")
    }

    /// A LimeSurvey 3.x structure: texts in the rows; answer options without assessment values,
    /// a list with "Other", a numeric question without a range, two arrays on different scales.
    static let version3 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <document>
     <LimeSurveyDocType>Survey</LimeSurveyDocType>
     <DBVersion>359</DBVersion>
     <languages><language>en</language></languages>
     <answers><rows>
      <row><qid>1</qid><code>1</code><answer>Never</answer><sortorder>1</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>1</qid><code>2</code><answer>Sometimes</answer><sortorder>2</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>1</qid><code>3</code><answer>Often</answer><sortorder>3</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>1</qid><code>4</code><answer>Always</answer><sortorder>4</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>2</qid><code>Y1</code><answer>No</answer><sortorder>1</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>2</qid><code>Y2</code><answer>Yes</answer><sortorder>2</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>3</qid><code>T1</code><answer>Jira</answer><sortorder>1</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
      <row><qid>3</qid><code>T2</code><answer>Trello</answer><sortorder>2</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
     </rows></answers>
     <groups><rows><row><gid>7</gid><sid>55</sid><group_name>Ways of working</group_name><group_order>0</group_order><language>en</language></row></rows></groups>
     <questions><rows>
      <row><qid>1</qid><parent_qid>0</parent_qid><gid>7</gid><type>F</type><title>freq</title><question>How often?</question><other>N</other><question_order>1</question_order><language>en</language></row>
      <row><qid>2</qid><parent_qid>0</parent_qid><gid>7</gid><type>F</type><title>agreed</title><question>Did it happen?</question><other>N</other><question_order>2</question_order><language>en</language></row>
      <row><qid>3</qid><parent_qid>0</parent_qid><gid>7</gid><type>L</type><title>tool</title><question>Main tool?</question><other>Y</other><question_order>3</question_order><language>en</language></row>
      <row><qid>4</qid><parent_qid>0</parent_qid><gid>7</gid><type>N</type><title>size</title><question>Team size?</question><other>N</other><question_order>4</question_order><language>en</language></row>
     </rows></questions>
     <subquestions><rows>
      <row><qid>11</qid><parent_qid>1</parent_qid><gid>7</gid><type>T</type><title>a</title><question>We demo to users.</question><question_order>1</question_order><language>en</language><scale_id>0</scale_id></row>
      <row><qid>12</qid><parent_qid>2</parent_qid><gid>7</gid><type>T</type><title>b</title><question>We shipped.</question><question_order>1</question_order><language>en</language><scale_id>0</scale_id></row>
     </rows></subquestions>
     <surveys><rows><row><sid>55</sid><language>en</language></row></rows></surveys>
     <surveys_languagesettings><rows><row><surveyls_survey_id>55</surveyls_survey_id><surveyls_language>en</surveyls_language><surveyls_title>Old pulse</surveyls_title></row></rows></surveys_languagesettings>
    </document>
    """

    @Test func draftsA3xStructureSplittingAGroupWithTwoScales() throws {
        defer { SurveyFixtures.removeDirectory(directory) }
        let path = directory.appendingPathComponent("old.lss").path
        try Data(Self.version3.utf8).write(to: URL(fileURLWithPath: path))
        let result = try writeLimeSurveyDraft(lssPath: path, surveyID: nil, headings: .code, surveyPath: nil, mappingPath: nil,
                                              outputDirectory: directory.path, overwrite: false)
        let check = try #require(validateSurveyFiles([result.surveyPath]).first)
        #expect(check.diagnostics.map(\.description) == [])
        let survey = try #require(check.survey)
        #expect(survey.id == "old_pulse")
        // Options in order (no assessment values) give the points 1, 2, …
        #expect(survey.scale("freq_scale")?.points.map(\.labels) == [["Never"], ["Sometimes"], ["Often"], ["Always"]])
        #expect(survey.scale("freq_scale").map { ($0.favorable, $0.neutral, $0.unfavorable) } ?? ([], [], []) == ([3, 4], [], [1, 2]))
        #expect(survey.dimensions.map(\.id) == ["ways_of_working", "ways_of_working_agreed_scale"])
        #expect(survey.dimensions.map { $0.items.map(\.id) } == [["freq_a", "tool", "size"], ["agreed_b"]])
        #expect(survey.item("tool")?.kind.options.map(\.id) == ["jira", "trello", "other"])
        #expect(survey.item("size")?.kind == .numeric(unit: "number", min: 0, max: 1000, integer: false))
        let mapping = try String(contentsOfFile: result.mappingPath, encoding: .utf8)
        #expect(mapping.contains("  - column: \"freq[a]\"\n    item: freq_a\n    answers:\n      \"1\": 1\n      \"2\": 2\n      \"3\": 3\n      \"4\": 4\n"))
        #expect(mapping.contains("  - column: \"tool\"\n    item: tool\n    answers:\n      \"T1\": jira\n      \"T2\": trello\n      \"-oth-\": other\n"))
        #expect(mapping.contains("  - column: \"tool[other]\"\n    ignore: true\n"))
    }
}
