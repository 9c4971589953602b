/// How serious a flag is.
public enum FlagSeverity: String, Codable, Hashable, Sendable, CaseIterable {
    case high, medium, low
}

/// The statistic a flag condition computes over a group's answers to one item.
public enum FlagStatistic: Codable, Hashable, Sendable {
    /// Percent of valid answers that are favourable (agreement items).
    case shareFavorable
    /// Percent of valid answers that are unfavourable (agreement items).
    case shareUnfavorable
    /// Percent of respondents who chose any of the options (choice, multi).
    case shareChoosing(options: [String])
    /// Percent of respondents who chose only among the options, or nothing (choice, multi).
    case shareOnly(options: [String])
    /// Mean of the answers (agreement after reverse-keying, numeric, valued choice).
    case mean
    /// Median of the answers.
    case median

    /// The key used in survey files.
    public var key: String {
        switch self {
        case .shareFavorable: "share_favorable"
        case .shareUnfavorable: "share_unfavorable"
        case .shareChoosing: "share_choosing"
        case .shareOnly: "share_only"
        case .mean: "mean"
        case .median: "median"
        }
    }

    /// Whether the statistic is a percentage of the base.
    public var isShare: Bool {
        switch self {
        case .mean, .median: false
        default: true
        }
    }
}

/// How a statistic is compared with its threshold.
public enum FlagComparison: String, Codable, Hashable, Sendable, CaseIterable {
    case atLeast = "at_least"
    case atMost = "at_most"
    case above
    case below

    /// Whether `value` meets `threshold`.
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .atLeast: value >= threshold
        case .atMost: value <= threshold
        case .above: value > threshold
        case .below: value < threshold
        }
    }

    /// For a share `count / base` against a percent threshold, compared exactly in integers
    /// scaled by 100, so a flag fires at its threshold and not below.
    public func holds(count: Int, base: Int, thresholdPercent: Double) -> Bool {
        // count·100 vs threshold·base, in exact rational arithmetic on integers (threshold to 1e-6).
        let lhs = Int64(count) * 100 * 1_000_000
        let rhs = Int64((thresholdPercent * 1_000_000).rounded()) * Int64(base)
        switch self {
        case .atLeast: return lhs >= rhs
        case .atMost: return lhs <= rhs
        case .above: return lhs > rhs
        case .below: return lhs < rhs
        }
    }

    /// The symbol shown in reports.
    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .above: ">"
        case .below: "<"
        }
    }
}

/// One test of a flag: a statistic of one item compared with a threshold.
public struct FlagTest: Codable, Hashable, Sendable {
    /// What is computed.
    public var statistic: FlagStatistic
    /// The item it is computed on.
    public var item: String
    /// How it is compared.
    public var comparison: FlagComparison
    /// The threshold: a percent for shares, the item's units otherwise.
    public var threshold: Double
    /// Respondents it counts; nil means the flag's roles.
    public var roles: [Role]?

    /// Creates a test.
    public init(statistic: FlagStatistic, item: String, comparison: FlagComparison, threshold: Double, roles: [Role]? = nil) {
        self.statistic = statistic
        self.item = item
        self.comparison = comparison
        self.threshold = threshold
        self.roles = roles.map { Array(Set($0)).sorted() }
    }
}

/// A flag's condition: a test, or all / any of other conditions.
public indirect enum FlagCondition: Codable, Hashable, Sendable {
    case test(FlagTest)
    case all([FlagCondition])
    case any([FlagCondition])

    /// Every test in the condition, depth first.
    public var tests: [FlagTest] {
        switch self {
        case .test(let test): [test]
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.tests)
        }
    }
}

/// A declarative anti-pattern rule, evaluated per unit.
public struct FlagRule: Codable, Hashable, Sendable {
    /// Stable id.
    public var id: String
    /// The title shown in reports.
    public var title: String
    /// How serious it is.
    public var severity: FlagSeverity
    /// The smallest base the rule is evaluated on.
    public var minN: Int
    /// The respondents it counts; nil means all.
    public var roles: [Role]?
    /// When it fires.
    public var condition: FlagCondition
    /// Why the pattern matters.
    public var explanation: String
    /// What to do about it.
    public var advice: String

    /// Creates a rule.
    public init(id: String, title: String, severity: FlagSeverity, minN: Int, roles: [Role]? = nil,
                condition: FlagCondition, explanation: String, advice: String) {
        self.id = id
        self.title = title
        self.severity = severity
        self.minN = minN
        self.roles = roles.map { Array(Set($0)).sorted() }
        self.condition = condition
        self.explanation = explanation
        self.advice = advice
    }
}
