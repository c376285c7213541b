import Foundation
import Mail
import Panel
import Secrets
import Storage
import Surveys
import Synchronization

/// Invites members to a survey and reminds those who have not answered: one personal link each,
/// one message each through the outbox, and the links back to the caller for mail merge or letters.
public struct InvitationService: Sendable {
    public let context: AppContext
    /// Message texts rendered once per template and survey during this service's one invite or remind.
    private let rendered = RenderedMessages()

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

    /// A stratified random sample of the audience instead of all of it.
    public struct Sample: Sendable {
        public var size: Int
        public var seed: UInt64
        public init(size: Int, seed: UInt64) {
            self.size = size
            self.seed = seed
        }
    }

    public struct Summary: Sendable {
        public let surveyID: String
        /// Active members in the audience who were not invited to this survey before.
        public let eligible: Int
        /// Left out because they already had the yearly maximum of invitations.
        public let capped: Int
        public let alreadyInvited: Int
        /// Per stratum, when a sample was drawn.
        public let plan: [StratifiedSample.Stratum]
        public let invited: [(memberID: String, link: String)]
        public let unknownMemberIDs: [String]
        public let delivery: OutboxDelivery.Summary?
    }

    public struct InviteError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    /// Invites the audience (or a sample of it). With `dryRun` nothing is written: the summary says
    /// what would happen. With `deliverNow` the outbox is emptied before returning.
    public func invite(surveyID: String, audience requested: Audience, sample: Sample? = nil, dryRun: Bool = false,
                       deliverNow: Bool = true) async throws -> Summary {
        guard let survey = context.catalog[surveyID] else {
            let known = context.catalog.all.map(\.definition.id).joined(separator: ", ")
            throw InviteError(message: "no survey '\(surveyID)' is loaded (loaded: \(known.isEmpty ? "none" : known))")
        }
        let audience = try resolve(requested, default: survey.definition.audience)
        let candidates = try await context.database.members.active(ids: audience.memberIDs)
        let everyone = audience.wijken.isEmpty && audience.buurten.isEmpty
        let inAudience = everyone ? candidates : candidates.filter { member in
            audience.wijken.contains(member.wijk) || (member.buurt.map(audience.buurten.contains) ?? false)
        }
        let unknown = audience.memberIDs.map { ids in Set(ids).subtracting(inAudience.map(\.id)).sorted() } ?? []
        let invitedBefore = try await context.database.invitations.memberIDs(surveyID: surveyID)
        let fresh = inAudience.filter { !invitedBefore.contains($0.id) }
        let yearAgo = Date().addingTimeInterval(-365 * 24 * 3600)
        let (eligible, capped) = InvitationCap(maxPerYear: context.configuration.maxInvitationsPerYear)
            .apply(to: fresh, invitationsThisYear: try await context.database.invitations.counts(since: yearAgo))
        var chosen = eligible
        var plan: [StratifiedSample.Stratum] = []
        if let sample {
            let drawn = StratifiedSample.draw(from: eligible, size: sample.size, seed: sample.seed)
            chosen = drawn.members
            plan = drawn.plan
        }
        let alreadyInvited = inAudience.count - fresh.count
        guard !dryRun else {
            return Summary(surveyID: surveyID, eligible: eligible.count, capped: capped, alreadyInvited: alreadyInvited, plan: plan,
                           invited: [], unknownMemberIDs: unknown, delivery: nil)
        }
        let result = try await context.database.invitations.issue(surveyID: surveyID, to: chosen)
        var links: [(memberID: String, link: String)] = []
        var entries: [OutboxRepository.Entry] = []
        for issued in result.issued {
            let link = context.configuration.link(forToken: issued.token.value)
            entries.append(try message(.invitation, survey.definition, member: issued.member, link: link, invitationID: issued.invitationID))
            links.append((issued.member.id, link))
        }
        try await context.database.outbox.enqueue(entries)
        let delivery = deliverNow ? try await context.outboxDelivery().deliverDue() : nil
        return Summary(surveyID: surveyID, eligible: eligible.count, capped: capped, alreadyInvited: alreadyInvited + result.alreadyInvited.count,
                       plan: plan, invited: links, unknownMemberIDs: unknown, delivery: delivery)
    }

    public struct ReminderSummary: Sendable {
        public let reminded: [(memberID: String, link: String)]
        public let delivery: OutboxDelivery.Summary?
    }

    /// Reminds invitees who have not answered (and have not left the panel), at most `maxReminders`
    /// times per invitation. Each reminder carries a new link; the first one keeps working.
    public func remind(surveyID: String, maxReminders: Int, deliverNow: Bool = true) async throws -> ReminderSummary {
        guard let survey = context.catalog[surveyID] else { throw InviteError(message: "no survey '\(surveyID)' is loaded") }
        guard survey.definition.isOpen(at: Date()) else { throw InviteError(message: "survey '\(surveyID)' is not open; no reminders sent") }
        let pending = try await context.database.invitations.needingReminder(surveyID: surveyID, maxReminders: maxReminders)
        var entries: [OutboxRepository.Entry] = []
        var reminded: [(memberID: String, link: String)] = []
        for (invitationID, member) in pending {
            let link = context.configuration.link(forToken: try await context.database.invitations.addLink(to: invitationID).value)
            entries.append(try message(.reminder, survey.definition, member: member, link: link, invitationID: invitationID))
            reminded.append((member.id, link))
        }
        try await context.database.outbox.enqueue(entries)
        try await context.database.invitations.markReminded(pending.map(\.invitationID))
        let delivery = deliverNow ? try await context.outboxDelivery().deliverDue() : nil
        return ReminderSummary(reminded: reminded, delivery: delivery)
    }

    /// Canonical wijk names, or an error naming the unknown one and the known ones.
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

    enum MessageKind: String { case invitation, reminder }

    /// The message for one member, rendered and sealed for the outbox.
    func message(_ kind: MessageKind, _ definition: SurveyDefinition, member: Member, link: String, invitationID: Int64) throws -> OutboxRepository.Entry {
        let language = Language(rawValue: member.language) ?? .nl
        let email = composeMessage(kind, definition, to: member.email, language: language, link: link)
        let domain = context.configuration.mailFromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let rendered = email.rendered(messageID: try EmailMessage.newMessageID(domain: domain))
        let sealed = try AES256GCM.seal(Array(rendered.utf8), key: context.outboxKey, associatedData: OutboxDelivery.associatedData(recipient: member.email))
        return OutboxRepository.Entry(kind: kind.rawValue, invitationID: invitationID, recipient: member.email, subject: email.subject, sealedBody: sealed)
    }

    func composeMessage(_ kind: MessageKind, _ definition: SurveyDefinition, to address: String, language: Language, link: String) -> EmailMessage {
        let configuration = context.configuration
        let template = "email/\(kind.rawValue)-\(language.rawValue)"
        // Rendered once per survey with a stand-in for the link; each member's link is put in after.
        let texts = rendered.texts(template: template, surveyID: definition.id) {
            var values: [String: Any] = [
                "title": definition.title.text(in: language), "link": LinkStandIn.text, "municipality": configuration.municipality,
                "questionCount": definition.questions.count,
                // About half a minute per question, rounded up: an honest estimate people can plan by.
                "minutes": max(1, (definition.questions.count + 1) / 2),
                "unsubscribe": LinkStandIn.text + "/afmelden", "privacy": LinkStandIn.text + "/privacy",
            ]
            if let closes = definition.closes { values["closes"] = closes.dutchDescription }
            if let intro = definition.intro { values["intro"] = intro.text(in: language) }
            return (context.renderer.render(template, values), context.renderer.render(template + "-html", values))
        }
        let title = definition.title.text(in: language)
        let subject: String =
            switch (kind, language) {
            case (.invitation, .nl): "Uw mening gevraagd: \(title)"
            case (.invitation, .en): "Your opinion please: \(title)"
            case (.reminder, .nl): "Herinnering: \(title)"
            case (.reminder, .en): "Reminder: \(title)"
            }
        return EmailMessage(
            from: Mailbox(name: configuration.mailFromName, address: configuration.mailFromAddress), to: Mailbox(address: address),
            subject: subject, text: String(decoding: texts.text.with(link), as: UTF8.self),
            html: String(decoding: texts.html.with(LinkStandIn.htmlEscaped(link)), as: UTF8.self),
            extraHeaders: [("List-Unsubscribe", "<\(link)/afmelden>"), ("Auto-Submitted", "auto-generated")])
    }
}

/// The plain and HTML text of each message template, rendered with ``LinkStandIn``, per survey.
private final class RenderedMessages: Sendable {
    private let texts = Mutex<[String: (text: LinkStandIn, html: LinkStandIn)]>([:])

    func texts(template: String, surveyID: String, render: () -> (text: String, html: String)) -> (text: LinkStandIn, html: LinkStandIn) {
        let key = template + "\u{0}" + surveyID
        if let found = texts.withLock({ $0[key] }) { return found }
        let (text, html) = render()
        let made = (text: LinkStandIn(rendered: Array(text.utf8)), html: LinkStandIn(rendered: Array(html.utf8)))
        texts.withLock { $0[key] = made }
        return made
    }
}
