import ArgumentParser
import SurveyCore
import SurveyKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate 4 waves for 3 organisations, import them into a fresh store and write the latest wave's reports.")

    @Option(help: "The folder to write into; its demo store is made afresh.")
    var out: String = "Reports/demo"

    func run() throws {
        for line in try runUseCase({ try runDemo(directory: out) }).lines { print(line) }
    }
}
