import Foundation
import GRDB
import Secrets

/// What a member may ask of the municipality about their data (AVG/GDPR): leave the panel, take
/// their data, and be erased. Each action is recorded by kind and moment only, never by who.
extension MemberRepository {
    /// Switches members off or on (left the panel, came back); their answers stay either way. Taking
    /// a member back counts as their confirmation that they want to stay (staff spoke to them).
    @discardableResult
    public func setActive(_ active: Bool, ids: [String]) async throws(StorageError) -> Int {
        try await run("\(active ? "reactivate" : "deactivate") \(ids.count) members") {
            try await pool.write { db in
                let statement = try db.makeStatement(sql: active
                    ? "UPDATE member SET active = 1, lapsed_at = NULL, confirmed_at = ?1, updated_at = ?1 WHERE id = ?2 AND erased_at IS NULL"
                    : "UPDATE member SET active = 0, updated_at = ?1 WHERE id = ?2 AND erased_at IS NULL")
                var changed = 0
                for id in ids {
                    try statement.execute(arguments: [Timestamp.now(), id])
                    changed += db.changesCount
                }
                return changed
            }
        }
    }

    /// No further invitations; links already sent keep working until their survey closes.
    public func unsubscribe(_ id: String) async throws(StorageError) {
        try await run("unsubscribe a member") {
            try await pool.write { db in
                try db.execute(sql: "UPDATE member SET unsubscribed_at = COALESCE(unsubscribed_at, ?) WHERE id = ?", arguments: [Timestamp.now(), id])
                try Self.recordPrivacyEvent("unsubscribe", db)
            }
        }
    }

    /// Everything stored about a member and their answers, for them to take away.
    public func export(_ id: String) async throws(StorageError) -> MemberExport? {
        try await run("export a member's data") {
            try await pool.write { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT m.*, c.email, c.postcode FROM member m JOIN member_contact c ON c.member_id = m.id WHERE m.id = ?",
                    arguments: [id])
                else { return nil }
                var invitations: [MemberExport.Invitation] = []
                for invitation in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.id, i.survey_id, i.created_at, i.reminders_sent, r.submitted_at, r.updated_at
                        FROM invitation i LEFT JOIN response r ON r.invitation_id = i.id WHERE i.member_id = ? ORDER BY i.id
                        """,
                    arguments: [id])
                {
                    var answers: [String: [String]] = [:]
                    for answer in try Row.fetchAll(
                        db, sql: "SELECT question_id, value FROM answer WHERE invitation_id = ? ORDER BY question_id, position",
                        arguments: [invitation["id"] as Int64])
                    {
                        answers[answer["question_id"], default: []].append(answer["value"])
                    }
                    invitations.append(.init(
                        survey: invitation["survey_id"], invitedAt: invitation["created_at"], reminders: invitation["reminders_sent"],
                        answeredAt: invitation["updated_at"], answers: answers))
                }
                try Self.recordPrivacyEvent("download", db)
                return MemberExport(
                    memberID: row["id"], email: row["email"], wijk: row["wijk"], buurt: row["buurt"], postcode: row["postcode"],
                    birthYear: row["birth_year"], ageBand: row["age_band"], gender: row["gender"], language: row["language"],
                    active: row["active"], unsubscribedAt: row["unsubscribed_at"], invitations: invitations)
            }
        }
    }

    /// Erases a member: e-mail, postcode, birth year, buurt and every link are gone; their answers
    /// stay as anonymous rows under a new random id, with only wijk, age band and gender (which the
    /// statistics weigh by). Irreversible.
    public func erase(_ id: String) async throws(StorageError) {
        let anonymousID: String
        do { anonymousID = "gewist-" + Hex.encode(try SecureRandom.bytes(8)) } catch {
            throw StorageError(operation: "erase a member", reason: "\(error)")
        }
        try await run("erase a member") {
            try await pool.write { db in
                let now = Timestamp.now()
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM member WHERE id = ?", arguments: [id]) == true else { return }
                // Messages that are not about an invitation (a request to stay, a sign-up's confirmation)
                // are found by the address itself, as are sign-ups waiting for confirmation.
                if let email = try String.fetchOne(db, sql: "SELECT email FROM member_contact WHERE member_id = ?", arguments: [id]) {
                    try db.execute(sql: """
                        UPDATE outbox SET recipient = '', sealed_body = NULL,
                            status = CASE WHEN status IN ('queued', 'sending') THEN 'failed' ELSE status END,
                            last_error = CASE WHEN status IN ('queued', 'sending') THEN 'member erased before delivery' ELSE last_error END
                        WHERE recipient = ? COLLATE NOCASE
                        """, arguments: [email])
                    try db.execute(sql: "DELETE FROM pending_signup WHERE email = ? COLLATE NOCASE", arguments: [email])
                }
                try db.execute(
                    sql: """
                        INSERT INTO member (id, wijk, buurt, birth_year, age_band, gender, language, active, created_at, updated_at, erased_at)
                        SELECT ?, wijk, NULL, NULL, age_band, gender, language, 0, ?, ?, ? FROM member WHERE id = ?
                        """,
                    arguments: [anonymousID, now, now, now, id])
                try db.execute(sql: "UPDATE invitation SET member_id = ?, revoked_at = COALESCE(revoked_at, ?) WHERE member_id = ?",
                               arguments: [anonymousID, now, id])
                try db.execute(sql: "DELETE FROM invitation_token WHERE invitation_id IN (SELECT id FROM invitation WHERE member_id = ?)",
                               arguments: [anonymousID])
                try db.execute(sql: """
                    UPDATE outbox SET recipient = '', sealed_body = NULL,
                        status = CASE WHEN status IN ('queued', 'sending') THEN 'failed' ELSE status END,
                        last_error = CASE WHEN status IN ('queued', 'sending') THEN 'member erased before delivery' ELSE last_error END
                    WHERE invitation_id IN (SELECT id FROM invitation WHERE member_id = ?)
                    """, arguments: [anonymousID])
                try db.execute(sql: "DELETE FROM member_contact WHERE member_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM member WHERE id = ?", arguments: [id])
                try Self.recordPrivacyEvent("erasure", db)
            }
            // The write-ahead log still holds the pages as they were before the erasure. Copy the
            // overwritten pages home and empty the log, so no copy of the data is left in any file.
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
    }

    /// How often each right was exercised.
    public func privacyEventCounts() async throws(StorageError) -> [String: Int] {
        try await run("count privacy events") {
            try await pool.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM privacy_event GROUP BY kind")
                    .map { ($0["kind"] as String, $0["n"] as Int) })
            }
        }
    }

    static func recordPrivacyEvent(_ kind: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO privacy_event (kind, at) VALUES (?, ?)", arguments: [kind, Timestamp.now()])
    }
}

/// A member's own data, as they download it (JSON).
public struct MemberExport: Codable, Sendable, Hashable {
    public struct Invitation: Codable, Sendable, Hashable {
        public let survey: String
        public let invitedAt: String
        public let reminders: Int
        public let answeredAt: String?
        public let answers: [String: [String]]

        enum CodingKeys: String, CodingKey {
            case survey, reminders, answers
            case invitedAt = "invited_at"
            case answeredAt = "answered_at"
        }
    }

    public let memberID: String
    public let email: String
    public let wijk: String
    public let buurt: String?
    public let postcode: String?
    public let birthYear: Int?
    public let ageBand: String?
    public let gender: String
    public let language: String
    public let active: Bool
    public let unsubscribedAt: String?
    public let invitations: [Invitation]

    enum CodingKeys: String, CodingKey {
        case email, wijk, buurt, postcode, gender, language, active, invitations
        case memberID = "member_id"
        case birthYear = "birth_year"
        case ageBand = "age_band"
        case unsubscribedAt = "unsubscribed_at"
    }
}
