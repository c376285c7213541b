import Storage
import Logging
import ArgumentParser
import Foundation
import Web

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a survey's results (the same JSON as the API).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, html, csv, sav }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Option(help: "Output format: json (results), csv or sav (anonymised responses).") var format: Format = .json
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output (needed for sav).") var output: String?

    func run() async throws {
        let context = try await global.openContext()
        let bytes: [UInt8]?
        switch format {
        case .json: bytes = try await ResultsReport.current(context, surveyID: survey).map { $0.json() + [10] }
        case .html: bytes = try await ReportPage.html(context, surveyID: survey).map { Array($0.utf8) }
        case .csv: bytes = try await ResponseExports.export(context, surveyID: survey, format: .csv)
        case .sav:
            guard output != nil else { throw ValidationError("--format sav writes a binary file; give --output FILE") }
            bytes = try await ResponseExports.export(context, surveyID: survey, format: .sav)
        }
        guard let bytes else { throw CommandFailure("no survey '\(survey)'") }
        if let output {
            do { try Data(bytes).write(to: URL(fileURLWithPath: output)) } catch {
                throw CommandFailure("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
