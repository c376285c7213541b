import Storage
import Logging
import ArgumentParser
import Foundation

@main
struct Draagvlak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draagvlak",
        abstract: "Polls, surveys and buurttoetsingen for a citizens' panel, with honest support scores.",
        discussion: """
            Settings come from defaults, then the configuration file (--config, or ./draagvlak.yaml when present), \
            then DRAAGVLAK_* environment variables (e.g. DRAAGVLAK_PUBLIC_URL), then flags.
            Exit codes: 0 success, 1 failure, 2 usage error.
            """,
        subcommands: [
            Serve.self, BackupCommand.self, Demo.self, SurveyCommand.self, PanelCommand.self, PopulationCommand.self, Invite.self, Letters.self, Revoke.self, Remind.self, OutboxCommand.self,
            Report.self, TokenCommand.self, UserCommand.self, AuditCommand.self, MandateCommand.self, BudgetCommand.self, WavesCommand.self,
        ])

    /// Parses and runs like ArgumentParser's own `main`, but with the exit codes the README promises:
    /// 2 for usage errors (ArgumentParser uses 64), 1 for every failure.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : 1)
        }
    }
}

/// A failure to report to the user as one message, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
