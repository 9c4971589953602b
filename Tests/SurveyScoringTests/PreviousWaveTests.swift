import SurveyCore
import Testing
@testable import SurveyScoring

struct PreviousWaveTests {
    @Test func previousMeansTravelWithTheirScores() throws {
        let pilot = try PilotAnswers()
        let builder = ScorecardBuilder(survey: pilot.survey, wave: "W2", units: Population().units, minGroup: 5)
        for _ in 0..<8 {
            pilot.bytes().withUnsafeBytes { builder.add(division: nil, team: nil, role: .engineering, answers: $0) }
        }
        // 2.05 lies just below its decimal in binary: its score is still 26.25. A dimension the
        // survey no longer has is placed on the scorecard's scale.
        builder.previous = ("W1", [["Acme"]: ["strategy": 2.05, "discovery": 4.0, "retired": 3.0]])
        let card = builder.build()
        #expect(card.previousWave == "W1")
        #expect(card.unit.previous == ["strategy": 2.05, "discovery": 4.0, "retired": 3.0])
        #expect(card.unit.previousScore100 == ["strategy": 26.25, "discovery": 75, "retired": 50])
    }

    @Test func aUnitWithoutPreviousFiguresHasNoScores() throws {
        let pilot = try PilotAnswers()
        let builder = ScorecardBuilder(survey: pilot.survey, wave: "W2", units: Population().units, minGroup: 5)
        for _ in 0..<8 {
            pilot.bytes().withUnsafeBytes { builder.add(division: nil, team: nil, role: .engineering, answers: $0) }
        }
        builder.previous = ("W1", [:])
        let card = builder.build()
        #expect(card.unit.previous == nil && card.unit.previousScore100 == nil)
    }
}
