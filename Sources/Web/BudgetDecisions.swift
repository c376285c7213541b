import Foundation
import Initiatives
import Storage

/// Budget decisions that are not about one initiative, with the allocations of the rules in force: the
/// same for the staff pages and the command line.
public struct BudgetDecisions: Sendable {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    public func transfer(
        _ amount: Cents, line: BudgetLine, from giver: String, to receiver: String, year: Int, half: Int, motivation: String, actor: String
    ) async throws(BudgetLedgerRepository.DecisionError) {
        guard motivation.contains(where: { !$0.isWhitespace }) else { throw .refused("een motivering is verplicht") }
        try await context.database.budgetLedger.transfer(
            amount, line: line, from: giver, to: receiver, year: year, half: half, motivation: motivation, actor: actor,
            allocation: context.budgetRules.allocation)
    }

    @discardableResult
    public func carryOver(line: BudgetLine, wijk: String?, from year: Int, motivation: String, actor: String) async throws(BudgetLedgerRepository.DecisionError) -> Cents {
        guard motivation.contains(where: { !$0.isWhitespace }) else { throw .refused("een motivering is verplicht") }
        return try await context.database.budgetLedger.carryOver(
            line: line, wijk: wijk, from: year, motivation: motivation, actor: actor, allocation: context.budgetRules.allocation)
    }
}
