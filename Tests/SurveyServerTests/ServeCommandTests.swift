import Foundation
import SurveyTestSupport
import Testing

/// `opmodel tokens` and `opmodel serve` as a user runs them.
struct ServeCommandTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try SurveyFixtures.opmodelExecutable()
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test func tokensAddListRevokeAndServeStopsOnSIGTERM() async throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let tokens = directory.appendingPathComponent("tokens.json").path
        let added = try run(["tokens", "add", "--role", "viewer", "--org", "Acme", "--tokens", tokens])
        #expect(added.status == 0)
        let secret = added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("opm_") && secret.count == 68)
        let id = try #require(added.err.split(separator: " ").dropFirst(3).first.map(String.init))
        #expect(added.err == "added viewer token \(id) to \(tokens); its secret is shown only now:\n")
        #expect(try !String(contentsOfFile: tokens, encoding: .utf8).contains(secret))
        let listed = try run(["tokens", "list", "--tokens", tokens])
        #expect(listed.out.hasPrefix("\(id)\tviewer\tAcme\tcreated "))
        #expect(listed.out.contains("\tvalid\t"))
        let refused = try run(["tokens", "add", "--role", "viewer", "--tokens", tokens])
        #expect(refused.status == 65)
        #expect(refused.err == "error: a viewer token needs at least one organisation (--org NAME)\n")
        #expect(try run(["tokens", "revoke", id, "--tokens", tokens]).out == "revoked token \(id)\n")
        #expect(try run(["tokens", "list", "--tokens", tokens]).out.contains("\trevoked "))

        let server = try ServedProcess(arguments: ["--db", directory.appendingPathComponent("store.sqlite").path, "--tokens", tokens,
                                                   "--surveys", directory.path])
        let connection = try RawConnection(port: server.port)
        connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        let (response, _) = connection.readUntilClosed(timeout: 30)
        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(try await server.stop() == 0)
    }

    @Test func serveNamesAStoreItCannotOpenInsteadOfBlamingThePort() throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let notAStore = directory.appendingPathComponent("notes.sqlite").path
        try Data("these are not the droids you are looking for\n".utf8).write(to: URL(fileURLWithPath: notAStore))
        let served = try run(["serve", "--db", notAStore, "--port", "0", "--tokens", directory.appendingPathComponent("t.json").path])
        #expect(served.status == 74)
        #expect(served.err.contains("error: cannot open the store '\(notAStore)'"), "\(served.err)")
        #expect(!served.err.contains("cannot listen"))
    }
}
