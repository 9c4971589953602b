import ArgumentParser
import SurveyCore
import Foundation
import SurveyKit

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Check, list and show survey definitions.",
        subcommands: [Validate.self, List.self, Show.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check survey definition files and report every problem as FILE:LINE:COLUMN.")

        @Argument(help: "The YAML files to check.")
        var files: [String]

        func run() throws {
            let checks = validateSurveyFiles(files)
            var failed = false
            for check in checks {
                for diagnostic in check.diagnostics { printError(diagnostic.description) }
                if let survey = check.survey {
                    print("\(check.path): ok: \(survey.reference), \(survey.dimensions.count) dimensions, \(survey.items.count) items, \(survey.flags.count) flags")
                } else {
                    failed = true
                }
            }
            if failed { throw ExitStatus.dataError }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the survey definitions that can be used.")

        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let catalog = catalogOptions.catalog()
            for problem in catalog.problems { printError(problem.description) }
            for entry in catalog.entries {
                let survey = entry.survey
                print("\(survey.reference)\t\(survey.title)\t\(survey.dimensions.count) dimensions, \(survey.items.count) items\t\(entry.source)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one survey's dimensions, items, bands and flags.")

        @Argument(help: "The survey: ID for its latest version, or ID@VERSION.")
        var reference: String

        @Option(help: "Output format: text or json.")
        var format: ShowFormat = .text

        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let survey: SurveyCore.Survey
            do {
                survey = try catalogOptions.catalog().survey(reference)
            } catch {
                printError("error: \(error)")
                throw ExitStatus.noInput
            }
            switch format {
            case .json: print(try surveyJSON(survey))
            case .text: print(surveySummary(survey))
            }
        }
    }

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }
}
