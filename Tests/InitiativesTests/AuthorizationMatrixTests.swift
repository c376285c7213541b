import Testing
@testable import Initiatives

/// Every actor × every action, each in the state where the action applies: allowed for exactly the actors
/// SPEC §6 names, refused as `forbidden` (HTTP 403) for everyone else.
@Suite struct AuthorizationMatrixTests {
    static let actors: [String: Actor] = [
        "buco-oost": .official(name: "a", role: .buurtcoordinator, wijk: "Oost"),
        "buco-zuid": .official(name: "b", role: .buurtcoordinator, wijk: "Zuid"),
        "ww-oost": .official(name: "c", role: .wijkwethouder, wijk: "Oost"),
        "ww-zuid": .official(name: "d", role: .wijkwethouder, wijk: "Zuid"),
        "tm-oost": .official(name: "e", role: .teammanager, wijk: "Oost"),
        "tm-zuid": .official(name: "f", role: .teammanager, wijk: "Zuid"),
        "wethouder-buurten": .official(name: "g", role: .wethouderBuurten, wijk: nil),
        "college": .official(name: "h", role: .college, wijk: nil),
        "raad": .official(name: "i", role: .gemeenteraad, wijk: nil),
        "onderzoeker": .staff(name: "j"),
        "owner": .owner,
    ]

    static let criteria = CriteriaCheck(residentsInitiated: true, testableSupport: true, complementary: true, ownEffort: true, fitsWijkThemes: true, note: "")
    static let voldoende = SupportOutcome(verdict: "voldoende", share: 0.8, lower: 0.7, upper: 0.9, respondents: 200, threshold: 0.55, minN: 100)
    static let onvoldoende = SupportOutcome(verdict: "onvoldoende", share: 0.2, lower: 0.1, upper: 0.3, respondents: 200, threshold: 0.55, minN: 100)

    static func initiative(_ band: BandName, _ deciders: [Role], line: BudgetLine = .subsidie, status: InitiativeStatus,
                           criteria: CriteriaCheck? = criteria, support: SupportOutcome? = voldoende, signatures: [Role] = []) -> Initiative {
        var initiative = Initiative(
            id: "INI-2026-001", title: "t", summary: "s", wijk: "Oost", buurt: nil, kind: .regulier, requested: .euros(20_000),
            ownContribution: .zero, reciprocity: "r", wijkTheme: nil, rightToChallenge: false, submittedOn: CalendarDate("2026-01-05")!,
            route: MandateRoute(edition: "2020", band: band, deciders: deciders, signatures: deciders.count, budgetLine: line,
                                ceiling: nil, buurttoetsingRequired: true, threshold: 0.55, minN: 100))
        initiative.status = status
        initiative.criteria = criteria
        initiative.support = support
        initiative.signatures = signatures.map { Signature(role: $0, by: "x", on: CalendarDate("2026-02-01")!, note: "") }
        if status == .goedgekeurd || status == .inUitvoering { initiative.committed = .euros(20_000); initiative.budgetYear = 2026 }
        return initiative
    }

    static let groot: [Role] = [.teammanager, .wijkwethouder]

    /// (what, action, the initiative in the state it applies to, who may).
    static let cases: [(String, InitiativeAction, Initiative, Set<String>)] = [
        ("start_review", .startReview, initiative(.groot, groot, status: .ingediend, criteria: nil, support: nil), ["buco-oost"]),
        ("record_criteria", .recordCriteria(criteria), initiative(.groot, groot, status: .inBehandeling, criteria: nil, support: nil), ["buco-oost"]),
        ("start_buurttoetsing", .startBuurttoetsing(surveyID: "s"), initiative(.groot, groot, status: .inBehandeling, support: nil), ["buco-oost"]),
        ("end_buurttoetsing", .endBuurttoetsing(voldoende), initiative(.groot, groot, status: .buurttoetsing, support: nil), ["buco-oost"]),
        ("sign groot 1", .sign(note: "", reference: "r"), initiative(.groot, groot, status: .besluitvorming), ["tm-oost"]),
        ("sign groot 2", .sign(note: "", reference: "r"), initiative(.groot, groot, status: .besluitvorming, signatures: [.teammanager]), ["ww-oost"]),
        ("sign buurtdeal 1", .sign(note: "", reference: "r"), initiative(.buurtdeal, [.buurtcoordinator, .wijkwethouder], status: .besluitvorming), ["buco-oost"]),
        ("sign wijkkans", .sign(note: "", reference: "r"), initiative(.wijkkans, [.wethouderBuurten], line: .wijkkansen, status: .besluitvorming), ["wethouder-buurten"]),
        ("sign investering 1", .sign(note: "", reference: "r"), initiative(.investering, [.college, .gemeenteraad], line: .investering, status: .besluitvorming), ["college"]),
        ("sign investering 2", .sign(note: "", reference: "r"), initiative(.investering, [.college, .gemeenteraad], line: .investering, status: .besluitvorming, signatures: [.college]), ["raad"]),
        ("reject groot", .reject(motivation: "m"), initiative(.groot, groot, status: .besluitvorming), ["tm-oost", "ww-oost"]),
        ("escalate groot", .escalate(motivation: "m"), initiative(.groot, groot, status: .besluitvorming, support: onvoldoende), ["tm-oost", "ww-oost"]),
        ("authorize_overdraw", .authorizeOverdraw(motivation: "m"), initiative(.groot, groot, status: .besluitvorming), ["tm-oost"]),
        ("withdraw", .withdraw(reason: "m"), initiative(.groot, groot, status: .inBehandeling), ["buco-oost", "owner"]),
        ("start_execution", .startExecution, initiative(.groot, groot, status: .goedgekeurd), ["buco-oost"]),
        ("account", .account(actualCost: .euros(1), feedback: "f"), initiative(.groot, groot, status: .inUitvoering), ["buco-oost"]),
        ("close", .close, initiative(.groot, groot, status: .verantwoord), ["buco-oost"]),
    ]

    @Test(arguments: cases.indices)
    func onlyTheNamedActorsMayTakeTheStep(index: Int) {
        let (what, action, initiative, allowed) = Self.cases[index]
        let context = Workflow.Context(today: CalendarDate("2026-03-01")!, balance: LineBalance(allocated: .euros(100_000)), overdrawApprover: .teammanager)
        for (name, actor) in Self.actors.sorted(by: { $0.key < $1.key }) {
            let outcome = Result { () throws(WorkflowRefusal) in try Workflow.apply(action, by: actor, to: initiative, context: context) }
            switch outcome {
            case .success:
                #expect(allowed.contains(name), "\(what): \(name) was allowed")
            case .failure(let refusal):
                #expect(!allowed.contains(name), "\(what): \(name) was refused: \(refusal)")
                #expect(allowed.contains(name) || refusal.isForbidden, "\(what): \(name) got \(refusal) instead of forbidden")
            }
        }
    }
}
