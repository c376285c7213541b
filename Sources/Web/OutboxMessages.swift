import Foundation
import Mail
import Secrets
import Storage
import Surveys

/// Messages for the outbox beyond invitations (sign-up confirmations, requests to stay, feedback):
/// rendered from a text and an HTML template of the same name, and sealed, since each holds a
/// personal link.
extension AppContext {
    /// The message from `email/<template>-<language>` and its `-html` twin.
    func email(_ template: String, language: Language, to address: String, subject: String, values: [String: Any],
               unsubscribe: String? = nil) -> EmailMessage {
        var values = values
        values["municipality"] = configuration.municipality
        let name = "email/\(template)-\(language.rawValue)"
        var headers: [(name: String, value: String)] = [("Auto-Submitted", "auto-generated")]
        if let unsubscribe { headers.insert(("List-Unsubscribe", "<\(unsubscribe)>"), at: 0) }
        return EmailMessage(
            from: Mailbox(name: configuration.mailFromName, address: configuration.mailFromAddress), to: Mailbox(address: address),
            subject: subject, text: renderer.render(name, values), html: renderer.render(name + "-html", values), extraHeaders: headers)
    }

    /// The message rendered, sealed to its recipient and ready to queue.
    func sealed(_ email: EmailMessage, kind: String, invitationID: Int64? = nil) throws -> OutboxRepository.Entry {
        let domain = configuration.mailFromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let rendered = email.rendered(messageID: try EmailMessage.newMessageID(domain: domain))
        let sealed = try AES256GCM.seal(Array(rendered.utf8), key: outboxKey, associatedData: OutboxDelivery.associatedData(recipient: email.to.address))
        return OutboxRepository.Entry(kind: kind, invitationID: invitationID, recipient: email.to.address, subject: email.subject, sealedBody: sealed)
    }
}
