import ArgumentParser
import Foundation
import Web

struct WavesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waves", abstract: "Surveys asked in waves (repeat: or series:): the schedule, inviting due waves, the trend.",
        subcommands: [List.self, Invite.self, Trend.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every wave: its survey id, window, whether it is open, how many were invited.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            let waves = try await WaveSchedule(context: context).waves()
            if waves.isEmpty { print("no survey declares waves (repeat: or series:)") }
            for wave in waves {
                print("\(wave.series) wave \(wave.number): \(wave.survey), \(wave.opens ?? "?") – \(wave.closes ?? "?"), \(wave.isOpen ? "open" : "not open"), \(wave.invited) invited")
            }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite every open wave nobody has been invited to yet (the server also does this every few minutes).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.openContext()
            let done = try await WaveSchedule(context: context).inviteDue(deliverNow: true)
            if done.isEmpty { print("no wave is due") }
            for wave in done { print("\(wave.survey): invited \(wave.invited) members") }
        }
    }

    struct Trend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The trend of a series over its waves, as JSON or HTML.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The series id (the id of the file with repeat:, or the id its series: names).") var series: String
        @Option(help: "json or html.") var format = "json"

        func validate() throws {
            guard ["json", "html"].contains(format) else { throw ValidationError("--format must be json or html") }
        }

        func run() async throws {
            let context = try await global.openContext()
            guard let trend = try await SeriesTrend.load(context, series: series) else {
                throw CommandFailure("no loaded survey is a wave of '\(series)'")
            }
            if format == "json" {
                FileHandle.standardOutput.write(Data(trend.json() + [10]))
            } else {
                print(try await trend.staffHTML(context))
            }
        }
    }
}
