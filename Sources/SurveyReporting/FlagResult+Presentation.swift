import SurveyCore

extension FlagResult {
    /// Fired flags first, then those without enough answers, then clear ones; within each,
    /// by severity (high, medium, low, then any other), then in the scorecard's order.
    static func ordered(_ flags: [FlagResult]) -> [FlagResult] {
        flags.enumerated()
            .sorted {
                ($0.element.status.rank, severityRank($0.element.severity), $0.offset)
                    < ($1.element.status.rank, severityRank($1.element.severity), $1.offset)
            }
            .map(\.element)
    }

    /// The distinct severities in `severities`, most serious first.
    static func severityOrder(of severities: [String]) -> [String] {
        Set(severities).sorted { (severityRank($0), $0) < (severityRank($1), $1) }
    }

    private static func severityRank(_ severity: String) -> Int {
        FlagSeverity(rawValue: severity).flatMap { FlagSeverity.allCases.firstIndex(of: $0) }
            ?? FlagSeverity.allCases.count
    }

    /// The tests to show as evidence: the recorded ones, or the headline figures when the
    /// scorecard carries none.
    var shownEvidence: [FlagEvidence] {
        guard evidence.isEmpty else { return evidence }
        guard let threshold else { return [] }
        return [FlagEvidence(description: title, statistic: "", item: "", comparison: "", threshold: threshold,
                             value: value, ci95: ci95, n: n ?? 0, holds: status == .notEnoughAnswers ? nil : status == .fired)]
    }
}

extension FlagResult.Status {
    /// The status as a reader sees it.
    var label: String {
        switch self {
        case .fired: "Fired"
        case .clear: "Clear"
        case .notEnoughAnswers: "Not enough answers"
        }
    }

    fileprivate var rank: Int {
        switch self {
        case .fired: 0
        case .notEnoughAnswers: 1
        case .clear: 2
        }
    }
}

extension FlagEvidence {
    /// Whether the statistic is a percentage (`share_…`), shown with `%`.
    var isShare: Bool { statistic.hasPrefix("share") }

    private var unit: String { isShare ? "%" : "" }

    /// The statistic's value, e.g. `62.5%`.
    var valueText: String {
        let text = NumberText.score(value)
        return text == NumberText.missing ? text : text + unit
    }

    /// The 95% interval, e.g. `55.1%–69.3%`.
    var intervalText: String { NumberText.interval(ci95, digits: 1, unit: unit) }

    /// The comparison and threshold, e.g. `≥ 50.0%`.
    var thresholdText: String {
        let symbol = FlagComparison(rawValue: comparison)?.symbol ?? comparison
        return (symbol.isEmpty ? "" : symbol + " ") + NumberText.score(threshold) + unit
    }

    /// `holds`, `does not hold` or `not evaluated`.
    var resultText: String {
        switch holds {
        case true?: "holds"
        case false?: "does not hold"
        case nil: "not evaluated"
        }
    }
}
