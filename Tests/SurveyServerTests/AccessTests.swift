import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SurveyServer
import SurveyCore
@testable import SurveyKit
import Testing

struct AccessTests {
    enum Credential: String, CaseIterable, Sendable {
        case missing, wrong, revoked, malformed
    }

    @Test(arguments: Credential.allCases)
    func refusedTokensGet401OnEveryProtectedEndpoint(_ credential: Credential) async throws {
        let fixture = try ServerFixture()
        let headers: HTTPFields = switch credential {
        case .missing: [:]
        case .wrong: .bearer("opm_" + String(repeating: "0", count: 64))
        case .revoked: .bearer(fixture.revoked)
        case .malformed: [.authorization: "Basic \(fixture.admin)"]
        }
        let home = segment(ServerFixture.home)
        let requests: [(String, HTTPRequest.Method)] = [
            ("/v1/imports", .get), ("/v1/imports", .post), ("/v1/imports/1", .delete), ("/v1/waves", .get), ("/v1/organisations", .get),
            ("/v1/organisations/\(home)/waves/2026-Q1/scorecard", .get), ("/v1/organisations/\(home)/waves/2026-Q1/comparison", .get),
            ("/v1/organisations/\(home)/trend", .get),
        ]
        try await fixture.application().test(.router) { client in
            for (uri, method) in requests {
                try await client.execute(uri: uri, method: method, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri)")
                    #expect(errorOf(response) == ErrorBody.Content(code: "unauthorized", message: "a valid token is required (Authorization: Bearer TOKEN)", details: []))
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                }
            }
        }
    }

    @Test func viewersMayNotImportOrUndo() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            for (uri, method) in [("/v1/imports", HTTPRequest.Method.get), ("/v1/imports?filename=a.csv", .post), ("/v1/imports/1", .delete)] {
                try await client.execute(uri: uri, method: method, headers: .bearer(fixture.viewer, [HTTPField(name: .contentType, value: "text/csv")]),
                                         body: ByteBuffer(string: "a,b\n")) { response in
                    #expect(response.status == .forbidden)
                    #expect(errorOf(response)?.message == "this token may only read scorecards; importing and undoing need an admin token")
                }
            }
            #expect(try fixture.store().revision() > 0)
            #expect(try listImportBatches(in: fixture.store()).count == 1)
        }
    }

    /// Another organisation's data answers exactly as an organisation that does not exist.
    @Test(arguments: ["scorecard", "comparison", "trend"])
    func otherOrganisationsAreIndistinguishableFromMissingOnes(_ endpoint: String) async throws {
        let fixture = try ServerFixture()
        @Sendable func uri(_ organisation: String) -> String {
            endpoint == "trend" ? "/v1/organisations/\(segment(organisation))/trend"
                : "/v1/organisations/\(segment(organisation))/waves/2026-Q1/\(endpoint)"
        }
        try await fixture.application().test(.router) { client in
            let other = try await client.execute(uri: uri(ServerFixture.other), method: .get, headers: .bearer(fixture.viewer))
            let missing = try await client.execute(uri: uri("Nowhere Inc"), method: .get, headers: .bearer(fixture.viewer))
            #expect(other.status == .notFound)
            #expect(missing.status == .notFound)
            #expect(errorOf(other) == ErrorBody.Content(code: "not_found", message: "no organisation 'Helios Insurance'", details: []))
            #expect(errorOf(missing) == ErrorBody.Content(code: "not_found", message: "no organisation 'Nowhere Inc'", details: []))
            // Same headers, same shape: nothing but the echoed name differs.
            #expect(Set(other.headers.map(\.name)) == Set(missing.headers.map(\.name)))
            #expect(other.headers[.contentType] == missing.headers[.contentType])
            // Admins, and viewers of both, read it; the admin's miss names no known organisation either.
            #expect(try await client.execute(uri: uri(ServerFixture.other), method: .get, headers: .bearer(fixture.bothViewer)).status == .ok)
            #expect(try await client.execute(uri: uri(ServerFixture.other), method: .get, headers: .bearer(fixture.admin)).status == .ok)
            let adminMiss = try await client.execute(uri: uri("Nowhere Inc"), method: .get, headers: .bearer(fixture.admin))
            #expect(errorOf(adminMiss)?.message == "no organisation 'Nowhere Inc'")
        }
    }

    @Test func aTokenRevokedWhileTheServerRunsStopsWorking() async throws {
        let fixture = try ServerFixture()
        var file = try TokenFile(path: fixture.configuration.tokensPath)
        let (secret, token) = try file.add(role: .viewer, organisations: [ServerFixture.home])
        try await fixture.application().test(.router) { client in
            let uri = "/v1/organisations/\(segment(ServerFixture.home))/trend"
            #expect(try await client.execute(uri: uri, method: .get, headers: .bearer(secret)).status == .ok)
            var again = try TokenFile(path: fixture.configuration.tokensPath)
            try again.revoke(id: token.id)
            #expect(try await client.execute(uri: uri, method: .get, headers: .bearer(secret)).status == .unauthorized)
        }
    }
}

struct TokenFileTests {
    @Test func storesOnlyHashesWithOwnerOnlyPermissions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tokens.json").path
        var file = try TokenFile(path: path)
        let (secret, token) = try file.add(role: .viewer, organisations: ["Acme"], label: "ops team")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(secret))
        #expect(text.contains(TokenFile.digest(of: secret)))
        #expect(token.sha256 == TokenFile.digest(of: secret))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
        #expect(mode & 0o777 == 0o600)
        #expect(try TokenFile(path: path).tokens == [token])

        #expect(throws: UserError.self) { try file.add(role: .viewer, organisations: []) }
        #expect(throws: UserError.self) { try file.revoke(id: "nope") }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let error = #expect(throws: UserError.self) { try TokenFile(path: path) }
        #expect(error?.description == "the tokens file '\(path)' may be read by other users (mode 644); run 'chmod 600 \(path)'")
    }
}
