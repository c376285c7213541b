/// One edition of the mandate and budget rules (a version of seeds Tables 1 and 2), in force from
/// its effective date until the next edition's. Built only by validating a `RuleEditionDraft`.
public struct RuleEdition: Hashable, Sendable {
    /// Short and stable, e.g. "2019" or "2020": the edition a route names.
    public let id: String
    public let title: String
    /// Where the figures come from (document, chapter, tables).
    public let source: String
    public let effectiveFrom: CalendarDate
    /// Per kind in ascending amount order.
    public let bands: [Band]
    /// The wijken in the order the table lists them.
    public let wijken: [String]
    /// Wijk -> its subsidie and handgeld for a year.
    public let budgets: [String: [BudgetLine: Cents]]
    /// The gemeente-wide pot for bijzondere wijkkansen, per year.
    public let wijkkansenPot: Cents
    /// Other reservations the budget table counts in its total (wijkkansen, the digital platform).
    public let reservations: [Reservation]
    /// Who may approve a decision that would overdraw a wijk's line (seeds footnotes 17/18); nil
    /// when no one may.
    public let overdrawApprover: Role?

    /// The bands of one kind, lowest first.
    public func bands(of kind: InitiativeKind) -> [Band] { bands.filter { $0.kind == kind } }

    public func band(named name: BandName) -> Band? { bands.first { $0.name == name } }

    /// The wijk as this edition spells it, matching case-insensitively and ignoring extra spaces.
    public func canonicalWijk(_ name: String) -> String? {
        let key = Self.matchKey(name)
        return wijken.first { Self.matchKey($0) == key }
    }

    static func matchKey(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

/// A named amount the budget table sets aside outside the wijken.
public struct Reservation: Hashable, Sendable {
    public let name: String
    public let amount: Cents

    public init(name: String, amount: Cents) {
        self.name = name
        self.amount = amount
    }
}
