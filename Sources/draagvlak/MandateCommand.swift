import ArgumentParser
import Foundation
import Initiatives
import Panel
import RuleFiles
import Web

struct MandateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mandate", abstract: "The mandate and budget rules: who decides a request, and whether the rule files hold.",
        subcommands: [Route.self, Check.self])

    struct Route: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print as JSON which band, deciders and budget line a request falls under (the same JSON as the API).",
            discussion: "Judged by the rule edition in force on the submission date. Exits 1 with the reason when no band allows the request.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The amount requested from the budget, in euros: 2000, 2000.01 or 2.000,01.") var amount: String
        @Option(help: "The wijk of the initiative (any capitalisation).") var wijk: String
        @Option(help: "The submission date, YYYY-MM-DD.") var date: String
        @Option(help: "regulier, wijkkans or investering.") var kind = InitiativeKind.regulier.rawValue

        func validate() throws {
            do throws(MandateQuery.Invalid) { _ = try query() } catch { throw ValidationError(error.message) }
        }

        func run() async throws {
            let query = try query()
            let context = try await global.openContext()
            let route: MandateRoute
            do throws(MandateError) { route = try query.route(in: context.rules) } catch {
                guard error.isInvalidRequest else { throw CommandFailure(error.description) }
                // A usage error (exit 2), but about the value given, so without the usage text.
                FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
                throw ExitCode.validationFailure
            }
            FileHandle.standardOutput.write(Data(MandateQuery.json(route) + [10]))
        }

        private func query() throws(MandateQuery.Invalid) -> MandateQuery {
            try MandateQuery(amount: amount, wijk: wijk, date: date, kind: kind)
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate rule files without a server; prints every error as file:line:column and exits 1 on any.",
            discussion: "The budget tables are checked against the wijken of the population file (population_file setting).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Rule files or folders of them (default: the rules folder in the resources).") var paths: [String] = []

        func run() async throws {
            let configuration = try global.configuration()
            let wijken = try Self.wijken(configuration)
            var files: [String] = []
            var issues: [RuleFileIssue] = []
            for path in paths.isEmpty ? [configuration.rulesDirectory] : paths {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                    files.append(path)
                    continue
                }
                do throws(RuleFileErrors) {
                    let found = try RuleFileLoader.ruleFiles(in: path)
                    if found.isEmpty { issues.append(RuleFileIssue(file: path, line: 0, column: 0, message: "the folder has no rule files (*.yaml)")) }
                    files += found
                } catch { issues += error.issues }
            }
            var book: RuleBook?
            if issues.isEmpty {
                do throws(RuleFileErrors) { book = try RuleFileLoader.loadBook(paths: files, wijken: wijken) } catch { issues += error.issues }
            }
            for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
            guard let book, issues.isEmpty else { throw CommandFailure("\(issues.count) error(s) in rule files") }
            let editions = book.editions.map { "\($0.id) (from \($0.effectiveFrom))" }
            print("ok: \(editions.count) edition(s): \(editions.joined(separator: ", "))")
        }

        /// The wijken the budget tables must list, from the shipped population file.
        static func wijken(_ configuration: AppConfiguration) throws -> [String] {
            let path = configuration.populationPath
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandFailure("cannot read the population file \(path)") }
            do { return try PopulationTable.parse(text).gemeente(named: configuration.municipality).wijken } catch {
                throw CommandFailure("\(path): \(error)")
            }
        }
    }
}
