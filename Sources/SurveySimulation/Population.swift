import SurveyCore

/// One synthetic respondent: where they sit, their role, and how mature their surroundings are.
struct Respondent {
    var organisation: String
    var division: String
    var team: String
    var role: Role
    var roleSpelling: String
    /// Latent maturity in scale points around the middle (about -2 … +2).
    var maturity: Double
    /// How much process overhead surrounds them (0 light … 1 SAFe-heavy).
    var overhead: Double
    /// Their division's strengths and weaknesses, per dimension (added to `maturity`).
    var dimensionShift: [Double]
}

/// The organisations, divisions and teams of a synthetic dataset, and their tendencies.
struct Population: Sendable {
    struct Division: Sendable {
        var name: String
        var teams: [String]
        /// Maturity in the first wave.
        var baseline: Double
        /// Change per wave.
        var trend: Double
        /// Process overhead, 0 … 1.
        var overhead: Double
        /// Relative size.
        var size: Double
        /// Strengths and weaknesses per dimension position.
        var dimensionShift: [Double]
    }

    struct Organisation: Sendable {
        var name: String
        var divisions: [Division]
        var cumulativeSizes: [Double]
    }

    static let organisationNames = [
        "Northwind Bank", "Helios Insurance", "Corvus Pharma", "Alder Mutual", "Meridian Health",
        "Blue Harbor Bank", "Quill Assurance", "Tessera Labs", "Granite Capital", "Solace Life",
        "Vantage Logistics", "Orchid Biotech",
    ]
    static let divisionNames = [
        "Retail Banking", "Payments", "Claims", "Underwriting", "Digital Channels", "Data Platform",
        "Clinical Systems", "Commercial Lending", "Customer Service", "Wealth Management",
        "Risk & Compliance", "Research IT", "Supply Chain", "Group Technology", "Marketing Technology",
    ]
    static let teamNames = [
        "Aurora", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Indigo", "Juniper",
        "Kestrel", "Lumen", "Mosaic", "Nimbus", "Orbit", "Pioneer", "Quasar", "Redwood", "Summit", "Tidal",
    ]
    static let tenures = ["Less than 1 year", "1-3 years", "3-5 years", "More than 5 years"]
    /// Role mix of a typical product and technology population.
    static let roleMix: [(Role, Double)] = [
        (.productOwner, 0.20), (.productManager, 0.10), (.engineering, 0.45), (.design, 0.10),
        (.leadership, 0.07), (.other, 0.08),
    ]
    let organisations: [Organisation]
    /// Spellings of each role in exports: the survey's own, else the canonical name.
    let roleSpellings: [Role: [String]]

    init(organisations count: Int, seed: UInt64, roleSpellings: [Role: [String]], dimensions: Int) {
        self.roleSpellings = roleSpellings
        var random = RandomSource(seed: seed ^ 0x5EED_0F_0A_11)
        var divisionPool = Self.divisionNames
        var result: [Organisation] = []
        for index in 0..<count {
            let divisionCount = 3 + random.index(3)
            var divisions: [Division] = []
            var teamPool = Self.teamNames
            for d in 0..<divisionCount {
                if divisionPool.isEmpty { divisionPool = Self.divisionNames }
                let name = divisionPool.remove(at: random.index(divisionPool.count))
                var teams: [String] = []
                for _ in 0..<(3 + random.index(3)) {
                    if teamPool.isEmpty { teamPool = Self.teamNames }
                    teams.append(teamPool.remove(at: random.index(teamPool.count)))
                }
                // The first division is SAFe-heavy, the second product-led; the rest sit between,
                // and every other one improves over the waves.
                let baseline: Double, trend: Double, overhead: Double
                switch d {
                case 0: (baseline, trend, overhead) = (-1.0, 0.05, 0.9)
                case 1: (baseline, trend, overhead) = (0.9, 0.05, 0.15)
                default:
                    baseline = -0.4 + random.unit() * 0.8
                    trend = d % 2 == 0 ? 0.25 : 0.0
                    overhead = 0.35 + random.unit() * 0.3
                }
                // Every division is stronger in some dimensions than others; the SAFe-heavy one is
                // weakest in every other dimension (discovery, careers in the shipped instrument).
                var shift = (0..<dimensions).map { _ in random.normal() * 0.3 }
                if d == 0 { for i in stride(from: 1, to: dimensions, by: 2) { shift[i] -= 0.45 } }
                divisions.append(Division(name: name, teams: teams, baseline: baseline + Double(index % 3 - 1) * 0.15,
                                          trend: trend, overhead: overhead, size: 0.6 + random.unit(), dimensionShift: shift))
            }
            var cumulative: [Double] = []
            var total = 0.0
            for division in divisions {
                total += division.size
                cumulative.append(total)
            }
            result.append(Organisation(name: Self.organisationNames[index], divisions: divisions,
                                       cumulativeSizes: cumulative.map { $0 / total }))
        }
        organisations = result
    }

    func drawRespondent(_ random: inout RandomSource, wave: Int) -> Respondent {
        let organisation = organisations[random.index(organisations.count)]
        let u = random.unit()
        let divisionIndex = organisation.cumulativeSizes.firstIndex { u < $0 } ?? organisation.divisions.count - 1
        let division = organisation.divisions[divisionIndex]
        let team = division.teams[random.index(division.teams.count)]
        var role = Role.other
        var r = random.unit()
        for (candidate, share) in Self.roleMix {
            if r < share { role = candidate; break }
            r -= share
        }
        let declared = roleSpellings[role] ?? []
        let spellings = declared.isEmpty ? [role.displayName] : declared
        let spelling = spellings[random.index(spellings.count)]
        // Product Owners in heavy-process divisions sit furthest from the operating model.
        let roleShift = role == .productOwner ? -0.5 * division.overhead : role == .productManager ? 0.2 : 0
        let maturity = division.baseline + division.trend * Double(wave) + roleShift + random.normal() * 0.55
        let overhead = min(1, max(0, division.overhead - division.trend * Double(wave) * 0.5))
        return Respondent(organisation: organisation.name, division: division.name, team: team, role: role,
                          roleSpelling: spelling, maturity: maturity, overhead: overhead, dimensionShift: division.dimensionShift)
    }
}
