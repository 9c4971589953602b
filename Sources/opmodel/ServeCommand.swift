import ArgumentParser
import Foundation
import Logging
import SurveyCore
import SurveyKit
import SurveyServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve imports, scorecards, comparisons and trends over HTTP, with per-organisation tokens.",
        discussion: """
            Every /v1 endpoint needs 'Authorization: Bearer TOKEN' (see 'opmodel tokens add'); the \
            endpoints are described at GET /v1/openapi.yaml. Stops cleanly on SIGINT or SIGTERM.
            """)

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The tokens file (default: $OPMODEL_TOKENS or ./opmodel-tokens.json).")
    var tokens: String?

    @Option(name: .customLong("max-upload-mb"), help: "The largest upload accepted, in MiB.")
    var maxUploadMB: Int = 512

    @Option(name: .customLong("cache-entries"), help: "How many rendered scorecards to keep in memory (0 turns the cache off).")
    var cacheEntries: Int = 256

    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may stay silent, also in the middle of a request body, before it is closed.")
    var idleTimeout: Int = 30

    @OptionGroup var anonymity: AnonymityOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be in 0...65535, got \(port)") }
        if maxUploadMB < 1 { throw ValidationError("--max-upload-mb must be at least 1, got \(maxUploadMB)") }
        if cacheEntries < 0 { throw ValidationError("--cache-entries must not be negative, got \(cacheEntries)") }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout must be at least 1, got \(idleTimeout)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "opmodel.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let configuration = ServerConfiguration(
            host: host, port: port, databasePath: storeOptions.path, tokensPath: TokensOptions.path(tokens),
            surveysDirectory: catalogOptions.directory ?? SurveyCatalog.defaultDirectory, minGroup: anonymity.minGroup,
            maxUploadBytes: maxUploadMB * 1024 * 1024, cacheEntries: cacheEntries, idleTimeoutSeconds: idleTimeout)
        let host = host
        let tokensPath = configuration.tokensPath
        if let file = try? TokenFile(path: tokensPath), file.tokens.allSatisfy({ $0.revoked != nil }) {
            printError("warning: no valid tokens in \(tokensPath); every /v1 request will be refused (see 'opmodel tokens add --help')")
        }
        Interruption.unblockSignals()
        do {
            try await runServer(configuration, logger: logger) { port in
                printError("opmodel serve: listening on http://\(host):\(port) (Ctrl-C stops)")
            }
        } catch let error as UserError {
            printError(commandLineText(error))
            throw exitStatus(for: error.code)
        } catch {
            // What remains is the network: the address is taken or cannot be bound.
            printError("error: cannot listen on \(host):\(port) (is another server using the port, or is the address not this machine's?)")
            throw ExitStatus.ioError
        }
    }
}

/// `--tokens FILE`, shared by `serve` and `tokens`.
enum TokensOptions {
    static func path(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["OPMODEL_TOKENS"] ?? "opmodel-tokens.json"
    }
}

struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Add, list or revoke the access tokens of 'opmodel serve'.",
        discussion: "The file keeps only SHA-256 hashes of the secrets (mode 0600); a running server rereads it, so a revoked token stops working at once.",
        subcommands: [Add.self, List.self, Revoke.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token and print its secret, once.")

        @Option(help: "admin (imports, undoes, reads all) or viewer (reads its organisations).")
        var role: TokenRole

        @Option(name: .customLong("org"), help: "An organisation a viewer may read; repeat for several.")
        var organisations: [String] = []

        @Option(help: "A note on who holds the token.")
        var label: String?

        @Option(help: "The tokens file (default: $OPMODEL_TOKENS or ./opmodel-tokens.json).")
        var tokens: String?

        func run() throws {
            try runUseCase {
                var file = try TokenFile(path: TokensOptions.path(tokens))
                let (secret, token) = try file.add(role: role, organisations: organisations, label: label)
                printError("added \(token.role.rawValue) token \(token.id) to \(file.path); its secret is shown only now:")
                print(secret)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, role, organisations, created, revoked.")

        @Option(help: "The tokens file (default: $OPMODEL_TOKENS or ./opmodel-tokens.json).")
        var tokens: String?

        func run() throws {
            try runUseCase {
                let file = try TokenFile(path: TokensOptions.path(tokens))
                if file.tokens.isEmpty { print("no tokens in \(file.path) (see 'opmodel tokens add --help')") }
                for token in file.tokens {
                    let scope = token.role == .admin ? "all organisations" : token.organisations.joined(separator: ", ")
                    let state = token.revoked.map { "revoked \($0)" } ?? "valid"
                    print("\(token.id)\t\(token.role.rawValue)\t\(scope)\tcreated \(token.created)\t\(state)\t\(token.label ?? "")")
                }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")

        @Argument(help: "The token id (see 'opmodel tokens list').")
        var id: String

        @Option(help: "The tokens file (default: $OPMODEL_TOKENS or ./opmodel-tokens.json).")
        var tokens: String?

        func run() throws {
            try runUseCase {
                var file = try TokenFile(path: TokensOptions.path(tokens))
                try file.revoke(id: id)
                print("revoked token \(id)")
            }
        }
    }
}

extension TokenRole: ExpressibleByArgument {}


