import Foundation
import GRDB
import Surveys
import Testing
@testable import Storage

/// What a full or read-only database does to a write: the whole transaction is refused with an error
/// that says so, nothing of it is stored, and the next write after the trouble is over succeeds.
@Suite struct DiskTroubleTests {
    let longAnswer = Answers(["steun": ["4"], "waarom": [String(repeating: "Meer groen in de straat. ", count: 8)]])

    @Test func aFullDatabaseRefusesAWholeResponseAndTakesItOnceThereIsRoom() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(300))
        try await db.surveys.register(survey)
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(300)).issued
        let hash = SurveyRepository.hash(of: survey)
        // SQLite's own cap on the file's size, at the size it has now: the next new page is "disk full".
        try await db.pool.write { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }
        var stored = 0
        var refusal: (error: StorageError, invitationID: Int64)?
        for invitation in issued {
            do {
                _ = try await db.responses.save(invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash, answers: longAnswer)
                stored += 1
            } catch {
                refusal = (error, invitation.invitationID)
                break
            }
        }
        let (error, refusedID) = try #require(refusal, "300 responses fit in a database that may not grow")
        #expect(error.unavailability == .diskFull)
        #expect(error.description.contains("could not store a response to speeltuin"), "\(error)")
        #expect(error.reason.contains("database or disk is full"), "\(error)")
        #expect(try await db.responses.answers(invitationID: refusedID) == nil, "nothing of the refused response is stored")
        #expect(try await db.responses.tally(surveyID: "speeltuin").responded == stored)

        try await db.pool.write { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1073741823") }
        #expect(try await db.responses.save(invitationID: refusedID, surveyID: "speeltuin", definitionHash: hash, answers: longAnswer) == .stored)
        #expect(try await db.responses.answers(invitationID: refusedID) == longAnswer)
        #expect(try await db.integrityCheck() == "ok")
    }

    @Test func aReadOnlyDatabaseRefusesWritesAsReadOnlyAndReadsGoOn() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(2))
        try await db.surveys.register(survey)
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(2)).issued
        try await db.pool.write { db in try db.execute(sql: "PRAGMA query_only = ON") }
        let error = await #expect(throws: StorageError.self) {
            try await db.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin",
                                        definitionHash: SurveyRepository.hash(of: survey), answers: longAnswer)
        }
        #expect(error?.unavailability == .readOnly)
        #expect(try await db.members.count() == 2, "reading still works")
        // pool.write would begin a transaction, which query_only refuses.
        try await db.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = OFF") }
        #expect(try await db.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin",
                                            definitionHash: SurveyRepository.hash(of: survey), answers: longAnswer) == .stored)
    }

    @Test func errorsAboutTheDataAreNotDiskTrouble() {
        #expect(StorageError(operation: "x", underlying: DatabaseError(resultCode: .SQLITE_CONSTRAINT)).unavailability == nil)
        #expect(StorageError(operation: "x", underlying: DatabaseError(resultCode: .SQLITE_IOERR)).unavailability == .diskError)
        #expect(StorageError(operation: "x", reason: "bad input").unavailability == nil)
    }
}

@Suite struct DurabilityTests {
    /// The thank-you page promises the answers are stored; with NORMAL (GRDB's choice for WAL) the
    /// last commits before a power cut can vanish, so the writer must sync every commit.
    @Test func theWriterSyncsEveryCommit() async throws {
        let temporary = TemporaryDatabase()
        let level = try await temporary.database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2, "PRAGMA synchronous is \(level.map(String.init) ?? "unknown"), not FULL (2)")
        #expect(try await temporary.reopen().pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }
}
