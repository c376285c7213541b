import Foundation
import Initiatives
import Panel
import Secrets
import Surveys
import Testing
@testable import Storage

let application = SignUpApplication(email: "Nieuw@Example.org", wijk: "Oost", postcode: "1222 AB", birthYear: 1990, gender: .onbekend, language: "en")

/// The token of a sign-up that was accepted, or a recorded issue.
func pendingToken(_ submission: SignUpRepository.Submission, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    guard case .pending(let token, _) = submission else {
        Issue.record("expected a pending sign-up, got \(submission)", sourceLocation: sourceLocation)
        return ""
    }
    return token.value
}

@Suite struct SignUpStorageTests {
    @Test func noMemberExistsUntilTheLinkIsUsedAndThenItWorksOnce() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let token = pendingToken(try await db.signUps.submit(application, code: nil))
        #expect(try await db.members.count(activeOnly: false) == 0, "no member before confirmation")
        #expect(try await db.signUps.state(ofToken: token) == .valid(language: "en"))

        guard case .joined(let id, let language) = try await db.signUps.confirm(token: token, referenceYear: 2025) else {
            Issue.record("the sign-up was not confirmed")
            return
        }
        #expect(language == "en" && id.hasPrefix("aanm-"))
        let member = try #require(try await db.members.find(id))
        #expect(member == Member(id: id, email: "Nieuw@Example.org", wijk: "Oost", postcode: "1222 AB", birthYear: 1990,
                                 ageBand: .from35to49, gender: .onbekend, language: "en"))
        #expect(try await db.members.recruitmentCounts() == ["aanmelding": 1])
        #expect(try await db.signUps.pendingCount() == 0, "the sign-up is gone once it is a member")

        #expect(try await db.signUps.confirm(token: token, referenceYear: 2025) == .unknown, "a link works once")
        #expect(try await db.signUps.state(ofToken: token) == .unknown)
        #expect(try await db.members.count(activeOnly: false) == 1)
    }

    @Test func anExpiredLinkIsRefusedAndItsDataDeleted() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let sent = Date().addingTimeInterval(-SignUpRepository.confirmationPeriod - 60)
        let token = pendingToken(try await db.signUps.submit(application, code: nil, now: sent))
        #expect(try await db.signUps.state(ofToken: token) == .expired(language: "en"))
        #expect(try await db.signUps.state(ofToken: token, now: sent.addingTimeInterval(SignUpRepository.confirmationPeriod - 1)) == .valid(language: "en"))
        #expect(try await db.signUps.confirm(token: token, referenceYear: 2025) == .expired(language: "en"))
        #expect(try await db.members.count(activeOnly: false) == 0)
        #expect(try await db.signUps.confirm(token: token, referenceYear: 2025) == .unknown, "the expired sign-up is deleted")
        #expect(try await db.signUps.pendingCount() == 0)
    }

    @Test func expiredSignUpsArePurgedWhenSomeoneElseSignsUp() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let old = Date().addingTimeInterval(-8 * 24 * 3600)
        _ = pendingToken(try await db.signUps.submit(application, code: nil, now: old))
        var other = application
        other.email = "ander@example.org"
        _ = pendingToken(try await db.signUps.submit(other, code: nil))
        #expect(try await db.signUps.pendingCount() == 1)
        #expect(try await db.signUps.purgeExpired(now: Date().addingTimeInterval(8 * 24 * 3600)) == 1)
    }

    @Test func onlyTheDigestOfTheTokenIsStored() async throws {
        let temporary = TemporaryDatabase()
        let token = pendingToken(try await temporary.database.signUps.submit(application, code: nil))
        try temporary.database.close()
        let bytes = try temporary.fileBytes()
        #expect(bytes.range(of: Data(token.utf8)) == nil)
        #expect(bytes.range(of: Data(SHA256.digest(token))) != nil)
    }

    @Test func anActiveMembersAddressGetsNoSecondMembershipAndOneAddressFewPendingSignUps() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(1))
        var existing = application
        existing.email = "M1@EXAMPLE.org"
        guard case .alreadyMember = try await db.signUps.submit(existing, code: nil) else {
            Issue.record("an active member's address was accepted again")
            return
        }
        var tokens: [String] = []
        for _ in 0..<SignUpRepository.maxPendingPerAddress { tokens.append(pendingToken(try await db.signUps.submit(application, code: nil))) }
        guard case .tooManyPending = try await db.signUps.submit(application, code: nil) else {
            Issue.record("a fourth pending sign-up for one address was accepted")
            return
        }
        // The first confirmation makes the member; the other links of the same address then say so.
        guard case .joined = try await db.signUps.confirm(token: tokens[0], referenceYear: 2025) else {
            Issue.record("not confirmed")
            return
        }
        #expect(try await db.signUps.confirm(token: tokens[1], referenceYear: 2025) == .alreadyMember(language: "en"))
        #expect(try await db.members.count(activeOnly: false) == 2)
    }

    @Test func someoneWhoLeftComesBackWithTheDetailsJustGiven() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(2))
        try await db.members.unsubscribe("m1")
        var again = application
        again.email = "m1@example.org"
        let token = pendingToken(try await db.signUps.submit(again, code: nil))
        #expect(try await db.signUps.confirm(token: token, referenceYear: 2025) == .rejoined(memberID: "m1", language: "en"))
        #expect(try await db.members.active().map(\.id) == ["m1", "m2"])
        let member = try #require(try await db.members.find("m1"))
        #expect(member.gender == .onbekend && member.birthYear == 1990 && member.language == "en")
    }

    @Test func malformedTokensAreUnknownWithoutALookUp() async throws {
        let temporary = TemporaryDatabase()
        #expect(try await temporary.database.signUps.state(ofToken: "kort") == .unknown)
        #expect(try await temporary.database.signUps.confirm(token: String(repeating: "é", count: 43), referenceYear: 2025) == .unknown)
    }
}

@Suite struct RecruitmentCodeStorageTests {
    @Test func aCodeBringsOneMemberInAsRecruitedByLetter() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let codes = try await db.recruitmentCodes.issue(3)
        #expect(Set(codes).count == 3)
        #expect(try await db.recruitmentCodes.isUsable(codes[0]))
        let token = pendingToken(try await db.signUps.submit(application, code: codes[0]))
        #expect(try await db.recruitmentCodes.isUsable(codes[0]), "used up only by the confirmation")
        guard case .joined = try await db.signUps.confirm(token: token, referenceYear: 2025) else {
            Issue.record("not confirmed")
            return
        }
        #expect(try await !db.recruitmentCodes.isUsable(codes[0]))
        #expect(try await db.recruitmentCodes.counts() == (issued: 3, used: 1))
        #expect(try await db.members.recruitmentCounts() == ["brief": 1])

        var second = application
        second.email = "tweede@example.org"
        guard case .invalidCode = try await db.signUps.submit(second, code: codes[0]) else {
            Issue.record("a used code was accepted")
            return
        }
        guard case .invalidCode = try await db.signUps.submit(second, code: LetterCode(presented: "2222-3333-4444-5555")) else {
            Issue.record("a code never issued was accepted")
            return
        }
    }

    @Test func aCodeUsedInTheMeantimeStillLetsTheSecondPersonJoinAsAnOrdinarySignUp() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        let code = try await db.recruitmentCodes.issue(1)[0]
        let first = pendingToken(try await db.signUps.submit(application, code: code))
        var other = application
        other.email = "huisgenoot@example.org"
        let second = pendingToken(try await db.signUps.submit(other, code: code))
        _ = try await db.signUps.confirm(token: first, referenceYear: 2025)
        _ = try await db.signUps.confirm(token: second, referenceYear: 2025)
        #expect(try await db.members.recruitmentCounts() == ["brief": 1, "aanmelding": 1])
    }

    @Test func codesAreStoredAsDigestsAndTheCountIsBounded() async throws {
        let temporary = TemporaryDatabase()
        let codes = try await temporary.database.recruitmentCodes.issue(2)
        await #expect(throws: StorageError.self) { _ = try await temporary.database.recruitmentCodes.issue(0) }
        try temporary.database.close()
        let bytes = try temporary.fileBytes()
        for code in codes {
            #expect(bytes.range(of: Data(code.canonical.utf8)) == nil)
            #expect(bytes.range(of: Data(code.digest)) != nil)
        }
    }
}

@Suite struct PersonalLinkStorageTests {
    @Test func invitationLinksAndAMembersOwnLinksOpenTheMemberUntilErasure() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(2))
        try await db.surveys.register(survey)
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(1))
        let own = try await db.personalLinks.issue(memberID: "m1", purpose: .reconfirm)
        let byInvitation = try #require(try await db.personalLinks.holder(ofToken: issued.issued[0].token.value))
        #expect(byInvitation.memberID == "m1" && byInvitation.invitationID == issued.issued[0].invitationID)
        #expect(try await db.personalLinks.holder(ofToken: own.value) == .init(memberID: "m1", language: "nl", invitationID: nil))
        #expect(try await db.personalLinks.holder(ofToken: "x") == nil)
        #expect(try await db.invitations.find(token: own.value) == nil, "a member's own link answers no survey")

        try await db.members.erase("m1")
        #expect(try await db.personalLinks.holder(ofToken: own.value) == nil)
        #expect(try await db.personalLinks.holder(ofToken: issued.issued[0].token.value) == nil)
    }
}

@Suite struct ReconfirmationStorageTests {
    let now = Date()
    func day(_ n: Double) -> Date { now.addingTimeInterval(n * 24 * 3600) }

    @Test func membersAreAskedOnceAndLapseWhenTheyDoNotConfirm() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(4))
        try await db.members.unsubscribe("m4")
        #expect(try await db.members.dueForReconfirmation(confirmedBefore: day(-1)).isEmpty, "everyone joined just now")
        #expect(try await db.members.dueForReconfirmation(confirmedBefore: day(1)).map(\.id) == ["m1", "m2", "m3"], "not who unsubscribed")

        try await db.members.markAskedToReconfirm(["m1", "m2", "m3"], at: day(1))
        #expect(try await db.members.dueForReconfirmation(confirmedBefore: day(2)).isEmpty, "asked once, not again")
        #expect(try await db.members.overdueReconfirmations(askedBefore: day(1)).isEmpty, "the grace period has not passed")

        #expect(try await db.members.confirmMembership("m1", at: day(3)) == .confirmed)
        #expect(try await db.members.standing("m1")?.askedToReconfirm == false)
        #expect(try await db.members.standing("m2")?.askedToReconfirm == true)
        #expect(try await db.members.overdueReconfirmations(askedBefore: day(40)) == ["m2", "m3"])
        #expect(try await db.members.lapse(["m2", "m3"], at: day(40)) == 2)
        #expect(try await db.members.active().map(\.id) == ["m1"])
        #expect(try await db.members.overdueReconfirmations(askedBefore: day(80)).isEmpty, "lapsed members are not lapsed again")

        // A year after confirming, m1 is due again; m2 confirms late and is back.
        #expect(try await db.members.dueForReconfirmation(confirmedBefore: day(369)).map(\.id) == ["m1"])
        #expect(try await db.members.confirmMembership("m2", at: day(50)) == .reactivated)
        #expect(try await db.members.active().map(\.id) == ["m1", "m2"])
        #expect(try await db.members.confirmMembership("m4") == .notOnPanel, "confirming does not undo an unsubscribe")
        #expect(try await db.members.confirmMembership("nobody") == .unknown)
    }

    @Test func staffTakingALapsedMemberBackCountsAsConfirmation() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(1))
        // Confirmed, asked and lapsed in the past, so that taking the member back now comes after all three.
        #expect(try await db.members.confirmMembership("m1", at: day(-60)) == .confirmed)
        try await db.members.markAskedToReconfirm(["m1"], at: day(-50))
        try await db.members.lapse(["m1"], at: day(-10))
        #expect(try await db.members.standing("m1")?.askedToReconfirm == true)
        #expect(try await db.members.setActive(true, ids: ["m1"]) == 1)
        #expect(try await db.members.overdueReconfirmations(askedBefore: day(80)).isEmpty, "without the confirmation m1 would lapse again")
        #expect(try await db.members.standing("m1")?.lapsed == false)
    }

    @Test func membersUpdateTheirOwnAreaAndLanguage() async throws {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        var member = members(1)[0]
        member.buurt = "Geraniumbuurt"
        try await db.members.upsert([member])
        let before = try await db.members.updateOwnDetails("m1", to: OwnDetails(wijk: "Oost", postcode: nil, language: "en"))
        #expect(before == OwnDetails(wijk: "Oost", postcode: "1211 AB", language: "nl"))
        #expect(try await db.members.find("m1")?.buurt == "Geraniumbuurt", "same wijk, same buurt")
        _ = try await db.members.updateOwnDetails("m1", to: OwnDetails(wijk: "Centrum", postcode: "1211 CD", language: "en"))
        let after = try #require(try await db.members.find("m1"))
        #expect(after.wijk == "Centrum" && after.buurt == nil && after.postcode == "1211 CD" && after.language == "en")
        #expect(try await db.members.updateOwnDetails("nobody", to: OwnDetails(wijk: "Oost", postcode: nil, language: "nl")) == nil)
    }
}

@Suite struct PublicationStorageTests {
    /// Four members invited, m1 and m2 answered, m3 unsubscribed afterwards.
    func prepared() async throws -> (TemporaryDatabase, [InvitationRepository.Issued]) {
        let temporary = TemporaryDatabase()
        let db = temporary.database
        try await db.members.upsert(members(4))
        let hash = try await db.surveys.register(survey).hash
        let issued = try await db.invitations.issue(surveyID: "speeltuin", to: members(4)).issued
        for invitation in issued.prefix(3) {
            _ = try await db.responses.save(invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                                            answers: Answers(["steun": ["5"]]))
        }
        try await db.members.unsubscribe("m3")
        return (temporary, issued)
    }

    func feedback(_ recipient: PublicationRepository.Recipient) throws -> PublicationRepository.Feedback {
        .init(entry: .init(kind: "feedback", invitationID: recipient.invitationID, recipient: recipient.member.email, subject: "Terugkoppeling",
                           sealedBody: Array("sealed".utf8)),
              token: try SecretToken.generate())
    }

    @Test func respondentsByDefaultInviteesOnRequestAndNobodyTwice() async throws {
        let (temporary, issued) = try await prepared()
        let db = temporary.database
        let respondents = try await db.publications.feedbackRecipients(surveyID: "speeltuin", includeInvitees: false)
        #expect(respondents.map(\.member.id) == ["m1", "m2"], "m3 unsubscribed, m4 did not answer")
        #expect(respondents.allSatisfy { $0.responded })
        let messages = try respondents.map(feedback)
        #expect(try await db.publications.enqueue(messages) == 2)
        #expect(try await db.publications.enqueue(messages) == 0, "the database drops a second message for an invitation")
        #expect(try await db.publications.feedbackRecipients(surveyID: "speeltuin", includeInvitees: false).isEmpty)

        let invitees = try await db.publications.feedbackRecipients(surveyID: "speeltuin", includeInvitees: true)
        #expect(invitees.map(\.member.id) == ["m4"] && invitees[0].responded == false)
        #expect(try await db.publications.enqueue(try invitees.map(feedback)) == 1)
        #expect(try await db.publications.feedbackCount(surveyID: "speeltuin") == 3)
        // The link in a queued message opens the member's invitation; one that was dropped does not exist.
        #expect(try await db.invitations.find(token: messages[0].token.value)?.id == issued[0].invitationID)
        #expect(try await db.outbox.statusCounts()["queued"] == 3)
    }

    @Test func publishingTwiceKeepsTheFirstMomentAndAuditsBoth() async throws {
        let (temporary, _) = try await prepared()
        let db = temporary.database
        let first = try await db.publications.publish(surveyID: "speeltuin", decisionNL: "De speeltuin komt er.", decisionEN: nil, actor: "cli:test")
        #expect(first.first && first.publication.decision(in: "en") == "De speeltuin komt er.")
        let second = try await db.publications.publish(
            surveyID: "speeltuin", decisionNL: "De speeltuin komt er in mei.", decisionEN: "The playground opens in May.", actor: "cli:test",
            at: Date().addingTimeInterval(60))
        #expect(!second.first)
        #expect(second.publication.publishedAt == first.publication.publishedAt)
        #expect(second.publication.decision(in: "en") == "The playground opens in May.")
        #expect(try await db.publications.find("speeltuin")?.decisionNL == "De speeltuin komt er in mei.")
        #expect(try await db.publications.find("anders") == nil)
        let actions = try await db.audit.entries().map(\.action)
        #expect(actions.suffix(2) == ["survey.published", "survey.decision_updated"])
        guard case .intact = try await db.audit.verify() else {
            Issue.record("the audit chain broke")
            return
        }
    }

    @Test func erasingAMemberScrubsTheirFeedbackAndOwnMessages() async throws {
        let (temporary, _) = try await prepared()
        let db = temporary.database
        let recipients = try await db.publications.feedbackRecipients(surveyID: "speeltuin", includeInvitees: false)
        try await db.publications.enqueue(try recipients.map(feedback))
        try await db.outbox.enqueue([.init(kind: "reconfirm", invitationID: nil, recipient: "m1@example.org", subject: "Doet u nog mee?",
                                           sealedBody: Array("sealed".utf8))])
        try await db.members.erase("m1")
        #expect(try await db.outbox.recentFailures().filter { $0.error == "member erased before delivery" }.count == 2)
        try db.close()
        #expect(try temporary.fileBytes().range(of: Data("m1@example.org".utf8)) == nil)
    }
}

@Suite struct RecruitmentMigrationTests {
    @Test func v7KeepsEveryMemberAndStartsThemUnconfirmed() async throws {
        let temporary = TemporaryDatabase()
        let old = try DraagvlakDatabase(path: temporary.path, upTo: "v6: initiatives and budgets")
        try await old.members.upsert(members(3))
        try old.close()
        let migrated = try DraagvlakDatabase(path: temporary.path)
        #expect(try await migrated.members.active().map(\.id) == ["m1", "m2", "m3"])
        #expect(try await migrated.members.recruitmentCounts() == ["import": 3])
        #expect(try await migrated.members.standing("m1")?.lastConfirmed == nil)
        try migrated.close()
    }
}
