import ArgumentParser
import SurveyCore
import Foundation
import SurveyKit

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Check, list and show survey definitions, or draft one from a LimeSurvey structure.",
        subcommands: [Validate.self, List.self, Show.self, FromLSS.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check survey definition files and report every problem as FILE:LINE:COLUMN.")

        @Argument(help: "The YAML files to check.")
        var files: [String]

        func run() throws {
            let checks = validateSurveyFiles(files)
            var failed = false
            for check in checks {
                for diagnostic in check.diagnostics { printError(diagnostic.rendered(in: commandLineWords)) }
                if let survey = check.survey {
                    print("\(check.path): ok: \(survey.reference), \(survey.dimensions.count) dimensions, \(survey.items.count) items, \(survey.flags.count) flags")
                } else {
                    failed = true
                }
            }
            if failed { throw exitStatus(for: .invalidData) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the survey definitions that can be used.")

        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let catalog = catalogOptions.catalog()
            for problem in catalog.problems { printError(problem.rendered(in: commandLineWords)) }
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
            let survey = try catalogOptions.survey(reference)
            switch format {
            case .json: print(try surveyJSON(survey))
            case .text: print(surveySummary(survey))
            }
        }
    }

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    struct FromLSS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-lss",
            abstract: "Draft a survey definition and an export mapping from a LimeSurvey survey structure (.lss).",
            discussion: """
                Writes ID.yaml (one dimension per question group, for you to rename and rearrange) and \
                ID.mapping.yaml (every export column mapped to an item, answer codes to scale points and \
                options). Then: opmodel import EXPORT.csv --survey ID --mapping ID.mapping.yaml --org ORG --wave WAVE
                """)

        @Argument(help: "The survey structure, exported from LimeSurvey with 'Export survey structure (.lss)'.")
        var file: String

        @Option(name: .customLong("out-dir"), help: "The folder to write ID.yaml and ID.mapping.yaml in (default: the current folder).")
        var outDirectory: String?

        @Option(name: .customLong("survey-out"), help: "The survey definition file to write (instead of --out-dir).")
        var surveyOut: String?

        @Option(name: .customLong("mapping-out"), help: "The mapping file to write (instead of --out-dir).")
        var mappingOut: String?

        @Option(help: "The survey id (default: derived from the survey's title).")
        var id: String?

        @Option(help: "The headings of the exports the mapping is for: code (LimeSurvey's default) or full (question texts).")
        var headings: HeadingsArgument = .code

        @Flag(help: "Overwrite existing files.")
        var force = false

        func validate() throws {
            if outDirectory != nil, surveyOut != nil || mappingOut != nil {
                throw ValidationError("give either --out-dir or --survey-out and --mapping-out")
            }
            if (surveyOut == nil) != (mappingOut == nil) {
                throw ValidationError("--survey-out and --mapping-out go together")
            }
            if let id, id.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
                throw ValidationError("'\(id)' is not a survey id (expected lowercase letters, digits and '_', starting with a letter)")
            }
        }

        func run() throws {
            try runUseCase {
                let result = try writeLimeSurveyDraft(lssPath: file, surveyID: id, headings: headings.value,
                                                      surveyPath: surveyOut, mappingPath: mappingOut,
                                                      outputDirectory: outDirectory, overwrite: force)
                let draft = result.draft
                print("survey:  \(result.surveyPath) (\(draft.surveyID)@1: \(draft.dimensionCount) dimensions, \(draft.itemCount) items; assign the dimensions)")
                print("mapping: \(result.mappingPath) (\(draft.columnCount) columns, \(headings.rawValue) headings)")
                if !draft.skipped.isEmpty { print("skipped: \(draft.skipped.joined(separator: ", "))") }
            }
        }
    }

    enum HeadingsArgument: String, ExpressibleByArgument, CaseIterable {
        case code, full

        var value: LimeSurveyHeadings { self == .code ? .code : .full }
    }
}
