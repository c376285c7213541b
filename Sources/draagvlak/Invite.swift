import Storage
import Logging
import ArgumentParser
import Foundation
import Panel
import Web

struct Invite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Invite members to a survey: one personal link each, one message each in the outbox.",
        discussion: "Without --wijk, --buurt or --members-file the survey's own audience is used (everyone when it has none).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Option(name: .customLong("wijk"), help: "Invite members of this wijk (repeatable).") var wijken: [String] = []
    @Option(name: .customLong("buurt"), help: "Invite members of this buurt (repeatable).") var buurten: [String] = []
    @Option(name: .customLong("members-file"), help: "Invite the member ids listed in this file, one per line.") var membersFile: String?
    @Option(name: .customLong("links-csv"), help: "Write member_id,link for every new invitation to this file.") var linksCSV: String?

    func run() async throws {
        let context = try await global.openContext()
        var memberIDs: [String]?
        if let membersFile {
            guard let text = try? String(contentsOfFile: membersFile, encoding: .utf8) else { throw CommandFailure("cannot read \(membersFile)") }
            memberIDs = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0 != "member_id" }
        }
        let summary: InvitationService.Summary
        do {
            summary = try await InvitationService(context: context).invite(
                surveyID: survey, audience: .init(wijken: wijken, buurten: buurten, memberIDs: memberIDs))
        } catch let error as InvitationService.InviteError {
            throw CommandFailure(error.message)
        }
        if let linksCSV {
            let rows = ["member_id,link"] + summary.invited.map { "\($0.memberID),\($0.link)" }
            do { try (rows.joined(separator: "\n") + "\n").write(toFile: linksCSV, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(linksCSV): \(error.localizedDescription)")
            }
        }
        print("\(survey): \(summary.invited.count) invited, \(summary.alreadyInvited) already invited, \(summary.eligible) eligible")
        print("messages written to \(context.configuration.outboxDirectory)")
        if !summary.unknownMemberIDs.isEmpty {
            print("not invited (unknown or inactive member ids): \(summary.unknownMemberIDs.joined(separator: ", "))")
        }
        if let linksCSV { print("links written to \(linksCSV)") }
    }
}
