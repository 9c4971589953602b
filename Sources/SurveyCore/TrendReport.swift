/// One unit's (and its children's) dimension scores wave by wave, with tested deltas.
///
/// Everything `opmodel trend` shows, already suppressed: a hidden point carries its wave
/// and nothing else, and no delta touches it. Encoded as JSON it is the `opmodel.trend/1`
/// document (keys in snake_case).
public struct TrendReport: Codable, Sendable, Hashable {
    /// The schema name and version.
    public var schema = "opmodel.trend/1"
    /// The survey id.
    public var surveyID: String
    /// The organisation's name.
    public var org: String
    /// The anonymity threshold applied.
    public var minGroup: Int
    /// The called-out rule, as one sentence.
    public var rule: String
    /// The waves shown, oldest first, with the survey version each used.
    public var waves: [Wave]
    /// The dimensions, in the latest survey's order.
    public var dimensions: [GroupComparison.Heading]
    /// The unit asked for first, then its children.
    public var units: [Unit]
    /// Breaks in trend lines and items added or dropped between versions.
    public var notes: [String]

    /// Creates a trend report.
    public init(surveyID: String, org: String, minGroup: Int, rule: String, waves: [Wave],
                dimensions: [GroupComparison.Heading], units: [Unit], notes: [String]) {
        self.surveyID = surveyID
        self.org = org
        self.minGroup = minGroup
        self.rule = rule
        self.waves = waves
        self.dimensions = dimensions
        self.units = units
        self.notes = notes
    }

    /// A wave label and the survey version most of its responses used.
    public struct Wave: Codable, Sendable, Hashable {
        public var label: String
        public var surveyVersion: Int

        public init(label: String, surveyVersion: Int) {
            self.label = label
            self.surveyVersion = surveyVersion
        }
    }

    /// One unit's lines, one per dimension.
    public struct Unit: Codable, Sendable, Hashable {
        /// The unit's label: path below the organisation ("Retail / Blue"), or the organisation.
        public var name: String
        /// Names from the organisation down.
        public var path: [String]
        public var lines: [Line]

        public init(name: String, path: [String], lines: [Line]) {
            self.name = name
            self.path = path
            self.lines = lines
        }
    }

    /// One dimension across the waves.
    public struct Line: Codable, Sendable, Hashable {
        public var dimension: String
        /// One point per wave, in ``TrendReport/waves`` order.
        public var points: [Point]

        public init(dimension: String, points: [Point]) {
            self.dimension = dimension
            self.points = points
        }
    }

    /// A dimension's score in one wave and its change from the wave before.
    public struct Point: Codable, Sendable, Hashable {
        public var wave: String
        /// Whether the anonymity rules hide this figure (or the unit took no part).
        public var suppressed: Bool
        public var n: Int?
        /// 0–100.
        public var score100: Double?
        /// 95% t-interval, 0–100.
        public var ci95: Interval?
        /// The change from the previous wave shown; nil for the first wave.
        public var delta: Delta?

        public init(wave: String, suppressed: Bool, n: Int?, score100: Double?, ci95: Interval?, delta: Delta?) {
            self.wave = wave
            self.suppressed = suppressed
            self.n = n
            self.score100 = score100
            self.ci95 = ci95
            self.delta = delta
        }
    }

    /// The change of a dimension's score from one wave to the next, on the items both share.
    public struct Delta: Codable, Sendable, Hashable {
        /// What the change means.
        public enum Status: String, Codable, Sendable, Hashable {
            /// Called out, upwards.
            case improved
            /// Called out, downwards.
            case declined
            /// Tested and not called out.
            case notCalledOut = "not-called-out"
            /// Both waves have zero variance on the shared items.
            case noTest = "no-test"
            /// No agreement item continues from the previous wave's survey.
            case lineBroken = "line-broken"
            /// A figure in either wave is hidden by the anonymity rules.
            case suppressed
        }

        /// The earlier wave.
        public var from: String
        public var status: Status
        /// This wave's mean minus the earlier one's, on the shared items; nil unless tested or no-test.
        public var test: DifferenceTest?
        /// Agreement items both waves share (unchanged or carried over).
        public var sharedItems: [String]

        public init(from: String, status: Status, test: DifferenceTest?, sharedItems: [String]) {
            self.from = from
            self.status = status
            self.test = test
            self.sharedItems = sharedItems
        }
    }
}
