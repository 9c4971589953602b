import ArgumentParser
import SurveyCore
import SurveyKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a realistic dataset for the embedded instrument and write it to disk (reports follow as they land).")

    @Option(help: "The folder to write into.")
    var out: String = "Reports/demo"

    func run() throws {
        let report = try runDemo(directory: out)
        for line in report.lines { print(line) }
    }
}
