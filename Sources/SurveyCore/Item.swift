/// One answer option of a choice or multiple-choice item.
public struct ChoiceOption: Codable, Hashable, Sendable {
    /// Stable id, unique within its item.
    public var id: String
    /// The text respondents see.
    public var label: String
    /// Other texts exports use for it.
    public var aliases: [String]
    /// An ordinal score (least to most mature), when the item's options are ordered by value.
    public var value: Double?
    /// Whether choosing it excludes every other option ("None").
    public var exclusive: Bool

    /// Creates an option.
    public init(id: String, label: String, aliases: [String] = [], value: Double? = nil, exclusive: Bool = false) {
        self.id = id
        self.label = label
        self.aliases = aliases
        self.value = value
        self.exclusive = exclusive
    }
}

/// What kind of answer an item takes.
public enum ItemKind: Codable, Hashable, Sendable {
    /// A rating on the dimension's ordered scale (Likert).
    case agreement(scale: String)
    /// One option among ordered options.
    case choice(options: [ChoiceOption])
    /// Any number of options, as checkbox questions export them.
    case multi(options: [ChoiceOption])
    /// A number with a unit and an inclusive range.
    case numeric(unit: String, min: Double, max: Double, integer: Bool)
    /// Free text: stored, reported only as SCORING.md allows.
    case text

    /// The kind's name in survey files.
    public var name: String {
        switch self {
        case .agreement: "agreement"
        case .choice: "choice"
        case .multi: "multi"
        case .numeric: "numeric"
        case .text: "text"
        }
    }

    /// The options of a choice or multi item; empty otherwise.
    public var options: [ChoiceOption] {
        switch self {
        case .choice(let options), .multi(let options): options
        default: []
        }
    }
}

/// One question of a survey.
public struct Item: Codable, Hashable, Sendable {
    /// Stable id, unique in the survey; reports and the store key on it.
    public var id: String
    /// The question text.
    public var text: String
    /// The answer kind.
    public var kind: ItemKind
    /// Whether a high answer means low maturity (recoded `min + max - x`).
    public var reverse: Bool
    /// Weight in its dimension's score.
    public var weight: Double
    /// Other header texts exports use for it.
    public var aliases: [String]
    /// The roles it applies to; nil means every role.
    public var roles: [Role]?
    /// Extra answer texts read as missing for this item ("Not my role").
    public var missing: [String]
    /// The id of the dimension it belongs to.
    public var dimension: String

    /// Creates an item.
    public init(id: String, text: String, kind: ItemKind, reverse: Bool = false, weight: Double = 1,
                aliases: [String] = [], roles: [Role]? = nil, missing: [String] = [], dimension: String) {
        self.id = id
        self.text = text
        self.kind = kind
        self.reverse = reverse
        self.weight = weight
        self.aliases = aliases
        self.roles = roles.map { Array(Set($0)).sorted() }
        self.missing = missing
        self.dimension = dimension
    }

    /// Whether the item is asked of a respondent with this role (nil: role unknown, asked).
    public func applies(to role: Role?) -> Bool {
        guard let roles, let role else { return true }
        return roles.contains(role)
    }
}
