import Foundation
import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

struct JSONReportRendererTests {
    private func object(_ scorecard: Scorecard = ScorecardSamples.organisation()) throws -> [String: Any] {
        let json = try JSONReportRenderer().render(scorecard)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func decodesBackIntoTheScorecard() throws {
        let scorecard = ScorecardSamples.organisation()
        let json = try JSONReportRenderer().render(scorecard)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(Scorecard.self, from: Data(json.utf8)) == scorecard)
    }

    @Test func carriesSchemaAndSnakeCaseKeys() throws {
        let root = try object()
        #expect(root["schema"] as? String == "opmodel.scorecard/1")
        #expect(Set(root.keys) == ["schema", "survey", "scale", "wave", "previous_wave", "org", "min_group", "bands", "unit", "trend", "role_gap"])
        let unit = try #require(root["unit"] as? [String: Any])
        #expect(Set(unit.keys) == ["name", "level", "path", "suppressed", "respondents", "response_rate", "overall",
                                   "dimensions", "flags", "roles", "comments", "previous", "units"])
        let dimension = try #require((unit["dimensions"] as? [[String: Any]])?.first)
        #expect(Set(dimension.keys) == ["id", "title", "n", "n_missing", "mean", "ci95", "score100", "favorable_pct",
                                        "favorable_ci95", "neutral_pct", "unfavorable_pct", "alpha", "level", "items"])
        let flag = try #require((unit["flags"] as? [[String: Any]])?.first)
        #expect(Set(flag.keys) == ["id", "title", "severity", "status", "value", "ci95", "threshold", "n", "explanation",
                                   "advice", "evidence"])
    }

    @Test func writesNullForMissingFigures() throws {
        let json = try JSONReportRenderer().render(ScorecardSamples.organisation())
        let root = try object()
        let unit = try #require(root["unit"] as? [String: Any])
        let dimensions = try #require(unit["dimensions"] as? [[String: Any]])
        let operations = try #require(dimensions.first { $0["id"] as? String == "product_ops" })
        #expect(operations["alpha"] is NSNull)
        let division = try #require((unit["units"] as? [[String: Any]])?.first)
        #expect(((division["dimensions"] as? [[String: Any]])?.first?["alpha"]) is NSNull)
        let team = try #require((division["units"] as? [[String: Any]])?.first)
        #expect(team["response_rate"] is NSNull && team["previous"] is NSNull)
        let unknown = try #require((unit["flags"] as? [[String: Any]])?.first { $0["status"] as? String == "not-enough-answers" })
        #expect(unknown["value"] is NSNull && unknown["ci95"] is NSNull)
        expectContains(json, "\"alpha\" : null")
    }

    @Test func suppressedUnitCarriesNameLevelPathOnly() throws {
        let unit = try #require(try object()["unit"] as? [String: Any])
        let hidden = try #require((unit["units"] as? [[String: Any]])?.first { $0["name"] as? String == "Field Services" })
        #expect(hidden["suppressed"] as? Bool == true)
        #expect(hidden["level"] as? String == "division")
        #expect(hidden["path"] as? [String] == ["Northwind Retail", "Field Services"])
        for key in ["respondents", "response_rate", "overall", "previous"] {
            #expect(hidden[key] is NSNull, "\(key)")
        }
        for key in ["dimensions", "flags", "roles", "comments", "units"] {
            #expect((hidden[key] as? [Any])?.isEmpty == true, "\(key)")
        }
    }
}
