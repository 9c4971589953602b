import ArgumentParser
import Foundation
import SurveyCore
import SurveyKit

struct ImportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imports",
        abstract: "List import batches, or undo one.",
        subcommands: [List.self, Undo.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every import batch with its counts.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let batches = try runUseCase { try listImportBatches(in: store) }
            if batches.isEmpty { print("no imports yet (see 'opmodel import --help')") }
            for batch in batches {
                print("\(batch.id)\t\(batch.startedAt)\t\(batch.fileName)\t\(batch.survey)\twaves \(batch.waves)\t\(batch.rowsRead) read, \(batch.imported) imported, \(batch.duplicates) already stored, \(batch.conflicts) conflicts, \(batch.rejected) rejected\t\(batch.storedResponses) stored now\tsha256 \(batch.sha256.prefix(12))\topmodel \(batch.toolVersion)")
            }
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove one import batch and every response it stored.")
        @Argument(help: "The batch id (see 'opmodel imports').")
        var id: Int64
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let removed = try runUseCase { try undoImportBatch(id, in: store) }
            print("removed batch \(id) and its \(removed) responses")
        }
    }
}

struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "List organisations, divisions and teams, or rename one.",
        subcommands: [List.self, Rename.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List units with their response counts.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            for unit in try runUseCase({ try listUnits(in: store) }) {
                print("\(unit.path)\t\(unit.level)\t\(unit.responses) responses")
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a unit, e.g. a division renamed between waves; merges into the new name if it exists.")
        @Option(help: "The organisation.")
        var org: String
        @Option(help: "The division (omit to rename the organisation).")
        var division: String?
        @Option(help: "The team (needs --division).")
        var team: String?
        @Argument(help: "The new name.")
        var newName: String
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if team != nil, division == nil { throw ValidationError("--team needs --division") }
            if newName.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the new name must not be empty") }
        }

        func run() throws {
            let path = [org, division, team].compactMap { $0 }
            let store = try storeOptions.open()
            print(try runUseCase { try renameUnit(path: path, to: newName, in: store) })
        }
    }
}

struct WavesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "waves", abstract: "List waves in the order of their first response.")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        for wave in try runUseCase({ try listWaves(in: store) }) {
            let first = wave.firstResponseAt.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0))) } ?? "-"
            print("\(wave.label)\t\(wave.survey)\t\(wave.responses) responses\tfirst \(first)")
        }
    }
}
