import SurveyCore

/// Sums of respondent dimension scores restricted to the items a wave shares with the wave
/// before and the wave after, per unit, for trend deltas (SCORING.md, Trends between waves).
///
/// A respondent's score on a subset follows the same rules as the full score (weighted mean
/// of the answered items, at least half of the applicable ones answered), with only the
/// subset's items counted. Fed the same responses as the wave's ``ScorecardBuilder``.
package final class TrendAccumulator {
    let model: ScoringModel
    let unitIndex: [Int64: Int]
    let unitCount: Int
    /// Per subset (0: shared with the previous wave, 1: with the next), per item: included.
    let included: [[Bool]]
    /// Indexed [subset][unit][dimension].
    var sums: [ScoreSums]
    private var scratch = ResponseScratch()

    /// Prepares sums for a wave.
    /// - Parameters:
    ///   - survey: The survey version the wave's responses used.
    ///   - units: The organisation first, then its divisions and teams.
    ///   - sharedWithPrevious: Ids of the items this wave shares with the previous one.
    ///   - sharedWithNext: Ids of the items this wave shares with the next one.
    package init(survey: Survey, units: [UnitDescriptor], sharedWithPrevious: Set<String>, sharedWithNext: Set<String>) {
        let model = ScoringModel(survey: survey)
        self.model = model
        var index: [Int64: Int] = [:]
        for (position, unit) in units.enumerated() { index[unit.id] = position }
        unitIndex = index
        unitCount = units.count
        included = [sharedWithPrevious, sharedWithNext].map { shared in model.items.map { shared.contains($0.item.id) } }
        sums = Array(repeating: ScoreSums(), count: 2 * units.count * model.dimensions.count)
    }

    /// Adds one response.
    package func add(division: Int64?, team: Int64?, answers: UnsafeRawBufferPointer) {
        model.decode(answers, into: &scratch)
        var positions = [0]
        if let division, let position = unitIndex[division] { positions.append(position) }
        if let team, let position = unitIndex[team] { positions.append(position) }
        for subset in 0..<2 {
            for (dimension, dimensionModel) in model.dimensions.enumerated() {
                guard let score = restrictedScore(dimensionModel, subset: subset) else { continue }
                for unit in positions {
                    sums[(subset * unitCount + unit) * model.dimensions.count + dimension].add(score)
                }
            }
        }
    }

    /// The sums of a unit's scores on a dimension's shared items.
    func sums(subset: Int, unit unitID: Int64, dimension dimensionID: String) -> ScoreSums {
        guard let unit = unitIndex[unitID],
              let dimension = model.dimensions.firstIndex(where: { $0.dimension.id == dimensionID }) else { return ScoreSums() }
        return sums[(subset * unitCount + unit) * model.dimensions.count + dimension]
    }

    private func restrictedScore(_ dimension: ScoringModel.DimensionModel, subset: Int) -> Double? {
        var weighted = 0.0, weights = 0.0, answered = 0, applicable = 0
        for index in dimension.agreementItems where included[subset][index] {
            switch scratch.state(index) {
            case .notApplicable: continue
            case .missing: applicable += 1
            case .value(let value):
                applicable += 1
                answered += 1
                weighted += model.weights[index] * value
                weights += model.weights[index]
            }
        }
        guard answered > 0, 2 * answered >= applicable, weights > 0 else { return nil }
        return weighted / weights
    }
}
