/// A setting a person gives an operation, named by each adapter in its own words: the command
/// line says `--org NAME`, the service `organisation=NAME`, a page highlights its field.
///
/// Lower layers refer to a setting only through this type, so no message of theirs speaks one
/// adapter's language to another's users.
public enum Parameter: String, Sendable, Hashable, CaseIterable, Codable {
    /// The survey an export answers (`ID` or `ID@VERSION`).
    case survey
    /// A mapping file that reads an export in its questionnaire's own words.
    case mapping
    /// The wave of every row, or of a report.
    case wave
    /// The organisation.
    case organisation
    /// The division, for exports without a division column.
    case division
    /// A unit path below an organisation (`Retail/Blue`).
    case unit
    /// The export format, or a report's output format.
    case format
    /// The zone of timestamps that carry none.
    case timeZone
    /// How slash dates are read: month/day or day/month.
    case dateOrder
    /// Keep responses the platform marks unfinished.
    case includePartial
    /// Keep identifying columns instead of dropping them.
    case keepIdentifiers
    /// Overwrite stored responses whose answers changed.
    case replace
    /// Check everything, store nothing.
    case dryRun
    /// Store the valid rows and set the invalid ones aside.
    case skipInvalid
    /// Where rejected rows go.
    case rejects
    /// The first wave of a range.
    case from
    /// The last wave of a range.
    case to
    /// The anonymity threshold.
    case minGroup
    /// The groups a comparison compares.
    case breakdown
    /// Compare every pair of groups.
    case pairs
    /// How a drafted mapping names its columns.
    case headings
    /// Overwrite files that exist.
    case force
    /// An import batch id.
    case batch
    /// The file (or upload) being read.
    case file

    /// Whether the setting is on or off rather than given a value (`--replace`, `replace=true`).
    public var isFlag: Bool {
        switch self {
        case .includePartial, .keepIdentifiers, .replace, .dryRun, .skipInvalid, .pairs, .force: true
        default: false
        }
    }
}

/// A listing a person can look at to find a valid value, named by each adapter in its own words
/// (`opmodel imports` on the command line, `GET /v1/imports` over HTTP).
public enum Listing: String, Sendable, Hashable, CaseIterable, Codable {
    /// The stored import batches.
    case imports
    /// The stored units.
    case units
    /// The waves.
    case waves
    /// The organisations.
    case organisations
    /// The access tokens.
    case tokens
    /// The importer itself, for a store that is still empty.
    case importing
}
