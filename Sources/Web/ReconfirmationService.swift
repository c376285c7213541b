import Foundation
import Logging
import Mail
import Panel
import Secrets
import Storage
import Surveys

/// The yearly "are you still with us?": members whose last confirmation is older than a year are
/// asked, once, with a link to confirm; members who were asked and did not confirm within the grace
/// period are switched off (their answers stay, and confirming later brings them back). Meant to run
/// regularly, e.g. monthly: each run first switches off whoever is overdue, then asks whoever is due.
public struct ReconfirmationService: Sendable {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    public static let defaultPeriodDays = 365
    public static let defaultGraceDays = 30

    public struct Summary: Sendable {
        /// Members due to be asked (asked, when sending).
        public let due: [String]
        /// Members asked earlier who did not confirm in time (switched off, when sending).
        public let overdue: [String]
        public let sent: Bool
        public let delivery: OutboxDelivery.Summary?
    }

    /// With `send` false nothing changes: the summary says what a run would do.
    public func run(periodDays: Int = defaultPeriodDays, graceDays: Int = defaultGraceDays, send: Bool, deliverNow: Bool = true,
                    now: Date = Date()) async throws -> Summary {
        let day: TimeInterval = 24 * 3600
        let members = context.database.members
        let overdue = try await members.overdueReconfirmations(askedBefore: now.addingTimeInterval(-Double(graceDays) * day))
        if send && !overdue.isEmpty {
            try await members.lapse(overdue, at: now)
            context.logger.notice("re-confirmation: \(overdue.count) member(s) did not confirm within \(graceDays) days and were deactivated")
        }
        let due = try await members.dueForReconfirmation(confirmedBefore: now.addingTimeInterval(-Double(periodDays) * day))
        guard send else { return Summary(due: due.map(\.id), overdue: overdue, sent: false, delivery: nil) }
        var entries: [OutboxRepository.Entry] = []
        for member in due {
            let link = context.configuration.link(forToken: try await context.database.personalLinks.issue(memberID: member.id, purpose: .reconfirm).value)
            entries.append(try context.sealed(message(to: member, link: link, graceDays: graceDays, now: now), kind: "reconfirm"))
        }
        try await context.database.outbox.enqueue(entries)
        try await members.markAskedToReconfirm(due.map(\.id), at: now)
        let delivery = deliverNow && !entries.isEmpty ? try await context.outboxDelivery().deliverDue() : nil
        if !due.isEmpty { context.logger.notice("re-confirmation: \(due.count) member(s) asked whether they want to stay") }
        return Summary(due: due.map(\.id), overdue: overdue, sent: true, delivery: delivery)
    }

    func message(to member: Member, link: String, graceDays: Int, now: Date) -> Mail.EmailMessage {
        let language = Language(rawValue: member.language) ?? .nl
        return context.email(
            "reconfirm", language: language, to: member.email,
            subject: language == .en ? "Are you still with the citizens' panel?" : "Doet u nog mee met het burgerpanel?",
            values: [
                "confirm": link + "/bevestigen", "myPanel": link + "/mijn-panel", "unsubscribe": link + "/afmelden", "privacy": link + "/privacy",
                "deadline": MemberDates.text(now.addingTimeInterval(Double(graceDays) * 24 * 3600), language),
            ],
            unsubscribe: link + "/afmelden")
    }
}
