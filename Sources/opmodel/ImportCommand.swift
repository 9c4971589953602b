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
        try runUseCase { try openStore(path: path) }
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

    @Option(help: "The survey the exports answer: ID or ID@VERSION (default: the mapping's survey, else \(SurveyCatalog.defaultSurveyID)).")
    var survey: String?

    @Option(help: "A mapping file (YAML) naming which column holds which item and what its answer texts mean; see Surveys/MAPPINGS.md.")
    var mapping: String?

    @Option(help: "The wave of every row (default: a 'wave' column, else the quarter of each timestamp).")
    var wave: String?

    @Option(help: "The organisation, for exports without an organisation column.")
    var org: String?

    @Option(help: "The division, for exports without a division column.")
    var division: String?

    @Option(help: "The export format: auto (detect from the header), \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "auto"

    @Flag(name: .customLong("include-partial"), help: "Keep responses the platform marks unfinished (Qualtrics Finished = 0, LimeSurvey without a submit date); by default they are skipped and counted.")
    var includePartial = false

    @Flag(name: .customLong("keep-identifiers"), help: "Read email, name, IP address, location and recipient columns instead of dropping them.")
    var keepIdentifiers = false

    @Option(help: "The zone of timestamps that carry none, e.g. Europe/Berlin.")
    var timezone: String = "UTC"

    @Option(name: .customLong("date-order"), help: "How to read dates like 9/1/2024: mdy or dmy (default: detect).")
    var dateOrder: TimestampParserDateOrder?

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
        try usageCheck { _ = try parseExportFormat(format) }
        try usageCheck { _ = try parseTimeZone(timezone) }
        try usageCheck { _ = try survey.map(SurveyReference.init(parsing:)) }
    }

    func run() throws {
        let catalog = catalogOptions.catalog()
        // The survey and mapping are settled before the store is opened (or made).
        let chosen = try runUseCase {
            try resolveImportSurvey(try survey.map(SurveyReference.init(parsing:)), mapping: mapping.map { MappingFile(path: $0) }, catalog: catalog)
        }
        let store = try storeOptions.open()
        let results = try runUseCase { () throws -> [FileImportResult] in
            let settings = ImportSettings(wave: wave, organisation: org, division: division, timeZone: try parseTimeZone(timezone),
                                          dateOrder: dateOrder, format: try parseExportFormat(format),
                                          includePartial: includePartial, keepIdentifiers: keepIdentifiers, mapping: chosen.mapping)
            var request = ImportRequest(files: files, survey: chosen.survey, settings: settings)
            request.dryRun = dryRun
            request.skipInvalid = skipInvalid
            request.rejectsPath = rejects
            request.replace = replace
            request.cancellation = commandCancellation
            Interruption.install()
            let bar = ProgressBar()
            defer { bar.clear() }
            return try importExports(request, into: store, progress: bar.isActive ? bar.update : nil)
        }
        for result in results {
            for diagnostic in result.diagnostics { printError(diagnostic.rendered(in: commandLineWords)) }
            if result.omittedDiagnostics > 0 { printError("\(result.file): … and \(result.omittedDiagnostics) more problems") }
            for note in result.notes { printError("\(result.file): note: \(note.rendered(in: commandLineWords))") }
            print(summary(result))
        }
        // Changed answers kept as stored are told in the summary and are not a failure here: the
        // person asked for an import and got one (the service answers them 409, so a client
        // cannot take them for a harmless repeat).
        if let failure = results.compactMap(\.problem).first(where: { $0.code != .conflict }) { throw exitStatus(for: failure.code) }
    }

    private func summary(_ result: FileImportResult) -> String {
        let t = result.totals
        // A file that was rolled back stored nothing: count its valid rows, not rows written then undone.
        let kept = result.batchID == nil ? "\(t.rowsRead - t.rejected) valid" : "\(t.imported) imported"
        var parts = ["\(t.rowsRead) rows read", kept, "\(t.duplicates) already stored"]
        if t.conflicts > 0 { parts.append("\(t.conflicts) conflicts kept as stored (use --replace to overwrite)") }
        if t.replaced > 0 { parts.append("\(t.replaced) replaced") }
        parts.append("\(t.rejected) rejected")
        let outcome: String = switch result.outcome {
        case .stored: "stored as batch \(result.batchID ?? 0) (waves \(result.waves.joined(separator: ", ")))"
        case .dryRun: "dry run: nothing stored"
        case .alreadyStored, .conflicts: "nothing new to store"
        case .rejected: "nothing stored"
        }
        return "\(result.file): \(parts.joined(separator: ", ")); \(outcome) in \(String(format: "%.1f", result.seconds)) s"
    }
}

extension TimestampParserDateOrder: ExpressibleByArgument {}
