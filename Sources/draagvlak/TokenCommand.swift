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
        @Option(help: "The token's role: \(StaffRole.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "What the token is for.") var label = "api"

        func validate() throws {
            guard StaffRole(rawValue: role) != nil else {
                throw ValidationError("unknown role '\(role)'; choose one of \(StaffRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let context = try await global.openContext()
            let token = try await context.database.apiTokens.create(role: role, label: label)
            print(token.value)
        }
    }
}
