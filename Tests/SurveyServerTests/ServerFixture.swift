import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import SurveyServer
import SurveyCore
import SurveyKit
import SurveyTestSupport

/// A store with two organisations over two waves, a tokens file, and the service built on them.
final class ServerFixture: Sendable {
    static let home = "Northwind Bank"
    static let other = "Helios Insurance"

    let directory: URL
    let configuration: ServerConfiguration
    let admin: String
    let viewer: String
    let revoked: String
    let bothViewer: String

    /// - Parameters:
    ///   - responses: Rows of the stored export (two organisations, waves 2025-Q4 and 2026-Q1).
    ///   - importStored: Whether the store starts with that export imported.
    ///   - idleTimeoutSeconds: Long by default: the live test client's connection idles under
    ///     the same rule, and a test on a loaded machine can outlast a short timeout.
    init(responses: Int = 300, importStored: Bool = true, maxUploadBytes: Int = 4 * 1024 * 1024, idleTimeoutSeconds: Int = 3600,
         cacheEntries: Int = 16) throws {
        directory = try SurveyFixtures.makeTemporaryDirectory()
        let uploads = directory.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        let surveys = directory.appendingPathComponent("surveys")
        try FileManager.default.createDirectory(at: surveys, withIntermediateDirectories: true)
        configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, databasePath: directory.appendingPathComponent("store.sqlite").path,
            tokensPath: directory.appendingPathComponent("tokens.json").path, surveysDirectory: surveys.path,
            minGroup: 5, maxUploadBytes: maxUploadBytes, cacheEntries: cacheEntries, idleTimeoutSeconds: idleTimeoutSeconds,
            maxHeaderBytes: 8 * 1024, uploadDirectory: uploads.path)
        var tokens = try TokenFile(path: configuration.tokensPath)
        admin = try tokens.add(role: .admin, organisations: []).secret
        viewer = try tokens.add(role: .viewer, organisations: [Self.home]).secret
        bothViewer = try tokens.add(role: .viewer, organisations: [Self.home, Self.other]).secret
        let revokedToken = try tokens.add(role: .viewer, organisations: [Self.home])
        revoked = revokedToken.secret
        try tokens.revoke(id: revokedToken.token.id)
        if importStored {
            let store = try OpModelStore(path: configuration.databasePath)
            var request = ImportRequest(files: [try export(responses: responses, seed: 1)], survey: try SurveyCatalog.embeddedInstrument(),
                                        settings: ImportSettings())
            _ = try importExports(request, into: store)
        }
    }

    deinit {
        SurveyFixtures.removeDirectory(directory)
    }

    /// Writes a generated export and returns its path.
    func export(responses: Int, seed: UInt64, organisations: Int = 2, waves: [String] = ["2025-Q4", "2026-Q1"]) throws -> String {
        let path = directory.appendingPathComponent("export-\(responses)-\(seed)-\(organisations).csv").path
        let options = ExportOptions(responses: responses, organisations: organisations, waves: waves.compactMap(Quarter.init), seed: seed)
        try generateExport(survey: try SurveyCatalog.embeddedInstrument(), options: options, to: path)
        return path
    }

    func exportBytes(responses: Int, seed: UInt64, organisations: Int = 2, waves: [String] = ["2025-Q4", "2026-Q1"]) throws -> ByteBuffer {
        ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: try export(responses: responses, seed: seed, organisations: organisations, waves: waves))))
    }

    /// The files left in the upload spool folder.
    func spooledFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: configuration.uploadDirectory).filter { $0.hasPrefix(SpooledUpload.prefix) }
    }

    func application(logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) throws -> some ApplicationProtocol {
        try buildApplication(configuration, logger: logger)
    }

    func store() throws -> OpModelStore {
        try OpModelStore(path: configuration.databasePath)
    }
}

extension HTTPFields {
    static func bearer(_ token: String, _ extra: [HTTPField] = []) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        for field in extra { fields.append(field) }
        return fields
    }
}

/// Percent-encodes a path segment.
func segment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}

/// The `error` object of an error body.
struct ErrorBody: Decodable, Equatable {
    struct Content: Decodable, Equatable {
        var code: String
        var message: String
        var details: [String]
    }

    var error: Content

    init(_ response: TestResponse) throws {
        self = try JSONDecoder().decode(ErrorBody.self, from: Data((response.body).readableBytesView))
    }
}

func json(_ response: TestResponse) throws -> Any {
    try JSONSerialization.jsonObject(with: Data((response.body).readableBytesView))
}

/// The `error` object of a response, or nil when the body is not the error format.
func errorOf(_ response: TestResponse) -> ErrorBody.Content? {
    try? ErrorBody(response).error
}
