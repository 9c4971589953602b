import Foundation
import SurveyCore
import SurveySimulation

/// What the demo did, line by line, for the CLI to print.
public struct DemoReport: Sendable {
    /// Human-readable lines.
    public var lines: [String]
}

/// The demo: the embedded instrument, 3 organisations over 4 waves, written as a generic CSV export.
public func runDemo(directory: String) throws -> DemoReport {
    let survey = try SurveyCatalog.embeddedInstrument()
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let exportPath = (directory as NSString).appendingPathComponent("export.csv")
    let waves = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"].compactMap(Quarter.init)
    let options = ExportOptions(responses: 6_000, organisations: 3, waves: waves, seed: 2026)
    try generateExport(survey: survey, options: options, to: exportPath)
    return DemoReport(lines: [
        "survey: \(survey.reference) (\(survey.dimensions.count) dimensions, \(survey.items.count) items, \(survey.flags.count) flags)",
        "export: \(exportPath) (\(options.responses) responses, \(options.organisations) organisations, waves \(waves.map(\.description).joined(separator: ", ")))",
    ])
}
