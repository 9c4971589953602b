import SurveyCore

/// Where an export's columns are, found once from its header: what each row is read from.
///
/// Built from the logical header's column roles (``ColumnMapping``, which applies a mapping
/// file) and the platform; the per-row parts (``RowAttributes``, ``WaveResolver``,
/// ``AnswerDecoding``, ``RespondentIdentity``, ``PartialResponseFilter``) take their columns
/// from it.
struct ColumnPlan {
    /// Every column's role, a mapping file's answer texts and attribute values, and the
    /// header's own problems.
    let mapping: ColumnMapping
    let organisation: Int?
    let division: Int?
    let team: Int?
    let role: Int?
    let tenure: Int?
    let responseID: Int?
    let submitted: Int?
    let wave: Int?
    /// Qualtrics: whether the response was finished.
    let finished: Int?
    /// LimeSurvey: the submission time, blank while a response is unfinished.
    let submittedWhenFinished: Int?
    /// Personal-data columns: dropped from responses and from the rejects file.
    let personal: [Int]
    /// Columns that each hold one item's answer, in column order.
    let items: [(column: Int, itemIndex: Int)]
    /// Multi items spread over one column per option, in survey order, each with its
    /// (column, option) pairs in column order.
    let optionColumns: [(itemIndex: Int, columns: [(column: Int, option: Int)])]

    init(mapping: ColumnMapping, format: ExportFormat) {
        self.mapping = mapping
        organisation = mapping.column(of: .attribute(.organisation))
        division = mapping.column(of: .attribute(.division))
        team = mapping.column(of: .attribute(.team))
        role = mapping.column(of: .attribute(.role))
        tenure = mapping.column(of: .attribute(.tenure))
        responseID = mapping.column(of: .responseID)
        submitted = mapping.column(of: .submittedAt)
        wave = mapping.column(of: .wave)
        finished = mapping.column(of: .finished)
        submittedWhenFinished = format == .limeSurvey ? submitted : nil
        personal = mapping.roles.indices.filter { mapping.roles[$0] == .personal }
        var items: [(column: Int, itemIndex: Int)] = []
        var options: [Int: [(column: Int, option: Int)]] = [:]
        for (column, role) in mapping.roles.enumerated() {
            switch role {
            case .item(let itemIndex): items.append((column, itemIndex))
            case .option(let itemIndex, let option): options[itemIndex, default: []].append((column, option))
            default: break
            }
        }
        self.items = items
        optionColumns = options.keys.sorted().map { ($0, options[$0] ?? []) }
    }

    /// Per item read, in survey order: the header text of the first column it is read from.
    func itemWordings(layout: ExportLayout, survey: Survey, file: String, headerLine: CSVRecord) -> [ItemWording] {
        let roles = mapping.roles
        var first: [Int: Int] = [:]
        for (column, role) in roles.enumerated() {
            if let item = role.itemIndex, first[item] == nil { first[item] = column }
        }
        let items = survey.items
        return first.keys.sorted().compactMap { itemIndex in
            guard let column = first[itemIndex] else { return nil }
            var text = layout.wording(of: column)
            if case .option = roles[column], column < layout.columns.count, case .part(let question, _) = layout.columns[column] {
                text = question
            }
            let location = column < headerLine.count ? headerLine.location(column) : (line: headerLine.line, column: 1)
            return ItemWording(item: items[itemIndex].id, text: text,
                               location: SourceLocation(file: file, line: location.line, column: location.column))
        }
    }
}
