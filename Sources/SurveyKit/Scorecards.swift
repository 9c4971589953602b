import Foundation
import SurveyCore
import SurveyScoring
import SurveyStore

/// One organisation's scorecard for a wave, computed from the store.
///
/// Streams the organisation's responses once; when the organisation took part in an earlier
/// wave, that wave is scored too (same anonymity rules) for the trend marks and the radar.
/// - Parameters:
///   - minGroup: The anonymity threshold; values below 3 are raised to 3.
/// - Throws: ``UserError``: ``UserError/Code/unknownOrganisation``, or ``UserError/Code/notFound``
///   for a wave the organisation took no part in.
public func makeScorecard(store: OpModelStore, wave: String, organisation name: String, minGroup: Int = 5) throws -> Scorecard {
    try storeWork {
        try makeScorecard(store: store, wave: wave, organisation: try findOrganisation(named: name, in: store), minGroup: minGroup)
    }
}

func makeScorecard(store: OpModelStore, wave: String, organisation: StoredUnit, minGroup: Int, withPrevious: Bool = true) throws -> Scorecard {
    let waves = try store.waves(of: organisation)
    guard let position = waves.firstIndex(of: wave) else {
        throw missingWave(wave, of: organisation, waves: waves)
    }
    let slice = try store.slice(wave: wave, organisation: organisation)
    let builder = ScorecardBuilder(survey: slice.survey, wave: wave,
                                   units: slice.units.map { UnitDescriptor(id: $0.id, name: $0.name, level: $0.level, parentID: $0.parentID) },
                                   minGroup: minGroup)
    try store.forEachResponse(in: slice) { division, team, role, answers in
        builder.add(division: division, team: team, role: role, answers: answers)
    }
    for comment in try store.comments(in: slice) {
        builder.addComment(division: comment.division, team: comment.team, item: comment.item, text: comment.text)
    }
    builder.headcounts = try store.headcounts(wave: wave, surveyID: slice.survey.id)
    if withPrevious, position > 0 {
        let earlier = try makeScorecard(store: store, wave: waves[position - 1], organisation: organisation, minGroup: minGroup, withPrevious: false)
        var means: [[String]: [String: Double]] = [:]
        func collect(_ unit: UnitScore) {
            guard !unit.suppressed else { return }
            var values: [String: Double] = [:]
            for dimension in unit.dimensions { if let mean = dimension.mean { values[dimension.id] = mean } }
            if !values.isEmpty { means[unit.path] = values }
            unit.units.forEach(collect)
        }
        collect(earlier.unit)
        builder.previous = (waves[position - 1], means)
    }
    var scorecard = builder.build()
    guard withPrevious else { return scorecard }
    scorecard.roleGap = builder.roleGap()
    if position > 0 {
        // The organisation's line over every wave up to this one (a trend needs two waves).
        let trend = try makeTrend(store: store, organisation: organisation.name, unit: nil, from: nil, to: wave, minGroup: minGroup)
        scorecard.trend = trend.units.first { $0.path.count == 1 }?.lines
    }
    return scorecard
}
