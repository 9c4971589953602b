import ArgumentParser
import SurveyCore
import SurveyKit

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic synthetic export (generic CSV) for a survey; the same seed gives the same bytes.")

    @Option(help: "The survey: ID or ID@VERSION.")
    var survey: String = SurveyCatalog.defaultSurveyID

    @Option(help: "How many responses to write, over all waves.")
    var responses: Int = 1_000

    @Option(name: .customLong("orgs"), help: "How many organisations.")
    var organisations: Int = 3

    @Option(help: "Comma-separated wave labels, e.g. 2025-Q4,2026-Q1.")
    var waves: String = "2026-Q1"

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "Name item columns by 'ids' or by 'texts'.")
    var header: HeaderStyleArgument = .ids

    @Option(help: "The file to write (default: standard output).")
    var out: String?

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        for label in waves.split(separator: ",") where Quarter(String(label).trimmingCharacters(in: .whitespaces)) == nil {
            throw ValidationError("'\(label)' is not a wave label (expected YYYY-Qn, e.g. 2026-Q1)")
        }
    }

    func run() throws {
        let definition = try catalogOptions.survey(survey)
        let quarters = waves.split(separator: ",").compactMap { Quarter(String($0).trimmingCharacters(in: .whitespaces)) }
        let options = ExportOptions(responses: responses, organisations: organisations, waves: quarters, seed: seed,
                                    header: header.style)
        try runUseCase { try generateExport(survey: definition, options: options, to: out) }
        if let out { printError("wrote \(responses) responses to \(out)") }
    }
}

enum HeaderStyleArgument: String, ExpressibleByArgument, CaseIterable {
    case ids, texts

    var style: ExportOptions.HeaderStyle { self == .ids ? .ids : .texts }
}
