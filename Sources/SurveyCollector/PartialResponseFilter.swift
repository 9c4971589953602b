/// Tells the responses a platform marks unfinished, which an import skips unless asked to
/// keep them (`--include-partial`).
///
/// Qualtrics marks them in its `Finished` column (`0` or `False`); LimeSurvey leaves the
/// submission time blank.
struct PartialResponseFilter {
    private let finished: Int?
    private let submittedWhenFinished: Int?

    /// - Parameter includePartial: Keep every response: nothing is unfinished.
    init(plan: ColumnPlan, includePartial: Bool) {
        finished = includePartial ? nil : plan.finished
        submittedWhenFinished = includePartial ? nil : plan.submittedWhenFinished
    }

    /// Whether the row is an unfinished response to skip.
    @inline(__always)
    func skips(_ record: CSVRecord) -> Bool {
        if let finished, finished < record.count, record.withTrimmedField(finished, Self.isUnfinished) {
            return true
        }
        if let submittedWhenFinished, submittedWhenFinished < record.count, record.isBlank(submittedWhenFinished) {
            return true
        }
        return false
    }

    /// Qualtrics writes `0` / `1`, or `False` / `True` in choice-text exports.
    static func isUnfinished(_ cell: UnsafeRawBufferPointer) -> Bool {
        if cell.count == 1 { return cell[0] == UInt8(ascii: "0") }
        return cell.count == 5 && String(decoding: cell, as: UTF8.self).lowercased() == "false"
    }
}
