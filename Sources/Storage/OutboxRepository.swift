import Foundation
import GRDB

/// The queue of messages on their way out. A body holds a personal link, so it is stored only sealed
/// (encrypted with a key kept outside the database) and removed as soon as the message is delivered
/// or given up; what remains is who, what and when.
public struct OutboxRepository: Sendable {
    let pool: DatabasePool

    public struct Entry: Hashable, Sendable {
        public var kind: String
        public var invitationID: Int64?
        public var recipient: String
        public var subject: String
        public var sealedBody: [UInt8]
        public init(kind: String, invitationID: Int64?, recipient: String, subject: String, sealedBody: [UInt8]) {
            self.kind = kind
            self.invitationID = invitationID
            self.recipient = recipient
            self.subject = subject
            self.sealedBody = sealedBody
        }
    }

    /// A message taken from the queue for one delivery attempt.
    public struct Claimed: Hashable, Sendable {
        public let id: Int64
        public let recipient: String
        public let sealedBody: [UInt8]
        /// Attempts including this one.
        public let attempt: Int
    }

    public func enqueue(_ entries: [Entry]) async throws(StorageError) {
        try await run("queue \(entries.count) messages") {
            try await pool.write { db in try Self.enqueue(entries, in: db) }
        }
    }

    /// Queues inside the caller's transaction, so a message exists exactly when the change it tells about does.
    static func enqueue(_ entries: [Entry], in db: Database) throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO outbox (kind, invitation_id, recipient, subject, sealed_body, status, created_at)
            VALUES (?, ?, ?, ?, ?, 'queued', ?)
            """)
        let now = Timestamp.now()
        for entry in entries {
            try insert.execute(arguments: [entry.kind, entry.invitationID, entry.recipient, entry.subject, Data(entry.sealedBody), now])
        }
    }

    /// Takes the oldest message that is due, marking it `sending` in the same statement, so two
    /// senders (the server and a command) never take the same message.
    public func claimNext(now: Date = Date()) async throws(StorageError) -> Claimed? {
        try await run("take a message from the outbox") {
            try await pool.write { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        UPDATE outbox SET status = 'sending', attempts = attempts + 1
                        WHERE id = (SELECT id FROM outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                                    ORDER BY id LIMIT 1)
                        RETURNING id, recipient, sealed_body, attempts
                        """,
                    arguments: [Timestamp.format(now)]
                ).map { Claimed(id: $0["id"], recipient: $0["recipient"], sealedBody: Array($0["sealed_body"] as Data), attempt: $0["attempts"]) }
            }
        }
    }

    public func markSent(_ id: Int64, deliveredTo destination: String) async throws(StorageError) {
        try await run("record a delivered message") {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE outbox SET status = 'sent', sealed_body = NULL, delivered_to = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                    arguments: [destination, Timestamp.now(), id])
            }
        }
    }

    /// A failed attempt: retried at `retryAt`, or given up for good when that is nil.
    public func markFailed(_ id: Int64, error: String, retryAt: Date?) async throws(StorageError) {
        try await run("record a failed delivery") {
            try await pool.write { db in
                if let retryAt {
                    try db.execute(sql: "UPDATE outbox SET status = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ?",
                                   arguments: [Timestamp.format(retryAt), error, id])
                } else {
                    try db.execute(sql: "UPDATE outbox SET status = 'failed', sealed_body = NULL, last_error = ? WHERE id = ?",
                                   arguments: [error, id])
                }
            }
        }
    }

    /// After a crash or kill, a message left `sending` may or may not have reached the server. It is
    /// marked failed rather than sent again: a resident never gets the same message twice, and staff
    /// see exactly which ones to check. Returns how many.
    @discardableResult
    public func recoverInterrupted() async throws(StorageError) -> Int {
        try await run("recover interrupted deliveries") {
            try await pool.write { db in
                try db.execute(sql: """
                    UPDATE outbox SET status = 'failed', sealed_body = NULL,
                        last_error = 'interrupted during delivery; not retried, so it cannot arrive twice'
                    WHERE status = 'sending'
                    """)
                return db.changesCount
            }
        }
    }

    public func statusCounts() async throws(StorageError) -> [String: Int] {
        try await run("count outbox messages") {
            try await pool.read { db in
                var counts: [String: Int] = ["queued": 0, "sending": 0, "sent": 0, "failed": 0]
                for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outbox GROUP BY status") {
                    counts[row["status"]] = row["n"]
                }
                return counts
            }
        }
    }

    /// The most recent failures, for staff to act on.
    public func recentFailures(limit: Int = 50) async throws(StorageError) -> [(id: Int64, kind: String, recipient: String, error: String, attempts: Int)] {
        try await run("list failed messages") {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, kind, recipient, last_error, attempts FROM outbox WHERE status = 'failed' ORDER BY id DESC LIMIT ?",
                    arguments: [limit]
                ).map { (id: $0["id"], kind: $0["kind"], recipient: $0["recipient"], error: $0["last_error"] ?? "", attempts: $0["attempts"]) }
            }
        }
    }
}
