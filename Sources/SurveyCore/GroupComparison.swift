/// One organisation's groups compared on every dimension in one wave.
///
/// Everything `opmodel compare` shows, already suppressed: a hidden group carries its name
/// and nothing else, and no comparison involves it. Encoded as JSON it is the
/// `opmodel.comparison/1` document (keys in snake_case).
public struct GroupComparison: Codable, Sendable, Hashable {
    /// The schema name and version.
    public var schema = "opmodel.comparison/1"
    /// The survey version answered.
    public var survey: SurveyReference
    /// The wave label.
    public var wave: String
    /// The organisation's name.
    public var org: String
    /// The anonymity threshold applied.
    public var minGroup: Int
    /// How the organisation was split.
    public var breakdown: GroupBreakdown
    /// Whether every pair of groups was compared (otherwise each group against the rest).
    public var pairs: Bool
    /// The called-out rule, as one sentence.
    public var rule: String
    /// The dimensions, in survey order.
    public var dimensions: [Heading]
    /// The organisation's own figures, for reference.
    public var organisation: Group
    /// The groups, in display order.
    public var groups: [Group]
    /// Every difference tested (or found untestable), in dimension then group order.
    public var comparisons: [Comparison]
    /// For each flag, the groups it fires in (division and team breakdowns).
    public var flags: [FlagSpread]
    /// What the reader should know: rows left out and why.
    public var notes: [String]

    /// Creates a comparison.
    public init(survey: SurveyReference, wave: String, org: String, minGroup: Int, breakdown: GroupBreakdown, pairs: Bool,
                rule: String, dimensions: [Heading], organisation: Group, groups: [Group], comparisons: [Comparison],
                flags: [FlagSpread], notes: [String]) {
        self.survey = survey
        self.wave = wave
        self.org = org
        self.minGroup = minGroup
        self.breakdown = breakdown
        self.pairs = pairs
        self.rule = rule
        self.dimensions = dimensions
        self.organisation = organisation
        self.groups = groups
        self.comparisons = comparisons
        self.flags = flags
        self.notes = notes
    }

    /// A dimension's id and title.
    public struct Heading: Codable, Sendable, Hashable {
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    /// A group's figures on every dimension; all nil when the group is suppressed.
    public struct Group: Codable, Sendable, Hashable {
        /// The group's label: a division's name, "Division / Team", or a role group.
        public var name: String
        /// Whether the anonymity rules hide the group.
        public var suppressed: Bool
        /// Respondents; nil when hidden.
        public var respondents: Int?
        /// One entry per dimension, in ``GroupComparison/dimensions`` order.
        public var scores: [Score]

        public init(name: String, suppressed: Bool, respondents: Int?, scores: [Score]) {
            self.name = name
            self.suppressed = suppressed
            self.respondents = respondents
            self.scores = scores
        }
    }

    /// A group's dimension score on the 0–100 scale; nil figures are hidden.
    public struct Score: Codable, Sendable, Hashable {
        public var dimension: String
        /// Respondents with a dimension score.
        public var n: Int?
        /// The mean respondent score, 0–100.
        public var score100: Double?
        /// Its 95% t-interval, 0–100.
        public var ci95: Interval?

        public init(dimension: String, n: Int?, score100: Double?, ci95: Interval?) {
            self.dimension = dimension
            self.n = n
            self.score100 = score100
            self.ci95 = ci95
        }
    }

    /// One group against the rest of the organisation, or against another group.
    public struct Comparison: Codable, Sendable, Hashable {
        /// The dimension's id.
        public var dimension: String
        /// The group's label.
        public var group: String
        /// "Rest of organisation" or the other group's label.
        public var against: String
        /// The group's mean minus the other's, with its test.
        public var test: DifferenceTest

        public init(dimension: String, group: String, against: String, test: DifferenceTest) {
            self.dimension = dimension
            self.group = group
            self.against = against
            self.test = test
        }
    }

    /// Where one flag rule fires among the visible groups.
    public struct FlagSpread: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var severity: String
        /// Visible groups (and the organisation) where the flag fires.
        public var firedIn: [String]
        /// Visible groups where it was evaluated and did not fire.
        public var clearIn: [String]
        /// Visible groups without enough answers to evaluate it.
        public var notEnoughAnswersIn: [String]

        public init(id: String, title: String, severity: String, firedIn: [String], clearIn: [String], notEnoughAnswersIn: [String]) {
            self.id = id
            self.title = title
            self.severity = severity
            self.firedIn = firedIn
            self.clearIn = clearIn
            self.notEnoughAnswersIn = notEnoughAnswersIn
        }
    }
}
