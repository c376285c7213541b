import Foundation
import GRDB

/// The record of every message handed to delivery. Bodies are not stored: an invitation's body holds
/// its personal link, which the database must never contain.
public struct OutboxRepository: Sendable {
    let pool: DatabasePool

    public struct Entry: Hashable, Sendable {
        public var kind: String
        public var invitationID: Int64?
        public var recipient: String
        public var subject: String
        public init(kind: String, invitationID: Int64?, recipient: String, subject: String) {
            self.kind = kind
            self.invitationID = invitationID
            self.recipient = recipient
            self.subject = subject
        }
    }

    /// Records that `entries` were delivered to `destination` (e.g. a file in the outbox folder).
    public func recordSent(_ entries: [(Entry, destination: String)]) async throws(StorageError) {
        try await run("record \(entries.count) sent messages") {
            try await pool.write { db in
                let now = Timestamp.now()
                let insert = try db.makeStatement(sql: """
                    INSERT INTO outbox (kind, invitation_id, recipient, subject, status, attempts, delivered_to, created_at, sent_at)
                    VALUES (?, ?, ?, ?, 'sent', 1, ?, ?, ?)
                    """)
                for (entry, destination) in entries {
                    try insert.execute(arguments: [entry.kind, entry.invitationID, entry.recipient, entry.subject, destination, now, now])
                }
            }
        }
    }

    public func statusCounts() async throws(StorageError) -> [String: Int] {
        try await run("count outbox messages") {
            try await pool.read { db in
                var counts: [String: Int] = ["queued": 0, "sent": 0, "failed": 0]
                for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outbox GROUP BY status") {
                    counts[row["status"]] = row["n"]
                }
                return counts
            }
        }
    }
}
