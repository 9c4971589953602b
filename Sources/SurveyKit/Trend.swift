import Foundation
import SurveyCore
import SurveyScoring
import SurveyStore

/// One unit's dimension scores wave by wave, with tested deltas between consecutive waves.
///
/// Scores each wave as its scorecard does (same anonymity rules), and in the same pass the
/// respondent scores on the items each wave shares with its neighbours, so a delta compares
/// like with like across survey versions.
/// - Parameters:
///   - unit: A division or team path below the organisation ("Retail" or "Retail/Blue"),
///     or nil for the organisation; the view shows it and its children.
///   - from: The first wave shown (default: the organisation's first).
///   - to: The last wave shown (default: its latest).
///   - minGroup: The anonymity threshold; values below 3 are raised to 3.
/// - Throws: ``UserError`` for an unknown organisation, unit or wave, or a range that runs
///   backwards.
public func makeTrend(store: OpModelStore, organisation name: String, unit: String? = nil, from: String? = nil,
                      to: String? = nil, minGroup: Int = 5) throws -> TrendReport {
    try storeWork { try trend(store: store, organisation: name, unit: unit, from: from, to: to, minGroup: minGroup) }
}

private func trend(store: OpModelStore, organisation name: String, unit: String?, from: String?, to: String?,
                   minGroup: Int) throws -> TrendReport {
    let organisation = try findOrganisation(named: name, in: store)
    let all = try store.waves(of: organisation)
    func position(_ wave: String?, default fallback: Int) throws -> Int {
        guard let wave else { return fallback }
        guard let index = all.firstIndex(of: wave) else {
            throw missingWave(wave, of: organisation, waves: all)
        }
        return index
    }
    let first = try position(from, default: 0)
    let last = try position(to, default: all.count - 1)
    guard !all.isEmpty else { throw UserError(.notFound, "'\(organisation.name)' has no responses", at: .field(.organisation)) }
    guard first <= last else {
        // The message names both settings itself; a field prefix would name one twice.
        throw UserError(.invalidRequest, "\(Parameter.from, from ?? "") comes after \(Parameter.to, to ?? "")")
    }
    let labels = Array(all[first...last])
    let slices = try labels.map { try store.slice(wave: $0, organisation: organisation) }
    let units = slices[slices.count - 1].units.map(UnitDescriptor.init)
    let focus = try focusUnit(unit, units: units)

    var waves: [TrendAnalysis.Wave] = []
    for (index, slice) in slices.enumerated() {
        let previous = index > 0 ? TrendAnalysis.sharedItems(from: slices[index - 1].survey, to: slice.survey) : []
        let next = index + 1 < slices.count ? TrendAnalysis.sharedItems(from: slice.survey, to: slices[index + 1].survey) : []
        let builder = ScorecardBuilder(survey: slice.survey, wave: slice.wave, units: units, minGroup: minGroup)
        let accumulator = TrendAccumulator(survey: slice.survey, units: units, sharedWithPrevious: previous, sharedWithNext: next)
        try store.forEachResponse(in: slice) { division, team, role, answers in
            builder.add(division: division, team: team, role: role, answers: answers)
            accumulator.add(division: division, team: team, answers: answers)
        }
        waves.append(TrendAnalysis.Wave(label: slice.wave, survey: slice.survey, scorecard: builder.build(), accumulator: accumulator))
    }
    return TrendAnalysis.report(org: organisation.name, units: units, focus: focus, waves: waves)
}

/// The id of the unit at `path` below the organisation (names compared as the store keys them).
private func focusUnit(_ path: String?, units: [UnitDescriptor]) throws -> Int64 {
    guard let path, let organisation = units.first else { return units.first?.id ?? 0 }
    var names = path.split(separator: "/").map { normalizedKey($0) }.filter { !$0.isEmpty }
    if names.first == normalizedKey(organisation.name) { names.removeFirst() }
    var current = organisation
    for name in names {
        guard let child = units.first(where: { $0.parentID == current.id && normalizedKey($0.name) == name }) else {
            let choices = units.filter { $0.parentID == current.id }.map(\.name).sorted()
            throw UserError(.notFound, "no unit '\(path)' in '\(organisation.name)'", at: .field(.unit),
                            hint: choices.isEmpty ? nil : "under \(current.name): \(choices.joined(separator: ", "))")
        }
        current = child
    }
    return current.id
}
