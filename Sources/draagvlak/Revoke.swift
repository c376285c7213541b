import Storage
import ArgumentParser
import Web

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Withdraw a member's invitation to a survey; all its links stop working.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Argument(help: "The member id.") var member: String

    func run() async throws {
        guard try await global.openContext().database.invitations.revoke(surveyID: survey, memberID: member) else {
            throw CommandFailure("member \(member) has no live invitation to \(survey)")
        }
        print("revoked the invitation of \(member) to \(survey)")
    }
}
