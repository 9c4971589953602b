import SurveyCore
import SurveyStore

/// An organisation as stored: its id (stable across renames) and current name.
public struct OrganisationReference: Hashable, Sendable {
    /// The store's id for it.
    public var id: Int64
    /// Its current name.
    public var name: String
}

/// An organisation with the waves it took part in.
public struct OrganisationSummary: Sendable, Equatable {
    /// Its current name.
    public var name: String
    /// Its waves, oldest first.
    public var waves: [String]
}

/// The organisation a name refers to, matched as the store keys names (case, spacing, and the
/// old name of a renamed organisation), or nil when there is none.
public func resolveOrganisation(named name: String, in store: OpModelStore) throws -> OrganisationReference? {
    try storeWork { try store.organisation(named: name).map { OrganisationReference(id: $0.id, name: $0.name) } }
}

/// Every organisation with responses, by name, with its waves.
///
/// - Parameter only: When given, just the organisations among these (resolved as
///   ``resolveOrganisation(named:in:)`` does); names that match nothing are left out.
public func listOrganisations(in store: OpModelStore, only: [OrganisationReference]? = nil) throws -> [OrganisationSummary] {
    let wanted = only.map { Set($0.map(\.id)) }
    return try storeWork {
        try store.organisations().filter { wanted?.contains($0.id) ?? true }.map {
            OrganisationSummary(name: $0.name, waves: try store.waves(of: $0))
        }
    }
}

/// The waves the given organisations took part in, counting their responses only.
public func listWaves(in store: OpModelStore, organisations: [OrganisationReference]) throws -> [WaveRecord] {
    try storeWork { try store.waves(organisationIDs: organisations.map(\.id)) }
}

/// A number that changes with every import, undo, rename or headcount: equal revisions
/// mean equal reports, so a cache keyed by it never serves a stale scorecard.
public func storeRevision(of store: OpModelStore) throws -> Int64 {
    try storeWork { try store.revision() }
}
