import Foundation
import GRDB

/// Taking and recording messages in batches, for transports that take many at once (the `.eml`
/// folder): one commit to claim a batch and one to record it, rather than two per message.
extension OutboxRepository {
    /// Takes up to `limit` due messages, oldest first, marking them `sending` in one statement, so
    /// two senders never take the same message.
    public func claimBatch(limit: Int, now: Date = Date()) async throws(StorageError) -> [Claimed] {
        try await run("take messages from the outbox") {
            try await pool.write { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        UPDATE outbox SET status = 'sending', attempts = attempts + 1
                        WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                                     ORDER BY id LIMIT ?)
                        RETURNING id, recipient, sealed_body, attempts
                        """,
                    arguments: [Timestamp.format(now), limit]
                ).map { Claimed(id: $0["id"], recipient: $0["recipient"], sealedBody: Array($0["sealed_body"] as Data), attempt: $0["attempts"]) }
                .sorted { $0.id < $1.id }
            }
        }
    }

    /// Records delivered messages in one transaction (see ``markSent(_:deliveredTo:)``).
    public func markSent(_ delivered: [(id: Int64, destination: String)]) async throws(StorageError) {
        try await run("record \(delivered.count) delivered messages") {
            try await pool.write { db in
                let statement = try db.makeStatement(
                    sql: "UPDATE outbox SET status = 'sent', sealed_body = NULL, delivered_to = ?, sent_at = ?, last_error = NULL WHERE id = ?")
                let now = Timestamp.now()
                for (id, destination) in delivered { try statement.execute(arguments: [destination, now, id]) }
            }
        }
    }
}
