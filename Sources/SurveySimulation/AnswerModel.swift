import SurveyCore

/// Decides each item's answer for a respondent, from their latent maturity and overhead.
struct ColumnPlan {
    let items: [Item]
    private let scales: [String: AnswerScale]
    private let missingTokens: [String]
    private static let comments = [
        "Give us time to talk to customers instead of filling the backlog.",
        "Fewer status meetings, please; we spend more time reporting than building.",
        "Let the team choose the solution, not only the feature list.",
        "A clear path from Product Owner to Product Manager would keep people here.",
        "Share usage data with the whole team, not on request.",
        "Stop committing to features at the quarterly planning before we have tested them.",
        "Contact me at jane.doe@example.com if you want details.",
        "We finally cut the weekly dependency sync, and it helped.",
    ]

    private let dimensionOfItem: [String: Int]

    init(survey: Survey) {
        items = survey.items
        var positions: [String: Int] = [:]
        for (index, dimension) in survey.dimensions.enumerated() {
            for item in dimension.items { positions[item.id] = index }
        }
        dimensionOfItem = positions
        scales = Dictionary(uniqueKeysWithValues: survey.scales.map { ($0.id, $0) })
        missingTokens = survey.scales.first?.missing ?? ["N/A"]
    }

    func answer(_ item: Item, for respondent: Respondent, _ random: inout RandomSource) -> String {
        guard item.applies(to: respondent.role) else { return "" }
        if random.chance(0.025) { return "" }
        let shift = dimensionOfItem[item.id].flatMap { $0 < respondent.dimensionShift.count ? respondent.dimensionShift[$0] : nil } ?? 0
        var respondent = respondent
        respondent.maturity += shift
        switch item.kind {
        case .agreement(let scaleID):
            guard let scale = scales[scaleID], scale.min < scale.max else { return "" }
            if random.chance(0.015), let token = (item.missing + scale.missing).first { return token }
            let middle = Double(scale.min + scale.max) / 2
            let spread = Double(scale.max - scale.min) / 4
            var value = Int((middle + 0.2 + respondent.maturity * spread + random.normal() * 0.8 * spread).rounded())
            value = min(scale.max, max(scale.min, value))
            if item.reverse { value = scale.min + scale.max - value }
            return scale.label(of: value) ?? String(value)
        case .choice(let options):
            if random.chance(0.02), let token = item.missing.first { return token }
            let position = (respondent.maturity + 2) / 4 * Double(options.count - 1) + random.normal() * 0.7
            let index = min(options.count - 1, max(0, Int(position.rounded())))
            return options[index].label
        case .multi(let options):
            let regular = options.filter { !$0.exclusive }
            var chosen: [String] = []
            for (index, option) in regular.enumerated() {
                // Earlier options lean to heavy-process answers, later ones to mature practice.
                let lean = regular.count > 1 ? Double(index) / Double(regular.count - 1) * 2 - 1 : 0
                let logit = -0.4 + 1.3 * respondent.maturity * lean + (lean < 0 ? respondent.overhead : 0)
                if random.chance(1 / (1 + exp(-logit))) { chosen.append(option.label) }
            }
            if chosen.isEmpty, let none = options.first(where: \.exclusive) { return none.label }
            return chosen.joined(separator: "; ")
        case .numeric(_, let minimum, let maximum, let integer):
            // Numeric items in this model measure overhead (hours, shares of the week): more
            // process means higher numbers.
            let range = maximum - minimum
            var value = minimum + range * (0.12 + 0.35 * respondent.overhead - 0.04 * respondent.maturity)
                + random.normal() * range * 0.06
            value = min(maximum, max(minimum, value))
            return integer ? String(Int(value.rounded())) : String((value * 2).rounded() / 2)
        case .text:
            guard random.chance(0.2) else { return "" }
            return Self.comments[random.index(Self.comments.count)]
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
