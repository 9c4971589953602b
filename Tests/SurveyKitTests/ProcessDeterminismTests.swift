import Foundation
import SurveyTestSupport
import Testing

/// The same input gives the same bytes in two separate runs of the tool.
///
/// `EndToEndTests.sameInputGivesTheSameReportBytes` runs the demo twice in one process, where
/// Swift's per-process hash seed is the same both times, so dictionary and set order cannot
/// differ; here each run is its own process with its own seed.
struct ProcessDeterminismTests {
    /// Runs `opmodel demo --out directory` as a user does, with hashing seeded per process.
    static func runDemoProcess(into directory: URL) throws {
        let process = Process()
        process.executableURL = try SurveyFixtures.opmodelExecutable()
        process.arguments = ["demo", "--out", directory.path]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SWIFT_DETERMINISTIC_HASHING")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "opmodel demo exited with \(process.terminationStatus)")
    }

    /// Every file under `directory` but the store, by relative path.
    static func outputFiles(_ directory: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            // The store records when each import ran; it is the input of the reports, not one.
            if path.hasPrefix("demo.sqlite") { continue }
            files.append(path)
        }
        return files.sorted()
    }

    @Test func twoProcessesWriteTheSameExportAndReportBytes() throws {
        let first = try SurveyFixtures.makeTemporaryDirectory(), second = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(first); SurveyFixtures.removeDirectory(second) }
        try Self.runDemoProcess(into: first)
        try Self.runDemoProcess(into: second)
        let files = try Self.outputFiles(first)
        #expect(try Self.outputFiles(second) == files)
        // The export, the index and every report of every format.
        #expect(files.contains("export.csv") && files.contains("2026-Q2/index.html"))
        for ext in ["html", "md", "json", "csv"] {
            #expect(files.filter { $0.hasPrefix("2026-Q2/") && $0.hasSuffix(".\(ext)") }.count >= 3, "\(ext)")
        }
        for name in files {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two processes")
        }
    }
}
