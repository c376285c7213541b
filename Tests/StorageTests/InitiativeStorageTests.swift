import Foundation
import Initiatives
import Secrets
import Testing
@testable import Storage

@Suite struct InitiativeStorageTests {
    static let today = CalendarDate("2026-03-02")!
    static let buco = Actor.official(name: "Bo", role: .buurtcoordinator, wijk: "Oost")
    static let route = MandateRoute(edition: "2020", band: .klein, deciders: [.buurtcoordinator], signatures: 1, budgetLine: .handgeld,
                                    ceiling: .euros(2_000), buurttoetsingRequired: false, threshold: 0.5, minN: 30)
    static let criteria = CriteriaCheck(residentsInitiated: true, testableSupport: true, complementary: true, ownEffort: true, fitsWijkThemes: true, note: "")
    /// Oost's handgeld is €3,000 in these tests; the pot and other lines are empty.
    static let rules = InitiativeRepository.BudgetRules(
        allocation: { line, wijk, _ in line == .handgeld && wijk == "Oost" ? .euros(3_000) : .zero },
        overdrawApprover: { _ in .teammanager })

    static func draft(amount: Int64 = 1_500) -> Initiative {
        Initiative(id: "", title: "Bankje", summary: "Een bankje bij de vijver", wijk: "Oost", buurt: nil, kind: .regulier,
                   requested: .euros(amount), ownContribution: .zero, reciprocity: "wij schilderen het", wijkTheme: nil,
                   rightToChallenge: false, submittedOn: today, route: route)
    }

    static func readyForDecision(_ db: DraagvlakDatabase, amount: Int64 = 1_500) async throws -> String {
        let (initiative, _) = try await db.initiatives.submit(draft(amount: amount), contact: .init(name: "An", email: "an@example.org", phone: nil))
        for action: InitiativeAction in [.startReview, .recordCriteria(criteria), .skipBuurttoetsing(motivation: "klein")] {
            try await db.initiatives.apply(action, by: buco, to: initiative.id, today: today, rules: rules)
        }
        return initiative.id
    }

    @Test func submissionNumbersPerYearAndTheStatusLinkOpensOnlyItsInitiative() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let (first, token) = try await db.initiatives.submit(Self.draft(), contact: .init(name: "An", email: "an@example.org", phone: "06"))
        let (second, _) = try await db.initiatives.submit(Self.draft(), contact: .init(name: "Bas", email: "bas@example.org", phone: nil))
        #expect(first.id == "INI-2026-001")
        #expect(second.id == "INI-2026-002")
        #expect(try await db.initiatives.find(statusToken: token.value)?.id == first.id)
        let otherFirst: Character = token.value.first == "x" ? "y" : "x"
        #expect(try await db.initiatives.find(statusToken: String(otherFirst) + token.value.dropFirst()) == nil)
        #expect(try await db.initiatives.contact(of: first.id)?.email == "an@example.org")
        // The token itself is never stored.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db.path))
        #expect(bytes.range(of: Data(token.value.utf8)) == nil)
    }

    @Test func transitionsAreStoredWithTheirEventsAndLedgerMutations() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let id = try await Self.readyForDecision(db)
        try await db.initiatives.apply(.sign(note: "prima", reference: "F-1"), by: Self.buco, to: id, today: Self.today, rules: Self.rules)
        let stored = try #require(try await db.initiatives.find(id: id))
        #expect(stored.status == .goedgekeurd)
        #expect(stored.committed == .euros(1_500))
        let events = try await db.initiatives.events(of: id)
        #expect(events.map(\.action) == ["submit", "start_review", "record_criteria", "skip_buurttoetsing", "sign"])
        #expect(events.last?.to == .goedgekeurd)
        #expect(events.last?.actor == "buurtcoordinator (Oost): Bo")
        let ledger = try await db.budgetLedger.entries(year: 2026, wijk: "Oost")
        #expect(ledger.map(\.mutation.kind) == [.commit])
        #expect(ledger.first?.mutation.amount == .euros(1_500))
    }

    @Test func aRefusedTransitionChangesNothing() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let id = try await Self.readyForDecision(db)
        let elsewhere = Actor.official(name: "Z", role: .buurtcoordinator, wijk: "Zuid")
        await #expect { try await db.initiatives.apply(.sign(note: "", reference: "F"), by: elsewhere, to: id, today: Self.today, rules: Self.rules) }
            throws: { if case .refused(let refusal) = $0 as? InitiativeRepository.TransitionError { refusal.isForbidden } else { false } }
        #expect(try await db.initiatives.find(id: id)?.status == .besluitvorming)
        #expect(try await db.initiatives.events(of: id).count == 4)
        #expect(try await db.budgetLedger.entries(year: 2026).isEmpty)
    }

    /// Two approvals of €1,500 and €2,000 against €3,000 of handgeld, started at once: exactly one wins.
    @Test func concurrentApprovalsCannotBothSpendTheLastEuro() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let a = try await Self.readyForDecision(db, amount: 1_500)
        let b = try await Self.readyForDecision(db, amount: 2_000)
        async let first: Bool = { do { try await db.initiatives.apply(.sign(note: "", reference: "F-a"), by: Self.buco, to: a, today: Self.today, rules: Self.rules); return true } catch { return false } }()
        async let second: Bool = { do { try await db.initiatives.apply(.sign(note: "", reference: "F-b"), by: Self.buco, to: b, today: Self.today, rules: Self.rules); return true } catch { return false } }()
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 }.count == 1)
        let committed = try await db.budgetLedger.entries(year: 2026, wijk: "Oost").map(\.mutation.amount).reduce(.zero, +)
        #expect(committed <= .euros(3_000))
    }

    @Test func transfersAndCarryOverAreRecordedDecisions() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let allocation = Self.rules.allocation
        try await db.budgetLedger.transfer(.euros(1_000), line: .handgeld, from: "Oost", to: "Zuid", year: 2026, half: 1, motivation: "Zuid heeft meer aanvragen", actor: "wethouder_buurten: W", allocation: allocation)
        await #expect(throws: BudgetLedgerRepository.DecisionError.refused("Oost heeft op 'handgeld' in 2026 nog € 2.000,00 over, minder dan € 2.000,01")) {
            try await db.budgetLedger.transfer(Cents(200_001), line: .handgeld, from: "Oost", to: "Zuid", year: 2026, half: 2, motivation: "x", actor: "w", allocation: allocation)
        }
        let oost = try await db.budgetLedger.entries(year: 2026, wijk: "Oost").map(\.mutation)
        let balance = LineBalance.of(line: .handgeld, wijk: "Oost", year: 2026, allocation: .euros(3_000), mutations: oost)
        #expect(balance.remaining == .euros(2_000))
        let zuid = LineBalance.of(line: .handgeld, wijk: "Zuid", year: 2026, allocation: .zero, mutations: try await db.budgetLedger.entries(year: 2026, wijk: "Zuid").map(\.mutation))
        #expect(zuid.allocated == .euros(1_000))

        let carried = try await db.budgetLedger.carryOver(line: .handgeld, wijk: "Oost", from: 2026, motivation: "jaarafsluiting", actor: "w", allocation: allocation)
        #expect(carried == .euros(2_000))
        await #expect { try await db.budgetLedger.carryOver(line: .handgeld, wijk: "Oost", from: 2026, motivation: "nog eens", actor: "w", allocation: allocation) }
            throws: { "\($0)".contains("al overgeheveld") }
        let next = LineBalance.of(line: .handgeld, wijk: "Oost", year: 2027, allocation: .euros(3_000), mutations: try await db.budgetLedger.entries(year: 2027).map(\.mutation))
        #expect(next.allocated == .euros(5_000))
    }
}

@Suite struct StandingFactAuditTests {
    @Test func aStandingFactIsAuditedOnlyWhenItChanges() async throws {
        let temporary = TemporaryDatabase()
        let audit = temporary.database.audit
        let record = { (subject: String) in AuditRecord(actor: "system", action: "rules.loaded", subject: subject, details: [:]) }
        #expect(try await audit.appendIfChanged(record("sha256:aa")))
        #expect(try await !audit.appendIfChanged(record("sha256:aa")))
        #expect(try await audit.appendIfChanged(record("sha256:bb")))
        #expect(try await audit.appendIfChanged(record("sha256:aa")), "a return to earlier rules is a change too")
        #expect(try await audit.entries().map(\.subject) == ["sha256:aa", "sha256:bb", "sha256:aa"])
    }
}

@Suite struct OwnerNotificationStorageTests {
    /// A notifier that records which statuses it was asked about and queues a placeholder message.
    final class Recorder: @unchecked Sendable {
        var statuses: [InitiativeStatus] = []
        var tokens: [String] = []
        var notifier: InitiativeRepository.Notifier {
            { initiative, contact, token in
                self.statuses.append(initiative.status)
                self.tokens.append(token.value)
                return OutboxRepository.Entry(kind: "initiative", invitationID: nil, recipient: contact.email, subject: initiative.status.rawValue, sealedBody: [1, 2, 3])
            }
        }
    }

    @Test func theOwnerHearsOfStatusChangesOnlyAndEachMessageBringsAWorkingLink() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let recorder = Recorder()
        let (initiative, _) = try await db.initiatives.submit(InitiativeStorageTests.draft(), contact: .init(name: "An", email: "an@example.org", phone: nil), notify: recorder.notifier)
        let buco = InitiativeStorageTests.buco, today = InitiativeStorageTests.today, rules = InitiativeStorageTests.rules
        try await db.initiatives.apply(.startReview, by: buco, to: initiative.id, today: today, rules: rules, notify: recorder.notifier)
        try await db.initiatives.apply(.recordCriteria(InitiativeStorageTests.criteria), by: buco, to: initiative.id, today: today, rules: rules, notify: recorder.notifier)
        // A refused step queues nothing.
        _ = try? await db.initiatives.apply(.close, by: buco, to: initiative.id, today: today, rules: rules, notify: recorder.notifier)
        #expect(recorder.statuses == [.ingediend, .inBehandeling], "criteria recorded: no change of status, no message")
        #expect(try await db.outbox.statusCounts()["queued"] == 2)
        try await db.initiatives.post("Een vraag", on: initiative.id, author: "buco", fromOwner: false, auditActor: "account:buco", notify: recorder.notifier)
        #expect(try await db.initiatives.messages(of: initiative.id).map(\.body) == ["Een vraag"])
        #expect(try await db.outbox.statusCounts()["queued"] == 3)
        for token in recorder.tokens { #expect(try await db.initiatives.find(statusToken: token)?.id == initiative.id) }
        #expect(Set(recorder.tokens).count == 3)
    }
}
