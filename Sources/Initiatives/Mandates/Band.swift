/// The bands of the mandate table (seeds 000/002, Table 2). Raw values are the names used in rule
/// files, the CLI and the JSON API.
public enum BandName: String, CaseIterable, Codable, Sendable {
    /// Small requests the buurtcoördinator decides alone, from the wijk's handgeld.
    case klein
    /// A buurtdeal: the wijkwethouder with the buurtcoördinator, by subsidiebeschikking.
    case buurtdeal
    /// Larger requests: the teammanager prepares, the wijkwethouder approves.
    case groot
    /// Special district opportunities, paid from the gemeente-wide wijkkansen pot.
    case wijkkans
    /// Capital projects: the college proposes, the gemeenteraad approves in the budget.
    case investering
}

/// One row of the mandate table: which requests it covers, who decides them and where the money
/// comes from. Built only by validating a `RuleEditionDraft`, so its range, signatures and
/// thresholds are always consistent.
public struct Band: Hashable, Sendable {
    public let name: BandName
    /// The family of requests the band belongs to; bands of one kind tile (0, top] between them.
    public let kind: InitiativeKind
    /// Requests strictly above this amount…
    public let above: Cents
    /// …and at most this one; nil for a band without upper limit (investering).
    public let upTo: Cents?
    /// In signing order (who prepares first, who approves last). Every decider signs.
    public let deciders: [Role]
    /// Who advises the deciders without signing (wijkkans: buurtcoördinator and wijkwethouder).
    public let advisers: [Role]
    /// How many signatures a decision needs: always `deciders.count` (see `RuleEditionDraft`).
    public let signatures: Int
    public let budgetLine: BudgetLine
    /// The most one initiative may get in this band, where the table gives one.
    public let ceiling: Cents?
    /// The most the whole line may give in a year, where the table gives one (wijkkansen: € 75.000).
    public let lineCeiling: Cents?
    /// Whether draagvlak must be measured with a buurttoetsing before the decision.
    public let buurttoetsingRequired: Bool
    /// The share of support the verdict needs (SPEC §5), strictly between 0 and 1.
    public let threshold: Double
    /// The fewest respondents for a verdict other than `te_weinig_respons`.
    public let minN: Int

    /// Whether a request of `amount` falls in this band's range.
    public func covers(_ amount: Cents) -> Bool {
        amount > above && upTo.map { amount <= $0 } ?? true
    }

    /// The most a request may be in this band: the per-initiative ceiling, else the line's yearly
    /// total, else the top of the range; nil when nothing limits it.
    public var effectiveCeiling: Cents? { ceiling ?? lineCeiling ?? upTo }
}
