import Crypto
import Foundation
import Synchronization

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
    /// - Throws: ``TokenFileError`` for a file that cannot be used.
    init(path: String) throws {
        self.path = path
        let (modified, size) = Self.stamp(of: path)
        snapshot = Mutex(Snapshot(modified: modified, size: size, tokens: try TokenFile(path: path).tokens))
    }

    /// The access a presented secret grants, or nil for an unknown or revoked token.
    ///
    /// Compares the secret's SHA-256 with every stored hash in constant time, without
    /// stopping at a match, so timing tells nothing about which token or how much matched.
    func access(for secret: String) -> Access? {
        let tokens = currentTokens()
        let presented = Array(SHA256.hash(data: Data(secret.utf8)))
        var found: AccessToken?
        for token in tokens {
            guard let stored = Self.bytes(hex: token.sha256), stored.count == presented.count else { continue }
            var difference: UInt8 = 0
            for index in stored.indices { difference |= stored[index] ^ presented[index] }
            if difference == 0 { found = token }
        }
        guard let token = found, token.revoked == nil else { return nil }
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

    private static func bytes(hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = Self.nibble(characters[index]), let low = Self.nibble(characters[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
