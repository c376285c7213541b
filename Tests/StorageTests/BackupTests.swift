import Foundation
import GRDB
import Surveys
import Testing
@testable import Storage

/// `DraagvlakDatabase.backup(to:)`: a consistent copy while writes go on, never over an existing file
/// unless asked, never half a file under the destination's name.
@Suite struct BackupTests {
    @Test func aBackupDuringWritesIsAConsistentSnapshotThatCountsWhatItCopied() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(400))
        try await db.surveys.register(survey)
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(400)).issued
        let hash = SurveyRepository.hash(of: survey)
        let writer = Task {
            for invitation in issued {
                _ = try await db.responses.save(
                    invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                    answers: Answers(["steun": ["5"], "waarom": ["omdat \(invitation.invitationID)"]]))
            }
        }
        // Wait until the writes are under way, then copy in the middle of them.
        while try await db.responses.tally(surveyID: "speeltuin").responded < 20 { try await Task.sleep(for: .milliseconds(5)) }
        let destination = temporary.folder + "/copy.sqlite"
        let summary = try await db.backup(to: destination)
        try await writer.value

        #expect(summary.integrity == "ok" && summary.pages > 0 && summary.bytes == summary.pages * 4096)
        let counts = Dictionary(uniqueKeysWithValues: summary.rowCounts.map { ($0.table, $0.rows) })
        #expect(counts["member"] == 400 && counts["invitation"] == 400)
        let copied = try #require(counts["response"])
        #expect(copied >= 20 && copied <= 400)
        #expect(!FileManager.default.fileExists(atPath: destination + "-wal"), "the copy is one self-contained file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.folder).allSatisfy { !$0.contains(".partial-") })

        let copy = try DatabaseQueue(path: destination)
        let (journalMode, copiedCounts, answers) = try await copy.read { db throws -> (String?, [String: Int], Int?) in
            var rows: [String: Int] = [:]
            for table in counts.keys { rows[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") }
            return (try String.fetchOne(db, sql: "PRAGMA journal_mode"), rows, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer"))
        }
        #expect(journalMode == "delete")
        #expect(copiedCounts == counts, "the summary counts what the copy holds")
        // A snapshot, not a mix: every copied response has exactly its two answers.
        #expect(answers == 2 * copied)
        try copy.close()
        #expect(try await db.responses.tally(surveyID: "speeltuin").responded == 400, "the writes went on meanwhile")
    }

    @Test func anExistingFileIsKeptUnlessReplacingIsAskedFor() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(3))
        let destination = temporary.folder + "/copy.sqlite"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: destination))
        let error = await #expect(throws: StorageError.self) { try await db.backup(to: destination) }
        #expect(error?.description.contains("exists") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data("keep me".utf8))

        let summary = try await db.backup(to: destination, replacing: true)
        #expect(summary.rowCounts.first { $0.table == "member" }?.rows == 3)
        let copy = try DatabaseQueue(path: destination)
        #expect(try await copy.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM member") } == 3)
        try copy.close()
    }

    @Test func aBackupIntoAFolderThatDoesNotExistFailsSayingWhere() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(1))
        let error = await #expect(throws: StorageError.self) { try await db.backup(to: temporary.folder + "/nergens/copy.sqlite") }
        #expect(error?.description.contains("nergens/copy.sqlite") == true)
    }
}
