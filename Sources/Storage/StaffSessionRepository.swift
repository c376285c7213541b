import Foundation
import GRDB
import Secrets

/// A signed-in browser: whose it is and the CSRF token its forms must carry.
public struct StaffSession: Hashable, Sendable {
    public let account: StaffAccount
    public let csrfToken: String
    public let createdAt: Date
    public let expiresAt: Date
}

/// How long a session lives: it ends after `idle` without a request, and after `absolute` in any case.
public struct SessionLifetime: Hashable, Sendable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    /// 30 minutes idle, 12 hours at most.
    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 3600) {
        self.idle = idle
        self.absolute = absolute
    }
}

/// Sessions of staff accounts. The session id lives only in the browser's cookie; the database keeps
/// its SHA-256, like every other bearer secret here.
public struct StaffSessionRepository: Sendable {
    let pool: DatabasePool
    /// Marks session ids, as `dvk_` marks API tokens.
    public static let prefix = "dvs_"
    /// `last_seen_at` is written at most this often, so a busy page does not write on every request.
    /// Sessions may therefore end up to this much before their idle time is fully up.
    static let touchInterval: TimeInterval = 60

    /// Starts a session for `accountID` and returns its id (for the cookie; it cannot be shown again).
    /// The session the browser presented before, if any, ends: a login always gets a fresh id.
    public func create(accountID: Int64, at now: Date, lifetime: SessionLifetime, replacing previous: String? = nil)
        async throws(StorageError) -> (id: SecretToken, session: StaffSession)
    {
        let id: SecretToken
        let csrf: String
        do {
            id = try SecretToken.generate(prefix: Self.prefix)
            csrf = try SecretToken.generate().value
        } catch { throw StorageError(operation: "generate a session id", reason: "\(error)") }
        let previousDigest = previous.flatMap { SecretToken.digest(ofPresented: $0, prefix: Self.prefix) }
        let expires = now.addingTimeInterval(lifetime.absolute)
        let session = try await run("start a session") {
            try await pool.write { db -> StaffSession in
                if let previousDigest { try db.execute(sql: "DELETE FROM staff_session WHERE id_digest = ?", arguments: [Data(previousDigest)]) }
                // Sessions of anyone that ran out are of no use; clearing them at each login keeps the table small.
                try db.execute(sql: "DELETE FROM staff_session WHERE expires_at <= ? OR last_seen_at <= ?",
                               arguments: [Timestamp.format(now), Timestamp.format(now.addingTimeInterval(-lifetime.idle))])
                try db.execute(
                    sql: """
                        INSERT INTO staff_session (id_digest, account_id, csrf_token, created_at, last_seen_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [Data(id.digest), accountID, csrf, Timestamp.format(now), Timestamp.format(now), Timestamp.format(expires)])
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE id = ?", arguments: [accountID]) else {
                    throw StorageError(operation: "start a session", reason: "no account \(accountID)")
                }
                return StaffSession(account: StaffAccountRepository.account(from: row), csrfToken: csrf, createdAt: now, expiresAt: expires)
            }
        }
        return (id, session)
    }

    /// The live session a presented id opens, noting that it was used; nil for an unknown, malformed,
    /// idle or expired id, and for a disabled account.
    public func find(presented: String, at now: Date, lifetime: SessionLifetime) async throws(StorageError) -> StaffSession? {
        guard let digest = SecretToken.digest(ofPresented: presented, prefix: Self.prefix) else { return nil }
        let found = try await run("look up a session") {
            try await pool.read { db -> (StaffSession, lastSeen: Date)? in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.id_digest, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.expires_at, a.* FROM staff_session s
                        JOIN staff_account a ON a.id = s.account_id
                        WHERE s.id_digest = ? AND a.disabled_at IS NULL
                        """,
                    arguments: [Data(digest)]),
                    constantTimeEqual(Array(row["id_digest"] as Data), digest),
                    let created = Timestamp.parse(row["session_created_at"]), let lastSeen = Timestamp.parse(row["last_seen_at"]),
                    let expires = Timestamp.parse(row["expires_at"])
                else { return nil }
                let session = StaffSession(account: StaffAccountRepository.account(from: row), csrfToken: row["csrf_token"],
                                           createdAt: created, expiresAt: expires)
                return (session, lastSeen)
            }
        }
        guard let (session, lastSeen) = found, now < session.expiresAt, now.timeIntervalSince(lastSeen) < lifetime.idle else { return nil }
        if now.timeIntervalSince(lastSeen) >= Self.touchInterval {
            try await run("note a session's use") {
                try await pool.write { db in
                    try db.execute(sql: "UPDATE staff_session SET last_seen_at = ? WHERE id_digest = ?", arguments: [Timestamp.format(now), Data(digest)])
                }
            }
        }
        return session
    }

    /// Ends the session with this id (logout). False when there was none.
    @discardableResult
    public func delete(presented: String) async throws(StorageError) -> Bool {
        guard let digest = SecretToken.digest(ofPresented: presented, prefix: Self.prefix) else { return false }
        return try await run("end a session") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM staff_session WHERE id_digest = ?", arguments: [Data(digest)])
                return db.changesCount == 1
            }
        }
    }

    /// How many sessions an account has open (for tests and `user list`).
    public func count(accountID: Int64) async throws(StorageError) -> Int {
        try await run("count sessions") {
            try await pool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_session WHERE account_id = ?", arguments: [accountID]) ?? 0
            }
        }
    }
}
