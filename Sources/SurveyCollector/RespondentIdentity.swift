import SurveyCore

/// Gives each valid row its response key and content hash.
///
/// The content hash covers the answers, the attributes (organisation, division and team
/// normalised) and the comments, so a re-import can tell a repeated response from a changed
/// one. The key is the row's response id; an export without one keys each row by its content
/// hash and how often that content has occurred so far (`content:HASH:N`), so identical rows
/// stay distinct responses.
struct RespondentIdentity {
    private let idColumn: Int?
    private var occurrences: [Int64: Int32] = [:]
    private var keys = NormalizedKeys()

    init(idColumn: Int?) {
        self.idColumn = idColumn
    }

    /// The note for an export without a response id column.
    static func headerNote(idColumn: Int?) -> Message? {
        idColumn == nil ? "no response id column: responses are identified by their content" : nil
    }

    /// Writes `row`'s content hash and response key; the rest of the row is read already.
    @inline(__always)
    mutating func identify(_ row: inout ResponseRow, from record: CSVRecord) {
        row.contentHash = contentHash(of: row)
        if let idColumn, !record.isBlank(idColumn) {
            row.responseKey = record.trimmedString(idColumn)
        } else {
            // Identical rows stay distinct responses through their occurrence number.
            let occurrence = occurrences[row.contentHash, default: 0] + 1
            occurrences[row.contentHash] = occurrence
            row.responseKey = "content:" + String(UInt64(bitPattern: row.contentHash), radix: 16) + ":" + String(occurrence)
        }
    }

    /// The hash of a row's answers, attributes and comments.
    @inline(__always)
    mutating func contentHash(of row: ResponseRow) -> Int64 {
        var hasher = StableHasher()
        row.answers.withUnsafeBytes { hasher.combine($0) }
        hasher.combine(keys.key(row.organisation))
        hasher.combine(keys.key(row.division))
        hasher.combine(keys.key(row.team))
        hasher.combine(row.role?.rawValue ?? "")
        hasher.combine(row.tenure)
        for comment in row.comments { hasher.combine(comment.text) }
        return hasher.value
    }
}
