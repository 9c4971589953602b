import SurveyCore

extension Scorecard {
    /// Checks that every figure a renderer could show is a finite number and every interval a
    /// pair of finite bounds, low first.
    ///
    /// Figures of suppressed units and suppressed role groups are never shown, so they are not
    /// checked either.
    func checkRenderable() throws {
        for band in bands {
            try check(band.lowerBound, "lower_bound", at: "band '\(band.name)'")
        }
        try check(unit)
    }

    private func check(_ unit: UnitScore) throws {
        guard !unit.suppressed else { return }
        let place = "unit '\(unit.path.isEmpty ? unit.name : unit.path.joined(separator: " / "))'"
        try check(unit.responseRate, "response_rate", at: place)
        if let overall = unit.overall {
            try check(overall.mean, "overall mean", at: place)
            try check(overall.score100, "overall score100", at: place)
        }
        for (id, mean) in (unit.previous ?? [:]).sorted(by: { $0.key < $1.key }) {
            try check(mean, "previous['\(id)']", at: place)
        }
        for (id, score) in (unit.previousScore100 ?? [:]).sorted(by: { $0.key < $1.key }) {
            try check(score, "previous score100['\(id)']", at: place)
        }
        try check(unit.dimensions, at: place)
        for flag in unit.flags {
            let flagPlace = "\(place) flag '\(flag.id)'"
            try check(flag.value, "value", at: flagPlace)
            try check(flag.threshold, "threshold", at: flagPlace)
            try checkInterval(flag.ci95, "ci95", at: flagPlace)
            for (index, test) in flag.evidence.enumerated() {
                let testPlace = "\(flagPlace) evidence \(index + 1)"
                try check(test.threshold, "threshold", at: testPlace)
                try check(test.value, "value", at: testPlace)
                try checkInterval(test.ci95, "ci95", at: testPlace)
            }
        }
        for role in unit.roles where !role.suppressed {
            try check(role.dimensions, at: "\(place) role '\(role.role)'")
        }
        for child in unit.units {
            try check(child)
        }
    }

    private func check(_ dimensions: [DimensionScore], at place: String) throws {
        for dimension in dimensions {
            let here = "\(place) dimension '\(dimension.id)'"
            try check(dimension.mean, "mean", at: here)
            try checkInterval(dimension.ci95, "ci95", at: here)
            try check(dimension.score100, "score100", at: here)
            try check(dimension.favorablePct, "favorable_pct", at: here)
            try checkInterval(dimension.favorableCi95, "favorable_ci95", at: here)
            try check(dimension.neutralPct, "neutral_pct", at: here)
            try check(dimension.unfavorablePct, "unfavorable_pct", at: here)
            try check(dimension.alpha, "alpha", at: here)
            for item in dimension.items {
                let itemPlace = "\(here) item '\(item.id)'"
                try check(item.mean, "mean", at: itemPlace)
                try check(item.favorablePct, "favorable_pct", at: itemPlace)
                try checkInterval(item.favorableCi95, "favorable_ci95", at: itemPlace)
            }
        }
    }

    private func check(_ value: Double?, _ name: String, at place: String) throws {
        guard let value, !value.isFinite else { return }
        throw ReportRenderingError(code: .nonFiniteNumber,
                                   message: "\(place): \(name) is \(value), expected a finite number")
    }

    private func checkInterval(_ bounds: Interval?, _ name: String, at place: String) throws {
        guard let bounds else { return }
        try check(bounds.lower, name, at: place)
        try check(bounds.upper, name, at: place)
        guard bounds.lower <= bounds.upper else {
            throw ReportRenderingError(code: .malformedInterval,
                                       message: "\(place): \(name) is [\(bounds.lower), \(bounds.upper)], expected low ≤ high")
        }
    }
}
