import SurveyCore

// The `opmodel.scorecard/1` document. SurveyCore's synthesized `Encodable` omits nil
// optionals; the schema promises `null` for every missing figure, so these wrappers encode
// each key explicitly, and write a suppressed unit as its name, level and path only.
// Keys are camelCase here and become snake_case through the encoder's key strategy.

/// The whole scorecard.
struct ScorecardDocument: Encodable {
    let scorecard: Scorecard

    private enum CodingKeys: String, CodingKey {
        case schema, survey, scale, wave, previousWave, org, minGroup, bands, unit, trend, roleGap
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scorecard.schema, forKey: .schema)
        try container.encode(scorecard.survey, forKey: .survey)
        try container.encode(scorecard.scale, forKey: .scale)
        try container.encode(scorecard.wave, forKey: .wave)
        try container.encode(scorecard.previousWave, forKey: .previousWave)
        try container.encode(scorecard.org, forKey: .org)
        try container.encode(scorecard.minGroup, forKey: .minGroup)
        try container.encode(scorecard.bands, forKey: .bands)
        try container.encode(UnitDocument(unit: scorecard.unit), forKey: .unit)
        try container.encode(scorecard.unit.suppressed ? nil : scorecard.trend, forKey: .trend)
        try container.encode(scorecard.unit.suppressed ? nil : scorecard.roleGap, forKey: .roleGap)
    }
}

/// One unit. A suppressed unit keeps every key so that the document decodes back into a
/// `Scorecard`, but its figures are null and its lists empty, whatever the value carried.
struct UnitDocument: Encodable {
    let unit: UnitScore

    private enum CodingKeys: String, CodingKey {
        case name, level, path, suppressed, respondents, responseRate, overall, dimensions, flags, roles,
             comments, previous, units
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let visible = unit.suppressed ? nil : unit
        try container.encode(unit.name, forKey: .name)
        try container.encode(unit.level, forKey: .level)
        try container.encode(unit.path, forKey: .path)
        try container.encode(unit.suppressed, forKey: .suppressed)
        try container.encode(visible?.respondents, forKey: .respondents)
        try container.encode(visible?.responseRate, forKey: .responseRate)
        try container.encode(visible?.overall, forKey: .overall)
        try container.encode((visible?.dimensions ?? []).map(DimensionDocument.init), forKey: .dimensions)
        try container.encode((visible?.flags ?? []).map(FlagDocument.init), forKey: .flags)
        try container.encode((visible?.roles ?? []).map(RoleDocument.init), forKey: .roles)
        try container.encode(visible?.comments ?? [], forKey: .comments)
        try container.encode(visible?.previous, forKey: .previous)
        try container.encode((visible?.units ?? []).map(UnitDocument.init), forKey: .units)
    }
}

/// One dimension.
struct DimensionDocument: Encodable {
    let dimension: DimensionScore

    private enum CodingKeys: String, CodingKey {
        case id, title, n, nMissing, mean, ci95, score100, favorablePct, favorableCi95, neutralPct,
             unfavorablePct, alpha, level, items
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dimension.id, forKey: .id)
        try container.encode(dimension.title, forKey: .title)
        try container.encode(dimension.n, forKey: .n)
        try container.encode(dimension.nMissing, forKey: .nMissing)
        try container.encode(dimension.mean, forKey: .mean)
        try container.encode(dimension.ci95, forKey: .ci95)
        try container.encode(dimension.score100, forKey: .score100)
        try container.encode(dimension.favorablePct, forKey: .favorablePct)
        try container.encode(dimension.favorableCi95, forKey: .favorableCi95)
        try container.encode(dimension.neutralPct, forKey: .neutralPct)
        try container.encode(dimension.unfavorablePct, forKey: .unfavorablePct)
        try container.encode(dimension.alpha, forKey: .alpha)
        try container.encode(dimension.level, forKey: .level)
        try container.encode(dimension.items.map(ItemDocument.init), forKey: .items)
    }
}

/// One item.
struct ItemDocument: Encodable {
    let item: ItemScore

    private enum CodingKeys: String, CodingKey {
        case id, text, nValid, nMissing, mean, favorablePct, favorableCi95
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item.id, forKey: .id)
        try container.encode(item.text, forKey: .text)
        try container.encode(item.nValid, forKey: .nValid)
        try container.encode(item.nMissing, forKey: .nMissing)
        try container.encode(item.mean, forKey: .mean)
        try container.encode(item.favorablePct, forKey: .favorablePct)
        try container.encode(item.favorableCi95, forKey: .favorableCi95)
    }
}

/// One flag outcome with its evidence.
struct FlagDocument: Encodable {
    let flag: FlagResult

    private enum CodingKeys: String, CodingKey {
        case id, title, severity, status, value, ci95, threshold, n, explanation, advice, evidence
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(flag.id, forKey: .id)
        try container.encode(flag.title, forKey: .title)
        try container.encode(flag.severity, forKey: .severity)
        try container.encode(flag.status, forKey: .status)
        try container.encode(flag.value, forKey: .value)
        try container.encode(flag.ci95, forKey: .ci95)
        try container.encode(flag.threshold, forKey: .threshold)
        try container.encode(flag.n, forKey: .n)
        try container.encode(flag.explanation, forKey: .explanation)
        try container.encode(flag.advice, forKey: .advice)
        try container.encode(flag.evidence.map(EvidenceDocument.init), forKey: .evidence)
    }
}

/// One test of a flag.
struct EvidenceDocument: Encodable {
    let evidence: FlagEvidence

    private enum CodingKeys: String, CodingKey {
        case description, statistic, item, comparison, threshold, value, ci95, n, holds
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(evidence.description, forKey: .description)
        try container.encode(evidence.statistic, forKey: .statistic)
        try container.encode(evidence.item, forKey: .item)
        try container.encode(evidence.comparison, forKey: .comparison)
        try container.encode(evidence.threshold, forKey: .threshold)
        try container.encode(evidence.value, forKey: .value)
        try container.encode(evidence.ci95, forKey: .ci95)
        try container.encode(evidence.n, forKey: .n)
        try container.encode(evidence.holds, forKey: .holds)
    }
}

/// One role group; a suppressed group keeps its name and nothing else.
struct RoleDocument: Encodable {
    let role: RoleScore

    private enum CodingKeys: String, CodingKey {
        case role, suppressed, respondents, dimensions
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let visible = role.suppressed ? nil : role
        try container.encode(role.role, forKey: .role)
        try container.encode(role.suppressed, forKey: .suppressed)
        try container.encode(visible?.respondents, forKey: .respondents)
        try container.encode((visible?.dimensions ?? []).map(DimensionDocument.init), forKey: .dimensions)
    }
}
