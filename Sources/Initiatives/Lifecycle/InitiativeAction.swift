/// Everything that can happen to an initiative after submission. Each is checked by `Workflow.apply`.
public enum InitiativeAction: Hashable, Sendable {
    /// The buco takes it up: ingediend → in_behandeling.
    case startReview
    /// The buco records the criteria check (in_behandeling).
    case recordCriteria(CriteriaCheck)
    /// in_behandeling → buurttoetsing, with the survey that measures the draagvlak.
    case startBuurttoetsing(surveyID: String)
    /// in_behandeling → besluitvorming without a buurttoetsing, where the band allows it.
    case skipBuurttoetsing(motivation: String)
    /// buurttoetsing → besluitvorming with the measured draagvlak.
    case endBuurttoetsing(SupportOutcome)
    /// A decider sends an approval without `voldoende` draagvlak to the college, with a motivation.
    case escalate(motivation: String)
    /// The overdraw approver of the rules allows the line to be overdrawn for this initiative.
    case authorizeOverdraw(motivation: String)
    /// A decider signs; the last signature approves, records the buurtdeal and commits the money.
    case sign(note: String, reference: String?)
    /// A decider refuses, with a motivation: → afgewezen.
    case reject(motivation: String)
    /// The owner or the buco withdraws; committed money is released.
    case withdraw(reason: String)
    /// goedgekeurd → in_uitvoering.
    case startExecution
    /// in_uitvoering → verantwoord: the actual cost is spent, the rest of the commitment released, and the
    /// feedback to the buurt published.
    case account(actualCost: Cents, feedback: String)
    /// verantwoord → afgesloten.
    case close

    /// The name used in events, the audit log and the API.
    public var name: String {
        switch self {
        case .startReview: "start_review"
        case .recordCriteria: "record_criteria"
        case .startBuurttoetsing: "start_buurttoetsing"
        case .skipBuurttoetsing: "skip_buurttoetsing"
        case .endBuurttoetsing: "end_buurttoetsing"
        case .escalate: "escalate"
        case .authorizeOverdraw: "authorize_overdraw"
        case .sign: "sign"
        case .reject: "reject"
        case .withdraw: "withdraw"
        case .startExecution: "start_execution"
        case .account: "account"
        case .close: "close"
        }
    }

    /// The motivation the action carries, for the event record.
    public var motivation: String? {
        switch self {
        case .skipBuurttoetsing(let text), .escalate(let text), .authorizeOverdraw(let text), .reject(let text),
             .withdraw(let text): text
        case .sign(let note, _): note
        case .account(_, let feedback): feedback
        case .recordCriteria(let check): check.note
        default: nil
        }
    }
}
