import SurveyCore

/// ``normalizedKey(_:)`` of texts that repeat from row to row (unit names), each spelling
/// normalised once.
struct NormalizedKeys {
    private var cache: [String: String] = [:]
    /// Spellings kept; beyond it, keys are computed every time.
    private let limit: Int

    init(limit: Int = 100_000) {
        self.limit = limit
    }

    /// The normalised key of `text`.
    @inline(__always)
    mutating func key(_ text: String) -> String {
        if let cached = cache[text] { return cached }
        let value = normalizedKey(text)
        if cache.count < limit { cache[text] = value }
        return value
    }
}
