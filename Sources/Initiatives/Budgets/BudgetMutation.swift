/// One change to a budget line, as the ledger records it. Allocations come from the rule files; every
/// other amount on a wijkthermometer is the sum of these.
public struct BudgetMutation: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// Money reserved by an approval.
        case commit
        /// A reservation given back (withdrawal, or the unspent part at accounting).
        case release
        /// Money actually spent, recorded at accounting.
        case spend
        /// A half-yearly transfer between wijken: the receiving and the giving side.
        case transferIn = "transfer_in"
        case transferOut = "transfer_out"
        /// What was left at the end of a year, moved to the next: arriving and leaving.
        case carryIn = "carry_in"
        case carryOut = "carry_out"
    }

    public var kind: Kind
    public var line: BudgetLine
    /// nil for the gemeente-wide wijkkansen pot.
    public var wijk: String?
    public var year: Int
    /// Always positive; the kind says which way it goes.
    public var amount: Cents
    public var initiativeID: String?
    public var note: String

    public init(kind: Kind, line: BudgetLine, wijk: String?, year: Int, amount: Cents, initiativeID: String? = nil, note: String = "") {
        self.kind = kind
        self.line = line
        self.wijk = wijk
        self.year = year
        self.amount = amount
        self.initiativeID = initiativeID
        self.note = note
    }
}

/// A budget line's position: what it was given, what is promised, what is spent, and what is left.
public struct LineBalance: Codable, Hashable, Sendable {
    public var allocated: Cents
    public var committed: Cents
    public var spent: Cents

    public init(allocated: Cents, committed: Cents = .zero, spent: Cents = .zero) {
        self.allocated = allocated
        self.committed = committed
        self.spent = spent
    }

    public var remaining: Cents { allocated - committed - spent }

    /// The balance of one line given its allocation from the rules and the ledger's mutations of that line
    /// (mutations of other lines, wijken or years are ignored, so callers may pass a whole ledger).
    public static func of(line: BudgetLine, wijk: String?, year: Int, allocation: Cents, mutations: [BudgetMutation]) -> LineBalance {
        var balance = LineBalance(allocated: allocation)
        for mutation in mutations where mutation.line == line && mutation.wijk == wijk && mutation.year == year {
            switch mutation.kind {
            case .commit: balance.committed += mutation.amount
            case .release: balance.committed -= mutation.amount
            case .spend: balance.spent += mutation.amount
            case .transferIn, .carryIn: balance.allocated += mutation.amount
            case .transferOut, .carryOut: balance.allocated -= mutation.amount
            }
        }
        return balance
    }
}
