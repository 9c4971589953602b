import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

/// How the command line names settings and listings: its options and its commands.
struct CommandLineVocabulary: Vocabulary {
    func phrase(for parameter: Parameter, value: String?) -> String {
        let option: String = switch parameter {
        case .survey: "--survey"
        case .mapping: "--mapping"
        case .wave: "--wave"
        case .organisation: "--org"
        case .division: "--division"
        case .unit: "--unit"
        case .format: "--format"
        case .timeZone: "--timezone"
        case .dateOrder: "--date-order"
        case .includePartial: "--include-partial"
        case .keepIdentifiers: "--keep-identifiers"
        case .replace: "--replace"
        case .dryRun: "--dry-run"
        case .skipInvalid: "--skip-invalid"
        case .rejects: "--rejects"
        case .from: "--from"
        case .to: "--to"
        case .minGroup: "--min-group"
        case .breakdown: "--by"
        case .pairs: "--pairs"
        case .headings: "--headings"
        case .force: "--force"
        // Arguments, not options: shown as the usage line names them.
        case .batch: "ID"
        case .file: "FILE"
        }
        return value.map { "\(option) \($0)" } ?? option
    }

    func phrase(for listing: Listing) -> String {
        switch listing {
        case .imports: "'opmodel imports'"
        case .units, .organisations: "'opmodel units'"
        case .waves: "'opmodel waves'"
        case .tokens: "'opmodel tokens list'"
        case .importing: "run 'opmodel import'"
        }
    }
}

/// The command line's words, for every message it prints.
let commandLineWords = CommandLineVocabulary()

/// The exit status for each kind of problem (sysexits.h), decided here and nowhere else.
func exitStatus(for code: UserError.Code) -> ExitCode {
    switch code {
    case .invalidData, .invalidMapping, .unknownOrganisation, .notFound, .invalidRequest, .conflict: ExitStatus.dataError
    case .missingFile, .unknownSurvey: ExitStatus.noInput
    case .unreadableFile, .unwritableFile, .storeFailure: ExitStatus.ioError
    case .fileExists: ExitStatus.outputExists
    case .cancelled: ExitStatus.interrupted
    case .internalFailure: ExitStatus.software
    }
}

/// An error as the command line prints it: its diagnostics, one per line, then
/// `error: message (expected …) (hint)`, at its place in a file when it has one.
func commandLineText(_ error: UserError) -> String {
    var lines = error.diagnostics.map { $0.rendered(in: commandLineWords) }
    var place = ""
    if case .source(let location)? = error.location { place = "\(location): " }
    // An invalid file is told by its diagnostics; a summary line would add nothing.
    if error.diagnostics.isEmpty || (error.code != .invalidMapping && error.code != .invalidData) {
        lines.append(place + "error: " + error.text(in: commandLineWords))
    }
    // A bug of ours: what went wrong underneath helps the report of it.
    if error.code == .internalFailure, let underlying = error.underlying { lines.append("note: \(underlying)") }
    return lines.joined(separator: "\n")
}

/// Checks an option with the use case's own parser, as a usage error (exit 64, with the usage).
func usageCheck(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as UserError {
        throw ValidationError(error.text(in: commandLineWords))
    }
}

/// Runs a use case: prints a ``UserError`` (or a list of diagnostics) in the command line's
/// words and exits with its status.
func runUseCase<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as UserError {
        printError(commandLineText(error))
        throw exitStatus(for: error.code)
    } catch let list as DiagnosticList {
        printError(list.rendered(in: commandLineWords))
        throw exitStatus(for: .invalidData)
    }
}
