import Hummingbird
import Logging
import Synchronization

/// The request context: Hummingbird's core storage and the access the token granted.
public struct ServerContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// Set by the access middleware for every `/v1` route that needs a token.
    var access: Access?
    /// Shared by every copy of this request's context, so the request log (outermost) can
    /// name the token the access middleware (further in) accepted.
    let tokenNote = TokenNote()

    /// Creates a context for a request.
    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The granted access; routes behind the access middleware always have one.
    func requireAccess() throws -> Access {
        guard let access else { throw APIError.unauthorized }
        return access
    }

    /// The access of an admin token, or 403 for a viewer.
    func requireAdmin() throws -> Access {
        let access = try requireAccess()
        guard access.role == .admin else { throw APIError.forbidden }
        return access
    }
}

/// Reads `Authorization: Bearer TOKEN`; a missing, unknown or revoked token gets 401.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let authority: TokenAuthority

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count < 1024 else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let access = authority.access(for: String(parts[1])) else {
            throw APIError.unauthorized
        }
        var context = context
        context.access = access
        context.logger[metadataKey: "token"] = .string(access.tokenID)
        context.tokenNote.set(access.tokenID)
        return try await next(request, context)
    }
}

/// One structured line per request: method, path, status, duration and the token's id.
///
/// Never the query (file names, units), the body, or any header: no answers and no tokens.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        func log(_ status: HTTPResponse.Status, _ context: ServerContext) {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            var metadata: Logger.Metadata = [
                "http.method": .string(request.method.rawValue),
                "http.path": .string(request.uri.path),
                "http.status": .stringConvertible(status.code),
                "duration_ms": .string(String(format: "%.1f", milliseconds)),
            ]
            if let token = context.tokenNote.value { metadata["token"] = .string(token) }
            context.logger.info("request", metadata: metadata)
        }
        do {
            let response = try await next(request, context)
            log(response.status, context)
            return response
        } catch let error as any HTTPResponseError {
            log(error.status, context)
            throw error
        } catch {
            log(.internalServerError, context)
            throw error
        }
    }
}

/// The non-secret id of the token a request was accepted with, once known.
final class TokenNote: Sendable {
    private let id = Mutex<String?>(nil)

    func set(_ value: String) { id.withLock { $0 = value } }

    var value: String? { id.withLock { $0 } }
}
