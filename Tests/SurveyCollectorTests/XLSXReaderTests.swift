import Foundation
import SurveyCore
import Testing
import ZIPFoundation
@testable import SurveyCollector

/// Builds small `.xlsx` workbooks in memory, in the shape Microsoft Forms and Google Sheets write.
enum WorkbookBuilder {
    struct Sheet {
        var name: String
        var hidden = false
        /// The `<sheetData>` rows, as XML.
        var rows: String
    }

    static func workbook(sheets: [Sheet], sharedStrings: [String], date1904: Bool = false) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        let sheetElements = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\"\(sheet.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(index + 10)\"/>"
        }.joined()
        try add("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>\(sheetElements)</sheets></workbook>")
        let sheetRelations = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 10)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        try add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(sheetRelations)</Relationships>")
        // Style 0 general, 1 a built-in date-time (22), 2 a custom date format, 3 a custom number format.
        try add("xl/styles.xml", """
            <?xml version="1.0"?><styleSheet xmlns="\(main)"><numFmts count="2"><numFmt numFmtId="164" formatCode="m/d/yyyy h:mm:ss"/><numFmt numFmtId="165" formatCode="&quot;days&quot; 0.0"/></numFmts>\
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>
            """)
        let items = sharedStrings.map { text in
            text == "Rich" ? "<si><r><t>Ri</t></r><r><t>ch</t></r><rPh><t>ignored</t></rPh></si>" : "<si><t xml:space=\"preserve\">\(escape(text))</t></si>"
        }.joined()
        try add("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"\(main)\" count=\"\(sharedStrings.count)\">\(items)</sst>")
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheet.rows)</sheetData></worksheet>")
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A shared-string cell.
    static func s(_ reference: String, _ index: Int) -> String { "<c r=\"\(reference)\" t=\"s\"><v>\(index)</v></c>" }
    /// An inline-string cell.
    static func inline(_ reference: String, _ text: String) -> String { "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>" }
    /// A number cell with a style.
    static func n(_ reference: String, _ value: String, style: Int = 0) -> String { "<c r=\"\(reference)\" s=\"\(style)\"><v>\(value)</v></c>" }
}

struct XLSXReaderTests {
    typealias W = WorkbookBuilder

    static func csv(_ data: Data) throws -> String {
        String(decoding: try XLSXReader.csv(from: data, file: "book.xlsx"), as: UTF8.self)
    }

    @Test(arguments: [("A1", 0), ("Z9", 25), ("AA10", 26), ("AB12", 27), ("XFD1", 16383), ("12", -1)])
    func columnIndexFromCellReference(_ reference: String, expected: Int) {
        #expect(XLSXReader.columnIndex(of: reference) == (expected < 0 ? nil : expected))
    }

    @Test func serialDatesBecomeTimestamps() {
        #expect(XLSXReader.timestamp(serial: 45309.596493819445, date1904: false) == "2024-01-18 14:18:57")
        #expect(XLSXReader.timestamp(serial: 45536.5, date1904: false) == "2024-09-01 12:00:00")
        #expect(XLSXReader.timestamp(serial: 0, date1904: true) == "1904-01-01 00:00:00")
        #expect(XLSXReader.timestamp(serial: -1, date1904: false) == nil)
    }

    @Test func readsSharedInlineAndRichStringsDatesGapsAndTheFirstVisibleSheet() throws {
        let hidden = W.Sheet(name: "Secret", hidden: true, rows: "<row r=\"1\">\(W.inline("A1", "hidden"))</row>")
        let visible = W.Sheet(name: "Form1", rows: [
            "<row r=\"1\">" + W.s("A1", 0) + W.s("B1", 1) + W.s("C1", 2) + W.inline("D1", "Note, with comma") + "</row>",
            "<row r=\"2\">" + W.n("A2", "45536.5", style: 1) + W.s("B2", 3) + W.n("C2", "3.5", style: 3) + W.inline("D2", "say \"hi\"") + "</row>",
            "<row r=\"4\">" + W.n("A4", "45537.25", style: 2) + W.n("C4", "7") + "</row>",
            "<row r=\"5\"><c r=\"B5\" t=\"b\"><v>1</v></c></row>",
        ].joined())
        let data = try W.workbook(sheets: [hidden, visible], sharedStrings: ["When", "Who", "Hours", "Rich"])
        #expect(XLSXReader.isWorkbook(data))
        let expected = [
            "When,Who,Hours,\"Note, with comma\"",
            "2024-09-01 12:00:00,Rich,3.5,\"say \"\"hi\"\"\"",
            "",
            "2024-09-02 06:00:00,,7,",
            ",TRUE,,",
        ]
        let text = try Self.csv(data)
        #expect(text == expected.joined(separator: "\r\n") + "\r\n", "\(text.debugDescription)")
    }

    @Test func workbookWithoutVisibleSheetIsAnError() throws {
        let data = try W.workbook(sheets: [W.Sheet(name: "Only", hidden: true, rows: "")], sharedStrings: [])
        let error = #expect(throws: CSVError.self) { _ = try XLSXReader.csv(from: data, file: "book.xlsx") }
        #expect(error?.message == "the workbook 'book.xlsx' has no visible sheet")
    }

    @Test func aPartUnpackingPastTheLimitIsRefusedAsItUnpacks() throws {
        let rows = (1...200).map { "<row r=\"\($0)\">" + W.inline("A\($0)", String(repeating: "x", count: 40)) + "</row>" }.joined()
        let data = try W.workbook(sheets: [W.Sheet(name: "Export", hidden: false, rows: rows)], sharedStrings: [])
        #expect(try XLSXReader.csv(from: data, file: "book.xlsx").count > 8_000)
        let error = #expect(throws: CSVError.self) { _ = try XLSXReader.csv(from: data, file: "book.xlsx", maximumPartSize: 4_096) }
        #expect(error?.message == "'xl/worksheets/sheet1.xml' in the workbook 'book.xlsx' unpacks to more than 4096 bytes (the limit for one part of an .xlsx; export the sheet as CSV instead)")
    }

    @Test func microsoftFormsWorkbookImportsThroughTheSamePipeline() throws {
        let survey = try PlatformSurvey.load()
        let strings = ["Id", "Start time", "Completion time", "Email", "Name", "Team", "My team talks to users every week.",
                       "Which tools do you use?", "anonymous", "Blue", "Agree", "Jira;Miro;", "How often do you ship?"]
        // Row 3 is shorter than the header (no ship answer) and skips the Name cell.
        let header = (0..<8).map { W.s(["A", "B", "C", "D", "E", "F", "G", "H"][$0] + "1", $0) }.joined() + W.s("I1", 12)
        let first = W.n("A2", "1") + W.n("B2", "45536.47711", style: 2) + W.n("C2", "45536.47859", style: 2) + W.s("D2", 8)
            + W.s("F2", 9) + W.s("G2", 10) + W.s("H2", 11) + W.inline("I2", "Weekly")
        let second = W.n("A3", "2") + W.n("B3", "45537.33333", style: 2) + W.n("C3", "45537.33542", style: 2) + W.s("D3", 8)
            + W.inline("F3", "Red") + W.inline("G3", "Disagree")
        let sheet = W.Sheet(name: "Form1", rows: "<row r=\"1\">\(header)</row><row r=\"2\">\(first)</row><row r=\"3\">\(second)</row>")
        let data = try W.workbook(sheets: [sheet], sharedStrings: strings)
        let export = try readExport(data, survey: survey, file: "forms.xlsx")
        #expect(export.reader.detectedFormat == .msForms)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.map(\.responseKey) == ["1", "2"])
        #expect(export.responses.map(\.team) == ["Blue", "Red"])
        #expect(export.responses.map(\.submittedAt) == [1_725_190_150, 1_725_264_180])
        #expect(export.answers("tools") == ["jira+miro", "-"])
        #expect(export.answers("ship") == ["weekly", "-"])
        #expect(export.answers("weekly_contact") == ["4", "2"])
        #expect(export.reader.droppedColumns == ["Email", "Name"])
        #expect(export.responses.map(\.line) == [2, 3])
    }

    @Test func googleSheetsWorkbookReadsSerialTimestampsAndCommaJoinedCheckboxes() throws {
        let survey = try PlatformSurvey.load()
        let strings = ["Timestamp", "Email Address", "Which tools do you use?", "How often do you ship?", "Jira, Figma, FigJam", "Weekly"]
        let header = W.s("A1", 0) + W.s("B1", 1) + W.s("C1", 2) + W.s("D1", 3)
        // Style 2 is Sheets' `m/d/yyyy h:mm:ss`; the second row has no email and no ship answer.
        let first = W.n("A2", "45309.596493819445", style: 2) + W.inline("B2", "a@x.org") + W.s("C2", 4) + W.s("D2", 5)
        let second = W.n("A3", "45310.5", style: 2) + W.inline("C3", "Miro")
        let sheet = W.Sheet(name: "Form Responses 1", rows: "<row r=\"1\">\(header)</row><row r=\"2\">\(first)</row><row r=\"3\">\(second)</row>")
        let export = try readExport(try W.workbook(sheets: [sheet], sharedStrings: strings), survey: survey, file: "sheet.xlsx")
        #expect(export.reader.detectedFormat == .googleForms)
        #expect(export.rejectionMessages == [])
        #expect(export.responses.map(\.submittedAt) == [1_705_587_537, 1_705_665_600])
        #expect(export.answers("tools") == ["jira+figma", "miro"])
        #expect(export.answers("ship") == ["weekly", "-"])
        #expect(export.reader.droppedColumns == ["Email Address"])
    }
}
