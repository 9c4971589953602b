import Crypto
import Foundation
import Synchronization
import SurveyCollector
import SurveyCore
import SurveyStore

/// What an import was asked to do: typed, so the command line and the service ask the same
/// question the same way.
public struct ImportRequest: Sendable {
    /// The export files to read, by path.
    public var files: [String]
    /// The survey the exports answer (see ``resolveImportSurvey(_:mapping:catalog:)``).
    public var survey: Survey
    /// Wave, organisation, division, zone, date order, format and mapping; a nil format is
    /// detected from the header (or taken from the mapping).
    public var settings: ImportSettings
    /// Check everything, store nothing.
    public var dryRun = false
    /// Store valid rows and write invalid ones to ``rejectsPath``.
    public var skipInvalid = false
    /// Where rejected rows go, as CSV with a reason column.
    public var rejectsPath: String?
    /// Overwrite stored responses whose answers changed.
    public var replace = false
    /// The most diagnostics kept per file.
    public var diagnosticLimit = 50
    /// Names shown for the files in diagnostics, results and import batches instead of their
    /// paths, one per file; the server imports uploads from temporary files under the name
    /// the client gave.
    public var displayNames: [String]?
    /// Stops the import: the file being read is rolled back and nothing more is read.
    public var cancellation = Cancellation()

    /// Creates a request.
    public init(files: [String], survey: Survey, settings: ImportSettings) {
        self.files = files
        self.survey = survey
        self.settings = settings
    }
}

/// What became of one file, decided once for every adapter.
public enum ImportOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// New or replaced responses were stored as a batch.
    case stored
    /// Nothing new: every response was stored before (a repeated upload).
    case alreadyStored = "already-stored"
    /// Only changed versions of stored responses, kept as stored; nothing new was stored.
    case conflicts
    /// Invalid rows stopped the file (or, with skip-invalid, every row was invalid).
    case rejected
    /// Checked, nothing stored, as asked.
    case dryRun = "dry-run"
}

/// What happened to one file.
public struct FileImportResult: Sendable {
    /// The file as named.
    public var file: String
    /// Row counts.
    public var totals: BatchTotals
    /// The stored batch, nil when nothing was stored.
    public var batchID: Int64?
    /// Waves the rows belong to.
    public var waves: [String]
    /// Errors and warnings, capped at the request's limit.
    public var diagnostics: [Diagnostic]
    /// Diagnostics left out by the cap.
    public var omittedDiagnostics: Int
    /// Encoding, date order and identity notes; the settings they name stay data.
    public var notes: [Message]
    /// Seconds taken.
    public var seconds: Double
    /// Items whose header reads differently from the last earlier wave's (also given as
    /// warnings in ``diagnostics``).
    public var wordingChanges: [WordingChange] = []
    /// What became of the file.
    public var outcome: ImportOutcome = .rejected

    /// Whether the file had errors that stopped it from being stored.
    public var failed: Bool { batchID == nil && diagnostics.contains { $0.severity == .error } }

    /// Responses stored by this file (0 unless ``outcome`` is ``ImportOutcome/stored``).
    public var storedResponses: Int { batchID == nil ? 0 : totals.imported }

    /// The outcome for a file read under `request`.
    static func outcome(of result: FileImportResult, _ request: ImportRequest) -> ImportOutcome {
        if result.failed || (result.totals.rejected > 0 && !request.skipInvalid) { return .rejected }
        if result.batchID != nil { return .stored }
        // Changed answers kept as stored: not a harmless repeat.
        if result.totals.conflicts > 0, !request.dryRun { return .conflicts }
        return request.dryRun ? .dryRun : .alreadyStored
    }

    /// Why the file counts as a failure, for the outcomes an adapter answers with an error
    /// (``ImportOutcome/rejected`` and ``ImportOutcome/conflicts``); nil otherwise.
    public var problem: UserError? {
        switch outcome {
        case .rejected:
            let rows = totals.rejected
            let stored = batchID == nil ? "nothing was stored" : "the valid rows were stored"
            // A header that cannot be read stops the file before any row is.
            let what = rows == 0 ? "cannot be read as an export of this survey" : "has \(rows) invalid \(rows == 1 ? "row" : "rows")"
            return UserError(.invalidData, "'\(file)' \(what); \(stored)", diagnostics: diagnostics)
        case .conflicts:
            let count = totals.conflicts
            return UserError(.conflict, "'\(file)' has \(count) \(count == 1 ? "response" : "responses") that differ from the stored ones and nothing new; nothing was stored",
                             hint: "\(Parameter.replace) stores them", diagnostics: diagnostics)
        case .stored, .alreadyStored, .dryRun:
            return nil
        }
    }
}

/// An item whose question reads differently in this export than in an earlier wave's, so the
/// user can declare it a carry-over (same meaning) or a new item.
public struct WordingChange: Sendable, Hashable {
    /// The item id.
    public var item: String
    /// The earlier wave compared with.
    public var previousWave: String
    /// The header text in that wave.
    public var previousText: String
    /// The header text now.
    public var text: String
    /// Where the header cell is in this export.
    public var location: SourceLocation

    /// Creates a change.
    public init(item: String, previousWave: String, previousText: String, text: String, location: SourceLocation) {
        self.item = item
        self.previousWave = previousWave
        self.previousText = previousText
        self.text = text
        self.location = location
    }

    /// The warning the import reports.
    public var diagnostic: Diagnostic {
        Diagnostic(.warning, "item '\(item)' is worded differently from wave \(previousWave): was \"\(previousText)\", now \"\(text)\"; if it means the same, list it under carry_over in the survey's next version, otherwise give it a new item id",
                   at: location)
    }

    /// The items whose wording differs beyond case, spacing, HTML and numbering, except those
    /// a newer survey version than the earlier wave's already declares under `carry_over`.
    static func changes(_ wordings: [ItemWording], since previous: StoredWording?, survey: Survey) -> [WordingChange] {
        guard let previous else { return [] }
        let declared = previous.surveyVersion < survey.version ? Set(survey.carryOver) : []
        return wordings.compactMap { wording in
            guard !declared.contains(wording.item), let old = previous.texts[wording.item],
                  HeaderText.wordingKey(old) != HeaderText.wordingKey(wording.text) else { return nil }
            return WordingChange(item: wording.item, previousWave: previous.wave, previousText: old, text: wording.text, location: wording.location)
        }
    }
}

/// Reports progress: rows read so far and the fraction of the file consumed.
public typealias ImportProgress = @Sendable (_ file: String, _ rows: Int, _ fraction: Double) -> Void

/// The largest export read, in bytes.
public let maximumExportSize = 8 * 1024 * 1024 * 1024

/// Imports export files into the store, one transaction per file.
///
/// By default a file with any invalid row stores nothing. With `skipInvalid`, valid rows are
/// stored and invalid ones written to the rejects file. A repeated response (same survey, wave,
/// organisation and response id) is counted as a duplicate; one whose answers changed is a
/// conflict and is kept as stored unless `replace`.
public func importExports(_ request: ImportRequest, into store: OpModelStore, progress: ImportProgress? = nil) throws -> [FileImportResult] {
    var results: [FileImportResult] = []
    func record(_ result: FileImportResult) {
        var decided = result
        decided.outcome = FileImportResult.outcome(of: result, request)
        results.append(decided)
    }
    var rejects: RejectsWriter?
    defer { try? rejects?.close() }
    for (index, path) in request.files.enumerated() {
        let file = request.displayNames.flatMap { index < $0.count ? $0[index] : nil } ?? path
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserError(.missingFile, "cannot find '\(file)'", at: .field(.file), expected: "a CSV or XLSX export")
        }
        let started = Date()
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumExportSize else {
            throw UserError(.unreadableFile, "'\(file)' is \(size) bytes, over the \(maximumExportSize)-byte limit", at: .field(.file))
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw UserError(.unreadableFile, "cannot read '\(file)'", at: .field(.file), hint: "check its permissions")
        }
        var settings = request.settings
        if settings.format == nil, let format = settings.mapping?.format.flatMap(ExportFormat.init(rawValue:)) {
            settings.format = format
        }
        let reader: ResponseReader
        do {
            reader = try ResponseReader(file: file, url: url, survey: request.survey, settings: settings)
        } catch let list as DiagnosticList {
            record(FileImportResult(file: file, totals: BatchTotals(), batchID: nil, waves: [], diagnostics: list.diagnostics,
                                            omittedDiagnostics: 0, notes: [], seconds: Date().timeIntervalSince(started)))
            continue
        }
        var diagnostics = reader.warnings
        var omitted = 0
        func note(_ found: [Diagnostic]) {
            for diagnostic in found {
                if diagnostics.count < request.diagnosticLimit { diagnostics.append(diagnostic) } else { omitted += 1 }
            }
        }
        if request.skipInvalid, rejects == nil, let path = request.rejectsPath {
            rejects = try RejectsWriter(path: path)
        }
        let description = BatchDescription(fileName: file, sha256: "", format: reader.detectedFormat.rawValue, toolVersion: OpModelVersion.current,
                                           itemWordings: Dictionary(reader.itemWordings.map { ($0.item, $0.text) }, uniquingKeysWith: { first, _ in first }))
        var totals = BatchTotals()
        let batch: BatchResult
        do {
            // Reading and checking runs on its own thread, storing on this one: two cores, two stages.
            let pipeline = RowPipeline(reader: reader)
            pipeline.start()
            let cancellation = request.cancellation
            let hashing = BackgroundWork { try sha256(of: url, shownAs: file, cancellation: cancellation) }
            defer { pipeline.cancel() }
            batch = try store.importBatch(description, survey: request.survey, replace: request.replace) { writer in
                var errors = 0
                while true {
                    if request.cancellation.isCancelled {
                        throw UserError(.cancelled, "interrupted: nothing of '\(file)' was stored")
                    }
                    let chunk = try pipeline.next()
                    for item in chunk.items {
                        switch item {
                        case .response(let row):
                            totals.rowsRead += 1
                            // After the first error nothing of the file will be kept: stop writing, keep checking.
                            if errors == 0 || request.skipInvalid { _ = try writer.insert(row) }
                        case .rejected(let found, let fields):
                            totals.rowsRead += 1
                            totals.rejected += 1
                            errors += 1
                            note(found)
                            if request.skipInvalid { try rejects?.write(fields: fields, header: reader.header, reasons: found) }
                        }
                    }
                    progress?(file, totals.rowsRead, chunk.fraction)
                    guard chunk.isLast else { continue }
                    writer.totals.rowsRead = totals.rowsRead
                    writer.totals.rejected = totals.rejected
                    writer.fileSHA256 = try hashing.value()
                    totals.imported = writer.totals.imported
                    totals.duplicates = writer.totals.duplicates
                    totals.conflicts = writer.totals.conflicts
                    totals.replaced = writer.totals.replaced
                    if request.dryRun || (errors > 0 && !request.skipInvalid) { return .rollback }
                    // A file that brings nothing new leaves no empty batch behind.
                    return totals.imported + totals.replaced > 0 ? .commit : .rollback
                }
            }
        } catch let list as DiagnosticList {
            note(list.diagnostics)
            record(FileImportResult(file: file, totals: totals, batchID: nil, waves: [], diagnostics: diagnostics,
                                            omittedDiagnostics: omitted, notes: reader.notes, seconds: Date().timeIntervalSince(started)))
            continue
        } catch let error as StoreError {
            throw UserError(error)
        }
        let changes = WordingChange.changes(reader.itemWordings, since: batch.previousWording, survey: request.survey)
        note(changes.map(\.diagnostic))
        record(FileImportResult(file: file, totals: totals, batchID: batch.batchID, waves: batch.waves, diagnostics: diagnostics,
                                        omittedDiagnostics: omitted, notes: reader.notes, seconds: Date().timeIntervalSince(started),
                                        wordingChanges: changes))
    }
    return results
}

/// SHA-256 of a file, read in 1 MiB chunks.
func sha256(of url: URL, shownAs name: String, cancellation: Cancellation = Cancellation()) throws -> String {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
        throw UserError(.unreadableFile, "cannot read '\(name)'", at: .field(.file), hint: "check its permissions")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try readChunk(handle, name), !chunk.isEmpty {
        // A cancelled import need not read the rest of a file of up to 8 GiB, and a partial
        // digest must never be recorded.
        if cancellation.isCancelled { throw UserError(.cancelled, "interrupted: nothing of '\(name)' was stored") }
        hasher.update(data: chunk)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}

private func readChunk(_ handle: FileHandle, _ name: String) throws -> Data? {
    do {
        return try handle.read(upToCount: 1 << 20)
    } catch {
        throw UserError(.unreadableFile, "cannot read '\(name)'", at: .field(.file), hint: "check the disk")
    }
}

/// Writes rejected rows as CSV, with the original columns and a `reason` column, ready to fix and re-import.
struct RejectsWriter {
    private let handle: FileHandle
    private let path: String
    private var wroteHeader = false

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw UserError(.unwritableFile, "cannot create the rejects file '\(path)'", at: .field(.rejects))
        }
        self.handle = handle
        self.path = path
    }

    mutating func write(fields: [String], header: [String], reasons: [Diagnostic]) throws {
        var text = ""
        if !wroteHeader {
            text += CSVWriter.line(header + ["reason"]) + "\r\n"
            wroteHeader = true
        }
        let reason = reasons.map { ($0.location.map { "line \($0.line), column \($0.column): " } ?? "") + $0.message.description }.joined(separator: "; ")
        // Fields stay as read so the file re-imports; only our own reason text is neutralised.
        text += (fields.map { CSVWriter.escape($0) } + [CSVWriter.escape(reason, neutralizeFormulas: true)]).joined(separator: ",") + "\r\n"
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw UserError(.unwritableFile, "cannot write the rejects file '\(path)'", at: .field(.rejects))
        }
    }

    func close() throws { try handle.close() }
}

/// How slash dates are read (`--date-order`).
public typealias TimestampParserDateOrder = TimestampParser.DateOrder
/// How an import reads a file.
public typealias ImportSettings = SurveyCollector.ImportSettings
/// The survey platform an export comes from.
public typealias ExportFormat = SurveyCollector.ExportFormat
/// Row counts of an imported file.
public typealias BatchTotals = SurveyStore.BatchTotals
/// The store.
public typealias OpModelStore = SurveyStore.OpModelStore
/// The header text an item was read from.
public typealias ItemWording = SurveyCollector.ItemWording
