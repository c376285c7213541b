import ArgumentParser
import Foundation
import Secrets
import Storage
import Web

extension PanelCommand {
    struct RecruitCodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recruit-codes",
            abstract: "Issue single-use codes for recruitment letters to a random sample of residents.",
            discussion: """
                Each code leads to the ordinary sign-up form (/panel/aanmelden/<code>) and fills in nothing about the resident; \
                a member who joins with one is counted as recruited by letter. Only digests are stored: the codes are printed \
                (or written with --csv) once, for the mail merge.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "How many codes (1 to \(RecruitmentCodeRepository.maxPerRun)).") var count: Int
        @Option(help: "Write code,link for every code to this file instead of printing them.") var csv: String?

        func validate() throws {
            guard (1...RecruitmentCodeRepository.maxPerRun).contains(count) else {
                throw ValidationError("the number of codes must be 1 to \(RecruitmentCodeRepository.maxPerRun)")
            }
        }

        func run() async throws {
            let context = try await global.openContext()
            let codes = try await context.database.recruitmentCodes.issue(count)
            let rows = codes.map { "\($0.formatted),\(context.configuration.signUpLink(code: $0.formatted))" }
            if let csv {
                do { try (["code,link"] + rows).joined(separator: "\n").appending("\n").write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                    throw CommandFailure("cannot write \(csv): \(error.localizedDescription); the \(count) codes were issued but are lost, issue new ones")
                }
                print("\(count) code(s) written to \(csv)")
            } else {
                print("code,link")
                rows.forEach { print($0) }
            }
            let totals = try await context.database.recruitmentCodes.counts()
            FileHandle.standardError.write(Data("recruitment codes: \(totals.issued) issued, \(totals.used) used\n".utf8))
        }
    }

    struct Reconfirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The yearly question whether members want to stay: ask who is due, deactivate who did not answer.",
            discussion: """
                Without --send nothing changes: the command lists who would be asked and who would be deactivated. With --send, \
                members who were asked more than --deactivate-after days ago and did not confirm are deactivated (their answers \
                stay; confirming later brings them back), then members whose last confirmation is older than --period days get a \
                "still with us?" message with a link to confirm. Run it regularly, e.g. monthly.
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Send the messages and deactivate members who did not confirm in time.") var send = false
        @Option(name: .customLong("deactivate-after"), help: "Days a member has to confirm after being asked.")
        var deactivateAfter = ReconfirmationService.defaultGraceDays
        @Option(help: "Ask members whose last confirmation is older than this many days.") var period = ReconfirmationService.defaultPeriodDays
        @Flag(name: .customLong("queue-only"), help: "Queue the messages for the running server to deliver instead of delivering them now.") var queueOnly = false

        func validate() throws {
            guard (1...3650).contains(deactivateAfter) else { throw ValidationError("--deactivate-after must be 1 to 3650 days") }
            guard (1...3650).contains(period) else { throw ValidationError("--period must be 1 to 3650 days") }
        }

        func run() async throws {
            let context = try await global.openContext()
            let summary = try await ReconfirmationService(context: context).run(
                periodDays: period, graceDays: deactivateAfter, send: send, deliverNow: !queueOnly)
            if summary.sent {
                print("deactivated \(summary.overdue.count) member(s) who did not confirm within \(deactivateAfter) days")
                print("asked \(summary.due.count) member(s) whether they want to stay")
                if let delivery = summary.delivery { printDelivery(delivery, context) }
            } else {
                print("would deactivate \(summary.overdue.count) member(s) who did not confirm within \(deactivateAfter) days")
                print("would ask \(summary.due.count) member(s) whether they want to stay")
                print("dry run: nothing changed; add --send to do it")
            }
        }
    }
}
