import Foundation

/// The instants between which a survey takes answers: from `opensAt` (when set) up to, not including,
/// `closesAt` (when set). Turning a file's local dates into instants takes a calendar computation in
/// Europe/Amsterdam time; a window worked out once answers "is it open now?" by two comparisons, which
/// matters on the answering page, where every request asks.
public struct OpeningWindow: Hashable, Sendable {
    public let opensAt: Date?
    public let closesAt: Date?

    public init(opensAt: Date?, closesAt: Date?) {
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    public func contains(_ instant: Date) -> Bool {
        if let opensAt, instant < opensAt { return false }
        if let closesAt, instant >= closesAt { return false }
        return true
    }

    /// Not open yet at `instant` (as opposed to closed already).
    public func isAhead(of instant: Date) -> Bool { opensAt.map { instant < $0 } ?? false }
}
