import Foundation
import Hummingbird
import Logging
import SurveyCore
import SurveyKit

/// What `POST /v1/imports` answers for a file that was read.
struct ImportBody: Codable, Sendable {
    /// `stored`, `already-stored` (nothing new: a repeated upload), `dry-run`, `rejected` or
    /// `conflicts` (only changed versions of stored responses, kept as stored: a 409).
    var outcome: String
    var file: String
    var batch: Int64?
    var waves: [String]
    var rowsRead: Int
    var imported: Int
    var duplicates: Int
    var conflicts: Int
    var replaced: Int
    var rejected: Int
    var diagnostics: [String]
    var omittedDiagnostics: Int
    var notes: [String]
    /// Items whose header reads differently from the latest earlier wave's (also among the
    /// diagnostics as warnings), so the admin can declare a carry-over or a new item.
    var wordingChanges: [WordingChangeBody]
}

/// One reworded item, as `POST /v1/imports` reports it.
struct WordingChangeBody: Codable, Sendable {
    var item: String
    var previousWave: String
    var previousText: String
    var text: String
}

/// Checks the upload's parameters, spools the body (413 past the limit), imports it through
/// the one write queue, and always deletes the spooled file.
func receiveImport(_ request: Request, state: ServiceState, logger: Logger) async throws -> JSONBody<ImportBody> {
    let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { $1 })
    let parameters = try UploadParameters(query: query, contentType: request.headers[.contentType])
    let limit = state.configuration.maxUploadBytes
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
        throw APIError.tooLarge(limit: limit)
    }
    let (survey, mapping) = try surveyAndMapping(parameters, state: state)
    if parameters.format != "auto", ExportFormat(rawValue: parameters.format) == nil {
        throw APIError(.badRequest, "bad_request",
                       "format: unknown format '\(parameters.format)' (expected auto, \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    let upload = try await SpooledUpload.receive(request.body, limit: limit, directory: state.configuration.uploadDirectory)
    defer { upload.remove() }
    let settings = ImportSettings(wave: parameters.wave, organisation: parameters.organisation, division: parameters.division,
                                  timeZone: parameters.timeZone,
                                  dateOrder: parameters.dateOrder.map { $0 == "mdy" ? TimestampParserDateOrder.mdy : .dmy },
                                  includePartial: parameters.includePartial, keepIdentifiers: parameters.keepIdentifiers,
                                  mapping: mapping)
    var importRequest = ImportRequest(files: [upload.path], survey: survey, settings: settings)
    importRequest.displayNames = [parameters.fileName]
    importRequest.format = parameters.format
    importRequest.dryRun = parameters.dryRun
    importRequest.skipInvalid = parameters.skipInvalid
    importRequest.replace = parameters.replace
    let finalRequest = importRequest
    let results: [FileImportResult]
    do {
        results = try await BlockingWork.run(on: BlockingWork.writes) { try importExports(finalRequest, into: state.store) }
    } catch let failure as ImportFailure {
        logger.error("import failed", metadata: ["bytes": .stringConvertible(upload.bytes)])
        throw APIError(.internalServerError, "internal", failure.code == .store ? "the store could not take the import; nothing was stored" : "the upload could not be read; nothing was stored")
    }
    guard let result = results.first else {
        throw APIError(.internalServerError, "internal", "the import produced no result")
    }
    let body = ImportBody(result, dryRun: parameters.dryRun, skipInvalid: parameters.skipInvalid)
    logger.info("import", metadata: ["bytes": .stringConvertible(upload.bytes), "outcome": .string(body.outcome),
                                     "batch": .string(body.batch.map(String.init) ?? "-"), "rows": .stringConvertible(body.rowsRead)])
    if body.outcome == "rejected" {
        let stored = body.batch == nil ? "nothing was stored" : "the valid rows were stored"
        throw APIError(.unprocessableContent, "invalid_data",
                       "'\(result.file)' has \(max(result.totals.rejected, 1)) invalid \(result.totals.rejected == 1 ? "row" : "rows"); \(stored)",
                       details: body.diagnostics + (result.omittedDiagnostics > 0 ? ["\(result.file): … and \(result.omittedDiagnostics) more problems"] : []))
    }
    if body.outcome == "conflicts" {
        throw APIError(.conflict, "conflict",
                       "'\(result.file)' has \(result.totals.conflicts) \(result.totals.conflicts == 1 ? "response" : "responses") that differ from the stored ones and nothing new; nothing was stored (replace=true stores them)",
                       details: body.diagnostics)
    }
    return JSONBody(status: body.outcome == "stored" ? .created : .ok, value: body)
}

/// The survey an upload answers and the mapping it is read through (`mapping=NAME`: a
/// `*.mapping.yaml` in the server's survey folder, checked as `opmodel import --mapping` checks it).
private func surveyAndMapping(_ parameters: UploadParameters, state: ServiceState) throws -> (Survey, ExportMapping?) {
    guard let name = parameters.mapping else {
        do {
            return (try state.catalog.survey(parameters.survey ?? "product_operating_model"), nil)
        } catch let error as CatalogError {
            throw APIError(.badRequest, "bad_request", "survey: \(error.description)")
        }
    }
    let path = URL(fileURLWithPath: state.configuration.surveysDirectory).appendingPathComponent(name).path
    guard FileManager.default.fileExists(atPath: path) else {
        throw APIError(.badRequest, "bad_request", "mapping: no mapping file '\(name)' in the server's survey folder")
    }
    let loaded: LoadedMapping
    do {
        loaded = try state.catalog.loadMapping(path: path)
    } catch let list as DiagnosticList {
        // Shown relative to the survey folder: the server's paths are not the client's business.
        throw APIError(.unprocessableContent, "invalid_mapping", "the mapping file '\(name)' is not valid; nothing was stored",
                       details: list.diagnostics.map { $0.description.replacingOccurrences(of: path, with: name) })
    }
    // A mapping names its survey; `survey` may only confirm it.
    if let survey = parameters.survey, !loaded.matches(survey) {
        throw APIError(.badRequest, "bad_request", "mapping: '\(name)' maps survey '\(loaded.name(against: survey))', not '\(survey)' (drop survey or give the mapping for this survey)")
    }
    return (loaded.survey, loaded.mapping)
}

extension ImportBody {
    init(_ result: FileImportResult, dryRun: Bool, skipInvalid: Bool) {
        let totals = result.totals
        if result.failed || (totals.rejected > 0 && !skipInvalid) {
            outcome = "rejected"
        } else if result.batchID != nil {
            outcome = "stored"
        } else if totals.conflicts > 0, !dryRun {
            // Changed answers kept as stored: not a harmless repeat.
            outcome = "conflicts"
        } else {
            outcome = dryRun ? "dry-run" : "already-stored"
        }
        file = result.file
        batch = result.batchID
        waves = result.waves
        rowsRead = totals.rowsRead
        imported = result.batchID == nil ? 0 : totals.imported
        duplicates = totals.duplicates
        conflicts = totals.conflicts
        replaced = totals.replaced
        rejected = totals.rejected
        diagnostics = result.diagnostics.map(\.description)
        omittedDiagnostics = result.omittedDiagnostics
        notes = result.notes
        wordingChanges = result.wordingChanges.map {
            WordingChangeBody(item: $0.item, previousWave: $0.previousWave, previousText: $0.previousText, text: $0.text)
        }
    }
}
