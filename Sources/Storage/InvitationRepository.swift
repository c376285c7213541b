import Foundation
import GRDB
import Panel
import Secrets

/// Personal links: one invitation per member per survey, known to the database only by the SHA-256
/// of its token.
public struct InvitationRepository: Sendable {
    let pool: DatabasePool

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
                    INSERT INTO invitation (survey_id, member_id, token_digest, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(survey_id, member_id) DO NOTHING
                    """)
                for (member, token) in zip(members, tokens) {
                    try insert.execute(arguments: [surveyID, member.id, Data(token.digest), now])
                    if db.changesCount == 1 {
                        issued.append(Issued(invitationID: db.lastInsertedRowID, member: member, token: token))
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
            try await pool.read { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT i.id, i.survey_id, i.member_id, i.token_digest, m.language FROM invitation i
                        JOIN member m ON m.id = i.member_id
                        WHERE i.token_digest = ? AND i.revoked_at IS NULL
                        """,
                    arguments: [Data(digest)])
                else { return nil }
                // The index lookup already matched; comparing again in constant time costs nothing
                // and keeps the check independent of how SQLite compares blobs.
                guard constantTimeEqual(Array(row["token_digest"] as Data), digest) else { return nil }
                return Invitation(id: row["id"], surveyID: row["survey_id"], memberID: row["member_id"], language: row["language"])
            }
        }
    }

    public func count(surveyID: String) async throws(StorageError) -> Int {
        try await run("count invitations of \(surveyID)") {
            try await pool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invitation WHERE survey_id = ? AND revoked_at IS NULL", arguments: [surveyID]) ?? 0
            }
        }
    }
}
