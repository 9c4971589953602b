import Foundation
import Hummingbird
import SurveyCore
import SurveyKit

/// JSON bodies of the service, encoded with sorted keys.
struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var value: Value

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// A body rendered by the reporting layer (scorecard JSON/HTML, comparison or trend JSON).
struct RenderedBody: ResponseGenerator {
    var buffer: ByteBuffer
    var contentType: String

    init(text: String, contentType: String) {
        self.init(buffer: ByteBuffer(string: text), contentType: contentType)
    }

    init(buffer: ByteBuffer, contentType: String) {
        self.buffer = buffer
        self.contentType = contentType
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: buffer))
    }
}

/// Builds the router: every endpoint of `openapi.yaml`, each a thin handler that decodes the
/// request, checks access, calls one SurveyKit use case off the event loop, and encodes.
func buildRouter(state: ServiceState) -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorMiddleware())

    router.get("/healthz") { _, _ in
        // The store must answer a read; what it holds is nobody's business without a token
        // (not even its revision, which would tell when imports happen).
        _ = try await BlockingWork.run(on: BlockingWork.reads) { try storeRevision(of: state.store) }
        return JSONBody(value: Health(status: "ok"))
    }
    router.get("/v1/openapi.yaml") { _, _ in
        RenderedBody(text: try OpenAPIDocument.text(), contentType: "application/yaml; charset=utf-8")
    }

    let api = router.group("/v1").add(middleware: AccessMiddleware(authority: state.authority))
    api.get("/imports") { _, context in
        _ = try context.requireAdmin()
        let batches = try await BlockingWork.run(on: BlockingWork.reads) { try serviceCall { try listImportBatches(in: state.store) } }
        return JSONBody(value: batches.map(BatchSummary.init))
    }
    api.post("/imports") { request, context in
        _ = try context.requireAdmin()
        return try await receiveImport(request, state: state, logger: context.logger)
    }
    api.delete("/imports/{id}") { _, context in
        _ = try context.requireAdmin()
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw APIError(.notFound, "not_found", "no import batch '\(context.parameters.get("id") ?? "")' (expected a batch id from GET /v1/imports)")
        }
        let removed = try await BlockingWork.run(on: BlockingWork.writes) {
            try serviceCall { try undoImportBatch(id, in: state.store) }
        }
        return JSONBody(value: UndoResult(batch: id, removedResponses: removed))
    }
    api.get("/waves") { _, context in
        let access = try context.requireAccess()
        let waves = try await BlockingWork.run(on: BlockingWork.reads) { () throws -> [WaveRecord] in
            if let scope = try state.scope(of: access) { return try listWaves(in: state.store, organisations: scope) }
            return try listWaves(in: state.store)
        }
        return JSONBody(value: waves.map(WaveSummary.init))
    }
    api.get("/organisations") { _, context in
        let access = try context.requireAccess()
        let organisations = try await BlockingWork.run(on: BlockingWork.reads) {
            try listOrganisations(in: state.store, only: try state.scope(of: access))
        }
        return JSONBody(value: organisations.map { OrganisationBody(name: $0.name, waves: $0.waves) })
    }
    api.get("/organisations/{organisation}/waves/{wave}/scorecard") { request, context in
        let access = try context.requireAccess()
        let (name, wave) = (try context.decodedParameter("organisation"), try context.decodedParameter("wave"))
        let query = request.uri.queryParameters
        let format: ReportFormat
        switch query["format"].map(String.init) ?? "json" {
        case "json": format = .json
        case "html": format = .html
        case let other: throw APIError(.badRequest, "bad_request", "format: '\(other)' (expected json or html)")
        }
        let minGroup = try state.minGroup(query["min-group"].map(String.init))
        let buffer = try await BlockingWork.run(on: BlockingWork.reads) { () throws -> ByteBuffer in
            let organisation = try state.organisation(name, for: access)
            let key = ScorecardCache<ByteBuffer>.Key(organisationID: organisation.id, wave: wave, format: format.rawValue, minGroup: minGroup,
                                         revision: try storeRevision(of: state.store))
            let render = {
                ByteBuffer(string: try reportCall(name) {
                    try renderedScorecard(store: state.store, wave: wave, organisation: organisation.name, format: format, minGroup: minGroup)
                })
            }
            // Only the service's own threshold is cached: a reader stepping through raised
            // thresholds would otherwise push everyone's scorecards out of the cache.
            return minGroup == state.configuration.minGroup ? try state.cache.value(for: key, orCompute: render) : try render()
        }
        return RenderedBody(buffer: buffer, contentType: format == .html ? "text/html; charset=utf-8" : "application/json; charset=utf-8")
    }
    api.get("/organisations/{organisation}/waves/{wave}/comparison") { request, context in
        let access = try context.requireAccess()
        let (name, wave) = (try context.decodedParameter("organisation"), try context.decodedParameter("wave"))
        let query = request.uri.queryParameters
        let byText = query["by"].map(String.init) ?? "division"
        guard let breakdown = GroupBreakdown(rawValue: byText) else {
            throw APIError(.badRequest, "bad_request", "by: '\(byText)' (expected division, team or role)")
        }
        let pairs = try booleanQuery(query["pairs"].map(String.init), name: "pairs")
        let minGroup = try state.minGroup(query["min-group"].map(String.init))
        let text = try await BlockingWork.run(on: BlockingWork.reads) { () throws -> String in
            let organisation = try state.organisation(name, for: access)
            return try reportCall(name) {
                let comparison = try makeComparison(store: state.store, wave: wave, organisation: organisation.name, by: breakdown,
                                                    pairs: pairs, minGroup: minGroup)
                return try renderedComparison(comparison, as: .json)
            }
        }
        return RenderedBody(text: text, contentType: "application/json; charset=utf-8")
    }
    api.get("/organisations/{organisation}/trend") { request, context in
        let access = try context.requireAccess()
        let name = try context.decodedParameter("organisation")
        let query = request.uri.queryParameters
        let (unit, from, to) = (query["unit"].map(String.init), query["from"].map(String.init), query["to"].map(String.init))
        let minGroup = try state.minGroup(query["min-group"].map(String.init))
        let text = try await BlockingWork.run(on: BlockingWork.reads) { () throws -> String in
            let organisation = try state.organisation(name, for: access)
            return try reportCall(name) {
                let trend = try makeTrend(store: state.store, organisation: organisation.name, unit: unit, from: from, to: to, minGroup: minGroup)
                return try renderedTrend(trend, as: .json)
            }
        }
        return RenderedBody(text: text, contentType: "application/json; charset=utf-8")
    }
    return router
}

/// Answers the reporting use cases' failures: an organisation that vanished (a rename racing
/// the request) is the same 404 as one never seen, without the list of known ones; anything
/// else as ``serviceCall(_:)`` answers it.
private func reportCall<T>(_ name: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as UserError where error.code == .unknownOrganisation {
        throw APIError.unknownOrganisation(name)
    } catch let error as UserError {
        throw APIError(error)
    }
}

private func booleanQuery(_ value: String?, name: String) throws -> Bool {
    switch value?.lowercased() {
    case nil, "0", "false", "no": false
    case "", "1", "true", "yes": true
    case let other?: throw APIError(.badRequest, "bad_request", "\(name): '\(other)' is not true or false")
    }
}

extension ServerContext {
    /// A path parameter, percent-decoded.
    func decodedParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name), let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw APIError(.badRequest, "bad_request", "\(name): not a valid path segment")
        }
        return decoded
    }
}

struct Health: Codable, Sendable {
    var status: String
}

struct UndoResult: Codable, Sendable {
    var batch: Int64
    var removedResponses: Int
}

struct OrganisationBody: Codable, Sendable {
    var name: String
    var waves: [String]
}

struct WaveSummary: Codable, Sendable {
    var survey: String
    var label: String
    var firstResponseAt: String?
    var responses: Int

    init(_ record: WaveRecord) {
        survey = record.survey
        label = record.label
        firstResponseAt = record.firstResponseAt.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0))) }
        responses = record.responses
    }
}

struct BatchSummary: Codable, Sendable {
    var id: Int64
    var fileName: String
    var sha256: String
    var format: String
    var survey: String
    var waves: [String]
    var rowsRead: Int
    var imported: Int
    var duplicates: Int
    var conflicts: Int
    var rejected: Int
    var storedResponses: Int
    var startedAt: String
    var finishedAt: String?
    var toolVersion: String

    init(_ record: ImportBatchRecord) {
        id = record.id
        fileName = record.fileName
        sha256 = record.sha256
        format = record.format
        survey = record.survey
        waves = record.waves.split(separator: ",").map(String.init)
        rowsRead = record.rowsRead
        imported = record.imported
        duplicates = record.duplicates
        conflicts = record.conflicts
        rejected = record.rejected
        storedResponses = record.storedResponses
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        toolVersion = record.toolVersion
    }
}
