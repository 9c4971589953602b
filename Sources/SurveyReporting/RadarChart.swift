import Foundation
import SurveyCore

/// The inline SVG radar: one polygon for this wave's 0–100 dimension scores and, when the
/// scorecard has previous-wave scores, a dashed one for the previous wave.
struct RadarChart {
    let scorecard: Scorecard

    private let width = 560.0
    private let height = 470.0
    private let centre = (x: 280.0, y: 225.0)
    private let radius = 150.0

    private var unit: UnitScore { scorecard.unit }

    /// Writes the chart as a `figure` with its legend and notes.
    func write(into html: inout HTMLWriter) {
        let dimensions = unit.dimensions
        html.open("figure")
        guard dimensions.count >= 3 else {
            html.element("figcaption", text: "A radar needs at least three dimensions; see the table.")
            html.close("figure")
            return
        }
        let current = dimensions.map { $0.score100.map(clamped) }
        let previous: [Double?] = dimensions.map { unit.previousScore100?[$0.id].map(clamped) }
        let previousLabel = scorecard.previousWave ?? "previous wave"
        let hasPrevious = previous.contains { $0 != nil }
        let summary = "Radar chart of the \(dimensions.count) dimension scores on a 0–100 scale for wave "
            + "\(scorecard.wave)" + (hasPrevious ? ", with \(previousLabel) for comparison." : ".")

        html.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "radar"), ("role", "img"),
                          ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("aria-labelledby", "radar-title radar-desc")])
        html.element("title", [("id", "radar-title")], text: "Dimension scores, \(scorecard.wave)")
        html.element("desc", [("id", "radar-desc")], text: summary + " " + dimensions.indices.map { index in
            "\(dimensions[index].title): \(NumberText.score(current[index]))"
                + (hasPrevious ? " (\(previousLabel): \(NumberText.score(previous[index])))" : "")
        }.joined(separator: "; ") + ".")

        // Scale rings and their labels.
        html.open("g", [("fill", "none"), ("stroke", "#c8c8c8"), ("stroke-width", "1")])
        for ring in stride(from: 20.0, through: 100.0, by: 20.0) {
            html.empty("polygon", [("points", points(Array(repeating: ring, count: dimensions.count)))])
        }
        for index in dimensions.indices {
            let end = point(index, of: dimensions.count, score: 100)
            html.empty("line", [("x1", coordinate(centre.x)), ("y1", coordinate(centre.y)),
                                ("x2", coordinate(end.x)), ("y2", coordinate(end.y))])
        }
        html.close("g")
        html.open("g", [("font-size", "10"), ("fill", "#666")])
        for ring in stride(from: 20, through: 100, by: 20) {
            html.element("text", [("x", coordinate(centre.x + 4)), ("y", coordinate(centre.y - radius * Double(ring) / 100 - 3))],
                         text: String(ring))
        }
        html.close("g")

        // Previous wave under this wave.
        if hasPrevious {
            if previous.allSatisfy({ $0 != nil }) {
                html.empty("polygon", [("points", points(previous.map { $0 ?? 0 })), ("fill", "none"), ("stroke", "#555"),
                                       ("stroke-width", "2"), ("stroke-dasharray", "6 4")])
            }
            writeMarkers(into: &html, scores: previous, wave: previousLabel, fill: "#fff", stroke: "#555")
        }
        if current.allSatisfy({ $0 != nil }) {
            html.empty("polygon", [("points", points(current.map { $0 ?? 0 })), ("fill", "#1a5fb4"),
                                   ("fill-opacity", "0.18"), ("stroke", "#1a5fb4"), ("stroke-width", "2.5")])
        }
        writeMarkers(into: &html, scores: current, wave: scorecard.wave, fill: "#1a5fb4", stroke: "#1a5fb4")

        // Axis labels: the dimension title, then this wave's score.
        html.open("g", [("font-size", "13"), ("fill", "#1d1d1f")])
        for (index, dimension) in dimensions.enumerated() {
            writeLabel(into: &html, index: index, count: dimensions.count, title: dimension.title,
                       score: NumberText.score(current[index]))
        }
        html.close("g")

        // Legend.
        let legendY = height - 22
        html.open("g", [("font-size", "12"), ("fill", "#1d1d1f")])
        html.empty("rect", [("x", "150"), ("y", coordinate(legendY - 10)), ("width", "22"), ("height", "12"),
                            ("fill", "#1a5fb4"), ("fill-opacity", "0.35"), ("stroke", "#1a5fb4"), ("stroke-width", "2")])
        html.element("text", [("x", "178"), ("y", coordinate(legendY))], text: "\(scorecard.wave) (this wave)")
        if hasPrevious {
            html.empty("line", [("x1", "320"), ("y1", coordinate(legendY - 4)), ("x2", "342"), ("y2", coordinate(legendY - 4)),
                                ("stroke", "#555"), ("stroke-width", "2"), ("stroke-dasharray", "6 4")])
            html.element("text", [("x", "348"), ("y", coordinate(legendY))], text: previousLabel)
        }
        html.close("g")
        html.close("svg")

        html.open("figcaption")
        html.text("Dimension scores on 0–100; rings every 20 points."
            + (hasPrevious ? " Dashed: \(previousLabel), from its means on the same scale." : ""))
        // The builder carries a score for every previous mean; a scorecard built by hand may
        // not, and the reader should hear of it rather than miss a marker.
        let unplaced = dimensions.indices.filter { unit.previous?[dimensions[$0].id] != nil && previous[$0] == nil }
        if !unplaced.isEmpty {
            html.text(" Not placed for \(previousLabel) (no 0–100 score given): "
                + unplaced.map { dimensions[$0].title }.joined(separator: ", ") + ".")
        }
        html.close("figcaption")
        html.close("figure")
    }

    private func writeMarkers(into html: inout HTMLWriter, scores: [Double?], wave: String, fill: String, stroke: String) {
        html.open("g", [("fill", fill), ("stroke", stroke), ("stroke-width", "1.5")])
        for (index, score) in scores.enumerated() {
            guard let score else { continue }
            let at = point(index, of: scores.count, score: score)
            html.element("circle", [("cx", coordinate(at.x)), ("cy", coordinate(at.y)), ("r", "3.5")]) { html in
                html.element("title", text: "\(unit.dimensions[index].title), \(wave): \(NumberText.score(score))")
            }
        }
        html.close("g")
    }

    private func writeLabel(into html: inout HTMLWriter, index: Int, count: Int, title: String, score: String) {
        let angle = self.angle(index, of: count)
        let (cosine, sine) = (cos(angle), sin(angle))
        let x = centre.x + (radius + 16) * cosine
        var y = centre.y + (radius + 16) * sine
        let anchor = cosine > 0.3 ? "start" : cosine < -0.3 ? "end" : "middle"
        let lines = Self.wrapped(title, width: 20) + [score]
        if sine < -0.3 {
            y -= Double(lines.count - 1) * 15
        } else if sine > 0.3 {
            y += 10
        } else {
            y -= Double(lines.count - 1) * 7.5 - 4
        }
        html.open("text", [("x", coordinate(x)), ("y", coordinate(y)), ("text-anchor", anchor)])
        for (number, line) in lines.enumerated() {
            var attributes = [("x", coordinate(x))]
            if number > 0 { attributes.append(("dy", "15")) }
            if number == lines.count - 1 { attributes.append(("font-weight", "700")) }
            html.element("tspan", attributes, text: line)
        }
        html.close("text")
    }

    /// Greedy word wrap; a word longer than `width` gets a line of its own.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private func clamped(_ score: Double) -> Double { min(max(score, 0), 100) }

    private func angle(_ index: Int, of count: Int) -> Double {
        -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(count)
    }

    private func point(_ index: Int, of count: Int, score: Double) -> (x: Double, y: Double) {
        let angle = self.angle(index, of: count)
        let distance = radius * score / 100
        return (centre.x + distance * cos(angle), centre.y + distance * sin(angle))
    }

    private func points(_ scores: [Double]) -> String {
        scores.indices.map { index in
            let at = point(index, of: scores.count, score: scores[index])
            return "\(coordinate(at.x)),\(coordinate(at.y))"
        }.joined(separator: " ")
    }

    private func coordinate(_ value: Double) -> String { NumberText.fixed(value, digits: 1) }
}
