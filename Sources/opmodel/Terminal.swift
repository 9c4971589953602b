import Foundation
import SurveyCore
import SurveyKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    let isActive = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    func update(file: String, rows: Int, fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(rows) / elapsed : 0
        let eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : 0
        let width = 24
        let filled = Int(Double(width) * min(1, fraction))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = String(format: "\r[%@] %3.0f%%  %d rows  %.0f rows/s  ETA %.0f s  %@", bar, fraction * 100, rows, rate, eta, (file as NSString).lastPathComponent)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        guard isActive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The cancellation of the one operation this process runs; a signal handler can reach only
/// a global, so the command line keeps it here and passes it into its request.
let commandCancellation = Cancellation()

/// SIGINT and SIGTERM cancel the command's operation; an import rolls back the current file.
enum Interruption {
    /// Makes SIGINT and SIGTERM cancel ``commandCancellation``.
    static func install() {
        signal(SIGINT) { _ in commandCancellation.cancel() }
        signal(SIGTERM) { _ in commandCancellation.cancel() }
        unblockSignals()
    }

    /// A parent may have started us with SIGINT and SIGTERM blocked (spawned from a thread that
    /// blocks them); without this Ctrl-C would be held back until an import had committed, and
    /// `serve` would never see its stop signal.
    static func unblockSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
