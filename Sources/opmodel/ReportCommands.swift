import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

/// `--min-group`, shared by every command that shows figures.
struct AnonymityOptions: ParsableArguments {
    @Option(name: .customLong("min-group"), help: "Hide groups smaller than this (at least 3).")
    var minGroup: Int = 5

    func validate() throws {
        if minGroup < 3 { throw ValidationError("--min-group must be at least 3, got \(minGroup)") }
    }
}

extension ReportFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the maturity scorecard of one organisation (or each) for a wave.")

    @Option(help: "The wave, e.g. 2026-Q1 (see 'opmodel waves').")
    var wave: String

    @Option(help: "The organisation (default: every organisation in the wave).")
    var org: String?

    @Option(help: "html, md, json or csv.")
    var format: ReportFormat = .html

    @Option(help: "The folder to write into.")
    var out: String = "Reports"

    @OptionGroup var anonymity: AnonymityOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let written = try runUseCase {
            try writeReports(store: store, wave: wave, organisation: org, formats: [format], directory: out,
                             minGroup: anonymity.minGroup, index: false)
        }
        written.files.forEach { print($0) }
    }
}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Write every organisation's scorecard for a wave in every format, with an index.html.")

    @Option(help: "The wave, e.g. 2026-Q1.")
    var wave: String

    @Option(help: "The folder to write into (default: Reports/WAVE).")
    var out: String?

    @OptionGroup var anonymity: AnonymityOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let written = try runUseCase {
            try writeReports(store: store, wave: wave, organisation: nil, formats: ReportFormat.allCases,
                             directory: out ?? "Reports/\(wave)", minGroup: anonymity.minGroup, index: true)
        }
        print("wrote \(written.files.count) reports; open \(written.index ?? "")")
    }
}

struct HeadcountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headcount",
        abstract: "Record headcounts per unit and wave, for response rates.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a CSV with organisation, division, team, wave, headcount columns.")

        @Argument(help: "The headcount CSV.")
        var file: String

        @Option(help: "The survey id the waves belong to.")
        var survey: String = SurveyCatalog.defaultSurveyID

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let count = try runUseCase { try importHeadcounts(file: file, surveyID: survey, into: store) }
            print("\(file): stored \(count) headcounts")
        }
    }
}
