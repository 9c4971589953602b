import Foundation
import Hummingbird

/// An error answered as `{"error": {"code", "message", "details"}}` with its status.
///
/// Messages say what was wrong with the request; they never carry SQL, paths, stack traces or
/// tokens.
struct APIError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var details: [String]
    /// What went wrong underneath, for the server's log only; never in the response.
    var cause: String?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [String] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    struct Body: Codable {
        struct Content: Codable {
            var code: String
            var message: String
            var details: [String]
        }

        var error: Content
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(error: .init(code: code, message: message, details: details))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }

    static let unauthorized = APIError(.unauthorized, "unauthorized", "a valid token is required (Authorization: Bearer TOKEN)")
    static let forbidden = APIError(.forbidden, "forbidden", "this token may only read scorecards; importing and undoing need an admin token")

    /// The answer for a body over the upload limit.
    static func tooLarge(limit: Int) -> APIError {
        let size = limit % (1024 * 1024) == 0 ? "\(limit / (1024 * 1024)) MiB" : "\(limit)-byte"
        return APIError(.contentTooLarge, "too_large", "the upload is over the server's \(size) limit; nothing was stored")
    }

    /// The answer for an organisation that does not exist or lies outside the token's scope:
    /// the same in both cases, so a viewer cannot learn which organisations exist.
    static func unknownOrganisation(_ name: String) -> APIError {
        APIError(.notFound, "not_found", "no organisation '\(name)'")
    }
}

/// Turns every error into the service's error body: our own as they are, Hummingbird's (an
/// unknown route, a body over the limit) with their status, anything else a bare 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            if let cause = error.cause {
                context.logger.error("request failed", metadata: ["cause": .string(cause)])
            }
            throw error
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, Self.code(for: error.status), Self.message(for: error.status, request: request))
        } catch {
            context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
            throw APIError(.internalServerError, "internal", "the server could not answer this request")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "too_large"
        case .badRequest: "bad_request"
        case .unsupportedMediaType: "unsupported_media_type"
        default: status.code >= 500 ? "internal" : "bad_request"
        }
    }

    static func message(for status: HTTPResponse.Status, request: Request) -> String {
        switch status {
        case .notFound: "no such endpoint: \(request.method) \(request.uri.path) (see GET /v1/openapi.yaml)"
        case .methodNotAllowed: "\(request.method) is not allowed on \(request.uri.path)"
        case .contentTooLarge: "the request body is too large"
        default: status.reasonPhrase.lowercased()
        }
    }
}
