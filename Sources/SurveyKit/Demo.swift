import Foundation
import SurveyCore
import SurveySimulation
import SurveyStore

/// What the demo did, line by line, for the CLI to print.
public struct DemoReport: Sendable {
    /// Human-readable lines.
    public var lines: [String]
}

/// The demo: the embedded instrument, 3 organisations with 3–5 divisions each over 4 waves,
/// generated as a generic CSV export, imported into a fresh SQLite store, and the latest wave's
/// reports written in every format with an index.
///
/// - Parameter directory: Where the export, the store and the reports go; the demo's store is made afresh.
public func runDemo(directory: String, minGroup: Int = 5) throws -> DemoReport {
    let survey = try SurveyCatalog.embeddedInstrument()
    let fileManager = FileManager.default
    do {
        try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
        throw UserError(.unwritableFile, "cannot create the folder '\(directory)'")
    }
    let exportPath = (directory as NSString).appendingPathComponent("export.csv")
    let storePath = (directory as NSString).appendingPathComponent("demo.sqlite")
    // A fresh store each run; only the demo's own files are removed.
    for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: storePath + suffix) }
    let waves = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"].compactMap(Quarter.init)
    let options = ExportOptions(responses: 8_000, organisations: 3, waves: waves, seed: 2026)
    try generateExport(survey: survey, options: options, to: exportPath)
    let store = try openStore(path: storePath)
    let request = ImportRequest(files: [exportPath], survey: survey, settings: ImportSettings())
    let imported = try importExports(request, into: store)
    guard let result = imported.first, result.batchID != nil else {
        throw UserError(.invalidData, "the demo export did not import", diagnostics: imported.first?.diagnostics ?? [])
    }
    let latest = waves.last?.description ?? "2026-Q2"
    let reportDirectory = (directory as NSString).appendingPathComponent(latest)
    let written = try writeReports(store: store, wave: latest, organisation: nil, formats: ReportFormat.allCases,
                                   directory: reportDirectory, minGroup: minGroup, index: true)
    var lines = [
        "survey:  \(survey.reference) (\(survey.dimensions.count) dimensions, \(survey.items.count) items, \(survey.flags.count) flags)",
        "export:  \(exportPath) (\(options.responses) responses, \(options.organisations) organisations, waves \(waves.map(\.description).joined(separator: ", ")))",
        "store:   \(storePath) (\(result.totals.imported) responses imported in \(String(format: "%.1f", result.seconds)) s)",
        "reports: \(reportDirectory) (\(written.files.count) files)",
    ]
    lines += written.files.filter { $0.hasSuffix(".html") }.map { "  \($0)" }
    if let index = written.index { lines.append("open:    \(index)") }
    return DemoReport(lines: lines)
}
