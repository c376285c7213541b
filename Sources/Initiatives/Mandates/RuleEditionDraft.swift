/// An edition as written in a rule file, before any check: names are still text, so that an unknown
/// role or band is a problem to report rather than something the reader cannot express.
/// `validated(wijken:)` turns it into a `RuleEdition` or lists every problem.
///
/// Signatures: every decider signs, in the listed order, so `signatures` must equal the number of
/// deciders. Someone whose word counts without a signature (the advisers of a wijkkans) is an
/// adviser, not a decider. The file states the number anyway, because that is how the tables read
/// ("twee handtekeningen") and a mismatch reveals a decider left out or added by mistake.
public struct RuleEditionDraft: Hashable, Sendable {
    public var id: String
    public var title: String
    public var source: String
    public var effectiveFrom: CalendarDate
    public var wijkkansenPot: Cents
    public var overdrawApprover: String?
    public var budget: BudgetTableDraft
    public var bands: [BandDraft]

    public init(
        id: String, title: String, source: String, effectiveFrom: CalendarDate, wijkkansenPot: Cents,
        overdrawApprover: String?, budget: BudgetTableDraft, bands: [BandDraft]
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.effectiveFrom = effectiveFrom
        self.wijkkansenPot = wijkkansenPot
        self.overdrawApprover = overdrawApprover
        self.budget = budget
        self.bands = bands
    }
}

/// One row of the mandate table as written.
public struct BandDraft: Hashable, Sendable {
    public var name: String
    public var kind: String
    /// Exclusive lower end of the amounts the band covers.
    public var above: Cents
    /// Inclusive upper end; nil for no limit.
    public var upTo: Cents?
    public var deciders: [String]
    public var advisers: [String]
    public var signatures: Int
    public var budgetLine: String
    public var ceiling: Cents?
    public var lineCeiling: Cents?
    public var buurttoetsingRequired: Bool
    public var threshold: Double
    public var minN: Int

    public init(
        name: String, kind: String, above: Cents, upTo: Cents?, deciders: [String], advisers: [String] = [],
        signatures: Int, budgetLine: String, ceiling: Cents?, lineCeiling: Cents? = nil,
        buurttoetsingRequired: Bool, threshold: Double, minN: Int
    ) {
        self.name = name
        self.kind = kind
        self.above = above
        self.upTo = upTo
        self.deciders = deciders
        self.advisers = advisers
        self.signatures = signatures
        self.budgetLine = budgetLine
        self.ceiling = ceiling
        self.lineCeiling = lineCeiling
        self.buurttoetsingRequired = buurttoetsingRequired
        self.threshold = threshold
        self.minN = minN
    }
}

/// The budget table (seeds Table 1) as written, stated totals included so they can be checked.
public struct BudgetTableDraft: Hashable, Sendable {
    /// In the order of the table.
    public var wijken: [WijkBudgetRow]
    /// The table's gemeente row: the totals of the wijken, and in `total` the whole table.
    public var gemeente: BudgetRow
    /// Rows outside the wijken that the gemeente total counts (wijkkansen, the digital platform).
    public var reserved: [Reservation]

    public init(wijken: [WijkBudgetRow], gemeente: BudgetRow, reserved: [Reservation] = []) {
        self.wijken = wijken
        self.gemeente = gemeente
        self.reserved = reserved
    }
}

public struct WijkBudgetRow: Hashable, Sendable {
    public var name: String
    public var row: BudgetRow

    public init(name: String, row: BudgetRow) {
        self.name = name
        self.row = row
    }
}

/// A line of the budget table: subsidie, handgeld and the total the table states for them.
public struct BudgetRow: Hashable, Sendable {
    public var subsidie: Cents
    public var handgeld: Cents
    public var total: Cents

    public init(subsidie: Cents, handgeld: Cents, total: Cents) {
        self.subsidie = subsidie
        self.handgeld = handgeld
        self.total = total
    }
}
