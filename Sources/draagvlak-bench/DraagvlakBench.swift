import Foundation
import Logging
import Storage
import SurveyFiles
import Surveys
import Web

/// The in-process part of `scripts/bench`: times loading the survey files, inviting 3,000 members
/// (outbox files included) and computing the draagvlak of a survey all 3,000 answered, several times
/// each, and prints the timings as JSON. Not part of the product; `scripts/bench` builds and runs it.
///
///     draagvlak-bench [--surveys DIR] [--resources DIR] [--survey ID] [--repeats N] [--invite-repeats N]
@main
struct DraagvlakBench {
    struct Options {
        var surveys = "surveys"
        var resources = "Resources"
        var survey = "peiling-afvalinzameling"
        var repeats = 20
        var inviteRepeats = 3
    }

    struct Results: Encodable {
        var surveyFiles: Int
        var surveyYAMLLoad: Timing
        var surveyReload: Timing
        var invitation3000: Timing
        var outboxFilesWritten: Int
        var store3000Answers: Timing
        var draagvlak3000: Timing
        var resultsReport3000: Timing
        var resultsJSON3000: Timing

        enum CodingKeys: String, CodingKey {
            case surveyFiles = "survey_files"
            case surveyYAMLLoad = "survey_yaml_load"
            case surveyReload = "survey_reload_with_database"
            case invitation3000 = "invitation_3000_with_outbox"
            case outboxFilesWritten = "outbox_files_written"
            case store3000Answers = "store_3000_answers_concurrently"
            case draagvlak3000 = "draagvlak_3000_respondents"
            case resultsReport3000 = "results_report_3000_with_database"
            case resultsJSON3000 = "results_json_encode_3000"
        }
    }

    static func main() async {
        do {
            let results = try await run(try parse(Array(CommandLine.arguments.dropFirst())))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(results) + Data("\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("draagvlak-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchFailure("\(flag) needs a value") }
            switch flag {
            case "--surveys": options.surveys = value
            case "--resources": options.resources = value
            case "--survey": options.survey = value
            case "--repeats": options.repeats = try count(value, flag)
            case "--invite-repeats": options.inviteRepeats = try count(value, flag)
            default: throw BenchFailure("unknown option \(flag)")
            }
        }
        return options
    }

    private static func count(_ value: String, _ flag: String) throws -> Int {
        guard let number = Int(value), number > 0 else { throw BenchFailure("\(flag) must be a positive number, not '\(value)'") }
        return number
    }

    static func run(_ options: Options) async throws -> Results {
        var logger = Logger(label: "draagvlak-bench")
        logger.logLevel = .error

        let files = SurveyFileLoader.loadDirectory(options.surveys)
        guard files.issues.isEmpty else { throw BenchFailure("the survey files have errors: \(files.issues)") }
        let yamlLoad = await Timing.measure(repeats: options.repeats) { keep(SurveyFileLoader.loadDirectory(options.surveys)) }

        // Inviting writes to the panel's database, so each run gets a fresh one; the last is kept.
        var invitation: [Double] = []
        var panel: BenchPanel?
        var links: [(memberID: String, link: String)] = []
        for _ in 0..<options.inviteRepeats {
            panel?.remove()
            let fresh = try await BenchPanel.create(surveys: options.surveys, resources: options.resources, logger: logger)
            panel = fresh
            let start = ContinuousClock.now
            let summary = try await InvitationService(context: fresh.context).invite(surveyID: options.survey, audience: .init())
            invitation.append((ContinuousClock.now - start) / .milliseconds(1))
            links = summary.invited
        }
        guard let panel else { throw BenchFailure("no panel") }
        defer { panel.remove() }
        let context = panel.context
        let outboxFiles = (try? FileManager.default.contentsOfDirectory(atPath: context.configuration.outboxDirectory))?
            .filter { $0.hasSuffix(".eml") }.count ?? 0
        guard links.count == 3000, outboxFiles == 3000 else {
            throw BenchFailure("expected 3000 invitations and outbox files, got \(links.count) and \(outboxFiles)")
        }

        let reload = try await Timing.measure(repeats: options.repeats) { try await SurveyLoading.reload(context) }
        let store = try await Timing.measure(repeats: 1) { try await panel.answerAll(surveyID: options.survey, links: links) }

        guard let survey = context.catalog[options.survey], let question = survey.definition.supportQuestion else {
            throw BenchFailure("\(options.survey) has no support question")
        }
        let responses = context.database.responses
        let tally = try await responses.tally(surveyID: options.survey)
        let progress = try await responses.progressByWijk(surveyID: options.survey)
        let respondents = try await responses.respondents(surveyID: options.survey, questionID: question.id)
        let computed = ResultsReport(definition: survey.definition, tally: tally).withProgress(progress)
            .weighted(respondents: respondents, definition: survey.definition, population: context.population)
        guard computed.responded == 3000, computed.draagvlak?.weighted == true, computed.draagvlak?.breakdowns != nil else {
            throw BenchFailure("the report of 3000 answers is not weighted with breakdowns: \(String(decoding: computed.json(), as: UTF8.self))")
        }
        let draagvlak = await Timing.measure(repeats: options.repeats) {
            keep(ResultsReport(definition: survey.definition, tally: tally).withProgress(progress)
                .weighted(respondents: respondents, definition: survey.definition, population: context.population))
        }
        let report = try await Timing.measure(repeats: options.repeats) {
            keep(try await ResultsReport.uncached(context, surveyID: options.survey))
        }
        let json = await Timing.measure(repeats: options.repeats) { keep(computed.json()) }

        return Results(
            surveyFiles: files.definitions.count, surveyYAMLLoad: yamlLoad, surveyReload: reload, invitation3000: Timing(runs: invitation),
            outboxFilesWritten: outboxFiles, store3000Answers: store, draagvlak3000: draagvlak, resultsReport3000: report,
            resultsJSON3000: json)
    }
}
