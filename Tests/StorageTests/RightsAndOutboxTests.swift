import Foundation
import Panel
import Secrets
import Surveys
import Testing
@testable import Storage

@Suite struct RemindersAndRevocationTests {
    @Test func aReminderAddsALinkAndTheFirstOneKeepsWorking() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(3))
        try await db.surveys.register(survey)
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(3)).issued
        _ = try await db.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin",
                                        definitionHash: SurveyRepository.hash(of: survey), answers: Answers(["steun": ["4"]]))
        try await db.members.unsubscribe("m3")
        let pending = try await db.invitations.needingReminder(surveyID: "speeltuin", maxReminders: 1)
        #expect(pending.map(\.member.id) == ["m2"], "m1 answered, m3 unsubscribed")
        let second = try await db.invitations.addLink(to: pending[0].invitationID)
        try await db.invitations.markReminded([pending[0].invitationID])
        #expect(try await db.invitations.find(token: second.value)?.id == issued[1].invitationID)
        #expect(try await db.invitations.find(token: issued[1].token.value)?.id == issued[1].invitationID)
        #expect(try await db.invitations.needingReminder(surveyID: "speeltuin", maxReminders: 1).isEmpty, "at most one reminder")
        #expect(try await db.invitations.needingReminder(surveyID: "speeltuin", maxReminders: 2).count == 1)

        #expect(try await db.invitations.revoke(surveyID: "speeltuin", memberID: "m2"))
        #expect(try await db.invitations.find(token: second.value) == nil)
        #expect(try await db.invitations.find(token: issued[1].token.value) == nil)
        #expect(try await !db.invitations.revoke(surveyID: "speeltuin", memberID: "m2"))
    }

    @Test func invitationCountsPerMemberCoverTheYear() async throws {
        let temporary = TemporaryDatabase()
        try await temporary.database.members.upsert(members(2))
        try await temporary.database.surveys.register(survey)
        _ = try await temporary.database.invitations.issue(surveyID: "speeltuin", to: members(1))
        #expect(try await temporary.database.invitations.counts(since: Date().addingTimeInterval(-3600)) == ["m1": 1])
        #expect(try await temporary.database.invitations.counts(since: Date().addingTimeInterval(3600)).isEmpty)
    }
}

@Suite struct MemberRightsTests {
    @Test func erasureLeavesOnlyAnonymousAnswers() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(2))
        let hash = try await db.surveys.register(survey).hash
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(2)).issued
        _ = try await db.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin", definitionHash: hash,
                                        answers: Answers(["steun": ["5"], "waarom": ["Mooi"]]))
        let export = try #require(try await db.members.export("m1"))
        #expect(export.email == "m1@example.org" && export.invitations.first?.answers["steun"] == ["5"])

        try await db.members.erase("m1")
        #expect(try await db.members.find("m1") == nil)
        #expect(try await db.invitations.find(token: issued[0].token.value) == nil, "the link is gone")
        let tally = try await db.responses.tally(surveyID: "speeltuin")
        #expect(tally.responded == 1 && tally.valueCounts["steun"] == ["5": 1], "the answers stay")
        try temporary.database.close()
        let bytes = try temporary.fileBytes()
        #expect(bytes.range(of: Data("m1@example.org".utf8)) == nil)
        #expect(bytes.range(of: Data("1211 AB".utf8)) != nil, "m2's postcode is untouched")
        let reopened = try DraagvlakDatabase(path: temporary.path)
        #expect(try await reopened.members.privacyEventCounts() == ["download": 1, "erasure": 1])
        #expect(try await reopened.members.count() == 1)
    }

    @Test func unsubscribedAndDeactivatedMembersAreNotInvited() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(4))
        try await db.members.unsubscribe("m1")
        #expect(try await db.members.setActive(false, ids: ["m2", "nobody"]) == 1)
        #expect(try await db.members.active().map(\.id) == ["m3", "m4"])
        #expect(try await db.members.setActive(true, ids: ["m2"]) == 1)
        // An import does not undo an unsubscribe.
        try await db.members.upsert(members(4))
        #expect(try await db.members.active().map(\.id) == ["m2", "m3", "m4"])
    }
}

@Suite struct OutboxQueueTests {
    func entry(_ n: Int) -> OutboxRepository.Entry {
        .init(kind: "invitation", invitationID: nil, recipient: "m\(n)@example.org", subject: "S", sealedBody: [UInt8(n)])
    }

    @Test func messagesAreClaimedOnceRetriedWhenDueAndInterruptedOnesNeverResent() async throws {
        let temporary = TemporaryDatabase()
        let outbox = temporary.database.outbox
        try await outbox.enqueue([entry(1), entry(2), entry(3)])
        let first = try #require(try await outbox.claimNext())
        let second = try #require(try await outbox.claimNext())
        #expect(first.id != second.id && first.sealedBody == [1] && first.attempt == 1)
        try await outbox.markSent(first.id, deliveredTo: "smtp")
        try await outbox.markFailed(second.id, error: "451 try again", retryAt: Date().addingTimeInterval(60))
        let third = try #require(try await outbox.claimNext())
        #expect(third.sealedBody == [3])
        #expect(try await outbox.claimNext() == nil, "the retry is not due yet")
        let retried = try #require(try await outbox.claimNext(now: Date().addingTimeInterval(120)))
        #expect(retried.id == second.id && retried.attempt == 2)
        try await outbox.markFailed(retried.id, error: "550 no such user", retryAt: nil)
        // The third was being sent when the process died.
        #expect(try await outbox.recoverInterrupted() == 1)
        #expect(try await outbox.statusCounts() == ["queued": 0, "sending": 0, "sent": 1, "failed": 2])
        #expect(try await outbox.claimNext(now: Date().addingTimeInterval(86400)) == nil)
        let failures = try await outbox.recentFailures()
        #expect(failures.map(\.error).contains("550 no such user"))
        #expect(failures.contains { $0.error.contains("interrupted") })
    }

    @Test func batchesAreClaimedOnceInOrderAndRecordedTogether() async throws {
        let temporary = TemporaryDatabase()
        let outbox = temporary.database.outbox
        try await outbox.enqueue((1...7).map(entry))
        let first = try await outbox.claimBatch(limit: 5)
        #expect(first.map(\.sealedBody) == (1...5).map { [UInt8($0)] } && first.allSatisfy { $0.attempt == 1 })
        let second = try await outbox.claimBatch(limit: 5)
        #expect(second.map(\.sealedBody) == [[6], [7]])
        #expect(try await outbox.claimBatch(limit: 5).isEmpty)
        try await outbox.markSent(first.map { (id: $0.id, destination: "file-\($0.id)") })
        #expect(try await outbox.statusCounts() == ["queued": 0, "sending": 2, "sent": 5, "failed": 0])
        // A crash now leaves the second batch sending: it is marked failed, never sent again.
        #expect(try await outbox.recoverInterrupted() == 2)
    }
}
