import Foundation
import GRDB

/// The application's SQLite database: one file in WAL mode, opened through a GRDB `DatabasePool`
/// (one writer, concurrent readers), migrated to the current schema on open.
///
/// Durability: `synchronous = FULL`, so a committed answer survives a power cut, not only a crash.
/// That is the promise the thank-you page makes.
public final class DraagvlakDatabase: Sendable {
    let pool: DatabasePool
    public let path: String
    /// Answers arrive in bursts; concurrent ones share a commit (see ``GroupCommitter``).
    let answerWriter: GroupCommitter
    /// The answering pages' lookups by key; see ``QuickReads``.
    let quickReads: QuickReads
    /// Changes whenever anything commits; see ``DataVersion``.
    public let dataVersion: DataVersion

    /// Opens (creating if needed) and migrates the database; `upTo` stops at an earlier migration,
    /// for tests of the migrations themselves.
    public convenience init(path: String) throws(StorageError) { try self.init(path: path, upTo: nil) }

    init(path: String, upTo lastMigration: String?) throws(StorageError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 1 MiB of cached pages per connection instead of SQLite's 2 MiB: requests read a few
            // pages by key, and with up to six connections the default cache was a third of the
            // server's own memory after computing a report.
            try db.execute(sql: "PRAGMA cache_size = -1024")
            // Deleted rows are overwritten, not just unlinked: an erased member's e-mail address
            // must not linger in free pages of the file.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB switches the writer to synchronous = NORMAL when it turns on WAL, after
            // prepareDatabase has run; NORMAL syncs the log only at checkpoints, so an acknowledged
            // answer could be lost in a power cut. Back to FULL: every commit is synced before it returns.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            if let lastMigration { try Schema.migrator.migrate(pool, upTo: lastMigration) } else { try Schema.migrator.migrate(pool) }
            dataVersion = try DataVersion(path: path)
        } catch {
            throw StorageError(operation: "open the database at \(path)", underlying: error)
        }
        answerWriter = GroupCommitter(pool: pool, name: "draagvlak.answers")
        quickReads = QuickReads(path: path)
    }

    deinit { answerWriter.stop() }

    /// Closes every connection; later calls fail. Call after the HTTP server has stopped.
    public func close() throws(StorageError) {
        answerWriter.stop()
        quickReads.close()
        do { try dataVersion.close(); try pool.close() } catch { throw StorageError(operation: "close the database", underlying: error) }
    }

    public var members: MemberRepository { MemberRepository(pool: pool) }
    public var surveys: SurveyRepository { SurveyRepository(pool: pool) }
    public var invitations: InvitationRepository { InvitationRepository(pool: pool, quickReads: quickReads) }
    public var letters: LetterRepository { LetterRepository(pool: pool) }
    public var responses: ResponseRepository { ResponseRepository(pool: pool, writer: answerWriter, quickReads: quickReads) }
    public var outbox: OutboxRepository { OutboxRepository(pool: pool) }
    public var apiTokens: APITokenRepository { APITokenRepository(pool: pool) }
    public var population: PopulationRepository { PopulationRepository(pool: pool) }
    public var initiatives: InitiativeRepository { InitiativeRepository(pool: pool) }
    public var budgetLedger: BudgetLedgerRepository { BudgetLedgerRepository(pool: pool) }
    public var staffAccounts: StaffAccountRepository { StaffAccountRepository(pool: pool) }
    public var staffSessions: StaffSessionRepository { StaffSessionRepository(pool: pool) }
    public var audit: AuditLog { AuditLog(pool: pool) }
    public var signUps: SignUpRepository { SignUpRepository(pool: pool) }
    public var recruitmentCodes: RecruitmentCodeRepository { RecruitmentCodeRepository(pool: pool) }
    public var personalLinks: PersonalLinkRepository { PersonalLinkRepository(pool: pool) }
    public var publications: PublicationRepository { PublicationRepository(pool: pool) }

    /// `PRAGMA integrity_check` result: "ok" when the file is sound.
    public func integrityCheck() async throws(StorageError) -> String {
        try await run("check integrity") { try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" } }
    }
}

/// A failed storage operation: what we were doing, and SQLite's (or the file system's) reason.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let reason: String
    /// Set when the database takes no writes at all (disk full, read-only, disk errors).
    public let unavailability: StorageUnavailability?

    public init(operation: String, underlying: any Error) {
        self.operation = operation
        self.unavailability = StorageUnavailability.of(underlying)
        if let error = underlying as? DatabaseError {
            self.reason = "\(error.resultCode): \(error.message ?? "no message")"
        } else {
            self.reason = String(describing: underlying)
        }
    }

    public init(operation: String, reason: String, unavailability: StorageUnavailability? = nil) {
        self.operation = operation
        self.reason = reason
        self.unavailability = unavailability
    }

    public var description: String { "could not \(operation): \(reason)" }
}

/// Runs a database operation, turning whatever GRDB throws into a ``StorageError`` that says what we were doing.
func run<T>(_ operation: @autoclosure () -> String, _ body: () async throws -> T) async throws(StorageError) -> T {
    do { return try await body() } catch let error as StorageError { throw error } catch {
        throw StorageError(operation: operation(), underlying: error)
    }
}

/// Timestamps are stored as UTC text, ISO 8601 with milliseconds, so they sort and read well.
enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
