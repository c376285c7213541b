import Foundation
import GRDB
import Initiatives
import Panel
import Secrets

/// Publishing a survey's results with what the municipality decided, and the feedback
/// (*terugkoppeling*) that follows: one message per invitation, never two, however often staff run
/// the command.
public struct PublicationRepository: Sendable {
    let pool: DatabasePool

    public struct Publication: Hashable, Sendable {
        public let surveyID: String
        public let decisionNL: String
        public let decisionEN: String?
        public let publishedAt: Date
        public let updatedAt: Date

        public func decision(in language: String) -> String { language == "en" ? (decisionEN ?? decisionNL) : decisionNL }
    }

    /// Records the decision: the first time as the publication, later as a corrected text (the
    /// moment of publication stays). Audited in the same transaction. Returns the publication and
    /// whether this was the first time.
    public func publish(surveyID: String, decisionNL: String, decisionEN: String?, actor: String, at date: Date = Date())
        async throws(StorageError) -> (publication: Publication, first: Bool)
    {
        try await run("publish the results of \(surveyID)") {
            try await pool.write { db in
                let stamp = Timestamp.format(date)
                let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM survey_publication WHERE survey_id = ?", arguments: [surveyID]) ?? false
                try db.execute(
                    sql: """
                        INSERT INTO survey_publication (survey_id, decision_nl, decision_en, published_at, updated_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(survey_id) DO UPDATE SET decision_nl = excluded.decision_nl, decision_en = excluded.decision_en,
                            updated_at = excluded.updated_at
                        """,
                    arguments: [surveyID, decisionNL, decisionEN, stamp, stamp])
                try AuditLog.append(
                    AuditRecord(actor: actor, action: existed ? .surveyDecisionUpdated : .surveyPublished, subject: "survey:\(surveyID)",
                                details: ["decision_sha256": .text(SHA256.hexDigest(decisionNL + "\u{0}" + (decisionEN ?? "")))]),
                    in: db, at: date)
                return (try Self.publication(surveyID, db)!, !existed)
            }
        }
    }

    public func find(_ surveyID: String) async throws(StorageError) -> Publication? {
        try await run("look up the publication of \(surveyID)") { try await pool.read { db in try Self.publication(surveyID, db) } }
    }

    /// The publications of these surveys, by survey id.
    public func find(surveyIDs: [String]) async throws(StorageError) -> [String: Publication] {
        var found: [String: Publication] = [:]
        for id in Set(surveyIDs) { if let publication = try await find(id) { found[id] = publication } }
        return found
    }

    /// Someone to tell what was done with a survey: a member on the panel with a live invitation who
    /// has not had this survey's feedback yet.
    public struct Recipient: Sendable {
        public let invitationID: Int64
        public let member: Member
        public let responded: Bool
    }

    /// Respondents (and with `includeInvitees` everyone invited) who are still on the panel, still
    /// want mail and have had no feedback on this survey. Ordered by member id.
    public func feedbackRecipients(surveyID: String, includeInvitees: Bool) async throws(StorageError) -> [Recipient] {
        try await run("find who gets feedback on \(surveyID)") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.id AS invitation_id, EXISTS (SELECT 1 FROM response r WHERE r.invitation_id = i.id) AS responded,
                            m.*, c.email, c.postcode
                        FROM invitation i JOIN member m ON m.id = i.member_id JOIN member_contact c ON c.member_id = m.id
                        WHERE i.survey_id = ? AND i.channel = 'panel' AND i.revoked_at IS NULL
                          AND m.active = 1 AND m.unsubscribed_at IS NULL AND m.erased_at IS NULL
                          AND (? OR EXISTS (SELECT 1 FROM response r WHERE r.invitation_id = i.id))
                          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.invitation_id = i.id AND o.kind = 'feedback')
                        ORDER BY m.id
                        """,
                    arguments: [surveyID, includeInvitees]
                ).map { Recipient(invitationID: $0["invitation_id"], member: MemberRepository.member(from: $0), responded: $0["responded"]) }
            }
        }
    }

    /// One feedback message and the personal link in it, which is added to the invitation only if
    /// the message is queued.
    public struct Feedback: Sendable {
        public let entry: OutboxRepository.Entry
        public let token: SecretToken
        public init(entry: OutboxRepository.Entry, token: SecretToken) {
            self.entry = entry
            self.token = token
        }
    }

    /// Queues the messages in one transaction; a message for an invitation that had its feedback
    /// already (a second run at the same moment) is dropped by the database. Returns how many were queued.
    @discardableResult
    public func enqueue(_ messages: [Feedback]) async throws(StorageError) -> Int {
        try await run("queue \(messages.count) feedback messages") {
            try await pool.write { db in
                let insert = try db.makeStatement(sql: """
                    INSERT OR IGNORE INTO outbox (kind, invitation_id, recipient, subject, sealed_body, status, created_at)
                    VALUES ('feedback', ?, ?, ?, ?, 'queued', ?)
                    """)
                let link = try db.makeStatement(sql: "INSERT INTO invitation_token (digest, invitation_id, created_at) VALUES (?, ?, ?)")
                let now = Timestamp.now()
                var queued = 0
                for message in messages {
                    let entry = message.entry
                    guard let invitationID = entry.invitationID, entry.kind == "feedback" else {
                        throw StorageError(operation: "queue feedback", reason: "a feedback message needs its invitation and the kind 'feedback'")
                    }
                    try insert.execute(arguments: [invitationID, entry.recipient, entry.subject, Data(entry.sealedBody), now])
                    guard db.changesCount == 1 else { continue }
                    try link.execute(arguments: [Data(message.token.digest), invitationID, now])
                    queued += 1
                }
                return queued
            }
        }
    }

    /// Feedback messages queued so far for a survey (sent or not).
    public func feedbackCount(surveyID: String) async throws(StorageError) -> Int {
        try await run("count feedback on \(surveyID)") {
            try await pool.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM outbox o JOIN invitation i ON i.id = o.invitation_id WHERE o.kind = 'feedback' AND i.survey_id = ?",
                    arguments: [surveyID]) ?? 0
            }
        }
    }

    private static func publication(_ surveyID: String, _ db: Database) throws -> Publication? {
        try Row.fetchOne(db, sql: "SELECT * FROM survey_publication WHERE survey_id = ?", arguments: [surveyID]).map { row in
            Publication(
                surveyID: row["survey_id"], decisionNL: row["decision_nl"], decisionEN: row["decision_en"],
                publishedAt: Timestamp.parse(row["published_at"]) ?? Date(timeIntervalSince1970: 0),
                updatedAt: Timestamp.parse(row["updated_at"]) ?? Date(timeIntervalSince1970: 0))
        }
    }
}

extension AuditAction {
    public static let surveyPublished: AuditAction = "survey.published"
    public static let surveyDecisionUpdated: AuditAction = "survey.decision_updated"
}
