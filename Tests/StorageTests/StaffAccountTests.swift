import Foundation
import GRDB
import Initiatives
import Secrets
import Testing
@testable import Storage

private let start = Date(timeIntervalSince1970: 1_780_000_000)
private func minutes(_ n: Double) -> Date { start.addingTimeInterval(n * 60) }

extension TemporaryDatabase {
    func account(_ username: String, role: String = "buurtcoordinator", wijk: String? = "Oost") async throws -> StaffAccount {
        try await database.staffAccounts.create(
            username: username, displayName: "Naam \(username)", role: role, wijk: wijk, passwordHash: "scrypt$test", createdBy: "cli:test")
    }
}

@Suite struct StaffAccountTests {
    @Test func usernamesAreUniqueWithoutRegardToCase() async throws {
        let temporary = TemporaryDatabase()
        let accounts = temporary.database.staffAccounts
        let created = try await temporary.account("JdeVries")
        #expect(created.username == "jdevries" && created.role == "buurtcoordinator" && created.wijk == "Oost")
        #expect(try await accounts.find(username: "JDEVRIES")?.id == created.id)
        #expect(try await accounts.credentials(username: "jdeVRIES")?.passwordHash == "scrypt$test")
        await #expect(throws: StorageError.self) { _ = try await temporary.account("jdevries") }
        do {
            _ = try await temporary.account("JDEVRIES")
            Issue.record("a second account with the same name in other case was stored")
        } catch {
            #expect("\(error)".contains("already exists"))
        }
        #expect(try await accounts.all().map(\.username) == ["jdevries"])
        let audit = try await temporary.database.audit.entries()
        #expect(audit.map(\.action) == ["account.created"])
        #expect(audit[0].subject == "account:jdevries" && audit[0].actor == "cli:test")
        #expect(audit[0].details == #"{"display_name":"Naam JdeVries","role":"buurtcoordinator","wijk":"Oost"}"#)
        #expect(!audit[0].details.contains("scrypt"))
    }

    @Test func disablingEndsSessionsAndIsAudited() async throws {
        let temporary = TemporaryDatabase()
        let account = try await temporary.account("piet")
        let sessions = temporary.database.staffSessions
        let (id, _) = try await sessions.create(accountID: account.id, at: Date(), lifetime: SessionLifetime())
        #expect(try await sessions.find(presented: id.value, at: Date(), lifetime: SessionLifetime()) != nil)
        #expect(try await temporary.database.staffAccounts.disable(username: "PIET", by: "cli:test"))
        #expect(try await temporary.database.staffAccounts.disable(username: "piet", by: "cli:test") == false)
        #expect(try await sessions.find(presented: id.value, at: Date(), lifetime: SessionLifetime()) == nil)
        #expect(try await sessions.count(accountID: account.id) == 0)
        #expect(try await temporary.database.staffAccounts.find(username: "piet")?.isDisabled == true)
        #expect(try await temporary.database.audit.entries().map(\.action) == ["account.created", "account.disabled"])
    }

    @Test func failuresLockWithinTheWindowAndASuccessStartsOver() async throws {
        let temporary = TemporaryDatabase()
        let accounts = temporary.database.staffAccounts
        let id = try await temporary.account("anna").id
        let policy = LockoutPolicy(maxFailures: 3, window: 15 * 60, lockDuration: 10 * 60)

        #expect(try await accounts.recordFailure(accountID: id, at: minutes(0), policy: policy, from: "127.0.0.1") == .counted(1))
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(1), policy: policy, from: "127.0.0.1") == .counted(2))
        try await accounts.recordSuccess(accountID: id, at: minutes(2), from: "127.0.0.1")
        #expect(try await accounts.find(username: "anna")?.failedAttempts == 0)
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(3), policy: policy, from: "127.0.0.1") == .counted(1))
        // Outside the window the count starts again.
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(4), policy: policy, from: "127.0.0.1") == .counted(2))
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(20), policy: policy, from: "127.0.0.1") == .counted(1))
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(21), policy: policy, from: "127.0.0.1") == .counted(2))
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(22), policy: policy, from: "127.0.0.1") == .lockedNow(until: minutes(32)))
        let locked = try #require(try await accounts.find(username: "anna"))
        #expect(locked.isLocked(at: minutes(31)) && !locked.isLocked(at: minutes(32)))
        // While locked, attempts are recorded, not counted, and do not extend the lock.
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(25), policy: policy, from: "127.0.0.1") == .alreadyLocked(until: minutes(32)))
        #expect(try await accounts.find(username: "anna")?.failedAttempts == 0)
        // After the lock, a fresh count.
        #expect(try await accounts.recordFailure(accountID: id, at: minutes(33), policy: policy, from: "127.0.0.1") == .counted(1))

        let actions = try await temporary.database.audit.entries().map(\.action)
        #expect(actions.filter { $0 == "login.failed" }.count == 9)
        #expect(actions.filter { $0 == "login.locked" }.count == 1)
        #expect(actions.filter { $0 == "login.succeeded" }.count == 1)
    }

    @Test func aNewPasswordLiftsTheLockAndEndsSessions() async throws {
        let temporary = TemporaryDatabase()
        let accounts = temporary.database.staffAccounts
        let id = try await temporary.account("kees").id
        let policy = LockoutPolicy(maxFailures: 1, window: 60, lockDuration: 3600)
        let (session, _) = try await temporary.database.staffSessions.create(accountID: id, at: Date(), lifetime: SessionLifetime())
        #expect(try await accounts.recordFailure(accountID: id, at: Date(), policy: policy, from: "::1") != .counted(1))
        #expect(try await accounts.setPassword(username: "Kees", passwordHash: "scrypt$new", by: "cli:test"))
        #expect(try await accounts.find(username: "kees")?.isLocked(at: Date()) == false)
        #expect(try await accounts.credentials(username: "kees")?.passwordHash == "scrypt$new")
        #expect(try await temporary.database.staffSessions.find(presented: session.value, at: Date(), lifetime: SessionLifetime()) == nil)
        #expect(try await accounts.setPassword(username: "niemand", passwordHash: "x", by: "cli:test") == false)
    }
}

@Suite struct StaffSessionTests {
    @Test func sessionsEndWhenIdle() async throws {
        let temporary = TemporaryDatabase()
        let sessions = temporary.database.staffSessions
        let account = try await temporary.account("idle")
        let lifetime = SessionLifetime(idle: 30 * 60, absolute: 12 * 3600)
        let (id, created) = try await sessions.create(accountID: account.id, at: start, lifetime: lifetime)
        #expect(id.value.hasPrefix("dvs_"))
        #expect(created.account.username == "idle" && created.expiresAt == start.addingTimeInterval(12 * 3600))
        let found = try #require(try await sessions.find(presented: id.value, at: minutes(29), lifetime: lifetime))
        #expect(found.csrfToken == created.csrfToken && found.account.id == account.id && found.createdAt == start)
        // Seen at minute 29, so still alive at 58; then 31 quiet minutes end it.
        #expect(try await sessions.find(presented: id.value, at: minutes(58), lifetime: lifetime) != nil)
        #expect(try await sessions.find(presented: id.value, at: minutes(89), lifetime: lifetime) == nil)
        #expect(try await sessions.find(presented: "dvs_" + String(repeating: "A", count: 43), at: minutes(1), lifetime: lifetime) == nil)
        #expect(try await sessions.find(presented: "onzin", at: minutes(1), lifetime: lifetime) == nil)
    }

    @Test func sessionsEndAtTheAbsoluteLimitHoweverBusy() async throws {
        let temporary = TemporaryDatabase()
        let sessions = temporary.database.staffSessions
        let account = try await temporary.account("busy")
        let lifetime = SessionLifetime(idle: 30 * 60, absolute: 2 * 3600)
        let (id, _) = try await sessions.create(accountID: account.id, at: start, lifetime: lifetime)
        for minute in stride(from: 20.0, through: 100, by: 20) {
            #expect(try await sessions.find(presented: id.value, at: minutes(minute), lifetime: lifetime) != nil)
        }
        #expect(try await sessions.find(presented: id.value, at: minutes(119), lifetime: lifetime) != nil)
        #expect(try await sessions.find(presented: id.value, at: minutes(120), lifetime: lifetime) == nil)
    }

    @Test func aLoginReplacesThePresentedSessionAndLogoutEndsIt() async throws {
        let temporary = TemporaryDatabase()
        let sessions = temporary.database.staffSessions
        let account = try await temporary.account("rotate")
        let (first, one) = try await sessions.create(accountID: account.id, at: Date(), lifetime: SessionLifetime())
        let (second, two) = try await sessions.create(accountID: account.id, at: Date(), lifetime: SessionLifetime(), replacing: first.value)
        #expect(first.value != second.value && one.csrfToken != two.csrfToken)
        #expect(try await sessions.find(presented: first.value, at: Date(), lifetime: SessionLifetime()) == nil)
        #expect(try await sessions.find(presented: second.value, at: Date(), lifetime: SessionLifetime()) != nil)
        #expect(try await sessions.delete(presented: second.value))
        #expect(try await sessions.delete(presented: second.value) == false)
        #expect(try await sessions.count(accountID: account.id) == 0)
        // Only the digest of a session id is stored.
        #expect(try temporary.fileBytes().range(of: Data(second.value.utf8)) == nil)
    }
}

private struct Abandon: Error {}

@Suite struct AuditLogTests {
    @Test func entriesChainWithSHA256AndVerify() async throws {
        let temporary = TemporaryDatabase()
        let audit = temporary.database.audit
        let first = try await audit.append(AuditRecord(actor: "cli:test", action: "rules.loaded", subject: "rules:2026", details: ["file": "mandaat.yaml"]))
        let second = try await audit.append(AuditRecord(actor: "account:anna", action: "initiative.decided", subject: "initiative:7", details: ["amount_cents": 150_000]))
        #expect(first.seq == 1 && second.seq == 2 && second.prevHash == first.hash)
        #expect(first.prevHash == AuditChain.genesisHash)
        #expect(second.hash == SHA256.hexDigest(second.canonicalText))
        #expect(try await audit.entries() == [first, second])
        #expect(try await audit.verify() == .intact(count: 2, head: second.hash))
    }

    @Test func anEntryAppendedInARolledBackTransactionLeavesNoTrace() async throws {
        let temporary = TemporaryDatabase()
        let audit = temporary.database.audit
        try await audit.append(AuditRecord(actor: "cli:test", action: "one", subject: "x"))
        await #expect(throws: Abandon.self) {
            try await temporary.database.pool.write { db in
                try AuditLog.append(AuditRecord(actor: "account:anna", action: "initiative.decided", subject: "initiative:1"), in: db)
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") == 2)
                throw Abandon()
            }
        }
        #expect(try await audit.entries().map(\.action) == ["one"])
        // The next entry takes the place the abandoned one would have had.
        #expect(try await audit.append(AuditRecord(actor: "cli:test", action: "two", subject: "x")).seq == 2)
        #expect(try await audit.verify() == .intact(count: 2, head: try await audit.entries().last!.hash))
    }

    @Test func ourOwnCodeCannotChangeOrDeleteEntries() async throws {
        let temporary = TemporaryDatabase()
        try await temporary.database.audit.append(AuditRecord(actor: "cli:test", action: "one", subject: "x"))
        await #expect(throws: (any Error).self) {
            try await temporary.database.pool.write { db in try db.execute(sql: "UPDATE audit_log SET actor = 'iemand'") }
        }
        await #expect(throws: (any Error).self) {
            try await temporary.database.pool.write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
        #expect(try await temporary.database.audit.entries().map(\.actor) == ["cli:test"])
    }

    @Test func verifyNamesAnEditedOrMissingRow() async throws {
        let temporary = TemporaryDatabase()
        let audit = temporary.database.audit
        for n in 1...4 { try await audit.append(AuditRecord(actor: "cli:test", action: "step", subject: "n:\(n)")) }
        // Someone with the file in hand drops the guard and edits a row.
        try await temporary.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "UPDATE audit_log SET subject = 'n:99' WHERE seq = 3")
        }
        guard case .broken(let problem) = try await audit.verify() else { Issue.record("the edit went unnoticed"); return }
        #expect(problem.seq == 3)
        guard case .contentChanged = problem.problem else { Issue.record("expected changed content, got \(problem)"); return }

        try await temporary.database.pool.write { db in
            try db.execute(sql: "UPDATE audit_log SET subject = 'n:3' WHERE seq = 3")
            try db.execute(sql: "DELETE FROM audit_log WHERE seq = 2")
        }
        #expect(try await audit.verify() == .broken(AuditBreak(seq: 2, problem: .missing(nextPresent: 3))))
    }
}
