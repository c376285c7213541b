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
    @Option(help: "Invite a stratified random sample of this many, proportional by wijk.") var sample: Int?
    @Option(help: "Seed of the sample; the same seed draws the same members.") var seed: UInt64 = 1
    @Flag(name: .customLong("dry-run"), help: "Show who would be invited (and the sample plan) without inviting anyone.") var dryRun = false
    @Flag(name: .customLong("queue-only"), help: "Queue the messages for the running server to deliver instead of delivering them now.") var queueOnly = false

    func validate() throws {
        if let sample, sample < 1 { throw ValidationError("--sample must be 1 or more") }
    }

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
                surveyID: survey, audience: .init(wijken: wijken, buurten: buurten, memberIDs: memberIDs),
                sample: sample.map { .init(size: $0, seed: seed) }, dryRun: dryRun, deliverNow: !queueOnly)
        } catch let error as InvitationService.InviteError {
            throw CommandFailure(error.message)
        }
        if !summary.plan.isEmpty {
            print("sample plan (seed \(seed)):")
            for stratum in summary.plan { print("  \(stratum.name): \(stratum.drawn) of \(stratum.eligible) eligible") }
        }
        if summary.capped > 0 {
            print("left out: \(summary.capped) member(s) who already had \(context.configuration.maxInvitationsPerYear) invitations this year")
        }
        if dryRun {
            let count = summary.plan.isEmpty ? summary.eligible : summary.plan.reduce(0) { $0 + $1.drawn }
            print("dry run: \(count) would be invited (\(summary.eligible) eligible, \(summary.alreadyInvited) already invited); nothing written")
            return
        }
        if let linksCSV {
            let rows = ["member_id,link"] + summary.invited.map { "\($0.memberID),\($0.link)" }
            do { try (rows.joined(separator: "\n") + "\n").write(toFile: linksCSV, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(linksCSV): \(error.localizedDescription)")
            }
        }
        print("\(survey): \(summary.invited.count) invited, \(summary.alreadyInvited) already invited, \(summary.eligible) eligible")
        if let delivery = summary.delivery { printDelivery(delivery, context) }
        if !summary.unknownMemberIDs.isEmpty {
            print("not invited (unknown or inactive member ids): \(summary.unknownMemberIDs.joined(separator: ", "))")
        }
        if let linksCSV { print("links written to \(linksCSV)") }
    }
}

/// How the outbox delivery went, for commands that send mail.
func printDelivery(_ delivery: OutboxDelivery.Summary, _ context: AppContext) {
    let place = context.configuration.smtpHost.map { "via \($0)" } ?? "to \(context.configuration.outboxDirectory)"
    print("messages: \(delivery.sent) sent \(place), \(delivery.retrying) waiting for a retry, \(delivery.failed) failed")
}
