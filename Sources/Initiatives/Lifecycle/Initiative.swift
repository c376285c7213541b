/// A buurtinitiatief as the workflow sees it: what was asked, how it is routed, and everything decided
/// so far. Contact data of the owner is not here; storage keeps it apart.
public struct Initiative: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var wijk: String
    public var buurt: String?
    public var kind: InitiativeKind
    /// What is asked from the budget.
    public var requested: Cents
    /// What the initiators bring themselves, in money (their time and reciprocity are in `reciprocity`).
    public var ownContribution: Cents
    public var reciprocity: String
    public var wijkTheme: String?
    public var rightToChallenge: Bool
    public var submittedOn: CalendarDate
    /// Fixed at submission from the edition in force that day, so later rule changes do not move it.
    public var route: MandateRoute

    public var status: InitiativeStatus = .ingediend
    public var criteria: CriteriaCheck?
    public var surveyID: String?
    public var support: SupportOutcome?
    public var signatures: [Signature] = []
    /// An approval without a `voldoende` verdict goes to the college with this motivation.
    public var escalation: Note?
    /// The rules' overdraw approver allowed the budget line to go below zero for this initiative.
    public var overdraw: Note?
    public var decision: Decision?
    /// The budget year the commitment was booked in.
    public var budgetYear: Int?
    /// Money reserved for the initiative now (zero before approval and after accounting or withdrawal).
    public var committed: Cents = .zero
    /// The actual cost recorded at accounting.
    public var spent: Cents?
    /// What was fed back to the buurt at accounting.
    public var feedback: String?

    public init(
        id: String, title: String, summary: String, wijk: String, buurt: String?, kind: InitiativeKind,
        requested: Cents, ownContribution: Cents, reciprocity: String, wijkTheme: String?, rightToChallenge: Bool,
        submittedOn: CalendarDate, route: MandateRoute
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.wijk = wijk
        self.buurt = buurt
        self.kind = kind
        self.requested = requested
        self.ownContribution = ownContribution
        self.reciprocity = reciprocity
        self.wijkTheme = wijkTheme
        self.rightToChallenge = rightToChallenge
        self.submittedOn = submittedOn
        self.route = route
    }

    /// The role whose signature is awaited, if the initiative is with the deciders.
    public var awaitedSigner: Role? {
        guard status == .besluitvorming else { return nil }
        if escalation != nil { return .college }
        return signatures.count < route.deciders.count ? route.deciders[signatures.count] : nil
    }
}

/// A motivation with who gave it and when.
public struct Note: Codable, Hashable, Sendable {
    public var by: String
    public var on: CalendarDate
    public var text: String

    public init(by: String, on: CalendarDate, text: String) {
        self.by = by
        self.on = on
        self.text = text
    }
}

/// One decider's signature on an approval.
public struct Signature: Codable, Hashable, Sendable {
    public var role: Role
    public var by: String
    public var on: CalendarDate
    public var note: String
}

/// The outcome of the decision, with its motivation (required for a refusal) and, for an approval, the
/// reference of the buurtdeal or subsidiebeschikking.
public struct Decision: Codable, Hashable, Sendable {
    public enum Outcome: String, Codable, Sendable { case goedgekeurd, afgewezen }
    public var outcome: Outcome
    public var by: String
    public var on: CalendarDate
    public var motivation: String
    public var reference: String?
}

/// The draagvlak measured by the buurttoetsing, as the statistics reported it when it ended.
public struct SupportOutcome: Codable, Hashable, Sendable {
    /// `voldoende`, `onvoldoende`, `onbeslist` or `te_weinig_respons` (SPEC §5).
    public var verdict: String
    public var share: Double?
    public var lower: Double?
    public var upper: Double?
    public var respondents: Int
    public var threshold: Double
    public var minN: Int

    public init(verdict: String, share: Double?, lower: Double?, upper: Double?, respondents: Int, threshold: Double, minN: Int) {
        self.verdict = verdict
        self.share = share
        self.lower = lower
        self.upper = upper
        self.respondents = respondents
        self.threshold = threshold
        self.minN = minN
    }

    public var isSufficient: Bool { verdict == "voldoende" }
}
