/// Every edition of the mandate and budget rules, each in force from its effective date until the
/// next one's. An initiative is judged by the edition in force on the day it was submitted.
public struct RuleBook: Hashable, Sendable {
    /// Oldest first; no two share an effective date or an id.
    public let editions: [RuleEdition]

    public init(editions: [RuleEdition]) throws(RuleBookError) {
        var byDate: [CalendarDate: RuleEdition] = [:]
        var byID: [String: RuleEdition] = [:]
        var problems: [RuleBookError.Problem] = []
        for edition in editions {
            if let earlier = byDate[edition.effectiveFrom] {
                problems.append(.sameEffectiveDate(edition.effectiveFrom, first: earlier.id, second: edition.id))
            } else if let earlier = byID[edition.id] {
                problems.append(.sameID(edition.id, first: earlier.effectiveFrom, second: edition.effectiveFrom))
            }
            byDate[edition.effectiveFrom] = byDate[edition.effectiveFrom] ?? edition
            byID[edition.id] = byID[edition.id] ?? edition
        }
        guard problems.isEmpty else { throw RuleBookError(problems: problems) }
        self.editions = editions.sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// The edition in force on `date`: the latest one that took effect on or before it.
    public func edition(on date: CalendarDate) -> RuleEdition? {
        editions.last { $0.effectiveFrom <= date }
    }

    /// The band a request of `amount` for `wijk`, submitted on `date`, falls in, and who decides it.
    /// A request above the highest band of its kind is refused, never moved to another kind.
    public func route(amount: Cents, wijk: String, date: CalendarDate, kind: InitiativeKind) throws(MandateError) -> MandateRoute {
        guard amount > .zero else { throw .amountNotPositive(amount) }
        guard let edition = edition(on: date) else {
            throw .noEditionInForce(date: date, earliest: editions.first?.effectiveFrom)
        }
        guard edition.canonicalWijk(wijk) != nil else {
            throw .unknownWijk(wijk, edition: edition.id, known: edition.wijken)
        }
        let bands = edition.bands(of: kind)
        if let band = bands.first(where: { $0.covers(amount) }) {
            return MandateRoute(edition: edition, band: band)
        }
        // Validation makes the bands of a kind tile (0, top], so a positive amount that fits none
        // lies above the top band.
        guard let top = bands.last else { throw .noBand(kind: kind, edition: edition.id) }
        throw .aboveCeiling(amount: amount, band: top.name, ceiling: top.effectiveCeiling ?? top.above, kind: kind, edition: edition.id)
    }

    /// The edition a budget year is allocated by: the one in force on 1 January of that year. Table 1
    /// of each edition sets a whole year's budget ("vanaf 2021"), so a year is never split between
    /// two tables even if an edition were to take effect in the middle of it.
    public func edition(forBudgetYear year: Int) -> RuleEdition? {
        CalendarDate(year: year, month: 1, day: 1).flatMap { edition(on: $0) }
    }

    /// The wijk's subsidie and handgeld for `year` (see `edition(forBudgetYear:)`); empty when no
    /// edition covers that year or the edition does not know the wijk. The wijk is matched like
    /// `RuleEdition.canonicalWijk`.
    public func allocation(wijk: String, year: Int) -> [BudgetLine: Cents] {
        guard let edition = edition(forBudgetYear: year), let canonical = edition.canonicalWijk(wijk) else { return [:] }
        return edition.budgets[canonical] ?? [:]
    }

    /// The wijkkansen pot for `year` (see `edition(forBudgetYear:)`); zero when no edition covers it.
    public func wijkkansenPot(year: Int) -> Cents {
        edition(forBudgetYear: year)?.wijkkansenPot ?? .zero
    }
}

/// Editions that cannot stand side by side in one rule book.
public struct RuleBookError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// Two editions taking effect on one day would leave it open which one is in force.
        case sameEffectiveDate(CalendarDate, first: String, second: String)
        case sameID(String, first: CalendarDate, second: CalendarDate)

        public var description: String {
            switch self {
            case .sameEffectiveDate(let date, let first, let second):
                "editions '\(first)' and '\(second)' both take effect on \(date); one day can have only one edition in force"
            case .sameID(let id, let first, let second):
                "two editions are called '\(id)' (effective \(first) and \(second)); each edition needs its own id"
            }
        }
    }

    public let problems: [Problem]

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
