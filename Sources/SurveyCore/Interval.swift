/// A two-sided confidence interval `lower...upper`.
///
/// Encoded as the two-number array `[lower, upper]` the `opmodel.scorecard/1` schema
/// documents; decoding anything else is an error.
public struct Interval: Sendable, Hashable {
    /// The lower end.
    public var lower: Double
    /// The upper end.
    public var upper: Double

    /// Creates an interval from its ends, in the order given (a caller may build a
    /// malformed one; reports check `lower ≤ upper` before rendering).
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The interval with both ends transformed, e.g. from the scale to 0–100; the ends are
    /// put back in order, so a decreasing transform keeps `lower ≤ upper`.
    public func map(_ transform: (Double) -> Double) -> Interval {
        let a = transform(lower), b = transform(upper)
        return Interval(lower: min(a, b), upper: max(a, b))
    }
}

extension Interval: Codable {
    /// Reads `[lower, upper]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let lower = try container.decode(Double.self)
        let upper = try container.decode(Double.self)
        guard container.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "an interval has 2 values (low, high)")
        }
        self.init(lower: lower, upper: upper)
    }

    /// Writes `[lower, upper]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(lower)
        try container.encode(upper)
    }
}
