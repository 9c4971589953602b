import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SurveyServer
import SurveyKit
import SurveyTestSupport
import Synchronization
import Testing

private let csv = HTTPField(name: .contentType, value: "text/csv")

struct ImportRouteTests {
    @Test func uploadStoresOnceAndUndoRemovesIt() async throws {
        let fixture = try ServerFixture(importStored: false)
        let body = try fixture.exportBytes(responses: 120, seed: 7)
        try await fixture.application().test(.router) { client in
            var batch: Int64 = 0
            try await client.execute(uri: "/v1/imports?filename=june.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: body) { response in
                #expect(response.status == .created)
                let result = try #require(try json(response) as? [String: Any])
                #expect(result["outcome"] as? String == "stored")
                #expect(result["file"] as? String == "june.csv")
                #expect(result["imported"] as? Int == 120)
                batch = try #require(result["batch"] as? Int).int64
            }
            try await client.execute(uri: "/v1/imports?filename=june-again.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: body) { response in
                #expect(response.status == .ok)
                let result = try #require(try json(response) as? [String: Any])
                #expect(result["outcome"] as? String == "already-stored")
                #expect(result["duplicates"] as? Int == 120)
                #expect(result["batch"] == nil)
            }
            try await client.execute(uri: "/v1/imports", method: .get, headers: .bearer(fixture.admin)) { response in
                let batches = try #require(try json(response) as? [[String: Any]])
                #expect(batches.count == 1)
                #expect(batches.first?["file_name"] as? String == "june.csv")
                #expect(batches.first?["stored_responses"] as? Int == 120)
            }
            try await client.execute(uri: "/v1/imports/\(batch)", method: .delete, headers: .bearer(fixture.admin)) { response in
                #expect(response.status == .ok)
                let result = try #require(try json(response) as? [String: Any])
                #expect(result["removed_responses"] as? Int == 120)
            }
            try await client.execute(uri: "/v1/imports/\(batch)", method: .delete, headers: .bearer(fixture.admin)) { response in
                #expect(response.status == .notFound)
                #expect(errorOf(response)?.message == "no import batch \(batch) (see GET /v1/imports)")
            }
        }
        #expect(try fixture.spooledFiles().isEmpty)
    }

    @Test func aRewordedItemIsReportedWithTheUpload() async throws {
        let fixture = try ServerFixture(importStored: false)
        let first = try fixture.exportBytes(responses: 40, seed: 5, waves: ["2025-Q4"])
        // The next wave's export heads the column with the item's text instead of its id.
        let item = try #require(try SurveyCatalog.embeddedInstrument().item("strategy_metric"))
        var lines = try String(contentsOfFile: fixture.export(responses: 40, seed: 6, waves: ["2026-Q1"]), encoding: .utf8)
            .components(separatedBy: "\r\n")
        lines[0] = lines[0].split(separator: ",").map { $0 == "strategy_metric" ? "\"\(item.text)\"" : String($0) }.joined(separator: ",")
        let later = ByteBuffer(string: lines.joined(separator: "\r\n"))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports?filename=q4.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: first) { response in
                #expect(response.status == .created)
                let result = try #require(try json(response) as? [String: Any])
                #expect((result["wording_changes"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/v1/imports?filename=q1.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: later) { response in
                #expect(response.status == .created)
                let result = try #require(try json(response) as? [String: Any])
                let changes = try #require(result["wording_changes"] as? [[String: String]])
                #expect(changes == [["item": "strategy_metric", "previous_wave": "2025-Q4", "previous_text": "strategy_metric", "text": item.text]])
                #expect((result["diagnostics"] as? [String])?.contains { $0.contains("item 'strategy_metric' is worded differently from wave 2025-Q4") } == true)
            }
        }
    }

    @Test func anUploadIsReadThroughAMappingFromTheSurveyFolder() async throws {
        let fixture = try ServerFixture(importStored: false)
        // The LimeSurvey draft of issue 7, as `opmodel survey from-lss` writes it, in the server's survey folder.
        _ = try writeLimeSurveyDraft(lssPath: PlatformFixtures.limeSurvey("acme.lss").path, surveyID: "acme", headings: .code,
                                     surveyPath: nil, mappingPath: nil, outputDirectory: fixture.configuration.surveysDirectory, overwrite: false)
        let broken = try String(contentsOfFile: fixture.configuration.surveysDirectory + "/acme.mapping.yaml", encoding: .utf8)
            .replacingOccurrences(of: "item: g01q02\n", with: "item: g01q02x\n")
        try broken.write(toFile: fixture.configuration.surveysDirectory + "/broken.mapping.yaml", atomically: true, encoding: .utf8)
        let export = ByteBuffer(bytes: try Data(contentsOf: PlatformFixtures.limeSurvey("export-code-headings-code-answers.csv")))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports?filename=results.csv&mapping=acme.mapping.yaml&organisation=acme&wave=2026-Q3",
                                     method: .post, headers: .bearer(fixture.admin, [csv]), body: export) { response in
                #expect(response.status == .created)
                let result = try #require(try json(response) as? [String: Any])
                #expect(result["imported"] as? Int == 6)
                #expect(result["waves"] as? [String] == ["2026-Q3"])
            }
            try await client.execute(uri: "/v1/imports?filename=results.csv&mapping=broken.mapping.yaml&organisation=acme",
                                     method: .post, headers: .bearer(fixture.admin, [csv]), body: export) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(errorOf(response))
                #expect(error.code == "invalid_mapping")
                #expect(error.details.contains { $0.hasPrefix("broken.mapping.yaml:") && $0.contains("error: unknown item 'g01q02x'") }, "\(error.details)")
            }
            try await client.execute(uri: "/v1/imports?filename=results.csv&mapping=acme.mapping.yaml&survey=product_operating_model",
                                     method: .post, headers: .bearer(fixture.admin, [csv]), body: export) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.message == "mapping: 'acme.mapping.yaml' maps survey 'acme', not 'product_operating_model' (drop survey or give the mapping for this survey)")
            }
            try await client.execute(uri: "/v1/imports?filename=results.csv&mapping=acme.mapping.yaml&survey=acme@2",
                                     method: .post, headers: .bearer(fixture.admin, [csv]), body: export) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.message == "mapping: 'acme.mapping.yaml' maps survey 'acme@1', not 'acme@2' (drop survey or give the mapping for this survey)")
            }
            for name in ["../acme.mapping.yaml", "acme.yaml"] {
                try await client.execute(uri: "/v1/imports?filename=results.csv&mapping=\(name)", method: .post,
                                         headers: .bearer(fixture.admin, [csv]), body: export) { response in
                    #expect(response.status == .badRequest)
                    #expect(errorOf(response)?.details == ["mapping: expected the name of a *.mapping.yaml file in the server's survey folder, not '\(name)'"])
                }
            }
        }
        #expect(try listImportBatches(in: fixture.store()).count == 1)
    }

    @Test func changedAnswersAreAConflictNotARepeat() async throws {
        let fixture = try ServerFixture(importStored: false)
        let text = String(buffer: try fixture.exportBytes(responses: 20, seed: 9))
        var lines = text.components(separatedBy: "\r\n")
        for index in lines.indices.dropFirst() { lines[index] = lines[index].replacingOccurrences(of: "Agree", with: "Disagree") }
        let changed = ByteBuffer(string: lines.joined(separator: "\r\n"))
        #expect(String(buffer: changed) != text)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports?filename=a.csv", method: .post, headers: .bearer(fixture.admin, [csv]),
                                     body: ByteBuffer(string: text)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/v1/imports?filename=b.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: changed) { response in
                #expect(response.status == .conflict)
                let error = try #require(errorOf(response))
                #expect(error.code == "conflict")
                #expect(error.message.hasPrefix("'b.csv' has "))
                #expect(error.message.hasSuffix(" that differ from the stored ones and nothing new; nothing was stored (replace=true stores them)"))
            }
            try await client.execute(uri: "/v1/imports?filename=b.csv&replace=true", method: .post, headers: .bearer(fixture.admin, [csv]),
                                     body: changed) { response in
                #expect(response.status == .created)
                let result = try #require(try json(response) as? [String: Any])
                #expect((result["replaced"] as? Int ?? 0) > 0)
            }
        }
        #expect(try listImportBatches(in: fixture.store()).count == 2)
    }

    @Test func uploadsLeftByAKilledServerAreRemovedWhenItStarts() throws {
        let fixture = try ServerFixture(importStored: false)
        let manager = FileManager.default
        let stale = fixture.configuration.uploadDirectory + "/opmodel-upload-left-behind"
        let fresh = fixture.configuration.uploadDirectory + "/opmodel-upload-in-flight"
        let other = fixture.configuration.uploadDirectory + "/someone-elses-file"
        for path in [stale, fresh, other] { #expect(manager.createFile(atPath: path, contents: Data("x".utf8))) }
        let twoDaysAgo = Date().addingTimeInterval(-2 * 86_400)
        for path in [stale, other] { try manager.setAttributes([.modificationDate: twoDaysAgo], ofItemAtPath: path) }
        _ = try fixture.application()
        #expect(try manager.contentsOfDirectory(atPath: fixture.configuration.uploadDirectory).sorted()
                == ["opmodel-upload-in-flight", "someone-elses-file"])
    }

    @Test func badRowsGet422WithTheirPositionsAndStoreNothing() async throws {
        let fixture = try ServerFixture(importStored: false)
        let text = String(buffer: try fixture.exportBytes(responses: 20, seed: 3))
        // The export's lines end in CRLF; the fields before the first item never hold commas.
        var lines = text.components(separatedBy: "\r\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "strategy_metric"))
        var fields = lines[3].split(separator: ",", maxSplits: column + 1, omittingEmptySubsequences: false).map(String.init)
        fields[column] = "seven"
        lines[3] = fields.joined(separator: ",")
        let body = ByteBuffer(string: lines.joined(separator: "\r\n"))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports?filename=bad.csv", method: .post, headers: .bearer(fixture.admin, [csv]),
                                     body: body) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(errorOf(response))
                #expect(error.code == "invalid_data")
                #expect(error.message == "'bad.csv' has 1 invalid row; nothing was stored")
                #expect(error.details.count == 1)
                #expect(error.details.first?.hasPrefix("bad.csv:4:") == true)
            }
        }
        #expect(try listImportBatches(in: fixture.store()).isEmpty)
        #expect(try fixture.spooledFiles().isEmpty)
    }

    @Test func refusesWrongContentTypesParametersAndOversizedBodies() async throws {
        let fixture = try ServerFixture(importStored: false, maxUploadBytes: 64 * 1024)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports", method: .post,
                                     headers: .bearer(fixture.admin, [HTTPField(name: .contentType, value: "application/json")]),
                                     body: ByteBuffer(string: "{\"not\": json")) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(errorOf(response)?.code == "unsupported_media_type")
            }
            try await client.execute(uri: "/v1/imports?colour=red&replace=maybe", method: .post, headers: .bearer(fixture.admin, [csv]),
                                     body: ByteBuffer(string: "a\n")) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.details == [
                    "unknown query parameter 'colour' (expected date-order, division, dry-run, filename, format, include-partial, keep-identifiers, mapping, organisation, replace, skip-invalid, survey, timezone, wave)",
                    "replace: 'maybe' is not true or false",
                ])
            }
            try await client.execute(uri: "/v1/imports", method: .post,
                                     headers: .bearer(fixture.admin, [HTTPField(name: .contentType, value: "application/octet-stream")]),
                                     body: ByteBuffer(string: "a\n")) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.details == ["filename: required with application/octet-stream (e.g. ?filename=june.csv)"])
            }
            try await client.execute(uri: "/v1/imports?survey=nope", method: .post, headers: .bearer(fixture.admin, [csv]),
                                     body: ByteBuffer(string: "a\n")) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.message.hasPrefix("survey: unknown survey 'nope'") == true)
            }
            let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: 200 * 1024)
            try await client.execute(uri: "/v1/imports", method: .post, headers: .bearer(fixture.admin, [csv]), body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(errorOf(response) == ErrorBody.Content(code: "too_large", message: "the upload is over the server's 65536-byte limit; nothing was stored", details: []))
            }
        }
        #expect(try fixture.spooledFiles().isEmpty)
        #expect(try listImportBatches(in: fixture.store()).isEmpty)
    }

    @Test func xlsxUploadsNeedTheirContentType() async throws {
        let fixture = try ServerFixture(importStored: false)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/imports", method: .post,
                                     headers: .bearer(fixture.admin, [HTTPField(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                                     body: ByteBuffer(string: "not a workbook")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(errorOf(response)?.details.first?.hasPrefix("upload.xlsx") == true)
            }
        }
    }

    @Test func theScorecardCacheFollowsTheStoreRevision() async throws {
        let fixture = try ServerFixture()
        let uri = "/v1/organisations/\(segment(ServerFixture.home))/waves/2026-Q1/scorecard"
        try await fixture.application().test(.router) { client in
            let first = try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.viewer))
            let second = try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.viewer))
            #expect(first.body == second.body)
            let added = try fixture.exportBytes(responses: 60, seed: 9, organisations: 1, waves: ["2026-Q1"])
            try await client.execute(uri: "/v1/imports?filename=more.csv", method: .post, headers: .bearer(fixture.admin, [csv]), body: added) { response in
                #expect(response.status == .created)
            }
            let third = try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.viewer))
            #expect(third.status == .ok)
            #expect(third.body != first.body)
            #expect(String(buffer: third.body) == (try renderedScorecard(store: fixture.store(), wave: "2026-Q1", organisation: ServerFixture.home, format: .json, minGroup: 5)))
        }
    }
}

extension Int {
    var int64: Int64 { Int64(self) }
}

struct ScorecardCacheTests {
    private func key(_ id: Int64, _ revision: Int64 = 1) -> ScorecardCache<String>.Key {
        .init(organisationID: id, wave: "2026-Q1", format: "json", minGroup: 5, revision: revision)
    }

    @Test func evictsTheLeastRecentlyUsedAndDropsOlderRevisions() throws {
        let cache = ScorecardCache<String>(capacity: 2)
        var computed: [String] = []
        func value(_ key: ScorecardCache<String>.Key, _ body: String) throws -> String {
            try cache.value(for: key) {
                computed.append(body)
                return body
            }
        }
        #expect(try value(key(1), "a") == "a")
        #expect(try value(key(2), "b") == "b")
        #expect(try value(key(1), "a2") == "a")
        #expect(try value(key(3), "c") == "c")
        #expect(try value(key(2), "b2") == "b2")
        #expect(computed == ["a", "b", "c", "b2"])
        #expect(try value(key(1, 2), "d") == "d")
        #expect(cache.count == 1)
        // A result computed before the latest change is returned but not kept.
        #expect(try value(key(3, 1), "stale") == "stale")
        #expect(cache.count == 1)
    }

    @Test func concurrentRequestsForOneScorecardComputeItOnce() async throws {
        let cache = ScorecardCache<String>(capacity: 4)
        let computations = Counter()
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await BlockingWork.run(on: BlockingWork.reads) {
                        try cache.value(for: self.key(1)) {
                            computations.increment()
                            Thread.sleep(forTimeInterval: 0.2)
                            return "scorecard"
                        }
                    }
                }
            }
            for try await body in group { #expect(body == "scorecard") }
        }
        #expect(computations.value == 1)
    }
}

final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }
}
