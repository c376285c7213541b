import Surveys
import Web
import Storage
import Logging
import ArgumentParser
import Foundation
import SurveyFiles

struct SurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey", abstract: "Work with survey files and publish results.", subcommands: [Check.self, Publish.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate survey files without a server; prints every error as file:line:column and exits 1 on any.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Files to check (default: every file in the surveys folder).") var files: [String] = []

        func run() async throws {
            let issues: [SurveyFileIssue]
            var checked: [String] = []
            if files.isEmpty {
                let folder = try global.configuration().surveysDirectory
                let result = SurveyFileLoader.loadDirectory(folder)
                issues = result.issues
                checked = result.definitions.map(\.id)
            } else {
                var collected: [SurveyFileIssue] = []
                for file in files {
                    do { checked.append(try SurveyFileLoader.load(path: file).id) } catch { collected += error.issues }
                }
                issues = collected
            }
            for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
            guard issues.isEmpty else {
                throw CommandFailure("\(issues.count) error(s) in survey files; \(checked.count) file(s) are fine")
            }
            print("ok: \(checked.count) survey(s): \(checked.joined(separator: ", "))")
        }
    }
}
