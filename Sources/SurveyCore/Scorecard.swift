/// A maturity scorecard: one organisation in one wave, with its divisions and teams.
///
/// Everything a report shows, already computed and already suppressed: a renderer never sees a
/// figure for a group below the anonymity threshold. Encoded as JSON it is the documented
/// `opmodel.scorecard/1` schema (keys in snake_case).
public struct Scorecard: Codable, Sendable, Hashable {
    /// The schema name and version.
    public var schema = "opmodel.scorecard/1"
    /// The survey version answered.
    public var survey: SurveyReference
    /// The agreement scale's range, so readers can place means ("1–5").
    public var scale: ScaleRange
    /// The wave label.
    public var wave: String
    /// The wave before it, when the organisation took part in one.
    public var previousWave: String?
    /// The organisation's name.
    public var org: String
    /// The anonymity threshold applied.
    public var minGroup: Int
    /// The maturity bands, so a reader can see how levels are defined.
    public var bands: [MaturityBand]
    /// The organisation's own figures and, under `units`, its divisions and teams.
    public var unit: UnitScore
    /// The organisation's score per dimension over the waves up to this one, with called-out
    /// changes; nil when it has taken part in one wave only.
    public var trend: [TrendReport.Line]?
    /// How its Product Owners and Product Managers differ; nil when not computed.
    public var roleGap: RoleGap?

    /// Creates a scorecard.
    public init(survey: SurveyReference, scale: ScaleRange, wave: String, previousWave: String?, org: String, minGroup: Int,
                bands: [MaturityBand], unit: UnitScore) {
        self.survey = survey
        self.scale = scale
        self.wave = wave
        self.previousWave = previousWave
        self.org = org
        self.minGroup = minGroup
        self.bands = bands
        self.unit = unit
    }

    private enum CodingKeys: String, CodingKey {
        case schema, survey, scale, wave, previousWave, org, minGroup, bands, unit, trend, roleGap
    }

    /// Reads a scorecard document; the previous wave's 0–100 scores, which the document does
    /// not carry, are placed on ``scale`` from its means.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        survey = try container.decode(SurveyReference.self, forKey: .survey)
        scale = try container.decode(ScaleRange.self, forKey: .scale)
        wave = try container.decode(String.self, forKey: .wave)
        previousWave = try container.decodeIfPresent(String.self, forKey: .previousWave)
        org = try container.decode(String.self, forKey: .org)
        minGroup = try container.decode(Int.self, forKey: .minGroup)
        bands = try container.decode([MaturityBand].self, forKey: .bands)
        unit = try container.decode(UnitScore.self, forKey: .unit)
        trend = try container.decodeIfPresent([TrendReport.Line].self, forKey: .trend)
        roleGap = try container.decodeIfPresent(RoleGap.self, forKey: .roleGap)
        unit.placePreviousScores(on: scale)
    }
}

extension UnitScore {
    /// Sets ``previousScore100`` from ``previous`` on `scale`, for this unit and its children.
    mutating func placePreviousScores(on scale: ScaleRange) {
        previousScore100 = previous?.mapValues(scale.roundedScore100(forMean:))
        for index in units.indices { units[index].placePreviousScores(on: scale) }
    }
}

/// A survey id, version and title.
public struct SurveyReference: Codable, Sendable, Hashable {
    /// The survey id.
    public var id: String
    /// The version number.
    public var version: Int
    /// The survey's title.
    public var title: String

    /// Creates a reference.
    public init(id: String, version: Int, title: String) {
        self.id = id
        self.version = version
        self.title = title
    }
}

/// The lowest and highest value of the agreement scale dimension means are on.
public struct ScaleRange: Codable, Sendable, Hashable {
    /// The lowest value (1 on a 1–5 scale).
    public var min: Double
    /// The highest value.
    public var max: Double

    /// Creates a range.
    public init(min: Double, max: Double) {
        self.min = min
        self.max = max
    }

    /// A mean on this scale as a 0–100 score, `(mean - min) / (max - min) · 100`.
    package func score100(forMean mean: Double) -> Double {
        (mean - min) / (max - min) * 100
    }

    /// ``score100(forMean:)`` rounded to 1e-6, for the previous wave's scores on the radar: a
    /// mean such as 2.05, whose binary value lies just below the decimal, keeps the decimal's
    /// score (26.25, shown as 26.3) instead of 26.2499…, as when the radar derived them.
    package func roundedScore100(forMean mean: Double) -> Double {
        (score100(forMean: mean) * 1e6).rounded() / 1e6
    }
}

/// One unit's figures: respondents, dimensions, overall, flags, role breakdown and children.
public struct UnitScore: Codable, Sendable, Hashable {
    /// The unit's name as first spelled.
    public var name: String
    /// organisation, division or team.
    public var level: String
    /// Names from the organisation down to this unit.
    public var path: [String]
    /// Whether the unit is hidden by the anonymity rules; then no figure below is set.
    public var suppressed: Bool
    /// Respondents in the wave.
    public var respondents: Int?
    /// Respondents over headcount, 0–100, when a headcount is known.
    public var responseRate: Double?
    /// The overall score.
    public var overall: OverallScore?
    /// Per dimension.
    public var dimensions: [DimensionScore]
    /// Every flag rule's outcome.
    public var flags: [FlagResult]
    /// Figures per role group where groups are large enough.
    public var roles: [RoleScore]
    /// Free-text answers (masked, shuffled, unattributed), only for units of 10 or more.
    public var comments: [CommentGroup]
    /// Previous wave's dimension means, by dimension id, for trend marks.
    public var previous: [String: Double]?
    /// Previous wave's dimension scores on 0–100, by dimension id, for the radar: the same
    /// figures as ``previous``, placed on each dimension's own scale by the scorecard builder.
    ///
    /// Not part of the JSON document, which carries the means; a decoded scorecard places
    /// them on its ``Scorecard/scale``.
    public var previousScore100: [String: Double]?
    /// Divisions of an organisation, teams of a division.
    public var units: [UnitScore]

    /// A unit hidden by the anonymity rules: its name and nothing else.
    public static func suppressed(name: String, level: String, path: [String]) -> UnitScore {
        UnitScore(name: name, level: level, path: path, suppressed: true, respondents: nil, responseRate: nil, overall: nil,
                  dimensions: [], flags: [], roles: [], comments: [], previous: nil, units: [])
    }

    /// Creates a unit's figures.
    public init(name: String, level: String, path: [String], suppressed: Bool, respondents: Int?, responseRate: Double?,
                overall: OverallScore?, dimensions: [DimensionScore], flags: [FlagResult], roles: [RoleScore],
                comments: [CommentGroup], previous: [String: Double]?, previousScore100: [String: Double]? = nil,
                units: [UnitScore]) {
        self.name = name
        self.level = level
        self.path = path
        self.suppressed = suppressed
        self.respondents = respondents
        self.responseRate = responseRate
        self.overall = overall
        self.dimensions = dimensions
        self.flags = flags
        self.roles = roles
        self.comments = comments
        self.previous = previous
        self.previousScore100 = previousScore100
        self.units = units
    }

    private enum CodingKeys: String, CodingKey {
        case name, level, path, suppressed, respondents, responseRate, overall, dimensions, flags, roles, comments,
             previous, units
    }
}

/// The overall score: the (weighted) mean of the dimension means.
public struct OverallScore: Codable, Sendable, Hashable {
    /// On the survey's scale.
    public var mean: Double
    /// 0–100.
    public var score100: Double
    /// The maturity band's name.
    public var level: String

    public init(mean: Double, score100: Double, level: String) {
        self.mean = mean
        self.score100 = score100
        self.level = level
    }
}

/// One dimension's figures for a group.
public struct DimensionScore: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    /// Respondents with a dimension score; nil when the figure is hidden.
    public var n: Int?
    /// Respondents the dimension applied to who answered too few of its items for a score;
    /// nil when the figure is hidden.
    public var nMissing: Int?
    /// Mean of respondents' dimension scores, on the scale.
    public var mean: Double?
    /// 95% t-interval of the mean, on the scale.
    public var ci95: Interval?
    /// 0–100.
    public var score100: Double?
    /// Favourable share of the pooled answers, 0–100.
    public var favorablePct: Double?
    /// Its 95% interval (respondents as clusters), 0–100.
    public var favorableCi95: Interval?
    public var neutralPct: Double?
    public var unfavorablePct: Double?
    /// Cronbach's alpha, organisation level only.
    public var alpha: Double?
    /// The maturity band's name.
    public var level: String?
    /// The dimension's agreement items.
    public var items: [ItemScore]

    public init(id: String, title: String, n: Int?, nMissing: Int?, mean: Double?, ci95: Interval?, score100: Double?,
                favorablePct: Double?, favorableCi95: Interval?, neutralPct: Double?, unfavorablePct: Double?,
                alpha: Double?, level: String?, items: [ItemScore]) {
        self.id = id
        self.title = title
        self.n = n
        self.nMissing = nMissing
        self.mean = mean
        self.ci95 = ci95
        self.score100 = score100
        self.favorablePct = favorablePct
        self.favorableCi95 = favorableCi95
        self.neutralPct = neutralPct
        self.unfavorablePct = unfavorablePct
        self.alpha = alpha
        self.level = level
        self.items = items
    }
}

/// One item's figures, after reverse-keying.
public struct ItemScore: Codable, Sendable, Hashable {
    /// The item's id.
    public var id: String
    /// The question text.
    public var text: String
    /// Valid answers; nil when the figure is hidden.
    public var nValid: Int?
    /// Missing answers (N/A, blank) among respondents it applies to; nil when hidden.
    public var nMissing: Int?
    /// Mean on the scale, after reverse-keying.
    public var mean: Double?
    /// Favourable share, 0–100.
    public var favorablePct: Double?
    /// Wilson interval of the favourable share, 0–100.
    public var favorableCi95: Interval?

    public init(id: String, text: String, nValid: Int?, nMissing: Int?, mean: Double?, favorablePct: Double?, favorableCi95: Interval?) {
        self.id = id
        self.text = text
        self.nValid = nValid
        self.nMissing = nMissing
        self.mean = mean
        self.favorablePct = favorablePct
        self.favorableCi95 = favorableCi95
    }
}

/// A flag rule's outcome for a unit.
public struct FlagResult: Codable, Sendable, Hashable {
    /// fired, clear, or not-enough-answers.
    public enum Status: String, Codable, Sendable, Hashable {
        case fired
        case clear
        case notEnoughAnswers = "not-enough-answers"
    }

    public var id: String
    public var title: String
    public var severity: String
    public var status: Status
    /// The first test's statistic (percent for shares), for the headline.
    public var value: Double?
    /// Its 95% interval.
    public var ci95: Interval?
    /// Its threshold, with the comparison.
    public var threshold: Double?
    /// The first test's base n.
    public var n: Int?
    public var explanation: String
    public var advice: String
    /// Every test of the rule with its own evidence.
    public var evidence: [FlagEvidence]

    public init(id: String, title: String, severity: String, status: Status, value: Double?, ci95: Interval?, threshold: Double?,
                n: Int?, explanation: String, advice: String, evidence: [FlagEvidence]) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.value = value
        self.ci95 = ci95
        self.threshold = threshold
        self.n = n
        self.explanation = explanation
        self.advice = advice
        self.evidence = evidence
    }
}

/// One test of a flag rule: what was computed on whom, and whether it held.
public struct FlagEvidence: Codable, Sendable, Hashable {
    /// A readable statement, e.g. "share choosing Never, 3–12 months ago on customer_contact among Product Owner".
    public var description: String
    public var statistic: String
    public var item: String
    public var comparison: String
    public var threshold: Double
    public var value: Double?
    public var ci95: Interval?
    /// The base: respondents counted; nil when below the anonymity threshold or hidden.
    public var n: Int?
    public var holds: Bool?

    public init(description: String, statistic: String, item: String, comparison: String, threshold: Double, value: Double?,
                ci95: Interval?, n: Int?, holds: Bool?) {
        self.description = description
        self.statistic = statistic
        self.item = item
        self.comparison = comparison
        self.threshold = threshold
        self.value = value
        self.ci95 = ci95
        self.n = n
        self.holds = holds
    }
}

/// A role group's figures within a unit.
public struct RoleScore: Codable, Sendable, Hashable {
    /// The role's display name, or "Others" for the remaining roles together.
    public var role: String
    public var suppressed: Bool
    public var respondents: Int?
    public var dimensions: [DimensionScore]

    public init(role: String, suppressed: Bool, respondents: Int?, dimensions: [DimensionScore]) {
        self.role = role
        self.suppressed = suppressed
        self.respondents = respondents
        self.dimensions = dimensions
    }
}

/// The free-text answers to one item: a stable sample, so a report stays readable (and small)
/// however many people wrote something.
public struct CommentGroup: Codable, Sendable, Hashable {
    /// The item's id.
    public var item: String
    /// The question text.
    public var text: String
    /// The comments shown, masked, in a stable shuffled order.
    public var comments: [String]
    /// How many comments the unit has in all.
    public var total: Int

    /// Creates a group.
    public init(item: String, text: String, comments: [String], total: Int) {
        self.item = item
        self.text = text
        self.comments = comments
        self.total = total
    }
}

/// How Product Owners and Product Managers of an organisation differ: on every dimension (with
/// Welch intervals and the called-out rule) and on the statistics the flags look at.
public struct RoleGap: Codable, Sendable, Hashable {
    /// Every pair of role groups (Product Owner, Product Manager, Others), per dimension.
    public var comparison: GroupComparison
    /// Each flag's tests computed among Product Owners and among Product Managers.
    public var flags: [RoleGapFlag]

    /// Creates a gap.
    public init(comparison: GroupComparison, flags: [RoleGapFlag]) {
        self.comparison = comparison
        self.flags = flags
    }
}

/// One flag's tests for Product Owners and Product Managers side by side.
public struct RoleGapFlag: Codable, Sendable, Hashable {
    /// The flag's id.
    public var id: String
    /// Its title.
    public var title: String
    /// One entry per test of the flag.
    public var tests: [RoleGapTest]

    /// Creates a row.
    public init(id: String, title: String, tests: [RoleGapTest]) {
        self.id = id
        self.title = title
        self.tests = tests
    }
}

/// One flag test's statistic among Product Owners and among Product Managers (nil when a
/// group's base is below the flag's minimum or the anonymity threshold).
public struct RoleGapTest: Codable, Sendable, Hashable {
    /// What is computed, e.g. "share choosing 'Never' for 'customer_contact'".
    public var description: String
    /// Whether the value is a percent.
    public var isShare: Bool
    /// Among Product Owners.
    public var productOwner: Double?
    /// Their base.
    public var productOwnerN: Int?
    /// Among Product Managers.
    public var productManager: Double?
    /// Their base.
    public var productManagerN: Int?

    /// Creates a test row.
    public init(description: String, isShare: Bool, productOwner: Double?, productOwnerN: Int?, productManager: Double?, productManagerN: Int?) {
        self.description = description
        self.isShare = isShare
        self.productOwner = productOwner
        self.productOwnerN = productOwnerN
        self.productManager = productManager
        self.productManagerN = productManagerN
    }
}
