/// Where a request goes under the rules in force: the band, who decides and signs, which line pays,
/// and what draagvlak the decision needs. The staff tools print it as JSON with exactly these keys.
public struct MandateRoute: Hashable, Codable, Sendable {
    /// The id of the edition the request was judged by.
    public let edition: String
    public let band: BandName
    /// In signing order.
    public let deciders: [Role]
    public let signatures: Int
    public let budgetLine: BudgetLine
    /// The most one request may get by this route; nil when nothing limits it (investering).
    public let ceiling: Cents?
    public let buurttoetsingRequired: Bool
    public let threshold: Double
    public let minN: Int

    public init(edition: RuleEdition, band: Band) {
        self.edition = edition.id
        self.band = band.name
        deciders = band.deciders
        signatures = band.signatures
        budgetLine = band.budgetLine
        ceiling = band.effectiveCeiling
        buurttoetsingRequired = band.buurttoetsingRequired
        threshold = band.threshold
        minN = band.minN
    }

    /// A route as stored with an initiative, or written out in a test.
    public init(
        edition: String, band: BandName, deciders: [Role], signatures: Int, budgetLine: BudgetLine, ceiling: Cents?,
        buurttoetsingRequired: Bool, threshold: Double, minN: Int
    ) {
        self.edition = edition
        self.band = band
        self.deciders = deciders
        self.signatures = signatures
        self.budgetLine = budgetLine
        self.ceiling = ceiling
        self.buurttoetsingRequired = buurttoetsingRequired
        self.threshold = threshold
        self.minN = minN
    }

    enum CodingKeys: String, CodingKey {
        case edition, band, deciders, signatures, threshold
        case budgetLine = "budget_line"
        case ceiling = "ceiling_cents"
        case buurttoetsingRequired = "buurttoetsing_required"
        case minN = "min_n"
    }

    /// Writes `ceiling_cents: null` rather than leaving the key out, so every route has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(edition, forKey: .edition)
        try container.encode(band, forKey: .band)
        try container.encode(deciders, forKey: .deciders)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(budgetLine, forKey: .budgetLine)
        try container.encode(ceiling, forKey: .ceiling)
        try container.encode(buurttoetsingRequired, forKey: .buurttoetsingRequired)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(minN, forKey: .minN)
    }
}
