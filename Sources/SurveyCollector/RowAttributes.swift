import SurveyCore

/// Reads a row's organisation, division, team, role and tenure.
///
/// Cells are trimmed and renamed as a mapping file's `values` say; an organisation or
/// division the export has no column for (or leaves blank) comes from the settings
/// (`--org`, `--division`). A role is read by its id, its display name or a spelling the
/// survey declares.
struct RowAttributes {
    private let organisation: Int?
    private let division: Int?
    private let team: Int?
    private let role: Int?
    private let tenure: Int?
    /// The organisation and division of rows without one (`--org`, `--division`).
    private let defaultOrganisation: String?
    private let defaultDivision: String?
    /// A mapping file's attribute values, per column (normalised export text → value stored).
    private let renames: [[String: String]?]
    /// Normalised role spellings → role.
    private let roleLookup: [String: Role]
    /// Roles repeat on every row: look each spelling up once.
    private var roleSpellings: [String: Role?] = [:]
    private var keys = NormalizedKeys()

    init(plan: ColumnPlan, survey: Survey, settings: ImportSettings) {
        organisation = plan.organisation
        division = plan.division
        team = plan.team
        role = plan.role
        tenure = plan.tenure
        defaultOrganisation = settings.organisation
        defaultDivision = settings.division
        renames = plan.mapping.roles.indices.map { plan.mapping.renames[$0] }
        var roles: [String: Role] = [:]
        for role in Role.allCases {
            for name in [role.rawValue, role.displayName] + (survey.attributes[.role]?.roleSpellings[role] ?? []) {
                roles[normalizedKey(name)] = roles[normalizedKey(name)] ?? role
            }
        }
        roleLookup = roles
    }

    /// The note for an export without an organisation column whose rows all go under `--org`.
    static func headerNote(plan: ColumnPlan, settings: ImportSettings) -> Message? {
        guard plan.organisation == nil, let organisation = settings.organisation else { return nil }
        let division = settings.division.map { ", division '\($0)'" } ?? ""
        return "no organisation column: every response is filed under '\(organisation)'\(division) (\(Parameter.organisation))"
    }

    /// The error for an export without an organisation column or `--org`.
    static func headerProblem(plan: ColumnPlan, settings: ImportSettings, survey: Survey, file: String) -> Diagnostic? {
        guard plan.organisation == nil, settings.organisation == nil else { return nil }
        let aliases = ["organisation"] + (survey.attributes[.organisation]?.aliases ?? [])
        return Diagnostic(.error, "the export has no organisation column (expected a column named \(aliases.map { "'\($0)'" }.joined(separator: " or "))); give \(Parameter.organisation, "NAME")",
                          at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// Writes the row's attributes into `row`, noting an empty organisation and an unknown role.
    @inline(__always)
    mutating func read(_ record: CSVRecord, into row: inout ResponseRow, problems: inout RowProblems) {
        row.organisation = organisation.map { attribute($0, of: record) } ?? ""
        if row.organisation.isEmpty { row.organisation = defaultOrganisation ?? "" }
        if row.organisation.isEmpty, let organisation {
            problems.add(organisation, "the organisation is empty (expected a name, or give \(Parameter.organisation, "NAME"))", in: record)
        }
        row.division = division.map { attribute($0, of: record) } ?? ""
        if row.division.isEmpty { row.division = defaultDivision ?? "" }
        row.team = team.map { attribute($0, of: record) } ?? ""
        row.tenure = tenure.map { attribute($0, of: record) } ?? ""
        row.role = nil
        if let roleColumn = role, !record.isBlank(roleColumn) {
            let text = attribute(roleColumn, of: record)
            let known: Role?
            if let cached = roleSpellings[text] {
                known = cached
            } else {
                known = roleLookup[normalizedKey(text)]
                if roleSpellings.count < 10_000 { roleSpellings[text] = known }
            }
            if let role = known {
                row.role = role
            } else {
                problems.add(roleColumn, "'\(text)' is not a known role (expected \(Role.allCases.map(\.displayName).joined(separator: ", ")) or a spelling the survey declares)", in: record)
            }
        }
    }

    /// An attribute cell, trimmed, as the mapping file renames it.
    @inline(__always)
    private mutating func attribute(_ column: Int, of record: CSVRecord) -> String {
        let text = record.trimmedString(column)
        guard column < renames.count, let values = renames[column] else { return text }
        return values[keys.key(text)] ?? text
    }
}
