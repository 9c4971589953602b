import Foundation

extension Statistics {
    /// Benjamini–Hochberg adjusted p-values (false discovery rate), in the input's order.
    ///
    /// With `p₍ᵢ₎` the i-th smallest of `m` p-values, the adjusted value is
    /// `min over j ≥ i of m·p₍ⱼ₎/j`, capped at 1; adjusted values are monotone in the raw ones
    /// and tied p-values get the same adjusted value.
    /// - Parameter pValues: The family of tests' p-values, each in `0...1`, in any order.
    /// - Returns: One adjusted p-value per input, at the input's position.
    package static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "p-values must be in 0...1")
        let m = Double(pValues.count)
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = Array(repeating: 1.0, count: pValues.count)
        var running = 1.0
        for rank in order.indices.reversed() {
            let index = order[rank]
            // m·p/j ≥ p in exact arithmetic; rounding (25·p/25) may land an ulp below p.
            running = min(running, max(pValues[index], m * pValues[index] / Double(rank + 1)))
            adjusted[index] = running
        }
        return adjusted
    }
}
