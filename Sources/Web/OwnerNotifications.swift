import Foundation
import Initiatives
import Mail
import Secrets
import Storage

/// The initiative owner's e-mail: on submission, on every change of status (with the draagvlak when the
/// buurttoetsing ends and the decision with its motivation), and when the buco writes in the thread.
/// Each message carries a fresh personal status link and is sealed for the outbox like invitations.
struct OwnerNotifications {
    let context: AppContext

    /// For a transition or the submission.
    var onChange: InitiativeRepository.Notifier { notifier(message: nil) }

    /// For a message from the buco.
    func onMessage(_ text: String) -> InitiativeRepository.Notifier { notifier(message: text) }

    private func notifier(message: String?) -> InitiativeRepository.Notifier {
        let context = self.context
        return { initiative, contact, token in
            let link = "\(context.configuration.publicURL)/i/\(token.value)"
            var values: [String: Any] = [
                "name": contact.name, "title": initiative.title, "id": initiative.id, "statusLabel": initiative.status.label,
                "nextStep": initiative.status.nextStep, "link": link, "municipality": context.configuration.municipality,
            ]
            if let message { values["isMessage"] = true; values["message"] = message }
            if message == nil, initiative.status == .besluitvorming, let support = initiative.support {
                values["support"] = InitiativeView.support(
                    verdict: support.verdict, share: support.share, interval: support.lower.flatMap { l in support.upper.map { [l, $0] } },
                    n: support.respondents, threshold: support.threshold, minN: support.minN, live: false, surveyID: nil)
            }
            if message == nil, let decision = initiative.decision, initiative.status == .goedgekeurd || initiative.status == .afgewezen {
                let shown: [String: Any?] = [
                    "approved": decision.outcome == .goedgekeurd, "by": decision.by, "on": InitiativeView.dutchDate(decision.on),
                    "motivation": decision.motivation, "reference": decision.reference,
                ]
                values["decision"] = shown.compactMapValues { $0 }
            }
            let subject = message != nil
                ? "Bericht over uw initiatief: \(initiative.title)"
                : "Uw initiatief \(initiative.title): \(initiative.status.label.lowercased())"
            let configuration = context.configuration
            let email = EmailMessage(
                from: Mailbox(name: configuration.mailFromName, address: configuration.mailFromAddress), to: Mailbox(address: contact.email),
                subject: subject, text: context.renderer.render("email/initiative-update-nl", values),
                html: context.renderer.render("email/initiative-update-nl-html", values), extraHeaders: [("Auto-Submitted", "auto-generated")])
            let domain = configuration.mailFromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
            let rendered = email.rendered(messageID: try EmailMessage.newMessageID(domain: domain))
            let sealed = try AES256GCM.seal(
                Array(rendered.utf8), key: context.outboxKey, associatedData: OutboxDelivery.associatedData(recipient: contact.email))
            return OutboxRepository.Entry(kind: "initiative", invitationID: nil, recipient: contact.email, subject: email.subject, sealedBody: sealed)
        }
    }
}
