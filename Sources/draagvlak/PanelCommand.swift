import Storage
import Logging
import ArgumentParser
import Foundation
import Panel
import Web

struct PanelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel", abstract: "Manage the panel's members.", subcommands: [Import.self, Deactivate.self, Reactivate.self, Stats.self, RecruitCodes.self, Reconfirm.self])

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The panel's composition beside the population: where to recruit.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            let composition = try await PanelComposition.current(context)
            print("\(composition.total) active members")
            let joined = try await context.database.members.recruitmentCounts()
            print("joined by: panel file \(joined["import"] ?? 0), sign-up \(joined["aanmelding"] ?? 0), recruitment letter \(joined["brief"] ?? 0)")
            print("variable   category            members  panel  population")
            for row in composition.rows {
                let population = row.populationShare.map { String(format: "%5.1f%%", $0 * 100) } ?? "     –"
                let flag = (row.populationShare.map { row.memberShare - $0 <= -0.03 } ?? false) ? "  under-represented" : ""
                print(row.variable.padding(toLength: 10, withPad: " ", startingAt: 0) + " "
                    + row.category.padding(toLength: 19, withPad: " ", startingAt: 0) + " "
                    + String(format: "%7d  %5.1f%%  ", row.members, row.memberShare * 100) + population + flag)
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark members as having left the panel; their answers stay.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member ids.") var ids: [String]

        func run() async throws {
            let changed = try await global.openContext().database.members.setActive(false, ids: ids)
            print("deactivated \(changed) of \(ids.count) member(s)")
        }
    }

    struct Reactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take members back onto the panel.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member ids.") var ids: [String]

        func run() async throws {
            let changed = try await global.openContext().database.members.setActive(true, ids: ids)
            print("reactivated \(changed) of \(ids.count) member(s)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update members from a CSV file, all or nothing; every bad line is reported.",
            discussion: "Columns: member_id, email, wijk, buurt, postcode, birth_year or age_band, gender, language.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check and report what would change, without writing.") var dryRun = false
        @Option(name: .customLong("reference-year"), help: "Year ages are computed against (default: this year).") var referenceYear: Int?

        func run() async throws {
            let context = try await global.openContext()
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CommandFailure("cannot read \(file) as UTF-8 text")
            }
            let year = referenceYear ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            let members: [Member]
            do { members = try MemberImport.parse(text, gemeente: context.gemeente, referenceYear: year) } catch {
                for issue in error.issues { FileHandle.standardError.write(Data("\(file): \(issue)\n".utf8)) }
                throw CommandFailure("\(error.issues.count) problem(s) in \(file); nothing was imported")
            }
            if dryRun {
                let existing = try await context.database.members.existingIDs(among: members.map(\.id))
                print("dry run: \(members.count - existing.count) would be created, \(existing.count) updated; nothing written")
                return
            }
            let summary = try await context.database.members.upsert(members)
            print("imported \(members.count) members: \(summary.created) created, \(summary.updated) updated")
        }
    }
}
