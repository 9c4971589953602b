import SurveyCore

/// The line from a dimension's mean on the answer scale to its 0–100 score.
///
/// The scorecard carries previous-wave figures as means only, while the radar is drawn on
/// 0–100. The line is recovered from the (mean, score) pairs the scorecard already holds:
/// per dimension when its units give two different means, otherwise from all dimensions
/// together when they share one scale. When the pairs do not lie on one line, there is no
/// mapping and the previous wave is not drawn for that dimension.
struct ScoreMapping {
    let slope: Double
    let intercept: Double

    /// The 0–100 score for a mean, rounded to 1e-6 so that a fitted line's rounding error
    /// cannot tip the shown decimal (48.749999… for 48.75).
    func score(forMean mean: Double) -> Double { ((intercept + slope * mean) * 1e6).rounded() / 1e6 }

    /// A mapping per dimension id, for those whose scale can be recovered.
    static func mappings(for unit: UnitScore) -> [String: ScoreMapping] {
        var points: [String: [(mean: Double, score: Double)]] = [:]
        for scored in [unit] + unit.descendants where !scored.suppressed {
            let groups = [scored.dimensions] + scored.roles.filter { !$0.suppressed }.map(\.dimensions)
            for dimension in groups.joined() {
                if let mean = dimension.mean, let score = dimension.score100 {
                    points[dimension.id, default: []].append((mean, score))
                }
            }
        }
        let shared = fitted(points.sorted { $0.key < $1.key }.flatMap(\.value))
        var result: [String: ScoreMapping] = [:]
        for dimension in unit.dimensions {
            let own = points[dimension.id] ?? []
            if let mapping = fitted(own) ?? shared.flatMap({ $0.fits(own) ? $0 : nil }) {
                result[dimension.id] = mapping
            }
        }
        return result
    }

    private func fits(_ points: [(mean: Double, score: Double)]) -> Bool {
        // Figures may come rounded to one decimal; allow for that.
        points.allSatisfy { abs(score(forMean: $0.mean) - $0.score) <= 0.1 }
    }

    private static func fitted(_ points: [(mean: Double, score: Double)]) -> ScoreMapping? {
        guard let low = points.min(by: { $0.mean < $1.mean }), let high = points.max(by: { $0.mean < $1.mean }),
              high.mean - low.mean > 1e-6 else { return nil }
        let slope = (high.score - low.score) / (high.mean - low.mean)
        guard slope.isFinite, slope > 0 else { return nil }
        let mapping = ScoreMapping(slope: slope, intercept: low.score - slope * low.mean)
        return mapping.fits(points) ? mapping : nil
    }
}
