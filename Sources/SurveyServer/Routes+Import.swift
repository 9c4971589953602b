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
    let chosen = try serviceCall {
        // A mapping is named, never a path: a `*.mapping.yaml` in the server's survey folder.
        let mapping = parameters.mapping.map {
            MappingFile(path: URL(fileURLWithPath: state.configuration.surveysDirectory).appendingPathComponent($0).path, name: $0)
        }
        return try resolveImportSurvey(try parameters.survey.map(SurveyReference.init(parsing:)), mapping: mapping, catalog: state.catalog)
    }
    let upload = try await SpooledUpload.receive(request.body, limit: limit, directory: state.configuration.uploadDirectory)
    defer { upload.remove() }
    let settings = ImportSettings(wave: parameters.wave, organisation: parameters.organisation, division: parameters.division,
                                  timeZone: parameters.timeZone, dateOrder: parameters.dateOrder, format: parameters.format,
                                  includePartial: parameters.includePartial, keepIdentifiers: parameters.keepIdentifiers,
                                  mapping: chosen.mapping)
    var importRequest = ImportRequest(files: [upload.path], survey: chosen.survey, settings: settings)
    importRequest.displayNames = [parameters.fileName]
    importRequest.dryRun = parameters.dryRun
    importRequest.skipInvalid = parameters.skipInvalid
    importRequest.replace = parameters.replace
    let finalRequest = importRequest
    // Cancelling this request's task cancels its own import (rolled back), no one else's.
    let results = try await withTaskCancellationHandler {
        try await BlockingWork.run(on: BlockingWork.writes) {
            try serviceCall { try importExports(finalRequest, into: state.store) }
        }
    } onCancel: {
        finalRequest.cancellation.cancel()
    }
    guard let result = results.first else {
        throw APIError(.internalServerError, "internal", "the import produced no result")
    }
    let body = ImportBody(result)
    logger.info("import", metadata: ["bytes": .stringConvertible(upload.bytes), "outcome": .string(body.outcome),
                                     "batch": .string(body.batch.map(String.init) ?? "-"), "rows": .stringConvertible(body.rowsRead)])
    if let problem = result.problem {
        var error = APIError(problem)
        if result.omittedDiagnostics > 0 { error.details.append("\(result.file): … and \(result.omittedDiagnostics) more problems") }
        throw error
    }
    return JSONBody(status: result.outcome == .stored ? .created : .ok, value: body)
}

/// Runs a use case, answering its ``UserError`` in the service's words and status.
func serviceCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as UserError {
        throw APIError(error)
    }
}

extension ImportBody {
    init(_ result: FileImportResult) {
        let totals = result.totals
        outcome = result.outcome.rawValue
        file = result.file
        batch = result.batchID
        waves = result.waves
        rowsRead = totals.rowsRead
        imported = result.storedResponses
        duplicates = totals.duplicates
        conflicts = totals.conflicts
        replaced = totals.replaced
        rejected = totals.rejected
        diagnostics = result.diagnostics.map { $0.rendered(in: httpWords) }
        omittedDiagnostics = result.omittedDiagnostics
        notes = result.notes.map { $0.rendered(in: httpWords) }
        wordingChanges = result.wordingChanges.map {
            WordingChangeBody(item: $0.item, previousWave: $0.previousWave, previousText: $0.previousText, text: $0.text)
        }
    }
}
