import GRDB

/// Whether anything in the database changed since an earlier look, written by this process or any
/// other (a `draagvlak` command next to the server): SQLite's `PRAGMA data_version`, asked on a
/// read-only connection of its own. Its value changes whenever another connection commits, and this
/// connection never writes, so an unchanged value means no commit at all. Caches of figures computed
/// from the database (the results reports) keep an entry only while the version they saw holds.
public final class DataVersion: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The current version; compare it with an earlier one, nothing more (the number itself means nothing).
    public func current() throws(StorageError) -> Int64 {
        do {
            return try connection.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw StorageError(operation: "read the database's data version", underlying: error)
        }
    }

    func close() throws { try connection.close() }
}
