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
///
/// Plain parallel arrays (no enum payloads, no references), so the scoring loop over a million
/// responses does no reference counting.
struct ResponseScratch {
    /// Per item: 0 not applicable, 1 missing, 2 answered.
    var status: [UInt8] = []
    /// Per item: the value after reverse-keying (0 for multi items), when answered.
    var values: [Double] = []
    /// Per item: 0 none, 1 favourable, 2 neutral, 3 unfavourable.
    var polarity: [UInt8] = []
    var dimensions: [RespondentDimension] = []

    static let notApplicable: UInt8 = 0, missing: UInt8 = 1, answered: UInt8 = 2

    /// One item's state.
    func state(_ index: Int) -> AnswerState {
        switch status[index] {
        case Self.notApplicable: .notApplicable
        case Self.missing: .missing
        default: .value(values[index])
        }
    }

    /// One item's polarity as the scale names it.
    func scalePolarity(_ index: Int) -> AnswerScale.Polarity? {
        switch polarity[index] {
        case 1: .favorable
        case 2: .neutral
        case 3: .unfavorable
        default: nil
        }
    }
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

        /// The statistic as a small code (0 favourable, 1 unfavourable, 2 choosing, 3 only, 4 mean,
        /// 5 median), so evaluating it copies no payload.
        var statisticCode: UInt8 {
            switch test.statistic {
            case .shareFavorable: 0
            case .shareUnfavorable: 1
            case .shareChoosing: 2
            case .shareOnly: 3
            case .mean: 4
            case .median: 5
            }
        }

        /// Whether the respondent is in the base, and what they contribute.
        func evaluate(_ answers: UnsafeRawBufferPointer, scratch: ResponseScratch, statisticCode: UInt8) -> (hit: Bool, value: Double?)? {
            switch statisticCode {
            case 0, 1:
                guard scratch.status[item] == ResponseScratch.answered, scratch.polarity[item] != 0 else { return nil }
                return (scratch.polarity[item] == (statisticCode == 0 ? 1 : 3), nil)
            case 2, 3:
                let only = statisticCode == 3
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
            default:
                switch slot.kind {
                case .choice:
                    guard let position = AnswerLayout.number(answers, slot).map({ Int($0) }), position < optionValues.count,
                          let value = optionValues[position] else { return nil }
                    return (false, value)
                default:
                    guard scratch.status[item] == ResponseScratch.answered else { return nil }
                    return (false, scratch.values[item])
                }
            }
        }
    }

    var items: [ItemModel] = []
    var dimensions: [DimensionModel] = []
    var tests: [TestModel] = []

    // Flat copies of what the per-response loop reads, indexed by item.
    private(set) var slots: [AnswerLayout.Slot] = []
    private(set) var reverseSum: [Double] = []       // min + max for reverse-keyed items, else 0
    private(set) var weights: [Double] = []
    private(set) var polarityTable: [[UInt8]] = []  // scored value - scaleMin → polarity code
    private(set) var polarityMin: [Int] = []

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
        slots = items.map(\.slot)
        weights = items.map(\.item.weight)
        reverseSum = items.map { model in
            guard model.item.reverse, let scale = model.scale else { return 0 }
            return Double(scale.min + scale.max)
        }
        polarityMin = items.map { $0.scale?.min ?? 0 }
        polarityTable = items.map { model in
            guard let scale = model.scale else { return [] }
            return (scale.min...max(scale.min, scale.max)).map { value in
                switch model.polarity[value] {
                case .favorable: 1
                case .neutral: 2
                case .unfavorable: 3
                case nil: 0
                }
            }
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
        let count = slots.count
        if scratch.status.count != count {
            scratch.status = Array(repeating: ResponseScratch.missing, count: count)
            scratch.values = Array(repeating: 0, count: count)
            scratch.polarity = Array(repeating: 0, count: count)
            scratch.dimensions = Array(repeating: RespondentDimension(), count: dimensions.count)
        }
        slots.withUnsafeBufferPointer { slots in
            for index in 0..<count {
                let slot = slots[index]
                scratch.polarity[index] = 0
                if case .text = slot.kind {
                    scratch.status[index] = ResponseScratch.notApplicable
                    continue
                }
                if AnswerLayout.isNotApplicable(answers, slot) {
                    scratch.status[index] = ResponseScratch.notApplicable
                    continue
                }
                guard var value = AnswerLayout.number(answers, slot) else {
                    // Multi items have no single number; answered ones count as valid for item sums.
                    if case .multi = slot.kind, answers[slot.offset] == 1 {
                        scratch.status[index] = ResponseScratch.answered
                        scratch.values[index] = 0
                    } else {
                        scratch.status[index] = ResponseScratch.missing
                    }
                    continue
                }
                if case .agreement = slot.kind {
                    if reverseSum[index] != 0 { value = reverseSum[index] - value }
                    let position = Int(value) - polarityMin[index]
                    let table = polarityTable[index]
                    if position >= 0, position < table.count { scratch.polarity[index] = table[position] }
                }
                scratch.status[index] = ResponseScratch.answered
                scratch.values[index] = value
            }
        }
        for dimensionIndex in 0..<dimensions.count {
            var result = RespondentDimension()
            var weighted = 0.0, totalWeight = 0.0, answered = 0
            for index in dimensions[dimensionIndex].agreementItems {
                let status = scratch.status[index]
                if status == ResponseScratch.notApplicable { continue }
                result.applicable += 1
                guard status == ResponseScratch.answered else { continue }
                answered += 1
                let weight = weights[index]
                weighted += weight * scratch.values[index]
                totalWeight += weight
                result.valid += 1
                switch scratch.polarity[index] {
                case 1: result.favorable += 1
                case 2: result.neutral += 1
                case 3: result.unfavorable += 1
                default: break
                }
            }
            if answered > 0, 2 * answered >= result.applicable { result.score = weighted / totalWeight }
            scratch.dimensions[dimensionIndex] = result
        }
    }
}
