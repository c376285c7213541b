import Dispatch
import Foundation
import GRDB
import Surveys
import Testing
@testable import Storage

/// Answers saved at the same time share one commit (group commit), and still behave as if each were
/// saved alone: stored exactly once, replacing earlier answers, failing alone when only they fail.
@Suite struct GroupCommitTests {
    func prepared(_ count: Int) async throws -> (TemporaryDatabase, [InvitationRepository.Issued], String) {
        let temporary = TemporaryDatabase()
        try await temporary.database.members.upsert(members(count))
        let hash = try await temporary.database.surveys.register(survey).hash
        let issued = try await temporary.database.invitations.issue(surveyID: "speeltuin", to: members(count)).issued
        return (temporary, issued, hash)
    }

    /// Occupies the committer's thread until the returned semaphore is signalled, so that everything
    /// submitted meanwhile lands in one batch. The wait happens on the committer's own thread, never
    /// on the cooperative pool.
    func holdWriter(_ writer: GroupCommitter) async throws -> (release: DispatchSemaphore, held: Task<Void, any Error>) {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let held = Task { try await writer.write { _ in entered.signal(); release.wait() } }
        while entered.wait(timeout: .now()) == .timedOut { try await Task.sleep(for: .milliseconds(2)) }
        return (release, held)
    }

    func waitUntil(_ writer: GroupCommitter, isWaiting count: Int) async throws {
        for _ in 0..<2000 where writer.waiting < count { try await Task.sleep(for: .milliseconds(5)) }
        #expect(writer.waiting == count)
    }

    @Test func concurrentSavesAreEachStoredOnceInOneCommit() async throws {
        let (temporary, issued, hash) = try await prepared(120)
        let database = temporary.database
        let (release, held) = try await holdWriter(database.answerWriter)
        let before = database.answerWriter.batchesCommitted
        let outcomes = Task {
            try await withThrowingTaskGroup(of: ResponseRepository.SaveOutcome.self) { group in
                for (index, invitation) in issued.enumerated() {
                    group.addTask {
                        try await database.responses.save(invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                                                          answers: Answers(["steun": [String(index % 5 + 1)]]))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        try await waitUntil(database.answerWriter, isWaiting: issued.count)
        release.signal()
        try await held.value
        let results = try await outcomes.value
        #expect(results.count == issued.count && results.allSatisfy { $0 == .stored })
        // The held write's batch, then one batch for all 120 answers.
        #expect(database.answerWriter.batchesCommitted == before + 2)
        let tally = try await database.responses.tally(surveyID: "speeltuin")
        #expect(tally.responded == issued.count && tally.answeredCount["steun"] == issued.count)
        for (index, invitation) in issued.enumerated() {
            #expect(try await database.responses.answers(invitationID: invitation.invitationID) == Answers(["steun": [String(index % 5 + 1)]]))
        }
    }

    @Test func revisionsStillIncreaseWithinOneBatch() async throws {
        let (temporary, issued, hash) = try await prepared(1)
        let database = temporary.database
        let id = issued[0].invitationID
        let (release, held) = try await holdWriter(database.answerWriter)
        let outcomes = Task {
            try await withThrowingTaskGroup(of: ResponseRepository.SaveOutcome.self) { group in
                for value in 1...10 {
                    group.addTask {
                        try await database.responses.save(invitationID: id, surveyID: "speeltuin", definitionHash: hash,
                                                          answers: Answers(["steun": [String(value % 5 + 1)]]))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        try await waitUntil(database.answerWriter, isWaiting: 10)
        release.signal()
        try await held.value
        let results = try await outcomes.value
        #expect(Set(results) == Set([.stored] + (2...10).map { .replaced(revision: $0) }))
        let tally = try await database.responses.tally(surveyID: "speeltuin")
        #expect(tally.responded == 1 && tally.valueCounts["steun"]?.values.reduce(0, +) == 1)
        // The next save, in a batch of its own, continues the count.
        #expect(try await database.responses.save(invitationID: id, surveyID: "speeltuin", definitionHash: hash,
                                                  answers: Answers(["steun": ["3"]])) == .replaced(revision: 11))
    }

    @Test func aSaveThatFailsFailsAloneAndTheRestOfItsBatchIsStored() async throws {
        let (temporary, issued, hash) = try await prepared(5)
        let database = temporary.database
        let (release, held) = try await holdWriter(database.answerWriter)
        let good = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for invitation in issued {
                    group.addTask {
                        _ = try await database.responses.save(invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                                                              answers: Answers(["steun": ["4"]]))
                    }
                }
                try await group.waitForAll()
            }
        }
        // No such invitation: the foreign key refuses this one save.
        let bad = Task {
            try await database.responses.save(invitationID: 999_999, surveyID: "speeltuin", definitionHash: hash, answers: Answers(["steun": ["1"]]))
        }
        try await waitUntil(database.answerWriter, isWaiting: issued.count + 1)
        release.signal()
        try await held.value
        try await good.value
        await #expect(throws: StorageError.self) { try await bad.value }
        #expect(try await database.responses.tally(surveyID: "speeltuin").responded == issued.count)
    }

    @Test func aFailedCommitFailsEverySaveInItsBatchAndStoresNone() async throws {
        let (temporary, issued, hash) = try await prepared(8)
        let database = temporary.database
        let writer = database.answerWriter
        let (release, held) = try await holdWriter(writer)
        let saves = issued.map { invitation in
            Task {
                try await database.responses.save(invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                                                  answers: Answers(["steun": ["5"]]))
            }
        }
        // A write whose own statements succeed but that leaves a foreign key broken until COMMIT,
        // which SQLite then refuses: the whole transaction fails.
        let poison = Task {
            try await writer.write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                try db.execute(sql: "INSERT INTO answer (invitation_id, survey_id, question_id, position, value) VALUES (424242, 'speeltuin', 'steun', 0, '1')")
            }
        }
        try await waitUntil(writer, isWaiting: issued.count + 1)
        release.signal()
        try await held.value
        for save in saves {
            await #expect(throws: StorageError.self) { try await save.value }
        }
        await #expect(throws: (any Error).self) { try await poison.value }
        #expect(try await database.responses.tally(surveyID: "speeltuin").responded == 0)
        // The committer carries on with the next batch.
        #expect(try await database.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin", definitionHash: hash,
                                                  answers: Answers(["steun": ["5"]])) == .stored)
        #expect(try await database.integrityCheck() == "ok")
    }

    @Test func savesAfterCloseFailAndQueuedOnesAreCommittedFirst() async throws {
        let (temporary, issued, hash) = try await prepared(3)
        let database = temporary.database
        let (release, held) = try await holdWriter(database.answerWriter)
        let queued = Task {
            try await database.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin", definitionHash: hash,
                                              answers: Answers(["steun": ["2"]]))
        }
        try await waitUntil(database.answerWriter, isWaiting: 1)
        // Stopping blocks until the queue is drained: on a thread of its own, not the cooperative pool.
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            database.answerWriter.stop()
            stopped.signal()
        }.start()
        try await Task.sleep(for: .milliseconds(20))
        release.signal()
        while stopped.wait(timeout: .now()) == .timedOut { try await Task.sleep(for: .milliseconds(5)) }
        try await held.value
        #expect(try await queued.value == .stored)
        await #expect(throws: StorageError.self) {
            try await database.responses.save(invitationID: issued[1].invitationID, surveyID: "speeltuin", definitionHash: hash,
                                              answers: Answers(["steun": ["2"]]))
        }
    }
}
