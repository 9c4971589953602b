import Foundation
import Synchronization
import SurveyKit

/// What a request's token allows.
struct Access: Sendable {
    /// The token's non-secret id, for logs.
    var tokenID: String
    var role: TokenRole
    /// For viewers: the organisation names in scope.
    var organisations: [String]
}

/// Checks bearer tokens against the tokens file, rereading it when it changes, so that
/// `opmodel tokens add` and `revoke` take effect on a running server.
final class TokenAuthority: Sendable {
    private struct Snapshot {
        var modified: Date?
        var size: Int
        var tokens: [AccessToken]
    }

    let path: String
    private let snapshot: Mutex<Snapshot>

    /// Reads the tokens file.
    /// - Throws: ``UserError`` for a file that cannot be used.
    init(path: String) throws {
        self.path = path
        let (modified, size) = Self.stamp(of: path)
        snapshot = Mutex(Snapshot(modified: modified, size: size, tokens: try TokenFile(path: path).tokens))
    }

    /// The access a presented secret grants, or nil for an unknown or revoked token.
    ///
    /// The comparison is ``matchToken(secret:in:)``'s, in constant time.
    func access(for secret: String) -> Access? {
        guard let token = matchToken(secret: secret, in: currentTokens()) else { return nil }
        return Access(tokenID: token.id, role: token.role, organisations: token.organisations)
    }

    private func currentTokens() -> [AccessToken] {
        let (modified, size) = Self.stamp(of: path)
        return snapshot.withLock { current in
            if current.modified != modified || current.size != size {
                // A file that became unreadable keeps the last good tokens (logged by no one:
                // the next `tokens` command reports it), rather than locking everyone out.
                if let file = try? TokenFile(path: path) {
                    current = Snapshot(modified: modified, size: size, tokens: file.tokens)
                }
            }
            return current.tokens
        }
    }

    private static func stamp(of path: String) -> (Date?, Int) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.modificationDate] as? Date, (attributes?[.size] as? NSNumber)?.intValue ?? -1)
    }
}
