import SurveyCore

/// Additive sums for one item in one (unit, role) cell; unit and role-group figures are sums of cells.
struct ItemSums {
    var valid = 0
    var missing = 0
    var sum = 0.0
    var sumSquares = 0.0
    var favorable = 0
    var neutral = 0
    var unfavorable = 0

    mutating func add(_ other: ItemSums) {
        valid += other.valid
        missing += other.missing
        sum += other.sum
        sumSquares += other.sumSquares
        favorable += other.favorable
        neutral += other.neutral
        unfavorable += other.unfavorable
    }
}

/// Additive sums for one dimension in one (unit, role) cell.
struct DimensionSums {
    /// Respondents with a dimension score.
    var scored = 0
    /// Respondents it applied to without enough answers for a score.
    var unscored = 0
    var sum = 0.0
    var sumSquares = 0.0
    /// Pooled answers: favourable, neutral, unfavourable, valid; and the cluster sums Σf², Σfv, Σv².
    var favorable = 0.0
    var neutral = 0.0
    var unfavorable = 0.0
    var valid = 0.0
    var favorableSquares = 0.0
    var favorableValid = 0.0
    var validSquares = 0.0
    /// Respondents with at least one valid answer (clusters).
    var clusters = 0

    mutating func add(_ other: DimensionSums) {
        scored += other.scored
        unscored += other.unscored
        sum += other.sum
        sumSquares += other.sumSquares
        favorable += other.favorable
        neutral += other.neutral
        unfavorable += other.unfavorable
        valid += other.valid
        favorableSquares += other.favorableSquares
        favorableValid += other.favorableValid
        validSquares += other.validSquares
        clusters += other.clusters
    }
}

/// Additive sums for one flag test in one (unit, role) cell.
struct TestSums {
    /// Respondents with a valid answer (the base).
    var base = 0
    /// Respondents meeting a share statistic.
    var hits = 0
    var sum = 0.0
    var sumSquares = 0.0
    /// Value → count, for medians.
    var histogram: [Double: Int] = [:]

    mutating func add(_ other: TestSums) {
        base += other.base
        hits += other.hits
        sum += other.sum
        sumSquares += other.sumSquares
        for (value, count) in other.histogram { histogram[value, default: 0] += count }
    }
}

/// Pairwise sums of two items over respondents who answered both, for Cronbach's alpha.
struct PairSums {
    var n = 0
    var sumX = 0.0
    var sumY = 0.0
    var sumXY = 0.0

    var covariance: Double? { Statistics.covariance(count: n, sumX: sumX, sumY: sumY, sumXY: sumXY) }
}

/// Pairwise sums of one dimension's items, for Cronbach's alpha with pairwise deletion.
struct ItemPairSums {
    /// The number of items, `k`.
    let itemCount: Int
    /// Items `a ≤ b` at `a·k + b`; the diagonal holds each item's own sums.
    private var pairs: [PairSums]

    init(itemCount: Int) {
        self.itemCount = itemCount
        pairs = Array(repeating: PairSums(), count: itemCount * itemCount)
    }

    /// Adds one respondent to every pair of items they answered both of.
    /// - Parameter answer: The answer to item `a` (0-based within the dimension), or `nil`
    ///   when it is missing.
    mutating func add(answer: (Int) -> Double?) {
        let k = itemCount
        // The answers are read once each (k calls), then the k² pair loop runs over plain
        // memory: this is the per-response hot path of every scorecard.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { values in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: k) { present in
                for a in 0..<k {
                    let x = answer(a)
                    present[a] = x != nil
                    values[a] = x ?? 0
                }
                pairs.withUnsafeMutableBufferPointer { pairs in
                    for a in 0..<k where present[a] {
                        let x = values[a]
                        for b in a..<k where present[b] {
                            let y = values[b]
                            pairs[a * k + b].n += 1
                            pairs[a * k + b].sumX += x
                            pairs[a * k + b].sumY += y
                            pairs[a * k + b].sumXY += x * y
                        }
                    }
                }
            }
        }
    }

    /// The k×k covariance matrix, each entry over the respondents who answered both items,
    /// or `nil` when two items have fewer than 2 respondents in common.
    var covarianceMatrix: [[Double]]? {
        let k = itemCount
        var matrix = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for a in 0..<k {
            for b in a..<k {
                guard let covariance = pairs[a * k + b].covariance else { return nil }
                matrix[a][b] = covariance
                matrix[b][a] = covariance
            }
        }
        return matrix
    }
}
