/// The report formats, as users name them on the command line.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// One self-contained, printable page per organisation.
    case html
    /// Markdown for wikis.
    case md
    /// The `opmodel.scorecard/1` JSON document.
    case json
    /// One row per unit and dimension, for spreadsheets and BI tools.
    case csv

    /// The renderer that writes this format.
    package var renderer: any ReportRenderer {
        switch self {
        case .html: HTMLReportRenderer()
        case .md: MarkdownReportRenderer()
        case .json: JSONReportRenderer()
        case .csv: CSVReportRenderer()
        }
    }

    /// The file name extension, without the dot; the same as the raw value.
    public var fileExtension: String { rawValue }
}
