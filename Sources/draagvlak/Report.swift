import Storage
import Logging
import ArgumentParser
import Foundation
import Web

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a survey's results (the same JSON as the API).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Option(help: "Output format.") var format: Format = .json

    func run() async throws {
        let context = try await global.openContext()
        guard let report = try await ResultsReport.current(context, surveyID: survey) else { throw CommandFailure("no survey '\(survey)'") }
        FileHandle.standardOutput.write(Data(report.json() + [10]))
    }
}
