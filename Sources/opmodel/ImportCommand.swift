import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

/// `--db PATH`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The SQLite store (default: $OPMODEL_DB or ./opmodel.sqlite).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["OPMODEL_DB"] ?? "opmodel.sqlite" }

    func open() throws -> OpModelStore {
        do {
            return try OpModelStore(path: path)
        } catch {
            printError("error: \(error)")
            throw ExitStatus.ioError
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check survey exports cell by cell and store them, one transaction per file.",
        discussion: """
            A file with any invalid row stores nothing unless --skip-invalid is given. Re-importing \
            a file adds nothing; a stored response whose answers changed is reported as a conflict \
            and kept unless --replace. Exit codes: 0 done, 65 bad data, 66 missing file, 74 I/O error.
            """)

    @Argument(help: "The export files (CSV, or .xlsx from Microsoft Forms or Google Sheets).")
    var files: [String]

    @Option(help: "The survey the exports answer: ID or ID@VERSION (default: the mapping's survey, else product_operating_model).")
    var survey: String?

    @Option(help: "A mapping file (YAML) naming which column holds which item and what its answer texts mean; see Surveys/MAPPINGS.md.")
    var mapping: String?

    @Option(help: "The wave of every row (default: a 'wave' column, else the quarter of each timestamp).")
    var wave: String?

    @Option(help: "The organisation, for exports without an organisation column.")
    var org: String?

    @Option(help: "The division, for exports without a division column.")
    var division: String?

    @Option(help: "The export format: auto (detect from the header), qualtrics, surveymonkey, google-forms, ms-forms, typeform, limesurvey or generic.")
    var format: String = "auto"

    @Flag(name: .customLong("include-partial"), help: "Keep responses the platform marks unfinished (Qualtrics Finished = 0, LimeSurvey without a submit date); by default they are skipped and counted.")
    var includePartial = false

    @Flag(name: .customLong("keep-identifiers"), help: "Read email, name, IP address, location and recipient columns instead of dropping them.")
    var keepIdentifiers = false

    @Option(help: "The zone of timestamps that carry none, e.g. Europe/Berlin.")
    var timezone: String = "UTC"

    @Option(name: .customLong("date-order"), help: "How to read dates like 9/1/2024: mdy or dmy (default: detect).")
    var dateOrder: DateOrderArgument?

    @Flag(name: .customLong("dry-run"), help: "Check everything and report, but store nothing.")
    var dryRun = false

    @Flag(name: .customLong("skip-invalid"), help: "Store the valid rows and write the invalid ones to --rejects.")
    var skipInvalid = false

    @Option(help: "With --skip-invalid: the CSV file for rejected rows, with a reason column.")
    var rejects: String?

    @Flag(help: "Overwrite stored responses whose answers changed.")
    var replace = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if rejects != nil, !skipInvalid { throw ValidationError("--rejects goes with --skip-invalid") }
        if format != "auto", ExportFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)' (expected auto, \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone '\(timezone)' (expected an IANA name such as Europe/Berlin)") }
    }

    func run() throws {
        let catalog = catalogOptions.catalog()
        var loaded: LoadedMapping?
        if let mapping {
            do {
                loaded = try catalog.loadMapping(path: mapping)
            } catch let list as DiagnosticList {
                for diagnostic in list.diagnostics { printError(diagnostic.description) }
                throw ExitStatus.dataError
            }
        }
        let definition: Survey
        if let loaded {
            // A mapping names its survey; --survey may only confirm it.
            if let survey, !loaded.matches(survey) {
                printError("error: \(mapping ?? "") maps survey '\(loaded.name(against: survey))', not '\(survey)' (drop --survey or give the mapping for this survey)")
                throw ExitStatus.dataError
            }
            definition = loaded.survey
        } else {
            do {
                definition = try catalog.survey(survey ?? "product_operating_model")
            } catch {
                printError("error: \(error)")
                throw ExitStatus.noInput
            }
        }
        let settings = ImportSettings(wave: wave, organisation: org, division: division,
                                      timeZone: TimeZone(identifier: timezone) ?? .current, dateOrder: dateOrder?.order,
                                      includePartial: includePartial, keepIdentifiers: keepIdentifiers, mapping: loaded?.mapping)
        var request = ImportRequest(files: files, survey: definition, settings: settings)
        request.format = format
        request.dryRun = dryRun
        request.skipInvalid = skipInvalid
        request.rejectsPath = rejects
        request.replace = replace
        let store = try storeOptions.open()
        Interruption.install()
        let bar = ProgressBar()
        let results: [FileImportResult]
        do {
            results = try importExports(request, into: store, progress: bar.isActive ? bar.update : nil)
        } catch let failure as ImportFailure {
            bar.clear()
            printError("error: \(failure)")
            switch failure.code {
            case .missingFile: throw ExitStatus.noInput
            case .interrupted: throw ExitCode(130)
            case .unreadable, .store: throw ExitStatus.ioError
            }
        }
        bar.clear()
        var failed = false
        for result in results {
            for diagnostic in result.diagnostics { printError(diagnostic.description) }
            if result.omittedDiagnostics > 0 { printError("\(result.file): … and \(result.omittedDiagnostics) more problems") }
            for note in result.notes { printError("\(result.file): note: \(note)") }
            print(summary(result))
            if result.failed || (result.totals.rejected > 0 && !skipInvalid) { failed = true }
        }
        if failed { throw ExitStatus.dataError }
    }

    private func summary(_ result: FileImportResult) -> String {
        let t = result.totals
        // A file that was rolled back stored nothing: count its valid rows, not rows written then undone.
        let kept = result.batchID == nil ? "\(t.rowsRead - t.rejected) valid" : "\(t.imported) imported"
        var parts = ["\(t.rowsRead) rows read", kept, "\(t.duplicates) already stored"]
        if t.conflicts > 0 { parts.append("\(t.conflicts) conflicts kept as stored (use --replace to overwrite)") }
        if t.replaced > 0 { parts.append("\(t.replaced) replaced") }
        parts.append("\(t.rejected) rejected")
        let outcome: String
        if let batch = result.batchID {
            outcome = "stored as batch \(batch) (waves \(result.waves.joined(separator: ", ")))"
        } else if dryRun, !result.failed, t.rejected == 0 {
            outcome = "dry run: nothing stored"
        } else if !result.failed, t.rejected == 0 || skipInvalid {
            outcome = "nothing new to store"
        } else {
            outcome = "nothing stored"
        }
        return "\(result.file): \(parts.joined(separator: ", ")); \(outcome) in \(String(format: "%.1f", result.seconds)) s"
    }
}

enum DateOrderArgument: String, ExpressibleByArgument, CaseIterable {
    case mdy, dmy

    var order: TimestampParserDateOrder { self == .mdy ? .mdy : .dmy }
}
