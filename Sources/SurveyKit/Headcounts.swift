import Foundation
import SurveyCollector
import SurveyCore
import SurveyStore

/// Reads a headcount file and stores it, so reports can show response rates.
/// - Throws: ``DiagnosticList`` for bad cells, ``ImportFailure`` for a missing file.
public func importHeadcounts(file: String, surveyID: String, into store: OpModelStore) throws -> Int {
    guard FileManager.default.fileExists(atPath: file) else {
        throw ImportFailure(code: .missingFile, description: "cannot find '\(file)' (expected a CSV with organisation, division, team, wave, headcount)")
    }
    let entries = try HeadcountReader.read(file: file, url: URL(fileURLWithPath: file))
    return try store.storeHeadcounts(entries.map { ($0.organisation, $0.division, $0.team, $0.wave, $0.headcount) }, surveyID: surveyID)
}
