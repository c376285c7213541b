import Exports
import Foundation
import Initiatives
import Storage

/// A wijk's budget in one year, as the wijkthermometer, the open data and `draagvlak budget show` give it:
/// per line allocated (the rules plus transfers and carry-over), committed, spent and remaining, and the
/// initiatives behind the committed and spent amounts.
public struct BudgetOverview: Sendable {
    public struct Figures: Codable, Hashable, Sendable {
        public var allocatedCents: Int64
        public var committedCents: Int64
        public var spentCents: Int64
        public var remainingCents: Int64

        init(_ balance: LineBalance) {
            allocatedCents = balance.allocated.value
            committedCents = balance.committed.value
            spentCents = balance.spent.value
            remainingCents = balance.remaining.value
        }

        enum CodingKeys: String, CodingKey {
            case allocatedCents = "allocated_cents", committedCents = "committed_cents"
            case spentCents = "spent_cents", remainingCents = "remaining_cents"
        }
    }

    /// An initiative's share of a line.
    public struct Item: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var status: String
        public var line: String
        public var committedCents: Int64
        public var spentCents: Int64

        enum CodingKeys: String, CodingKey {
            case id, title, status, line
            case committedCents = "committed_cents", spentCents = "spent_cents"
        }
    }

    /// nil for the gemeente-wide wijkkansen pot.
    public let wijk: String?
    public let year: Int
    public let lines: [BudgetLine: LineBalance]
    public let items: [Item]

    /// The lines a wijk's thermometer shows; the pot has only its own.
    public static let wijkLines: [BudgetLine] = [.subsidie, .handgeld]

    /// The overview of `wijk` (nil: the wijkkansen pot) in `year`, from the rules and the ledger.
    public static func load(_ context: AppContext, wijk: String?, year: Int) async throws -> BudgetOverview {
        let entries = try await context.database.budgetLedger.entries(year: year, wijk: .some(wijk)).map(\.mutation)
        let allocation = context.rules.allocation(wijk: wijk ?? "", year: year)
        let lines: [BudgetLine] = wijk == nil ? [.wijkkansen] : wijkLines + [.investering]
        var balances: [BudgetLine: LineBalance] = [:]
        for line in lines {
            let allocated = line == .wijkkansen ? context.rules.wijkkansenPot(year: year) : allocation[line] ?? .zero
            balances[line] = LineBalance.of(line: line, wijk: wijk, year: year, allocation: allocated, mutations: entries)
        }
        // The initiatives behind the amounts: whatever they have committed or spent on these lines this year.
        var perInitiative: [String: (line: BudgetLine, committed: Cents, spent: Cents)] = [:]
        for mutation in entries {
            guard let id = mutation.initiativeID else { continue }
            var current = perInitiative[id] ?? (mutation.line, .zero, .zero)
            switch mutation.kind {
            case .commit: current.committed += mutation.amount
            case .release: current.committed -= mutation.amount
            case .spend: current.spent += mutation.amount
            default: break
            }
            perInitiative[id] = current
        }
        var items: [Item] = []
        for (id, figures) in perInitiative.sorted(by: { $0.key < $1.key }) {
            guard let initiative = try await context.database.initiatives.find(id: id) else { continue }
            items.append(Item(id: id, title: initiative.title, status: initiative.status.rawValue, line: figures.line.rawValue,
                              committedCents: figures.committed.value, spentCents: figures.spent.value))
        }
        return BudgetOverview(wijk: wijk, year: year, lines: balances, items: items)
    }

    /// The JSON of `draagvlak budget show` and the open data: `{"wijk", "year", "lines": {…}}`, plus the
    /// initiatives when asked.
    public func json(includingInitiatives: Bool) -> [UInt8] {
        struct Shape: Encodable {
            var wijk: String?
            var year: Int
            var lines: [String: Figures]
            var initiatives: [Item]?
            /// Capital charges approved by the raad: not a line the rules allocate, shown beside the lines.
            var investering: Figures?
        }
        let shape = Shape(
            wijk: wijk ?? "wijkkansen", year: year,
            lines: Dictionary(uniqueKeysWithValues: lines.filter { $0.key != .investering }.map { ($0.key.rawValue, Figures($0.value)) }),
            initiatives: includingInitiatives ? items : nil,
            investering: includingInitiatives ? lines[.investering].map(Figures.init) : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try! encoder.encode(shape))
    }

    /// One row per line, for open data.
    public static let csvHeader = "wijk,jaar,regel,toegekend_cent,gereserveerd_cent,besteed_cent,resterend_cent\r\n"

    public var csvRows: String {
        lines.sorted { $0.key.rawValue < $1.key.rawValue }.map { line, balance in
            [CSVField.encode(wijk ?? "wijkkansen"), String(year), line.rawValue, String(balance.allocated.value),
             String(balance.committed.value), String(balance.spent.value), String(balance.remaining.value)].joined(separator: ",") + "\r\n"
        }.joined()
    }
}
