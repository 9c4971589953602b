import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SurveyServer
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// The service speaks its own language: the lower layers' hints reach a client as query
/// parameters and endpoints, never as the command line's flags.
struct ServiceWordsTests {
    /// A command-line flag anywhere in a body: `--org`, `--date-order` and the like.
    static func namesAFlag(_ body: String) -> Bool {
        body.range(of: #"--[a-z]"#, options: .regularExpression) != nil
    }

    @Test func noResponseBodyNamesACommandLineFlag() async throws {
        let fixture = try ServerFixture()
        let csv = HTTPField(name: .contentType, value: "text/csv")
        let base = "/v1/organisations/\(segment(ServerFixture.home))"
        // Each request provokes a message from a different layer: the collector's header and
        // cell checks, the timestamp parser, the catalog, the format and date-order parsers,
        // the trend's range check, the store's batch lookup and the reports' wave lookup.
        let uploads: [(query: String, body: String, status: HTTPResponse.Status, says: String?)] = [
            ("filename=no-org.csv", "response_id,wave\nr1,2026-Q1\n", .unprocessableContent, "give organisation=NAME"),
            ("filename=no-wave.csv&organisation=Acme", "response_id\nr1\n", .unprocessableContent, "give wave=LABEL"),
            ("filename=dates.csv&organisation=Acme", "response_id,submitted_at\nr1,9/1/2024 11:27\n", .unprocessableContent,
             "pass date-order=mdy or date-order=dmy"),
            ("filename=a.csv&format=bogus", "x\n", .badRequest, "format: unknown format 'bogus'"),
            ("filename=a.csv&date-order=ymd", "x\n", .badRequest, "date-order:"),
            ("filename=a.csv&survey=nope", "x\n", .badRequest, "survey: unknown survey 'nope'"),
        ]
        try await fixture.application().test(.router) { client in
            var bodies: [String] = []
            for upload in uploads {
                try await client.execute(uri: "/v1/imports?" + upload.query, method: .post, headers: .bearer(fixture.admin, [csv]),
                                         body: ByteBuffer(string: upload.body)) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == upload.status, "\(upload.query): \(text)")
                    if let says = upload.says {
                        let error = errorOf(response)
                        #expect(([error?.message ?? ""] + (error?.details ?? [])).contains { $0.contains(says) }, "\(upload.query): \(text)")
                    }
                    bodies.append(text)
                }
            }
            let reads: [(uri: String, status: HTTPResponse.Status, says: String)] = [
                (base + "/trend?from=2026-Q1&to=2025-Q4", .badRequest, "from=2026-Q1 comes after to=2025-Q4"),
                (base + "/waves/2030-Q1/scorecard", .notFound, "its waves: 2025-Q4, 2026-Q1"),
                (base + "/trend?unit=Nowhere", .notFound, "no unit 'Nowhere'"),
            ]
            for read in reads {
                try await client.execute(uri: read.uri, method: .get, headers: .bearer(fixture.admin)) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == read.status, "\(read.uri): \(text)")
                    #expect(errorOf(response)?.message.contains(read.says) == true, "\(read.uri): \(text)")
                    bodies.append(text)
                }
            }
            try await client.execute(uri: "/v1/imports/999", method: .delete, headers: .bearer(fixture.admin)) { response in
                #expect(response.status == .notFound)
                let text = String(buffer: response.body)
                #expect(errorOf(response)?.message == "no import batch 999 (see GET /v1/imports)", "\(text)")
                bodies.append(text)
            }
            #expect(bodies.count == uploads.count + reads.count + 1)
            for body in bodies { #expect(!Self.namesAFlag(body), "\(body)") }
        }
    }

    @Test func aMappingThatCannotBeReadIsNamedNotLocated() async throws {
        let fixture = try ServerFixture(importStored: false)
        // A folder where the mapping file should be: the loader cannot read it.
        let folder = fixture.configuration.surveysDirectory + "/odd.mapping.yaml"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let csv = HTTPField(name: .contentType, value: "text/csv")
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports?filename=a.csv&mapping=odd.mapping.yaml", method: .post,
                                     headers: .bearer(fixture.admin, [csv]), body: ByteBuffer(string: "x\n")) { response in
                let text = String(buffer: response.body)
                #expect(response.status == .unprocessableContent, "\(text)")
                #expect(errorOf(response)?.details.contains { $0.contains("'odd.mapping.yaml'") } == true, "\(text)")
                #expect(!text.contains(fixture.configuration.surveysDirectory), "\(text)")
                #expect(!text.contains(fixture.directory.path), "\(text)")
            }
        }
    }
}
