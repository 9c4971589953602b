import SurveyCore

/// The invalid cells of one row, as diagnostics at each cell.
///
/// Every message reads `column 'HEADER': …`, at the line and column where the cell starts.
struct RowProblems {
    /// The path shown in diagnostics.
    let file: String
    /// The logical header, for naming the column.
    let header: [String]
    /// The problems found so far, in the order found.
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, header: [String]) {
        self.file = file
        self.header = header
    }

    /// Whether the row has no problem so far.
    var isEmpty: Bool { diagnostics.isEmpty }

    /// Notes a problem with the cell in `column` of `record`.
    mutating func add(_ column: Int, _ message: Message, in record: CSVRecord) {
        let location = record.location(column)
        diagnostics.append(Diagnostic(.error, "column '\(header[column])': \(message)",
                                      at: SourceLocation(file: file, line: location.line, column: location.column)))
    }

    /// Notes a problem given as plain text (a decoder's message).
    @_disfavoredOverload
    mutating func add(_ column: Int, _ message: String, in record: CSVRecord) {
        add(column, Message(message), in: record)
    }
}
