import Foundation
import GRDB
import Panel

/// The yearly question "do you still want to be on the panel?". A member is due once their last
/// confirmation (signing up, or answering this question; for imported members, their import) is
/// older than the period; a member who was asked and does not confirm within the grace period
/// lapses: switched off, answers kept. Confirming later brings a lapsed member back.
extension MemberRepository {
    /// Members on the panel whose last confirmation is before `cutoff` and who have not been asked
    /// since, ordered by id.
    public func dueForReconfirmation(confirmedBefore cutoff: Date) async throws(StorageError) -> [Member] {
        try await run("find members to ask to stay") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.*, c.email, c.postcode FROM member m JOIN member_contact c ON c.member_id = m.id
                        WHERE m.active = 1 AND m.unsubscribed_at IS NULL AND m.erased_at IS NULL
                          AND COALESCE(m.confirmed_at, m.created_at) < ?
                          AND (m.reconfirm_asked_at IS NULL OR m.reconfirm_asked_at < COALESCE(m.confirmed_at, m.created_at))
                        ORDER BY m.id
                        """,
                    arguments: [Timestamp.format(cutoff)]
                ).map(Self.member(from:))
            }
        }
    }

    public func markAskedToReconfirm(_ ids: [String], at date: Date = Date()) async throws(StorageError) {
        try await run("record who was asked to stay") {
            try await pool.write { db in
                let statement = try db.makeStatement(sql: "UPDATE member SET reconfirm_asked_at = ? WHERE id = ?")
                for id in ids { try statement.execute(arguments: [Timestamp.format(date), id]) }
            }
        }
    }

    /// Members on the panel who were asked before `cutoff` and have not confirmed since, ordered by id.
    public func overdueReconfirmations(askedBefore cutoff: Date) async throws(StorageError) -> [String] {
        try await run("find members who did not confirm") {
            try await pool.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM member
                        WHERE active = 1 AND unsubscribed_at IS NULL AND erased_at IS NULL AND reconfirm_asked_at IS NOT NULL
                          AND reconfirm_asked_at >= COALESCE(confirmed_at, created_at) AND reconfirm_asked_at < ?
                        ORDER BY id
                        """,
                    arguments: [Timestamp.format(cutoff)])
            }
        }
    }

    /// Switches members off for not confirming; their answers stay. Returns how many.
    @discardableResult
    public func lapse(_ ids: [String], at date: Date = Date()) async throws(StorageError) -> Int {
        try await run("deactivate \(ids.count) members who did not confirm") {
            try await pool.write { db in
                let statement = try db.makeStatement(sql: "UPDATE member SET active = 0, lapsed_at = ?, updated_at = ? WHERE id = ? AND active = 1")
                var changed = 0
                for id in ids {
                    try statement.execute(arguments: [Timestamp.format(date), Timestamp.format(date), id])
                    changed += db.changesCount
                }
                return changed
            }
        }
    }

    public enum MembershipConfirmation: Hashable, Sendable {
        case confirmed
        /// The member had lapsed for not confirming and is on the panel again.
        case reactivated
        /// The member unsubscribed or was taken off the panel by staff; confirming does not undo that.
        case notOnPanel
        case unknown
    }

    /// The member says they want to stay.
    public func confirmMembership(_ id: String, at date: Date = Date()) async throws(StorageError) -> MembershipConfirmation {
        try await run("confirm a membership") {
            try await pool.write { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT active, lapsed_at, unsubscribed_at FROM member WHERE id = ? AND erased_at IS NULL", arguments: [id])
                else { return .unknown }
                let stamp = Timestamp.format(date)
                guard (row["unsubscribed_at"] as String?) == nil else { return .notOnPanel }
                if (row["lapsed_at"] as String?) != nil {
                    try db.execute(sql: "UPDATE member SET active = 1, lapsed_at = NULL, confirmed_at = ?, updated_at = ? WHERE id = ?",
                                   arguments: [stamp, stamp, id])
                    return .reactivated
                }
                guard row["active"] as Bool else { return .notOnPanel }
                try db.execute(sql: "UPDATE member SET confirmed_at = ?, updated_at = ? WHERE id = ?", arguments: [stamp, stamp, id])
                return .confirmed
            }
        }
    }
}
