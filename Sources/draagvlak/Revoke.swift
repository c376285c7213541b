import ArgumentParser
import Secrets
import Storage
import Web

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Withdraw a member's invitation, or a letter's code, to a survey; all its links stop working.",
        discussion: "Give a member id, or --code with the code printed on a letter. Answers already given stay counted.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Argument(help: "The member id.") var member: String?
    @Option(help: "A letter's code (dashes and case do not matter) instead of a member.") var code: String?

    func validate() throws {
        switch (member, code) {
        case (nil, nil): throw ValidationError("give a member id or --code")
        case (.some, .some): throw ValidationError("give a member id or --code, not both")
        case (nil, let code?) where LetterCode(presented: code) == nil:
            throw ValidationError("--code '\(code)' is not a letter code (16 characters like K7QM-4XPD-9TRW-H3CN)")
        default: break
        }
    }

    func run() async throws {
        let database = try await global.openContext().database
        if let member {
            guard try await database.invitations.revoke(surveyID: survey, memberID: member) else {
                throw CommandFailure("member \(member) has no live invitation to \(survey)")
            }
            print("revoked the invitation of \(member) to \(survey)")
        } else if let code, let letterCode = LetterCode(presented: code) {
            guard try await database.letters.revoke(surveyID: survey, code: letterCode) else {
                throw CommandFailure("this code opens no live letter invitation to \(survey)")
            }
            print("revoked a letter code for \(survey)")
        }
    }
}
