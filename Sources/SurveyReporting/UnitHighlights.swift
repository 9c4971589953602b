import SurveyCore

/// What a reader should take away from a unit in one sentence.
struct UnitHighlights {
    /// The dimension with the highest 0–100 score (first in order among equals).
    let strongest: DimensionScore?
    /// The dimension with the lowest 0–100 score (first in order among equals).
    let weakest: DimensionScore?
    /// Flags in the order a reader should see them.
    let flags: [FlagResult]

    init(_ unit: UnitScore) {
        let scored = unit.suppressed ? [] : unit.dimensions.filter { $0.score100?.isFinite == true }
        var strongest: DimensionScore?
        var weakest: DimensionScore?
        for dimension in scored {
            let score = dimension.score100 ?? 0
            if strongest?.score100.map({ score > $0 }) ?? true { strongest = dimension }
            if weakest?.score100.map({ score < $0 }) ?? true { weakest = dimension }
        }
        self.strongest = strongest
        self.weakest = scored.count > 1 ? weakest : nil
        self.flags = unit.suppressed ? [] : FlagResult.ordered(unit.flags)
    }

    /// Flags that fired.
    var fired: [FlagResult] { flags.filter { $0.status == .fired } }

    /// The one-sentence summary, with names passed through `escape`.
    ///
    /// "Strongest: Culture (72.0, Advanced); weakest: Roles (29.5, Initial). 1 of 3 flags
    /// fired (1 high); 1 could not be evaluated for lack of answers."
    func summary(escape: (String) -> String) -> String {
        var sentence: String
        func describe(_ dimension: DimensionScore) -> String {
            "\(escape(dimension.title)) (\(NumberText.score(dimension.score100))\(dimension.level.map { ", " + escape($0) } ?? ""))"
        }
        switch (strongest, weakest) {
        case let (strongest?, weakest?) where strongest.score100 == weakest.score100:
            sentence = "Every dimension scores \(NumberText.score(strongest.score100))."
        case let (strongest?, weakest?):
            sentence = "Strongest dimension: \(describe(strongest)); weakest: \(describe(weakest))."
        case let (strongest?, nil):
            sentence = "Only one dimension has a score: \(describe(strongest))."
        default:
            sentence = "No dimension has enough answers for a score."
        }
        let fired = self.fired
        let unknown = flags.filter { $0.status == .notEnoughAnswers }.count
        if flags.isEmpty {
            return sentence + " No flag rule was evaluated."
        }
        if fired.isEmpty {
            sentence += " No flag fired (\(flags.count) evaluated)"
        } else {
            let bySeverity = FlagResult.severityOrder(of: fired.map(\.severity))
                .map { severity in "\(fired.filter { $0.severity == severity }.count) \(escape(severity))" }
            sentence += " \(fired.count) of \(flags.count) \(flags.count == 1 ? "flag" : "flags") fired"
                + " (\(bySeverity.joined(separator: ", ")))"
        }
        if unknown > 0 {
            sentence += "; \(unknown) could not be evaluated for lack of answers"
        }
        return sentence + "."
    }
}
