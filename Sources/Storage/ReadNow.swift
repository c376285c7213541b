import GRDB
import Synchronization

/// Read-only connections of the storage layer's own for the short lookups by key that every answering
/// request makes (a link's invitation, the answers given before), read on the calling thread.
///
/// `await pool.read` hands the work to a reader connection's queue and back (two thread wake-ups) and
/// wraps it in BEGIN…COMMIT; even `unsafeRead` goes through the pool's barrier queue, semaphore and
/// dispatch group, and a profile of the survey page under load put a tenth of the server's CPU in that
/// bookkeeping. A connection taken from a locked list and given back costs a fraction of it.
///
/// Only for short reads by key. Each statement sees one committed state (SQLite takes its snapshot per
/// statement, outside a transaction); a read of several statements must be correct even if a commit
/// lands between them. Readers never wait for the writer in WAL mode.
final class QuickReads: Sendable {
    private let path: String
    /// Idle connections; one is taken per read and given back after. More are opened when all are in
    /// use (as many as threads read at once, which the HTTP server's thread counts bound); past
    /// `keep` idle ones, a returned connection is closed.
    private let idle = Mutex<(connections: [DatabaseQueue], closed: Bool)>(([], false))
    private let keep: Int

    init(path: String, keep: Int = 4) {
        self.path = path
        self.keep = keep
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let taken = try idle.withLock { state -> DatabaseQueue? in
            guard !state.closed else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database is closed") }
            return state.connections.popLast()
        }
        let connection = try taken ?? open()
        defer {
            idle.withLock { state in
                if !state.closed && state.connections.count < keep { state.connections.append(connection) }
            }
        }
        return try connection.inDatabase(body)
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "draagvlak.quick-read"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -1024") }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Closes the idle connections; later reads fail.
    func close() {
        let connections = idle.withLock { state in
            state.closed = true
            defer { state.connections = [] }
            return state.connections
        }
        for connection in connections { try? connection.close() }
    }
}
