import ArgumentParser
import Foundation
import Initiatives
import Panel
import Storage
import Web

struct BudgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget", abstract: "District budgets: what is allocated, committed, spent and left; transfers and carry-over.",
        subcommands: [Show.self, Transfer.self, CarryOver.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a wijk's budget lines for a year as JSON (allocated, committed, spent, remaining, in cents).",
            discussion: "With --pot, the gemeente-wide wijkkansen pot instead of a wijk.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The wijk (case-insensitive).") var wijk: String?
        @Option(help: "The budget year.") var year: Int
        @Flag(help: "Show the wijkkansen pot.") var pot = false
        @Flag(help: "Also list the initiatives behind the amounts.") var initiatives = false

        func validate() throws {
            guard pot != (wijk != nil) else { throw ValidationError("give either --wijk W or --pot") }
            guard (2000...2100).contains(year) else { throw ValidationError("--year must be a year such as 2026") }
        }

        func run() async throws {
            let context = try await global.openContext()
            var canonical: String?
            if let wijk {
                guard let found = context.gemeente.canonicalWijk(wijk) else {
                    throw CommandFailure("unknown wijk '\(wijk)'; the wijken are \(context.gemeente.wijken.joined(separator: ", "))")
                }
                canonical = found
            }
            let overview = try await BudgetOverview.load(context, wijk: canonical, year: year)
            print(String(decoding: overview.json(includingInitiatives: initiatives), as: UTF8.self))
        }
    }

    struct Transfer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a half-yearly transfer of budget from one wijk to another (a decision of the wethouder buurten).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Amount in euros, e.g. 2500 or 2.500,00.") var amount: String
        @Option(help: "subsidie or handgeld.") var line: String
        @Option(help: "The giving wijk.") var from: String
        @Option(help: "The receiving wijk.") var to: String
        @Option(help: "The budget year.") var year: Int
        @Option(help: "1 or 2: the half of the year the transfer belongs to.") var half: Int
        @Option(help: "Why (recorded with the decision).") var motivation: String
        @Option(help: "Who decided, as recorded (e.g. 'wethouder_buurten: J. Jansen').") var decidedBy: String

        func run() async throws {
            let context = try await global.openContext()
            guard let cents = Cents(euros: amount) else { throw ValidationError("--amount '\(amount)' is not an amount in euros") }
            guard let budgetLine = BudgetLine(rawValue: line) else { throw ValidationError("--line must be subsidie or handgeld") }
            guard let giver = context.gemeente.canonicalWijk(from), let receiver = context.gemeente.canonicalWijk(to) else {
                throw CommandFailure("unknown wijk; the wijken are \(context.gemeente.wijken.joined(separator: ", "))")
            }
            do {
                try await BudgetDecisions(context: context).transfer(
                    cents, line: budgetLine, from: giver, to: receiver, year: year, half: half, motivation: motivation, actor: decidedBy)
            } catch { throw CommandFailure("\(error)") }
            print("transferred \(cents.dutch) of \(budgetLine.rawValue) from \(giver) to \(receiver) in \(year)")
        }
    }

    struct CarryOver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "carry-over", abstract: "Carry what is left of a budget line at the end of a year over to the next year.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The wijk; omit with --line wijkkansen.") var wijk: String?
        @Option(help: "subsidie, handgeld or wijkkansen.") var line: String
        @Option(help: "The year whose remainder moves to the next.") var year: Int
        @Option(help: "Why (recorded with the decision).") var motivation: String
        @Option(help: "Who decided, as recorded.") var decidedBy: String

        func run() async throws {
            let context = try await global.openContext()
            guard let budgetLine = BudgetLine(rawValue: line), budgetLine != .investering else {
                throw ValidationError("--line must be subsidie, handgeld or wijkkansen")
            }
            var canonical: String?
            if budgetLine != .wijkkansen {
                guard let wijk, let found = context.gemeente.canonicalWijk(wijk) else { throw ValidationError("--wijk names a wijk of the gemeente") }
                canonical = found
            }
            let carried: Cents
            do {
                carried = try await BudgetDecisions(context: context).carryOver(
                    line: budgetLine, wijk: canonical, from: year, motivation: motivation, actor: decidedBy)
            } catch { throw CommandFailure("\(error)") }
            print("carried \(carried.dutch) of \(budgetLine.rawValue) \(canonical ?? "wijkkansen") from \(year) to \(year + 1)")
        }
    }
}
