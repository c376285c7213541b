import Foundation
import GRDB
import Initiatives

/// The budget ledger read for the wijkthermometer, plus the two budget decisions that are not about one
/// initiative: half-yearly transfers between wijken and carry-over to the next year.
public struct BudgetLedgerRepository: Sendable {
    let pool: DatabasePool

    /// A ledger row with who recorded it and when.
    public struct Entry: Hashable, Sendable {
        public let id: Int64
        public let at: Date
        public let actor: String
        public let mutation: BudgetMutation
    }

    public enum DecisionError: Error, Sendable, CustomStringConvertible, Equatable {
        /// The decision is not possible: not enough left, same wijk twice, already carried over, …
        case refused(String)
        case storage(String)

        public var description: String {
            switch self {
            case .refused(let reason): reason
            case .storage(let reason): reason
            }
        }
    }

    /// Every mutation of a year, optionally of one wijk (`wijk: .some(nil)` selects the wijkkansen pot).
    public func entries(year: Int, wijk: String?? = nil) async throws(StorageError) -> [Entry] {
        try await run("read the budget ledger of \(year)") {
            try await pool.read { db in
                var sql = "SELECT * FROM budget_mutation WHERE year = ?"
                var arguments: StatementArguments = [year]
                if let wijk {
                    sql += " AND wijk IS ?"
                    arguments += [wijk]
                }
                return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).compactMap { row in
                    Self.mutation(from: row).map {
                        Entry(id: row["id"], at: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0), actor: row["actor"], mutation: $0)
                    }
                }
            }
        }
    }

    /// Moves `amount` of `line` from one wijk to another within `year`, as a recorded decision. Refused when
    /// the giving wijk has less than that left.
    public func transfer(
        _ amount: Cents, line: BudgetLine, from giver: String, to receiver: String, year: Int, half: Int,
        motivation: String, actor: String, allocation: @escaping @Sendable (BudgetLine, String?, Int) -> Cents
    ) async throws(DecisionError) {
        guard giver != receiver else { throw .refused("een overheveling gaat tussen twee verschillende wijken") }
        guard amount > .zero else { throw .refused("het bedrag moet groter zijn dan nul") }
        guard half == 1 || half == 2 else { throw .refused("een overheveling hoort bij het eerste (1) of tweede (2) halfjaar") }
        guard line == .subsidie || line == .handgeld else { throw .refused("alleen subsidie en handgeld van een wijk kunnen worden overgeheveld") }
        try await decide("transfer \(amount) of \(line.rawValue) from \(giver) to \(receiver)") { db in
            let balance = LineBalance.of(
                line: line, wijk: giver, year: year, allocation: allocation(line, giver, year),
                mutations: try InitiativeRepository.mutations(db, line: line, wijk: giver, year: year))
            guard amount <= balance.remaining else {
                throw DecisionError.refused("\(giver) heeft op '\(line.rawValue)' in \(year) nog \(balance.remaining.dutch) over, minder dan \(amount.dutch)")
            }
            let note = "overheveling halfjaar \(half) \(year): \(motivation)"
            let now = Timestamp.now()
            try InitiativeRepository.insert(BudgetMutation(kind: .transferOut, line: line, wijk: giver, year: year, amount: amount, note: note), actor: actor, at: now, in: db)
            try InitiativeRepository.insert(BudgetMutation(kind: .transferIn, line: line, wijk: receiver, year: year, amount: amount, note: note), actor: actor, at: now, in: db)
        }
    }

    /// Carries what is left of a line at the end of `year` over to the next year, once per line and wijk.
    /// Returns the amount carried; refused when nothing is left.
    @discardableResult
    public func carryOver(
        line: BudgetLine, wijk: String?, from year: Int, motivation: String, actor: String,
        allocation: @escaping @Sendable (BudgetLine, String?, Int) -> Cents
    ) async throws(DecisionError) -> Cents {
        try await decide("carry over \(line.rawValue) of \(wijk ?? "gemeente") from \(year)") { db in
            let mutations = try InitiativeRepository.mutations(db, line: line, wijk: wijk, year: year)
            guard !mutations.contains(where: { $0.kind == .carryOut }) else {
                throw DecisionError.refused("het restant van '\(line.rawValue)' \(wijk ?? "wijkkansen") \(year) is al overgeheveld naar \(year + 1)")
            }
            let balance = LineBalance.of(line: line, wijk: wijk, year: year, allocation: allocation(line, wijk, year), mutations: mutations)
            guard balance.remaining > .zero else {
                throw DecisionError.refused("er is niets over om mee te nemen: het restant is \(balance.remaining.dutch)")
            }
            let note = "restant \(year) naar \(year + 1): \(motivation)"
            let now = Timestamp.now()
            try InitiativeRepository.insert(BudgetMutation(kind: .carryOut, line: line, wijk: wijk, year: year, amount: balance.remaining, note: note), actor: actor, at: now, in: db)
            try InitiativeRepository.insert(BudgetMutation(kind: .carryIn, line: line, wijk: wijk, year: year + 1, amount: balance.remaining, note: note), actor: actor, at: now, in: db)
            return balance.remaining
        }
    }

    private func decide<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(DecisionError) -> T {
        do { return try await pool.write(body) } catch let error as DecisionError { throw error } catch {
            throw .storage(StorageError(operation: operation, underlying: error).description)
        }
    }

    static func mutation(from row: Row) -> BudgetMutation? {
        guard let kind = BudgetMutation.Kind(rawValue: row["kind"]), let line = BudgetLine(rawValue: row["line"]) else { return nil }
        return BudgetMutation(
            kind: kind, line: line, wijk: row["wijk"], year: row["year"], amount: Cents(row["amount_cents"]),
            initiativeID: row["initiative_id"], note: row["note"])
    }
}
