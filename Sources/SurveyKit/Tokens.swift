import Crypto
import Foundation
import SurveyCore
#if canImport(Glibc)
import Glibc
#endif

/// What a token may do.
public enum TokenRole: String, Codable, Sendable, CaseIterable {
    /// Imports, undoes and reads every organisation.
    case admin
    /// Reads the scorecards, comparisons and trends of its organisations only.
    case viewer
}

/// One access token as stored: its SHA-256 and what it may do, never the secret itself.
public struct AccessToken: Codable, Sendable, Equatable {
    /// A short, non-secret name for `tokens list` and `tokens revoke`.
    public var id: String
    /// The hex SHA-256 of the secret.
    public var sha256: String
    /// Admin or viewer.
    public var role: TokenRole
    /// The organisations a viewer may read (empty for admins).
    public var organisations: [String]
    /// A note on who holds it.
    public var label: String?
    /// When it was made (ISO 8601).
    public var created: String
    /// When it was revoked (ISO 8601), or nil while valid.
    public var revoked: String?
}

/// The tokens file: JSON, mode 0600, holding only hashes of the secrets.
///
/// `opmodel tokens add` prints a new secret once; the file keeps its SHA-256, so a copy of
/// the file lets no one in.
public struct TokenFile: Sendable {
    struct Contents: Codable {
        var format = "opmodel.tokens/1"
        var tokens: [AccessToken] = []
    }

    /// The file's path.
    public let path: String
    /// The tokens in it, oldest first.
    public private(set) var tokens: [AccessToken]

    /// Reads the file; a missing file is empty.
    /// - Throws: ``UserError`` when the file is unreadable, malformed, or readable by
    ///   other users.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            tokens = []
            return
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw UserError(.unreadableFile, "the tokens file '\(path)' may be read by other users (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError(.unreadableFile, "cannot read the tokens file '\(path)'", hint: "check its permissions")
        }
        do {
            tokens = try JSONDecoder().decode(Contents.self, from: data).tokens
        } catch {
            throw UserError(.invalidData, "'\(path)' is not a tokens file", expected: "an OpModel tokens file: JSON with format opmodel.tokens/1")
        }
    }

    /// Adds a token and saves the file.
    /// - Returns: The secret, to hand to its holder; it is not stored and cannot be shown again.
    public mutating func add(role: TokenRole, organisations: [String], label: String? = nil, now: Date = Date()) throws -> (secret: String, token: AccessToken) {
        if role == .viewer, organisations.isEmpty {
            throw UserError(.invalidRequest, "a viewer token needs at least one organisation", at: .field(.organisation), hint: "\(Parameter.organisation, "NAME")")
        }
        if role == .admin, !organisations.isEmpty {
            throw UserError(.invalidRequest, "an admin token reads every organisation; leave out \(Parameter.organisation)", at: .field(.organisation))
        }
        var id = Self.randomHex(bytes: 4)
        while tokens.contains(where: { $0.id == id }) { id = Self.randomHex(bytes: 4) }
        let secret = "opm_" + Self.randomHex(bytes: 32)
        let token = AccessToken(id: id, sha256: Self.digest(of: secret), role: role, organisations: organisations,
                                label: label, created: ISO8601DateFormatter().string(from: now), revoked: nil)
        tokens.append(token)
        try save()
        return (secret, token)
    }

    /// Marks a token revoked and saves the file; a running server refuses it from its next request.
    /// - Throws: ``UserError`` for an unknown id.
    public mutating func revoke(id: String, now: Date = Date()) throws {
        guard let index = tokens.firstIndex(where: { $0.id == id }) else {
            throw UserError(.notFound, "no token '\(id)' in '\(path)'", hint: "see \(Listing.tokens)")
        }
        if tokens[index].revoked == nil { tokens[index].revoked = ISO8601DateFormatter().string(from: now) }
        try save()
    }

    /// Writes the file atomically with mode 0600.
    func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(Self.randomHex(bytes: 4))")
        do {
            let data = try encoder.encode(Contents(tokens: tokens))
            guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw UserError(.unwritableFile, "cannot write the tokens file '\(path)'", hint: "check the folder is writable")
            }
            // rename(2) replaces the old file in one step, so a reader never sees half a file.
            guard rename(temporary.path, path) == 0 else {
                throw UserError(.unwritableFile, "cannot write the tokens file '\(path)'", hint: "check the folder is writable")
            }
        } catch let error as UserError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw UserError(.unwritableFile, "cannot write the tokens file '\(path)'", hint: "check the folder is writable")
        }
    }

    /// The hex SHA-256 of a secret, as stored.
    static func digest(of secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// The valid token a presented secret belongs to, or nil for an unknown or revoked one.
///
/// Compares the secret's SHA-256 with every stored hash in constant time, without stopping at
/// a match, so timing tells nothing about which token or how much matched.
public func matchToken(secret: String, in tokens: [AccessToken]) -> AccessToken? {
    let presented = Array(SHA256.hash(data: Data(secret.utf8)))
    var found: AccessToken?
    for token in tokens {
        guard let stored = hexBytes(token.sha256), stored.count == presented.count else { continue }
        var difference: UInt8 = 0
        for index in stored.indices { difference |= stored[index] ^ presented[index] }
        if difference == 0 { found = token }
    }
    guard let token = found, token.revoked == nil else { return nil }
    return token
}

private func hexBytes(_ hex: String) -> [UInt8]? {
    let characters = Array(hex.utf8)
    guard characters.count % 2 == 0 else { return nil }
    var result: [UInt8] = []
    result.reserveCapacity(characters.count / 2)
    var index = 0
    while index < characters.count {
        guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
        result.append(high << 4 | low)
        index += 2
    }
    return result
}

private func nibble(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
    default: nil
    }
}
