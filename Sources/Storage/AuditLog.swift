import Foundation
import GRDB
import Initiatives
import Secrets

/// The tamper-evident audit log: entries chained by SHA-256 (``AuditChain``), appended and never changed.
///
/// To record something together with the change it describes, append inside the same write transaction
/// with ``append(_:in:at:)``: both commit, or neither does.
public struct AuditLog: Sendable {
    let pool: DatabasePool

    /// The hash the chain uses: lower-case hex SHA-256 of the text's UTF-8 bytes.
    public static let hash: @Sendable (String) -> String = { SHA256.hexDigest($0) }

    /// Appends `record` inside the caller's write transaction and returns the stored entry.
    @discardableResult
    public static func append(_ record: AuditRecord, in db: Database, at date: Date = Date()) throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1").map(entry(from:))
        let entry = AuditChain.entry(after: last, record: record, at: Timestamp.format(date), hash: hash)
        try db.execute(
            sql: "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details, entry.prevHash, entry.hash])
        return entry
    }

    /// Appends `record` in a transaction of its own.
    @discardableResult
    public func append(_ record: AuditRecord) async throws(StorageError) -> AuditEntry {
        try await run("append \(record.action) to the audit log") {
            try await pool.write { db in try Self.append(record, in: db) }
        }
    }

    /// Appends `record` unless the latest entry of the same action has the same subject: for standing facts
    /// such as "these rule files are in force", which matter when they change, not at every start.
    /// Returns whether an entry was written.
    @discardableResult
    public func appendIfChanged(_ record: AuditRecord) async throws(StorageError) -> Bool {
        try await run("append \(record.action) to the audit log") {
            try await pool.write { db in
                let latest = try String.fetchOne(
                    db, sql: "SELECT subject FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1", arguments: [record.action.rawValue])
                guard latest != record.subject else { return false }
                _ = try Self.append(record, in: db)
                return true
            }
        }
    }

    /// Walks the whole chain, one entry at a time, and reports the first broken entry.
    public func verify() async throws(StorageError) -> AuditVerification {
        try await run("verify the audit log") {
            try await pool.read { db in
                var verifier = AuditVerifier()
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
                while let row = try rows.next() {
                    if let problem = verifier.check(Self.entry(from: row), hash: Self.hash) { return .broken(problem) }
                }
                return .intact(count: verifier.count, head: verifier.head)
            }
        }
    }

    /// Entries from `seq` on, oldest first.
    public func entries(from seq: Int64 = 1, limit: Int = 1000) async throws(StorageError) -> [AuditEntry] {
        try await run("read the audit log") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
                    .map(Self.entry(from:))
            }
        }
    }

    /// Reads a stored entry without trusting it: a value someone replaced by NULL or a number reads as
    /// a marker that cannot hash right, so verification names the entry instead of crashing on it.
    static func entry(from row: Row) -> AuditEntry {
        func text(_ column: String) -> String { String.fromDatabaseValue(row[column] as DatabaseValue) ?? "<\(column) is not text>" }
        return AuditEntry(seq: row["seq"], at: text("at"), actor: text("actor"), action: text("action"), subject: text("subject"),
                          details: text("details"), prevHash: text("prev_hash"), hash: text("hash"))
    }
}
