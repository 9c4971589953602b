import SurveyCore

/// The role groups of a breakdown: Product Owners, Product Managers, and everyone else.
enum RoleGroup: CaseIterable {
    case productOwner, productManager, others

    var title: String {
        switch self {
        case .productOwner: Role.productOwner.displayName
        case .productManager: Role.productManager.displayName
        case .others: "Others"
        }
    }

    /// Role slots (Role.allCases positions, and the unknown-role slot) in the group.
    var slots: [Int] {
        let owner = Role.allCases.firstIndex(of: .productOwner) ?? 0
        let manager = Role.allCases.firstIndex(of: .productManager) ?? 1
        switch self {
        case .productOwner: return [owner]
        case .productManager: return [manager]
        case .others: return (0..<ScorecardBuilder.roleSlots).filter { $0 != owner && $0 != manager }
        }
    }
}

extension ScorecardBuilder {
    /// The scorecard: every unit's figures, with the anonymity rules applied.
    package func build() -> Scorecard {
        let organisation = units[0]
        let root = unitScore(0, path: [organisation.name], visible: total(respondentsOf: 0, slots: nil) >= minGroup)
        return Scorecard(survey: SurveyReference(id: survey.id, version: survey.version, title: survey.title),
                         scale: scorecardScale, wave: wave,
                         previousWave: previous?.wave, org: organisation.name, minGroup: minGroup, bands: survey.bands, unit: root)
    }

    /// The range of the scale a dimension's agreement items share (1–5 when it has none).
    func scale(ofDimension index: Int) -> ScaleRange {
        let scale = model.dimensions[index].scale
        return ScaleRange(min: Double(scale?.min ?? 1), max: Double(scale?.max ?? 5))
    }

    /// The scale of the first dimension, which the scorecard names and the overall score uses.
    var scorecardScale: ScaleRange {
        model.dimensions.isEmpty ? ScaleRange(min: 1, max: 5) : scale(ofDimension: 0)
    }

    // MARK: Sums over cells

    func total(respondentsOf unit: Int, slots: [Int]?) -> Int {
        (slots ?? Array(0..<Self.roleSlots)).reduce(0) { $0 + respondents[unit * Self.roleSlots + $1] }
    }

    func itemSums(_ unit: Int, _ item: Int, slots: [Int]?) -> ItemSums {
        var sums = ItemSums()
        for slot in slots ?? Array(0..<Self.roleSlots) {
            sums.add(items[(unit * Self.roleSlots + slot) * model.items.count + item])
        }
        return sums
    }

    func dimensionSums(_ unit: Int, _ dimension: Int, slots: [Int]?) -> DimensionSums {
        var sums = DimensionSums()
        for slot in slots ?? Array(0..<Self.roleSlots) {
            sums.add(dimensions[(unit * Self.roleSlots + slot) * model.dimensions.count + dimension])
        }
        return sums
    }

    func testSums(_ unit: Int, _ test: Int) -> TestSums {
        var sums = TestSums()
        let slots = model.tests[test].roles.map { roles in roles.compactMap { Role.allCases.firstIndex(of: $0) } } ?? Array(0..<Self.roleSlots)
        for slot in slots {
            sums.add(tests[(unit * Self.roleSlots + slot) * model.tests.count + test])
        }
        return sums
    }

    func children(of unit: Int) -> [Int] {
        let id = units[unit].id
        return units.indices.filter { units[$0].parentID == id }
    }

    // MARK: Units

    /// A unit's figures, or its name alone when hidden; children are suppressed complementarily.
    func unitScore(_ unit: Int, path: [String], visible: Bool, hiddenFigures: Set<FigureKey> = []) -> UnitScore {
        let descriptor = units[unit]
        guard visible else { return .suppressed(name: descriptor.name, level: descriptor.level, path: path) }
        let n = total(respondentsOf: unit, slots: nil)
        // Children: hide the small ones, and siblings until the hidden ones total k or more.
        let childIndices = children(of: unit).sorted { units[$0].name.lowercased() < units[$1].name.lowercased() }
        let childBases = childIndices.map { total(respondentsOf: $0, slots: nil) }
        let hiddenChildren = Suppression.hiddenChildren(bases: childBases, parentBase: n, k: minGroup)
        let childFigures = hiddenFigureKeys(parent: unit, children: childIndices, hiddenChildren: hiddenChildren)
        var childScores: [UnitScore] = []
        for (position, child) in childIndices.enumerated() where childBases[position] > 0 {
            childScores.append(unitScore(child, path: path + [units[child].name], visible: !hiddenChildren[position],
                                         hiddenFigures: childFigures[position]))
        }
        let dimensionScores = model.dimensions.indices.map {
            dimensionScore(unit, $0, slots: nil, alpha: unit == 0, hidden: hiddenFigures)
        }
        var rate: Double?
        let previousMeans = previous?.means[path]
        if let headcount = headcounts[descriptor.id], headcount > 0 { rate = min(100, Double(n) / Double(headcount) * 100) }
        return UnitScore(name: descriptor.name, level: descriptor.level, path: path, suppressed: false, respondents: n,
                         responseRate: rate, overall: overall(dimensionScores), dimensions: dimensionScores,
                         flags: flagResults(unit, hidden: hiddenFigures), roles: roleScores(unit),
                         comments: commentGroups(unit, respondents: n, path: path),
                         previous: previousMeans, previousScore100: previousMeans.map(previousScores), units: childScores)
    }

    /// The previous wave's means of a unit placed on 0–100, each on its dimension's scale
    /// (a dimension this wave no longer has keeps the scorecard's scale).
    func previousScores(_ means: [String: Double]) -> [String: Double] {
        var scores: [String: Double] = [:]
        for (id, mean) in means {
            let scale = model.dimensions.firstIndex { $0.dimension.id == id }.map(scale(ofDimension:)) ?? scorecardScale
            scores[id] = scale.roundedScore100(forMean: mean)
        }
        return scores
    }

    /// Per figure (dimension, item, flag test), the children whose figure must be hidden so
    /// that the parent's figure minus the visible children's never isolates fewer than k.
    func hiddenFigureKeys(parent: Int, children: [Int], hiddenChildren: [Bool]) -> [Set<FigureKey>] {
        var hidden = Array(repeating: Set<FigureKey>(), count: children.count)
        func apply(_ key: FigureKey, parentBase: Int, bases: [Int]) {
            let result = Suppression.hiddenChildren(bases: bases, parentBase: parentBase, k: minGroup, alreadyHidden: hiddenChildren)
            for (position, isHidden) in result.enumerated() where isHidden { hidden[position].insert(key) }
        }
        for dimension in model.dimensions.indices {
            apply(.dimension(dimension), parentBase: dimensionSums(parent, dimension, slots: nil).scored,
                  bases: children.map { dimensionSums($0, dimension, slots: nil).scored })
            apply(.pooled(dimension), parentBase: dimensionSums(parent, dimension, slots: nil).clusters,
                  bases: children.map { dimensionSums($0, dimension, slots: nil).clusters })
        }
        for item in model.items.indices {
            apply(.item(item), parentBase: itemSums(parent, item, slots: nil).valid,
                  bases: children.map { itemSums($0, item, slots: nil).valid })
        }
        for test in model.tests.indices {
            apply(.test(test), parentBase: testSums(parent, test).base, bases: children.map { testSums($0, test).base })
        }
        return hidden
    }

    // MARK: Dimensions

    func dimensionScore(_ unit: Int, _ index: Int, slots: [Int]?, alpha: Bool, hidden: Set<FigureKey>) -> DimensionScore {
        let model = self.model.dimensions[index]
        let sums = dimensionSums(unit, index, slots: slots)
        var score = DimensionScore(id: model.dimension.id, title: model.dimension.title, n: sums.scored, nMissing: sums.unscored,
                                   mean: nil, ci95: nil, score100: nil, favorablePct: nil, favorableCi95: nil, neutralPct: nil,
                                   unfavorablePct: nil, alpha: nil, level: nil, items: [])
        if sums.scored >= minGroup, !hidden.contains(.dimension(index)),
           let mean = Statistics.mean(count: sums.scored, sum: sums.sum) {
            score.mean = mean
            score.score100 = scale(ofDimension: index).score100(forMean: mean)
            score.level = survey.band(for: mean)?.name
            score.ci95 = Statistics.meanInterval(count: sums.scored, sum: sums.sum, sumOfSquares: sums.sumSquares)?.interval
        } else {
            // A hidden figure hides its counts too: they would let a reader subtract.
            score.n = nil
            score.nMissing = nil
        }
        if sums.clusters >= minGroup, sums.valid > 0, !hidden.contains(.pooled(index)) {
            let p = sums.favorable / sums.valid
            score.favorablePct = p * 100
            score.neutralPct = sums.neutral / sums.valid * 100
            score.unfavorablePct = sums.unfavorable / sums.valid * 100
            score.favorableCi95 = Statistics.clusteredProportionInterval(
                clusters: sums.clusters, favourable: sums.favorable, valid: sums.valid, favourableSquares: sums.favorableSquares,
                favourableValid: sums.favorableValid, validSquares: sums.validSquares
            )?.interval.map { $0 * 100 }
        }
        if alpha, sums.scored >= minGroup {
            score.alpha = cronbachAlpha(index)
        }
        score.items = model.agreementItems.map { itemScore(unit, $0, slots: slots, hidden: hidden) }
        return score
    }

    func itemScore(_ unit: Int, _ index: Int, slots: [Int]?, hidden: Set<FigureKey>) -> ItemScore {
        let sums = itemSums(unit, index, slots: slots)
        let item = model.items[index].item
        guard sums.valid >= minGroup, !hidden.contains(.item(index)) else {
            return ItemScore(id: item.id, text: item.text, nValid: nil, nMissing: nil, mean: nil, favorablePct: nil, favorableCi95: nil)
        }
        let wilson = Statistics.wilsonInterval(successes: sums.favorable, trials: sums.valid)
        return ItemScore(id: item.id, text: item.text, nValid: sums.valid, nMissing: sums.missing,
                         mean: Statistics.mean(count: sums.valid, sum: sums.sum), favorablePct: Double(sums.favorable) / Double(sums.valid) * 100,
                         favorableCi95: wilson?.interval.map { $0 * 100 })
    }

    func cronbachAlpha(_ dimension: Int) -> Double? {
        guard pairs[dimension].itemCount >= 2, let matrix = pairs[dimension].covarianceMatrix else { return nil }
        return Statistics.cronbachAlpha(covariance: matrix)?.alpha
    }

    func overall(_ scores: [DimensionScore]) -> OverallScore? {
        var weighted = 0.0, weights = 0.0
        for (score, model) in zip(scores, model.dimensions) {
            guard let mean = score.mean else { continue }
            weighted += mean * model.dimension.weight
            weights += model.dimension.weight
        }
        guard weights > 0 else { return nil }
        let mean = weighted / weights
        return OverallScore(mean: mean, score100: scorecardScale.score100(forMean: mean), level: survey.band(for: mean)?.name ?? "")
    }

    // MARK: Roles

    func roleScores(_ unit: Int) -> [RoleScore] {
        let groups = RoleGroup.allCases
        let bases = groups.map { total(respondentsOf: unit, slots: $0.slots) }
        let hidden = Suppression.hiddenChildren(bases: bases, parentBase: total(respondentsOf: unit, slots: nil), k: minGroup)
        // Per figure, complementary suppression among the role groups too.
        var hiddenFigures = Array(repeating: Set<FigureKey>(), count: groups.count)
        func apply(_ key: FigureKey, parentBase: Int, bases: [Int]) {
            let result = Suppression.hiddenChildren(bases: bases, parentBase: parentBase, k: minGroup, alreadyHidden: hidden)
            for (position, isHidden) in result.enumerated() where isHidden { hiddenFigures[position].insert(key) }
        }
        for dimension in model.dimensions.indices {
            let parent = dimensionSums(unit, dimension, slots: nil)
            let sums = groups.map { dimensionSums(unit, dimension, slots: $0.slots) }
            apply(.dimension(dimension), parentBase: parent.scored, bases: sums.map(\.scored))
            apply(.pooled(dimension), parentBase: parent.clusters, bases: sums.map(\.clusters))
            for item in model.dimensions[dimension].agreementItems {
                apply(.item(item), parentBase: itemSums(unit, item, slots: nil).valid,
                      bases: groups.map { itemSums(unit, item, slots: $0.slots).valid })
            }
        }
        return groups.enumerated().compactMap { position, group in
            guard bases[position] > 0 else { return nil }
            if hidden[position] { return RoleScore(role: group.title, suppressed: true, respondents: nil, dimensions: []) }
            return RoleScore(role: group.title, suppressed: false, respondents: bases[position],
                             dimensions: model.dimensions.indices.map {
                                 dimensionScore(unit, $0, slots: group.slots, alpha: false, hidden: hiddenFigures[position])
                             })
        }
    }
}
