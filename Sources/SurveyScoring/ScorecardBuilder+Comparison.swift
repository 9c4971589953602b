import SurveyCore

/// One group of a comparison, before it is shown.
private struct ComparisonCell {
    var name: String
    var respondents: Int
    var dimensions: [ScoreSums]
    var hidden = false
    var hiddenDimensions: [Bool]
}

extension ScorecardBuilder {
    /// The label of the rest of the organisation in comparisons.
    package static let restOfOrganisation = "Rest of organisation"

    /// Compares the organisation's groups on every dimension (SCORING.md, Comparing groups).
    ///
    /// Each visible group against the rest of the organisation (organisation sums minus the
    /// group's), or with `pairs` every two visible groups, with Welch's test on respondent
    /// dimension scores; Benjamini–Hochberg runs over every test of the result. Groups are
    /// suppressed as in the scorecard: below `k`, complementarily among siblings (teams within
    /// their division, hidden with a hidden division), and per dimension on its own n. A
    /// hidden group is never compared, and a rest of fewer than `k` is never shown.
    /// - Parameters:
    ///   - breakdown: Divisions, teams or role groups.
    ///   - pairs: Compare every pair instead of each group with the rest.
    package func comparison(by breakdown: GroupBreakdown, pairs: Bool) -> GroupComparison {
        let dimensionCount = model.dimensions.count
        let organisationSums = model.dimensions.indices.map { ScoreSums(dimensionSums(0, $0, slots: nil)) }
        let organisationTotal = total(respondentsOf: 0, slots: nil)
        var organisation = ComparisonCell(name: units[0].name, respondents: organisationTotal, dimensions: organisationSums,
                                          hiddenDimensions: organisationSums.map { $0.n < minGroup })
        organisation.hidden = organisationTotal < minGroup
        if organisation.hidden { organisation.hiddenDimensions = Array(repeating: true, count: dimensionCount) }

        func cell(_ unit: Int, name: String) -> ComparisonCell {
            ComparisonCell(name: name, respondents: total(respondentsOf: unit, slots: nil),
                           dimensions: model.dimensions.indices.map { ScoreSums(dimensionSums(unit, $0, slots: nil)) },
                           hiddenDimensions: Array(repeating: false, count: dimensionCount))
        }
        func sortedChildren(of unit: Int) -> [Int] {
            children(of: unit).sorted { units[$0].name.lowercased() < units[$1].name.lowercased() }
        }

        var cells: [ComparisonCell] = []
        switch breakdown {
        case .division:
            cells = sortedChildren(of: 0).map { cell($0, name: units[$0].name) }
            suppress(&cells, parent: organisation)
        case .team:
            let divisions = sortedChildren(of: 0)
            var divisionCells = divisions.map { cell($0, name: units[$0].name) }
            suppress(&divisionCells, parent: organisation)
            for (position, division) in divisions.enumerated() {
                var teams = sortedChildren(of: division).map { cell($0, name: units[division].name + " / " + units[$0].name) }
                suppress(&teams, parent: divisionCells[position])
                cells += teams
            }
        case .role:
            cells = RoleGroup.allCases.map { group in
                ComparisonCell(name: group.title, respondents: total(respondentsOf: 0, slots: group.slots),
                               dimensions: model.dimensions.indices.map { ScoreSums(dimensionSums(0, $0, slots: group.slots)) },
                               hiddenDimensions: Array(repeating: false, count: dimensionCount))
            }
            suppress(&cells, parent: organisation)
        }
        // Groups nobody answered in are not groups of this wave.
        cells.removeAll { $0.respondents == 0 }

        var comparisons: [GroupComparison.Comparison] = []
        var notes: [String] = []
        var restTooSmall: Set<String> = []
        for (index, model) in model.dimensions.enumerated() {
            let width = Double((model.scale?.max ?? 5) - (model.scale?.min ?? 1))
            let visible = cells.filter { !$0.hidden && !$0.hiddenDimensions[index] }
            if pairs {
                for (first, a) in visible.enumerated() {
                    for b in visible[(first + 1)...] {
                        guard let test = a.dimensions[index].difference(from: b.dimensions[index], scaleWidth: width) else { continue }
                        comparisons.append(.init(dimension: model.dimension.id, group: a.name, against: b.name, test: test))
                    }
                }
            } else {
                for group in visible {
                    let rest = organisationSums[index] - group.dimensions[index]
                    // The rest is a group too: below k it would expose its members.
                    guard rest.n >= minGroup, !organisation.hiddenDimensions[index] else {
                        restTooSmall.insert(group.name)
                        continue
                    }
                    guard let test = group.dimensions[index].difference(from: rest, scaleWidth: width) else { continue }
                    comparisons.append(.init(dimension: model.dimension.id, group: group.name, against: Self.restOfOrganisation, test: test))
                }
            }
        }
        var tests = comparisons.map(\.test)
        CalloutRule.apply(to: &tests)
        for index in comparisons.indices { comparisons[index].test = tests[index] }

        let hiddenCount = cells.filter(\.hidden).count
        if hiddenCount > 0 {
            notes.append("\(hiddenCount) of \(cells.count) groups are hidden: fewer than \(minGroup) respondents, or hidden with them so that no group can be recovered by subtraction; hidden groups are never compared.")
        }
        if !restTooSmall.isEmpty {
            notes.append("No comparison with the rest of the organisation where the rest has fewer than \(minGroup) respondents (\(restTooSmall.sorted().joined(separator: ", "))).")
        }
        if comparisons.contains(where: { $0.test.status == .noTest }) {
            notes.append("\"no test\": both groups gave every respondent the same score, so there is no variance to test against.")
        }

        let card = build()
        return GroupComparison(
            survey: SurveyReference(id: survey.id, version: survey.version, title: survey.title), wave: wave,
            org: units[0].name, minGroup: minGroup, breakdown: breakdown, pairs: pairs, rule: CalloutRule.sentence,
            dimensions: model.dimensions.map { .init(id: $0.dimension.id, title: $0.dimension.title) },
            organisation: presented(organisation), groups: cells.map(presented), comparisons: comparisons,
            flags: flagSpread(card, breakdown: breakdown, visible: Set(cells.filter { !$0.hidden }.map(\.name))),
            notes: notes)
    }

    /// Hides small groups and complements them, for the group as a whole and per dimension.
    private func suppress(_ cells: inout [ComparisonCell], parent: ComparisonCell) {
        let hidden = Suppression.hiddenChildren(bases: cells.map(\.respondents), parentBase: parent.respondents, k: minGroup)
        for index in cells.indices { cells[index].hidden = hidden[index] || parent.hidden }
        let already = cells.map(\.hidden)
        for dimension in model.dimensions.indices {
            let result = Suppression.hiddenChildren(bases: cells.map { $0.dimensions[dimension].n },
                                                    parentBase: parent.dimensions[dimension].n, k: minGroup, alreadyHidden: already)
            for index in cells.indices {
                // A hidden parent figure would be recoverable from its visible children.
                cells[index].hiddenDimensions[dimension] = result[index] || parent.hiddenDimensions[dimension]
            }
        }
    }

    private func presented(_ cell: ComparisonCell) -> GroupComparison.Group {
        guard !cell.hidden else { return .init(name: cell.name, suppressed: true, respondents: nil, scores: []) }
        let scores = model.dimensions.enumerated().map { index, model -> GroupComparison.Score in
            let sums = cell.dimensions[index]
            guard !cell.hiddenDimensions[index], sums.n >= minGroup,
                  let figure = sums.score100(on: scale(ofDimension: index)) else {
                return .init(dimension: model.dimension.id, n: nil, score100: nil, ci95: nil)
            }
            return .init(dimension: model.dimension.id, n: sums.n, score100: figure.score, ci95: figure.ci95)
        }
        return .init(name: cell.name, suppressed: false, respondents: cell.respondents, scores: scores)
    }

    /// Where each flag fires: the organisation, then its visible divisions or teams.
    private func flagSpread(_ card: Scorecard, breakdown: GroupBreakdown, visible: Set<String>) -> [GroupComparison.FlagSpread] {
        var units: [(String, UnitScore)] = card.unit.suppressed ? [] : [(card.org, card.unit)]
        switch breakdown {
        case .division:
            units += card.unit.units.map { ($0.name, $0) }
        case .team:
            units += card.unit.units.flatMap { division in division.units.map { (division.name + " / " + $0.name, $0) } }
        case .role:
            break
        }
        units = units.filter { !$0.1.suppressed && ($0.1.level == "organisation" || visible.contains($0.0)) }
        return survey.flags.enumerated().map { index, flag in
            var spread = GroupComparison.FlagSpread(id: flag.id, title: flag.title, severity: flag.severity.rawValue,
                                                    firedIn: [], clearIn: [], notEnoughAnswersIn: [])
            for (name, unit) in units where index < unit.flags.count {
                switch unit.flags[index].status {
                case .fired: spread.firedIn.append(name)
                case .clear: spread.clearIn.append(name)
                case .notEnoughAnswers: spread.notEnoughAnswersIn.append(name)
                }
            }
            return spread
        }
    }
}
