import Foundation
import GRDB
import Secrets

/// Every personal link a member holds: the links of their invitations and links of their own (after
/// signing up, in a request to stay on the panel). Any of them opens the member's own pages: their
/// data, their surveys, leaving the panel. Only digests are stored.
public struct PersonalLinkRepository: Sendable {
    let pool: DatabasePool

    public enum Purpose: String, Sendable {
        /// Shown once, right after confirming a sign-up.
        case welcome
        /// In the yearly "still with us?" message.
        case reconfirm
    }

    /// Whose link a presented token is.
    public struct Holder: Hashable, Sendable {
        public let memberID: String
        public let language: String
        /// The invitation, when the link is an invitation's.
        public let invitationID: Int64?
    }

    /// A new link of the member's own; earlier ones keep working.
    public func issue(memberID: String, purpose: Purpose) async throws(StorageError) -> SecretToken {
        let token: SecretToken
        do { token = try SecretToken.generate() } catch { throw StorageError(operation: "generate a personal link", reason: "\(error)") }
        try await run("add a personal link") {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO member_link (digest, member_id, purpose, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [Data(token.digest), memberID, purpose.rawValue, Timestamp.now()])
            }
        }
        return token
    }

    /// The member a token belongs to, or nil for an unknown, revoked or erased one (which callers
    /// must not tell apart to the visitor).
    public func holder(ofToken presented: String) async throws(StorageError) -> Holder? {
        guard let digest = SecretToken.digest(ofPresented: presented) else { return nil }
        return try await run("look up a personal link") {
            try await pool.read { db in
                if let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT t.digest, i.id AS invitation_id, m.id AS member_id, m.language FROM invitation_token t
                        JOIN invitation i ON i.id = t.invitation_id JOIN member m ON m.id = i.member_id
                        WHERE t.digest = ? AND i.channel = 'panel' AND i.revoked_at IS NULL AND m.erased_at IS NULL
                        """,
                    arguments: [Data(digest)]),
                    constantTimeEqual(Array(row["digest"] as Data), digest)
                {
                    return Holder(memberID: row["member_id"], language: row["language"], invitationID: row["invitation_id"])
                }
                if let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT l.digest, m.id AS member_id, m.language FROM member_link l JOIN member m ON m.id = l.member_id
                        WHERE l.digest = ? AND m.erased_at IS NULL
                        """,
                    arguments: [Data(digest)]),
                    constantTimeEqual(Array(row["digest"] as Data), digest)
                {
                    return Holder(memberID: row["member_id"], language: row["language"], invitationID: nil)
                }
                return nil
            }
        }
    }
}
