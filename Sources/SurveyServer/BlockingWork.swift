import Dispatch

/// Runs blocking work (SQLite reads, scoring, imports, upload writes) off the NIO event loops and the
/// Swift concurrency pool, so a scorecard that takes seconds never stalls other requests.
enum BlockingWork {
    /// For reads: many at once.
    static let reads = DispatchQueue(label: "opmodel.server.reads", qos: .userInitiated, attributes: .concurrent)
    /// For imports and undos: one at a time, in arrival order, so two uploads of the same
    /// file at once store it once (the second finds every response already stored).
    static let writes = DispatchQueue(label: "opmodel.server.writes", qos: .userInitiated)
    /// For writing uploads to their spool files: each upload awaits its own writes in order.
    static let files = DispatchQueue(label: "opmodel.server.files", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(on queue: DispatchQueue, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
