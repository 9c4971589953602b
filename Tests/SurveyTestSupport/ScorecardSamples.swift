import Foundation
import SurveyCore

/// Hand-built scorecards for report tests.
///
/// The figures are made up but consistent the way real ones are: scores are `(mean - 1) / 4 × 100`
/// on a 1–5 scale, bands follow the means, and suppression obeys the anonymity rules (the
/// hidden children of a parent total at least `k` respondents, counting those who gave no
/// division or team).
public enum ScorecardSamples {
    /// The product operating model's bands.
    public static let bands = [
        MaturityBand(name: "Initial", lowerBound: 1.0),
        MaturityBand(name: "Emerging", lowerBound: 2.2),
        MaturityBand(name: "Established", lowerBound: 3.0),
        MaturityBand(name: "Advanced", lowerBound: 3.8),
        MaturityBand(name: "Leading", lowerBound: 4.4),
    ]

    /// The six dimensions, in survey order.
    public static let dimensions = [
        (id: "strategy", title: "Product strategy & outcomes"),
        (id: "discovery", title: "Discovery & customer contact"),
        (id: "org_design", title: "Team design & decision rights"),
        (id: "product_ops", title: "Product operations"),
        (id: "culture", title: "Culture & incentives"),
        (id: "roles_careers", title: "Role clarity & a single product career ladder"),
    ]

    /// A division name that needs escaping in every format.
    public static let escapingDivision = "R&D <Lab> \"Ops\""
    /// A division name that a spreadsheet would run as a formula.
    public static let formulaDivision = "=HYPERLINK(\"x\")"
    /// The suppressed division.
    public static let suppressedDivision = "Field Services"

    /// An organisation in wave 2025-Q2 with a previous wave.
    ///
    /// 212 respondents; six dimensions (alpha missing for `product_ops`, weak for `org_design`,
    /// redundant for `culture`); three divisions, `Field Services` suppressed, 24 respondents
    /// with no division; teams under the visible divisions, one suppressed; flags fired, clear
    /// and not-enough-answers with their evidence; Product Owner, Product Manager and Others;
    /// previous-wave means; one comment group.
    public static func organisation() -> Scorecard {
        let org = "Northwind Retail"
        let scale = ScaleRange(min: 1, max: 5)
        let previous = [
            "strategy": 2.95, "discovery": 2.44, "org_design": 3.40, "product_ops": 2.90, "culture": 3.70,
            "roles_careers": 2.05,
        ]
        let rnd = [org, escapingDivision]
        let hyperlink = [org, formulaDivision]
        let divisionA = UnitScore(
            name: escapingDivision, level: "division", path: rnd, suppressed: false, respondents: 96,
            responseRate: 71.1, overall: overall([3.31, 2.62, 3.71, 3.02, 4.05, 2.33]),
            dimensions: scores([3.31, 2.62, 3.71, 3.02, 4.05, 2.33], respondents: 96),
            flags: [workAboutWork(value: 68.2, ci95: [58.1, 77.0], n: 93, hoursValue: 12.0, hoursN: 61)],
            roles: [], comments: [], previous: nil,
            units: [
                team("Checkout", parent: rnd, respondents: 41, means: [3.40, 2.75, 3.82, 3.10, 4.12, 2.41]),
                team("Search & Discovery", parent: rnd, respondents: 37, means: [3.22, 2.51, 3.60, 2.95, 3.98, 2.27]),
                // 96 − 41 − 37 = 18 hidden: this team and the division's respondents with no team.
                .suppressed(name: "Pricing_Lab *beta*", level: "team", path: rnd + ["Pricing_Lab *beta*"]),
            ])
        let divisionB = UnitScore(
            name: formulaDivision, level: "division", path: hyperlink, suppressed: false, respondents: 88,
            responseRate: 64.7, overall: overall([2.93, 2.17, 3.38, 2.84, 3.69, 2.01]),
            dimensions: scores([2.93, 2.17, 3.38, 2.84, 3.69, 2.01], respondents: 88),
            flags: [orderTakerClear(n: 14)],
            roles: [], comments: [], previous: nil,
            units: [
                team("Platform | Core", parent: hyperlink, respondents: 45, means: [3.01, 2.20, 3.45, 2.90, 3.72, 2.06]),
                team("-Growth", parent: hyperlink, respondents: 43, means: [2.85, 2.14, 3.31, 2.78, 3.66, 1.96]),
            ])
        // 212 − 96 − 88 = 28 hidden: Field Services and the 24 respondents who gave no division.
        let divisionC = UnitScore.suppressed(name: suppressedDivision, level: "division", path: [org, suppressedDivision])

        let orgMeans = [3.12, 2.41, 3.56, 2.95, 3.88, 2.18]
        let unit = UnitScore(
            name: org, level: "organisation", path: [org], suppressed: false, respondents: 212, responseRate: 68.4,
            overall: overall(orgMeans),
            dimensions: organisationDimensions(),
            flags: [
                orderTakerClear(n: 31),
                notEnoughAnswers(),
                workAboutWork(value: 62.5, ci95: [55.1, 69.3], n: 208, hoursValue: 11.5, hoursN: 120),
            ],
            roles: [
                RoleScore(role: "Product Owner", suppressed: false, respondents: 31,
                          dimensions: scores([2.88, 2.05, 3.21, 2.77, 3.52, 2.34], respondents: 31)),
                RoleScore(role: "Product Manager", suppressed: false, respondents: 14,
                          dimensions: scores([3.46, 2.92, 3.40, 3.05, 3.74, 2.61], respondents: 14)),
                RoleScore(role: "Others", suppressed: false, respondents: 167,
                          dimensions: scores([3.14, 2.43, 3.63, 2.97, 3.95, 2.10], respondents: 167)),
            ],
            comments: [
                CommentGroup(item: "one_change",
                             text: "What one change would most help your team deliver better outcomes?",
                             comments: [
                                 "Fewer status meetings, more time with customers.",
                                 "Let us talk to users without going through [account managers] & sales.",
                                 "Stop the <script>alert('x')</script> dashboards nobody reads",
                                 "@ops: a career ladder for POs | not a *certificate*",
                             ], total: 31),
            ],
            previous: previous,
            // As the builder carries them: the previous means on the 1–5 scale.
            previousScore100: previous.mapValues(scale.roundedScore100(forMean:)),
            units: [divisionA, divisionB, divisionC])
        return Scorecard(survey: SurveyReference(id: "product_operating_model", version: 1, title: "Product operating model maturity"),
                         scale: scale, wave: "2025-Q2",
                         previousWave: "2025-Q1", org: org, minGroup: 5, bands: bands, unit: unit)
    }

    // MARK: Building blocks

    private static func organisationDimensions() -> [DimensionScore] {
        let items: [[ItemScore]] = [
            [
                item("strategy_metric", "I can name the metric my team is trying to move this quarter.",
                     n: 206, missing: 2, mean: 3.41, favorable: 52.4, ci: [45.6, 59.1]),
                item("strategy_success_measure", "For the last significant piece of work my team built, we agreed "
                     + "how to measure its success before building started.", n: 197, missing: 11, mean: 2.96,
                     favorable: 35.5, ci: [29.1, 42.4]),
                item("strategy_no_problem_stated", "This quarter, my team was handed features with no problem stated.",
                     n: 204, missing: 4, mean: 2.99, favorable: 36.3, ci: [29.9, 43.1]),
            ],
            [
                item("discovery_weekly_contact", "In a typical week of the last quarter, at least one person on my team "
                     + "talked directly with a customer or user.", n: 201, missing: 7, mean: 2.38, favorable: 21.9,
                     ci: [16.7, 28.1]),
                item("discovery_riskiest_assumption", "Before my team last committed to building something "
                     + "significant, we tested its riskiest assumption with users.", n: 188, missing: 20, mean: 2.44,
                     favorable: 23.9, ci: [18.4, 30.5]),
            ],
            [
                item("org_stable_members", "My team has had the same members for the last six months.",
                     n: 209, missing: 1, mean: 3.92, favorable: 71.3, ci: [64.8, 77.0]),
                item("org_given_problems", "In the last quarter, my team was given problems to solve rather than "
                     + "solutions to build.", n: 203, missing: 7, mean: 3.20, favorable: 45.8, ci: [39.1, 52.7]),
            ],
            [
                item("ops_data_self_serve", "In the past 4 weeks, I could answer a question about product usage "
                     + "myself on the same day.", n: 190, missing: 22, mean: 2.71, favorable: 30.5, ci: [24.4, 37.4]),
                item("ops_work_about_work", "In the past 4 weeks, I spent more time in meetings about the work than "
                     + "doing the work.", n: 205, missing: 7, mean: 3.19, favorable: 41.5, ci: [34.9, 48.3]),
            ],
            [
                item("culture_celebrated_result", "The last success my team celebrated was a result for customers, "
                     + "not only a launch.", n: 204, missing: 3, mean: 3.90, favorable: 66.7, ci: [60.0, 72.8]),
                item("culture_challenge_held_against", "On my team, questioning a plan is held against the person "
                     + "who raised it.", n: 206, missing: 1, mean: 3.86, favorable: 65.5, ci: [58.8, 71.6]),
            ],
            [
                item("roles_decision_owner", "I know who makes product decisions for my team.",
                     n: 205, missing: 3, mean: 2.62, favorable: 27.7, ci: [20.7, 35.9]),
                item("roles_next_level", "(Product Owners, Product Managers) I know what I would need to show to "
                     + "reach the next product level.", n: 42, missing: 3, mean: 1.88, favorable: 11.9, ci: [5.2, 25.0]),
            ],
        ]
        let spec: [(n: Int, missing: Int, mean: Double, ci: [Double], favorable: Double, favorableCI: [Double],
                    neutral: Double, alpha: Double?)] = [
            (208, 4, 3.12, [2.98, 3.26], 41.3, [37.0, 45.6], 24.1, 0.81),
            (205, 7, 2.41, [2.27, 2.55], 22.8, [19.1, 26.5], 21.5, 0.74),
            (210, 2, 3.56, [3.43, 3.69], 58.6, [54.2, 63.0], 20.3, 0.68),
            // No alpha: two of its items apply to product roles only, too few answered both.
            (198, 14, 2.95, [2.82, 3.08], 36.0, [31.8, 40.2], 25.4, nil),
            (207, 5, 3.88, [3.76, 4.00], 66.2, [62.0, 70.4], 17.5, 0.96),
            (204, 4, 2.18, [2.05, 2.31], 18.9, [14.3, 23.5], 22.7, 0.77),
        ]
        return dimensions.indices.map { index in
            let (id, title) = dimensions[index]
            let figures = spec[index]
            return DimensionScore(
                id: id, title: title, n: figures.n, nMissing: figures.missing, mean: figures.mean, ci95: interval(figures.ci),
                score100: score100(figures.mean), favorablePct: figures.favorable, favorableCi95: interval(figures.favorableCI),
                neutralPct: figures.neutral, unfavorablePct: rounded(100 - figures.favorable - figures.neutral, 1),
                alpha: figures.alpha, level: band(figures.mean), items: items[index])
        }
    }

    /// Dimension scores for a division, team or role: intervals and shares follow from the
    /// mean and the respondents; no alpha (organisation level only) and no item rows.
    private static func scores(_ means: [Double], respondents: Int) -> [DimensionScore] {
        dimensions.indices.map { index in
            let mean = means[index]
            let missing = max(1, respondents / 40)
            let n = respondents - missing
            let half = rounded(1.97 * 0.85 / Double(n).squareRoot(), 2)
            let favorable = rounded(min(95, max(3, (mean - 1.6) * 30)), 1)
            let neutral = rounded(min(100 - favorable, 22 - (mean - 3) * 3), 1)
            let favorableHalf = rounded(196 * (favorable / 100 * (1 - favorable / 100) / Double(n)).squareRoot() * 1.2, 1)
            return DimensionScore(
                id: dimensions[index].id, title: dimensions[index].title, n: n, nMissing: missing, mean: mean,
                ci95: interval([rounded(mean - half, 2), rounded(mean + half, 2)]), score100: score100(mean),
                favorablePct: favorable,
                favorableCi95: interval([rounded(max(0, favorable - favorableHalf), 1), rounded(min(100, favorable + favorableHalf), 1)]),
                neutralPct: neutral, unfavorablePct: rounded(100 - favorable - neutral, 1), alpha: nil,
                level: band(mean), items: [])
        }
    }

    private static func team(_ name: String, parent: [String], respondents: Int, means: [Double]) -> UnitScore {
        UnitScore(name: name, level: "team", path: parent + [name], suppressed: false, respondents: respondents,
                  responseRate: nil, overall: overall(means), dimensions: scores(means, respondents: respondents),
                  flags: [], roles: [], comments: [], previous: nil, units: [])
    }

    private static func item(_ id: String, _ text: String, n: Int, missing: Int, mean: Double, favorable: Double,
                             ci: [Double]) -> ItemScore {
        ItemScore(id: id, text: text, nValid: n, nMissing: missing, mean: mean, favorablePct: favorable, favorableCi95: interval(ci))
    }

    private static func workAboutWork(value: Double, ci95: [Double], n: Int, hoursValue: Double, hoursN: Int) -> FlagResult {
        FlagResult(
            id: "work_about_work", title: "Meetings crowd out the work (work about work)", severity: "high",
            status: .fired, value: hoursValue, ci95: interval([hoursValue - 1, hoursValue + 1]), threshold: 10, n: hoursN,
            explanation: "Followed rigidly, SAFe or Scrum add meetings until teams spend their week on work about "
                + "the work rather than on delivering value.",
            advice: "Treat agile as principles for moving quickly, not a step-by-step process. Inspect each recurring "
                + "meeting, then cut or shorten the ones that do not lead to a decision.",
            evidence: [
                FlagEvidence(description: "median of ceremony_hours among Engineering, Design", statistic: "median",
                             item: "ceremony_hours", comparison: "above", threshold: 10, value: hoursValue,
                             ci95: interval([hoursValue - 1, hoursValue + 1]), n: hoursN, holds: true),
                FlagEvidence(description: "median of ceremony_hours among Product Owner, Product Manager",
                             statistic: "median", item: "ceremony_hours", comparison: "above", threshold: 15,
                             value: 13.0, ci95: interval([11.0, 16.0]), n: 45, holds: false),
                FlagEvidence(description: "share choosing No on process_pruned", statistic: "share_choosing",
                             item: "process_pruned", comparison: "at_least", threshold: 50, value: value, ci95: interval(ci95),
                             n: n, holds: true),
            ])
    }

    private static func orderTakerClear(n: Int) -> FlagResult {
        FlagResult(
            id: "order_taker_po", title: "Product Owners work as order takers", severity: "high", status: .clear,
            value: 38.7, ci95: interval([23.7, 56.2]), threshold: 50, n: n,
            explanation: "Most Product Owners have not talked with a customer for over three months and the "
                + "solution for their team's work is chosen outside the team.",
            advice: "Product Owners should ask \"what do we hope will happen when we release this?\" and push back "
                + "on work that has no goal.",
            evidence: [
                FlagEvidence(description: "share choosing Never, 3–12 months ago on customer_contact among Product Owner",
                             statistic: "share_choosing", item: "customer_contact", comparison: "at_least", threshold: 50,
                             value: 38.7, ci95: interval([23.7, 56.2]), n: n, holds: false),
                FlagEvidence(description: "share choosing Sales or a customer, An executive, A portfolio board, A "
                             + "Product Manager outside the team on solution_chooser among Product Owner",
                             statistic: "share_choosing", item: "solution_chooser", comparison: "at_least",
                             threshold: 50, value: 54.8, ci95: interval([37.8, 70.8]), n: n, holds: true),
            ])
    }

    private static func notEnoughAnswers() -> FlagResult {
        FlagResult(
            id: "pm_po_split", title: "Product Managers feed requirements down to Product Owners", severity: "medium",
            status: .notEnoughAnswers, value: nil, ci95: nil, threshold: 50, n: 8,
            explanation: "Most Product Owners say a Product Manager outside their team chose the solution.",
            advice: "Drop the separate titles for one product management ladder.",
            evidence: [
                FlagEvidence(description: "share choosing A Product Manager outside the team on solution_chooser "
                             + "among Product Owner", statistic: "share_choosing", item: "solution_chooser",
                             comparison: "at_least", threshold: 50, value: nil, ci95: nil, n: 8, holds: nil),
            ])
    }

    /// An interval from its two bounds, low first.
    private static func interval(_ bounds: [Double]) -> Interval {
        Interval(lower: bounds[0], upper: bounds[1])
    }

    private static func overall(_ means: [Double]) -> OverallScore {
        let mean = rounded(means.reduce(0, +) / Double(means.count), 3)
        return OverallScore(mean: mean, score100: score100(mean), level: band(mean) ?? "")
    }

    private static func score100(_ mean: Double) -> Double { rounded((mean - 1) / 4 * 100, 2) }

    private static func band(_ mean: Double) -> String? {
        bands.last { $0.lowerBound <= mean }?.name
    }

    private static func rounded(_ value: Double, _ digits: Int) -> Double {
        let factor = pow(10, Double(digits))
        return (value * factor).rounded() / factor
    }
}
