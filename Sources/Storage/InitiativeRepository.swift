import Foundation
import GRDB
import Initiatives
import Secrets

/// Initiatives, their events and the budget ledger. Every transition reads the initiative and the ledger,
/// runs the pure workflow, and writes the new state, the event, the ledger mutations and the audit entry in
/// one transaction, so two officials acting at once cannot both spend the last euro.
public struct InitiativeRepository: Sendable {
    let pool: DatabasePool

    /// How the initiative's owner is reached. Never published, never in the audit log.
    public struct Contact: Hashable, Sendable {
        public var name: String
        public var email: String
        public var phone: String?

        public init(name: String, email: String, phone: String?) {
            self.name = name
            self.email = email
            self.phone = phone
        }
    }

    /// One recorded transition.
    public struct Event: Hashable, Sendable {
        public let at: Date
        public let actor: String
        public let action: String
        public let from: InitiativeStatus
        public let to: InitiativeStatus
        public let motivation: String?
    }

    /// The budget facts a transition is checked against, supplied by whoever knows the rules in force.
    public struct BudgetRules: Sendable {
        /// The allocation of a line for a wijk (nil: the wijkkansen pot) in a year, from the rule files.
        public var allocation: @Sendable (_ line: BudgetLine, _ wijk: String?, _ year: Int) -> Cents
        /// Who may allow an overdraw under the edition an initiative is judged by.
        public var overdrawApprover: @Sendable (_ initiative: Initiative) -> Role?

        public init(
            allocation: @escaping @Sendable (BudgetLine, String?, Int) -> Cents,
            overdrawApprover: @escaping @Sendable (Initiative) -> Role?
        ) {
            self.allocation = allocation
            self.overdrawApprover = overdrawApprover
        }
    }

    /// Composes the owner's message about a change, given the change and a fresh status token; nil sends
    /// nothing. Runs inside the transaction, so it must only render and seal, never wait on I/O.
    public typealias Notifier = @Sendable (_ initiative: Initiative, _ contact: Contact, _ statusToken: SecretToken) throws -> OutboxRepository.Entry?

    /// A message in the thread between the owner and the buurtcoördinator.
    public struct Message: Hashable, Sendable {
        public let at: Date
        public let author: String
        public let fromOwner: Bool
        public let body: String
    }

    /// Why a transition did not happen: the workflow refused it, or there is no such initiative.
    public enum TransitionError: Error, Sendable, CustomStringConvertible {
        case refused(WorkflowRefusal)
        case unknownInitiative(String)
        case storage(StorageError)

        public var description: String {
            switch self {
            case .refused(let refusal): refusal.description
            case .unknownInitiative(let id): "er is geen initiatief \(id)"
            case .storage(let error): error.description
            }
        }
    }

    /// Stores a new initiative under the next number of its submission year (`INI-2026-007`) and returns it
    /// with the owner's status token — the only moment that token exists outside the owner's message.
    public func submit(_ draft: Initiative, contact: Contact, notify: Notifier? = nil) async throws(StorageError) -> (Initiative, SecretToken) {
        let token: SecretToken
        do { token = try SecretToken.generate() } catch {
            throw StorageError(operation: "generate a status link", reason: "\(error)")
        }
        return try await run("store a new initiative") {
            try await pool.write { db in
                let year = draft.submittedOn.year
                let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM initiative WHERE year = ?", arguments: [year]) ?? 0) + 1
                var initiative = draft
                initiative.id = String(format: "INI-%04d-%03d", year, number)
                initiative.status = .ingediend
                let now = Timestamp.now()
                try db.execute(
                    sql: """
                        INSERT INTO initiative (id, year, number, status, wijk, buurt, survey_id, state, status_token_digest, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
                        """,
                    arguments: [initiative.id, year, number, initiative.status.rawValue, initiative.wijk, initiative.buurt,
                                try Self.encode(initiative), Data(token.digest), now, now])
                try db.execute(
                    sql: "INSERT INTO initiative_contact (initiative_id, name, email, phone) VALUES (?, ?, ?, ?)",
                    arguments: [initiative.id, contact.name, contact.email, contact.phone])
                try db.execute(
                    sql: """
                        INSERT INTO initiative_event (initiative_id, at, actor, action, from_status, to_status, motivation)
                        VALUES (?, ?, 'initiatiefnemer', 'submit', 'ingediend', 'ingediend', NULL)
                        """,
                    arguments: [initiative.id, now])
                _ = try AuditLog.append(AuditRecord(
                    actor: "initiatiefnemer", action: "initiative.submit", subject: initiative.id,
                    details: ["wijk": .text(initiative.wijk), "requested_cents": .number(initiative.requested.value),
                              "edition": .text(initiative.route.edition), "band": .text(initiative.route.band.rawValue)]), in: db)
                if let notify, let entry = try notify(initiative, contact, token) { try OutboxRepository.enqueue([entry], in: db) }
                return (initiative, token)
            }
        }
    }

    /// Applies `action` as `actor`, checked by the workflow against the ledger as it stands inside the
    /// transaction. Returns the initiative after the transition.
    @discardableResult
    public func apply(
        _ action: InitiativeAction, by actor: Actor, to id: String, today: CalendarDate, rules: BudgetRules,
        auditActor: String? = nil, notify: Notifier? = nil
    ) async throws(TransitionError) -> Workflow.Outcome {
        let link: SecretToken
        do { link = try SecretToken.generate() } catch {
            throw .storage(StorageError(operation: "generate a status link", reason: "\(error)"))
        }
        do {
            return try await pool.write { db in
                guard let current = try Self.fetch(db, id: id) else { throw TransitionError.unknownInitiative(id) }
                let line = current.route.budgetLine
                let wijk = Workflow.ledgerWijk(current)
                let year = current.budgetYear ?? today.year
                let balance = LineBalance.of(
                    line: line, wijk: wijk, year: year, allocation: rules.allocation(line, wijk, year),
                    mutations: try Self.mutations(db, line: line, wijk: wijk, year: year))
                let outcome: Workflow.Outcome
                do {
                    outcome = try Workflow.apply(
                        action, by: actor, to: current,
                        context: Workflow.Context(today: today, balance: balance, overdrawApprover: rules.overdrawApprover(current)))
                } catch let refusal as WorkflowRefusal { throw TransitionError.refused(refusal) }
                let now = Timestamp.now()
                let next = outcome.initiative
                try db.execute(
                    sql: "UPDATE initiative SET status = ?, survey_id = ?, state = ?, updated_at = ? WHERE id = ?",
                    arguments: [next.status.rawValue, next.surveyID, try Self.encode(next), now, id])
                try db.execute(
                    sql: """
                        INSERT INTO initiative_event (initiative_id, at, actor, action, from_status, to_status, motivation)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, now, actor.label, action.name, outcome.from.rawValue, next.status.rawValue, action.motivation])
                let recordedBy = auditActor ?? actor.label
                _ = try AuditLog.append(AuditRecord(
                    actor: recordedBy, action: AuditAction("initiative.\(action.name)"), subject: id,
                    details: ["from": .text(outcome.from.rawValue), "to": .text(next.status.rawValue), "motivation": .text(action.motivation ?? "")]), in: db)
                for mutation in outcome.mutations { try Self.insert(mutation, actor: recordedBy, at: now, in: db) }
                // The owner hears of every change of status, not of steps inside one (a first signature).
                if outcome.from != next.status, let notify, let contact = try Self.contact(db, id: id),
                   let entry = try notify(next, contact, link) {
                    try Self.addLink(link, to: id, at: now, in: db)
                    try OutboxRepository.enqueue([entry], in: db)
                }
                return outcome
            }
        } catch let error as TransitionError { throw error } catch {
            throw .storage(StorageError(operation: "apply '\(action.name)' to \(id)", underlying: error))
        }
    }

    public func find(id: String) async throws(StorageError) -> Initiative? {
        try await run("read initiative \(id)") { try await pool.read { db in try Self.fetch(db, id: id) } }
    }

    /// The initiative a status token opens, nil for an unknown token.
    public func find(statusToken presented: String) async throws(StorageError) -> Initiative? {
        guard let digest = SecretToken.digest(ofPresented: presented) else { return nil }
        return try await run("look up a status link") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT state, status_token_digest AS digest FROM initiative WHERE status_token_digest = ?
                        UNION ALL
                        SELECT i.state, l.digest FROM initiative_link l JOIN initiative i ON i.id = l.initiative_id WHERE l.digest = ?
                        """,
                    arguments: [Data(digest), Data(digest)]),
                      constantTimeEqual(Array(row["digest"] as Data), digest)
                else { return nil }
                return try Self.decode(row["state"])
            }
        }
    }

    /// Initiatives, newest first, optionally of one wijk and/or in some states.
    public func list(wijk: String? = nil, statuses: [InitiativeStatus]? = nil) async throws(StorageError) -> [Initiative] {
        try await run("list initiatives") {
            try await pool.read { db in
                var sql = "SELECT state FROM initiative WHERE 1 = 1"
                var arguments: StatementArguments = []
                if let wijk {
                    sql += " AND wijk = ?"
                    arguments += [wijk]
                }
                if let statuses {
                    sql += " AND status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))"
                    arguments += StatementArguments(statuses.map(\.rawValue))
                }
                sql += " ORDER BY year DESC, number DESC"
                return try String.fetchAll(db, sql: sql, arguments: arguments).map { try Self.decode($0) }
            }
        }
    }

    /// The initiative whose buurttoetsing `surveyID` is.
    public func find(surveyID: String) async throws(StorageError) -> Initiative? {
        try await run("find the initiative of survey \(surveyID)") {
            try await pool.read { db in
                try String.fetchOne(db, sql: "SELECT state FROM initiative WHERE survey_id = ?", arguments: [surveyID]).map { try Self.decode($0) }
            }
        }
    }

    public func contact(of id: String) async throws(StorageError) -> Contact? {
        try await run("read the contact of \(id)") { try await pool.read { db in try Self.contact(db, id: id) } }
    }

    /// Adds a message to the thread; with `notify`, the owner gets it by e-mail with a fresh status link, in
    /// the same transaction.
    public func post(_ body: String, on id: String, author: String, fromOwner: Bool, auditActor: String, notify: Notifier? = nil) async throws(StorageError) {
        let link: SecretToken
        do { link = try SecretToken.generate() } catch {
            throw StorageError(operation: "generate a status link", reason: "\(error)")
        }
        try await run("add a message to \(id)") {
            try await pool.write { db in
                guard let initiative = try Self.fetch(db, id: id) else { throw StorageError(operation: "add a message", reason: "no initiative \(id)") }
                let now = Timestamp.now()
                try db.execute(
                    sql: "INSERT INTO initiative_message (initiative_id, at, author, from_owner, body) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, now, author, fromOwner, body])
                _ = try AuditLog.append(AuditRecord(actor: auditActor, action: "initiative.message", subject: id,
                                                    details: ["from_owner": .flag(fromOwner), "length": .number(Int64(body.count))]), in: db)
                if let notify, let contact = try Self.contact(db, id: id), let entry = try notify(initiative, contact, link) {
                    try Self.addLink(link, to: id, at: now, in: db)
                    try OutboxRepository.enqueue([entry], in: db)
                }
            }
        }
    }

    public func messages(of id: String) async throws(StorageError) -> [Message] {
        try await run("read the messages of \(id)") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM initiative_message WHERE initiative_id = ? ORDER BY id", arguments: [id]).map {
                    Message(at: Timestamp.parse($0["at"]) ?? Date(timeIntervalSince1970: 0), author: $0["author"], fromOwner: $0["from_owner"], body: $0["body"])
                }
            }
        }
    }

    static func contact(_ db: Database, id: String) throws -> Contact? {
        try Row.fetchOne(db, sql: "SELECT name, email, phone FROM initiative_contact WHERE initiative_id = ?", arguments: [id])
            .map { Contact(name: $0["name"], email: $0["email"], phone: $0["phone"]) }
    }

    static func addLink(_ token: SecretToken, to id: String, at: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO initiative_link (digest, initiative_id, created_at) VALUES (?, ?, ?)", arguments: [Data(token.digest), id, at])
    }

    public func events(of id: String) async throws(StorageError) -> [Event] {
        try await run("read the history of \(id)") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM initiative_event WHERE initiative_id = ? ORDER BY id", arguments: [id]).map { row in
                    Event(at: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0), actor: row["actor"], action: row["action"],
                          from: InitiativeStatus(rawValue: row["from_status"]) ?? .ingediend,
                          to: InitiativeStatus(rawValue: row["to_status"]) ?? .ingediend, motivation: row["motivation"])
                }
            }
        }
    }

    // MARK: - Rows

    static func fetch(_ db: Database, id: String) throws -> Initiative? {
        try String.fetchOne(db, sql: "SELECT state FROM initiative WHERE id = ?", arguments: [id]).map { try decode($0) }
    }

    static func encode(_ initiative: Initiative) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(initiative), as: UTF8.self)
    }

    static func decode(_ state: String) throws -> Initiative {
        try JSONDecoder().decode(Initiative.self, from: Data(state.utf8))
    }

    static func mutations(_ db: Database, line: BudgetLine, wijk: String?, year: Int) throws -> [BudgetMutation] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM budget_mutation WHERE year = ? AND line = ? AND wijk IS ? ORDER BY id",
            arguments: [year, line.rawValue, wijk]
        ).compactMap(BudgetLedgerRepository.mutation(from:))
    }

    /// Records a ledger row and its audit entry, inside the caller's transaction.
    static func insert(_ mutation: BudgetMutation, actor: String, at: String, in db: Database) throws {
        _ = try AuditLog.append(AuditRecord(
            actor: actor, action: AuditAction("budget.\(mutation.kind.rawValue)"), subject: "\(mutation.line.rawValue) \(mutation.wijk ?? "gemeente") \(mutation.year)",
            details: ["amount_cents": .number(mutation.amount.value), "initiative": .text(mutation.initiativeID ?? ""), "note": .text(mutation.note)]), in: db)
        try db.execute(
            sql: """
                INSERT INTO budget_mutation (at, actor, kind, line, wijk, year, amount_cents, initiative_id, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [at, actor, mutation.kind.rawValue, mutation.line.rawValue, mutation.wijk, mutation.year,
                        mutation.amount.value, mutation.initiativeID, mutation.note])
    }
}
