import GRDB

extension DatabasePool {
    /// Reads on the calling thread, outside a transaction. `await read` hands the work to a reader
    /// connection's queue and back (two thread wake-ups) and wraps it in BEGIN…COMMIT, which together
    /// cost more than a lookup by key; the answering pages make two such lookups per request.
    ///
    /// Only for short reads by key. Each statement still sees one committed state (SQLite takes its
    /// snapshot per statement); a read of several statements must be correct even if a commit lands
    /// between them. The caller waits for a free reader connection (held by short reads only) and for
    /// the query, never for a writer: in WAL mode readers do not wait for writers.
    func readNow<T>(_ value: (Database) throws -> T) throws -> T {
        try unsafeRead(value)
    }
}
