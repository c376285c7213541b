/// The lifecycle of SPEC §6 as a pure function: given an initiative, an action, who asks and the state of
/// the budget line, either the initiative after the action plus the ledger mutations it causes, or the
/// reason it is refused. Nothing is stored here; storage applies the outcome and its audit entry in one
/// transaction.
public enum Workflow {
    /// What the workflow needs to know beyond the initiative itself.
    public struct Context: Sendable {
        public var today: CalendarDate
        /// The balance of the line the route charges, for the initiative's wijk (or the pot) in `today`'s year.
        public var balance: LineBalance
        /// Who may allow an overdraw under the edition the initiative is judged by; nil if nobody may.
        public var overdrawApprover: Role?

        public init(today: CalendarDate, balance: LineBalance, overdrawApprover: Role?) {
            self.today = today
            self.balance = balance
            self.overdrawApprover = overdrawApprover
        }
    }

    /// A transition that passed every check.
    public struct Outcome: Sendable {
        public var initiative: Initiative
        public var from: InitiativeStatus
        public var mutations: [BudgetMutation]
    }

    public static func apply(
        _ action: InitiativeAction, by actor: Actor, to initiative: Initiative, context: Context
    ) throws(WorkflowRefusal) -> Outcome {
        var next = initiative
        var mutations: [BudgetMutation] = []
        let status = initiative.status
        func require(_ allowed: InitiativeStatus...) throws(WorkflowRefusal) {
            guard allowed.contains(status) else { throw .wrongState(action: action.name, status: status) }
        }
        func requireText(_ text: String, _ what: String) throws(WorkflowRefusal) {
            guard text.contains(where: { !$0.isWhitespace }) else { throw .precondition("\(what) is verplicht") }
        }
        let name: String
        switch actor {
        case .official(let official, _, _): name = official
        case .owner: name = "initiatiefnemer"
        case .staff(let staff): name = staff
        }

        switch action {
        case .startReview:
            try requireCoordinator(actor, initiative)
            try require(.ingediend)
            next.status = .inBehandeling

        case .recordCriteria(let check):
            try requireCoordinator(actor, initiative)
            try require(.inBehandeling)
            next.criteria = check

        case .startBuurttoetsing(let surveyID):
            try requireCoordinator(actor, initiative)
            try require(.inBehandeling)
            try requireCriteriaMet(initiative)
            next.surveyID = surveyID
            next.status = .buurttoetsing

        case .skipBuurttoetsing(let motivation):
            try requireCoordinator(actor, initiative)
            try require(.inBehandeling)
            try requireCriteriaMet(initiative)
            guard !initiative.route.buurttoetsingRequired else {
                throw .precondition("voor de band '\(initiative.route.band)' is een buurttoetsing verplicht")
            }
            try requireText(motivation, "een motivering om zonder buurttoetsing verder te gaan")
            next.status = .besluitvorming

        case .endBuurttoetsing(let support):
            try requireCoordinator(actor, initiative)
            try require(.buurttoetsing)
            next.support = support
            next.status = .besluitvorming

        case .escalate(let motivation):
            try require(.besluitvorming)
            try requireDecider(actor, initiative)
            guard initiative.escalation == nil else { throw .precondition("het initiatief ligt al bij het college") }
            guard !hasSufficientSupport(initiative) else {
                throw .precondition("het draagvlak is voldoende; een override is niet nodig")
            }
            try requireText(motivation, "een motivering voor de override")
            next.escalation = Note(by: actor.label, on: context.today, text: motivation)

        case .authorizeOverdraw(let motivation):
            try require(.besluitvorming)
            guard let approver = context.overdrawApprover else {
                throw .forbidden("de mandaatregels (editie \(initiative.route.edition)) staan niemand toe een budgetregel te overschrijden")
            }
            guard actor.role == approver, actor.actsFor(wijk: initiative.wijk) else {
                throw .forbidden("alleen de \(approver.rawValue) van wijk \(initiative.wijk) mag een overschrijding toestaan")
            }
            try requireText(motivation, "een motivering voor de overschrijding")
            next.overdraw = Note(by: actor.label, on: context.today, text: motivation)

        case .sign(let note, let reference):
            try require(.besluitvorming)
            guard let awaited = initiative.awaitedSigner else {
                throw .precondition("er wordt geen handtekening meer verwacht")
            }
            try requireDecider(actor, initiative)
            guard actor.role == awaited else {
                throw .forbidden(
                    initiative.escalation != nil
                        ? "zonder voldoende draagvlak beslist het college; de \(actor.role?.rawValue ?? "initiatiefnemer") kan niet tekenen"
                        : "de volgende handtekening is die van de \(awaited.rawValue), niet van de \(actor.role?.rawValue ?? "initiatiefnemer")")
            }
            let isLast = initiative.escalation != nil || initiative.signatures.count + 1 == initiative.route.signatures
            if isLast {
                guard hasSufficientSupport(initiative) || initiative.escalation != nil else {
                    throw .precondition(
                        "het draagvlak is niet 'voldoende' (\(initiative.support?.verdict ?? "niet gemeten")); goedkeuren kan alleen met een override met motivering, en dan beslist het college")
                }
                try requireBudget(initiative, context)
                try requireText(reference ?? "", "het kenmerk van de buurtdeal of subsidiebeschikking")
            }
            next.signatures.append(Signature(role: actor.role!, by: name, on: context.today, note: note))
            if isLast {
                next.status = .goedgekeurd
                next.decision = Decision(outcome: .goedgekeurd, by: actor.label, on: context.today, motivation: note, reference: reference)
                next.budgetYear = context.today.year
                next.committed = initiative.requested
                mutations.append(BudgetMutation(
                    kind: .commit, line: initiative.route.budgetLine, wijk: ledgerWijk(initiative), year: context.today.year,
                    amount: initiative.requested, initiativeID: initiative.id, note: "goedgekeurd: \(reference ?? "")"))
            }

        case .reject(let motivation):
            try require(.besluitvorming)
            try requireDecider(actor, initiative)
            try requireText(motivation, "een motivering bij afwijzing")
            next.status = .afgewezen
            next.decision = Decision(outcome: .afgewezen, by: actor.label, on: context.today, motivation: motivation, reference: nil)

        case .withdraw(let reason):
            if actor != .owner { try requireCoordinator(actor, initiative) }
            guard !status.isFinal, status != .verantwoord else { throw .wrongState(action: action.name, status: status) }
            try requireText(reason, "een reden")
            if initiative.committed > .zero, let year = initiative.budgetYear {
                mutations.append(BudgetMutation(
                    kind: .release, line: initiative.route.budgetLine, wijk: ledgerWijk(initiative), year: year,
                    amount: initiative.committed, initiativeID: initiative.id, note: "teruggetrokken"))
                next.committed = .zero
            }
            next.status = .teruggetrokken

        case .startExecution:
            try requireCoordinator(actor, initiative)
            try require(.goedgekeurd)
            next.status = .inUitvoering

        case .account(let actualCost, let feedback):
            try requireCoordinator(actor, initiative)
            try require(.inUitvoering)
            try requireText(feedback, "de terugkoppeling aan de buurt")
            guard actualCost >= .zero else { throw .precondition("de werkelijke kosten kunnen niet negatief zijn") }
            let year = initiative.budgetYear ?? context.today.year
            // Spending more than was approved needs a new decision; the difference is not silently taken.
            guard actualCost <= initiative.committed else {
                throw .precondition(
                    "de werkelijke kosten (\(actualCost.dutch)) zijn hoger dan het goedgekeurde bedrag (\(initiative.committed.dutch)); daarvoor is een nieuw besluit nodig")
            }
            mutations.append(BudgetMutation(
                kind: .release, line: initiative.route.budgetLine, wijk: ledgerWijk(initiative), year: year,
                amount: initiative.committed, initiativeID: initiative.id, note: "verantwoord"))
            if actualCost > .zero {
                mutations.append(BudgetMutation(
                    kind: .spend, line: initiative.route.budgetLine, wijk: ledgerWijk(initiative), year: year,
                    amount: actualCost, initiativeID: initiative.id, note: "werkelijke kosten"))
            }
            next.committed = .zero
            next.spent = actualCost
            next.feedback = feedback
            next.status = .verantwoord

        case .close:
            try requireCoordinator(actor, initiative)
            try require(.verantwoord)
            next.status = .afgesloten
        }
        return Outcome(initiative: next, from: status, mutations: mutations)
    }

    /// The wijk a line's ledger is kept for: the wijkkansen pot belongs to the whole gemeente.
    public static func ledgerWijk(_ initiative: Initiative) -> String? {
        initiative.route.budgetLine == .wijkkansen ? nil : initiative.wijk
    }

    /// A `voldoende` verdict, or no buurttoetsing needed and none held.
    static func hasSufficientSupport(_ initiative: Initiative) -> Bool {
        if let support = initiative.support { return support.isSufficient }
        return !initiative.route.buurttoetsingRequired
    }

    static func requireCoordinator(_ actor: Actor, _ initiative: Initiative) throws(WorkflowRefusal) {
        guard actor.role == .buurtcoordinator else {
            throw .forbidden("alleen de buurtcoördinator van wijk \(initiative.wijk) doet deze stap")
        }
        guard actor.actsFor(wijk: initiative.wijk) else {
            throw .forbidden("buiten uw wijk: het initiatief hoort bij wijk \(initiative.wijk)")
        }
    }

    /// Deciders of the route, or the college once escalated; wijk-bound deciders only in their own wijk.
    static func requireDecider(_ actor: Actor, _ initiative: Initiative) throws(WorkflowRefusal) {
        guard let role = actor.role else { throw .forbidden("alleen wie volgens het mandaat beslist, kan dit doen") }
        let deciders = initiative.escalation != nil ? [Role.college] : initiative.route.deciders
        guard deciders.contains(role) else {
            throw .forbidden(
                "boven uw mandaat: over de band '\(initiative.route.band)' (\(initiative.requested.dutch)) beslist \(deciders.map(\.rawValue).joined(separator: " en "))")
        }
        guard actor.actsFor(wijk: initiative.wijk) else {
            throw .forbidden("buiten uw wijk: het initiatief hoort bij wijk \(initiative.wijk)")
        }
    }

    static func requireCriteriaMet(_ initiative: Initiative) throws(WorkflowRefusal) {
        guard let criteria = initiative.criteria else {
            throw .precondition("de buurtcoördinator heeft de criteria nog niet getoetst")
        }
        let unmet = criteria.unmet
        guard unmet.isEmpty else {
            throw .precondition("niet voldaan aan: \(unmet.joined(separator: "; ")). In twijfelgevallen beslist het college.")
        }
    }

    /// A line may not go below zero, unless the rules' overdraw approver allowed it for this initiative.
    /// Lines without an allocation in the rules (investering) are approved in the municipal budget by the
    /// raad, so they are not checked here.
    static func requireBudget(_ initiative: Initiative, _ context: Context) throws(WorkflowRefusal) {
        if let ceiling = initiative.route.ceiling, initiative.requested > ceiling {
            throw .precondition("het bedrag (\(initiative.requested.dutch)) ligt boven het plafond van de band '\(initiative.route.band)' (\(ceiling.dutch))")
        }
        guard initiative.route.budgetLine != .investering else { return }
        let remaining = context.balance.remaining
        guard initiative.requested > remaining else { return }
        guard initiative.overdraw != nil else {
            throw .precondition(
                "de budgetregel '\(initiative.route.budgetLine.rawValue)' zou worden overschreden: er is nog \(remaining.dutch) over, gevraagd is \(initiative.requested.dutch)"
                    + (context.overdrawApprover.map { "; alleen de \($0.rawValue) kan een overschrijding toestaan" } ?? ""))
        }
    }
}
