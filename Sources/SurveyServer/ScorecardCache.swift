import Foundation

/// Rendered scorecards (response bodies, served without a copy), keyed by what was asked and the store revision they were made from.
///
/// An import, undo or rename changes the revision, so an entry can never be served stale;
/// the least recently used entries go first once the cache is full. Requests for a scorecard
/// that is being computed wait for that one computation instead of starting their own (a
/// scorecard of a million responses takes seconds; sixteen at once would take sixteen times
/// as long on two cores).
final class ScorecardCache<Body: Sendable>: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        var organisationID: Int64
        var wave: String
        var format: String
        var minGroup: Int
        var revision: Int64
    }

    let capacity: Int
    // Guards everything below; also what waiters for an in-flight key sleep on.
    private let condition = NSCondition()
    private var entries: [Key: (body: Body, used: UInt64)] = [:]
    private var inFlight: Set<Key> = []
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cached body for `key`, or the one `compute` makes (stored for the next request).
    ///
    /// Blocks while another thread computes the same key; call it off the event loops.
    func value(for key: Key, orCompute compute: () throws -> Body) throws -> Body {
        guard capacity > 0 else { return try compute() }
        condition.lock()
        while true {
            if let entry = entries[key] {
                clock += 1
                entries[key] = (entry.body, clock)
                condition.unlock()
                return entry.body
            }
            if !inFlight.contains(key) { break }
            condition.wait()
        }
        inFlight.insert(key)
        condition.unlock()
        var computed: Body?
        defer {
            condition.lock()
            inFlight.remove(key)
            if let computed { insert(computed, for: key) }
            condition.broadcast()
            condition.unlock()
        }
        let body = try compute()
        computed = body
        return body
    }

    /// Must hold the lock.
    private func insert(_ body: Body, for key: Key) {
        // A scorecard computed before the latest change came in is already out of date;
        // entries of older revisions can never be asked for again.
        let newest = entries.keys.map(\.revision).max() ?? key.revision
        guard key.revision >= newest else { return }
        if newest < key.revision { entries.removeAll() }
        while entries.count >= capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            entries.removeValue(forKey: oldest.key)
        }
        clock += 1
        entries[key] = (body, clock)
    }

    /// How many scorecards are kept.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return entries.count
    }
}
