import Foundation
import GRDB
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The tool as a user runs it: the demo, and imports killed half-way.
struct EndToEndTests {
    @Test func demoWritesEveryReportAndTheyParse() throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let report = try runDemo(directory: directory.path)
        let wave = directory.appendingPathComponent("2026-Q2")
        let files = try FileManager.default.contentsOfDirectory(atPath: wave.path).sorted()
        #expect(files.count == 13)
        #expect(files.contains("index.html"))
        for ext in ["html", "md", "json", "csv"] { #expect(files.filter { $0.hasSuffix(".\(ext)") }.count >= 3, "\(ext)") }
        for html in files where html.hasSuffix(".html") {
            let parser = XMLParser(data: try Data(contentsOf: wave.appendingPathComponent(html)))
            #expect(parser.parse(), "\(html) is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        #expect(report.lines.contains { $0.hasPrefix("open:") })
        // Something worth seeing: at least one flag fires somewhere, and bands differ between divisions.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: wave.appendingPathComponent("northwind-bank.json"))) as? [String: Any]
        let unit = try #require(json?["unit"] as? [String: Any])
        let divisions = try #require(unit["units"] as? [[String: Any]])
        let levels = Set(divisions.compactMap { ($0["overall"] as? [String: Any])?["level"] as? String })
        #expect(levels.count >= 2)
        #expect(json?["previous_wave"] as? String == "2026-Q1")
        // Four waves: a trend line per dimension, and the PO/PM gap on every dimension.
        let trend = try #require(json?["trend"] as? [[String: Any]])
        #expect(trend.count == 6)
        #expect(trend.allSatisfy { ($0["points"] as? [Any])?.count == 4 })
        let gap = try #require(json?["role_gap"] as? [String: Any])
        let comparisons = try #require((gap["comparison"] as? [String: Any])?["comparisons"] as? [[String: Any]])
        #expect(comparisons.contains { ($0["group"] as? String) == "Product Owner" && ($0["against"] as? String) == "Product Manager" })
        #expect((gap["flags"] as? [Any])?.count == 8)
        let page = try String(contentsOf: wave.appendingPathComponent("northwind-bank.html"), encoding: .utf8)
        #expect(page.contains("id=\"trends\"") && page.contains("id=\"po-pm\""))
    }

    @Test func sameInputGivesTheSameReportBytes() throws {
        let first = try SurveyFixtures.makeTemporaryDirectory(), second = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(first); SurveyFixtures.removeDirectory(second) }
        _ = try runDemo(directory: first.path)
        _ = try runDemo(directory: second.path)
        for name in ["index.html", "helios-insurance.html", "helios-insurance.json", "helios-insurance.csv", "helios-insurance.md"] {
            let a = try Data(contentsOf: first.appendingPathComponent("2026-Q2/\(name)"))
            let b = try Data(contentsOf: second.appendingPathComponent("2026-Q2/\(name)"))
            #expect(a == b, "\(name) differs between runs")
        }
    }

    /// Whether another connection holds the store's write lock: a write transaction of our own
    /// is refused at once (no busy wait), and released at once when it is not.
    static func writeLockIsHeld(_ probe: DatabaseQueue) throws -> Bool {
        try probe.writeWithoutTransaction { db in
            do {
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
                return false
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return true
            }
        }
    }

    /// The built `opmodel` next to the test bundle.
    static func executable() throws -> URL {
        try SurveyFixtures.opmodelExecutable()
    }

    @Test(arguments: [SIGKILL, SIGINT])
    func anImportKilledHalfWayLeavesTheStoreAsItWas(_ signal: Int32) throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let survey = try SurveyCatalog.embeddedInstrument()
        let small = directory.appendingPathComponent("small.csv").path
        let big = directory.appendingPathComponent("big.csv").path
        let storePath = directory.appendingPathComponent("store.sqlite").path
        try generateExport(survey: survey, options: ExportOptions(responses: 50, organisations: 1, waves: [Quarter(year: 2026, quarter: 1)], seed: 1), to: small)
        try generateExport(survey: survey, options: ExportOptions(responses: 60_000, organisations: 3, waves: [Quarter(year: 2026, quarter: 2)], seed: 2), to: big)
        do {
            let store = try OpModelStore(path: storePath)
            _ = try importExports(ImportRequest(files: [small], survey: survey, settings: ImportSettings()), into: store)
        }
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["import", big, "--db", storePath, "--surveys", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Interrupted while it holds the store's write transaction, seen from outside as another
        // writer being refused. (Timing the kill instead fails on a loaded machine.)
        // Held on two probes 0.2 s apart, so it is the import's long transaction and not a brief
        // one while the store opens.
        let probe = try DatabaseQueue(path: storePath)
        var heldOnProbes = 0
        while process.isRunning, heldOnProbes < 2 {
            let held = try Self.writeLockIsHeld(probe)
            heldOnProbes = held ? heldOnProbes + 1 : 0
            if heldOnProbes < 2 { Thread.sleep(forTimeInterval: held ? 0.2 : 0.01) }
        }
        #expect(heldOnProbes == 2 && process.isRunning, "the import finished before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        if signal == SIGINT { #expect(process.terminationStatus == 130) }
        let store = try OpModelStore(path: storePath)
        let batches = try listImportBatches(in: store).map(\.imported)
        let waves = try listWaves(in: store).map(\.responses)
        #expect(batches == [50])
        #expect(waves == [50])
    }
}
