import Foundation
import SurveyCore

/// One line of a headcount file: how many people a unit had in a wave.
package struct HeadcountEntry: Sendable, Hashable {
    package var organisation: String
    package var division: String
    package var team: String
    package var wave: String
    package var headcount: Int
}

/// Reads headcount files: columns `organisation`, `division`, `team`, `wave`, `headcount`
/// (division and team may be blank for a whole organisation or division).
package enum HeadcountReader {
    /// Every entry of the file, or every problem in it.
    /// - Throws: ``DiagnosticList`` with `FILE:LINE:COLUMN` for each bad cell or missing column.
    package static func read(file: String, url: URL) throws -> [HeadcountEntry] {
        var reader: CSVReader
        do {
            reader = try CSVReader(contentsOf: url)
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
        let names = reader.header.map(normalizedKey)
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        var problems: [Diagnostic] = []
        for required in ["organisation", "wave", "headcount"] where column(required) == nil && !(required == "organisation" && column("organization") != nil) {
            problems.append(Diagnostic(.error, "missing column '\(required)' (expected organisation, division, team, wave, headcount)",
                                       at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard problems.isEmpty, let organisation = column("organisation") ?? column("organization"), let wave = column("wave"),
              let headcount = column("headcount") else { throw DiagnosticList(problems) }
        let division = column("division"), team = column("team")
        var entries: [HeadcountEntry] = []
        var record = CSVRecord()
        do {
            while try reader.nextRecord(into: &record) {
                func here(_ index: Int) -> SourceLocation {
                    let location = record.location(min(index, max(0, record.count - 1)))
                    return SourceLocation(file: file, line: location.line, column: location.column)
                }
                guard record.count == reader.header.count else {
                    problems.append(Diagnostic(.error, "the row has \(record.count) fields but the header has \(reader.header.count)", at: here(0)))
                    continue
                }
                let count = record.integer(headcount)
                if count == nil || (count ?? -1) < 0 {
                    problems.append(Diagnostic(.error, "column '\(reader.header[headcount])': '\(record.trimmedString(headcount))' is not a headcount (expected a whole number, 0 or more)", at: here(headcount)))
                }
                if record.isBlank(organisation) {
                    problems.append(Diagnostic(.error, "column '\(reader.header[organisation])': the organisation is empty (expected a name)", at: here(organisation)))
                }
                if record.isBlank(wave) {
                    problems.append(Diagnostic(.error, "column '\(reader.header[wave])': the wave is empty (expected a label such as 2026-Q1)", at: here(wave)))
                }
                let teamName = team.map { record.trimmedString($0) } ?? ""
                let divisionName = division.map { record.trimmedString($0) } ?? ""
                if !teamName.isEmpty, divisionName.isEmpty, let team {
                    problems.append(Diagnostic(.error, "column '\(reader.header[team])': a team needs its division", at: here(team)))
                }
                entries.append(HeadcountEntry(organisation: record.trimmedString(organisation), division: divisionName,
                                              team: teamName, wave: record.trimmedString(wave), headcount: count ?? 0))
            }
        } catch let error as CSVError {
            problems.append(error.diagnostic(file: file))
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return entries
    }
}
