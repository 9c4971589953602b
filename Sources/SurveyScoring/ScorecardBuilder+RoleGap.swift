import SurveyCore

extension ScorecardBuilder {
    /// How the organisation's Product Owners and Product Managers differ (the seed's PO/PM split):
    /// every dimension, and each flag's statistics computed within each of the two roles.
    ///
    /// A role group hidden by the anonymity rules of the role breakdown shows nothing, and a
    /// statistic needs a base of at least the flag's minimum (and the anonymity threshold).
    package func roleGap() -> RoleGap {
        let comparison = comparison(by: .role, pairs: true)
        let hidden = Set(comparison.groups.filter(\.suppressed).map(\.name))
        let owner = Role.allCases.firstIndex(of: .productOwner) ?? 0
        let manager = Role.allCases.firstIndex(of: .productManager) ?? 1
        var flags: [RoleGapFlag] = []
        var offset = 0
        for flag in survey.flags {
            let count = flag.condition.tests.count
            var rows: [RoleGapTest] = []
            for index in offset..<(offset + count) {
                let model = self.model.tests[index]
                let item = self.model.items[model.item].item
                func statistic(_ slot: Int, hiddenGroup: Bool) -> (Double?, Int?) {
                    guard !hiddenGroup else { return (nil, nil) }
                    let sums = tests[slot * self.model.tests.count + index]
                    guard sums.base >= max(flag.minN, minGroup) else { return (nil, nil) }
                    switch model.test.statistic {
                    case .mean: return (Statistics.mean(count: sums.base, sum: sums.sum), sums.base)
                    case .median: return (Statistics.median(counts: sums.histogram), sums.base)
                    default: return (Double(sums.hits) / Double(sums.base) * 100, sums.base)
                    }
                }
                // Organisation level is unit 0: its cells are the first role slots.
                let po = statistic(owner, hiddenGroup: hidden.contains(Role.productOwner.displayName))
                let pm = statistic(manager, hiddenGroup: hidden.contains(Role.productManager.displayName))
                var description = describe(model, item)
                if let range = description.range(of: " among ") {
                    // The comparison is across roles, so the test's own role filter does not apply.
                    let tail = description[range.upperBound...]
                    let comparisonStart = tail.firstIndex { "≥≤<>".contains($0) } ?? tail.endIndex
                    description = String(description[..<range.lowerBound]) + " " + tail[comparisonStart...]
                }
                rows.append(RoleGapTest(description: description, isShare: model.test.statistic.isShare,
                                        productOwner: po.0, productOwnerN: po.1, productManager: pm.0, productManagerN: pm.1))
            }
            offset += count
            flags.append(RoleGapFlag(id: flag.id, title: flag.title, tests: rows))
        }
        return RoleGap(comparison: comparison, flags: flags)
    }
}
