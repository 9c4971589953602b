import SurveyCore

/// Trend lines across waves (SCORING.md, Trends between waves).
package enum TrendAnalysis {
    /// How a dimension's agreement items carry from one survey version to the next.
    package struct Continuity: Sendable, Hashable {
        /// Items in both versions with the same wording, or carried over by the later one.
        package var shared: [String]
        /// Items only in the later version.
        package var added: [String]
        /// Items only in the earlier version.
        package var dropped: [String]
        /// Items in both whose wording changed without `carry_over`: their line breaks.
        package var reworded: [String]
    }

    /// One wave's scored figures, ready for ``report(org:units:focus:waves:)``.
    package struct Wave {
        /// The wave's label.
        package var label: String
        /// The survey version most of its responses used.
        package var survey: Survey
        /// The wave's scorecard: it decides what is visible.
        package var scorecard: Scorecard
        /// Scores on the items shared with the neighbouring waves.
        package var accumulator: TrendAccumulator

        /// Creates a wave's figures.
        package init(label: String, survey: Survey, scorecard: Scorecard, accumulator: TrendAccumulator) {
            self.label = label
            self.survey = survey
            self.scorecard = scorecard
            self.accumulator = accumulator
        }
    }

    /// Per dimension id of the later survey, which agreement items continue from the earlier.
    package static func continuity(from earlier: Survey, to later: Survey) -> [String: Continuity] {
        var result: [String: Continuity] = [:]
        let carried = Set(later.carryOver)
        for dimension in later.dimensions {
            let before = earlier.dimensions.first { $0.id == dimension.id }?.agreementItems ?? []
            let after = dimension.agreementItems
            var continuity = Continuity(shared: [], added: [], dropped: [], reworded: [])
            for item in after {
                guard let old = before.first(where: { $0.id == item.id }) else {
                    continuity.added.append(item.id)
                    continue
                }
                if wording(old.text) == wording(item.text) || carried.contains(item.id) {
                    continuity.shared.append(item.id)
                } else {
                    continuity.reworded.append(item.id)
                }
            }
            continuity.dropped = before.map(\.id).filter { id in !after.contains { $0.id == id } }
            result[dimension.id] = continuity
        }
        return result
    }

    /// Ids of every agreement item that continues from `earlier` to `later`.
    package static func sharedItems(from earlier: Survey, to later: Survey) -> Set<String> {
        Set(continuity(from: earlier, to: later).values.flatMap(\.shared))
    }

    private static func wording(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The trend view of one unit and its children over the given waves.
    ///
    /// Each point is the wave's scorecard figure (hidden when the scorecard hides it). Each
    /// delta is computed on respondent scores over the items both waves share, tested with
    /// Welch, and shown only when both waves' figures are visible and both shared-item groups
    /// have at least `k` respondents. Benjamini–Hochberg runs over every delta of the view.
    /// - Parameters:
    ///   - org: The organisation's name.
    ///   - units: The organisation first, then its divisions and teams.
    ///   - focus: The unit whose line is drawn, with its children.
    ///   - waves: The waves, oldest first.
    package static func report(org: String, units: [UnitDescriptor], focus: Int64, waves: [Wave]) -> TrendReport {
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func path(_ unit: UnitDescriptor) -> [String] {
            var names = [unit.name]
            var parent = unit.parentID
            while let id = parent, let next = byID[id] {
                names.insert(next.name, at: 0)
                parent = next.parentID
            }
            return names
        }
        let focusUnit = byID[focus] ?? units[0]
        let viewed = [focusUnit] + units.filter { $0.parentID == focusUnit.id }.sorted { $0.name.lowercased() < $1.name.lowercased() }
        let minGroup = waves.last?.scorecard.minGroup ?? 5

        var headings: [GroupComparison.Heading] = []
        for wave in waves.reversed() {
            for dimension in wave.survey.dimensions where !headings.contains(where: { $0.id == dimension.id }) {
                headings.append(.init(id: dimension.id, title: dimension.title))
            }
        }
        let continuities = waves.indices.dropFirst().map { continuity(from: waves[$0 - 1].survey, to: waves[$0].survey) }

        var reportUnits: [TrendReport.Unit] = []
        var tests: [DifferenceTest] = []
        var testPositions: [(unit: Int, line: Int, point: Int)] = []
        for unit in viewed {
            let unitPath = path(unit)
            var lines: [TrendReport.Line] = []
            for heading in headings {
                var points: [TrendReport.Point] = []
                for (index, wave) in waves.enumerated() {
                    var point = Self.point(wave, path: unitPath, dimension: heading.id)
                    if index > 0 {
                        point.delta = delta(waves[index - 1], wave, continuity: continuities[index - 1][heading.id],
                                            unit: unit.id, dimension: heading.id, bothVisible: !point.suppressed && !points[index - 1].suppressed,
                                            minGroup: minGroup)
                        if let test = point.delta?.test {
                            tests.append(test)
                            testPositions.append((reportUnits.count, lines.count, index))
                        }
                    }
                    points.append(point)
                }
                lines.append(.init(dimension: heading.id, points: points))
            }
            reportUnits.append(.init(name: unit.id == units[0].id ? org : unitPath.dropFirst().joined(separator: " / "),
                                     path: unitPath, lines: lines))
        }
        CalloutRule.apply(to: &tests)
        for (test, position) in zip(tests, testPositions) {
            guard var delta = reportUnits[position.unit].lines[position.line].points[position.point].delta else { continue }
            delta.test = test
            if test.status == .tested {
                delta.status = test.calledOut ? (test.difference > 0 ? .improved : .declined) : .notCalledOut
            }
            reportUnits[position.unit].lines[position.line].points[position.point].delta = delta
        }

        return TrendReport(surveyID: waves.last?.survey.id ?? "", org: org, minGroup: minGroup, rule: CalloutRule.sentence,
                           waves: waves.map { .init(label: $0.label, surveyVersion: $0.survey.version) },
                           dimensions: headings, units: reportUnits, notes: notes(waves, continuities, headings))
    }

    private static func point(_ wave: Wave, path: [String], dimension id: String) -> TrendReport.Point {
        let hidden = TrendReport.Point(wave: wave.label, suppressed: true, n: nil, score100: nil, ci95: nil, delta: nil)
        guard let unit = find(path, in: wave.scorecard.unit), !unit.suppressed,
              let dimension = unit.dimensions.first(where: { $0.id == id }), dimension.mean != nil else { return hidden }
        let scale = wave.scorecard.scale
        let ci = dimension.ci95?.map(scale.score100(forMean:))
        return .init(wave: wave.label, suppressed: false, n: dimension.n, score100: dimension.score100, ci95: ci, delta: nil)
    }

    private static func find(_ path: [String], in unit: UnitScore) -> UnitScore? {
        if unit.path == path { return unit }
        for child in unit.units where path.starts(with: child.path) { return find(path, in: child) }
        return nil
    }

    private static func delta(_ earlier: Wave, _ later: Wave, continuity: Continuity?, unit: Int64, dimension: String,
                              bothVisible: Bool, minGroup: Int) -> TrendReport.Delta {
        let shared = continuity?.shared ?? []
        guard bothVisible else { return .init(from: earlier.label, status: .suppressed, test: nil, sharedItems: shared) }
        guard !shared.isEmpty else { return .init(from: earlier.label, status: .lineBroken, test: nil, sharedItems: []) }
        let before = earlier.accumulator.sums(subset: 1, unit: unit, dimension: dimension)
        let after = later.accumulator.sums(subset: 0, unit: unit, dimension: dimension)
        let scale = later.scorecard.scale
        guard before.n >= minGroup, after.n >= minGroup,
              let test = after.difference(from: before, scaleWidth: scale.max - scale.min) else {
            return .init(from: earlier.label, status: .suppressed, test: nil, sharedItems: shared)
        }
        return .init(from: earlier.label, status: test.status == .noTest ? .noTest : .notCalledOut, test: test, sharedItems: shared)
    }

    private static func notes(_ waves: [Wave], _ continuities: [[String: Continuity]], _ headings: [GroupComparison.Heading]) -> [String] {
        var notes: [String] = []
        for index in waves.indices.dropFirst() {
            let earlier = waves[index - 1], later = waves[index]
            let step = "\(earlier.label) → \(later.label)"
            for heading in headings {
                guard let continuity = continuities[index - 1][heading.id] else {
                    if earlier.survey.dimensions.contains(where: { $0.id == heading.id }) {
                        notes.append("\(step), \(heading.title): the dimension is not in \(later.survey.reference); its line breaks.")
                    }
                    continue
                }
                for item in continuity.reworded {
                    notes.append("\(step), \(heading.title): item '\(item)' was reworded in \(later.survey.reference) without carry_over, so its trend line breaks here and the delta leaves it out.")
                }
                if continuity.shared.isEmpty, !(continuity.added.isEmpty && continuity.reworded.isEmpty) {
                    notes.append("\(step), \(heading.title): no item continues from \(earlier.survey.reference), so the line breaks and no delta is shown.")
                } else if !continuity.added.isEmpty || !continuity.dropped.isEmpty {
                    var parts: [String] = []
                    if !continuity.added.isEmpty { parts.append("added \(continuity.added.joined(separator: ", "))") }
                    if !continuity.dropped.isEmpty { parts.append("dropped \(continuity.dropped.joined(separator: ", "))") }
                    notes.append("\(step), \(heading.title): items \(parts.joined(separator: "; ")); the delta uses the \(continuity.shared.count) item(s) both waves share.")
                }
            }
        }
        return notes
    }
}
