import Foundation
import Logging
import Storage
import Surveys

/// The waves of every series, and inviting each one when it opens: the same audience rules as the file,
/// each wave once. The server runs this every few minutes; `draagvlak waves --invite` does it by hand.
public struct WaveSchedule: Sendable {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    public struct Wave: Sendable, Encodable {
        public let series: String
        public let number: Int
        public let survey: String
        public let opens: String?
        public let closes: String?
        public let invited: Int
        public let isOpen: Bool
    }

    /// Every wave the catalog holds, by series and number.
    public func waves(now: Date = Date()) async throws -> [Wave] {
        var waves: [Wave] = []
        for entry in context.catalog.all {
            guard let link = entry.definition.wave else { continue }
            let invited = try await context.database.invitations.memberIDs(surveyID: entry.definition.id).count
            waves.append(Wave(series: link.series, number: link.number, survey: entry.definition.id,
                              opens: entry.definition.opens?.description, closes: entry.definition.closes?.description,
                              invited: invited, isOpen: entry.definition.isOpen(at: now)))
        }
        return waves.sorted { ($0.series, $0.number) < ($1.series, $1.number) }
    }

    /// Invites every open wave nobody has been invited to yet; returns (survey, invited) per wave.
    @discardableResult
    public func inviteDue(now: Date = Date(), deliverNow: Bool = false) async throws -> [(survey: String, invited: Int)] {
        var done: [(survey: String, invited: Int)] = []
        for wave in try await waves(now: now) where wave.isOpen && wave.invited == 0 {
            let summary = try await InvitationService(context: context).invite(surveyID: wave.survey, audience: .init(), deliverNow: deliverNow)
            context.logger.notice("wave \(wave.number) of \(wave.series) invited", metadata: ["survey": "\(wave.survey)", "invited": "\(summary.invited.count)"])
            done.append((wave.survey, summary.invited.count))
        }
        return done
    }
}

extension DraagvlakServer {
    /// Checks the wave schedule now and then every `interval` until cancelled.
    public func startWaveSchedule(every interval: Duration = .seconds(300)) -> Task<Void, Never> {
        let context = self.context
        return Task {
            while !Task.isCancelled {
                do { try await WaveSchedule(context: context).inviteDue() } catch { context.logger.error("waves: \(error)") }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
