import Foundation
import Testing

/// Compares rendered reports with the files in `Snapshots/`.
///
/// `RECORD_SNAPSHOTS=1 swift test` rewrites the files in the source tree instead and fails
/// the run, so that recording is never mistaken for passing.
enum Snapshot {
    /// Expects `actual` to equal the snapshot file `name` (e.g. `htmlReport.html`) byte for byte.
    static func expect(_ actual: String, matches name: String, filePath: String = #filePath,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
                .appendingPathComponent("Snapshots").appendingPathComponent(name)
            do {
                try Data(actual.utf8).write(to: url)
                Issue.record("recorded snapshot \(name); run the tests again without RECORD_SNAPSHOTS=1",
                             sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Snapshots"),
              let data = try? Data(contentsOf: url) else {
            Issue.record("missing snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard Array(expected.utf8) != Array(actual.utf8) else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let show = { (lines: [Substring]) in line < lines.count ? String(reflecting: String(lines[line])) : "(end of file)" }
        Issue.record("""
            snapshot \(name) differs at line \(line + 1)
              expected: \(show(expectedLines))
              actual:   \(show(actualLines))
            if the change is intended, record it with RECORD_SNAPSHOTS=1 swift test
            """, sourceLocation: sourceLocation)
    }
}
