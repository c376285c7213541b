import ArgumentParser
import Foundation
import Initiatives
import Storage
import Web

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The tamper-evident audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain; exit 1 naming the first broken entry.",
            discussion: """
                Prints the number of entries and the hash of the last one. Note that head hash somewhere else \
                (minutes, a ticket): the chain shows changes inside the log, and the noted head shows that the \
                log was not rewritten or cut short as a whole.
                """)
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            switch try await context.database.audit.verify() {
            case .intact(let count, let head):
                print("audit log intact: \(count) \(count == 1 ? "entry" : "entries"), head \(head)")
            case .broken(let problem):
                throw CommandFailure("audit log broken at \(problem)")
            }
        }
    }
}
