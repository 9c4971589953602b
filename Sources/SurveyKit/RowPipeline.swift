import Foundation
import SurveyCollector
import SurveyCore

/// Reads and checks an export's rows on a thread of its own and hands them over in chunks, so
/// parsing and validation overlap with SQLite's inserts on the other core.
///
/// At most `capacity` chunks wait at any time, so memory stays bounded however large the file.
final class RowPipeline: @unchecked Sendable {
    enum Item {
        case response(ResponseRow)
        case rejected([Diagnostic], fields: [String])
    }

    struct Chunk {
        var items: [Item] = []
        /// How much of the file had been read after this chunk.
        var fraction = 0.0
        var isLast = false
    }

    private let reader: ResponseReader
    private let condition = NSCondition()
    private var queue: [Result<Chunk, DiagnosticList>] = []
    private var cancelled = false
    private let capacity = 8
    private let chunkSize = 2048

    init(reader: ResponseReader) {
        self.reader = reader
    }

    func start() {
        _ = BackgroundWork { [self] in produce() }
    }

    /// Stops the reading thread (after an error or interruption on the storing side).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk; the last one has `isLast`.
    /// - Throws: ``DiagnosticList`` for problems that stop the whole file.
    func next() throws -> Chunk {
        condition.lock()
        while queue.isEmpty { condition.wait() }
        let first = queue.removeFirst()
        condition.broadcast()
        condition.unlock()
        return try first.get()
    }

    private func produce() {
        var row = ResponseRow()
        while true {
            var chunk = Chunk()
            chunk.items.reserveCapacity(chunkSize)
            let outcome: Result<Chunk, DiagnosticList>
            do {
                while chunk.items.count < chunkSize {
                    switch try reader.next(into: &row) {
                    case .response: chunk.items.append(.response(row))
                    case .rejected(let diagnostics, let fields): chunk.items.append(.rejected(diagnostics, fields: fields))
                    case .end: chunk.isLast = true
                    }
                    if chunk.isLast { break }
                }
                chunk.fraction = reader.fractionRead
                outcome = .success(chunk)
            } catch let list as DiagnosticList {
                outcome = .failure(list)
            } catch {
                outcome = .failure(DiagnosticList([Diagnostic(.error, "cannot read '\(reader.file)'")]))
            }
            condition.lock()
            while queue.count >= capacity, !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            queue.append(outcome)
            condition.broadcast()
            condition.unlock()
            if case .failure = outcome { return }
            if chunk.isLast { return }
        }
    }
}
