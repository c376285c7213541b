// TEMPORARY: stands in for the mandates branch's MandateRoute until it is merged.
public struct MandateRoute: Codable, Hashable, Sendable {
    public var edition: String
    public var band: String
    public var deciders: [Role]
    public var signatures: Int
    public var budgetLine: BudgetLine
    public var ceiling: Cents?
    public var buurttoetsingRequired: Bool
    public var threshold: Double
    public var minN: Int
    public init(edition: String, band: String, deciders: [Role], signatures: Int, budgetLine: BudgetLine, ceiling: Cents?, buurttoetsingRequired: Bool, threshold: Double, minN: Int) {
        self.edition = edition; self.band = band; self.deciders = deciders; self.signatures = signatures
        self.budgetLine = budgetLine; self.ceiling = ceiling; self.buurttoetsingRequired = buurttoetsingRequired
        self.threshold = threshold; self.minN = minN
    }
}
