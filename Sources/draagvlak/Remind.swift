import Storage
import ArgumentParser
import Foundation
import Web

struct Remind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remind invitees who have not answered (nor left the panel), each with a fresh link.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Option(help: "At most this many reminders per invitation, counting earlier ones.") var max = 1

    func run() async throws {
        let context = try await global.openContext()
        do {
            let summary = try await InvitationService(context: context).remind(surveyID: survey, maxReminders: max)
            print("\(survey): \(summary.reminded.count) reminded")
            if let delivery = summary.delivery { printDelivery(delivery, context) }
        } catch let error as InvitationService.InviteError {
            throw CommandFailure(error.message)
        }
    }
}

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "The queue of outgoing mail.", subcommands: [Status.self, Deliver.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many messages are queued, sent and failed, and why the last ones failed.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            let counts = try await context.database.outbox.statusCounts()
            print("queued \(counts["queued"] ?? 0), sending \(counts["sending"] ?? 0), sent \(counts["sent"] ?? 0), failed \(counts["failed"] ?? 0)")
            for failure in try await context.database.outbox.recentFailures(limit: 20) {
                print("  failed #\(failure.id) \(failure.kind) to \(failure.recipient) after \(failure.attempts) attempt(s): \(failure.error)")
            }
        }
    }

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver every queued message that is due (the server does this by itself).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            printDelivery(try await context.outboxDelivery().deliverDue(), context)
        }
    }
}
