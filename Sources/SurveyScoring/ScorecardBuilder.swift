import SurveyCore

/// An organisation, division or team that responses belong to.
public struct UnitDescriptor: Sendable, Hashable {
    /// The store's id.
    public var id: Int64
    /// The name as first spelled.
    public var name: String
    /// organisation, division or team.
    public var level: String
    /// The parent's id (nil for the organisation).
    public var parentID: Int64?

    public init(id: Int64, name: String, level: String, parentID: Int64?) {
        self.id = id
        self.name = name
        self.level = level
        self.parentID = parentID
    }
}

/// Builds one organisation's scorecard for one wave in a single pass over its responses.
///
/// Each response is decoded once from its packed answers and added to additive sums per
/// (unit, role) cell; unit figures, role groups and role-filtered flag bases are sums of cells,
/// so a million responses cost one pass and a few hundred additions each. `build()` then
/// applies SCORING.md: respondent-first dimension scores, intervals, bands, flags, and the
/// anonymity threshold with complementary suppression.
public final class ScorecardBuilder {
    let survey: Survey
    let wave: String
    let minGroup: Int
    let units: [UnitDescriptor]
    let unitIndex: [Int64: Int]
    let model: ScoringModel
    static let roleSlots = Role.allCases.count + 1

    var respondents: [Int]
    var items: [ItemSums]
    var dimensions: [DimensionSums]
    var tests: [TestSums]
    var pairs: [[PairSums]]
    var comments: [[(item: String, text: String)]]

    /// Headcounts by unit id, for response rates.
    public var headcounts: [Int64: Int] = [:]
    /// The previous wave's label and its visible dimension means by unit path, for trend marks.
    public var previous: (wave: String, means: [[String]: [String: Double]])?

    /// Prepares sums for an organisation and its divisions and teams.
    /// - Parameters:
    ///   - units: The organisation first, then its divisions and teams (parents before children).
    ///   - minGroup: The anonymity threshold, at least 3.
    public init(survey: Survey, wave: String, units: [UnitDescriptor], minGroup: Int) {
        self.survey = survey
        self.wave = wave
        self.minGroup = max(3, minGroup)
        self.units = units
        var index: [Int64: Int] = [:]
        for (position, unit) in units.enumerated() { index[unit.id] = position }
        unitIndex = index
        model = ScoringModel(survey: survey)
        let cells = units.count * Self.roleSlots
        respondents = Array(repeating: 0, count: cells)
        items = Array(repeating: ItemSums(), count: cells * model.items.count)
        dimensions = Array(repeating: DimensionSums(), count: cells * model.dimensions.count)
        tests = Array(repeating: TestSums(), count: cells * model.tests.count)
        pairs = model.dimensions.map { dimension in
            Array(repeating: PairSums(), count: dimension.agreementItems.count * dimension.agreementItems.count)
        }
        comments = Array(repeating: [], count: units.count)
    }

    private var scratch = ResponseScratch()

    /// Adds one response.
    /// - Parameters:
    ///   - division: Its division's id, if any.
    ///   - team: Its team's id, if any.
    ///   - role: The respondent's role, if known.
    ///   - answers: The packed answers (``AnswerLayout``).
    public func add(division: Int64?, team: Int64?, role: Role?, answers: UnsafeRawBufferPointer) {
        let roleSlot = role.map { Role.allCases.firstIndex(of: $0) ?? Self.roleSlots - 1 } ?? Self.roleSlots - 1
        model.decode(answers, into: &scratch)
        var unitPositions = (0, -1, -1)
        if let division, let position = unitIndex[division] { unitPositions.1 = position }
        if let team, let position = unitIndex[team] { unitPositions.2 = position }
        for unit in [unitPositions.0, unitPositions.1, unitPositions.2] where unit >= 0 {
            let cell = unit * Self.roleSlots + roleSlot
            respondents[cell] += 1
            addItems(cell: cell)
            addDimensions(cell: cell)
            addTests(cell: cell, answers: answers)
        }
        addPairs()
    }

    /// Adds a free-text answer of a response in this organisation.
    public func addComment(division: Int64?, team: Int64?, item: String, text: String) {
        comments[0].append((item, text))
        if let division, let position = unitIndex[division] { comments[position].append((item, text)) }
        if let team, let position = unitIndex[team] { comments[position].append((item, text)) }
    }

    private func addItems(cell: Int) {
        let base = cell * model.items.count
        for index in model.items.indices {
            switch scratch.states[index] {
            case .notApplicable: continue
            case .missing: items[base + index].missing += 1
            case .value(let value):
                items[base + index].valid += 1
                items[base + index].sum += value
                items[base + index].sumSquares += value * value
                switch scratch.polarities[index] {
                case .favorable: items[base + index].favorable += 1
                case .neutral: items[base + index].neutral += 1
                case .unfavorable: items[base + index].unfavorable += 1
                case nil: break
                }
            }
        }
    }

    private func addDimensions(cell: Int) {
        let base = cell * model.dimensions.count
        for (index, result) in scratch.dimensions.enumerated() where result.applicable > 0 {
            var sums = dimensions[base + index]
            if let score = result.score {
                sums.scored += 1
                sums.sum += score
                sums.sumSquares += score * score
            } else {
                sums.unscored += 1
            }
            if result.valid > 0 {
                sums.clusters += 1
                sums.favorable += result.favorable
                sums.neutral += result.neutral
                sums.unfavorable += result.unfavorable
                sums.valid += result.valid
                sums.favorableSquares += result.favorable * result.favorable
                sums.favorableValid += result.favorable * result.valid
                sums.validSquares += result.valid * result.valid
            }
            dimensions[base + index] = sums
        }
    }

    private func addTests(cell: Int, answers: UnsafeRawBufferPointer) {
        let base = cell * model.tests.count
        for (index, test) in model.tests.enumerated() {
            guard let outcome = test.evaluate(answers, scratch: scratch) else { continue }
            tests[base + index].base += 1
            if outcome.hit { tests[base + index].hits += 1 }
            if let value = outcome.value {
                tests[base + index].sum += value
                tests[base + index].sumSquares += value * value
                if test.needsHistogram { tests[base + index].histogram[value, default: 0] += 1 }
            }
        }
    }

    private func addPairs() {
        for (dimensionIndex, dimension) in model.dimensions.enumerated() {
            let members = dimension.agreementItems
            let k = members.count
            for a in 0..<k {
                guard case .value(let x) = scratch.states[members[a]] else { continue }
                for b in a..<k {
                    guard case .value(let y) = scratch.states[members[b]] else { continue }
                    pairs[dimensionIndex][a * k + b].n += 1
                    pairs[dimensionIndex][a * k + b].sumX += x
                    pairs[dimensionIndex][a * k + b].sumY += y
                    pairs[dimensionIndex][a * k + b].sumXY += x * y
                }
            }
        }
    }
}
