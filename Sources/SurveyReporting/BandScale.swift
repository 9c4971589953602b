import SurveyCore

/// A scorecard's maturity bands in ascending order, for colouring and for the method note.
struct BandScale {
    /// Bands from lowest to highest lower bound (declaration order among equals).
    let bands: [MaturityBand]

    init(_ bands: [MaturityBand]) {
        self.bands = bands.enumerated()
            .sorted { ($0.element.lowerBound, $0.offset) < ($1.element.lowerBound, $1.offset) }
            .map(\.element)
    }

    /// The band's position from the lowest, or nil for an unknown or missing name.
    func rank(of name: String?) -> Int? {
        guard let name else { return nil }
        return bands.firstIndex { $0.name == name }
    }

    /// One of five colour steps, `1` (lowest band) … `5` (highest), or nil for an unknown band.
    ///
    /// Surveys may declare any number of bands; they are spread evenly over the five steps.
    func colourStep(of name: String?) -> Int? {
        guard let rank = rank(of: name) else { return nil }
        guard bands.count > 1 else { return 3 }
        return Int((Double(rank) / Double(bands.count - 1) * 4).rounded()) + 1
    }

    /// `band-1` … `band-5`, or `band-none`.
    func cssClass(of name: String?) -> String {
        colourStep(of: name).map { "band-\($0)" } ?? "band-none"
    }

    /// Each band with its range on the answer scale, e.g. `Emerging: mean from 2.20 to below 3.00`.
    var definitions: [(name: String, range: String)] {
        bands.indices.map { index in
            let from = NumberText.mean(bands[index].lowerBound)
            if index + 1 < bands.count {
                return (bands[index].name, "mean from \(from) to below \(NumberText.mean(bands[index + 1].lowerBound))")
            }
            return (bands[index].name, "mean from \(from)")
        }
    }
}
