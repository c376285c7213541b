import Testing
@testable import Initiatives

/// The lifecycle of SPEC §6, driven through the pure workflow.
@Suite struct WorkflowTests {
    static let today = CalendarDate("2026-03-02")!
    static let buco = Actor.official(name: "Bo", role: .buurtcoordinator, wijk: "Oost")
    static let bucoElsewhere = Actor.official(name: "Ab", role: .buurtcoordinator, wijk: "Zuid")
    static let wethouder = Actor.official(name: "Wil", role: .wijkwethouder, wijk: "Oost")
    static let teammanager = Actor.official(name: "Tes", role: .teammanager, wijk: "Oost")
    static let college = Actor.official(name: "B&W", role: .college, wijk: nil)
    static let criteria = CriteriaCheck(residentsInitiated: true, testableSupport: true, complementary: true, ownEffort: true, fitsWijkThemes: false, note: "gesproken met 4 bewoners")

    static func route(band: BandName, deciders: [Role], signatures: Int, line: BudgetLine = .subsidie, ceiling: Int64?, toetsing: Bool = true) -> MandateRoute {
        MandateRoute(edition: "2020", band: band, deciders: deciders, signatures: signatures, budgetLine: line,
                     ceiling: ceiling.map { Cents.euros($0) }, buurttoetsingRequired: toetsing, threshold: 0.5, minN: 30)
    }
    static let groot = route(band: .groot, deciders: [.teammanager, .wijkwethouder], signatures: 2, ceiling: 25_000)
    static let klein = route(band: .klein, deciders: [.buurtcoordinator], signatures: 1, line: .handgeld, ceiling: 2_000, toetsing: false)

    static func initiative(_ route: MandateRoute, amount: Int64) -> Initiative {
        Initiative(id: "INI-2026-001", title: "Speeltuin", summary: "Een speeltuin", wijk: "Oost", buurt: "Geraniumbuurt",
                   kind: .regulier, requested: .euros(amount), ownContribution: .euros(500), reciprocity: "onderhoud",
                   wijkTheme: nil, rightToChallenge: false, submittedOn: today, route: route)
    }
    static func context(remaining: Int64 = 50_000, overdraw: Role? = .teammanager) -> Workflow.Context {
        Workflow.Context(today: today, balance: LineBalance(allocated: .euros(remaining)), overdrawApprover: overdraw)
    }
    static let voldoende = SupportOutcome(verdict: "voldoende", share: 0.7, lower: 0.6, upper: 0.8, respondents: 120, threshold: 0.5, minN: 30)
    static let onvoldoende = SupportOutcome(verdict: "onvoldoende", share: 0.3, lower: 0.2, upper: 0.4, respondents: 120, threshold: 0.5, minN: 30)

    /// Runs actions in order, failing the test on the first refusal.
    static func run(_ start: Initiative, _ steps: [(InitiativeAction, Actor)], context: Workflow.Context = context()) throws -> (Initiative, [BudgetMutation]) {
        var current = start
        var mutations: [BudgetMutation] = []
        for (action, actor) in steps {
            let outcome = try Workflow.apply(action, by: actor, to: current, context: context)
            current = outcome.initiative
            mutations += outcome.mutations
        }
        return (current, mutations)
    }

    static let toDecision: [(InitiativeAction, Actor)] = [
        (.startReview, buco), (.recordCriteria(criteria), buco), (.startBuurttoetsing(surveyID: "bt-1"), buco),
        (.endBuurttoetsing(voldoende), buco),
    ]

    @Test func twoSignaturesTeammanagerPreparesWethouderApproves() throws {
        let (afterFirst, none) = try Self.run(Self.initiative(Self.groot, amount: 20_000), Self.toDecision + [(.sign(note: "voorbereid", reference: nil), Self.teammanager)])
        #expect(afterFirst.status == .besluitvorming)
        #expect(afterFirst.awaitedSigner == .wijkwethouder)
        #expect(none.isEmpty)
        let (approved, mutations) = try Self.run(afterFirst, [(.sign(note: "akkoord", reference: "BD-2026-7"), Self.wethouder)])
        #expect(approved.status == .goedgekeurd)
        #expect(approved.decision?.reference == "BD-2026-7")
        #expect(mutations == [BudgetMutation(kind: .commit, line: .subsidie, wijk: "Oost", year: 2026, amount: .euros(20_000), initiativeID: "INI-2026-001", note: "goedgekeurd: BD-2026-7")])
    }

    @Test func theWethouderCannotSignBeforeTheTeammanager() throws {
        let (pending, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), Self.toDecision)
        #expect(throws: WorkflowRefusal.forbidden("de volgende handtekening is die van de teammanager, niet van de wijkwethouder")) {
            try Workflow.apply(.sign(note: "", reference: "x"), by: Self.wethouder, to: pending, context: Self.context())
        }
    }

    @Test func decidersOutsideTheirWijkOrAboveTheirMandateAreForbidden() throws {
        let (pending, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), Self.toDecision)
        let elsewhere = Actor.official(name: "X", role: .teammanager, wijk: "Zuid")
        for actor in [elsewhere, Self.buco, Actor.owner] {
            #expect {
                try Workflow.apply(.sign(note: "", reference: "x"), by: actor, to: pending, context: Self.context())
            } throws: { ($0 as? WorkflowRefusal)?.isForbidden == true }
        }
        #expect(throws: WorkflowRefusal.forbidden("buiten uw wijk: het initiatief hoort bij wijk Oost")) {
            try Workflow.apply(.startReview, by: Self.bucoElsewhere, to: Self.initiative(Self.groot, amount: 20_000), context: Self.context())
        }
    }

    @Test func withoutSufficientSupportApprovalNeedsAnOverrideAndGoesToTheCollege() throws {
        let steps = Array(Self.toDecision.dropLast()) + [(.endBuurttoetsing(Self.onvoldoende), Self.buco), (.sign(note: "", reference: nil), Self.teammanager)]
        let (pending, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), steps)
        #expect {
            try Workflow.apply(.sign(note: "", reference: "BD-1"), by: Self.wethouder, to: pending, context: Self.context())
        } throws: { "\($0)".contains("override") }
        #expect(throws: WorkflowRefusal.precondition("een motivering voor de override is verplicht")) {
            try Workflow.apply(.escalate(motivation: "  "), by: Self.wethouder, to: pending, context: Self.context())
        }
        let (escalated, _) = try Self.run(pending, [(.escalate(motivation: "veiligheid gaat voor"), Self.wethouder)])
        #expect(escalated.awaitedSigner == .college)
        #expect { try Workflow.apply(.sign(note: "", reference: "BD-1"), by: Self.wethouder, to: escalated, context: Self.context()) }
            throws: { ($0 as? WorkflowRefusal)?.isForbidden == true }
        let (approved, mutations) = try Self.run(escalated, [(.sign(note: "college akkoord", reference: "BD-1"), Self.college)])
        #expect(approved.status == .goedgekeurd)
        #expect(mutations.count == 1)
    }

    @Test func anOverdrawIsRefusedUnlessTheApproverAllowsIt() throws {
        let (pending, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), Self.toDecision + [(.sign(note: "", reference: nil), Self.teammanager)])
        let short = Self.context(remaining: 19_999)
        #expect {
            try Workflow.apply(.sign(note: "", reference: "BD-1"), by: Self.wethouder, to: pending, context: short)
        } throws: { "\($0)" == "de budgetregel 'subsidie' zou worden overschreden: er is nog € 19.999,00 over, gevraagd is € 20.000,00; alleen de teammanager kan een overschrijding toestaan" }
        #expect { try Workflow.apply(.authorizeOverdraw(motivation: "akkoord"), by: Self.wethouder, to: pending, context: short) }
            throws: { ($0 as? WorkflowRefusal)?.isForbidden == true }
        #expect { try Workflow.apply(.authorizeOverdraw(motivation: "akkoord"), by: Self.teammanager, to: pending, context: Self.context(remaining: 0, overdraw: nil)) }
            throws: { ($0 as? WorkflowRefusal)?.isForbidden == true }
        let (approved, _) = try Self.run(pending, [(.authorizeOverdraw(motivation: "besproken met teammanager Zuid"), Self.teammanager), (.sign(note: "", reference: "BD-1"), Self.wethouder)], context: short)
        #expect(approved.status == .goedgekeurd)
        // Exactly the remaining amount is not an overdraw.
        let (exact, _) = try Self.run(pending, [(.sign(note: "", reference: "BD-1"), Self.wethouder)], context: Self.context(remaining: 20_000))
        #expect(exact.status == .goedgekeurd)
    }

    @Test func smallBandMaySkipTheBuurttoetsingButLargerBandsMayNot() throws {
        let (small, _) = try Self.run(Self.initiative(Self.klein, amount: 800), [(.startReview, Self.buco), (.recordCriteria(Self.criteria), Self.buco), (.skipBuurttoetsing(motivation: "klein bedrag"), Self.buco), (.sign(note: "", reference: "F-12"), Self.buco)])
        #expect(small.status == .goedgekeurd)
        #expect { try Self.run(Self.initiative(Self.groot, amount: 20_000), [(.startReview, Self.buco), (.recordCriteria(Self.criteria), Self.buco), (.skipBuurttoetsing(motivation: "x"), Self.buco)]) }
            throws: { "\($0)" == "voor de band 'groot' is een buurttoetsing verplicht" }
    }

    @Test func unmetCriteriaBlockTheBuurttoetsingAndNameWhatIsMissing() throws {
        var check = Self.criteria
        check.complementary = false
        #expect {
            try Self.run(Self.initiative(Self.groot, amount: 20_000), [(.startReview, Self.buco), (.recordCriteria(check), Self.buco), (.startBuurttoetsing(surveyID: "s"), Self.buco)])
        } throws: { "\($0)".contains("aanvullend") && "\($0)".contains("college") }
    }

    @Test func accountingSpendsTheActualCostAndReleasesTheRest() throws {
        let steps = Self.toDecision + [(.sign(note: "", reference: nil), Self.teammanager), (.sign(note: "", reference: "BD-1"), Self.wethouder), (.startExecution, Self.buco)]
        let (running, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), steps)
        #expect { try Self.run(running, [(.account(actualCost: .euros(20_001), feedback: "klaar"), Self.buco)]) } throws: { "\($0)".contains("nieuw besluit") }
        let (accounted, mutations) = try Self.run(running, [(.account(actualCost: .euros(18_250), feedback: "De speeltuin is open."), Self.buco), (.close, Self.buco)])
        #expect(accounted.status == .afgesloten)
        #expect(accounted.committed == .zero)
        #expect(mutations.map(\.kind) == [.release, .spend])
        let balance = LineBalance.of(line: .subsidie, wijk: "Oost", year: 2026, allocation: .euros(53_500),
                                     mutations: [BudgetMutation(kind: .commit, line: .subsidie, wijk: "Oost", year: 2026, amount: .euros(20_000))] + mutations)
        #expect(balance == LineBalance(allocated: .euros(53_500), committed: .zero, spent: .euros(18_250)))
        #expect(balance.remaining == .euros(35_250))
    }

    @Test func withdrawalReleasesTheCommitmentAndIsFinal() throws {
        let steps = Self.toDecision + [(.sign(note: "", reference: nil), Self.teammanager), (.sign(note: "", reference: "BD-1"), Self.wethouder)]
        let (approved, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), steps)
        let (withdrawn, mutations) = try Self.run(approved, [(.withdraw(reason: "geen vrijwilligers meer"), .owner)])
        #expect(withdrawn.status == .teruggetrokken)
        #expect(mutations == [BudgetMutation(kind: .release, line: .subsidie, wijk: "Oost", year: 2026, amount: .euros(20_000), initiativeID: "INI-2026-001", note: "teruggetrokken")])
        #expect(throws: WorkflowRefusal.wrongState(action: "start_review", status: .teruggetrokken)) {
            try Workflow.apply(.startReview, by: Self.buco, to: withdrawn, context: Self.context())
        }
        #expect(throws: WorkflowRefusal.wrongState(action: "withdraw", status: .teruggetrokken)) {
            try Workflow.apply(.withdraw(reason: "nogmaals"), by: .owner, to: withdrawn, context: Self.context())
        }
    }

    @Test func aRefusalNeedsAMotivation() throws {
        let (pending, _) = try Self.run(Self.initiative(Self.groot, amount: 20_000), Self.toDecision)
        #expect(throws: WorkflowRefusal.precondition("een motivering bij afwijzing is verplicht")) {
            try Workflow.apply(.reject(motivation: ""), by: Self.teammanager, to: pending, context: Self.context())
        }
        let (rejected, _) = try Self.run(pending, [(.reject(motivation: "past niet binnen het beleid"), Self.teammanager)])
        #expect(rejected.status == .afgewezen)
        #expect(rejected.decision?.motivation == "past niet binnen het beleid")
    }
}
