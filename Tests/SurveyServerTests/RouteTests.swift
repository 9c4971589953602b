import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SurveyServer
import SurveyKit
import Testing
import Yams

struct RouteTests {
    @Test func openAPIDocumentDescribesExactlyTheRouterRoutes() throws {
        let fixture = try ServerFixture(importStored: false)
        let router = buildRouter(state: try ServiceState(configuration: fixture.configuration))
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        let document = try #require(try Yams.load(yaml: try OpenAPIDocument.text()) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var documented: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where methods.contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(documented == served)
        #expect(served.count == 10)
    }

    @Test func onlyTheServersOwnThresholdIsCached() async throws {
        let fixture = try ServerFixture()
        let state = try ServiceState(configuration: fixture.configuration)
        let application = Application(router: buildRouter(state: state))
        let uri = "/v1/organisations/\(segment(ServerFixture.home))/waves/2026-Q1/scorecard"
        try await application.test(.router) { client in
            for query in ["?min-group=6", "?min-group=7", "", "?min-group=5"] {
                try await client.execute(uri: uri + query, method: .get, headers: .bearer(fixture.viewer)) { response in
                    #expect(response.status == .ok)
                }
            }
        }
        #expect(state.cache.count == 1)
    }

    @Test func healthAndTheDocumentNeedNoToken() async throws {
        let fixture = try ServerFixture(importStored: false)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response) as? [String: Any])
                // Nothing about the store to a caller without a token.
                #expect(body.keys.sorted() == ["status"])
                #expect(body["status"] as? String == "ok")
            }
            try await client.execute(uri: "/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }

    @Test func unknownRoutesAnswerInTheErrorFormat() async throws {
        let fixture = try ServerFixture(importStored: false)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v2/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(errorOf(response)?.code == "not_found")
            }
        }
    }

    @Test func scorecardIsTheReportersDocumentForTheViewersOrganisation() async throws {
        let fixture = try ServerFixture()
        let expectedJSON = try renderedScorecard(store: fixture.store(), wave: "2026-Q1", organisation: ServerFixture.home, format: .json, minGroup: 5)
        let expectedHTML = try renderedScorecard(store: fixture.store(), wave: "2026-Q1", organisation: ServerFixture.home, format: .html, minGroup: 5)
        try await fixture.application().test(.router) { client in
            let uri = "/v1/organisations/\(segment(ServerFixture.home))/waves/2026-Q1/scorecard"
            try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == expectedJSON)
            }
            try await client.execute(uri: uri + "?format=html", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body) == expectedHTML)
            }
            try await client.execute(uri: uri + "?format=pdf", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.message == "format: 'pdf' (expected json or html)")
            }
            // The anonymity threshold may be raised, never lowered.
            try await client.execute(uri: uri + "?min-group=3", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.message == "min-group: '3' (expected a whole number of at least 5, the server's threshold)")
            }
            try await client.execute(uri: uri + "?min-group=50", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) != expectedJSON)
            }
            try await client.execute(uri: "/v1/organisations/\(segment(ServerFixture.home))/waves/2030-Q1/scorecard", method: .get,
                                     headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .notFound)
                #expect(errorOf(response)?.message == "'Northwind Bank' has no responses in wave '2030-Q1' (its waves: 2025-Q4, 2026-Q1)")
            }
        }
    }

    @Test func comparisonAndTrendGoThroughTheCLIBuilders() async throws {
        let fixture = try ServerFixture()
        let store = try fixture.store()
        let comparison = try renderedComparison(
            makeComparison(store: store, wave: "2026-Q1", organisation: ServerFixture.home, by: .team, pairs: false, minGroup: 5), as: .json)
        let trend = try renderedTrend(makeTrend(store: store, organisation: ServerFixture.home, minGroup: 5), as: .json)
        try await fixture.application().test(.router) { client in
            let base = "/v1/organisations/\(segment(ServerFixture.home))"
            try await client.execute(uri: base + "/waves/2026-Q1/comparison?by=team", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == comparison)
            }
            try await client.execute(uri: base + "/trend", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == trend)
            }
            try await client.execute(uri: base + "/waves/2026-Q1/comparison?by=colour", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(errorOf(response)?.message == "by: 'colour' (expected division, team or role)")
            }
            try await client.execute(uri: base + "/trend?from=2026-Q1&to=2025-Q4", method: .get, headers: .bearer(fixture.viewer)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func viewersListOnlyTheirOrganisationsAndWaves() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/v1/organisations", method: .get, headers: .bearer(fixture.viewer)) { response in
                let names = try #require(try json(response) as? [[String: Any]]).compactMap { $0["name"] as? String }
                #expect(names == [ServerFixture.home])
            }
            try await client.execute(uri: "/v1/organisations", method: .get, headers: .bearer(fixture.admin)) { response in
                let names = try #require(try json(response) as? [[String: Any]]).compactMap { $0["name"] as? String }
                #expect(Set(names) == [ServerFixture.home, ServerFixture.other])
            }
            var viewerCount = 0
            var adminCount = 0
            try await client.execute(uri: "/v1/waves", method: .get, headers: .bearer(fixture.viewer)) { response in
                let waves = try #require(try json(response) as? [[String: Any]])
                #expect(waves.compactMap { $0["label"] as? String } == ["2025-Q4", "2026-Q1"])
                viewerCount = waves.compactMap { $0["responses"] as? Int }.reduce(0, +)
            }
            try await client.execute(uri: "/v1/waves", method: .get, headers: .bearer(fixture.admin)) { response in
                adminCount = try #require(try json(response) as? [[String: Any]]).compactMap { $0["responses"] as? Int }.reduce(0, +)
            }
            // The viewer's counts are its own organisation's, not the whole store's.
            #expect(adminCount == 300)
            #expect(viewerCount > 0 && viewerCount < adminCount)
        }
    }
}
