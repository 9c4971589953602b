import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

struct MappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "Draft and check mapping files, which read exports written in your questionnaire's own words.",
        discussion: "The format is described in Surveys/MAPPINGS.md.",
        subcommands: [Suggest.self, Validate.self])

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft a mapping by matching an export's column headings to the survey's item texts.",
            discussion: """
                Each column is matched exactly, then ignoring HTML, punctuation and numbering such as \
                'Q3.', then by similarity; the draft gives each match's method and confidence, lists the \
                columns left unmapped and puts the items without a column under not_asked. Check it, \
                then import with --mapping. Exit codes: 0 done, 65 bad data, 66 missing file, 73 the \
                output exists (give --force).
                """)

        @Argument(help: "The export (CSV, or .xlsx).")
        var export: String

        @Option(help: "The survey to map to: ID or ID@VERSION.")
        var survey: String = SurveyCatalog.defaultSurveyID

        @Option(help: "The export format: auto (detect from the header), \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: String = "auto"

        @Option(help: "Write the mapping to this file and print a summary (default: print the mapping).")
        var out: String?

        @Flag(help: "Overwrite --out if it exists.")
        var force = false

        @OptionGroup var catalogOptions: CatalogOptions

        func validate() throws {
            try usageCheck { _ = try parseExportFormat(format) }
        }

        func run() throws {
            let definition = try catalogOptions.survey(survey)
            let suggestion = try runUseCase { try suggestMapping(for: export, survey: definition, format: try parseExportFormat(format)) }
            let yaml = suggestion.yaml(export: export)
            guard let out else {
                print(yaml, terminator: "")
                printError(Self.summary(suggestion))
                return
            }
            try runUseCase { try writeMapping(yaml, to: out, overwrite: force) }
            print(Self.summary(suggestion))
            print("wrote \(out): check it, then run 'opmodel import \(export) --mapping \(out)'")
        }

        /// The table of matches, then what was left over.
        static func summary(_ suggestion: MappingSuggestion) -> String {
            let rows = suggestion.entries.map { entry -> [String] in
                let target = switch entry.target {
                case .item(let id, let option): option.map { "\(id) [\($0)]" } ?? id
                case .attribute(let kind): "attribute \(kind.rawValue)"
                case .field(let field): "field \(field.rawValue)"
                case .ignore: "ignored"
                }
                return [entry.column, target, entry.method.rawValue, String(format: "%.2f", entry.confidence)]
            }
            let width = [40, 36, 10]
            func clip(_ text: String, _ limit: Int) -> String {
                let single = text.replacingOccurrences(of: "\n", with: " ")
                let clipped = single.count > limit ? String(single.prefix(limit - 1)) + "…" : single
                return clipped.padding(toLength: limit, withPad: " ", startingAt: 0)
            }
            var lines = [clip("column", width[0]) + "  " + clip("maps to", width[1]) + "  " + clip("method", width[2]) + "  confidence"]
            for row in rows {
                lines.append(clip(row[0], width[0]) + "  " + clip(row[1], width[1]) + "  " + clip(row[2], width[2]) + "  " + row[3])
            }
            let matched = suggestion.entries.filter { if case .item = $0.target { true } else { false } }.count
            lines.append("\(matched) question columns mapped, \(suggestion.unmapped.count) unmapped, format \(suggestion.format.rawValue)")
            if !suggestion.unmapped.isEmpty {
                lines.append("unmapped columns: " + suggestion.unmapped.map { "'\($0)'" }.joined(separator: ", "))
            }
            if !suggestion.notAsked.isEmpty {
                lines.append("items without a column (listed under not_asked): " + suggestion.notAsked.joined(separator: ", "))
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check mapping files against the surveys they name and report every problem as FILE:LINE:COLUMN.")

        @Argument(help: "The mapping files to check.")
        var files: [String]

        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let catalog = catalogOptions.catalog()
            var failed = false
            for file in files {
                do {
                    let loaded = try catalog.loadMapping(path: file)
                    let notAsked = loaded.mapping.notAsked.count
                    print("\(file): ok: \(loaded.mapping.columns.count) columns for \(loaded.survey.reference), \(notAsked) item\(notAsked == 1 ? "" : "s") not asked")
                } catch let list as DiagnosticList {
                    printError(list.rendered(in: commandLineWords))
                    failed = true
                }
            }
            if failed { throw exitStatus(for: .invalidMapping) }
        }
    }
}
