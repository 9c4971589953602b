/// The canonical respondent roles every survey shares.
///
/// Exports spell roles in many ways ("PO", "Product owner (PO)"); a survey declares the
/// spellings, and everything after the collector only sees these values.
public enum Role: String, CaseIterable, Codable, CodingKeyRepresentable, Hashable, Sendable, Comparable {
    case productOwner = "product_owner"
    case productManager = "product_manager"
    case engineering
    case design
    case leadership
    case other

    /// The name shown in reports.
    public var displayName: String {
        switch self {
        case .productOwner: "Product Owner"
        case .productManager: "Product Manager"
        case .engineering: "Engineering"
        case .design: "Design"
        case .leadership: "Leadership"
        case .other: "Other"
        }
    }

    /// Product roles: the ones the seed calls product people.
    public static let productRoles: Set<Role> = [.productOwner, .productManager, .leadership]

    /// The order roles are listed in: product roles first.
    public var sortOrder: Int {
        switch self {
        case .productOwner: 0
        case .productManager: 1
        case .engineering: 2
        case .design: 3
        case .leadership: 4
        case .other: 5
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.sortOrder < rhs.sortOrder }
}
