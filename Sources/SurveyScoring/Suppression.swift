/// Complementary suppression (SCORING.md, Anonymity).
///
/// Among the children of a visible parent, the hidden ones together must total at least `k`
/// (or none be hidden), so nobody can subtract the visible children from the parent to recover
/// a hidden group. Respondents of the parent who belong to no child (no team given) count as
/// a hidden remainder.
package enum Suppression {
    /// Which children to hide.
    ///
    /// - Parameters:
    ///   - bases: Each child's base (respondents, or the figure's own n).
    ///   - parentBase: The parent's base; the part not in any child is a hidden remainder.
    ///   - k: The anonymity threshold.
    ///   - alreadyHidden: Children hidden for another reason (the whole unit is hidden).
    /// - Returns: `true` for each child to hide.
    package static func hiddenChildren(bases: [Int], parentBase: Int, k: Int, alreadyHidden: [Bool]? = nil) -> [Bool] {
        var hidden = bases.enumerated().map { $0.element < k || (alreadyHidden?[$0.offset] ?? false) }
        let remainder = max(0, parentBase - bases.reduce(0, +))
        while true {
            let hiddenTotal = zip(bases, hidden).filter(\.1).map(\.0).reduce(0, +) + remainder
            guard hiddenTotal > 0, hiddenTotal < k else { return hidden }
            // Hide the smallest visible sibling (first in order among equals) and check again.
            guard let next = bases.indices.filter({ !hidden[$0] }).min(by: { bases[$0] < bases[$1] }) else { return hidden }
            hidden[next] = true
        }
    }
}
