import Foundation

/// Where `opmodel serve` listens, what it serves and the limits it keeps.
public struct ServerConfiguration: Sendable {
    /// The address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The SQLite store.
    public var databasePath: String
    /// The tokens file (see ``TokenFile``).
    public var tokensPath: String
    /// The folder of survey definitions uploads may name (the embedded instrument is always there).
    public var surveysDirectory: String
    /// The anonymity threshold; a request may raise it with `min-group`, never lower it.
    public var minGroup: Int
    /// The largest upload, in bytes; a larger body gets 413 as soon as it passes the limit.
    public var maxUploadBytes: Int
    /// Rendered scorecards kept in memory.
    public var cacheEntries: Int
    /// Seconds a connection may stay silent (no request, or a stalled body) before it is closed.
    public var idleTimeoutSeconds: Int
    /// The largest request header block, in bytes.
    public var maxHeaderBytes: Int
    /// Where uploads are spooled while they arrive (default: the system's temporary folder).
    public var uploadDirectory: String

    /// Creates a configuration with the service's defaults for everything but the files.
    public init(host: String = "127.0.0.1", port: Int = 8080, databasePath: String, tokensPath: String,
                surveysDirectory: String, minGroup: Int = 5, maxUploadBytes: Int = 512 * 1024 * 1024,
                cacheEntries: Int = 256, idleTimeoutSeconds: Int = 30, maxHeaderBytes: Int = 16 * 1024,
                uploadDirectory: String = NSTemporaryDirectory()) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.tokensPath = tokensPath
        self.surveysDirectory = surveysDirectory
        self.minGroup = minGroup
        self.maxUploadBytes = maxUploadBytes
        self.cacheEntries = cacheEntries
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxHeaderBytes = maxHeaderBytes
        self.uploadDirectory = uploadDirectory
    }
}
