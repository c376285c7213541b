import ArgumentParser
import Foundation
import Secrets
import Storage
import Web

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Staff accounts: sign-in with a username and password at /admin/login.",
        subcommands: [Add.self, List.self, Disable.self, Password.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff account.",
            discussion: """
                The password comes from --password-file, or from standard input when that is not a terminal \
                (one line); otherwise a strong one is generated and printed once. At least \
                \(StaffAccountRules.minimumPasswordLength) characters.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Username (letters a-z, digits, '.', '_', '-'); compared without regard to case.") var username: String
        @Option(help: "The account's role: \(StaffRole.names).") var role: String
        @Option(help: "The wijk the account acts for; required for buurtcoordinator, wijkwethouder and teammanager.") var wijk: String?
        @Option(help: "The name pages show (default: the username).") var name: String?
        @Option(name: .customLong("password-file"), help: "Read the password from the first line of this file.") var passwordFile: String?

        func validate() throws {
            guard StaffRole(rawValue: role) != nil else { throw ValidationError("unknown role '\(role)'; choose one of \(StaffRole.names)") }
            if let problem = StaffAccountRules.problem(username: username) { throw ValidationError(problem) }
            if let name, let problem = StaffAccountRules.problem(displayName: name) { throw ValidationError(problem) }
        }

        func run() async throws {
            let context = try await global.openContext()
            let role = StaffRole(rawValue: role)!
            let wijk = try StaffAccountRules.wijk(wijk, for: role, in: context.gemeente).mapError { CommandFailure($0.message) }.get()
            let (password, generated) = try PasswordInput.read(file: passwordFile)
            let account = try await context.database.staffAccounts.create(
                username: username, displayName: name ?? username.lowercased(), role: role.rawValue, wijk: wijk,
                passwordHash: try PasswordHasher().hash(password), createdBy: CommandLineActor.name)
            print("created account \(account.username) (\(role.rawValue)\(wijk.map { ", wijk \($0)" } ?? ""))")
            if generated { print("password: \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff accounts.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            let now = Date()
            let accounts = try await context.database.staffAccounts.all()
            if accounts.isEmpty { print("no accounts; create one with: draagvlak user add USERNAME --role admin") }
            for account in accounts {
                let state = account.isDisabled ? "disabled" : account.isLocked(at: now) ? "locked" : "active"
                let columns = [account.username, account.role, account.wijk ?? "-", state, account.displayName]
                print(columns.joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a staff account; its sessions end at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The username.") var username: String

        func run() async throws {
            let context = try await global.openContext()
            guard try await context.database.staffAccounts.disable(username: username, by: CommandLineActor.name) else {
                throw CommandFailure("no active account named \(username.lowercased())")
            }
            print("disabled \(username.lowercased())")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password for a staff account; this lifts a lock and ends its sessions.",
            discussion: "The password is read as for `user add`.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The username.") var username: String
        @Option(name: .customLong("password-file"), help: "Read the password from the first line of this file.") var passwordFile: String?

        func run() async throws {
            let context = try await global.openContext()
            let (password, generated) = try PasswordInput.read(file: passwordFile)
            guard try await context.database.staffAccounts.setPassword(
                username: username, passwordHash: try PasswordHasher().hash(password), by: CommandLineActor.name)
            else { throw CommandFailure("no account named \(username.lowercased())") }
            print("changed the password of \(username.lowercased())")
            if generated { print("password: \(password)") }
        }
    }
}

/// Where a new password comes from: a file, a pipe, or (at a terminal) the generator.
enum PasswordInput {
    /// The password and whether it was generated (and so must be printed).
    static func read(file: String?) throws -> (String, generated: Bool) {
        let text: String
        if let file {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure("cannot read the password file \(file)") }
            text = contents
        } else if isatty(STDIN_FILENO) == 0 {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile().prefix(4096), as: UTF8.self)
        } else {
            return (try generate(), true)
        }
        let password = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        if let problem = StaffAccountRules.problem(password: password) { throw CommandFailure(problem) }
        return (password, false)
    }

    /// 20 characters of URL-safe Base64: 120 bits from the CSPRNG.
    static func generate() throws -> String { Base64URL.encode(try SecureRandom.bytes(15)) }
}
