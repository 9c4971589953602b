import SurveyCore

/// An organisation, division or team that responses belong to.
package struct UnitDescriptor: Sendable, Hashable {
    /// The store's id.
    package var id: Int64
    /// The name as first spelled.
    package var name: String
    /// organisation, division or team.
    package var level: String
    /// The parent's id (nil for the organisation).
    package var parentID: Int64?

    package init(id: Int64, name: String, level: String, parentID: Int64?) {
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
package final class ScorecardBuilder {
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
    var pairs: [ItemPairSums]
    var comments: [[(item: String, text: String)]]

    /// Headcounts by unit id, for response rates.
    package var headcounts: [Int64: Int] = [:]
    /// The previous wave's label and its visible dimension means by unit path, for trend marks
    /// and the radar: each unit carries the means and their 0–100 scores on the dimension's
    /// scale (``UnitScore/previousScore100``).
    package var previous: (wave: String, means: [[String]: [String: Double]])?

    /// Prepares sums for an organisation and its divisions and teams.
    /// - Parameters:
    ///   - units: The organisation first, then its divisions and teams (parents before children).
    ///   - minGroup: The anonymity threshold, at least 3.
    package init(survey: Survey, wave: String, units: [UnitDescriptor], minGroup: Int) {
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
        pairs = model.dimensions.map { ItemPairSums(itemCount: $0.agreementItems.count) }
        comments = Array(repeating: [], count: units.count)
    }

    private var scratch = ResponseScratch()

    /// Statistic codes of the flag tests, computed once.
    private lazy var testCodes: [UInt8] = model.tests.map(\.statisticCode)

    /// Adds one response.
    /// - Parameters:
    ///   - division: Its division's id, if any.
    ///   - team: Its team's id, if any.
    ///   - role: The respondent's role, if known.
    ///   - answers: The packed answers (``AnswerLayout``).
    package func add(division: Int64?, team: Int64?, role: Role?, answers: UnsafeRawBufferPointer) {
        let roleSlot = role.map { Role.allCases.firstIndex(of: $0) ?? Self.roleSlots - 1 } ?? Self.roleSlots - 1
        model.decode(answers, into: &scratch)
        let codes = testCodes
        // The organisation, then the division and team when known: no array per response.
        var unit = 0
        for level in 0..<3 {
            switch level {
            case 0: unit = 0
            case 1: unit = division.flatMap { unitIndex[$0] } ?? -1
            default: unit = team.flatMap { unitIndex[$0] } ?? -1
            }
            guard unit >= 0 else { continue }
            let cell = unit * Self.roleSlots + roleSlot
            respondents[cell] += 1
            addItems(cell: cell)
            addDimensions(cell: cell)
            addTests(cell: cell, answers: answers, codes: codes)
        }
        addPairs()
    }

    /// Adds a free-text answer of a response in this organisation.
    package func addComment(division: Int64?, team: Int64?, item: String, text: String) {
        comments[0].append((item, text))
        if let division, let position = unitIndex[division] { comments[position].append((item, text)) }
        if let team, let position = unitIndex[team] { comments[position].append((item, text)) }
    }

    // The add… methods work on buffer pointers: one exclusive access per array and response,
    // not one per item.

    private func addItems(cell: Int) {
        let count = model.items.count
        let base = cell * count
        let scratch = self.scratch
        items.withUnsafeMutableBufferPointer { items in
            for index in 0..<count {
                let status = scratch.status[index]
                if status == ResponseScratch.notApplicable { continue }
                if status == ResponseScratch.missing {
                    items[base + index].missing += 1
                    continue
                }
                let value = scratch.values[index]
                items[base + index].valid += 1
                items[base + index].sum += value
                items[base + index].sumSquares += value * value
                switch scratch.polarity[index] {
                case 1: items[base + index].favorable += 1
                case 2: items[base + index].neutral += 1
                case 3: items[base + index].unfavorable += 1
                default: break
                }
            }
        }
    }

    private func addDimensions(cell: Int) {
        let count = model.dimensions.count
        let base = cell * count
        let scratch = self.scratch
        dimensions.withUnsafeMutableBufferPointer { dimensions in
            for index in 0..<count {
                let result = scratch.dimensions[index]
                guard result.applicable > 0 else { continue }
                if let score = result.score {
                    dimensions[base + index].scored += 1
                    dimensions[base + index].sum += score
                    dimensions[base + index].sumSquares += score * score
                } else {
                    dimensions[base + index].unscored += 1
                }
                if result.valid > 0 {
                    dimensions[base + index].clusters += 1
                    dimensions[base + index].favorable += result.favorable
                    dimensions[base + index].neutral += result.neutral
                    dimensions[base + index].unfavorable += result.unfavorable
                    dimensions[base + index].valid += result.valid
                    dimensions[base + index].favorableSquares += result.favorable * result.favorable
                    dimensions[base + index].favorableValid += result.favorable * result.valid
                    dimensions[base + index].validSquares += result.valid * result.valid
                }
            }
        }
    }

    private func addTests(cell: Int, answers: UnsafeRawBufferPointer, codes: [UInt8]) {
        let count = model.tests.count
        let base = cell * count
        let scratch = self.scratch
        model.tests.withUnsafeBufferPointer { models in
            tests.withUnsafeMutableBufferPointer { tests in
                for index in 0..<count {
                    guard let outcome = models[index].evaluate(answers, scratch: scratch, statisticCode: codes[index]) else { continue }
                    tests[base + index].base += 1
                    if outcome.hit { tests[base + index].hits += 1 }
                    if let value = outcome.value {
                        tests[base + index].sum += value
                        tests[base + index].sumSquares += value * value
                        if codes[index] == 5 { tests[base + index].histogram[value, default: 0] += 1 }
                    }
                }
            }
        }
    }

    private func addPairs() {
        let scratch = self.scratch
        for dimensionIndex in 0..<model.dimensions.count {
            let members = model.dimensions[dimensionIndex].agreementItems
            pairs[dimensionIndex].add { a in
                scratch.status[members[a]] == ResponseScratch.answered ? scratch.values[members[a]] : nil
            }
        }
    }
}
