import Foundation
import Synchronization
import SurveyCore

/// Asks one operation to stop: the import rolls back the file it is on and stores nothing of it.
///
/// Each operation gets its own, so the service can cancel one upload (its client went away)
/// while others go on; the command line cancels its one import from its signal handler.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A cancellation that has not been asked for.
    public init() {}

    /// Asks the operation to stop. Safe from any thread and from a signal handler.
    public func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    /// Whether stopping was asked for.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Work that blocks (reading a file, hashing it) on a thread of its own, started at once and
/// awaited by the one thread that needs its result. The one way SurveyKit runs background work.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before it signals, read only after the wait.
    private var outcome: Result<Value, any Error>?

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            outcome = Result { try body() }
            done.signal()
        }
    }

    /// Waits for the work and returns its value or throws its error.
    func value() throws -> Value {
        done.wait()
        done.signal()
        guard let outcome else { throw UserError(.storeFailure, "background work ended without a result") }
        return try outcome.get()
    }
}
