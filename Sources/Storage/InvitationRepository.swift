import Foundation
import GRDB
import Panel
import Secrets

/// Personal links: one invitation per member per survey, known to the database only by the SHA-256
/// of its token.
public struct InvitationRepository: Sendable {
    let pool: DatabasePool
    let quickReads: QuickReads

    /// An invitation just made, with the token: the only moment the token exists outside a message.
    public struct Issued: Sendable {
        public let invitationID: Int64
        public let member: Member
        public let token: SecretToken
    }

    public struct IssueResult: Sendable {
        public let issued: [Issued]
        /// Members who already had an invitation for this survey; they are not invited twice.
        public let alreadyInvited: [String]
    }

    /// What a presented token opens.
    public struct Invitation: Hashable, Sendable {
        public let id: Int64
        public let surveyID: String
        public let memberID: String
        public let language: String
    }

    /// Invites `members` to `surveyID` in one transaction, with a fresh token each.
    public func issue(surveyID: String, to members: [Member]) async throws(StorageError) -> IssueResult {
        let tokens: [SecretToken]
        do { tokens = try members.map { _ in try SecretToken.generate() } } catch {
            throw StorageError(operation: "generate invitation tokens", reason: "\(error)")
        }
        return try await run("invite \(members.count) members to \(surveyID)") {
            try await pool.write { db in
                var issued: [Issued] = []
                var already: [String] = []
                let now = Timestamp.now()
                let insert = try db.makeStatement(sql: """
                    INSERT INTO invitation (survey_id, member_id, created_at) VALUES (?, ?, ?)
                    ON CONFLICT(survey_id, member_id) DO NOTHING
                    """)
                let link = try db.makeStatement(sql: "INSERT INTO invitation_token (digest, invitation_id, created_at) VALUES (?, ?, ?)")
                for (member, token) in zip(members, tokens) {
                    try insert.execute(arguments: [surveyID, member.id, now])
                    if db.changesCount == 1 {
                        let id = db.lastInsertedRowID
                        try link.execute(arguments: [Data(token.digest), id, now])
                        issued.append(Issued(invitationID: id, member: member, token: token))
                    } else {
                        already.append(member.id)
                    }
                }
                return IssueResult(issued: issued, alreadyInvited: already)
            }
        }
    }

    /// The live invitation a token opens, or nil for an unknown or revoked token (callers must not
    /// tell the two apart to the visitor).
    public func find(token presented: String) async throws(StorageError) -> Invitation? {
        guard let digest = SecretToken.digest(ofPresented: presented) else { return nil }
        return try await run("look up an invitation") {
            try quickReads.read { db in
                guard let row = try Row.fetchOne(
                    db.cachedStatement(
                    sql: """
                        SELECT i.id, i.survey_id, i.member_id, t.digest, m.language FROM invitation_token t
                        JOIN invitation i ON i.id = t.invitation_id
                        JOIN member m ON m.id = i.member_id
                        WHERE t.digest = ? AND i.channel = 'panel' AND i.revoked_at IS NULL AND m.erased_at IS NULL
                        """),
                    arguments: [Data(digest)])
                else { return nil }
                // The index lookup already matched; comparing again in constant time costs nothing
                // and keeps the check independent of how SQLite compares blobs.
                guard constantTimeEqual(Array(row["digest"] as Data), digest) else { return nil }
                return Invitation(id: row["id"], surveyID: row["survey_id"], memberID: row["member_id"], language: row["language"])
            }
        }
    }

    /// Live invitations of one channel (the panel's by default).
    public func count(surveyID: String, channel: Channel = .panel) async throws(StorageError) -> Int {
        try await run("count invitations of \(surveyID)") {
            try await pool.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM invitation WHERE survey_id = ? AND channel = ? AND revoked_at IS NULL",
                    arguments: [surveyID, channel.rawValue]) ?? 0
            }
        }
    }

    /// A further link to an existing invitation, for a reminder; earlier links keep working.
    public func addLink(to invitationID: Int64) async throws(StorageError) -> SecretToken {
        let token: SecretToken
        do { token = try SecretToken.generate() } catch { throw StorageError(operation: "generate a reminder token", reason: "\(error)") }
        try await run("add a link to invitation \(invitationID)") {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO invitation_token (digest, invitation_id, created_at) VALUES (?, ?, ?)",
                               arguments: [Data(token.digest), invitationID, Timestamp.now()])
            }
        }
        return token
    }

    /// Invitations to remind: not answered, not revoked, reminded fewer than `maxReminders` times, of
    /// members still on the panel and still wanting invitations.
    public func needingReminder(surveyID: String, maxReminders: Int) async throws(StorageError) -> [(invitationID: Int64, member: Member)] {
        try await run("find invitations to remind for \(surveyID)") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.id AS invitation_id, m.*, c.email, c.postcode FROM invitation i
                        JOIN member m ON m.id = i.member_id JOIN member_contact c ON c.member_id = m.id
                        WHERE i.survey_id = ? AND i.channel = 'panel' AND i.revoked_at IS NULL AND i.reminders_sent < ?
                          AND m.active = 1 AND m.unsubscribed_at IS NULL AND m.erased_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM response r WHERE r.invitation_id = i.id)
                        ORDER BY m.id
                        """,
                    arguments: [surveyID, maxReminders]
                ).map { (invitationID: $0["invitation_id"], member: MemberRepository.member(from: $0)) }
            }
        }
    }

    public func markReminded(_ invitationIDs: [Int64]) async throws(StorageError) {
        try await run("count reminders") {
            try await pool.write { db in
                let statement = try db.makeStatement(sql: "UPDATE invitation SET reminders_sent = reminders_sent + 1 WHERE id = ?")
                for id in invitationIDs { try statement.execute(arguments: [id]) }
            }
        }
    }

    /// Withdraws a member's invitation: every link to it stops working at once. False when there was none.
    @discardableResult
    public func revoke(surveyID: String, memberID: String) async throws(StorageError) -> Bool {
        try await run("revoke an invitation") {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE invitation SET revoked_at = ? WHERE survey_id = ? AND channel = 'panel' AND member_id = ? AND revoked_at IS NULL",
                    arguments: [Timestamp.now(), surveyID, memberID])
                return db.changesCount == 1
            }
        }
    }

    /// How many invitations each member received since `date`, for the yearly cap on invitations.
    /// Letters have no member and do not count.
    public func counts(since date: Date) async throws(StorageError) -> [String: Int] {
        try await run("count invitations per member") {
            try await pool.read { db in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT member_id, COUNT(*) AS n FROM invitation WHERE channel = 'panel' AND created_at >= ? GROUP BY member_id",
                    arguments: [Timestamp.format(date)])
                {
                    counts[row["member_id"]] = row["n"]
                }
                return counts
            }
        }
    }

    /// Everyone invited to a survey so far (also revoked invitations: a member is invited once).
    public func memberIDs(surveyID: String) async throws(StorageError) -> Set<String> {
        try await run("list invited members of \(surveyID)") {
            try await pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT member_id FROM invitation WHERE survey_id = ? AND channel = 'panel'", arguments: [surveyID]))
            }
        }
    }
}
