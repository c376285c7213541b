import Foundation
import Logging
import Mail
import Panel
import Secrets
import Storage
import Surveys

/// Publishing a closed survey's results with the municipality's decision, and telling the people who
/// took part (*terugkoppeling*): the key outcome, the decision, the survey's own promise of what
/// would be done, and links to the public results and their own panel page. Nothing is sent before
/// publication; running it again corrects the decision text and sends only to whoever has had no
/// feedback yet (for example invitees, when asked for the second time).
public struct FeedbackService: Sendable {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    /// The longest decision text accepted: a few paragraphs, not a report.
    public static let maxDecisionLength = 10_000

    public struct PublishError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    public struct Summary: Sendable {
        public let surveyID: String
        /// False when the survey had been published before (the decision text was updated).
        public let firstPublication: Bool
        public let queuedToRespondents: Int
        public let queuedToInvitees: Int
        public let delivery: OutboxDelivery.Summary?
    }

    /// Publishes `surveyID` with the decision and queues the feedback. `allInvitees` nil follows
    /// the configuration (`feedback_all_invitees`).
    public func publish(
        surveyID: String, decisionNL: String, decisionEN: String? = nil, allInvitees: Bool? = nil, actor: String,
        deliverNow: Bool = true, now: Date = Date()
    ) async throws -> Summary {
        guard let survey = try await context.survey(surveyID) else {
            let known = context.catalog.all.map(\.definition.id).sorted().joined(separator: ", ")
            throw PublishError(message: "no survey '\(surveyID)' is loaded (loaded: \(known.isEmpty ? "none" : known))")
        }
        let definition = survey.definition
        guard let closes = definition.closes else {
            throw PublishError(message: "survey '\(surveyID)' has no closing date; results are published only after a survey closes")
        }
        guard now >= closes.endInstant else {
            throw PublishError(message: "survey '\(surveyID)' is still open until \(closes.dutchDescription); publish it after it closes")
        }
        let decisionNL = try Self.checkedDecision(decisionNL, name: "the decision")
        let decisionEN = try decisionEN.map { try Self.checkedDecision($0, name: "the English decision") }
        guard let report = try await ResultsReport.current(context, surveyID: surveyID) else {
            throw PublishError(message: "the results of '\(surveyID)' cannot be computed")
        }
        let (publication, first) = try await context.database.publications.publish(
            surveyID: surveyID, decisionNL: decisionNL, decisionEN: decisionEN, actor: actor, at: now)
        let recipients = try await context.database.publications.feedbackRecipients(
            surveyID: surveyID, includeInvitees: allInvitees ?? context.configuration.feedbackAllInvitees)
        var messages: [PublicationRepository.Feedback] = []
        for recipient in recipients {
            let token = try SecretToken.generate()
            let email = message(definition, report: report, publication: publication, to: recipient, link: context.configuration.link(forToken: token.value))
            messages.append(.init(entry: try context.sealed(email, kind: "feedback", invitationID: recipient.invitationID), token: token))
        }
        _ = try await context.database.publications.enqueue(messages)
        let delivery = deliverNow ? try await context.outboxDelivery().deliverDue() : nil
        context.logger.notice("survey \(surveyID) \(first ? "published" : "decision updated"); feedback queued for \(messages.count)")
        return Summary(surveyID: surveyID, firstPublication: first, queuedToRespondents: recipients.filter(\.responded).count,
                       queuedToInvitees: recipients.filter { !$0.responded }.count, delivery: delivery)
    }

    /// The message for one recipient, in their language.
    func message(_ definition: SurveyDefinition, report: ResultsReport, publication: PublicationRepository.Publication,
                 to recipient: PublicationRepository.Recipient, link: String) -> Mail.EmailMessage {
        let language = Language(rawValue: recipient.member.language) ?? .nl
        let title = definition.title.text(in: language)
        var values: [String: Any] = [
            "title": title, "responded": recipient.responded,
            "outcome": OutcomeText.sentences(report, language),
            "decision": publication.decision(in: language.rawValue),
            "results": context.configuration.resultsLink(surveyID: definition.id),
            "myPanel": link + "/mijn-panel", "unsubscribe": link + "/afmelden", "privacy": link + "/privacy",
        ]
        if let feedback = definition.feedback { values["promise"] = feedback.text(in: language) }
        let subject: String =
            switch (recipient.responded, language) {
            case (true, .nl): "Wat er met uw mening is gedaan: \(title)"
            case (true, .en): "What was done with your opinion: \(title)"
            case (false, .nl): "De uitkomst van \(title)"
            case (false, .en): "The outcome of \(title)"
            }
        return context.email("feedback", language: language, to: recipient.member.email, subject: subject, values: values,
                             unsubscribe: link + "/afmelden")
    }

    /// The text trimmed, not empty, not too long and without control characters other than line breaks and tabs.
    static func checkedDecision(_ text: String, name: String) throws(PublishError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw PublishError(message: "\(name) is empty; write what the municipality decided") }
        guard trimmed.count <= maxDecisionLength else {
            throw PublishError(message: "\(name) has \(trimmed.count) characters; at most \(maxDecisionLength) are accepted")
        }
        if let bad = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
            throw PublishError(message: "\(name) contains the control character U+\(String(bad.value, radix: 16, uppercase: true)); is it a text file?")
        }
        return trimmed
    }
}
