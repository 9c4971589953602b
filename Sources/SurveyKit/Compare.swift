import Foundation
import SurveyCore
import SurveyReporting
import SurveyScoring
import SurveyStore

/// Compares one organisation's divisions, teams or role groups on every dimension in a wave.
///
/// Streams the organisation's responses once into additive sums, then tests each visible
/// group against the rest of the organisation (or, with `pairs`, every two visible groups),
/// applying the anonymity rules of the scorecard and the called-out rule of SCORING.md.
/// - Parameters:
///   - breakdown: Divisions, teams or role groups.
///   - pairs: Compare every pair of groups instead of each group with the rest.
///   - minGroup: The anonymity threshold; values below 3 are raised to 3.
/// - Throws: ``UserError`` for an unknown organisation or a wave it took no part in.
public func makeComparison(store: OpModelStore, wave: String, organisation name: String, by breakdown: GroupBreakdown,
                           pairs: Bool, minGroup: Int = 5) throws -> GroupComparison {
    try storeWork { try comparison(store: store, wave: wave, organisation: name, by: breakdown, pairs: pairs, minGroup: minGroup) }
}

private func comparison(store: OpModelStore, wave: String, organisation name: String, by breakdown: GroupBreakdown,
                        pairs: Bool, minGroup: Int) throws -> GroupComparison {
    let organisation = try findOrganisation(named: name, in: store)
    let waves = try store.waves(of: organisation)
    guard waves.contains(wave) else {
        throw missingWave(wave, of: organisation, waves: waves)
    }
    let slice = try store.slice(wave: wave, organisation: organisation)
    let builder = ScorecardBuilder(survey: slice.survey, wave: wave, units: slice.units.map(UnitDescriptor.init), minGroup: minGroup)
    try store.forEachResponse(in: slice) { division, team, role, answers in
        builder.add(division: division, team: team, role: role, answers: answers)
    }
    return builder.comparison(by: breakdown, pairs: pairs)
}

/// The organisation with this name, or a failure that lists the known ones.
func findOrganisation(named name: String, in store: OpModelStore) throws -> StoredUnit {
    guard let organisation = try store.organisation(named: name) else {
        let known = try store.organisations().map(\.name)
        throw UserError(.unknownOrganisation, "unknown organisation '\(name)'", at: .field(.organisation),
                        hint: known.isEmpty ? nil : "known: \(known.joined(separator: ", "))")
    }
    return organisation
}

/// A wave an organisation took no part in, with the waves it did.
func missingWave(_ wave: String, of organisation: StoredUnit, waves: [String]) -> UserError {
    UserError(.notFound, "'\(organisation.name)' has no responses in wave '\(wave)'", at: .field(.wave),
              hint: waves.isEmpty ? nil : "its waves: \(waves.joined(separator: ", "))")
}

extension UnitDescriptor {
    init(_ unit: StoredUnit) {
        self.init(id: unit.id, name: unit.name, level: unit.level, parentID: unit.parentID)
    }
}

/// The formats of `opmodel compare` and `opmodel trend`.
public typealias AnalysisFormat = SurveyReporting.AnalysisFormat

/// A comparison as text, Markdown, JSON, CSV or HTML.
public func renderedComparison(_ comparison: GroupComparison, as format: AnalysisFormat) throws -> String {
    try renderWork { try renderComparison(comparison, as: format) }
}

/// A trend view as text, Markdown, JSON or CSV.
/// - Throws: ``UserError`` with ``UserError/Code/invalidRequest`` for HTML.
public func renderedTrend(_ trend: TrendReport, as format: AnalysisFormat) throws -> String {
    try renderWork { try renderTrend(trend, as: format) }
}
