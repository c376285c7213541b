import Foundation
import GRDB

/// Commits concurrent writes together (group commit). Each caller's statements run in a savepoint of
/// their own inside one shared transaction, and a single COMMIT — one flush of the WAL under
/// `synchronous = FULL` — makes the whole batch durable before any caller is resumed.
///
/// With one transaction per answer, the disk's flush latency caps answers at a few thousand a second
/// however fast the rest is; with group commit every answer that arrives during a flush rides on the next.
///
/// The batches run on a dedicated OS thread, never on the cooperative pool: a commit blocks on fsync,
/// and the pool has one thread per core that every request needs. The thread writes through the
/// pool's one writer connection, so batches and all other writes still take turns.
///
/// Failures stay with their owner where they can: statements that throw are rolled back to their
/// savepoint and fail only their caller. When the transaction itself fails (BEGIN, COMMIT, or an error
/// that aborts it), every caller in the batch gets the error and none of their work is stored.
final class GroupCommitter: @unchecked Sendable {
    // `@unchecked Sendable`: the mutable fields below are only touched with `condition` locked.
    private let pool: DatabasePool
    private let name: String
    private let maxBatch: Int
    private let condition = NSCondition()
    private var queue: [Pending] = []
    private var running = false
    private var stopping = false
    private var committed = 0

    init(pool: DatabasePool, name: String, maxBatch: Int = 512) {
        self.pool = pool
        self.name = name
        self.maxBatch = maxBatch
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed (and, with
    /// `synchronous = FULL`, on disk). Throws `work`'s own error, or the batch's when it failed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = Outcome<T>()
            let pending = Pending(
                run: { db in outcome.value = try work(db) },
                finish: { error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: outcome.value!) }
                })
            if !enqueue(pending) {
                continuation.resume(throwing: StorageError(operation: "write to the database", reason: "the database is closed"))
            }
        }
    }

    /// Writes already queued are committed, then the thread ends; later writes fail. Blocks until done.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
    }

    /// Batches committed so far; lets tests see that writes were grouped.
    var batchesCommitted: Int {
        condition.lock()
        defer { condition.unlock() }
        return committed
    }

    /// Callers waiting for the next batch (for tests that need to know a batch is assembled).
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    private func enqueue(_ pending: Pending) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        queue.append(pending)
        if !running {
            // Started on the first write, so commands that never write answers never start a thread.
            running = true
            let thread = Thread { self.commitUntilStopped() }
            thread.name = name
            thread.start()
        }
        condition.signal()
        return true
    }

    private func commitUntilStopped() {
        while let batch = nextBatch() { commit(batch) }
    }

    /// Waits for work; nil once stopping with nothing left.
    private func nextBatch() -> [Pending]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !stopping { condition.wait() }
        guard !queue.isEmpty else {
            running = false
            condition.broadcast()
            return nil
        }
        let batch = Array(queue.prefix(maxBatch))
        queue.removeFirst(batch.count)
        return batch
    }

    private func commit(_ batch: [Pending]) {
        var errors = [(any Error)?](repeating: nil, count: batch.count)
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for (index, pending) in batch.enumerated() {
                        do {
                            try db.inSavepoint {
                                try pending.run(db)
                                return .commit
                            }
                        } catch {
                            errors[index] = error
                        }
                    }
                    return .commit
                }
            }
        } catch {
            // A statement that fills the disk makes SQLite roll the whole transaction back, and the
            // COMMIT then only says "aborted". The statement's own error is the cause every caller
            // of the batch should hear (its owner first of all), so a full disk is reported as one.
            let cause = errors.lazy.compactMap { $0 }.first ?? error
            for (pending, own) in zip(batch, errors) { pending.finish(own ?? cause) }
            return
        }
        condition.lock()
        committed += 1
        condition.unlock()
        for (pending, error) in zip(batch, errors) { pending.finish(error) }
    }

    /// One caller's work and how to resume it. Both closures run on the committer's thread, `run`
    /// first, so the result they pass between them needs no lock.
    private struct Pending {
        let run: (Database) throws -> Void
        let finish: ((any Error)?) -> Void
    }

    private final class Outcome<T>: @unchecked Sendable {
        var value: T?
    }
}
