import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

extension GroupBreakdown: ExpressibleByArgument {}
extension AnalysisFormat: ExpressibleByArgument {}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare an organisation's divisions, teams or roles on every dimension in a wave.",
        discussion: "Each group is tested against the rest of the organisation (or every pair with --pairs); a difference is called out only when its Benjamini–Hochberg adjusted p is below 0.05 and it is at least 5 points on the 0–100 scale.")

    @Option(help: "The wave, e.g. 2026-Q1 (see 'opmodel waves').")
    var wave: String

    @Option(help: "The organisation.")
    var org: String

    @Option(help: "The groups: division, team or role.")
    var by: GroupBreakdown = .division

    @Flag(help: "Compare every pair of groups instead of each group with the rest of the organisation.")
    var pairs = false

    @Option(help: "text, md, json, csv or html.")
    var format: AnalysisFormat = .text

    @OptionGroup var anonymity: AnonymityOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let text = try runUseCase {
            try renderedComparison(try makeComparison(store: store, wave: wave, organisation: org, by: by, pairs: pairs,
                                                      minGroup: anonymity.minGroup), as: format)
        }
        print(text, terminator: "")
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Show an organisation's (or a unit's) dimension scores wave by wave, with tested changes.",
        discussion: "A change is computed on the items both waves share and marked improved or declined only when its Benjamini–Hochberg adjusted p is below 0.05 and it is at least 5 points on the 0–100 scale.")

    @Option(help: "The organisation.")
    var org: String

    @Option(help: "A division or team below the organisation, e.g. 'Retail' or 'Retail/Blue' (default: the organisation).")
    var unit: String?

    @Option(help: "The first wave shown (default: the first).")
    var from: String?

    @Option(help: "The last wave shown (default: the latest).")
    var to: String?

    @Option(help: "text, md, json or csv.")
    var format: AnalysisFormat = .text

    @OptionGroup var anonymity: AnonymityOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if format == .html { throw ValidationError("--format html is not available for trend; use text, md, json or csv") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let text = try runUseCase {
            try renderedTrend(try makeTrend(store: store, organisation: org, unit: unit, from: from, to: to, minGroup: anonymity.minGroup),
                              as: format)
        }
        print(text, terminator: "")
    }
}
