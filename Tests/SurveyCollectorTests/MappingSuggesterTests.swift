import Foundation
import SurveyCore
import SurveyDefinition
import SurveyTestSupport
import Testing
@testable import SurveyCollector

/// `opmodel mapping suggest`'s matching, on exports written in a questionnaire's own words.
struct MappingSuggesterTests {
    /// A LimeSurvey-style export (full-text headings) of the pilot survey, in the user's words.
    static let header = [
        "id", "submitdate", "lastpage", "Division", "Role",
        "Q1. I can name the metric my team is moving",
        "2 - This quarter my team was handed features with no problem stated",
        "<p>When did you <b>last</b> talk to a customer?</p>",
        "Which training did you have? [Certification]",
        "Which training did you have? [Customer research]",
        "Which training did you have? [None]",
        "Hours a week spent in recurring meetings",
        "Anything else to add?",
        "Favourite colour",
    ]

    static func suggest(_ header: [String], format: ExportFormat? = nil) throws -> MappingSuggestion {
        let csv = header.map { CSVWriter.escape($0) }.joined(separator: ",") + "\n"
        return try MappingSuggester.suggest(file: "export.csv", data: Data(csv.utf8), survey: SurveyFixtures.minimal(), format: format)
    }

    static func describe(_ entry: MappingSuggestion.Entry) -> String {
        let target = switch entry.target {
        case .item(let id, let option): id + (option.map { "[\($0)]" } ?? "")
        case .attribute(let kind): "attribute \(kind.rawValue)"
        case .field(let field): "field \(field.rawValue)"
        case .ignore: "ignore"
        }
        return "\(entry.column) -> \(target) \(entry.method.rawValue) \(String(format: "%.2f", entry.confidence))"
    }

    @Test func matchesExactlyThenNormalisedThenFuzzily() throws {
        // Read as generic: `id`, `submitdate` and `lastpage` would otherwise make it a LimeSurvey export.
        let suggestion = try Self.suggest(Self.header, format: .generic)
        #expect(suggestion.format == .generic)
        #expect(suggestion.entries.map(Self.describe) == [
            "id -> field response_id metadata 1.00",
            "submitdate -> field submitted_at metadata 1.00",
            "Division -> attribute division metadata 1.00",
            "Role -> attribute role metadata 1.00",
            "Q1. I can name the metric my team is moving -> metric normalised 0.95",
            "2 - This quarter my team was handed features with no problem stated -> no_problem normalised 0.95",
            "<p>When did you <b>last</b> talk to a customer?</p> -> contact normalised 0.95",
            "Which training did you have? [Certification] -> training[certification] exact 1.00",
            "Which training did you have? [Customer research] -> training[research] exact 1.00",
            "Which training did you have? [None] -> training[none] exact 1.00",
            "Hours a week spent in recurring meetings -> meetings fuzzy 0.92",
            "Anything else to add? -> remarks fuzzy 0.86",
        ])
        #expect(suggestion.unmapped == ["lastpage", "Favourite colour"])
        #expect(suggestion.notAsked == ["interviews"])
    }

    @Test func anItemGoesToItsBestColumnOnly() throws {
        let suggestion = try Self.suggest(["response_id", "Can you name the metric your team moves?", "I can name the metric my team is moving."])
        #expect(suggestion.entries.map(Self.describe) == [
            "response_id -> field response_id metadata 1.00",
            "I can name the metric my team is moving. -> metric exact 1.00",
        ])
        #expect(suggestion.unmapped == ["Can you name the metric your team moves?"])
    }

    @Test func aRepeatedHeadingIsListedOnce() throws {
        let suggestion = try Self.suggest(["response_id", "Anything else?", "Anything else?", "Hours a week in recurring meetings"])
        #expect(suggestion.entries.map(Self.describe) == [
            "response_id -> field response_id metadata 1.00",
            "Anything else? -> remarks exact 1.00",
            "Hours a week in recurring meetings -> meetings exact 1.00",
        ])
        #expect(suggestion.unmapped == ["Anything else?"])
    }

    @Test func spreadOptionsOfAPlatformMapOneByOne() throws {
        // SurveyMonkey: the question over its first column, option labels in row 2.
        let csv = """
            Respondent ID,End Date,Which trainings have you had?,,
            ,,Certification,Customer Research,Other (please specify)
            1,06/01/2026 10:00:00,Certification,,

            """
        let suggestion = try MappingSuggester.suggest(file: "monkey.csv", data: Data(csv.utf8), survey: SurveyFixtures.minimal())
        #expect(suggestion.format == .surveyMonkey)
        #expect(suggestion.entries.map(Self.describe) == [
            "Respondent ID -> field response_id metadata 1.00",
            "End Date -> field submitted_at metadata 1.00",
            "Which trainings have you had? - Certification -> training[certification] fuzzy 0.77",
            "Which trainings have you had? - Customer Research -> training[research] fuzzy 0.77",
        ])
        #expect(suggestion.unmapped == ["Which trainings have you had? - Other (please specify)"])
    }

    @Test func findsAnswerTextsTheLabelsDoNotReadAndGuessesThem() throws {
        let csv = """
            response_id,I can name the metric my team is moving.,When did you last talk to a customer?,Which training did you have?
            1,A4,Never,Certification
            2,Totally agree,A2,None
            3,Agree,This week,Certification
            4,Can't say,Last week,
            5,Somewhat disagree,Zzz,
            6,A4,Never,

            """
        let suggestion = try MappingSuggester.suggest(file: "e.csv", data: Data(csv.utf8), survey: SurveyFixtures.minimal())
        func answers(_ id: String) -> [String] {
            let entry = suggestion.entries.first { $0.target == .item(id: id, option: nil) }
            return (entry?.answers ?? []).map { answer in
                let value = switch answer.value {
                case .point(let point)?: String(point)
                case .option(let option)?: option
                case .missing?: "missing"
                case nil: "?"
                }
                return "\(answer.text) -> \(value) (\(answer.reason))"
            }
        }
        #expect(answers("metric") == [
            "A4 -> 4 (code 4)",
            "Totally agree -> 5 (like 'Strongly agree')",
            "Can't say -> missing (no answer)",
            "Somewhat disagree -> 2 (like 'Disagree', 0.77)",
        ])
        #expect(answers("contact") == [
            "A2 -> quarter (code 2)",
            "Last week -> week (like 'This week', 0.77)",
            "Zzz -> ? (nothing fits)",
        ])
        // Multi items are left to their option labels.
        #expect(answers("training") == [])
    }

    @Test(arguments: [
        ("Q3. The goal is clear", "the goal is  clear"),
        ("<b>The goal</b> is clear", "The goal is clear"),
        ("4 - The goal is clear", "(4) The goal is clear"),
        ("Q12_3 The goal is clear", "The goal is clear"),
    ])
    func wordingIgnoresNumberingHTMLCaseAndSpacing(_ a: String, _ b: String) {
        #expect(HeaderText.wordingKey(a) == HeaderText.wordingKey(b))
    }

    @Test(arguments: [
        ("The goal is clear", "The goal is clear to me"),
        ("3.5 hours", "5 hours"),
        ("Quarterly goals", "goals"),
    ])
    func wordingKeepsRealDifferences(_ a: String, _ b: String) {
        #expect(HeaderText.wordingKey(a) != HeaderText.wordingKey(b))
    }
}
