import Foundation
import Hummingbird
import SurveyKit

/// What every route handler shares: the store, the survey catalog, the tokens and the cache.
final class ServiceState: Sendable {
    let configuration: ServerConfiguration
    let store: OpModelStore
    let catalog: SurveyCatalog
    let authority: TokenAuthority
    let cache: ScorecardCache<ByteBuffer>

    init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        store = try openStore(path: configuration.databasePath)
        catalog = SurveyCatalog(directory: configuration.surveysDirectory)
        authority = try TokenAuthority(path: configuration.tokensPath)
        cache = ScorecardCache(capacity: configuration.cacheEntries)
        SpooledUpload.removeStale(in: configuration.uploadDirectory)
    }

    /// The organisation a request names, if it exists and the token may read it; otherwise
    /// the same 404 whether it is missing or out of scope.
    func organisation(_ name: String, for access: Access) throws -> OrganisationReference {
        guard let found = try resolveOrganisation(named: name, in: store), try mayRead(found, access) else {
            throw APIError.unknownOrganisation(name)
        }
        return found
    }

    /// The organisations a token may read; nil means every one (admin).
    func scope(of access: Access) throws -> [OrganisationReference]? {
        guard access.role == .viewer else { return nil }
        return try Set(access.organisations.compactMap { try resolveOrganisation(named: $0, in: store) })
            .sorted { $0.id < $1.id }
    }

    private func mayRead(_ organisation: OrganisationReference, _ access: Access) throws -> Bool {
        guard let scope = try scope(of: access) else { return true }
        return scope.contains { $0.id == organisation.id }
    }

    /// The anonymity threshold a request asks for: at least the server's.
    func minGroup(_ requested: String?) throws -> Int {
        guard let requested else { return configuration.minGroup }
        guard let value = Int(requested), value >= configuration.minGroup, value <= 1_000_000 else {
            throw APIError(.badRequest, "bad_request", "min-group: '\(requested)' (expected a whole number of at least \(configuration.minGroup), the server's threshold)")
        }
        return value
    }
}
