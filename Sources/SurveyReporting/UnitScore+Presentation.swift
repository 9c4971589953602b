import SurveyCore

extension UnitScore {
    /// The dimension with this id, if the unit has it.
    func dimension(_ id: String) -> DimensionScore? {
        dimensions.first { $0.id == id }
    }

    /// The unit's name path for tables and messages: `Acme / Sales / Checkout`.
    var displayPath: String {
        path.isEmpty ? name : path.joined(separator: " / ")
    }

    /// Every unit below this one, depth first, in the scorecard's order.
    var descendants: [UnitScore] {
        units.flatMap { [$0] + $0.descendants }
    }
}
