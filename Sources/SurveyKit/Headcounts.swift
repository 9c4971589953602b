import Foundation
import SurveyCollector
import SurveyCore
import SurveyStore

/// Reads a headcount file and stores it, so reports can show response rates.
/// - Throws: ``UserError`` for a missing file, ``DiagnosticList`` with every bad cell.
public func importHeadcounts(file: String, surveyID: String, into store: OpModelStore) throws -> Int {
    guard FileManager.default.fileExists(atPath: file) else {
        throw UserError(.missingFile, "cannot find '\(file)'", at: .field(.file),
                        expected: "a CSV with organisation, division, team, wave, headcount")
    }
    let entries = try HeadcountReader.read(file: file, url: URL(fileURLWithPath: file))
    return try storeWork {
        try store.storeHeadcounts(entries.map { ($0.organisation, $0.division, $0.team, $0.wave, $0.headcount) }, surveyID: surveyID)
    }
}
