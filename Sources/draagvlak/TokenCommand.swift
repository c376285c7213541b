import Foundation
import Secrets
import Storage
import Logging
import ArgumentParser
import Web

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for staff scripts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token and print it once; only its digest is stored.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The token's role: \(StaffRole.names).") var role: String
        @Option(help: "The wijk the token acts for; required for the roles bound to one (buurtcoordinator, wijkwethouder, teammanager).")
        var wijk: String?
        @Option(help: "What the token is for.") var label = "api"

        func validate() throws {
            guard StaffRole(rawValue: role) != nil else { throw ValidationError("unknown role '\(role)'; choose one of \(StaffRole.names)") }
        }

        func run() async throws {
            let context = try await global.openContext()
            let role = StaffRole(rawValue: role)!
            let wijk = try StaffAccountRules.wijk(wijk, for: role, in: context.gemeente).mapError { CommandFailure($0.message) }.get()
            let token = try await context.database.apiTokens.create(role: role.rawValue, label: label, wijk: wijk, createdBy: CommandLineActor.name)
            print(token.value)
        }
    }
}

/// How the audit log names whoever runs a command: the system user, since the shell is the credential.
enum CommandLineActor {
    static var name: String {
        let environment = ProcessInfo.processInfo.environment
        return "cli:" + (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
    }
}
