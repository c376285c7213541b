import Foundation
import GRDB
import Panel
import Secrets
import Surveys
import Testing
@testable import Storage

/// Letters to addresses outside the panel: one code per address, digests only, and never a trace in
/// the panel's figures.
@Suite struct LetterStorageTests {
    func letters(_ numbers: ClosedRange<Int>, buurt: String? = "Geraniumbuurt") -> [LetterRepository.Letter] {
        numbers.map { LetterRepository.Letter(addressKey: "1215AB|\($0)|", wijk: "Oost", buurt: buurt) }
    }

    func prepared() async throws -> TemporaryDatabase {
        let temporary = TemporaryDatabase()
        try await temporary.database.surveys.register(survey)
        return temporary
    }

    @Test func eachAddressGetsOneCodeAndARunAgainSkipsIt() async throws {
        let temporary = try await prepared()
        let repository = temporary.database.letters
        let first = try await repository.issue(surveyID: "speeltuin", letters: letters(1...4))
        #expect(first.issued.map(\.index) == [0, 1, 2, 3] && first.skipped.isEmpty)
        #expect(Set(first.issued.map(\.code)).count == 4)
        let again = try await repository.issue(surveyID: "speeltuin", letters: letters(3...6))
        #expect(again.skipped == [0, 1], "addresses 3 and 4 have a code already")
        #expect(again.issued.map(\.index) == [2, 3])
        #expect(try await repository.addressCount(surveyID: "speeltuin") == 6)
        #expect(try await temporary.database.invitations.count(surveyID: "speeltuin", channel: .letter) == 6)
        for issued in first.issued + again.issued {
            let found = try #require(try await repository.find(code: issued.code))
            #expect(found == .init(invitationID: issued.invitationID, surveyID: "speeltuin"))
        }
        #expect(try await repository.find(code: try LetterCode.generate()) == nil)
    }

    @Test func theSameAddressMayHaveACodeForAnotherSurvey() async throws {
        let temporary = try await prepared()
        var other = survey
        other.id = "bankje"
        try await temporary.database.surveys.register(other)
        _ = try await temporary.database.letters.issue(surveyID: "speeltuin", letters: letters(1...2))
        let second = try await temporary.database.letters.issue(surveyID: "bankje", letters: letters(1...2))
        #expect(second.issued.count == 2 && second.skipped.isEmpty)
    }

    @Test func onlyDigestsAreStoredAndAddressesAreNotLinkedToInvitations() async throws {
        let temporary = try await prepared()
        let result = try await temporary.database.letters.issue(surveyID: "speeltuin", letters: letters(1...5))
        let bytes = try temporary.fileBytes()
        for issued in result.issued {
            #expect(bytes.range(of: Data(issued.code.canonical.utf8)) == nil)
            #expect(bytes.range(of: Data(issued.code.formatted.utf8)) == nil)
            #expect(bytes.range(of: Data(issued.code.digest)) != nil)
        }
        #expect(bytes.range(of: Data("1215AB|".utf8)) == nil, "the address key itself is never stored")
        let columns = try await temporary.database.pool.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(letter_address)").map { $0["name"] as String }
        }
        #expect(columns == ["survey_id", "digest"], "nothing ties an address to its invitation or to a moment")
    }

    @Test func aRevokedCodeOpensNothingAndItsAddressIsNotIssuedAgain() async throws {
        let temporary = try await prepared()
        let repository = temporary.database.letters
        let code = try await repository.issue(surveyID: "speeltuin", letters: letters(1...1)).issued[0].code
        #expect(try await !repository.revoke(surveyID: "bankje", code: code), "a code belongs to its own survey")
        #expect(try await repository.revoke(surveyID: "speeltuin", code: code))
        #expect(try await repository.find(code: code) == nil)
        #expect(try await !repository.revoke(surveyID: "speeltuin", code: code))
        #expect(try await repository.issue(surveyID: "speeltuin", letters: letters(1...1)).skipped == [0])
        #expect(try await temporary.database.invitations.count(surveyID: "speeltuin", channel: .letter) == 0)
    }

    @Test func lettersThatWereNeverPrintedCanBeTakenBackUntilOneIsAnswered() async throws {
        let temporary = try await prepared()
        let repository = temporary.database.letters
        let result = try await repository.issue(surveyID: "speeltuin", letters: letters(1...3))
        #expect(try await repository.retract(surveyID: "speeltuin", issued: result.issued, addressKeys: letters(1...3).map(\.addressKey)))
        #expect(try await repository.find(code: result.issued[0].code) == nil)
        #expect(try await repository.addressCount(surveyID: "speeltuin") == 0)
        let again = try await repository.issue(surveyID: "speeltuin", letters: letters(1...3))
        #expect(again.issued.count == 3)
        _ = try await temporary.database.responses.save(
            invitationID: again.issued[0].invitationID, surveyID: "speeltuin", definitionHash: SurveyRepository.hash(of: survey),
            answers: Answers(["steun": ["5"]]))
        #expect(try await !repository.retract(surveyID: "speeltuin", issued: again.issued, addressKeys: letters(1...3).map(\.addressKey)))
        #expect(try await repository.find(code: again.issued[0].code) != nil)
    }

    /// The panel's numbers with letters beside them must be exactly the numbers without them.
    @Test func panelFiguresIgnoreLetters() async throws {
        let temporary = try await prepared()
        let db = temporary.database
        let hash = SurveyRepository.hash(of: survey)
        try await db.members.upsert(members(4))
        let panel = try await db.invitations.issue(surveyID: "speeltuin", to: members(4)).issued
        for (invitation, value) in zip(panel.prefix(3), ["5", "4", "1"]) {
            _ = try await db.responses.save(invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                                            answers: Answers(["steun": [value]]))
        }
        let tally = try await db.responses.tally(surveyID: "speeltuin")
        let progress = try await db.responses.progressByWijk(surveyID: "speeltuin")
        let respondents = try await db.responses.respondents(surveyID: "speeltuin", questionID: "steun")
        let all = try await db.responses.all(surveyID: "speeltuin")
        let reminders = try await db.invitations.needingReminder(surveyID: "speeltuin", maxReminders: 1).map(\.member.id)

        let letterResult = try await db.letters.issue(surveyID: "speeltuin", letters: letters(1...12) + letters(13...14, buurt: nil))
        for (issued, value) in zip(letterResult.issued.prefix(11), ["1", "1", "2", "2", "2", "5", "5", "4", "1", "2", "3"]) {
            _ = try await db.responses.save(invitationID: issued.invitationID, surveyID: "speeltuin", definitionHash: hash,
                                            answers: Answers(["steun": [value], "waarom": ["Te druk"]]))
        }
        #expect(try await db.responses.tally(surveyID: "speeltuin") == tally)
        #expect(try await db.responses.progressByWijk(surveyID: "speeltuin") == progress)
        #expect(try await db.responses.respondents(surveyID: "speeltuin", questionID: "steun") == respondents)
        #expect(try await db.responses.all(surveyID: "speeltuin") == all)
        #expect(try await db.invitations.needingReminder(surveyID: "speeltuin", maxReminders: 1).map(\.member.id) == reminders)
        #expect(try await db.invitations.count(surveyID: "speeltuin") == 4)
        #expect(try await db.invitations.counts(since: Date().addingTimeInterval(-3600)) == ["m1": 1, "m2": 1, "m3": 1, "m4": 1])
        #expect(try await db.invitations.memberIDs(surveyID: "speeltuin") == ["m1", "m2", "m3", "m4"])
        #expect(try await db.members.export("m1")?.invitations.count == 1)

        // The letters' own figures.
        let letterTally = try await db.responses.tally(surveyID: "speeltuin", channel: .letter)
        #expect(letterTally.invited == 14 && letterTally.responded == 11)
        #expect(letterTally.valueCounts["steun"] == ["1": 3, "2": 4, "3": 1, "4": 1, "5": 2])
        #expect(letterTally.answeredCount == ["steun": 11, "waarom": 11])
        let areas = try await db.letters.progress(surveyID: "speeltuin")
        #expect(areas == [
            .init(wijk: "Oost", buurt: nil, issued: 2, responded: 0),
            .init(wijk: "Oost", buurt: "Geraniumbuurt", issued: 12, responded: 11),
        ])
        let letterRespondents = try await db.letters.respondents(surveyID: "speeltuin", questionID: "steun")
        #expect(letterRespondents.count == 11 && letterRespondents.allSatisfy { $0.buurt == "Geraniumbuurt" && $0.values.count == 1 })
        let letterRows = try await db.responses.all(surveyID: "speeltuin", channel: .letter)
        #expect(letterRows.count == 11 && letterRows.allSatisfy { $0.channel == .letter && $0.wijk == "Oost" && $0.gender.isEmpty })
    }

    @Test func panelLinksAndLetterCodesOpenOnlyTheirOwnKind() async throws {
        let temporary = try await prepared()
        let db = temporary.database
        try await db.members.upsert(members(1))
        let token = try await db.invitations.issue(surveyID: "speeltuin", to: members(1)).issued[0].token
        let code = try await db.letters.issue(surveyID: "speeltuin", letters: letters(1...1)).issued[0].code
        #expect(try await db.invitations.find(token: token.value) != nil)
        #expect(try await db.invitations.find(token: code.canonical) == nil)
        #expect(try await db.letters.find(code: code) != nil)
    }

    /// A database made before letters existed keeps its invitations and answers, as the panel's.
    @Test func migrationFourKeepsEveryPanelInvitation() async throws {
        let temporary = TemporaryDatabase()
        let old = try DraagvlakDatabase(path: temporary.path, upTo: "v3: population margins")
        try await old.members.upsert(members(2))
        let hash = try await old.surveys.register(survey).hash
        let issued = try await old.invitations.issue(surveyID: "speeltuin", to: members(2)).issued
        _ = try await old.responses.save(invitationID: issued[0].invitationID, surveyID: "speeltuin", definitionHash: hash,
                                         answers: Answers(["steun": ["5"]]))
        try old.close()

        let migrated = temporary.database
        #expect(try await migrated.invitations.find(token: issued[1].token.value)?.memberID == "m2")
        let tally = try await migrated.responses.tally(surveyID: "speeltuin")
        #expect(tally.invited == 2 && tally.responded == 1 && tally.valueCounts["steun"] == ["5": 1])
        #expect(try await migrated.integrityCheck() == "ok")
        let foreignKeyProblems = try await migrated.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count }
        #expect(foreignKeyProblems == 0)
        _ = try await migrated.letters.issue(surveyID: "speeltuin", letters: letters(1...1))
        #expect(try await migrated.responses.tally(surveyID: "speeltuin") == tally)
    }
}
