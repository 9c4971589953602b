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
