import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// Exports in each platform's exact shape, written here, read with `--format auto`.
struct PlatformAdapterTests {
    let survey: Survey

    init() throws {
        survey = try PlatformSurvey.load()
    }

    // MARK: Qualtrics

    static func importIDs(_ ids: [String], singleQuotes: Bool = false) -> String {
        ids.map { singleQuotes ? "{'ImportId': '\($0)'}" : "\"{\"\"ImportId\"\":\"\"\($0)\"\"}\"" }.joined(separator: ",")
    }

    static let qualtrics = """
    StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientLastName,RecipientFirstName,RecipientEmail,ExternalReference,LocationLatitude,LocationLongitude,DistributionChannel,UserLanguage,Team,Q1,Q2,Q3,Q4_1,Q4_2,Q5,Q5 - Topics
    Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Last Name,Recipient First Name,Recipient Email,External Data Reference,Location Latitude,Location Longitude,Distribution Channel,User Language,Which team are you in?,"My team talks to users
    every week.",How often do you ship?,Which tools do you use? - Selected Choice,How much do you agree? - I can name our metric,How much do you agree? - I know our customers,Anything else?,Q5 - Topics
    \(importIDs(["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate", "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage", "QID7", "QID1", "QID2", "QID3", "QID4_1", "QID4_2", "QID5_TEXT", "QID5_TEXT_abcTopics"]))
    2024-03-01 09:00:00,2024-03-01 09:05:00,0,10.0.0.1,100,300,1,2024-03-01 09:05:01,R_a1,Doe,Jane,jane@example.com,,47.1,7.2,anonymous,EN,Blue,4,3,"Jira,Figma, FigJam",Agree,5,Great,
    2024-03-02 09:00:00,2024-03-09 10:00:00,0,10.0.0.2,40,100,0,2024-03-09 10:00:00,R_a2,,,,,,,anonymous,EN,Red,2,,,,,,
    2024-03-03 09:00:00,2024-03-03 09:05:00,0,10.0.0.3,100,300,1,2024-03-03 09:05:00,R_a3,,,,,,,anonymous,EN,Green,Strongly agree,Monthly,,Neutral,,,

    """

    @Test func qualtricsReadsThreeHeaderRowsAndSkipsUnfinishedResponses() throws {
        let export = try readExport(Self.qualtrics, survey: survey)
        #expect(export.reader.detectedFormat == .qualtrics)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.map(\.responseKey) == ["R_a1", "R_a3"])
        #expect(export.responses.map(\.team) == ["Blue", "Green"])
        #expect(export.responses.map(\.submittedAt) == [1_709_283_901, 1_709_456_700])
        #expect(export.answers("weekly_contact") == ["4", "5"])
        #expect(export.answers("ship") == ["weekly", "monthly"])
        #expect(export.answers("tools") == ["jira+figma", "-"])
        #expect(export.answers("metric") == ["4", "3"])
        #expect(export.answers("customers") == ["5", "-"])
        #expect(export.answers("comment") == ["Great", "-"])
        #expect(export.reader.skippedPartial == 1)
        #expect(export.reader.notes.contains("skipped 1 unfinished response (\(Parameter.includePartial) keeps them)"))
        #expect(export.reader.notes.contains("read as a Qualtrics export (detected; \(Parameter.format) overrides)"))
        #expect(export.reader.droppedColumns == ["IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                                                 "LocationLatitude", "LocationLongitude"])
        #expect(export.reader.warnings.isEmpty)
        // Diagnostics point at the physical line: the header takes lines 1–4 (row 2 has a line break).
        #expect(export.responses.map(\.line) == [5, 7])
    }

    @Test func qualtricsIncludePartialKeepsUnfinishedResponses() throws {
        let export = try readExport(Self.qualtrics, survey: survey,
                                    settings: ImportSettings(organisation: "Acme", includePartial: true))
        #expect(export.responses.map(\.responseKey) == ["R_a1", "R_a2", "R_a3"])
        #expect(export.reader.skippedPartial == 0)
        #expect(export.answers("weekly_contact") == ["4", "2", "5"])
    }

    @Test func qualtricsKeepIdentifiersReadsPersonalColumnsLikeOthers() throws {
        let export = try readExport(Self.qualtrics, survey: survey,
                                    settings: ImportSettings(organisation: "Acme", keepIdentifiers: true))
        #expect(export.reader.droppedColumns.isEmpty)
        #expect(!export.reader.notes.contains { $0.description.hasPrefix("dropped personal data") })
        #expect(export.responses.count == 2)
    }

    @Test func qualtrics2016SingleQuotedImportIDsAndTrueFalseFinished() throws {
        let text = """
        StartDate,EndDate,Finished,RecordedDate,ResponseId,Q1,Q3
        Start Date,End Date,Finished,Recorded Date,Response ID,My team talks to users every week.,Which tools do you use?
        \(Self.importIDs(["startDate", "endDate", "finished", "recordedDate", "_recordId", "QID2-1", "QID3"], singleQuotes: true))
        2016-05-01 10:00:00,2016-05-01 10:05:00,True,2016-05-01 10:05:00,R_1,Agree,"1,2"
        2016-05-01 11:00:00,2016-05-01 11:05:00,False,2016-05-01 11:05:00,R_2,Disagree,
        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .qualtrics)
        #expect(export.responses.map(\.responseKey) == ["R_1"])
        #expect(export.answers("weekly_contact") == ["4"])
        // Numeric-value exports: options by position.
        #expect(export.answers("tools") == ["jira+miro"])
        #expect(export.reader.skippedPartial == 1)
    }

    @Test func qualtricsLegacyLayoutWithBOMAndTrailingCommas() throws {
        let text = "\u{FEFF}V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,LocationLatitude,LocationLongitude,LocationAccuracy,\r\n"
            + "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,My team talks to users every week.,How often do you ship?,LocationLatitude,LocationLongitude,LocationAccuracy,\r\n"
            + "R_1,Default Response Set,Anonymous,,,130.92.34.66,0,2024-05-01 08:28:09,2024-05-01 08:28:48,1,2,1,47.1,7.2,-1,\r\n"
            + "R_2,Default Response Set,Anonymous,,,130.92.34.67,0,2024-05-02 08:28:09,2024-05-02 08:28:48,0,5,,,,,\r\n"
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .qualtrics)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.map(\.responseKey) == ["R_1"])
        #expect(export.responses.map(\.submittedAt) == [1_714_552_128])
        #expect(export.answers("weekly_contact") == ["2"])
        #expect(export.answers("ship") == ["never"])
        #expect(export.reader.droppedColumns == ["Name", "EmailAddress", "IPAddress", "LocationLatitude", "LocationLongitude", "LocationAccuracy"])
        #expect(export.reader.warnings.isEmpty)
    }

    // MARK: SurveyMonkey

    static let surveyMonkey = """
    Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Team,My team talks to users every week.,Which tools do you use?,,,,,How much do you agree?,,How often do you ship?,
    ,,,,,,,,,Response,Response,Jira,Miro,"Figma, FigJam",None,Other (please specify),I can name our metric,I know our customers,Response,Other (please specify)
    114,4,09/15/2024 10:00:00 AM,09/15/2024 10:05:00 AM,1.2.3.4,a@b.c,Ann,Lee,,Blue,Agree,Jira,,"Figma, FigJam",,,Agree,Disagree,Weekly,
    115,4,09/01/2024 11:00:00 AM,09/01/2024 11:05:00 AM,1.2.3.5,,,,,Red,Disagree,,,,,Whiteboards,Strongly agree,,Never,Daily
    116,4,09/02/2024 11:00:00 AM,09/02/2024 11:05:00 AM,1.2.3.6,,,,,Red,Agree,Jira,,,None,,,,,

    """

    @Test func surveyMonkeyFoldsCheckboxColumnsAndMatrixRows() throws {
        let export = try readExport(Self.surveyMonkey, survey: survey)
        #expect(export.reader.detectedFormat == .surveyMonkey)
        #expect(export.responses.map(\.responseKey) == ["114", "115"])
        #expect(export.answers("tools") == ["jira+figma", "other"])
        #expect(export.answers("metric") == ["4", "5"])
        #expect(export.answers("customers") == ["2", "-"])
        #expect(export.answers("ship") == ["weekly", "never"])
        #expect(export.responses.map(\.submittedAt) == [1_726_394_700, 1_725_188_700])
        #expect(export.reader.notes.contains("dates read as month/day/year (detected)"))
        #expect(export.rejectionMessages == ["5:82: column 'Which tools do you use? - None': 'None' is ticked with other options (expected it alone)"])
        #expect(export.reader.droppedColumns == ["IP Address", "Email Address", "First Name", "Last Name"])
        #expect(export.reader.warnings.map(\.message) == ["column 'How often do you ship? - Other (please specify)' is not an item or attribute of survey platform_pilot@1 and is ignored"])
    }

    @Test func surveyMonkeyWindows1252WithoutRespondentID() throws {
        var bytes = Array("Team,My team talks to users every week.,Which tools do you use?,\r\nResponse,Response,Jira,Miro\r\n".utf8)
        bytes += Array("Caf".utf8) + [0xE9] + Array(",Agree,Jira,Miro\r\nBar,Neutral,,Miro\r\n".utf8)
        let export = try readExport(Data(bytes), survey: survey, settings: ImportSettings(wave: "2024-Q3", organisation: "Acme"))
        #expect(export.reader.detectedFormat == .surveyMonkey)
        #expect(export.responses.map(\.team) == ["Café", "Bar"])
        #expect(export.answers("tools") == ["jira+miro", "miro"])
        #expect(export.responses.allSatisfy { $0.responseKey.hasPrefix("content:") })
        #expect(export.reader.notes.contains("read as Windows-1252 and converted to UTF-8"))
        #expect(export.reader.notes.contains("no response id column: responses are identified by their content"))
    }

    // MARK: Google Forms

    static let googleForms = """
    Timestamp,Email Address,Team,My team talks to users every week.,Which tools do you use?,How often do you ship?,How much do you agree? [I can name our metric],How much do you agree? [I know our customers],Anything else?
    9/15/2024 10:00:00,a@x.org,Blue,Agree,"Jira, Figma, FigJam",Weekly,Agree,Agree,"Commas, in text"
    9/16/2024 11:00:00,b@x.org,Red,Disagree,"Miro;Figma, FigJam",Never,Disagree,,
    9/17/2024 12:00:00,c@x.org,Red,Neutral,"Figma, FigJam, Other",Monthly,,,

    """

    @Test func googleFormsSplitsCheckboxAnswersAgainstOptionsWithCommas() throws {
        let export = try readExport(Self.googleForms, survey: survey)
        #expect(export.reader.detectedFormat == .googleForms)
        #expect(export.rejectionMessages == [])
        #expect(export.answers("tools") == ["jira+figma", "miro+figma", "figma+other"])
        #expect(export.answers("metric") == ["4", "2", "-"])
        #expect(export.answers("customers") == ["4", "-", "-"])
        #expect(export.answers("comment") == ["Commas, in text", "-", "-"])
        #expect(export.responses.map(\.submittedAt) == [1_726_394_400, 1_726_484_400, 1_726_574_400])
        #expect(export.reader.droppedColumns == ["Email Address"])
        #expect(export.reader.notes.contains("dropped personal data: 'Email Address' (\(Parameter.keepIdentifiers) keeps them)"))
    }

    @Test func explicitFormatOverridesDetection() throws {
        let export = try readExport(Self.googleForms, survey: survey, settings: ImportSettings(organisation: "Acme", format: .generic))
        #expect(export.reader.detectedFormat == .generic)
        #expect(!export.reader.notes.contains { $0.description.contains("detected;") })
        // Grid rows are a Google Forms rule: read as generic, the metric column matches nothing.
        #expect(export.answers("metric") == ["-", "-", "-"])
        #expect(export.responses.count == 3)
    }

    // MARK: Microsoft Forms

    @Test func microsoftFormsCSVDropsEmailAndNameAndReadsMonthFirstDates() throws {
        let text = """
        ID,Start time,Completion time,Email,Name,Team,My team talks to users every week.,Which tools do you use?
        1,9/1/24 11:27:03,9/1/24 11:29:10,anonymous,,Blue,Agree,Jira;Miro;
        2,9/2/24 08:00:00,9/2/24 08:03:00,anonymous,,Red,Strongly disagree,"Figma, FigJam;"

        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .msForms)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.map(\.responseKey) == ["1", "2"])
        #expect(export.responses.map(\.submittedAt) == [1_725_190_150, 1_725_264_180])
        #expect(export.answers("tools") == ["jira+miro", "figma"])
        #expect(export.reader.droppedColumns == ["Email", "Name"])
        #expect(export.reader.notes.contains("dates read as month/day/year (Microsoft Forms writes them so; \(Parameter.dateOrder) overrides)"))
    }

    // MARK: Typeform

    @Test func typeformStripsHTMLFromHeadersAndUsesTheToken() throws {
        let text = """
        #,<strong>Team</strong>,My team talks to users <em>every</em> week.,How often do you ship?,Start Date (UTC),Submit Date (UTC),Network ID
        x1y2z3,Blue,Agree,Weekly,2024-09-01 10:00:00,2024-09-01 10:05:00,f00d
        a9b8c7,Red,Disagree,Never,2024-09-02 10:00:00,2024-09-02 10:05:00,beef

        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .typeform)
        #expect(export.rejectionMessages == [])
        #expect(export.reader.warnings.isEmpty)
        #expect(export.responses.map(\.responseKey) == ["x1y2z3", "a9b8c7"])
        #expect(export.responses.map(\.team) == ["Blue", "Red"])
        #expect(export.responses.map(\.submittedAt) == [1_725_185_100, 1_725_271_500])
        #expect(export.answers("ship") == ["weekly", "never"])
        #expect(export.reader.droppedColumns == ["Network ID"])
    }

    // MARK: Generic

    @Test func genericExportNamesTheClosestPlatformAndDropsPersonalData() throws {
        let text = """
        response_id,submitted_at,Email,Name,My team talks to users every week.
        r1,2024-09-01T10:00:00Z,a@b.c,Ann,Agree

        """
        let export = try readExport(text, survey: survey)
        #expect(export.reader.detectedFormat == .generic)
        #expect(export.reader.notes.contains("not recognised as a platform export, read as the generic format; closest: Microsoft Forms (has 'email', 'name'); give \(Parameter.format, "ms-forms") if it is one"))
        #expect(export.reader.droppedColumns == ["Email", "Name"])
        #expect(export.answers("weekly_contact") == ["4"])
    }

    @Test func organisationFromTheCommandLineIsNoted() throws {
        let export = try readExport(Self.googleForms, survey: survey,
                                    settings: ImportSettings(organisation: "Acme", division: "Retail"))
        #expect(export.responses.allSatisfy { $0.organisation == "Acme" && $0.division == "Retail" })
        #expect(export.reader.notes.contains("no organisation column: every response is filed under 'Acme', division 'Retail' (\(Parameter.organisation))"))
    }
}
