import Testing
@testable import SurveyCollector

/// Which platform a header shape is recognised as.
struct ExportFormatTests {
    @Test(arguments: [
        ([["StartDate", "EndDate", "Finished", "ResponseId", "Q1"], ["Start Date", "End Date", "Finished", "Response ID", "Question"],
          ["{\"ImportId\":\"startDate\"}", "{\"ImportId\":\"endDate\"}", "{\"ImportId\":\"finished\"}", "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID1\"}"]],
         ExportFormat.qualtrics),
        ([["StartDate", "Q1"], ["Start Date", "Question"], ["{'ImportId': 'startDate'}", "{'ImportId': 'QID2-1'}"]], .qualtrics),
        ([["V1", "V2", "V3", "Q1"], ["ResponseID", "ResponseSet", "Name", "Question"]], .qualtrics),
        ([["ResponseId", "Finished", "RecordedDate", "Q1"], ["Response ID", "Finished", "Recorded Date", "Question"]], .qualtrics),
        ([["Respondent ID", "Collector ID", "Q"], ["", "", "Response"]], .surveyMonkey),
        ([["Q one", "", "Q two", "Q three"], ["Response", "Other (please specify)", "Response", "Open-Ended Response"]], .surveyMonkey),
        ([["Timestamp", "Question"], ["1/18/2024 14:18", "Yes"]], .googleForms),
        ([["Marca temporal", "Pregunta"]], .googleForms),
        ([["Id", "Start time", "Completion time", "Email", "Name", "Q"]], .msForms),
        ([["ID", "Start time", "Completion time", "Email", "Name", "Q"]], .msForms),
        ([["#", "Question", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]], .typeform),
        ([["Token", "Question", "Submit Date (UTC)"]], .typeform),
        ([["id", "submitdate", "lastpage", "startlanguage", "seed", "G01Q01", "G01Q02[SQ001]"]], .limeSurvey),
        ([["id", "submitdate", "startlanguage", "Q1"]], .limeSurvey),
        ([["Response ID", "Date submitted", "Last page", "Start language", "Question [Sub]"]], .limeSurvey),
        ([["id. Response ID", "submitdate. Date submitted", "lastpage. Last page", "G01Q01. Question"]], .limeSurvey),
        ([["response_id", "submitted_at", "organisation", "team", "role"]], .generic),
    ])
    func recognisesPlatform(_ rows: [[String]], expected: ExportFormat) {
        #expect(ExportFormat.detect(rows).format == expected)
    }

    @Test func genericNamesTheClosestPlatform() {
        let detection = ExportFormat.detect([["Respondent", "Start Date", "End Date", "IP Address", "Question"]])
        #expect(detection.format == .generic)
        #expect(detection.closest == .surveyMonkey)
        #expect(detection.matched == ["start date", "end date", "ip address"])
        #expect(ExportFormat.detect([["response_id", "submitted_at", "q1"]]).closest == nil)
        #expect(ExportFormat.detect([["id", "submitdate", "seed", "Q1"]]).closest == .limeSurvey)
    }

    @Test func formatNamesAreTheCommandLineSpellings() {
        #expect(ExportFormat.allCases.map(\.rawValue) == ["qualtrics", "surveymonkey", "google-forms", "ms-forms", "typeform", "limesurvey", "generic"])
    }

    @Test(arguments: [
        ("{\"ImportId\":\"QID1\"}", "QID1"),
        ("{'ImportId': 'QID2-1'}", "QID2-1"),
        ("{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}", "startDate"),
        ("Q1", nil),
    ])
    func readsQualtricsImportIDs(_ cell: String, expected: String?) {
        #expect(ExportFormat.importID(cell) == expected)
    }

    @Test(arguments: [
        ("<strong>Team</strong>", "Team"),
        ("Hello<br>world", "Hello world"),
        ("users <em>every</em> week", "users every week"),
        ("Q &amp; A", "Q & A"),
        ("a < b", "a < b"),
    ])
    func stripsHTMLFromHeaders(_ raw: String, expected: String) {
        #expect(strippingHTML(raw) == expected)
    }
}
