import Foundation
import GRDB
import Initiatives
import Panel
import Secrets
import Surveys
import Testing
@testable import Storage

/// A database in a fresh temporary folder, removed afterwards.
final class TemporaryDatabase {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("draagvlak-\(UUID().uuidString)").path
    var path: String { folder + "/draagvlak.sqlite" }
    lazy var database = try! DraagvlakDatabase(path: path)

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func reopen() throws -> DraagvlakDatabase {
        try database.close()
        database = try DraagvlakDatabase(path: path)
        return database
    }

    /// Every byte SQLite has written, for checking what is (not) stored.
    func fileBytes() throws -> Data {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("draagvlak.sqlite") }
            .reduce(into: Data()) { $0 += try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $1)) }
    }
}

let survey = SurveyDefinition(
    id: "speeltuin", kind: .buurttoetsing, title: "Speeltuin",
    questions: [
        Question(id: "steun", text: "Steunt u het?", type: .scale(Scale(min: 1, max: 5)), required: true,
                 support: SupportRule(supports: ["4", "5"], opposes: ["1", "2"])),
        Question(id: "waarom", text: "Waarom?", type: .text(maxLength: 200, multiline: true)),
    ])

func members(_ count: Int, wijk: String = "Oost") -> [Member] {
    (1...count).map { n in
        Member(id: "m\(n)", email: "m\(n)@example.org", wijk: wijk, buurt: nil, postcode: "1211 AB", birthYear: 1980,
               ageBand: .from35to49, gender: n.isMultiple(of: 2) ? .vrouw : .man, language: "nl", active: true)
    }
}

@Suite struct MemberRepositoryTests {
    @Test func upsertIsIdempotentByMemberID() async throws {
        let temporary = TemporaryDatabase()
        let repository = temporary.database.members
        #expect(try await repository.upsert(members(3)) == .init(created: 3, updated: 0))
        var changed = members(4)
        changed[0].email = "nieuw@example.org"
        changed[0].wijk = "Zuid"
        #expect(try await repository.upsert(changed) == .init(created: 1, updated: 3))
        let first = try #require(try await repository.find("m1"))
        #expect(first.email == "nieuw@example.org" && first.wijk == "Zuid" && first.ageBand == .from35to49)
        #expect(try await repository.count() == 4)
        #expect(try await repository.active(ids: ["m2", "m9"]).map(\.id) == ["m2"])
        #expect(try await repository.existingIDs(among: ["m1", "x"]) == ["m1"])
    }
}

@Suite struct SurveyRepositoryTests {
    @Test func everyVersionIsKeptByItsHash() async throws {
        let temporary = TemporaryDatabase()
        let repository = temporary.database.surveys
        let (hash, outcome) = try await repository.register(survey)
        #expect(outcome == .new && hash.count == 64)
        #expect(try await repository.register(survey).outcome == .unchanged)
        var reworded = survey
        reworded.questions[0].text = "Steunt u dit plan?"
        let second = try await repository.register(reworded)
        #expect(second.outcome == .newVersion(previousHash: hash))
        #expect(try await repository.versionCount("speeltuin") == 2)
        #expect(try await repository.current("speeltuin")?.definition == reworded)
    }
}

@Suite struct InvitationAndResponseTests {
    func prepared(_ count: Int = 5) async throws -> (TemporaryDatabase, [InvitationRepository.Issued], String) {
        let temporary = TemporaryDatabase()
        try await temporary.database.members.upsert(members(count))
        let hash = try await temporary.database.surveys.register(survey).hash
        let issued = try await temporary.database.invitations.issue(surveyID: "speeltuin", to: members(count)).issued
        return (temporary, issued, hash)
    }

    @Test func tokensOpenTheirInvitationAndOnlyDigestsAreStored() async throws {
        let (temporary, issued, _) = try await prepared()
        let repository = temporary.database.invitations
        for invitation in issued {
            let found = try #require(try await repository.find(token: invitation.token.value))
            #expect(found.id == invitation.invitationID && found.memberID == invitation.member.id)
        }
        #expect(try await repository.find(token: try SecretToken.generate().value) == nil)
        #expect(try await repository.find(token: "not-a-token") == nil)
        let bytes = try temporary.fileBytes()
        for invitation in issued {
            #expect(bytes.range(of: Data(invitation.token.value.utf8)) == nil)
            #expect(bytes.range(of: Data(invitation.token.digest)) != nil)
        }
    }

    @Test func aMemberIsInvitedOncePerSurvey() async throws {
        let (temporary, _, _) = try await prepared(3)
        try await temporary.database.members.upsert(members(4))
        let again = try await temporary.database.invitations.issue(surveyID: "speeltuin", to: members(4))
        #expect(again.issued.map(\.member.id) == ["m4"])
        #expect(again.alreadyInvited == ["m1", "m2", "m3"])
        #expect(try await temporary.database.invitations.count(surveyID: "speeltuin") == 4)
    }

    @Test func answeringAgainReplacesTheAnswers() async throws {
        let (temporary, issued, hash) = try await prepared()
        let responses = temporary.database.responses
        let id = issued[0].invitationID
        #expect(try await responses.save(invitationID: id, surveyID: "speeltuin", definitionHash: hash,
                                         answers: Answers(["steun": ["5"], "waarom": ["Goed plan"]])) == .stored)
        #expect(try await responses.save(invitationID: id, surveyID: "speeltuin", definitionHash: hash,
                                         answers: Answers(["steun": ["2"]])) == .replaced(revision: 2))
        #expect(try await responses.answers(invitationID: id) == Answers(["steun": ["2"]]))
        #expect(try await responses.answers(invitationID: issued[1].invitationID) == nil)
    }

    @Test func simultaneousSubmissionsOfOneLinkLeaveOneResponse() async throws {
        let (temporary, issued, hash) = try await prepared()
        let responses = temporary.database.responses
        let id = issued[0].invitationID
        try await withThrowingTaskGroup(of: Void.self) { group in
            for value in 1...20 {
                group.addTask {
                    _ = try await responses.save(invitationID: id, surveyID: "speeltuin", definitionHash: hash,
                                                 answers: Answers(["steun": [String(value % 5 + 1)]]))
                }
            }
            try await group.waitForAll()
        }
        let tally = try await responses.tally(surveyID: "speeltuin")
        #expect(tally.responded == 1)
        #expect(tally.answeredCount["steun"] == 1)
        #expect(tally.valueCounts["steun"]?.values.reduce(0, +) == 1)
    }

    @Test func tallyCountsRespondentsPerValueAndSurvivesReopening() async throws {
        let (temporary, issued, hash) = try await prepared()
        let values = ["5", "4", "4", "1"]
        for (invitation, value) in zip(issued, values) {
            _ = try await temporary.database.responses.save(
                invitationID: invitation.invitationID, surveyID: "speeltuin", definitionHash: hash,
                answers: Answers(["steun": [value], "waarom": value == "1" ? ["Te druk"] : []]))
        }
        let expected = ResponseRepository.Tally(
            invited: 5, responded: 4, answeredCount: ["steun": 4, "waarom": 1],
            valueCounts: ["steun": ["5": 1, "4": 2, "1": 1], "waarom": ["Te druk": 1]])
        #expect(try await temporary.database.responses.tally(surveyID: "speeltuin") == expected)
        let reopened = try temporary.reopen()
        #expect(try await reopened.responses.tally(surveyID: "speeltuin") == expected)
        #expect(try await reopened.integrityCheck() == "ok")
    }
}

@Suite struct APITokenTests {
    @Test func tokensMapToTheirRole() async throws {
        let temporary = TemporaryDatabase()
        let tokens = temporary.database.apiTokens
        let admin = try await tokens.create(role: "admin", label: "test", createdBy: "cli:test")
        #expect(admin.value.hasPrefix("dvk_"))
        #expect(try await tokens.role(of: admin.value) == "admin")
        let buco = try await tokens.create(role: "buurtcoordinator", label: "script", wijk: "Oost", createdBy: "cli:test")
        let found = try #require(try await tokens.find(presented: buco.value))
        #expect(found.role == "buurtcoordinator" && found.wijk == "Oost" && found.label == "script")
        let audit = try await temporary.database.audit.entries()
        #expect(audit.map(\.action) == ["api_token.created", "api_token.created"])
        #expect(audit[1].actor == "cli:test" && audit[1].subject == "token:\(found.id)")
        #expect(audit[1].details == #"{"label":"script","role":"buurtcoordinator","wijk":"Oost"}"#)
        #expect(!audit.contains { $0.details.contains(buco.value) })
        #expect(try await tokens.role(of: "dvk_" + String(repeating: "A", count: 43)) == nil)
        #expect(try await tokens.role(of: String(admin.value.dropFirst(4))) == nil)
    }
}

/// The data version moves with every commit, from this process or another, and holds still otherwise.
@Suite struct DataVersionTests {
    @Test func changesWithEveryCommitAndOnlyThen() async throws {
        let temporary = TemporaryDatabase()
        let database = temporary.database
        let start = try database.dataVersion.current()
        _ = try await database.apiTokens.find(presented: "dvk_" + String(repeating: "A", count: 43))
        #expect(try database.dataVersion.current() == start, "a read is no change")

        _ = try await database.apiTokens.create(role: "onderzoeker", label: "a", createdBy: "test")
        let afterOwnWrite = try database.dataVersion.current()
        #expect(afterOwnWrite != start)
        #expect(try database.dataVersion.current() == afterOwnWrite)

        let other = try DraagvlakDatabase(path: database.path)
        _ = try await other.apiTokens.create(role: "onderzoeker", label: "b", createdBy: "another process")
        try other.close()
        #expect(try database.dataVersion.current() != afterOwnWrite, "a commit by another connection counts too")
    }
}

/// The answering pages' own read connections: they see every commit at once, serve many threads at a
/// time, keep only a few connections, and refuse once the database is closed.
@Suite struct QuickReadsTests {
    @Test func readsSeeEachCommitAndServeManyThreadsAtOnce() async throws {
        let temporary = TemporaryDatabase()
        let database = temporary.database
        func count() throws -> Int { try database.quickReads.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM api_token") ?? -1 } }
        #expect(try count() == 0)
        for made in 1...3 {
            _ = try await database.apiTokens.create(role: "onderzoeker", label: "t\(made)", createdBy: "test")
            #expect(try count() == made, "a read right after a commit sees it")
        }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 { group.addTask { try count() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 3, count: 32))

        try database.close()
        #expect(throws: (any Error).self) { try count() }
    }
}
