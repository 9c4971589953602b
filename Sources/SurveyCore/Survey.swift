import Foundation

/// A dimension of the operating model: a group of items scored together.
public struct Dimension: Codable, Hashable, Sendable {
    /// Stable id.
    public var id: String
    /// The title shown in reports.
    public var title: String
    /// A sentence on what it measures.
    public var description: String?
    /// Weight in the overall score.
    public var weight: Double
    /// The scale shared by its agreement items.
    public var scale: String
    /// Its items, agreement and behavioural.
    public var items: [Item]
    /// Advice per maturity band name.
    public var advice: [String: String]

    /// Creates a dimension.
    public init(id: String, title: String, description: String? = nil, weight: Double = 1, scale: String,
                items: [Item], advice: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.description = description
        self.weight = weight
        self.scale = scale
        self.items = items
        self.advice = advice
    }

    /// The items that enter the dimension score.
    public var agreementItems: [Item] {
        items.filter { if case .agreement = $0.kind { true } else { false } }
    }
}

/// A maturity band: a name and the lowest dimension mean it covers.
public struct MaturityBand: Codable, Hashable, Sendable {
    /// The name shown in reports ("Emerging").
    public var name: String
    /// The lowest mean, on the scale, that falls in this band.
    public var lowerBound: Double

    /// Creates a band.
    public init(name: String, lowerBound: Double) {
        self.name = name
        self.lowerBound = lowerBound
    }
}

/// A respondent attribute the collector reads from an export.
public enum AttributeKind: String, CaseIterable, Codable, CodingKeyRepresentable, Hashable, Sendable {
    case organisation, division, team, role, tenure
}

/// How exports name an attribute, and for roles, how they spell each role.
public struct AttributeSpec: Codable, Hashable, Sendable {
    /// Header texts that carry it.
    public var aliases: [String]
    /// For `role`: canonical role → spellings in exports.
    public var roleSpellings: [Role: [String]]
    /// For `tenure`: the allowed answers, in order.
    public var options: [String]

    /// Creates an attribute description.
    public init(aliases: [String], roleSpellings: [Role: [String]] = [:], options: [String] = []) {
        self.aliases = aliases
        self.roleSpellings = roleSpellings
        self.options = options
    }
}

/// A survey definition: the operating model as dimensions, items, scales, bands and flags.
///
/// Identified by ``id``, ``version`` and ``contentHash``; a later version says which reworded
/// items carry over so trends compare like with like.
public struct Survey: Codable, Hashable, Sendable {
    /// The survey id.
    public var id: String
    /// The version number.
    public var version: Int
    /// The title.
    public var title: String
    /// What it measures.
    public var description: String?
    /// The version this one follows.
    public var previousVersion: Int?
    /// Items reworded in this version whose trend line continues.
    public var carryOver: [String]
    /// The default anonymity threshold.
    public var minGroup: Int
    /// The default minimum base of a flag.
    public var flagMinN: Int
    /// Answer scales by id.
    public var scales: [AnswerScale]
    /// Dimensions in report order.
    public var dimensions: [Dimension]
    /// Respondent attributes.
    public var attributes: [AttributeKind: AttributeSpec]
    /// Maturity bands, increasing.
    public var bands: [MaturityBand]
    /// Anti-pattern flags.
    public var flags: [FlagRule]
    /// SHA-256 of the definition's canonical content, hex; set by the loader.
    public var contentHash: String

    /// Creates a survey.
    public init(id: String, version: Int, title: String, description: String? = nil, previousVersion: Int? = nil,
                carryOver: [String] = [], minGroup: Int = 5, flagMinN: Int = 10, scales: [AnswerScale],
                dimensions: [Dimension], attributes: [AttributeKind: AttributeSpec] = [:],
                bands: [MaturityBand], flags: [FlagRule] = [], contentHash: String = "") {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.previousVersion = previousVersion
        self.carryOver = carryOver
        self.minGroup = minGroup
        self.flagMinN = flagMinN
        self.scales = scales
        self.dimensions = dimensions
        self.attributes = attributes
        self.bands = bands
        self.flags = flags
        self.contentHash = contentHash
    }

    /// `id@version`, as users name a survey on the command line.
    public var reference: String { "\(id)@\(version)" }

    /// Every item in survey order.
    public var items: [Item] { dimensions.flatMap(\.items) }

    /// The item with this id.
    public func item(_ id: String) -> Item? {
        for dimension in dimensions {
            if let item = dimension.items.first(where: { $0.id == id }) { return item }
        }
        return nil
    }

    /// The scale with this id.
    public func scale(_ id: String) -> AnswerScale? {
        scales.first { $0.id == id }
    }

    /// The band a dimension mean falls in.
    public func band(for mean: Double) -> MaturityBand? {
        bands.last { mean >= $0.lowerBound } ?? bands.first
    }
}
