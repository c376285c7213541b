import Foundation
import Initiatives
import Storage

/// What awaits a decider: initiatives in besluitvorming whose next signature is theirs (within their wijk),
/// each with its draagvlak, the criteria check and what approving would do to the budget line.
struct DecisionQueue {
    let context: AppContext

    func items(for principal: StaffPrincipal) async throws -> [[String: Any]] {
        guard let role = principal.decisionRole else { return [] }
        let waiting = try await context.database.initiatives.list(wijk: role.isBoundToWijk ? principal.wijk : nil, statuses: [.besluitvorming])
        var items: [[String: Any]] = []
        for initiative in waiting where initiative.awaitedSigner == role {
            let view = InitiativeView(context: context)
            var item: [String: Any?] = [
                "id": initiative.id, "title": initiative.title, "wijk": initiative.wijk, "band": initiative.route.band.rawValue,
                "requested": initiative.requested.dutch, "signature": initiative.signatures.count + 1, "of": initiative.escalation == nil ? initiative.route.signatures : 1,
                "escalated": initiative.escalation != nil,
                "criteria": initiative.criteria.map { $0.unmet.isEmpty ? "alle criteria voldaan" : "niet voldaan: \($0.unmet.joined(separator: "; "))" } ?? "niet getoetst",
            ]
            item["support"] = try await view.liveSupport(initiative)
            item["budget"] = try await budgetEffect(initiative)
            items.append(item.compactMapValues { $0 })
        }
        return items
    }

    /// The line the initiative would be paid from, what is left there now and after approval.
    func budgetEffect(_ initiative: Initiative) async throws -> [String: Any] {
        let line = initiative.route.budgetLine
        let wijk = Workflow.ledgerWijk(initiative)
        let year = initiative.budgetYear ?? CalendarDate.today().year
        let overview = try await BudgetOverview.load(context, wijk: wijk, year: year)
        let balance = overview.lines[line] ?? LineBalance(allocated: .zero)
        let after = initiative.status.holdsCommitment || initiative.status == .verantwoord || initiative.status == .afgesloten
            ? balance.remaining : balance.remaining - initiative.requested
        return [
            "line": WijkBudgetRoutes.lineName(line), "where": wijk ?? "gemeente", "year": year,
            "remaining": balance.remaining.dutch, "after": after.dutch, "overdraw": after < .zero && line != .investering,
        ]
    }
}
