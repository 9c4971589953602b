import SurveyCore

/// One item's answer in one response, after reverse-keying.
enum AnswerState: Equatable {
    case notApplicable
    case missing
    case value(Double)
}

/// A respondent's figures for one dimension.
struct RespondentDimension {
    var applicable = 0
    var score: Double?
    var favorable = 0.0
    var neutral = 0.0
    var unfavorable = 0.0
    var valid = 0.0
}

/// Per-response work space, reused from response to response.
struct ResponseScratch {
    var states: [AnswerState] = []
    var polarities: [AnswerScale.Polarity?] = []
    var dimensions: [RespondentDimension] = []
}

/// The survey turned into what the scoring loop needs: slots, scales and flag tests by index.
struct ScoringModel {
    struct ItemModel {
        var item: Item
        var slot: AnswerLayout.Slot
        var dimension: Int
        var scale: AnswerScale?
        /// Scored value → polarity, for agreement items.
        var polarity: [Int: AnswerScale.Polarity]
        /// Option values for mean/median of choice items.
        var optionValues: [Double?]
    }

    struct DimensionModel {
        var dimension: Dimension
        var scale: AnswerScale?
        /// Indices (into `items`) of its agreement items.
        var agreementItems: [Int]
    }

    /// A flag test ready to evaluate on packed answers.
    struct TestModel {
        var flag: Int
        var test: FlagTest
        var item: Int
        var slot: AnswerLayout.Slot
        var options: [Bool]
        var optionValues: [Double?]
        var roles: [Role]?
        var needsHistogram: Bool

        /// Whether the respondent is in the base, and what they contribute.
        func evaluate(_ answers: UnsafeRawBufferPointer, scratch: ResponseScratch) -> (hit: Bool, value: Double?)? {
            switch test.statistic {
            case .shareFavorable, .shareUnfavorable:
                guard case .value = scratch.states[item], let polarity = scratch.polarities[item] else { return nil }
                return (polarity == (test.statistic == .shareFavorable ? .favorable : .unfavorable), nil)
            case .shareChoosing, .shareOnly:
                let only: Bool
                if case .shareOnly = test.statistic { only = true } else { only = false }
                switch slot.kind {
                case .choice:
                    guard let position = AnswerLayout.number(answers, slot).map({ Int($0) }) else { return nil }
                    return (position < options.count && options[position], nil)
                case .multi:
                    guard let chosen = AnswerLayout.chosenOptions(answers, slot) else { return nil }
                    let hit = only ? chosen.allSatisfy { $0 < options.count && options[$0] } : chosen.contains { $0 < options.count && options[$0] }
                    return (hit, nil)
                default:
                    return nil
                }
            case .mean, .median:
                switch slot.kind {
                case .choice:
                    guard let position = AnswerLayout.number(answers, slot).map({ Int($0) }), position < optionValues.count,
                          let value = optionValues[position] else { return nil }
                    return (false, value)
                default:
                    guard case .value(let value) = scratch.states[item] else { return nil }
                    return (false, value)
                }
            }
        }
    }

    var items: [ItemModel] = []
    var dimensions: [DimensionModel] = []
    var tests: [TestModel] = []

    init(survey: Survey) {
        let layout = AnswerLayout(survey: survey)
        var itemPosition: [String: Int] = [:]
        for (dimensionIndex, dimension) in survey.dimensions.enumerated() {
            let scale = survey.scale(dimension.scale)
            var agreement: [Int] = []
            for item in dimension.items {
                let index = items.count
                itemPosition[item.id] = index
                var polarity: [Int: AnswerScale.Polarity] = [:]
                var itemScale: AnswerScale?
                if case .agreement(let scaleID) = item.kind, let found = survey.scale(scaleID) {
                    itemScale = found
                    for point in found.points { polarity[point.value] = found.polarity(of: point.value) }
                    agreement.append(index)
                }
                items.append(ItemModel(item: item, slot: layout.slots[index], dimension: dimensionIndex, scale: itemScale,
                                       polarity: polarity, optionValues: item.kind.options.map(\.value)))
            }
            dimensions.append(DimensionModel(dimension: dimension, scale: scale, agreementItems: agreement))
        }
        for (flagIndex, flag) in survey.flags.enumerated() {
            for test in flag.condition.tests {
                guard let index = itemPosition[test.item] else { continue }
                let model = items[index]
                var chosen = Array(repeating: false, count: model.item.kind.options.count)
                switch test.statistic {
                case .shareChoosing(let ids), .shareOnly(let ids):
                    for (position, option) in model.item.kind.options.enumerated() where ids.contains(option.id) { chosen[position] = true }
                default:
                    break
                }
                tests.append(TestModel(flag: flagIndex, test: test, item: index, slot: model.slot, options: chosen,
                                       optionValues: model.optionValues, roles: test.roles ?? flag.roles,
                                       needsHistogram: test.statistic == .median))
            }
        }
    }

    /// Decodes one response: item states (scored values), polarities, and dimension scores.
    func decode(_ answers: UnsafeRawBufferPointer, into scratch: inout ResponseScratch) {
        if scratch.states.count != items.count {
            scratch.states = Array(repeating: .missing, count: items.count)
            scratch.polarities = Array(repeating: nil, count: items.count)
            scratch.dimensions = Array(repeating: RespondentDimension(), count: dimensions.count)
        }
        for (index, model) in items.enumerated() {
            scratch.polarities[index] = nil
            if case .text = model.slot.kind {
                scratch.states[index] = .notApplicable
                continue
            }
            if AnswerLayout.isNotApplicable(answers, model.slot) {
                scratch.states[index] = .notApplicable
                continue
            }
            guard var value = AnswerLayout.number(answers, model.slot) else {
                // Multi items have no single number; answered ones count as valid for item sums.
                if case .multi = model.slot.kind, AnswerLayout.chosenOptions(answers, model.slot) != nil {
                    scratch.states[index] = .value(0)
                } else {
                    scratch.states[index] = .missing
                }
                continue
            }
            if let scale = model.scale {
                if model.item.reverse { value = Double(scale.min + scale.max) - value }
                scratch.polarities[index] = model.polarity[Int(value)]
            }
            scratch.states[index] = .value(value)
        }
        for (dimensionIndex, dimension) in dimensions.enumerated() {
            var result = RespondentDimension()
            var weighted = 0.0, weights = 0.0, answered = 0
            for index in dimension.agreementItems {
                switch scratch.states[index] {
                case .notApplicable: continue
                case .missing: result.applicable += 1
                case .value(let value):
                    result.applicable += 1
                    answered += 1
                    let weight = items[index].item.weight
                    weighted += weight * value
                    weights += weight
                    result.valid += 1
                    switch scratch.polarities[index] {
                    case .favorable: result.favorable += 1
                    case .neutral: result.neutral += 1
                    case .unfavorable: result.unfavorable += 1
                    case nil: break
                    }
                }
            }
            if answered > 0, 2 * answered >= result.applicable { result.score = weighted / weights }
            scratch.dimensions[dimensionIndex] = result
        }
    }
}
