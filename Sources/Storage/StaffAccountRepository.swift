import Foundation
import GRDB
import Initiatives

/// A staff member who signs in with a password. The role and wijk are stored as text; the Web module
/// knows what they mean.
public struct StaffAccount: Hashable, Sendable {
    public let id: Int64
    /// Lower-case; unique without regard to case.
    public let username: String
    public let displayName: String
    public let role: String
    public let wijk: String?
    public let createdAt: Date
    public let disabledAt: Date?
    public let lockedUntil: Date?
    /// Failures in the current window, not counting attempts while locked.
    public let failedAttempts: Int

    public func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }
    public var isDisabled: Bool { disabledAt != nil }
}

/// How many wrong passwords lock an account, within which time, and for how long.
public struct LockoutPolicy: Hashable, Sendable {
    public var maxFailures: Int
    public var window: TimeInterval
    public var lockDuration: TimeInterval

    /// 5 failures within 15 minutes lock the account for 15 minutes.
    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
        self.lockDuration = lockDuration
    }
}

public struct StaffAccountRepository: Sendable {
    let pool: DatabasePool

    /// What a failed login did to the account.
    public enum FailureOutcome: Hashable, Sendable {
        /// Counted: this many failures in the current window.
        case counted(Int)
        /// This failure locked the account until the date given.
        case lockedNow(until: Date)
        /// The account was locked already; the attempt is recorded but not counted.
        case alreadyLocked(until: Date)
    }

    /// Stores a new account and its `account.created` audit entry together. Fails when the username is
    /// taken, whatever its case.
    public func create(
        username: String, displayName: String, role: String, wijk: String?, passwordHash: String, createdBy actor: String
    ) async throws(StorageError) -> StaffAccount {
        let username = username.lowercased()
        return try await run("create the account \(username)") {
            try await pool.write { db in
                guard try Row.fetchOne(db, sql: "SELECT 1 FROM staff_account WHERE username = ?", arguments: [username]) == nil else {
                    throw StorageError(operation: "create the account \(username)", reason: "an account with this username already exists")
                }
                let now = Date()
                try db.execute(
                    sql: """
                        INSERT INTO staff_account (username, display_name, role, wijk, password_hash, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [username, displayName, role, wijk, passwordHash, Timestamp.format(now)])
                var details: AuditDetails = ["role": .text(role), "display_name": .text(displayName)]
                if let wijk { details["wijk"] = .text(wijk) }
                try AuditLog.append(AuditRecord(actor: actor, action: .accountCreated, subject: "account:\(username)", details: details), in: db, at: now)
                return try Self.fetch(db, username: username)!
            }
        }
    }

    public func find(username: String) async throws(StorageError) -> StaffAccount? {
        try await run("look up the account \(username)") {
            try await pool.read { db in try Self.fetch(db, username: username) }
        }
    }

    /// The account and its stored password hash, for checking a login.
    public func credentials(username: String) async throws(StorageError) -> (account: StaffAccount, passwordHash: String)? {
        try await run("look up the account \(username)") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE username = ?", arguments: [username.lowercased()])
                else { return nil }
                return (Self.account(from: row), row["password_hash"])
            }
        }
    }

    public func all() async throws(StorageError) -> [StaffAccount] {
        try await run("list the accounts") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM staff_account ORDER BY username").map(Self.account(from:))
            }
        }
    }

    /// Disables the account and ends its sessions, with an audit entry. False when there is no such
    /// account or it was disabled already.
    @discardableResult
    public func disable(username: String, by actor: String) async throws(StorageError) -> Bool {
        try await run("disable the account \(username)") {
            try await pool.write { db in
                let now = Date()
                try db.execute(sql: "UPDATE staff_account SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL",
                               arguments: [Timestamp.format(now), username.lowercased()])
                guard db.changesCount == 1, let account = try Self.fetch(db, username: username) else { return false }
                try db.execute(sql: "DELETE FROM staff_session WHERE account_id = ?", arguments: [account.id])
                try AuditLog.append(AuditRecord(actor: actor, action: .accountDisabled, subject: "account:\(account.username)"), in: db, at: now)
                return true
            }
        }
    }

    /// Replaces the password, lifts a lock and ends every session of the account. False when there is no such account.
    @discardableResult
    public func setPassword(username: String, passwordHash: String, by actor: String) async throws(StorageError) -> Bool {
        try await run("change the password of \(username)") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE staff_account SET password_hash = ?, failed_attempts = 0, first_failed_at = NULL, locked_until = NULL
                        WHERE username = ?
                        """,
                    arguments: [passwordHash, username.lowercased()])
                guard db.changesCount == 1, let account = try Self.fetch(db, username: username) else { return false }
                try db.execute(sql: "DELETE FROM staff_session WHERE account_id = ?", arguments: [account.id])
                try AuditLog.append(AuditRecord(actor: actor, action: .accountPasswordChanged, subject: "account:\(account.username)"), in: db)
                return true
            }
        }
    }

    /// Counts a failed login (a wrong password, or any attempt while locked) and writes it to the audit
    /// log; the failure that reaches `policy.maxFailures` within `policy.window` locks the account.
    public func recordFailure(accountID: Int64, at now: Date, policy: LockoutPolicy, from address: String) async throws(StorageError) -> FailureOutcome {
        try await run("record a failed login") {
            try await pool.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE id = ?", arguments: [accountID]) else {
                    throw StorageError(operation: "record a failed login", reason: "no account \(accountID)")
                }
                let account = Self.account(from: row)
                let subject = "account:\(account.username)"
                if let until = account.lockedUntil, until > now {
                    try Self.appendLockedAttempt(username: account.username, at: now, from: address, in: db)
                    return .alreadyLocked(until: until)
                }
                let windowStart = (row["first_failed_at"] as String?).flatMap(Timestamp.parse)
                let continuing = windowStart.map { now.timeIntervalSince($0) <= policy.window } ?? false
                let failures = continuing ? account.failedAttempts + 1 : 1
                try AuditLog.append(AuditRecord(actor: "web", action: .loginFailed, subject: subject,
                                                details: ["reason": "wrong_password", "failures": .number(Int64(failures)), "from": .text(address)]),
                                    in: db, at: now)
                guard failures >= policy.maxFailures else {
                    try db.execute(sql: "UPDATE staff_account SET failed_attempts = ?, first_failed_at = ? WHERE id = ?",
                                   arguments: [failures, Timestamp.format(continuing ? windowStart! : now), accountID])
                    return .counted(failures)
                }
                let until = now.addingTimeInterval(policy.lockDuration)
                try db.execute(
                    sql: "UPDATE staff_account SET failed_attempts = 0, first_failed_at = NULL, locked_until = ? WHERE id = ?",
                    arguments: [Timestamp.format(until), accountID])
                try AuditLog.append(AuditRecord(actor: "web", action: .loginLocked, subject: subject,
                                                details: ["failures": .number(Int64(failures)), "until": .text(Timestamp.format(until))]),
                                    in: db, at: now)
                return .lockedNow(until: until)
            }
        }
    }

    /// An attempt on a locked account, whatever the password: written to the audit log, not counted.
    public func recordAttemptWhileLocked(username: String, at now: Date, from address: String) async throws(StorageError) {
        try await run("record a login attempt on a locked account") {
            try await pool.write { db in try Self.appendLockedAttempt(username: username, at: now, from: address, in: db) }
        }
    }

    private static func appendLockedAttempt(username: String, at now: Date, from address: String, in db: Database) throws {
        try AuditLog.append(AuditRecord(actor: "web", action: .loginFailed, subject: "account:\(username)",
                                        details: ["reason": "locked", "from": .text(address)]), in: db, at: now)
    }

    /// A correct password: the failure count starts over, and the audit log says who signed in.
    public func recordSuccess(accountID: Int64, at now: Date, from address: String) async throws(StorageError) {
        try await run("record a login") {
            try await pool.write { db in
                try db.execute(sql: "UPDATE staff_account SET failed_attempts = 0, first_failed_at = NULL, locked_until = NULL WHERE id = ?",
                               arguments: [accountID])
                guard let username = try String.fetchOne(db, sql: "SELECT username FROM staff_account WHERE id = ?", arguments: [accountID]) else {
                    throw StorageError(operation: "record a login", reason: "no account \(accountID)")
                }
                try AuditLog.append(AuditRecord(actor: "account:\(username)", action: .loginSucceeded, subject: "account:\(username)",
                                                details: ["from": .text(address)]), in: db, at: now)
            }
        }
    }

    static func fetch(_ db: Database, username: String) throws -> StaffAccount? {
        try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE username = ?", arguments: [username.lowercased()]).map(account(from:))
    }

    static func account(from row: Row) -> StaffAccount {
        StaffAccount(
            id: row["id"], username: row["username"], displayName: row["display_name"], role: row["role"], wijk: row["wijk"],
            createdAt: Timestamp.parse(row["created_at"]) ?? .distantPast,
            disabledAt: (row["disabled_at"] as String?).flatMap(Timestamp.parse),
            lockedUntil: (row["locked_until"] as String?).flatMap(Timestamp.parse),
            failedAttempts: row["failed_attempts"])
    }
}
