import SurveyCore
import Yams

/// Turns a composed YAML tree into a ``Survey``, reporting every mistake through its reader.
///
/// Parsing and validation are one pass: a cross-reference (a flag naming an item, an item naming
/// a scale) is checked once everything it may name has been read, with the node it came from.
final class SurveyParser {
    private let reader: YAMLReader
    private var itemNodes: [String: Node] = [:]
    private var scaleIDs: [String] = []
    private var defaultScale: String?

    init(reader: YAMLReader) {
        self.reader = reader
    }

    private static let topKeys = ["id", "version", "title", "description", "previous_version", "carry_over",
                                  "min_group", "flag_min_n", "default_scale", "scales", "dimensions",
                                  "attributes", "bands", "flags"]

    func parse(_ root: Node) -> Survey? {
        guard let top = reader.mapping(root, in: "survey", allowed: Self.topKeys,
                                       required: ["id", "version", "title", "scales", "dimensions", "bands"]) else { return nil }
        let id = top["id"].flatMap { reader.identifier($0, "id") }
        let version = top["version"].flatMap { node -> Int? in
            guard let value = reader.integer(node, "version") else { return nil }
            if value < 1 { reader.error("version must be positive, got \(value)", at: node) }
            return value
        }
        let title = top["title"].flatMap { reader.nonEmptyString($0, "title") }
        let description = top["description"].flatMap { reader.string($0, "description") }
        let previousVersion = top["previous_version"].flatMap { node -> Int? in
            guard let value = reader.integer(node, "previous_version") else { return nil }
            if let version, value >= version {
                reader.error("previous_version must be lower than version \(version), got \(value)", at: node)
            }
            return value
        }
        var minGroup = 5
        if let node = top["min_group"], let value = reader.integer(node, "min_group") {
            if value < 3 { reader.error("min_group must be at least 3, got \(value)", at: node) }
            minGroup = value
        }
        var flagMinN = 10
        if let node = top["flag_min_n"], let value = reader.integer(node, "flag_min_n") {
            if value < 1 { reader.error("flag_min_n must be positive, got \(value)", at: node) }
            flagMinN = value
        }

        let scales = top["scales"].map(parseScales) ?? []
        scaleIDs = scales.map(\.id)
        if let node = top["default_scale"], let name = reader.string(node, "default_scale") {
            defaultScale = checkScaleReference(name, at: node)
        } else if scales.count == 1 {
            defaultScale = scales[0].id
        }
        let bands = top["bands"].map(parseBands) ?? []
        let dimensions = top["dimensions"].map { parseDimensions($0, scales: scales, bands: bands) } ?? []
        let attributes = top["attributes"].map(parseAttributes) ?? [:]
        let survey = Survey(id: id ?? "", version: version ?? 0, title: title ?? "", description: description,
                            previousVersion: previousVersion, minGroup: minGroup, flagMinN: flagMinN,
                            scales: scales, dimensions: dimensions, attributes: attributes, bands: bands)
        var result = survey
        result.carryOver = top["carry_over"].map(parseCarryOver) ?? []
        result.flags = top["flags"].map { parseFlags($0, survey: survey) } ?? []
        return result
    }

    // MARK: Scales

    private static let scaleKeys = ["points", "labels", "favorable", "neutral", "unfavorable", "missing"]

    private func parseScales(_ node: Node) -> [AnswerScale] {
        var scales: [AnswerScale] = []
        var seen: [String: Node] = [:]
        let pairs = reader.pairs(node, in: "scales")
        if pairs.isEmpty, case .mapping = node { reader.error("a survey needs at least one scale", at: node) }
        for (keyNode, value) in pairs {
            guard let id = reader.identifier(keyNode, "scale id") else { continue }
            if let first = seen[id] {
                reader.error("duplicate scale id '\(id)' (first defined at line \(reader.location(first).line))", at: keyNode)
                continue
            }
            seen[id] = keyNode
            if let scale = parseScale(id: id, value, keyNode: keyNode) { scales.append(scale) }
        }
        return scales
    }

    private func parseScale(id: String, _ node: Node, keyNode: Node) -> AnswerScale? {
        guard let entries = reader.mapping(node, in: "scale '\(id)'", allowed: Self.scaleKeys,
                                           required: ["labels", "favorable", "unfavorable"]) else { return nil }
        var points: [AnswerScale.Point] = []
        var labelOwner: [String: (Int, Node)] = [:]
        if let labels = entries["labels"] {
            for (valueNode, labelNode) in reader.pairs(labels, in: "labels of scale '\(id)'") {
                guard let value = reader.integer(valueNode, "scale point") else { continue }
                if points.contains(where: { $0.value == value }) {
                    reader.error("point \(value) is labelled twice in scale '\(id)'", at: valueNode)
                    continue
                }
                var texts: [String] = []
                for (text, textNode) in reader.strings(labelNode, "label") {
                    let key = normalizedKey(text)
                    if let (other, _) = labelOwner[key], other != value {
                        reader.error("label '\(text)' is mapped to both \(other) and \(value) in scale '\(id)'", at: textNode)
                        continue
                    }
                    labelOwner[key] = (value, textNode)
                    texts.append(text)
                }
                points.append(AnswerScale.Point(value: value, labels: texts))
            }
        }
        points.sort { $0.value < $1.value }
        if let pointsNode = entries["points"] {
            let declared = reader.strings(pointsNode, "points").compactMap { text, node in reader.integer(node, "points") }
            if declared.sorted() != points.map(\.value) {
                reader.error("points \(declared) of scale '\(id)' do not match its labelled values \(points.map(\.value))", at: pointsNode)
            }
        }
        if points.count < 2 {
            reader.error("scale '\(id)' needs at least two labelled points", at: keyNode)
        }
        let values = Set(points.map(\.value))
        func polarity(_ key: String) -> [Int] {
            guard let node = entries[key] else { return [] }
            var result: [Int] = []
            for (_, element) in reader.strings(node, key) {
                guard let value = reader.integer(element, key) else { continue }
                if !values.contains(value) {
                    reader.error("\(key) point \(value) is not on scale '\(id)' (expected one of \(points.map { String($0.value) }.joined(separator: ", ")))", at: element)
                } else {
                    result.append(value)
                }
            }
            return result
        }
        let favorable = polarity("favorable"), neutral = polarity("neutral"), unfavorable = polarity("unfavorable")
        if favorable.isEmpty, let node = entries["favorable"] ?? Optional(keyNode) {
            reader.error("scale '\(id)' has no favorable points", at: node)
        }
        for point in points {
            let count = [favorable, neutral, unfavorable].filter { $0.contains(point.value) }.count
            if count == 0 {
                reader.error("point \(point.value) of scale '\(id)' is not favorable, neutral or unfavorable", at: keyNode)
            } else if count > 1 {
                reader.error("point \(point.value) of scale '\(id)' is in more than one of favorable, neutral and unfavorable", at: keyNode)
            }
        }
        var missing: [String] = []
        if let node = entries["missing"] {
            for (text, element) in reader.strings(node, "missing") {
                if let (value, _) = labelOwner[normalizedKey(text)] {
                    reader.error("missing token '\(text)' is also the label of point \(value) in scale '\(id)'", at: element)
                }
                missing.append(text)
            }
        }
        return AnswerScale(id: id, points: points, favorable: favorable.sorted(), neutral: neutral.sorted(),
                           unfavorable: unfavorable.sorted(), missing: missing)
    }

    private func checkScaleReference(_ name: String, at node: Node) -> String? {
        if scaleIDs.contains(name) { return name }
        let hint = closestMatch(to: name, in: scaleIDs).map { " (did you mean '\($0)'?)" }
            ?? " (expected one of \(scaleIDs.joined(separator: ", ")))"
        reader.error("unknown scale '\(name)'\(hint)", at: node)
        return nil
    }

    // MARK: Bands

    private func parseBands(_ node: Node) -> [MaturityBand] {
        var bands: [MaturityBand] = []
        var names: [String: Node] = [:]
        let elements = reader.sequence(node, "bands")
        if elements.isEmpty, case .sequence = node { reader.error("a survey needs at least one maturity band", at: node) }
        for element in elements {
            guard let entries = reader.mapping(element, in: "band", allowed: ["name", "from"], required: ["name", "from"]),
                  let nameNode = entries["name"], let name = reader.nonEmptyString(nameNode, "name"),
                  let fromNode = entries["from"], let from = reader.number(fromNode, "from") else { continue }
            if let first = names[normalizedKey(name)] {
                reader.error("duplicate band name '\(name)' (first defined at line \(reader.location(first).line))", at: nameNode)
                continue
            }
            names[normalizedKey(name)] = nameNode
            if let previous = bands.last, from <= previous.lowerBound {
                reader.error("band '\(name)' starts at \(reader.format(from)), not above the previous band '\(previous.name)' (\(reader.format(previous.lowerBound))); bands must increase", at: fromNode)
                continue
            }
            bands.append(MaturityBand(name: name, lowerBound: from))
        }
        return bands
    }

    // MARK: Dimensions and items

    private static let dimensionKeys = ["id", "title", "description", "weight", "scale", "advice", "items"]
    private static let itemKeys = ["id", "text", "kind", "reverse", "weight", "aliases", "roles", "scale",
                                   "options", "missing", "unit", "min", "max", "integer"]
    private static let optionKeys = ["id", "label", "aliases", "value", "exclusive"]

    private func parseDimensions(_ node: Node, scales: [AnswerScale], bands: [MaturityBand]) -> [Dimension] {
        var dimensions: [Dimension] = []
        var seen: [String: Node] = [:]
        let elements = reader.sequence(node, "dimensions")
        if elements.isEmpty, case .sequence = node { reader.error("a survey needs at least one dimension", at: node) }
        for element in elements {
            guard let entries = reader.mapping(element, in: "dimension", allowed: Self.dimensionKeys,
                                               required: ["id", "title", "items"]) else { continue }
            guard let idNode = entries["id"], let id = reader.identifier(idNode, "id") else { continue }
            if let first = seen[id] {
                reader.error("duplicate dimension id '\(id)' (first defined at line \(reader.location(first).line))", at: idNode)
            }
            seen[id] = idNode
            let title = entries["title"].flatMap { reader.nonEmptyString($0, "title") } ?? id
            let description = entries["description"].flatMap { reader.string($0, "description") }
            let weight = entries["weight"].flatMap { reader.positiveNumber($0, "weight") } ?? 1
            var scale = defaultScale
            if let scaleNode = entries["scale"], let name = reader.string(scaleNode, "scale") {
                scale = checkScaleReference(name, at: scaleNode)
            }
            var advice: [String: String] = [:]
            if let adviceNode = entries["advice"] {
                for (bandNode, textNode) in reader.pairs(adviceNode, in: "advice of dimension '\(id)'") {
                    guard let band = reader.string(bandNode, "band"), let text = reader.nonEmptyString(textNode, "advice") else { continue }
                    guard let match = bands.first(where: { normalizedKey($0.name) == normalizedKey(band) }) else {
                        let hint = closestMatch(to: band, in: bands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                        reader.error("advice names unknown band '\(band)'\(hint)", at: bandNode)
                        continue
                    }
                    advice[match.name] = text
                }
            }
            var items: [Item] = []
            if let itemsNode = entries["items"] {
                let itemNodes = reader.sequence(itemsNode, "items of dimension '\(id)'")
                if itemNodes.isEmpty {
                    reader.error("dimension '\(id)' has no items", at: itemsNode)
                }
                for itemNode in itemNodes {
                    if let item = parseItem(itemNode, dimension: id, dimensionScale: scale) { items.append(item) }
                }
            }
            if scale == nil, items.contains(where: { if case .agreement = $0.kind { true } else { false } }), entries["scale"] == nil {
                reader.error("dimension '\(id)' has agreement items but no scale (add 'scale:' or a top-level 'default_scale:')", at: idNode)
            }
            dimensions.append(Dimension(id: id, title: title, description: description, weight: weight,
                                        scale: scale ?? "", items: items, advice: advice))
        }
        return dimensions
    }

    private func parseItem(_ node: Node, dimension: String, dimensionScale: String?) -> Item? {
        guard let entries = reader.mapping(node, in: "item", allowed: Self.itemKeys, required: ["id", "text"]) else { return nil }
        guard let idNode = entries["id"], let id = reader.identifier(idNode, "id") else { return nil }
        if let first = itemNodes[id] {
            reader.error("duplicate item id '\(id)' (first defined at line \(reader.location(first).line))", at: idNode)
        } else {
            itemNodes[id] = idNode
        }
        let text = entries["text"].flatMap { reader.nonEmptyString($0, "text") } ?? id
        var kindName = "agreement"
        if let kindNode = entries["kind"], let name = reader.string(kindNode, "kind") {
            let kinds = ["agreement", "choice", "multi", "numeric", "text"]
            if kinds.contains(name) {
                kindName = name
            } else {
                let hint = closestMatch(to: name, in: kinds).map { " (did you mean '\($0)'?)" } ?? ""
                reader.error("unknown item kind '\(name)'\(hint) (expected agreement, choice, multi, numeric or text)", at: kindNode)
                return nil
            }
        }
        // Keys that only some kinds take.
        let kindKeys: [String: Set<String>] = [
            "agreement": ["reverse", "scale"], "choice": ["options"], "multi": ["options"],
            "numeric": ["unit", "min", "max", "integer"], "text": [],
        ]
        for key in ["reverse", "scale", "options", "unit", "min", "max", "integer"] where entries[key] != nil {
            if kindKeys[kindName]?.contains(key) != true, let keyNode = entries.keys[key] {
                reader.error("'\(key)' does not apply to a \(kindName) item", at: keyNode)
            }
        }
        let kind: ItemKind
        switch kindName {
        case "agreement":
            var scale = dimensionScale
            if let scaleNode = entries["scale"], let name = reader.string(scaleNode, "scale"),
               let reference = checkScaleReference(name, at: scaleNode) {
                if let dimensionScale, reference != dimensionScale {
                    reader.error("item '\(id)' uses scale '\(reference)' but dimension '\(dimension)' uses '\(dimensionScale)'; all agreement items of a dimension share one scale", at: scaleNode)
                }
                scale = reference
            }
            kind = .agreement(scale: scale ?? "")
        case "choice", "multi":
            guard let optionsNode = entries["options"] else {
                reader.error("\(kindName) item '\(id)' needs 'options'", at: idNode)
                return nil
            }
            let options = parseOptions(optionsNode, item: id, multi: kindName == "multi")
            kind = kindName == "choice" ? .choice(options: options) : .multi(options: options)
        case "numeric":
            let unit = entries["unit"].flatMap { reader.nonEmptyString($0, "unit") } ?? ""
            let minimum = entries["min"].flatMap { reader.number($0, "min") }
            let maximum = entries["max"].flatMap { reader.number($0, "max") }
            if entries["unit"] == nil { reader.error("numeric item '\(id)' needs 'unit'", at: idNode) }
            if entries["min"] == nil || entries["max"] == nil {
                reader.error("numeric item '\(id)' needs 'min' and 'max'", at: idNode)
            } else if let minimum, let maximum, minimum >= maximum, let maxNode = entries["max"] {
                reader.error("max \(reader.format(maximum)) of item '\(id)' must be above its min \(reader.format(minimum))", at: maxNode)
            }
            let integer = entries["integer"].flatMap { reader.bool($0, "integer") } ?? false
            kind = .numeric(unit: unit, min: minimum ?? 0, max: maximum ?? 0, integer: integer)
        default:
            kind = .text
        }
        let reverse = entries["reverse"].flatMap { reader.bool($0, "reverse") } ?? false
        let weight = entries["weight"].flatMap { reader.positiveNumber($0, "weight") } ?? 1
        let aliases = entries["aliases"].map { reader.strings($0, "aliases").map(\.0) } ?? []
        let roles = entries["roles"].flatMap { reader.roles($0, "roles") }
        if let roles, roles.isEmpty, let rolesNode = entries["roles"] {
            reader.error("roles of item '\(id)' must name at least one role", at: rolesNode)
        }
        let missing = entries["missing"].map { reader.strings($0, "missing").map(\.0) } ?? []
        return Item(id: id, text: text, kind: kind, reverse: reverse, weight: weight, aliases: aliases,
                    roles: roles, missing: missing, dimension: dimension)
    }

    private func parseOptions(_ node: Node, item: String, multi: Bool) -> [ChoiceOption] {
        var options: [ChoiceOption] = []
        var ids: [String: Node] = [:]
        var labels: [String: String] = [:]
        let elements = reader.sequence(node, "options of item '\(item)'")
        if elements.count < 2 { reader.error("item '\(item)' needs at least two options", at: node) }
        for element in elements {
            guard let entries = reader.mapping(element, in: "option", allowed: Self.optionKeys, required: ["id", "label"]),
                  let idNode = entries["id"], let id = reader.identifier(idNode, "id") else { continue }
            if let first = ids[id] {
                reader.error("duplicate option id '\(id)' in item '\(item)' (first defined at line \(reader.location(first).line))", at: idNode)
                continue
            }
            ids[id] = idNode
            let label = entries["label"].flatMap { reader.nonEmptyString($0, "label") } ?? id
            var aliases: [String] = []
            var texts = [(label, entries["label"] ?? idNode)]
            if let aliasNode = entries["aliases"] {
                let parsed = reader.strings(aliasNode, "aliases")
                aliases = parsed.map(\.0)
                texts += parsed
            }
            for (text, textNode) in texts {
                let key = normalizedKey(text)
                if let other = labels[key], other != id {
                    reader.error("label '\(text)' is mapped to both options '\(other)' and '\(id)' of item '\(item)'", at: textNode)
                }
                labels[key] = id
            }
            let value = entries["value"].flatMap { reader.number($0, "value") }
            let exclusive = entries["exclusive"].flatMap { reader.bool($0, "exclusive") } ?? false
            if exclusive, !multi, let node = entries.keys["exclusive"] {
                reader.error("'exclusive' applies only to options of a multi item", at: node)
            }
            options.append(ChoiceOption(id: id, label: label, aliases: aliases, value: value, exclusive: exclusive))
        }
        let valued = options.filter { $0.value != nil }.count
        if valued > 0, valued < options.count {
            reader.error("either every option of item '\(item)' has a value or none does", at: node)
        }
        return options
    }

    // MARK: Attributes

    private func parseAttributes(_ node: Node) -> [AttributeKind: AttributeSpec] {
        let names = AttributeKind.allCases.map(\.rawValue)
        guard let entries = reader.mapping(node, in: "attributes", allowed: names) else { return [:] }
        var result: [AttributeKind: AttributeSpec] = [:]
        var spellingOwner: [String: Role] = [:]
        for key in entries.order {
            guard let kind = AttributeKind(rawValue: key), let value = entries[key] else { continue }
            let allowed = kind == .role ? ["aliases", "values"] : kind == .tenure ? ["aliases", "options"] : ["aliases"]
            guard let spec = reader.mapping(value, in: "attribute '\(key)'", allowed: allowed) else { continue }
            let aliases = spec["aliases"].map { reader.strings($0, "aliases").map(\.0) } ?? []
            var roleSpellings: [Role: [String]] = [:]
            if let valuesNode = spec["values"] {
                for (roleNode, spellingsNode) in reader.pairs(valuesNode, in: "role values") {
                    guard let name = reader.string(roleNode, "role"), let role = reader.roles(roleNode, "role")?.first else {
                        continue
                    }
                    _ = name
                    for (spelling, spellingNode) in reader.strings(spellingsNode, "spellings") {
                        let normalized = normalizedKey(spelling)
                        if let other = spellingOwner[normalized], other != role {
                            reader.error("role spelling '\(spelling)' is mapped to both '\(other.rawValue)' and '\(role.rawValue)'", at: spellingNode)
                            continue
                        }
                        spellingOwner[normalized] = role
                        roleSpellings[role, default: []].append(spelling)
                    }
                }
            }
            let options = spec["options"].map { reader.strings($0, "options").map(\.0) } ?? []
            result[kind] = AttributeSpec(aliases: aliases, roleSpellings: roleSpellings, options: options)
        }
        return result
    }

    // MARK: Versions

    private func parseCarryOver(_ node: Node) -> [String] {
        var result: [String] = []
        for (id, element) in reader.strings(node, "carry_over") {
            if itemNodes[id] == nil {
                reader.error("carry_over names unknown item '\(id)'\(itemHint(id))", at: element)
            } else {
                result.append(id)
            }
        }
        return result
    }

    private func itemHint(_ id: String) -> String {
        closestMatch(to: id, in: itemNodes.keys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
    }

    // MARK: Flags

    private static let flagKeys = ["id", "title", "severity", "min_n", "roles", "when", "explanation", "advice"]
    private static let statisticKeys = ["share_favorable", "share_unfavorable", "share_choosing", "share_only", "mean", "median"]
    private static let comparisonKeys = FlagComparison.allCases.map(\.rawValue)

    private func parseFlags(_ node: Node, survey: Survey) -> [FlagRule] {
        var flags: [FlagRule] = []
        var seen: [String: Node] = [:]
        for element in reader.sequence(node, "flags") {
            guard let entries = reader.mapping(element, in: "flag", allowed: Self.flagKeys,
                                               required: ["id", "title", "severity", "when", "explanation", "advice"]),
                  let idNode = entries["id"], let id = reader.identifier(idNode, "id") else { continue }
            if let first = seen[id] {
                reader.error("duplicate flag id '\(id)' (first defined at line \(reader.location(first).line))", at: idNode)
            }
            seen[id] = idNode
            let title = entries["title"].flatMap { reader.nonEmptyString($0, "title") } ?? id
            var severity = FlagSeverity.medium
            if let severityNode = entries["severity"], let name = reader.string(severityNode, "severity") {
                if let value = FlagSeverity(rawValue: name) {
                    severity = value
                } else {
                    reader.error("unknown severity '\(name)' (expected high, medium or low)", at: severityNode)
                }
            }
            var minN = survey.flagMinN
            if let minNode = entries["min_n"], let value = reader.integer(minNode, "min_n") {
                if value < 1 { reader.error("min_n must be positive, got \(value)", at: minNode) }
                minN = value
            }
            let roles = entries["roles"].flatMap { reader.roles($0, "roles") }
            let explanation = entries["explanation"].flatMap { reader.nonEmptyString($0, "explanation") } ?? ""
            let advice = entries["advice"].flatMap { reader.nonEmptyString($0, "advice") } ?? ""
            guard let whenNode = entries["when"],
                  let condition = parseCondition(whenNode, flag: id, survey: survey) else { continue }
            flags.append(FlagRule(id: id, title: title, severity: severity, minN: minN, roles: roles,
                                  condition: condition, explanation: explanation, advice: advice))
        }
        return flags
    }

    private func parseCondition(_ node: Node, flag: String, survey: Survey) -> FlagCondition? {
        let allowed = ["all", "any", "options", "roles"] + Self.statisticKeys + Self.comparisonKeys
        guard let entries = reader.mapping(node, in: "condition of flag '\(flag)'", allowed: allowed) else { return nil }
        for combinator in ["all", "any"] {
            guard let listNode = entries[combinator] else { continue }
            if entries.order.count > 1, let keyNode = entries.keys[combinator] {
                reader.error("'\(combinator)' must stand alone in its condition", at: keyNode)
                return nil
            }
            let parts = reader.sequence(listNode, "'\(combinator)'").compactMap { parseCondition($0, flag: flag, survey: survey) }
            if parts.isEmpty { reader.error("'\(combinator)' needs at least one condition", at: listNode) }
            return combinator == "all" ? .all(parts) : .any(parts)
        }
        let statistics = entries.order.filter { Self.statisticKeys.contains($0) }
        let comparisons = entries.order.filter { Self.comparisonKeys.contains($0) }
        guard statistics.count == 1, let statisticKey = statistics.first, let itemNode = entries[statisticKey] else {
            reader.error("a condition needs exactly one statistic (\(Self.statisticKeys.joined(separator: ", "))) or 'all'/'any'", at: node)
            return nil
        }
        guard comparisons.count == 1, let comparisonKey = comparisons.first, let thresholdNode = entries[comparisonKey],
              let comparison = FlagComparison(rawValue: comparisonKey) else {
            reader.error("a condition needs exactly one comparison (\(Self.comparisonKeys.joined(separator: ", ")))", at: node)
            return nil
        }
        guard let threshold = reader.number(thresholdNode, comparisonKey) else { return nil }
        guard let itemID = reader.string(itemNode, statisticKey) else { return nil }
        guard let item = survey.item(itemID) else {
            // An item that failed to parse has its own errors; naming it is not another one.
            if itemNodes[itemID] != nil { return nil }
            reader.error("flag '\(flag)' names unknown item '\(itemID)'\(itemHint(itemID))", at: itemNode)
            return nil
        }
        var optionIDs: [String] = []
        let takesOptions = statisticKey == "share_choosing" || statisticKey == "share_only"
        if let optionsNode = entries["options"] {
            if !takesOptions, let keyNode = entries.keys["options"] {
                reader.error("'options' applies only to share_choosing and share_only", at: keyNode)
            }
            for (option, optionNode) in reader.strings(optionsNode, "options") {
                if item.kind.options.contains(where: { $0.id == option }) {
                    optionIDs.append(option)
                } else if !item.kind.options.isEmpty {
                    let hint = closestMatch(to: option, in: item.kind.options.map(\.id)).map { " (did you mean '\($0)'?)" }
                        ?? " (expected one of \(item.kind.options.map(\.id).joined(separator: ", ")))"
                    reader.error("flag '\(flag)' names unknown option '\(option)' of item '\(itemID)'\(hint)", at: optionNode)
                }
            }
        } else if takesOptions {
            reader.error("\(statisticKey) needs 'options'", at: itemNode)
        }
        let statistic: FlagStatistic
        switch statisticKey {
        case "share_favorable": statistic = .shareFavorable
        case "share_unfavorable": statistic = .shareUnfavorable
        case "share_choosing": statistic = .shareChoosing(options: optionIDs)
        case "share_only": statistic = .shareOnly(options: optionIDs)
        case "mean": statistic = .mean
        default: statistic = .median
        }
        if let expected = Self.kindMismatch(statistic, item) {
            reader.error("\(statisticKey) cannot measure item '\(itemID)' of kind \(item.kind.name) (expected \(expected))", at: itemNode)
        }
        if statistic.isShare, !(0...100).contains(threshold) {
            reader.error("a share threshold is a percent from 0 to 100, got \(reader.format(threshold))", at: thresholdNode)
        }
        let roles = entries["roles"].flatMap { reader.roles($0, "roles") }
        return .test(FlagTest(statistic: statistic, item: itemID, comparison: comparison, threshold: threshold, roles: roles))
    }

    /// What a statistic needs when the item's kind cannot give it; nil when it can.
    private static func kindMismatch(_ statistic: FlagStatistic, _ item: Item) -> String? {
        switch (statistic, item.kind) {
        case (.shareFavorable, .agreement), (.shareUnfavorable, .agreement): return nil
        case (.shareFavorable, _), (.shareUnfavorable, _): return "an agreement item"
        case (.shareChoosing, .choice), (.shareChoosing, .multi), (.shareOnly, .choice), (.shareOnly, .multi): return nil
        case (.shareChoosing, _), (.shareOnly, _): return "a choice or multi item"
        case (.mean, .agreement), (.median, .agreement), (.mean, .numeric), (.median, .numeric): return nil
        case (.mean, .choice(let options)), (.median, .choice(let options)):
            return options.allSatisfy { $0.value != nil } ? nil : "an agreement or numeric item, or a choice item whose options all have a value"
        case (.mean, _), (.median, _): return "an agreement or numeric item, or a choice item whose options all have a value"
        }
    }
}
