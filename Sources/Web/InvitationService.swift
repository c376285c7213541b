import Secrets
import Foundation
import Mail
import Panel
import Storage
import Surveys

/// Invites members to a survey: one personal link each, one message each through the outbox (the
/// `.eml` folder by default), and the links back to the caller for mail merge or letters.
public struct InvitationService: Sendable {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    public struct Audience: Sendable {
        public var wijken: [String] = []
        public var buurten: [String] = []
        /// When set, exactly these members (still limited to active ones).
        public var memberIDs: [String]?
        public init(wijken: [String] = [], buurten: [String] = [], memberIDs: [String]? = nil) {
            self.wijken = wijken
            self.buurten = buurten
            self.memberIDs = memberIDs
        }
    }

    public struct Summary: Sendable {
        public let surveyID: String
        public let eligible: Int
        public let invited: [(memberID: String, link: String)]
        public let alreadyInvited: Int
        public let unknownMemberIDs: [String]
    }

    public struct InviteError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    public func invite(surveyID: String, audience requested: Audience) async throws -> Summary {
        guard let survey = context.catalog[surveyID] else {
            let known = context.catalog.all.map(\.definition.id).joined(separator: ", ")
            throw InviteError(message: "no survey '\(surveyID)' is loaded (loaded: \(known.isEmpty ? "none" : known))")
        }
        let audience = try resolve(requested, default: survey.definition.audience)
        let candidates = try await context.database.members.active(ids: audience.memberIDs)
        let everyone = audience.wijken.isEmpty && audience.buurten.isEmpty
        let members = everyone ? candidates : candidates.filter { member in
            audience.wijken.contains(member.wijk) || (member.buurt.map(audience.buurten.contains) ?? false)
        }
        let unknown = audience.memberIDs.map { ids in Set(ids).subtracting(members.map(\.id)).sorted() } ?? []
        let result = try await context.database.invitations.issue(surveyID: surveyID, to: members)
        let outbox = EmlFolder(path: context.configuration.outboxDirectory)
        var sent: [(OutboxRepository.Entry, destination: String)] = []
        var links: [(memberID: String, link: String)] = []
        for issued in result.issued {
            let link = context.configuration.link(forToken: issued.token.value)
            let message = invitationMessage(survey.definition, member: issued.member, link: link)
            let messageID = try EmailMessage.newMessageID(domain: domain(of: context.configuration.mailFromAddress))
            let file = try outbox.deliver(message, messageID: messageID, fileStem: "\(surveyID)-\(issued.member.id)-\(issued.invitationID)")
            sent.append((OutboxRepository.Entry(kind: "invitation", invitationID: issued.invitationID, recipient: issued.member.email, subject: message.subject), file))
            links.append((issued.member.id, link))
        }
        try await context.database.outbox.recordSent(sent)
        return Summary(surveyID: surveyID, eligible: members.count, invited: links, alreadyInvited: result.alreadyInvited.count, unknownMemberIDs: unknown)
    }

    /// Canonical wijk and buurt names, or an error naming the unknown one and the known ones.
    private func resolve(_ requested: Audience, default fallback: Surveys.Audience?) throws -> Audience {
        var audience = requested
        if audience.wijken.isEmpty && audience.buurten.isEmpty && audience.memberIDs == nil, let fallback {
            audience.wijken = fallback.wijken
            audience.buurten = fallback.buurten
        }
        let gemeente = context.gemeente
        audience.wijken = try audience.wijken.map { name in
            guard let canonical = gemeente.canonicalWijk(name) else {
                throw InviteError(message: "unknown wijk '\(name)' (known: \(gemeente.wijken.joined(separator: ", ")))")
            }
            return canonical
        }
        return audience
    }

    func invitationMessage(_ definition: SurveyDefinition, member: Member, link: String) -> EmailMessage {
        let language = Language(rawValue: member.language) ?? .nl
        var values: [String: Any] = [
            "title": definition.title.text(in: language), "link": link, "municipality": context.configuration.municipality,
            "questionCount": definition.questions.count,
        ]
        if let closes = definition.closes { values["closes"] = closes.dutchDescription }
        if let intro = definition.intro { values["intro"] = intro.text(in: language) }
        let text = context.renderer.render("email/invitation-\(language.rawValue)", values)
        let subject = language == .en ? "Your opinion please: \(definition.title.text(in: .en))" : "Uw mening gevraagd: \(definition.title.nl)"
        return EmailMessage(
            from: Mailbox(name: context.configuration.mailFromName, address: context.configuration.mailFromAddress),
            to: Mailbox(address: member.email), subject: subject, text: text)
    }

    private func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
