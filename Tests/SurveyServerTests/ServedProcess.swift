import Foundation
import SurveyTestSupport
import Testing

/// `opmodel serve` run as a user runs it: a process of its own on a port the system picks,
/// reached only over raw sockets, stopped with SIGTERM.
final class ServedProcess {
    let process = Process()
    let port: Int

    /// Starts the server and waits (up to 60 seconds, for a loaded machine) for its
    /// "listening on" line.
    init(arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try SurveyFixtures.opmodelExecutable()
        process.arguments = ["serve", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(60)
        while port == nil, process.isRunning, Date() < deadline {
            text += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber })
            }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw ServedProcessError.didNotStart(text)
        }
        self.port = port
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Sends SIGTERM and waits (up to 30 seconds) for the process to end; its exit status, or
    /// nil when it is still running.
    func stop() async throws -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }
}

enum ServedProcessError: Error, CustomStringConvertible {
    case didNotStart(String)

    var description: String {
        switch self {
        case .didNotStart(let output): "opmodel serve did not report its port; it printed: \(output)"
        }
    }
}
