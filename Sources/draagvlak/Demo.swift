import Storage
import Logging
import ArgumentParser
import Foundation
import Panel
import Web

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the deterministic synthetic demo panel (3,000 members across the wijken).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Number of members.") var count = 3000
    @Option(help: "Seed of the generator; the same seed gives the same panel.") var seed: UInt64 = 2026
    @Option(name: .customLong("reference-year"), help: "Year ages are computed against.") var referenceYear = 2026
    @Option(name: .customLong("csv"), help: "Also write the panel as an import CSV to this file.") var csvFile: String?

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be from 1 to 100000") }
    }

    func run() async throws {
        let context = try await global.openContext()
        let members = DemoPanel.generate(
            count: count, population: context.population, gemeenteName: context.configuration.municipality,
            seed: seed, referenceYear: referenceYear)
        let summary = try await context.database.members.upsert(members)
        if let csvFile {
            do { try DemoPanel.csv(members).write(toFile: csvFile, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(csvFile): \(error.localizedDescription)")
            }
        }
        let perWijk = Dictionary(grouping: members, by: \.wijk).mapValues(\.count)
        print("demo panel: \(members.count) members (\(summary.created) new, \(summary.updated) updated), seed \(seed)")
        for wijk in context.gemeente.wijken { print("  \(wijk): \(perWijk[wijk] ?? 0)") }
    }
}
