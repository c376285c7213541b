import Dispatch
import Foundation
import GRDB

/// What a backup copied: the copy's size, its own integrity check, and the rows of every table, so a
/// restore can be compared with what was promised.
public struct BackupSummary: Hashable, Sendable {
    public let path: String
    public let pages: Int
    public let bytes: Int
    /// `PRAGMA integrity_check` of the copy: "ok" when sound.
    public let integrity: String
    /// Every table with its number of rows, by name.
    public let rowCounts: [TableCount]

    public struct TableCount: Hashable, Sendable {
        public let table: String
        public let rows: Int
    }
}

extension DraagvlakDatabase {
    /// Copies the database, as it stands at one moment, to a new file at `destination` with SQLite's
    /// online backup API, while the server goes on reading and writing. The copy is written under a
    /// temporary name next to `destination` and renamed into place only once it is complete and checked,
    /// so `destination` never holds half a backup. An existing file is kept unless `replacing`.
    ///
    /// The copy is a single self-contained file (rollback journal, no `-wal` beside it). The outbox key
    /// is not in it: it lives in its own file so that a copy of the database alone opens no personal link.
    public func backup(to destination: String, replacing: Bool = false) async throws(StorageError) -> BackupSummary {
        let operation = "back up the database to \(destination)"
        if !replacing, FileManager.default.fileExists(atPath: destination) {
            throw StorageError(operation: operation, reason: "the file exists; choose another name or replace it on purpose")
        }
        let folder = (destination as NSString).deletingLastPathComponent
        let partial = (folder.isEmpty ? "." : folder) + "/.\((destination as NSString).lastPathComponent).partial-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let pool = self.pool
        let summary: BackupSummary
        do {
            summary = try await Self.offThePool {
                let copy = try DatabaseQueue(path: partial)
                // One step under one read transaction: the copy is a snapshot, never a mix of before and after a write.
                try pool.backup(to: copy)
                let summary = try copy.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                    return try Self.summarize(db, path: destination)
                }
                try copy.close()
                return summary
            }
        } catch {
            throw StorageError(operation: operation, underlying: error)
        }
        guard summary.integrity == "ok" else {
            throw StorageError(operation: operation, reason: "the copy fails its integrity check: \(summary.integrity)")
        }
        do {
            if replacing {
                guard rename(partial, destination) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } else {
                // link(2) fails when the name exists, so a file that appeared meanwhile is not overwritten.
                guard link(partial, destination) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
        } catch {
            throw StorageError(operation: operation, reason: "cannot put the copy in place: \(error.localizedDescription)")
        }
        return summary
    }

    private static func summarize(_ db: Database, path: String) throws -> BackupSummary {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var counts: [BackupSummary.TableCount] = []
        for table in tables {
            counts.append(.init(table: table, rows: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0))
        }
        let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        return BackupSummary(path: path, pages: pages, bytes: pages * pageSize, integrity: integrity, rowCounts: counts)
    }

    /// Runs blocking SQLite work (a backup copies the whole file) on a thread of its own, not the
    /// cooperative pool.
    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "draagvlak.backup").async { continuation.resume(with: Result { try work() }) }
        }
    }
}
