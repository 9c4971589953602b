import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SurveyServer
import SurveyKit
import Synchronization
import Testing

private let csv = HTTPField(name: .contentType, value: "text/csv")

/// Tests over a real loopback socket.
struct LiveServerTests {
    @Test func servesScorecardsOverARealSocket() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.live) { client in
            #expect(client.port != nil)
            let response = try await client.execute(uri: "/v1/organisations/\(segment(ServerFixture.home))/waves/2026-Q1/scorecard",
                                                    method: .get, headers: .bearer(fixture.viewer))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("opmodel.scorecard/1"))
        }
    }

    @Test func readsKeepWorkingWhileAnImportRuns() async throws {
        let fixture = try ServerFixture(maxUploadBytes: 64 * 1024 * 1024, cacheEntries: 0)
        let upload = try fixture.exportBytes(responses: 4000, seed: 11, organisations: 3, waves: ["2026-Q2"])
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let importing = Atomic<Bool>(true)
            let importer = Task {
                defer { importing.store(false, ordering: .relaxed) }
                return try await ownConnection(port: port, uri: "/v1/imports?filename=big.csv", method: .post,
                                               headers: .bearer(fixture.admin, [csv]), body: upload)
            }
            // For as long as the import runs: the wave list, an uncached scorecard, then the wave
            // list again, all read from the store. The wave list takes milliseconds, so at least two
            // reads are answered however slowly a busy machine scores the scorecard.
            var statuses: [HTTPResponse.Status] = []
            while importing.load(ordering: .relaxed) {
                let uri = statuses.count == 1 ? "/v1/organisations/\(segment(ServerFixture.home))/waves/2026-Q1/scorecard" : "/v1/waves"
                let response = try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.viewer))
                statuses.append(response.status)
            }
            let result = try await importer.value
            #expect(result.head.status == .created)
            #expect(statuses.allSatisfy { $0 == .ok })
            #expect(statuses.count >= 2)
        }
        #expect(try listImportBatches(in: fixture.store()).map(\.storedResponses) == [300, 4000])
    }

    @Test func twoUploadsOfTheSameFileAtOnceStoreItOnce() async throws {
        let fixture = try ServerFixture(importStored: false)
        let body = try fixture.exportBytes(responses: 800, seed: 5)
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            async let first = ownConnection(port: port, uri: "/v1/imports?filename=a.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: body)
            async let second = ownConnection(port: port, uri: "/v1/imports?filename=a.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: body)
            let outcomes = try await [first, second].map { response in
                let object = try JSONSerialization.jsonObject(with: Data((response.body ?? ByteBuffer()).readableBytesView))
                return try #require(object as? [String: Any])["outcome"] as? String ?? ""
            }
            #expect(outcomes.sorted() == ["already-stored", "stored"])
        }
        let batches = try listImportBatches(in: fixture.store())
        #expect(batches.count == 1)
        #expect(batches.first?.storedResponses == 800)
        #expect(try fixture.spooledFiles().isEmpty)
    }

    @Test func aClientThatHangsUpMidUploadLeavesNothingBehind() async throws {
        let fixture = try ServerFixture(importStored: false)
        let body = String(buffer: try fixture.exportBytes(responses: 400, seed: 2))
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            connection.send("POST /v1/imports?filename=cut.csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.admin)\r\n"
                            + "Content-Type: text/csv\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            connection.send(String(body.prefix(body.count / 2)))
            try await Task.sleep(for: .milliseconds(200))
            connection.hangUp()
            try await waitUntil("the partial upload is deleted") { try fixture.spooledFiles().isEmpty }
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        #expect(try listImportBatches(in: fixture.store()).isEmpty)
        #expect(try fixture.spooledFiles().isEmpty)
    }

    /// Against `opmodel serve` in a process of its own, over raw sockets only: an HTTP test
    /// client's own idle connection would be closed by the short timeout while the test ends.
    @Test func aStalledBodyIsCutOffWithoutHoldingUpOthers() async throws {
        let fixture = try ServerFixture(importStored: true)
        let server = try ServedProcess(
            arguments: ["--db", fixture.configuration.databasePath, "--tokens", fixture.configuration.tokensPath,
                        "--surveys", fixture.configuration.surveysDirectory, "--idle-timeout", "10"],
            environment: ["TMPDIR": fixture.configuration.uploadDirectory])
        let stalled = try RawConnection(port: server.port)
        stalled.send("POST /v1/imports?filename=slow.csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.admin)\r\n"
                     + "Content-Type: text/csv\r\nContent-Length: 100000\r\n\r\nrespondent_id,")
        // Others are served while the slow body waits.
        let other = try RawConnection(port: server.port)
        other.send("GET /v1/organisations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.viewer)\r\nConnection: close\r\n\r\n")
        let (answer, _) = other.readUntilClosed(timeout: 60)
        #expect(answer.hasPrefix("HTTP/1.1 200"))
        #expect(answer.contains(ServerFixture.home))
        #expect(stalled.isOpen, "the stalled upload was cut off before the other request was answered")
        // Closed by the idle timeout; without one the body would be awaited for ever.
        let (_, closed) = stalled.readUntilClosed(timeout: 60)
        #expect(closed)
        try await waitUntil("the stalled upload is deleted") { try fixture.spooledFiles().isEmpty }
        #expect(try await server.stop() == 0)
        #expect(try listImportBatches(in: fixture.store()).count == 1)
    }

    @Test func hugeHeadersAreRefusedAndTheServerCarriesOn() async throws {
        let fixture = try ServerFixture(importStored: false)
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: \(String(repeating: "a", count: 64 * 1024))\r\n\r\n")
            let (text, closed) = connection.readUntilClosed(timeout: 60)
            #expect(closed)
            #expect(!text.hasPrefix("HTTP/1.1 200"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}

/// Polls a condition for up to thirty seconds (it returns as soon as the condition holds; the
/// margin is for a loaded CI machine).
func waitUntil(_ what: Comment, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () throws -> Bool) async throws {
    for _ in 0..<600 {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    #expect(try condition(), what, sourceLocation: sourceLocation)
}

/// One request on a connection of its own (the live test client has one connection, which
/// would queue concurrent requests one behind the other).
func ownConnection(port: Int, uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestClient.Response {
    try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(120))) { client in
        try await client.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
    }
}
