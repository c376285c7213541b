import ArgumentParser
import Foundation
import Web

extension SurveyCommand {
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a closed survey's results with the municipality's decision, and send the feedback.",
            discussion: """
                The decision is a UTF-8 text file (blank lines separate paragraphs, at most \(FeedbackService.maxDecisionLength) \
                characters); it appears on the public results page and in the feedback message, after the key outcome and \
                the survey's own 'feedback' text. Respondents get the message; with --all-invitees (or the setting \
                feedback_all_invitees) everyone invited does. Running it again updates the decision and sends only to whoever \
                has had no feedback on this survey yet: nobody gets it twice. Nothing is sent for a survey that has not closed.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The survey id.") var survey: String
        @Option(help: "The decision, in Dutch (a text file).") var decision: String
        @Option(name: .customLong("decision-en"), help: "The decision in English, for members who read English (a text file).") var decisionEN: String?
        @Flag(name: .customLong("all-invitees"), help: "Send the feedback to everyone invited, not only to those who answered.") var allInvitees = false
        @Flag(name: .customLong("queue-only"), help: "Queue the messages for the running server to deliver instead of delivering them now.") var queueOnly = false

        func run() async throws {
            let context = try await global.openContext()
            let decisionNL = try read(decision)
            let english = try decisionEN.map(read)
            let summary: FeedbackService.Summary
            do {
                summary = try await FeedbackService(context: context).publish(
                    surveyID: survey, decisionNL: decisionNL, decisionEN: english, allInvitees: allInvitees ? true : nil,
                    actor: CommandLineActor.name, deliverNow: !queueOnly)
            } catch let error as FeedbackService.PublishError {
                throw CommandFailure(error.message)
            }
            print("\(survey): \(summary.firstPublication ? "published" : "already published; decision updated")")
            print("feedback queued: \(summary.queuedToRespondents) to respondents, \(summary.queuedToInvitees) to other invitees")
            print("results: \(context.configuration.resultsLink(surveyID: survey))")
            if let delivery = summary.delivery { printDelivery(delivery, context) }
        }

        private func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read the decision file \(path)") }
            guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(path) is not UTF-8 text") }
            return text
        }
    }
}
