import Foundation
import SurveyCore
import SurveyTestSupport
import Testing
@testable import SurveyCollector

/// Reading LimeSurvey survey structures (`.lss`) in the 6.x layout and the 3.x layout.
struct LimeSurveyStructureTests {
    @Test func readsGroupsQuestionsSubQuestionsAndAnswerOptionsOfA6xFile() throws {
        let data = try Data(contentsOf: PlatformFixtures.limeSurvey("acme.lss"))
        let structure = try LimeSurveyStructure.parse(data, file: "acme.lss")
        #expect(structure.title == "Acme product pulse")
        #expect(structure.surveyID == "845392")
        #expect(structure.language == "en")
        #expect(structure.groups.map(\.name) == ["Strategy & planning", "Discovery & customer contact"])
        #expect(structure.groups.map { $0.questions.map(\.code) } == [["G01Q01", "G01Q02", "G01Q03"],
                                                                       ["G02Q04", "G02Q05", "G02Q06", "G02Q07", "G02Q08", "G02Q09"]])
        #expect(structure.groups.flatMap(\.questions).map(\.type) == ["F", "L", "N", "M", "A", "5", "Y", "T", "X"])
        let array = structure.groups[0].questions[0]
        // HTML is gone, as in the export's full headings.
        #expect(array.text == "How far do you agree with these statements about the last quarter?")
        #expect(array.subQuestions.map(\.code) == ["SQ001", "SQ002", "SQ003"])
        #expect(array.subQuestions[1].text == "My team chose how to reach its goals.")
        #expect(array.answers.map(\.code) == ["A1", "A2", "A3", "A4", "A5", "A6"])
        #expect(array.answers.map(\.assessmentValue) == [1, 2, 3, 4, 5, 0])
        #expect(array.answers.last?.text == "Don't know")
        #expect(array.location == SourceLocation(file: "acme.lss", line: array.location.line, column: 1))
        let multi = structure.groups[1].questions[0]
        #expect(multi.hasOther)
        #expect(multi.attributes["exclude_all_others"] == "SQ004")
        #expect(structure.groups[0].questions[2].attributes["max_num_value_n"] == "60")
    }

    /// LimeSurvey 3.x: texts in the rows, one row per language, sub-questions in `subquestions`.
    static let version3 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <document>
     <LimeSurveyDocType>Survey</LimeSurveyDocType>
     <DBVersion>359</DBVersion>
     <languages><language>de</language><language>en</language></languages>
     <answers><fields><fieldname>qid</fieldname></fields><rows>
      <row><qid>5</qid><code>A2</code><answer><![CDATA[Gut]]></answer><sortorder>2</sortorder><assessment_value>2</assessment_value><language>de</language><scale_id>0</scale_id></row>
      <row><qid>5</qid><code>A1</code><answer><![CDATA[Schlecht]]></answer><sortorder>1</sortorder><assessment_value>1</assessment_value><language>de</language><scale_id>0</scale_id></row>
      <row><qid>5</qid><code>A1</code><answer><![CDATA[Bad]]></answer><sortorder>1</sortorder><assessment_value>1</assessment_value><language>en</language><scale_id>0</scale_id></row>
     </rows></answers>
     <groups><rows>
      <row><gid>2</gid><sid>1</sid><group_name><![CDATA[Allgemein]]></group_name><group_order>0</group_order><description/><language>de</language></row>
      <row><gid>2</gid><sid>1</sid><group_name><![CDATA[General]]></group_name><group_order>0</group_order><description/><language>en</language></row>
     </rows></groups>
     <questions><rows>
      <row><qid>5</qid><parent_qid>0</parent_qid><sid>1</sid><gid>2</gid><type>F</type><title>Q1</title><question><![CDATA[<p>Wie finden Sie das?</p>]]></question><other>N</other><question_order>1</question_order><language>de</language><scale_id>0</scale_id></row>
      <row><qid>5</qid><parent_qid>0</parent_qid><sid>1</sid><gid>2</gid><type>F</type><title>Q1</title><question><![CDATA[How do you find it?]]></question><other>N</other><question_order>1</question_order><language>en</language><scale_id>0</scale_id></row>
     </rows></questions>
     <subquestions><rows>
      <row><qid>6</qid><parent_qid>5</parent_qid><sid>1</sid><gid>2</gid><type>T</type><title>SQ001</title><question><![CDATA[Das Werkzeug]]></question><question_order>1</question_order><language>de</language><scale_id>0</scale_id></row>
     </rows></subquestions>
     <surveys><rows><row><sid>1</sid><language>de</language><additional_languages>en</additional_languages></row></rows></surveys>
     <surveys_languagesettings><rows>
      <row><surveyls_survey_id>1</surveyls_survey_id><surveyls_language>de</surveyls_language><surveyls_title><![CDATA[Umfrage]]></surveyls_title></row>
      <row><surveyls_survey_id>1</surveyls_survey_id><surveyls_language>en</surveyls_language><surveyls_title><![CDATA[Survey]]></surveyls_title></row>
     </rows></surveys_languagesettings>
    </document>
    """

    @Test func readsA3xFileInItsBaseLanguage() throws {
        let structure = try LimeSurveyStructure.parse(Data(Self.version3.utf8), file: "old.lss")
        #expect(structure.title == "Umfrage")
        #expect(structure.language == "de")
        #expect(structure.groups.map(\.name) == ["Allgemein"])
        let question = try #require(structure.groups.first?.questions.first)
        #expect(question.text == "Wie finden Sie das?")
        #expect(question.subQuestions.map(\.text) == ["Das Werkzeug"])
        #expect(question.answers.map(\.text) == ["Schlecht", "Gut"])
    }

    @Test func rejectsMalformedXMLWithItsPosition() throws {
        let text = "<?xml version=\"1.0\"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n <groups>\n</document>\n"
        let error = #expect(throws: DiagnosticList.self) { try LimeSurveyStructure.parse(Data(text.utf8), file: "bad.lss") }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.message == "the file is not well-formed XML (expected a LimeSurvey .lss survey structure)")
        #expect(diagnostic.location?.file == "bad.lss")
        #expect(diagnostic.location?.line == 5)
    }

    @Test func rejectsAFileThatIsNotASurveyStructure() {
        let text = "<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>"
        let error = #expect(throws: DiagnosticList.self) { try LimeSurveyStructure.parse(Data(text.utf8), file: "g.lsg") }
        #expect(error?.diagnostics.map(\.description) == [
            "g.lsg:1:1: error: not a LimeSurvey survey structure (found 'Group'); expected <LimeSurveyDocType>Survey</LimeSurveyDocType> as exported with 'Export survey structure (.lss)'",
        ])
    }

    @Test func namesQuestionsWhoseGroupIsMissing() {
        let text = """
        <document>
         <LimeSurveyDocType>Survey</LimeSurveyDocType>
         <questions><rows>
          <row><qid>1</qid><parent_qid>0</parent_qid><gid>9</gid><type>S</type><title>Q1</title><question>Hi</question></row>
         </rows></questions>
        </document>
        """
        let error = #expect(throws: DiagnosticList.self) { try LimeSurveyStructure.parse(Data(text.utf8), file: "s.lss") }
        #expect(error?.diagnostics.map(\.description) == [
            "s.lss:4:1: error: question 'Q1' belongs to group 9, which is not in the file",
        ])
    }
}
