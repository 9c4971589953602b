import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import NIOCore
@testable import SurveyServer
import SurveyKit
import Testing

struct RequestLogTests {
    @Test func oneLinePerRequestWithTheTokenIDAndNoSecretsOrAnswers() async throws {
        let fixture = try ServerFixture(importStored: false)
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let adminID = try #require(try TokenFile(path: fixture.configuration.tokensPath).tokens.first { $0.role == .admin }?.id)
        // An answer no log may show: a bad cell, echoed only in the 422 body the admin gets.
        let text = String(buffer: try fixture.exportBytes(responses: 20, seed: 4))
        var lines = text.components(separatedBy: "\r\n")
        let column = try #require(lines[0].split(separator: ",").map(String.init).firstIndex(of: "strategy_metric"))
        var fields = lines[2].split(separator: ",", maxSplits: column + 1, omittingEmptySubsequences: false).map(String.init)
        fields[column] = "Quite agreeable"
        lines[2] = fields.joined(separator: ",")
        let body = ByteBuffer(string: lines.joined(separator: "\r\n"))
        try await fixture.application(logger: logger).test(.router) { client in
            let response = try await client.execute(uri: "/v1/imports?filename=secret-plans.csv", method: .post,
                                                     headers: .bearer(fixture.admin, [HTTPField(name: .contentType, value: "text/csv")]), body: body)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("Quite agreeable"))
            #expect(try await client.execute(uri: "/v1/waves", method: .get, headers: .bearer(fixture.viewer + "x")).status == .unauthorized)
        }
        let requests = handler.entries.filter { $0.message.description == "request" }
        #expect(requests.map { $0.metadata["http.status"]?.description } == ["422", "401"])
        #expect(requests.map { $0.metadata["http.path"]?.description } == ["/v1/imports", "/v1/waves"])
        #expect(requests.first?.metadata["token"]?.description == adminID)
        let everything = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for secret in [fixture.admin, fixture.viewer, "Quite agreeable", "secret-plans"] {
            #expect(!everything.contains(secret))
        }
    }
}
