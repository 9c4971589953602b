import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Builds the service: the store, tokens and cache, the routes of `openapi.yaml`, and an
/// HTTP/1.1 server with the configuration's header limit and idle timeout.
///
/// - Parameters:
///   - onListening: Called with the bound port once the server accepts connections (the
///     configured one, or the one the system picked for port 0).
/// - Throws: ``UserError`` for an unusable tokens file or a database that cannot be opened.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger,
                             onListening: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let state = try ServiceState(configuration: configuration)
    let router = buildRouter(state: state)
    let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes, maxHeaderFieldCount: 100)
    let http = HTTP1Channel.Configuration(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)), httpDecoderConfiguration: decoder)
    return Application(
        router: router,
        server: .http1(configuration: http),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "opmodel"),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Runs the service until SIGINT or SIGTERM, then stops accepting, finishes the requests in
/// flight and returns.
public func runServer(_ configuration: ServerConfiguration, logger: Logger,
                      onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    try await buildApplication(configuration, logger: logger, onListening: onListening).runService()
}

/// The service's OpenAPI document, as shipped in the module's resources.
enum OpenAPIDocument {
    static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources") else {
            throw APIError(.internalServerError, "internal", "the OpenAPI document is missing from this build")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
