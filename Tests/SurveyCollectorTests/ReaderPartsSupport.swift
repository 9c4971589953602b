import Foundation
import SurveyCore
import SurveyDefinition
@testable import SurveyCollector

/// A small survey for testing the reader's parts: a scale item, an item asked of Product
/// Owners only, a multi item with an option called "No" and an exclusive one, and free text.
enum PartsSurvey {
    static let yaml = RealExportTests.survey("parts", items: """
              - id: clear
                text: The goal is clear.
              - id: interviews
                text: I interviewed a user.
                roles: [product_owner]
              - id: tools
                kind: multi
                text: Which tools do you use?
                options: [{id: jira, label: Jira}, {id: "no", label: "No"}, {id: none, label: None, exclusive: true}]
              - id: comment
                kind: text
                text: Anything else?
        """) + """

        attributes:
          role:
            values:
              product_owner: [PO]

        """

    static func load() throws -> Survey {
        try loadSurvey(yaml: yaml, file: "parts.yaml")
    }
}

/// A small export's header phase: its layout, column plan, and a reader at the first row.
struct PlannedExport {
    let survey: Survey
    let layout: ExportLayout
    let plan: ColumnPlan
    /// The reader, at the first row after the header.
    var reader: CSVReader

    /// Reads `csv`'s header rows as `format` (detected when nil) against `survey`.
    init(_ csv: String, survey: Survey, format: ExportFormat? = nil, mapping: ExportMapping? = nil) throws {
        self.survey = survey
        var reader = try CSVReader(bytes: Data(csv.utf8))
        layout = ExportLayout.read(&reader, format: format, keepIdentifiers: false).0
        try ExportLayout.skipHeader(of: layout, in: &reader)
        plan = ColumnPlan(mapping: ColumnMapping(columns: layout.columns, displayNames: layout.displayNames, survey: survey,
                                                 file: "export.csv", headerLine: reader.headerRecord, mapping: mapping),
                          format: layout.format)
        self.reader = reader
    }

    /// The logical header.
    var header: [String] { layout.displayNames }

    /// Problems noted against this export's header.
    func problems() -> RowProblems { RowProblems(file: "export.csv", header: header) }

    /// Every row after the header.
    func records() throws -> [CSVRecord] {
        var scan = reader
        var records: [CSVRecord] = []
        var record = CSVRecord()
        while try scan.nextRecord(into: &record) { records.append(record) }
        return records
    }
}

extension RowProblems {
    /// The problems as `line:column: message`, without the file.
    var messages: [String] {
        diagnostics.map { ($0.location.map { "\($0.line):\($0.column): " } ?? "") + $0.message.description }
    }
}
