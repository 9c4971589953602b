/// An ordered answer scale for agreement items, such as 1 Strongly disagree … 5 Strongly agree.
public struct AnswerScale: Codable, Hashable, Sendable {
    /// One point of the scale.
    public struct Point: Codable, Hashable, Sendable {
        /// The point's number.
        public var value: Int
        /// Its label texts; the first is canonical.
        public var labels: [String]

        /// Creates a point.
        public init(value: Int, labels: [String]) {
            self.value = value
            self.labels = labels
        }
    }

    /// Whether a point counts as favourable, neutral or unfavourable.
    public enum Polarity: String, Codable, Hashable, Sendable {
        case favorable, neutral, unfavorable
    }

    /// The scale's id, unique in its survey.
    public var id: String
    /// The points in increasing order.
    public var points: [Point]
    /// Values that count as favourable.
    public var favorable: [Int]
    /// Values that count as neutral (empty on scales without a middle).
    public var neutral: [Int]
    /// Values that count as unfavourable.
    public var unfavorable: [Int]
    /// Answer texts read as missing ("N/A", "Don't know"); a blank is always missing.
    public var missing: [String]

    /// Creates a scale.
    public init(id: String, points: [Point], favorable: [Int], neutral: [Int], unfavorable: [Int], missing: [String]) {
        self.id = id
        self.points = points
        self.favorable = favorable
        self.neutral = neutral
        self.unfavorable = unfavorable
        self.missing = missing
    }

    /// The lowest value.
    public var min: Int { points.first?.value ?? 0 }
    /// The highest value.
    public var max: Int { points.last?.value ?? 0 }

    /// The polarity of a value on this scale, after any reverse-keying.
    public func polarity(of value: Int) -> Polarity? {
        if favorable.contains(value) { return .favorable }
        if neutral.contains(value) { return .neutral }
        if unfavorable.contains(value) { return .unfavorable }
        return nil
    }

    /// The canonical label of a value.
    public func label(of value: Int) -> String? {
        points.first { $0.value == value }?.labels.first
    }

    /// Every text an export may use for each value, normalised with ``normalizedKey(_:)``.
    ///
    /// For a label "Agree" on 4 that is "agree", "4", "4 - agree", "4-agree", "4. agree",
    /// "4: agree", "4 = agree" and "(4) agree".
    public func answerVariants() -> [(text: String, value: Int)] {
        var result: [(String, Int)] = []
        for point in points {
            result.append((String(point.value), point.value))
            for label in point.labels {
                let key = normalizedKey(label)
                result.append((key, point.value))
                for separator in [" - ", "-", " – ", ". ", ": ", " = ", " "] {
                    result.append(("\(point.value)\(separator)\(key)", point.value))
                }
                result.append(("(\(point.value)) \(key)", point.value))
                result.append(("\(key) (\(point.value))", point.value))
            }
        }
        return result
    }
}
