/// A difference between two means of respondent dimension scores, on the 0–100 scale, with
/// Welch's test and the called-out verdict.
///
/// Used for a group against the rest of its organisation, for two groups, and for one unit
/// between two waves. `pAdjusted` is Benjamini–Hochberg over every test of the output.
public struct DifferenceTest: Codable, Sendable, Hashable {
    /// Whether a test ran.
    public enum Status: String, Codable, Sendable, Hashable {
        /// Welch's test ran.
        case tested
        /// Both groups have zero variance: there is no test, only the difference.
        case noTest = "no-test"
    }

    /// Whether a test ran.
    public var status: Status
    /// The first mean minus the second, in points on the 0–100 scale.
    public var difference: Double
    /// Welch's 95% interval of the difference, 0–100 points; nil without a test.
    public var ci95: Interval?
    /// Hedges' g; nil without a test.
    public var hedgesG: Double?
    /// The Welch–Satterthwaite degrees of freedom; nil without a test.
    public var degreesOfFreedom: Double?
    /// The two-sided p-value; nil without a test.
    public var p: Double?
    /// The Benjamini–Hochberg adjusted p over the output's family of tests; nil without a test.
    public var pAdjusted: Double?
    /// Whether the difference is called out (adjusted p < 0.05 and at least 5 points).
    public var calledOut: Bool
    /// Respondents with a score in the first group.
    public var n1: Int
    /// Respondents with a score in the second group.
    public var n2: Int

    /// Creates a difference.
    public init(status: Status, difference: Double, ci95: Interval?, hedgesG: Double?, degreesOfFreedom: Double?,
                p: Double?, pAdjusted: Double?, calledOut: Bool, n1: Int, n2: Int) {
        self.status = status
        self.difference = difference
        self.ci95 = ci95
        self.hedgesG = hedgesG
        self.degreesOfFreedom = degreesOfFreedom
        self.p = p
        self.pAdjusted = pAdjusted
        self.calledOut = calledOut
        self.n1 = n1
        self.n2 = n2
    }
}
