import Crypto
import Foundation
import Synchronization
import SurveyCollector
import SurveyCore
import SurveyStore

/// What `opmodel import` was asked to do.
public struct ImportRequest: Sendable {
    /// The export files, as the user named them.
    public var files: [String]
    /// The survey the exports answer.
    public var survey: Survey
    /// Wave, organisation, division, zone and date order.
    public var settings: ImportSettings
    /// The export format: `auto` to detect it from the header, or an ``ExportFormat`` name
    /// (`qualtrics`, `surveymonkey`, `google-forms`, `ms-forms`, `typeform`, `generic`).
    public var format: String = "auto"
    /// Check everything, store nothing.
    public var dryRun = false
    /// Store valid rows and write invalid ones to ``rejectsPath``.
    public var skipInvalid = false
    /// Where rejected rows go, as CSV with a reason column.
    public var rejectsPath: String?
    /// Overwrite stored responses whose answers changed.
    public var replace = false
    /// The most diagnostics printed per file.
    public var diagnosticLimit = 50
    /// Names shown for the files in diagnostics, results and import batches instead of their
    /// paths, one per file; the server imports uploads from temporary files under the name
    /// the client gave.
    public var displayNames: [String]?

    /// Creates a request.
    public init(files: [String], survey: Survey, settings: ImportSettings) {
        self.files = files
        self.survey = survey
        self.settings = settings
    }
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
    /// Encoding, date order and identity notes.
    public var notes: [String]
    /// Seconds taken.
    public var seconds: Double
    /// Items whose header reads differently from the last earlier wave's (also given as
    /// warnings in ``diagnostics``).
    public var wordingChanges: [WordingChange] = []

    /// Whether the file had errors that stopped it from being stored.
    public var failed: Bool { batchID == nil && diagnostics.contains { $0.severity == .error } }
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

/// Why an import stopped before reading its files.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure, mapped to exit codes by the CLI.
    public enum Code: Sendable { case missingFile, unreadable, interrupted, store }
    /// The kind.
    public var code: Code
    /// What happened.
    public var description: String
}

/// Reports progress: rows read so far and the fraction of the file consumed.
public typealias ImportProgress = @Sendable (_ file: String, _ rows: Int, _ fraction: Double) -> Void

/// Set by SIGINT/SIGTERM: the import rolls back the current file and stops.
public let importInterrupted = Atomic<Bool>(false)

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
    var rejects: RejectsWriter?
    defer { try? rejects?.close() }
    for (index, path) in request.files.enumerated() {
        let file = request.displayNames.flatMap { index < $0.count ? $0[index] : nil } ?? path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportFailure(code: .missingFile, description: "cannot find '\(file)' (expected a CSV export)")
        }
        let started = Date()
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumExportSize else {
            throw ImportFailure(code: .unreadable, description: "'\(file)' is \(size) bytes, over the \(maximumExportSize)-byte limit")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportFailure(code: .unreadable, description: "cannot read '\(file)' (check its permissions)")
        }
        var settings = request.settings
        if let format = ExportFormat(rawValue: request.format) {
            settings.format = format
        } else if let format = settings.mapping?.format.flatMap(ExportFormat.init(rawValue:)) {
            settings.format = format
        }
        let reader: ResponseReader
        do {
            reader = try ResponseReader(file: file, url: url, survey: request.survey, settings: settings)
        } catch let list as DiagnosticList {
            results.append(FileImportResult(file: file, totals: BatchTotals(), batchID: nil, waves: [], diagnostics: list.diagnostics,
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
            let hashing = FileHasher(url: url)
            hashing.start()
            defer { pipeline.cancel() }
            batch = try store.importBatch(description, survey: request.survey, replace: request.replace) { writer in
                var errors = 0
                while true {
                    if importInterrupted.load(ordering: .relaxed) {
                        throw ImportFailure(code: .interrupted, description: "interrupted: nothing of '\(file)' was stored")
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
                    writer.fileSHA256 = try hashing.result()
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
            results.append(FileImportResult(file: file, totals: totals, batchID: nil, waves: [], diagnostics: diagnostics,
                                            omittedDiagnostics: omitted, notes: reader.notes, seconds: Date().timeIntervalSince(started)))
            continue
        } catch let error as StoreError {
            throw ImportFailure(code: .store, description: error.message)
        }
        let changes = WordingChange.changes(reader.itemWordings, since: batch.previousWording, survey: request.survey)
        note(changes.map(\.diagnostic))
        results.append(FileImportResult(file: file, totals: totals, batchID: batch.batchID, waves: batch.waves, diagnostics: diagnostics,
                                        omittedDiagnostics: omitted, notes: reader.notes, seconds: Date().timeIntervalSince(started),
                                        wordingChanges: changes))
    }
    return results
}

/// Computes a file's SHA-256 on a thread of its own while the import runs.
final class FileHasher: @unchecked Sendable {
    private let url: URL
    private let done = DispatchSemaphore(value: 0)
    private var digest: Result<String, ImportFailure>?

    init(url: URL) {
        self.url = url
    }

    func start() {
        Thread.detachNewThread { [self] in
            do {
                digest = .success(try sha256(of: url))
            } catch {
                digest = .failure(ImportFailure(code: .unreadable, description: "cannot read '\(url.path)' (check its permissions)"))
            }
            done.signal()
        }
    }

    /// Waits for the digest.
    func result() throws -> String {
        done.wait()
        done.signal()
        return try (digest ?? .failure(ImportFailure(code: .unreadable, description: "no digest"))).get()
    }
}

/// SHA-256 of a file, read in 1 MiB chunks.
func sha256(of url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        hasher.update(data: chunk)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}

/// Writes rejected rows as CSV, with the original columns and a `reason` column, ready to fix and re-import.
struct RejectsWriter {
    private let handle: FileHandle
    private let path: String
    private var wroteHeader = false

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ImportFailure(code: .unreadable, description: "cannot create the rejects file '\(path)'")
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
        let reason = reasons.map { ($0.location.map { "line \($0.line), column \($0.column): " } ?? "") + $0.message }.joined(separator: "; ")
        // Fields stay as read so the file re-imports; only our own reason text is neutralised.
        text += (fields.map { CSVWriter.escape($0) } + [CSVWriter.escape(reason, neutralizeFormulas: true)]).joined(separator: ",") + "\r\n"
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw ImportFailure(code: .unreadable, description: "cannot write the rejects file '\(path)'")
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
