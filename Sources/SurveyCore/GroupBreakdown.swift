/// How `opmodel compare` splits an organisation into groups.
public enum GroupBreakdown: String, CaseIterable, Codable, Sendable, Hashable {
    /// The organisation's divisions.
    case division
    /// Every team, within its division.
    case team
    /// Product Owners, Product Managers and everyone else.
    case role
}
