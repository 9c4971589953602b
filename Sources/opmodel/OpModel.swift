import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

@main
struct OpModel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opmodel",
        abstract: "Measure how mature an organisation's product operating model is, quarter by quarter.",
        discussion: "Start with 'opmodel demo'. Survey definitions live in Surveys/ (or --surveys DIR).",
        version: OpModelVersion.current,
        subcommands: [DemoCommand.self, ImportCommand.self, ReportCommand.self, BatchCommand.self, ImportsCommand.self, WavesCommand.self, UnitsCommand.self, HeadcountCommand.self, CompareCommand.self, TrendCommand.self, SurveyCommand.self, MappingCommand.self, GenerateCommand.self, ServeCommand.self, TokensCommand.self])
}

/// Options shared by commands that read survey definitions.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("surveys"), help: "The folder of survey definitions (default: $OPMODEL_SURVEYS or Surveys).")
    var directory: String?

    func catalog() -> SurveyCatalog {
        SurveyCatalog(directory: directory ?? SurveyCatalog.defaultDirectory)
    }

    /// The survey a reference names; otherwise prints why and exits with 66.
    func survey(_ reference: String) throws -> Survey {
        try runUseCase { try catalog().survey(reference) }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Exit codes from sysexits.h, as the issue tracker and scripts expect them.
enum ExitStatus {
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let ioError = ExitCode(74)
    static let outputExists = ExitCode(73)
    static let interrupted = ExitCode(130)
    static let software = ExitCode(70)
}
