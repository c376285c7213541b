import ArgumentParser
import Foundation
import Panel
import Storage
import Web

struct PopulationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population", abstract: "The population margins results are weighted to.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the population margins with a CSV file of scope,variable,category,total (all or nothing).",
            discussion: "scope is 'gemeente', a wijk or a buurt; e.g. 'gemeente,wijk,Oost,13870' or 'Oost,gender,vrouw,7143'.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            let context = try await global.openContext()
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure("cannot read \(file) as UTF-8 text") }
            let table: PopulationTable
            do { table = try PopulationTable.parse(text) } catch { throw CommandFailure("\(file): \(error)") }
            try await context.database.population.replace(with: table)
            let scopes = Set(table.rows.map(\.scope))
            print("imported \(table.rows.count) rows for \(scopes.count) scope(s); results are weighted to these margins from now on")
        }
    }
}
